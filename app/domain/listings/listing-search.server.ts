/**
 * Listing search as pages and the API ask for it: URL parameters are parsed
 * and checked here once, then handed to the search backend.
 *
 * Parameters: q, page (from 1), hitsPerPage (1–100), sort, and one repeated
 * parameter per facet (OR within a facet, AND across facets):
 * - results: techField, maturity, transferMode, region (province code), ipType;
 *   sort relevance | newest | price_asc | price_desc;
 * - demands: techField, transferMode, county (GB/T 2260 county code);
 *   sort relevance | newest | budget_asc | budget_desc.
 */
import type {
  IndexDefinition,
  SearchBackend,
  SearchQuery,
  SearchResponse,
} from "../../../search/types";
import { demandsIndex, resultsIndex } from "../../../search/index-definitions";
import { IP_TYPES, MATURITY_STAGES, TECH_FIELDS, TRANSFER_MODES } from "../taxonomy/taxonomy";
import type { ListingKind } from "./listing-types";

export const MAX_QUERY_LENGTH = 200;
export const MAX_HITS_PER_PAGE = 100;
export const DEFAULT_HITS_PER_PAGE = 20;
/** Deepest reachable hit (page × hitsPerPage), as Meilisearch's maxTotalHits. */
export const MAX_REACHABLE_HITS = 10_000;

export interface FacetSpec {
  /** URL parameter name. */
  param: string;
  /** Document attribute in the index. */
  attribute: string;
  label: string;
  /** Allowed codes → labels; a function for open lists (regions). */
  values: Record<string, string> | ((code: string) => string | undefined);
}

export interface SortSpec {
  param: string;
  label: string;
  sort?: SearchQuery["sort"];
}

export interface ListingSearchSpec {
  kind: ListingKind;
  index: IndexDefinition;
  facets: FacetSpec[];
  sorts: SortSpec[];
}

export interface Problem {
  /** The URL parameter at fault. */
  param: string;
  code:
    | "invalid_page"
    | "invalid_hits_per_page"
    | "page_too_deep"
    | "invalid_sort"
    | "unknown_facet_value"
    | "query_too_long";
  message: string;
}

export interface ListingQuery {
  q: string;
  page: number;
  hitsPerPage: number;
  sort: string;
  /** facet param → selected codes. */
  filters: Record<string, string[]>;
}

/** The spec for a kind; `regionName` names province or county codes. */
export function listingSearchSpec(
  kind: ListingKind,
  regionName: (code: string) => string | undefined,
  homeCityCode: string,
): ListingSearchSpec {
  if (kind === "results") {
    return {
      kind,
      index: resultsIndex,
      facets: [
        { param: "techField", attribute: "techField", label: "技术领域", values: TECH_FIELDS },
        { param: "maturity", attribute: "maturity", label: "成熟度", values: MATURITY_STAGES },
        {
          param: "transferMode",
          attribute: "transferModes",
          label: "转化方式",
          values: TRANSFER_MODES,
        },
        {
          param: "region",
          attribute: "sourceProvince",
          label: "来源地区",
          values: (code) => (/^\d{2}0000$/.test(code) ? regionName(code) : undefined),
        },
        { param: "ipType", attribute: "ipType", label: "知识产权类型", values: IP_TYPES },
      ],
      sorts: [
        { param: "relevance", label: "相关度" },
        {
          param: "newest",
          label: "最新发布",
          sort: { attribute: "publishedAt", direction: "desc" },
        },
        {
          param: "price_asc",
          label: "价格从低到高",
          sort: { attribute: "askingPriceFen", direction: "asc" },
        },
        {
          param: "price_desc",
          label: "价格从高到低",
          sort: { attribute: "askingPriceFen", direction: "desc" },
        },
      ],
    };
  }
  const prefix = homeCityCode.slice(0, 4);
  return {
    kind,
    index: demandsIndex,
    facets: [
      { param: "techField", attribute: "techField", label: "技术领域", values: TECH_FIELDS },
      {
        param: "transferMode",
        attribute: "desiredModes",
        label: "合作方式",
        values: TRANSFER_MODES,
      },
      {
        param: "county",
        attribute: "countyCode",
        label: "所在县区",
        values: (code) =>
          code.startsWith(prefix) && code !== homeCityCode ? regionName(code) : undefined,
      },
    ],
    sorts: [
      { param: "relevance", label: "相关度" },
      { param: "newest", label: "最新发布", sort: { attribute: "publishedAt", direction: "desc" } },
      {
        param: "budget_asc",
        label: "预算从低到高",
        sort: { attribute: "budgetMaxFen", direction: "asc" },
      },
      {
        param: "budget_desc",
        label: "预算从高到低",
        sort: { attribute: "budgetMaxFen", direction: "desc" },
      },
    ],
  };
}

/** zh-CN label of a facet value, or undefined when the value is not allowed. */
export function facetValueLabel(facet: FacetSpec, code: string): string | undefined {
  return typeof facet.values === "function"
    ? facet.values(code)
    : Object.hasOwn(facet.values, code)
      ? facet.values[code]
      : undefined;
}

function parsePositiveInt(raw: string | null): number | null | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  return /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : null;
}

/**
 * Parses URL search parameters into a normalized query plus the problems
 * found. Never throws: every problem is normalized away (bad page → 1,
 * hitsPerPage clamped, unknown facet values dropped, q truncated) and
 * reported, so the API can answer 400 and pages can show a notice.
 */
export function parseListingQuery(
  spec: ListingSearchSpec,
  params: URLSearchParams,
): { query: ListingQuery; problems: Problem[] } {
  const problems: Problem[] = [];

  let q = (params.get("q") ?? "").replace(/\s+/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push({
      param: "q",
      code: "query_too_long",
      message: `搜索词过长（${q.length} 字），最多 ${MAX_QUERY_LENGTH} 字`,
    });
    q = q.slice(0, MAX_QUERY_LENGTH);
  }

  let hitsPerPage = parsePositiveInt(params.get("hitsPerPage"));
  if (hitsPerPage === undefined) hitsPerPage = DEFAULT_HITS_PER_PAGE;
  else if (hitsPerPage === null || hitsPerPage < 1 || hitsPerPage > MAX_HITS_PER_PAGE) {
    problems.push({
      param: "hitsPerPage",
      code: "invalid_hits_per_page",
      message: `每页条数须为 1–${MAX_HITS_PER_PAGE} 的整数，收到“${params.get("hitsPerPage")}”`,
    });
    hitsPerPage =
      hitsPerPage !== null && hitsPerPage > MAX_HITS_PER_PAGE
        ? MAX_HITS_PER_PAGE
        : DEFAULT_HITS_PER_PAGE;
  }

  let page = parsePositiveInt(params.get("page"));
  if (page === undefined) page = 1;
  else if (page === null || page < 1) {
    problems.push({
      param: "page",
      code: "invalid_page",
      message: `页码须为从 1 开始的整数，收到“${params.get("page")}”`,
    });
    page = 1;
  } else if (page * hitsPerPage > MAX_REACHABLE_HITS) {
    const last = Math.floor(MAX_REACHABLE_HITS / hitsPerPage);
    problems.push({
      param: "page",
      code: "page_too_deep",
      message: `最多可翻到前 ${MAX_REACHABLE_HITS} 条（第 ${last} 页），请缩小搜索范围`,
    });
    page = last;
  }

  const sortParam = params.get("sort") ?? "";
  let sort = sortParam || (q ? "relevance" : "newest");
  if (!spec.sorts.some((s) => s.param === sort)) {
    problems.push({
      param: "sort",
      code: "invalid_sort",
      message: `不支持的排序“${sortParam}”，可选：${spec.sorts.map((s) => s.param).join("、")}`,
    });
    sort = q ? "relevance" : "newest";
  }

  const filters: Record<string, string[]> = {};
  for (const facet of spec.facets) {
    const selected: string[] = [];
    for (const raw of params.getAll(facet.param)) {
      const value = raw.trim();
      if (value === "") continue;
      if (facetValueLabel(facet, value) === undefined) {
        problems.push({
          param: facet.param,
          code: "unknown_facet_value",
          message: `${facet.label}没有“${value.slice(0, 40)}”这一项`,
        });
      } else if (!selected.includes(value)) selected.push(value);
    }
    if (selected.length > 0) filters[facet.param] = selected;
  }

  return { query: { q, page, hitsPerPage, sort, filters }, problems };
}

/** Runs a parsed query against `backend`, with counts for every facet. */
export function searchListings<D extends Record<string, unknown> & { id: string }>(
  backend: SearchBackend,
  spec: ListingSearchSpec,
  query: ListingQuery,
): Promise<SearchResponse<D>> {
  const filters: Record<string, string[]> = {};
  for (const facet of spec.facets) {
    const values = query.filters[facet.param];
    if (values) filters[facet.attribute] = values;
  }
  const sort = spec.sorts.find((s) => s.param === query.sort)?.sort;
  return backend.search<D>(spec.index.name, {
    q: query.q,
    filters,
    facets: spec.facets.map((f) => f.attribute),
    sort,
    page: query.page,
    hitsPerPage: query.hitsPerPage,
  });
}
