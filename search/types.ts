/**
 * The search contract every backend implements (DESIGN.md §4): the Postgres
 * backend (embedded default) and the Meilisearch backend pass one shared
 * behaviour suite (tests/integration/search-behaviour.test.ts).
 *
 * Semantics follow Meilisearch so both backends agree:
 * - filters: OR between values of one attribute, AND across attributes;
 * - facetDistribution counts the filtered hits, per requested facet;
 * - page is 1-based; totalHits is exact.
 */

/** A flat document; `id` is the primary key. Array values are multi-valued facets. */
export interface SearchDocument {
  id: string;
  [attribute: string]: unknown;
}

/** How one index is searched, shared by every backend. */
export interface IndexDefinition {
  /** Index name, e.g. "results". */
  name: string;
  /** Attributes searched, highest priority first (Postgres: weights A, B, C, D for the rest). */
  searchableAttributes: string[];
  /** Attributes usable in filters and facets (string or string[] values). */
  filterableAttributes: string[];
  /** Attributes usable in sort (number values; null sorts last). */
  sortableAttributes: string[];
  /** Attributes returned with highlighted matches. */
  highlightAttributes: string[];
  /** Attributes returned as a highlighted snippet of about `snippetLength` characters. */
  snippetAttributes: string[];
  snippetLength: number;
}

export type SortDirection = "asc" | "desc";

export interface SearchQuery {
  /** Free text; empty or absent lists everything. */
  q?: string;
  /** attribute → accepted values (OR within an attribute, AND across). */
  filters?: Record<string, readonly string[]>;
  /** Attributes whose value counts are wanted. */
  facets?: readonly string[];
  /** Sort order; absent means relevance (or newest first for an empty query). */
  sort?: { attribute: string; direction: SortDirection };
  /**
   * How the terms of `q` combine. "all" (default): a hit contains every
   * term. "any": a hit contains at least one term, hits with more (and
   * rarer) terms first — recall for candidate retrieval, e.g. the matcher's
   * key terms (app/domain/matching). With "any", `facets` must be empty
   * (SearchQueryError `unsupported_query`), and Meilisearch, which has no
   * OR strategy, answers it with one federated multi-search query per term,
   * so its totalHits is then an estimate.
   */
  matchingStrategy?: "all" | "any";
  /** 1-based page number. */
  page: number;
  /** Hits per page, 1–100. */
  hitsPerPage: number;
}

export interface SearchHit<D extends SearchDocument = SearchDocument> {
  document: D;
  /**
   * attribute → HTML-escaped text with matches wrapped in `<mark>…</mark>`.
   * Present for highlightAttributes and snippetAttributes.
   */
  highlights: Record<string, string>;
}

export interface SearchResponse<D extends SearchDocument = SearchDocument> {
  hits: SearchHit<D>[];
  totalHits: number;
  page: number;
  hitsPerPage: number;
  /** facet attribute → value → count over the filtered hits. */
  facetDistribution: Record<string, Record<string, number>>;
  /** The analysed query terms that were searched (empty for an empty query). */
  queryTerms: string[];
  /**
   * Set when the query had text but nothing searchable in it (only stop
   * words or punctuation): the response is then empty on purpose.
   */
  notice?: "no_searchable_terms";
}

export interface SearchBackend {
  readonly kind: "postgres" | "meilisearch";
  /** Creates indexes and applies their settings; idempotent. */
  ensureIndexes(definitions: readonly IndexDefinition[]): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(indexName: string, documents: readonly SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(indexName: string, ids: readonly string[]): Promise<void>;
  search<D extends SearchDocument = SearchDocument>(
    indexName: string,
    query: SearchQuery,
  ): Promise<SearchResponse<D>>;
}

/** Raised for a search request that cannot be served as asked (unknown index, attribute). */
export class SearchQueryError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "SearchQueryError";
    this.code = code;
  }
}

/**
 * Checks `matchingStrategy`: "all", "any" or absent; "any" takes no facets.
 * Throws SearchQueryError `invalid_matching_strategy` / `unsupported_query`.
 */
export function checkStrategy(query: SearchQuery): void {
  const strategy = query.matchingStrategy;
  if (strategy !== undefined && strategy !== "all" && strategy !== "any") {
    throw new SearchQueryError(
      "invalid_matching_strategy",
      `matchingStrategy must be "all" or "any", got ${String(strategy)}`,
    );
  }
  if (strategy === "any" && (query.facets ?? []).length > 0) {
    throw new SearchQueryError(
      "unsupported_query",
      `matchingStrategy "any" cannot be combined with facets`,
    );
  }
}
