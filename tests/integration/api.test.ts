/**
 * The public API (/api/v1) over real HTTP against the real built server
 * (`node server.mjs`, seeded), once per database dialect. Needs
 * `npm run build` first.
 *
 * Bodies are parsed with the same zod schemas the API documents, so a
 * shape mismatch fails here as well as in the server.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  demandDetailSchema,
  demandHitSchema,
  errorSchema,
  resultDetailSchema,
  resultHitSchema,
} from "../../app/domain/api/api-schemas";
import { type RunningServer, serverDialects, startServer } from "../support/server";

const RESULT_FACETS = ["techField", "maturity", "transferMode", "region", "ipType"];
const DEMAND_FACETS = ["techField", "transferMode", "county"];
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const counts = z.record(z.string(), z.int().min(0));
const listSchema = <H extends z.ZodType>(hit: H) =>
  z.object({
    hits: z.array(hit),
    totalHits: z.int().min(0),
    page: z.int().min(1),
    hitsPerPage: z.int().min(1).max(100),
    facetDistribution: z.record(z.string(), counts),
    queryTerms: z.array(z.string()),
    notice: z.literal("no_searchable_terms").optional(),
  });
const resultList = listSchema(resultHitSchema);
const demandList = listSchema(demandHitSchema);
type Counts = z.infer<typeof counts>;

/** The parts of the OpenAPI document the tests read. */
const parameterSchema = z.object({
  name: z.string(),
  in: z.enum(["query", "path", "header", "cookie"]),
  schema: z.object({
    type: z.string(),
    enum: z.array(z.string()).optional(),
    items: z.object({ type: z.literal("string"), enum: z.array(z.string()) }).optional(),
    default: z.union([z.string(), z.number()]).optional(),
  }),
  example: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
});
const operationSchema = z.object({
  operationId: z.string(),
  parameters: z.array(z.unknown()).optional(),
  responses: z.record(z.string(), z.unknown()),
});
const documentSchema = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.object({ url: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), operationSchema)),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});

/** The value at `path` inside `node`, or undefined. */
function at(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Test-table shorthand "q=a×10000" → that many characters, percent-encoded. */
const expand = (query: string) =>
  query.replace(
    /^q=(.)×(\d+)$/u,
    (_, char: string, times: string) => `q=${encodeURIComponent(char.repeat(Number(times)))}`,
  );

const sum = (values: Counts | undefined) => Object.values(values ?? {}).reduce((a, b) => a + b, 0);
const entries = (values: Counts | undefined) =>
  Object.entries(values ?? {}).sort((a, b) => b[1] - a[1]);

describe.each(serverDialects())("public API over HTTP (%s)", (dialect) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(dialect);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
  });

  async function call(path: string, init?: RequestInit): Promise<{ res: Response; body: unknown }> {
    const res = await fetch(`${server.baseUrl}${path}`, init);
    const text = await res.text();
    try {
      return { res, body: JSON.parse(text) as unknown };
    } catch {
      throw new Error(
        `${init?.method ?? "GET"} ${path}: not JSON (${res.status}): ${text.slice(0, 200)}`,
      );
    }
  }

  async function ok(path: string): Promise<unknown> {
    const { res, body } = await call(path);
    expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    return body;
  }

  const results = async (query = "") => resultList.parse(await ok(`/api/v1/results${query}`));
  const demands = async (query = "") => demandList.parse(await ok(`/api/v1/demands${query}`));

  async function failure(path: string, init?: RequestInit) {
    const { res, body } = await call(path, init);
    expect(res.status, path).toBeGreaterThanOrEqual(400);
    expect(res.status, path).toBeLessThan(500);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    return { res, error: errorSchema.parse(body).error };
  }

  /** Every result hit of a query, page by page. */
  async function allResults(query: string) {
    const hits: z.infer<typeof resultHitSchema>[] = [];
    for (let page = 1; ; page++) {
      const body = await results(`${query}&hitsPerPage=100&page=${page}`);
      hits.push(...body.hits);
      if (hits.length >= body.totalHits || body.hits.length === 0) {
        expect(hits).toHaveLength(body.totalHits);
        return hits;
      }
    }
  }

  describe("GET /api/v1/results", () => {
    it("returns a page of hits with the documented shape and types", async () => {
      const { res, body } = await call("/api/v1/results");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("public, max-age=30");
      const list = resultList.parse(body);
      expect(list).toMatchObject({ page: 1, hitsPerPage: 20, queryTerms: [] });
      expect(list.totalHits).toBeGreaterThan(20);
      expect(list.hits).toHaveLength(20);
      expect(Object.keys(list.facetDistribution).sort()).toEqual([...RESULT_FACETS].sort());
      for (const hit of list.hits) {
        expect(Number.isInteger(hit.id)).toBe(true);
        expect(hit.publishedAt).toMatch(ISO_DATE_TIME);
        expect(hit.askingPriceFen === null || Number.isSafeInteger(hit.askingPriceFen)).toBe(true);
      }
      // Raw JSON, not only what the schema kept: id is a JSON number, no internal fields leak.
      const raw = at(body, "hits", "0") as Record<string, unknown>;
      expect(typeof raw.id).toBe("number");
      expect(Object.keys(raw).sort()).toEqual(Object.keys(resultHitSchema.shape).sort());
      // Newest first without a query.
      const dates = list.hits.map((h) => h.publishedAt ?? "");
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it("finds seed listings for q=管道 and marks the term", async () => {
      const all = await results();
      const body = await results(`?q=${encodeURIComponent("管道")}&hitsPerPage=100`);
      expect(body.totalHits).toBeGreaterThan(0);
      expect(body.totalHits).toBeLessThan(all.totalHits);
      expect(body.queryTerms).toContain("管道");
      const marked = body.hits.filter((h) =>
        `${h._highlights.title}${h._highlights.description}`.includes("<mark>管道</mark>"),
      );
      expect(marked.length).toBeGreaterThan(0);
    });

    it("escapes HTML in highlights", async () => {
      const body = await results(`?q=${encodeURIComponent("<script>管道")}`);
      for (const hit of body.hits) {
        expect(hit._highlights.title).not.toMatch(/<(?!\/?mark>)/);
        expect(hit._highlights.description).not.toMatch(/<(?!\/?mark>)/);
      }
    });

    it("has facet counts consistent with totalHits and with filtering", async () => {
      const all = await results();
      // Single-valued facets partition the hits.
      for (const facet of ["techField", "maturity", "region", "ipType"]) {
        expect(sum(all.facetDistribution[facet]), facet).toBe(all.totalHits);
      }
      const [[top, topCount] = ["", 0], [second, secondCount] = ["", 0]] = entries(
        all.facetDistribution.techField,
      );

      const filtered = await results(`?techField=${top}`);
      expect(filtered.totalHits).toBe(topCount);
      expect(filtered.totalHits).toBeLessThan(all.totalHits);
      expect(filtered.facetDistribution.techField).toEqual({ [top]: topCount });
      expect(sum(filtered.facetDistribution.maturity)).toBe(filtered.totalHits);
      expect(filtered.hits.every((h) => h.techField === top)).toBe(true);

      // Repeated parameter: OR within a facet.
      const either = await results(`?techField=${top}&techField=${second}`);
      expect(either.totalHits).toBe(topCount + secondCount);

      // Different facets: AND.
      const [[maturity, maturityCount] = ["", 0]] = entries(filtered.facetDistribution.maturity);
      const both = await results(`?techField=${top}&maturity=${maturity}`);
      expect(both.totalHits).toBe(maturityCount);

      // A multi-valued facet: filtering by one mode finds exactly its count.
      for (const [mode, modeCount] of entries(all.facetDistribution.transferMode)) {
        const byMode = await results(`?transferMode=${mode}`);
        expect(byMode.totalHits, mode).toBe(modeCount);
        expect(byMode.hits.every((h) => h.transferModes.includes(mode as never))).toBe(true);
      }

      // Region (province code).
      const [[province, provinceCount] = ["", 0]] = entries(all.facetDistribution.region);
      const byRegion = await results(`?region=${province}`);
      expect(byRegion.totalHits).toBe(provinceCount);
      expect(byRegion.hits.every((h) => h.sourceProvince === province)).toBe(true);
    });

    it("sorts by price ascending and descending with 面议 (null) last", async () => {
      for (const [sort, direction] of [
        ["price_asc", 1],
        ["price_desc", -1],
      ] as const) {
        const prices = (await allResults(`?sort=${sort}`)).map((h) => h.askingPriceFen);
        const priced = prices.filter((p): p is number => p !== null);
        expect(priced.length).toBeGreaterThan(1);
        expect(priced.length).toBeLessThan(prices.length);
        expect(prices.slice(0, priced.length)).toEqual(priced);
        expect(priced).toEqual([...priced].sort((a, b) => direction * (a - b)));
      }
    });

    it("paginates without overlap, and past the end returns no hits", async () => {
      const ten = await results("?sort=price_asc&hitsPerPage=10");
      const first = await results("?sort=price_asc&hitsPerPage=5&page=1");
      const second = await results("?sort=price_asc&hitsPerPage=5&page=2");
      expect(second).toMatchObject({ page: 2, hitsPerPage: 5, totalHits: ten.totalHits });
      const ids = [...first.hits, ...second.hits].map((h) => h.id);
      expect(new Set(ids).size).toBe(10);
      expect(ids).toEqual(ten.hits.map((h) => h.id));

      const last = Math.ceil(ten.totalHits / 10);
      const beyond = await results(`?hitsPerPage=10&page=${last + 1}`);
      expect(beyond).toMatchObject({ hits: [], totalHits: ten.totalHits, page: last + 1 });
    });

    it("treats SQL metacharacters as plain text", async () => {
      const all = await results();
      const body = await results(`?q=${encodeURIComponent("' OR 1=1 --")}`);
      expect(body.totalHits).toBeLessThan(all.totalHits);
      const { res, error } = await failure(
        `/api/v1/results?techField=${encodeURIComponent("' OR 1=1 --")}`,
      );
      expect(res.status).toBe(400);
      expect(error.code).toBe("unknown_facet_value");
    });

    it("answers a long but allowed query quickly", async () => {
      const q = "管道 焊接 材料 检测 传感器 农业 数据 steel pipe ".repeat(6).slice(0, 200);
      const started = Date.now();
      await results(`?q=${encodeURIComponent(q)}`);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe("GET /api/v1/demands", () => {
    it("returns hits with the documented shape and consistent county counts", async () => {
      const body = await demands("?hitsPerPage=100");
      expect(Object.keys(body.facetDistribution).sort()).toEqual([...DEMAND_FACETS].sort());
      expect(body.totalHits).toBeGreaterThan(0);
      for (const hit of body.hits) expect(hit.countyCode).toMatch(/^1309\d\d$/);
      expect(sum(body.facetDistribution.county)).toBe(body.totalHits);
      expect(sum(body.facetDistribution.techField)).toBe(body.totalHits);

      const [[county, count] = ["", 0]] = entries(body.facetDistribution.county);
      const filtered = await demands(`?county=${county}`);
      expect(filtered.totalHits).toBe(count);
      expect(filtered.hits.every((h) => h.countyCode === county)).toBe(true);
    });

    it("sorts by budget ascending with 面议 last", async () => {
      const body = await demands("?sort=budget_asc&hitsPerPage=100");
      const budgets = body.hits.map((h) => h.budgetMaxFen);
      const known = budgets.filter((b): b is number => b !== null);
      expect(budgets.slice(0, known.length)).toEqual(known);
      expect(known).toEqual([...known].sort((a, b) => a - b));
    });

    it("rejects a sort of the other kind", async () => {
      const { res, error } = await failure("/api/v1/demands?sort=price_asc");
      expect(res.status).toBe(400);
      expect(error.code).toBe("invalid_sort");
    });
  });

  describe("details", () => {
    it.each([
      ["results", resultDetailSchema, "result_not_found"],
      ["demands", demandDetailSchema, "demand_not_found"],
    ] as const)(
      "GET /api/v1/%s/:id: 200, unknown 404, malformed 404 invalid_id",
      async (kind, schema, code) => {
        const list =
          kind === "results" ? await results("?hitsPerPage=1") : await demands("?hitsPerPage=1");
        const hit = list.hits[0]!;
        const { res, body } = await call(`/api/v1/${kind}/${hit.id}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
        const detail = schema.parse(body);
        expect(detail).toMatchObject({ id: hit.id, title: hit.title, status: "published" });
        expect(detail.organization.id).toBe(hit.organizationId);

        const missing = await failure(`/api/v1/${kind}/999999999`);
        expect(missing.res.status).toBe(404);
        expect(missing.error.code).toBe(code);

        for (const bad of ["abc", "1e3", "0", "-1", "012", "1.5", "99999999999999999999"]) {
          const { res: badRes, error } = await failure(`/api/v1/${kind}/${bad}`);
          expect(badRes.status, bad).toBe(404);
          expect(error.code, bad).toBe("invalid_id");
        }
      },
    );
  });

  it.each(["results", "demands"])(
    "GET /api/v1/%s/:id with broken percent-encoding → JSON 404 invalid_id",
    async (kind) => {
      for (const bad of ["%ZZ", "%E4%B8"]) {
        const { res, error } = await failure(`/api/v1/${kind}/${bad}`);
        expect(res.status, bad).toBe(404);
        expect(error.code, bad).toBe("invalid_id");
      }
    },
  );

  describe("bad input never yields a 500", () => {
    it.each([
      ["page=-1", "invalid_page"],
      ["page=abc", "invalid_page"],
      ["page=0", "invalid_page"],
      ["page=1.5", "invalid_page"],
      ["hitsPerPage=100000", "invalid_hits_per_page"],
      ["hitsPerPage=0", "invalid_hits_per_page"],
      ["hitsPerPage=abc", "invalid_hits_per_page"],
      ["page=501&hitsPerPage=20", "page_too_deep"],
      ["page=999999999", "page_too_deep"],
      ["sort=bogus", "invalid_sort"],
      ["sort=budget_asc", "invalid_sort"],
      ["techField=bogus", "unknown_facet_value"],
      ["maturity=bogus", "unknown_facet_value"],
      ["transferMode=bogus", "unknown_facet_value"],
      ["ipType=bogus", "unknown_facet_value"],
      ["region=130900", "unknown_facet_value"],
      ["region=999999", "unknown_facet_value"],
      ["q=a×10000", "query_too_long"],
      ["q=管×201", "query_too_long"],
      ["q=管×10000", "query_too_long"],
      ["q=%E4%B8", "invalid_encoding"],
      ["q=%FF", "invalid_encoding"],
      ["q=%E7%AE%A1%E9%81", "invalid_encoding"],
      ["q=%ED%A0%80", "invalid_encoding"],
      ["techField=%E4%B8", "invalid_encoding"],
      ["hitsPerPage=%E4%B8", "invalid_encoding"],
    ])("GET /api/v1/results?%s → 400 %s", async (query, code) => {
      const started = Date.now();
      const { res, error } = await failure(`/api/v1/results?${expand(query)}`);
      expect(res.status).toBe(400);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.details?.[0]).toMatchObject({ code, message: error.message });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it.each([
      ["county=110000", "unknown_facet_value"],
      ["county=130900", "unknown_facet_value"],
      ["q=%E4%B8", "invalid_encoding"],
    ])("GET /api/v1/demands?%s → 400 %s", async (query, code) => {
      const { res, error } = await failure(`/api/v1/demands?${query}`);
      expect(res.status).toBe(400);
      expect(error.code).toBe(code);
    });

    it("takes malformed %XX escapes as literal text (Remix re-encodes them before the loader)", async () => {
      const body = await results("?q=%ZZ");
      expect(body.totalHits).toBe(0);
      await results("?q=%");
      const plain = await results();
      expect((await results("?%ZZ=1")).totalHits).toBe(plain.totalHits);
    });

    it("ignores unknown parameters", async () => {
      const plain = await demands();
      const withUnknown = await demands("?region=110000&utm_source=x");
      expect(withUnknown.totalHits).toBe(plain.totalHits);
    });

    it("reports every problem, the first one as the error", async () => {
      const { res, error } = await failure(
        "/api/v1/results?page=abc&sort=bogus&techField=x&techField=y",
      );
      expect(res.status).toBe(400);
      expect(error.code).toBe("invalid_page");
      expect(error.details?.map((d) => [d.param, d.code])).toEqual([
        ["page", "invalid_page"],
        ["sort", "invalid_sort"],
        ["techField", "unknown_facet_value"],
        ["techField", "unknown_facet_value"],
      ]);
    });

    it.each([
      "%00",
      "%0A%0D%09",
      "%F0%9F%94%A7",
      "%EF%BC%A1",
      "%5C%27%22%3B",
      "%25",
      "+++",
      "%E2%80%8B",
    ])("answers q=%s without a server error", async (q) => {
      const { res } = await call(`/api/v1/results?q=${q}`);
      expect(res.status).toBe(200);
    });

    const API_RESOURCES = [
      "/api/v1/results",
      "/api/v1/demands",
      "/api/v1/results/1",
      "/api/v1/demands/1",
      "/api/v1/openapi.json",
    ];

    it.each(["POST", "PUT", "PATCH", "DELETE"])(
      "%s (same-origin) on an API resource → 405 with Allow",
      async (method) => {
        for (const path of API_RESOURCES) {
          const { res, error } = await failure(path, {
            method,
            headers: { Origin: server.baseUrl },
            body: method === "DELETE" ? undefined : "{}",
          });
          expect(res.status, path).toBe(405);
          expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
          expect(error.code).toBe("method_not_allowed");
        }
      },
    );

    it("answers OPTIONS with 204 and the allowed methods", async () => {
      for (const path of API_RESOURCES) {
        const res = await fetch(`${server.baseUrl}${path}`, { method: "OPTIONS" });
        expect(res.status, path).toBe(204);
        expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      }
    });

    it("refuses a POST without a same-origin Origin (CSRF guard) with a JSON 403", async () => {
      for (const path of API_RESOURCES) {
        const { res, error } = await failure(path, { method: "POST", body: "{}" });
        expect(res.status, path).toBe(403);
        expect(error.code).toBe("cross_origin_request");
      }
    });

    it("answers HEAD like GET, without a body", async () => {
      const res = await fetch(`${server.baseUrl}/api/v1/results?hitsPerPage=1`, { method: "HEAD" });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await res.text()).toBe("");
    });

    it.each([
      ["GET", "/api/v1/nothing"],
      ["GET", "/api/v2/results"],
      ["GET", "/api"],
      ["GET", "/api/v1/results/1/extra"],
      ["POST", "/api/v1/nothing"],
      ["DELETE", "/api/anything"],
    ])("%s %s → 404 not_found", async (method, path) => {
      const { res, error } = await failure(path, { method, headers: { Origin: server.baseUrl } });
      expect(res.status).toBe(404);
      expect(error.code).toBe("not_found");
    });
  });

  describe("GET /api/v1/openapi.json", () => {
    let raw: unknown;
    let doc: z.infer<typeof documentSchema>;
    beforeAll(async () => {
      raw = await ok("/api/v1/openapi.json");
      doc = documentSchema.parse(raw);
    });

    /** A node with its `$ref` (if any) followed inside the document. */
    const resolve = (node: unknown): unknown => {
      const target = at(node, "$ref");
      if (typeof target !== "string") return node;
      const found = at(raw, ...target.replace(/^#\//, "").split("/"));
      if (found === undefined) throw new Error(`unresolved $ref ${target}`);
      return found;
    };
    const parameters = (path: string) =>
      (doc.paths[path]?.get?.parameters ?? []).map((p) => parameterSchema.parse(resolve(p)));

    it("passes the OpenAPI 3.1 schema validator", async () => {
      const result = await new Validator().validate(raw as Parameters<Validator["validate"]>[0]);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it("is OpenAPI 3.1 with every path, relative servers and resolvable refs", () => {
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          "/api/v1/demands",
          "/api/v1/demands/{id}",
          "/api/v1/demands/{id}/matches",
          "/api/v1/openapi.json",
          "/api/v1/results",
          "/api/v1/results/{id}",
          "/api/v1/results/{id}/matches",
          "/api/v1/stats/summary",
        ].sort(),
      );
      for (const server of doc.servers) expect(server.url).toMatch(/^\//);
      for (const name of [
        "ResultHit",
        "DemandHit",
        "ResultList",
        "DemandList",
        "Result",
        "Demand",
        "Error",
      ]) {
        expect(doc.components.schemas[name], name).toBeDefined();
      }
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object") {
          resolve(node);
          Object.values(node).forEach(walk);
        }
      };
      walk(raw);
      const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
      expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    });

    it("declares enums for every facet, covering what the API counts", async () => {
      const all = await results();
      const params = parameters("/api/v1/results");
      for (const facet of RESULT_FACETS) {
        const codes = params.find((p) => p.name === facet)?.schema.items?.enum ?? [];
        expect(codes.length, facet).toBeGreaterThan(0);
        for (const value of Object.keys(all.facetDistribution[facet] ?? {}))
          expect(codes, facet).toContain(value);
      }
      const county = parameters("/api/v1/demands").find((p) => p.name === "county");
      expect(county?.schema.items?.enum).toContain("130983");
      expect(county?.schema.items?.enum).not.toContain("130900");
    });

    it("accepts every parameter value it declares for /api/v1/results", async () => {
      const params = parameters("/api/v1/results");
      expect(params.map((p) => p.name).sort()).toEqual(
        ["q", "page", "hitsPerPage", "sort", ...RESULT_FACETS].sort(),
      );
      const combined = new URLSearchParams();
      for (const param of params) {
        const values = param.schema.items?.enum ??
          param.schema.enum ?? [String(param.example ?? param.schema.default)];
        for (const value of values)
          await results(`?${new URLSearchParams({ [param.name]: value })}`);
        combined.append(param.name, values[0] ?? "");
      }
      await results(`?${combined}`);
    });

    it("has list examples in the shape of the live responses", () => {
      const example = (path: string) =>
        at(raw, "paths", path, "get", "responses", "200", "content", "application/json", "example");
      expect(() => resultList.parse(example("/api/v1/results"))).not.toThrow();
      expect(() => demandList.parse(example("/api/v1/demands"))).not.toThrow();
      for (const path of ["/api/v1/results", "/api/v1/demands"]) {
        const examples = at(
          raw,
          "paths",
          path,
          "get",
          "responses",
          "400",
          "content",
          "application/json",
          "examples",
        );
        const codes = Object.values(
          z.record(z.string(), z.object({ value: errorSchema })).parse(examples),
        ).map((e) => e.value.error.code);
        expect(codes).toEqual(
          expect.arrayContaining(["invalid_page", "invalid_sort", "invalid_encoding"]),
        );
      }
    });
  });
});
