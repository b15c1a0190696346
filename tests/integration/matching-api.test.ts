/**
 * GET /api/v1/demands/:id/matches and /api/v1/results/:id/matches over real
 * HTTP against the built, seeded server, once per database dialect. Needs
 * `npm run build` first. Bodies are parsed with the documented schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { errorSchema, matchListSchema } from "../../app/domain/api/api-schemas";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const firstId = z.object({ hits: z.array(z.object({ id: z.int() })).min(1) });

for (const dialect of serverDialects()) {
  describe(`matches API on ${dialect}`, () => {
    let server: RunningServer;
    const get = (path: string) => fetch(`${server.baseUrl}${path}`);
    const ids = { demands: 0, results: 0 };

    beforeAll(async () => {
      server = await startServer(dialect);
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
