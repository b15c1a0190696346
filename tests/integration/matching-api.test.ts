/**
 * GET /api/v1/demands/:id/matches and /api/v1/results/:id/matches over real
 * HTTP against the built, seeded server, once per database dialect. Needs
 * `npm run build` first. Bodies are parsed with the documented schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { errorSchema, matchListSchema } from "../../app/domain/api/api-schemas";
import { type RunningServer, serverDialects, signIn, startServer } from "../support/server";

const firstId = z.object({ hits: z.array(z.object({ id: z.int() })).min(1) });

for (const dialect of serverDialects()) {
  describe(`matches API on ${dialect}`, () => {
    let server: RunningServer;
    const cookies = { staff: "", engineer: "" };
    /** As bureau staff, who may read every listing's recommendations. */
    const get = (path: string, cookie = cookies.staff) =>
      fetch(`${server.baseUrl}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
    const ids = { demands: 0, results: 0 };

    beforeAll(async () => {
      server = await startServer(dialect, { DEMO_ACCOUNTS: "true" });
      cookies.staff = await signIn(server, "staff@demo.test");
      cookies.engineer = await signIn(server, "engineer@demo.test");
      for (const kind of ["demands", "results"] as const) {
        const response = await get(`/api/v1/${kind}?hitsPerPage=1`);
        ids[kind] = firstId.parse(await response.json()).hits[0]!.id;
      }
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
    });

    it.each(["demands", "results"] as const)(
      "lists matches of a published %s best first, with breakdown and reason",
      async (kind) => {
        const response = await get(`/api/v1/${kind}/${ids[kind]}/matches?limit=5`);
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
        const body = matchListSchema.parse(await response.json());
        expect(body.matches.length).toBeGreaterThan(0);
        expect(body.matches.length).toBeLessThanOrEqual(5);
        for (const [i, match] of body.matches.entries()) {
          expect(Object.values(match.breakdown).reduce((a, b) => a + b, 0)).toBe(match.score);
          expect(match.reason.length).toBeGreaterThan(0);
          if (i > 0) expect(body.matches[i - 1]!.score).toBeGreaterThanOrEqual(match.score);
        }
        const again = matchListSchema.parse(
          await (await get(`/api/v1/${kind}/${ids[kind]}/matches`)).json(),
        );
        expect(again.matches.length).toBeLessThanOrEqual(10);
        expect(again.matches.slice(0, body.matches.length)).toEqual(body.matches);
      },
    );

    it("answers an anonymous caller with 401 and a Bearer challenge", async () => {
      const response = await get(`/api/v1/demands/${ids.demands}/matches`, "");
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(errorSchema.parse(await response.json()).error.code).toBe("unauthenticated");
    });

    it("lets an enterprise member read its own demand's matches but not another organization's", async () => {
      const mine = (await (await get("/my", cookies.engineer)).text()).match(
        /\/my\/demands\/(\d+)/,
      );
      expect(mine).not.toBeNull();
      const own = await get(`/api/v1/demands/${mine![1]}/matches`, cookies.engineer);
      expect(own.status).toBe(200);
      expect(own.headers.get("cache-control")).toBe("private, no-store");
      const listing = firstId
        .parse(await (await get("/api/v1/demands?hitsPerPage=50", "")).json())
        .hits.find((h) => String(h.id) !== mine![1]);
      const other = await get(`/api/v1/demands/${listing!.id}/matches`, cookies.engineer);
      expect(other.status).toBe(403);
      expect(errorSchema.parse(await other.json()).error.code).toBe("forbidden");
    });

    it("refuses an unknown bearer token with 401 invalid_token", async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/results/${ids.results}/matches`, {
        headers: { Authorization: "Bearer tbk_not-a-real-token" },
      });
      expect(response.status).toBe(401);
      expect(errorSchema.parse(await response.json()).error.code).toBe("invalid_token");
    });

    it.each([
      ["/api/v1/demands/99999999/matches", "demand_not_found"],
      ["/api/v1/results/99999999/matches", "result_not_found"],
      ["/api/v1/demands/abc/matches", "invalid_id"],
    ])("answers %s with a 404 JSON error", async (path, code) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(errorSchema.parse(await response.json()).error.code).toBe(code);
    });

    it.each(["0", "51", "abc", "1.5", ""])(
      "rejects limit=%j with 400 invalid_limit",
      async (limit) => {
        const response = await get(`/api/v1/demands/${ids.demands}/matches?limit=${limit}`);
        expect(response.status).toBe(400);
        const body = errorSchema.parse(await response.json());
        expect(body.error.code).toBe("invalid_limit");
        expect(body.error.details?.[0]?.param).toBe("limit");
      },
    );

    it("answers a same-origin POST with 405", async () => {
      const response = await fetch(`${server.baseUrl}/api/v1/results/${ids.results}/matches`, {
        method: "POST",
        headers: { Origin: server.baseUrl },
        body: "{}",
      });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    });

    it("documents both endpoints in the OpenAPI document", async () => {
      const document = (await (await get("/api/v1/openapi.json")).json()) as {
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      };
      expect(document.paths).toHaveProperty(["/api/v1/demands/{id}/matches"]);
      expect(document.paths).toHaveProperty(["/api/v1/results/{id}/matches"]);
      expect(document.components.schemas).toHaveProperty("MatchList");
    });
  });
}
