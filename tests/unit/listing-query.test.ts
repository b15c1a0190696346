import { describe, expect, it } from "vitest";
import {
  listingSearchSpec,
  parseListingQuery,
} from "../../app/domain/listings/listing-search.server";

const names: Record<string, string> = {
  "110000": "北京市",
  "120000": "天津市",
  "130983": "黄骅市",
};
const results = listingSearchSpec("results", (c) => names[c], "130900");
const demands = listingSearchSpec("demands", (c) => names[c], "130900");
const parse = (spec: typeof results, qs: string) =>
  parseListingQuery(spec, new URLSearchParams(qs));

describe("parseListingQuery", () => {
  it("defaults: page 1, 20 per page, newest first without q, relevance with q", () => {
    expect(parse(results, "").query).toEqual({
      q: "",
      page: 1,
      hitsPerPage: 20,
      sort: "newest",
      filters: {},
    });
    expect(parse(results, "q=管道").query.sort).toBe("relevance");
  });

  it("keeps repeated facet values once and in order", () => {
    const { query, problems } = parse(
      results,
      "techField=agriculture&techField=new_materials&techField=agriculture&region=110000",
    );
    expect(problems).toEqual([]);
    expect(query.filters).toEqual({
      techField: ["agriculture", "new_materials"],
      region: ["110000"],
    });
  });

  it.each([
    ["page=-1", "page", "invalid_page"],
    ["page=abc", "page", "invalid_page"],
    ["page=1.5", "page", "invalid_page"],
    ["hitsPerPage=100000", "hitsPerPage", "invalid_hits_per_page"],
    ["hitsPerPage=0", "hitsPerPage", "invalid_hits_per_page"],
    ["sort=drop table", "sort", "invalid_sort"],
    ["techField=火星", "techField", "unknown_facet_value"],
    ["region=130983", "region", "unknown_facet_value"],
    ["page=9999", "page", "page_too_deep"],
    [`q=${"管".repeat(10_000)}`, "q", "query_too_long"],
  ])("%s is reported as %s/%s and normalized", (qs, param, code) => {
    const { query, problems } = parse(results, qs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ param, code });
    expect(problems[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(query.page).toBeGreaterThanOrEqual(1);
    expect(query.hitsPerPage).toBeGreaterThanOrEqual(1);
    expect(query.hitsPerPage).toBeLessThanOrEqual(100);
    expect(query.q.length).toBeLessThanOrEqual(200);
    expect(query.page * query.hitsPerPage).toBeLessThanOrEqual(10_000);
  });

  it("accepts only the home city's counties for demands", () => {
    expect(parse(demands, "county=130983").problems).toEqual([]);
    expect(parse(demands, "county=130900").problems[0]?.code).toBe("unknown_facet_value");
    expect(parse(demands, "county=110000").problems[0]?.code).toBe("unknown_facet_value");
  });
});
