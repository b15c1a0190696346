/**
 * Response shapes of the public API (/api/v1), as zod schemas. They are the
 * single source of both the responses (hits and details are parsed through
 * them, which also drops any internal field a search document may grow)
 * and the OpenAPI document (converted with `z.toJSONSchema`), so the two
 * cannot drift apart.
 */
import { z } from "zod";
import {
  IP_TYPES,
  MATURITY_STAGES,
  ORGANIZATION_KINDS,
  TECH_FIELDS,
  TRANSFER_MODES,
} from "../taxonomy/taxonomy";

const codes = <T extends Record<string, string>>(map: T) =>
  z.enum(Object.keys(map) as [keyof T & string, ...(keyof T & string)[]]);

const techField = codes(TECH_FIELDS).meta({ description: "技术领域代码" });
const transferMode = codes(TRANSFER_MODES);
const id = z
  .int()
  .min(1)
  .meta({ description: "编号（正整数）", examples: [12] });
const fen = (description: string) =>
  z
    .int()
    .min(0)
    .nullable()
    .meta({ description: `${description}，单位：分（整数，1 万元 = 1000000 分）；null 表示面议` });
const publishedAt = z.iso
  .datetime()
  .nullable()
  .meta({ description: "发布时间，ISO 8601（UTC），如 2026-03-14T01:00:00.000Z" });

export const highlightsSchema = z
  .object({
    title: z.string().meta({ description: "标题，HTML 转义，命中词用 <mark>…</mark> 标出" }),
    description: z.string().meta({
      description:
        "描述中命中词附近约 90 字的摘录，HTML 转义，命中词用 <mark>…</mark> 标出，截断处用 …",
    }),
  })
  .meta({ description: "可直接作为 HTML 插入的高亮文本（已转义，只含 <mark> 标签）。" });

/** One hit of GET /api/v1/results: the search document's fields. */
export const resultHitSchema = z
  .object({
    id,
    title: z.string(),
    summary: z.string(),
    description: z.string(),
    keywords: z.array(z.string()),
    organizationId: id.meta({ description: "成果所属机构编号" }),
    organizationName: z.string(),
    regionName: z.string().meta({ description: "所属机构所在地，如“北京市海淀区”" }),
    techField,
    maturity: codes(MATURITY_STAGES).meta({ description: "成熟度代码" }),
    trl: z.int().min(1).max(9).nullable().meta({ description: "技术就绪度 TRL 1–9" }),
    transferModes: z.array(transferMode).meta({ description: "可接受的转化方式代码" }),
    sourceProvince: z
      .string()
      .regex(/^\d{2}0000$/)
      .meta({ description: "所属机构所在省级行政区代码（参数 region 按此筛选）" }),
    ipType: codes(IP_TYPES).meta({ description: "知识产权类型代码" }),
    askingPriceFen: fen("挂牌价"),
    publishedAt,
    _highlights: highlightsSchema,
  })
  .meta({ description: "搜索命中的一条科技成果（搜索文档字段）。" });

/** One hit of GET /api/v1/demands. */
export const demandHitSchema = z
  .object({
    id,
    title: z.string(),
    description: z.string(),
    keywords: z.array(z.string()),
    organizationId: id.meta({ description: "需求方机构编号" }),
    organizationName: z.string(),
    regionName: z.string().meta({ description: "需求所在县区，如“沧州市黄骅市”" }),
    techField,
    desiredModes: z.array(transferMode).meta({ description: "希望的合作方式代码" }),
    countyCode: z
      .string()
      .regex(/^\d{6}$/)
      .meta({ description: "需求所在县区代码 GB/T 2260（参数 county 按此筛选）" }),
    budgetMinFen: fen("预算下限"),
    budgetMaxFen: fen("预算上限"),
    deadline: z.iso.date().nullable().meta({ description: "期望解决日期 YYYY-MM-DD" }),
    publishedAt,
    _highlights: highlightsSchema,
  })
  .meta({ description: "搜索命中的一条技术需求（搜索文档字段）。" });

const organizationSchema = z
  .object({
    id,
    name: z.string(),
    kind: codes(ORGANIZATION_KINDS).meta({ description: "机构类型代码" }),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .meta({ description: "所在地代码 GB/T 2260" }),
    regionName: z.string(),
  })
  .meta({ description: "发布机构摘要。" });

const detailDates = {
  status: z.literal("published").meta({ description: "只公开已发布的条目" }),
  publishedAt,
  expiresAt: z.iso.datetime().nullable().meta({ description: "下架时间，ISO 8601（UTC）" }),
  updatedAt: z.iso.datetime().meta({ description: "最后修改时间，ISO 8601（UTC）" }),
};

/** GET /api/v1/results/{id}. */
export const resultDetailSchema = z
  .object({
    id,
    organization: organizationSchema,
    title: z.string(),
    summary: z.string(),
    description: z.string(),
    techField,
    keywords: z.array(z.string()),
    maturity: codes(MATURITY_STAGES),
    trl: z.int().min(1).max(9).nullable(),
    ipType: codes(IP_TYPES),
    patentNumbers: z.array(z.string()).meta({ description: "专利号，如 ZL202110234567.8" }),
    transferModes: z.array(transferMode),
    askingPriceFen: fen("挂牌价"),
    ...detailDates,
  })
  .meta({ description: "一条已发布的科技成果。" });

/** GET /api/v1/demands/{id}. */
export const demandDetailSchema = z
  .object({
    id,
    organization: organizationSchema,
    title: z.string(),
    description: z.string(),
    techField,
    keywords: z.array(z.string()),
    budgetMinFen: fen("预算下限"),
    budgetMaxFen: fen("预算上限"),
    desiredModes: z.array(transferMode),
    deadline: z.iso.date().nullable(),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .meta({ description: "需求所在县区代码 GB/T 2260" }),
    regionName: z.string(),
    ...detailDates,
  })
  .meta({ description: "一条已发布的技术需求。" });

export const problemSchema = z
  .object({
    param: z.string().meta({ description: "出错的 URL 参数名" }),
    code: z.string().meta({ description: "稳定的错误代码" }),
    message: z.string().meta({ description: "中文说明" }),
  })
  .meta({ description: "一个参数问题。" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({
        description:
          "稳定的机器可读代码，如 invalid_page、invalid_hits_per_page、page_too_deep、invalid_sort、" +
          "unknown_facet_value、query_too_long、invalid_encoding、invalid_id、result_not_found、" +
          "demand_not_found、invalid_limit、not_found、method_not_allowed",
      }),
      message: z.string().meta({ description: "给人看的中文说明（可能变化，勿据此判断）" }),
      details: z
        .array(problemSchema)
        .optional()
        .meta({ description: "参数错误时列出全部问题；code 与 message 取自第一个问题" }),
    }),
  })
  .meta({ description: "所有 4xx 错误的响应体。" });

const points = z.int().min(0).max(100);

/** One recommendation of GET /api/v1/demands/:id/matches or /api/v1/results/:id/matches. */
export const matchSchema = z
  .object({
    id: id.meta({ description: "推荐条目的编号：需求的推荐是科技成果，成果的推荐是技术需求" }),
    title: z.string(),
    organizationName: z.string(),
    score: points.meta({ description: "匹配度，0–100 的整数" }),
    breakdown: z
      .object({
        text: points.meta({ description: "内容相关度得分" }),
        field: points.meta({ description: "技术领域相符得分" }),
        maturity: points.meta({ description: "成熟度与需求相符得分" }),
        price: points.meta({ description: "价格与预算相符得分（面议计一半）" }),
        mode: points.meta({ description: "转化方式相符得分" }),
        region: points.meta({ description: "成果来源地区得分（京津优先）" }),
        freshness: points.meta({ description: "发布时间新近得分" }),
      })
      .meta({ description: "各特征贡献的分数，合计等于 score" }),
    reason: z.string().meta({
      description: "一行中文推荐理由",
      examples: ["同属先进制造领域；共同关键词：激光熔覆、耐磨；京津成果；价格在预算内"],
    }),
  })
  .meta({ description: "一条推荐。" });

export const matchListSchema = z
  .object({ matches: z.array(matchSchema).meta({ description: "推荐，匹配度从高到低" }) })
  .meta({ description: "一条已发布条目的推荐。" });

export type ResultHit = z.infer<typeof resultHitSchema>;
export type DemandHit = z.infer<typeof demandHitSchema>;
export type ApiProblem = z.infer<typeof problemSchema>;

/** The list response of a kind, for the OpenAPI document (facet keys are URL parameter names). */
export function listResponseSchema(
  hit: typeof resultHitSchema | typeof demandHitSchema,
  facetParams: readonly string[],
) {
  const counts = z.record(z.string(), z.int().min(0)).meta({ description: "取值代码 → 命中数" });
  return z
    .object({
      hits: z.array(hit),
      totalHits: z.int().min(0).meta({ description: "符合条件的总条数（精确）" }),
      page: z.int().min(1),
      hitsPerPage: z.int().min(1).max(100),
      facetDistribution: z.object(Object.fromEntries(facetParams.map((p) => [p, counts]))).meta({
        description:
          "每个筛选维度（键为 URL 参数名）各取值在当前结果中的条数。多值字段（如 transferMode）一条可计入多个取值。",
      }),
      queryTerms: z
        .array(z.string())
        .meta({ description: "分词后实际检索的词（q 为空时为空数组）" }),
      notice: z
        .literal("no_searchable_terms")
        .optional()
        .meta({ description: "q 中没有可检索的词（只有停用词或标点）时出现，此时结果为空" }),
    })
    .meta({ description: "一页搜索结果。" });
}
