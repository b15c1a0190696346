/**
 * Examples for the OpenAPI document. Hits are written by hand (and checked
 * against their schemas when the document is built); error examples are
 * produced by running the API's own query check on bad query strings, so
 * their codes and messages are exactly what a client gets.
 */
import {
  DEFAULT_HITS_PER_PAGE,
  type ListingSearchSpec,
  MAX_QUERY_LENGTH,
} from "../listings/listing-search.server";
import { demandHitSchema, resultHitSchema } from "./api-schemas";
import { checkListingQuery } from "./listing-api.server";

type JsonObject = Record<string, unknown>;

const resultHitExample = resultHitSchema.parse({
  id: 12,
  title: "城市供热管道泄漏智能监测系统",
  summary: "基于分布式光纤传感的供热管道泄漏实时监测与定位技术。",
  description: "针对城市供热管道泄漏发现晚、定位难的问题，采用分布式光纤测温……",
  keywords: ["管道", "泄漏监测", "光纤传感"],
  organizationId: 3,
  organizationName: "清华大学",
  regionName: "北京市海淀区",
  techField: "urban_social_development",
  maturity: "pilot",
  trl: 6,
  transferModes: ["license", "cooperation"],
  sourceProvince: "110000",
  ipType: "invention_patent",
  askingPriceFen: 80_000_000,
  publishedAt: "2026-03-14T01:00:00.000Z",
  _highlights: {
    title: "城市供热<mark>管道</mark>泄漏智能监测系统",
    description: "针对城市供热<mark>管道</mark>泄漏发现晚、定位难的问题，采用分布式光纤测温……",
  },
});

const demandHitExample = demandHitSchema.parse({
  id: 7,
  title: "钢制管件焊缝缺陷自动检测",
  description: "我公司年产弯头、三通等管件约 2 万吨，焊缝检测目前依靠人工……",
  keywords: ["焊缝检测", "管件", "机器视觉"],
  organizationId: 21,
  organizationName: "沧州某管件有限公司",
  regionName: "沧州市盐山县",
  techField: "advanced_manufacturing",
  desiredModes: ["cooperation", "service"],
  countyCode: "130925",
  budgetMinFen: 30_000_000,
  budgetMaxFen: 50_000_000,
  deadline: "2027-06-30",
  publishedAt: "2026-05-20T01:00:00.000Z",
  _highlights: {
    title: "钢制<mark>管件</mark>焊缝缺陷自动检测",
    description: "我公司年产弯头、三通等<mark>管件</mark>约 2 万吨，焊缝检测目前依靠人工……",
  },
});

/** A one-hit list response of `spec`'s kind. */
export function listExample(spec: ListingSearchSpec): JsonObject {
  const hit = spec.kind === "results" ? resultHitExample : demandHitExample;
  const facetDistribution: Record<string, Record<string, number>> = Object.fromEntries(
    spec.facets.map((f) => [f.param, {}]),
  );
  facetDistribution.techField = { [hit.techField]: 1 };
  return {
    hits: [hit],
    totalHits: 1,
    page: 1,
    hitsPerPage: DEFAULT_HITS_PER_PAGE,
    facetDistribution,
    queryTerms: ["管道"],
  };
}

/** An Error example body. */
export function errorExample(code: string, message: string): JsonObject {
  return { value: { error: { code, message } } };
}

/** name → [summary, query string] of a bad request. */
const BAD_QUERIES: Record<string, [string, string]> = {
  invalidPage: ["?page=-1", "page=-1"],
  invalidHitsPerPage: ["?hitsPerPage=100000", "hitsPerPage=100000"],
  pageTooDeep: ["?page=501（每页 20 条）", "page=501"],
  invalidSort: ["?sort=bogus", "sort=bogus"],
  unknownFacetValue: ["?techField=bogus", "techField=bogus"],
  queryTooLong: [
    `?q=（${MAX_QUERY_LENGTH + 1} 个字）`,
    `q=${encodeURIComponent("管".repeat(MAX_QUERY_LENGTH + 1))}`,
  ],
  invalidEncoding: ["?q=%E4%B8（被截断的“中”）", "q=%E4%B8"],
  severalProblems: ["?page=abc&sort=bogus", "page=abc&sort=bogus"],
};

/** 400 examples: the API's own answers to a few bad query strings. */
export function badRequestExamples(spec: ListingSearchSpec): Record<string, JsonObject> {
  return Object.fromEntries(
    Object.entries(BAD_QUERIES).flatMap(([name, [summary, query]]) => {
      const { problems } = checkListingQuery(spec, new URLSearchParams(query));
      const [first] = problems;
      if (!first) return [];
      const error = { code: first.code, message: first.message, details: problems };
      return [[name, { summary, value: { error } }]];
    }),
  );
}
