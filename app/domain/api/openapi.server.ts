/**
 * The OpenAPI 3.1 document of the public API (/api/v1/openapi.json).
 *
 * Built from the same sources the API runs on, so it cannot drift: query
 * parameters and their enums from the listing search specs (taxonomy codes,
 * regions accepted by the spec's own check), response schemas from the zod
 * schemas the responses are parsed through (api-schemas.ts).
 */
import { z } from "zod";
import {
  DEFAULT_HITS_PER_PAGE,
  type FacetSpec,
  facetValueLabel,
  type ListingSearchSpec,
  MAX_HITS_PER_PAGE,
  MAX_QUERY_LENGTH,
  MAX_REACHABLE_HITS,
} from "../listings/listing-search.server";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../matching/match-limits";
import {
  demandDetailSchema,
  demandHitSchema,
  errorSchema,
  highlightsSchema,
  listResponseSchema,
  matchListSchema,
  matchSchema,
  problemSchema,
  resultDetailSchema,
  resultHitSchema,
} from "./api-schemas";
import { DOCUMENT_CACHE_CONTROL, LISTING_CACHE_CONTROL } from "./api-http.server";
import { badRequestExamples, errorExample, listExample } from "./openapi-examples.server";

export interface OpenApiInput {
  results: ListingSearchSpec;
  demands: ListingSearchSpec;
  /** Every known region code with its name: candidates for facets with open value lists. */
  regions: ReadonlyMap<string, { name: string }>;
  siteName: string;
}

type JsonObject = Record<string, unknown>;

const MAX_ID = 999_999_999;
const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

const API_DESCRIPTION = `
{siteName}的公开只读接口：搜索与查看已发布的科技成果和技术需求。

**约定**
- 所有带内容的响应（包括错误）都是 \`application/json; charset=utf-8\`。金额为整数“分”，字段名以 \`Fen\` 结尾，\`null\` 表示面议；时间为 ISO 8601（UTC）。
- 错误一律为 \`{"error":{"code","message"}}\` 加 4xx 状态码；\`code\` 是稳定的机器可读部分，\`message\` 是给人看的中文说明。
- **参数严格校验**：网页会把不合规的参数（页码、每页条数、排序、筛选取值、过长搜索词）规范化后继续展示，接口则返回 400，\`error.code\`/\`error.message\` 取第一个问题，\`error.details\` 列出全部问题（\`param\`、\`code\`、\`message\`）。
- 查询参数须为 UTF-8 的百分号编码：无法解码成字符的字节序列（如被截断的 \`%E4%B8\`，服务器会收到替换字符 U+FFFD）返回 400 \`invalid_encoding\`；不成形的 \`%ZZ\` 按字面文本“%ZZ”处理。未知参数忽略。
- 编号须是规范的正整数（1–${MAX_ID}，无前导零）；\`abc\`、\`1e3\`、\`012\` 之类与不存在的编号一样返回 **404**，\`code\` 为 \`invalid_id\`（与网页一致：这样的地址不存在）。未发布（草稿、审核中、已撤回、已过期）的条目同样是 404。
- 请求行与请求头合计不能超过约 16 KB（Node.js 的限制，超出时由服务器直接返回 431，不是 JSON）；搜索词本身最多 ${MAX_QUERY_LENGTH} 字。
- 分页从 1 开始，最多可翻到前 ${MAX_REACHABLE_HITS} 条（page × hitsPerPage ≤ ${MAX_REACHABLE_HITS}），更深返回 400 \`page_too_deep\`。
- 只接受 GET 与 HEAD；OPTIONS 返回 204 与 \`Allow\` 头；其他方法返回 405 \`method_not_allowed\`（带 \`Allow\` 头），但不是来自本站页面的写请求（无同源 Origin/Referer）会先被跨站防护以 403 \`cross_origin_request\` 拒绝。\`/api/\` 下不存在的路径（任何方法）返回 404 \`not_found\`。
- 缓存：成功响应 \`Cache-Control: ${LISTING_CACHE_CONTROL}\`（本文档 \`${DOCUMENT_CACHE_CONTROL}\`），错误响应 \`no-store\`。
- 搜索词会先分词（中文按词，繁体转简体，全角转半角），\`queryTerms\` 给出实际检索的词；只含停用词或标点时结果为空，并带 \`notice: "no_searchable_terms"\`。
`.trim();

/** Drops what only clutters the document: zod's date regexes, safe-integer bounds, closed objects. */
function tidy({ jsonSchema }: { jsonSchema: JsonObject }) {
  if (jsonSchema.format === "date-time" || jsonSchema.format === "date") delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  // Responses may gain fields; clients must ignore properties they do not know.
  if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
}

function componentSchemas(input: OpenApiInput): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  registry.add(highlightsSchema, { id: "Highlights" });
  registry.add(resultHitSchema, { id: "ResultHit" });
  registry.add(demandHitSchema, { id: "DemandHit" });
  registry.add(
    listResponseSchema(
      resultHitSchema,
      input.results.facets.map((f) => f.param),
    ),
    {
      id: "ResultList",
    },
  );
  registry.add(
    listResponseSchema(
      demandHitSchema,
      input.demands.facets.map((f) => f.param),
    ),
    {
      id: "DemandList",
    },
  );
  registry.add(resultDetailSchema, { id: "Result" });
  registry.add(demandDetailSchema, { id: "Demand" });
  registry.add(matchSchema, { id: "Match" });
  registry.add(matchListSchema, { id: "MatchList" });
  registry.add(problemSchema, { id: "Problem" });
  registry.add(errorSchema, { id: "Error" });
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: "output",
    override: tidy,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
}

/** The codes a facet accepts, with labels; open lists are drawn from the known regions. */
function facetCodes(facet: FacetSpec, regions: OpenApiInput["regions"]): [string, string][] {
  if (typeof facet.values !== "function") return Object.entries(facet.values);
  return [...regions.keys()].flatMap((code) => {
    const label = facetValueLabel(facet, code);
    return label === undefined ? [] : [[code, label] as [string, string]];
  });
}

function listParameters(spec: ListingSearchSpec, regions: OpenApiInput["regions"]): JsonObject[] {
  const sorts = spec.sorts.map((s) => s.param);
  const facets = spec.facets.map((facet) => {
    const codes = facetCodes(facet, regions);
    return {
      name: facet.param,
      in: "query",
      required: false,
      description:
        `${facet.label}筛选，可重复（同一参数的多个取值为“或”，不同参数之间为“且”）。` +
        `未知取值返回 400 unknown_facet_value。取值：${codes.map(([c, l]) => `${c}（${l}）`).join("、")}`,
      style: "form",
      explode: true,
      schema: { type: "array", items: { type: "string", enum: codes.map(([c]) => c) } },
      example: [codes[0]?.[0]],
    };
  });
  return [
    ref("parameters", "q"),
    ref("parameters", "page"),
    ref("parameters", "hitsPerPage"),
    {
      name: "sort",
      in: "query",
      required: false,
      description:
        `排序：${spec.sorts.map((s) => `${s.param}（${s.label}）`).join("、")}。` +
        "缺省时有搜索词按相关度、无搜索词按最新发布；按价格或预算排序时面议（null）排在最后。" +
        "未知取值返回 400 invalid_sort。",
      schema: { type: "string", enum: sorts },
      example: sorts[1] ?? sorts[0],
    },
    ...facets,
  ];
}

function listOperation(
  kind: "results" | "demands",
  spec: ListingSearchSpec,
  input: OpenApiInput,
): JsonObject {
  const results = kind === "results";
  return {
    tags: [kind],
    operationId: results ? "searchResults" : "searchDemands",
    summary: results ? "搜索科技成果" : "搜索技术需求",
    description:
      "全文搜索已发布的条目，带分面统计。每条命中是搜索文档的字段：id 为整数，publishedAt 为 ISO 8601，" +
      "金额为整数分；_highlights 给出已 HTML 转义、命中词以 <mark> 标出的标题和描述摘录。" +
      "facetDistribution 的键是筛选参数名，统计的是当前筛选条件下的命中。",
    parameters: listParameters(spec, input.regions),
    responses: {
      "200": {
        description: "一页结果",
        headers: { "Cache-Control": ref("headers", "CacheControl") },
        content: {
          "application/json": {
            schema: ref("schemas", results ? "ResultList" : "DemandList"),
            example: listExample(spec),
          },
        },
      },
      "400": {
        description:
          "参数有误：error.code 与 error.message 取第一个问题，error.details 列出全部问题",
        content: {
          "application/json": {
            schema: ref("schemas", "Error"),
            examples: badRequestExamples(spec),
          },
        },
      },
      "405": ref("responses", "MethodNotAllowed"),
    },
  };
}

function detailOperation(kind: "results" | "demands"): JsonObject {
  const results = kind === "results";
  return {
    tags: [kind],
    operationId: results ? "getResult" : "getDemand",
    summary: results ? "查看一条科技成果" : "查看一条技术需求",
    description: "只返回已发布的条目。",
    parameters: [
      {
        name: "id",
        in: "path",
        required: true,
        description: `编号：规范的正整数（1–${MAX_ID}，无前导零）。其他写法（abc、1e3、012）返回 404 invalid_id。`,
        schema: { type: "integer", minimum: 1, maximum: MAX_ID },
        example: 12,
      },
    ],
    responses: {
      "200": {
        description: results ? "科技成果" : "技术需求",
        headers: { "Cache-Control": ref("headers", "CacheControl") },
        content: { "application/json": { schema: ref("schemas", results ? "Result" : "Demand") } },
      },
      "404": {
        description: "编号无效，或没有这个已发布的条目",
        content: {
          "application/json": {
            schema: ref("schemas", "Error"),
            examples: {
              notFound: errorExample(
                results ? "result_not_found" : "demand_not_found",
                results ? "未找到编号为 999999 的科技成果" : "未找到编号为 999999 的技术需求",
              ),
              invalidId: errorExample(
                "invalid_id",
                `编号“abc”不是有效的${results ? "科技成果" : "技术需求"}编号`,
              ),
            },
          },
        },
      },
      "405": ref("responses", "MethodNotAllowed"),
    },
  };
}

function matchesOperation(kind: "results" | "demands"): JsonObject {
  const results = kind === "results";
  return {
    tags: [kind],
    operationId: results ? "getResultMatches" : "getDemandMatches",
    summary: results ? "科技成果的潜在需求" : "技术需求的推荐成果",
    description:
      (results
        ? "与这条已发布科技成果匹配的已发布技术需求"
        : "与这条已发布技术需求匹配的已发布科技成果") +
      "，匹配度从高到低，每条带 0–100 的匹配度、各特征得分（合计等于匹配度）和一行中文理由。" +
      "不含同一机构自己发布的条目。",
    parameters: [
      {
        name: "id",
        in: "path",
        required: true,
        description: `编号：规范的正整数（1–${MAX_ID}，无前导零）。`,
        schema: { type: "integer", minimum: 1, maximum: MAX_ID },
        example: 12,
      },
      {
        name: "limit",
        in: "query",
        required: false,
        description: `最多返回几条，1–${MAX_MATCH_LIMIT}，缺省 ${DEFAULT_MATCH_LIMIT}；其他值返回 400 invalid_limit。`,
        schema: {
          type: "integer",
          minimum: 1,
          maximum: MAX_MATCH_LIMIT,
          default: DEFAULT_MATCH_LIMIT,
        },
        example: 5,
      },
    ],
    responses: {
      "200": {
        description: "推荐",
        headers: { "Cache-Control": ref("headers", "CacheControl") },
        content: { "application/json": { schema: ref("schemas", "MatchList") } },
      },
      "400": {
        description: "limit 有误",
        content: {
          "application/json": {
            schema: ref("schemas", "Error"),
            example: errorExample("invalid_limit", `limit 必须是 1–${MAX_MATCH_LIMIT} 的整数`)
              .value,
          },
        },
      },
      "404": {
        description: "编号无效，或没有这个已发布的条目",
        content: {
          "application/json": {
            schema: ref("schemas", "Error"),
            example: errorExample(
              results ? "result_not_found" : "demand_not_found",
              results ? "未找到编号为 999999 的科技成果" : "未找到编号为 999999 的技术需求",
            ).value,
          },
        },
      },
      "405": ref("responses", "MethodNotAllowed"),
    },
  };
}

/** The whole OpenAPI 3.1 document. */
export function buildOpenApiDocument(input: OpenApiInput): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: `${input.siteName} 公开接口`,
      version: "1.0.0",
      description: API_DESCRIPTION.replace("{siteName}", input.siteName),
    },
    servers: [{ url: "/", description: "本站（相对于本文档所在的主机）" }],
    tags: [
      { name: "results", description: "科技成果" },
      { name: "demands", description: "技术需求" },
      { name: "meta", description: "接口说明" },
    ],
    paths: {
      "/api/v1/results": { get: listOperation("results", input.results, input) },
      "/api/v1/results/{id}": { get: detailOperation("results") },
      "/api/v1/demands": { get: listOperation("demands", input.demands, input) },
      "/api/v1/demands/{id}": { get: detailOperation("demands") },
      "/api/v1/demands/{id}/matches": { get: matchesOperation("demands") },
      "/api/v1/results/{id}/matches": { get: matchesOperation("results") },
      "/api/v1/openapi.json": {
        get: {
          tags: ["meta"],
          operationId: "getOpenApiDocument",
          summary: "本文档（OpenAPI 3.1）",
          responses: {
            "200": {
              description: "OpenAPI 文档",
              content: { "application/json": { schema: { type: "object" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(input),
      parameters: {
        q: {
          name: "q",
          in: "query",
          required: false,
          description:
            `搜索词，最多 ${MAX_QUERY_LENGTH} 字（连续空白算一个空格），更长返回 400 query_too_long。` +
            "为空时列出全部。",
          schema: { type: "string", maxLength: MAX_QUERY_LENGTH },
          example: "管道",
        },
        page: {
          name: "page",
          in: "query",
          required: false,
          description:
            `页码，从 1 开始，缺省 1；非正整数返回 400 invalid_page，` +
            `page × hitsPerPage 超过 ${MAX_REACHABLE_HITS} 返回 400 page_too_deep。` +
            "超出最后一页时返回空的 hits。",
          schema: { type: "integer", minimum: 1, default: 1 },
          example: 1,
        },
        hitsPerPage: {
          name: "hitsPerPage",
          in: "query",
          required: false,
          description: `每页条数 1–${MAX_HITS_PER_PAGE}，缺省 ${DEFAULT_HITS_PER_PAGE}；其他值返回 400 invalid_hits_per_page。`,
          schema: {
            type: "integer",
            minimum: 1,
            maximum: MAX_HITS_PER_PAGE,
            default: DEFAULT_HITS_PER_PAGE,
          },
          example: DEFAULT_HITS_PER_PAGE,
        },
      },
      headers: {
        CacheControl: {
          description: `成功响应可被共享缓存短时间缓存（${LISTING_CACHE_CONTROL}）`,
          schema: { type: "string" },
        },
      },
      responses: {
        MethodNotAllowed: {
          description: "只接受 GET、HEAD 与 OPTIONS",
          headers: { Allow: { schema: { type: "string" }, example: "GET, HEAD, OPTIONS" } },
          content: {
            "application/json": {
              schema: ref("schemas", "Error"),
              example: errorExample("method_not_allowed", "不支持 POST 请求，此接口只接受 GET")
                .value,
            },
          },
        },
      },
    },
  };
}
