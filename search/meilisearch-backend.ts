/**
 * The Meilisearch search backend (DESIGN.md §4), for production: the
 * official client, one Meilisearch index per IndexDefinition (uid =
 * indexPrefix + name), created with primaryKey "id" and its settings
 * (meilisearch-settings.ts) applied before any document. Every write is a
 * task that is awaited and checked (meilisearch-indexes.ts,
 * meilisearch-tasks.ts).
 *
 * - Text: documents carry `_terms`, the jieba search-mode terms
 *   (meilisearch-documents.ts); `q` is the analysed query terms, at most
 *   10 Meilisearch words (meilisearch-query.ts); matchingStrategy "all"
 *   makes a query the AND of its terms, as in the Postgres backend.
 * - Filters: array form with quoted, escaped literals (meilisearch-filter.ts).
 * - Sort: `attribute:direction` with the `sort` ranking rule first, so an
 *   explicit sort orders all hits. Meilisearch's sort rule walks the
 *   documents that have a number, then a string, and returns the rest
 *   (null or missing value) last, in either direction: nulls last holds.
 * - Paging: page/hitsPerPage, so totalHits is exact (up to MAX_TOTAL_HITS).
 * - Highlights: rendered by highlight.ts from the query terms and the
 *   words Meilisearch marked, identical in form to the Postgres backend's.
 * - Reindex: stageIndex builds `<name>_reindex_<ms>` and publishes with
 *   swapIndexes (reindex.ts).
 */
import { type FederatedMultiSearchParams, Meilisearch, type SearchParams } from "meilisearch";
import { documentOfHit } from "./meilisearch-documents";
import { filterExpression } from "./meilisearch-filter";
import {
  MARK_END,
  MARK_START,
  allMatchable,
  checkQuery,
  highlightsOf,
  markedWords,
  meilisearchTerms,
} from "./meilisearch-query";
import { meilisearchIndexes } from "./meilisearch-indexes";
import type { TaskWaitOptions } from "./meilisearch-tasks";
import { type Reindexable, type StagedIndex, stagingName } from "./reindex";
import {
  type IndexDefinition,
  type SearchBackend,
  type SearchDocument,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
  SearchQueryError,
} from "./types";

const INDEX_NAME = /^[A-Za-z0-9_-]{1,200}$/;
/** Starts with a letter: names starting with `_` belong to Meilisearch and to `_terms`. */
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface MeilisearchBackendOptions {
  /** Meilisearch URL, e.g. http://127.0.0.1:7700. */
  host: string;
  /** Master key or an API key allowed to manage indexes, documents, settings and tasks. */
  apiKey?: string;
  definitions: readonly IndexDefinition[];
  /** Prepended to every index uid (tests, several sites on one server). */
  indexPrefix?: string;
  /** Per HTTP request; default 10 s. */
  requestTimeoutMs?: number;
  /** Per task (document batch, settings); default 120 s. */
  taskTimeoutMs?: number;
  /** Task polling interval; default 50 ms. */
  taskIntervalMs?: number;
  /** Documents per addDocuments task; default 1000. */
  batchSize?: number;
}

export interface MeilisearchBackend extends SearchBackend, Reindexable {
  readonly kind: "meilisearch";
  /** The Meilisearch uid of index `name`. */
  indexUid(name: string): string;
  /** Whether the server answers /health with "available". */
  isHealthy(): Promise<boolean>;
  /** Documents in index `name`, or null when the index does not exist. */
  documentCount(name: string): Promise<number | null>;
}

function validateDefinition(definition: IndexDefinition): void {
  const attributes = [
    ...definition.searchableAttributes,
    ...definition.filterableAttributes,
    ...definition.sortableAttributes,
    ...definition.highlightAttributes,
    ...definition.snippetAttributes,
  ];
  const bad = attributes.find((a) => !ATTRIBUTE_NAME.test(a));
  if (!INDEX_NAME.test(definition.name) || bad !== undefined) {
    throw new SearchQueryError(
      "invalid_definition",
      `index "${definition.name}": invalid index or attribute name "${bad ?? definition.name}"`,
    );
  }
  if (!Number.isInteger(definition.snippetLength) || definition.snippetLength < 1) {
    throw new SearchQueryError(
      "invalid_definition",
      `index "${definition.name}": snippetLength must be ≥ 1`,
    );
  }
}

/**
 * Creates the Meilisearch backend. Creation makes no request; call
 * `ensureIndexes` (creates indexes, applies settings) before use.
 *
 * Errors: SearchQueryError as the Postgres backend (`unknown_index`,
 * `unknown_attribute`, `invalid_page`, `invalid_hits_per_page`,
 * `invalid_filter`, `invalid_document`, `invalid_definition`);
 * SearchTaskError for a task that failed, was canceled or timed out;
 * the client's MeilisearchApiError / MeilisearchRequestError for requests
 * Meilisearch refused or could not be sent.
 */
export function createMeilisearchBackend(options: MeilisearchBackendOptions): MeilisearchBackend {
  const prefix = options.indexPrefix ?? "";
  const wait: TaskWaitOptions = {
    timeoutMs: options.taskTimeoutMs ?? 120_000,
    intervalMs: options.taskIntervalMs ?? 50,
  };
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 10_000,
    defaultWaitOptions: { timeout: wait.timeoutMs, interval: wait.intervalMs },
  });

  const registry = new Map<string, IndexDefinition>();
  const register = (list: readonly IndexDefinition[]) => {
    for (const definition of list) {
      validateDefinition(definition);
      registry.set(definition.name, definition);
    }
  };
  register(options.definitions);

  const definitionOf = (name: string): IndexDefinition => {
    const definition = registry.get(name);
    if (!definition) throw new SearchQueryError("unknown_index", `unknown search index "${name}"`);
    return definition;
  };
  const indexUid = (name: string) => `${prefix}${name}`;
  const indexes = meilisearchIndexes(client, wait, options.batchSize ?? 1000);

  async function search<D extends SearchDocument>(
    name: string,
    query: SearchQuery,
  ): Promise<SearchResponse<D>> {
    const definition = definitionOf(name);
    checkQuery(definition, query);
    const filter = filterExpression(definition, query);
    const facets = [...new Set(query.facets ?? [])];

    const q = query.q ?? "";
    const terms = meilisearchTerms(q);
    const empty = (notice?: "no_searchable_terms"): SearchResponse<D> => ({
      hits: [],
      totalHits: 0,
      page: query.page,
      hitsPerPage: query.hitsPerPage,
      facetDistribution: Object.fromEntries(facets.map((f) => [f, {}])),
      queryTerms: terms,
      ...(notice ? { notice } : {}),
    });
    if (q.length > 0 && terms.length === 0) return empty("no_searchable_terms");
    // A word Meilisearch cannot index is in no document.
    if (!allMatchable(terms)) return empty();

    const params = {
      page: query.page,
      hitsPerPage: query.hitsPerPage,
      matchingStrategy: "all",
      locales: ["cmn"],
      ...(filter ? { filter } : {}),
      ...(facets.length > 0 ? { facets } : {}),
      ...(query.sort ? { sort: [`${query.sort.attribute}:${query.sort.direction}`] } : {}),
      ...(terms.length > 0
        ? {
            attributesToHighlight: [
              ...new Set([...definition.highlightAttributes, ...definition.snippetAttributes]),
            ],
            highlightPreTag: MARK_START,
            highlightPostTag: MARK_END,
          }
        : {}),
    } satisfies SearchParams;
    if (query.matchingStrategy === "any" && terms.length > 1) {
      return searchAny<D>(name, definition, query, terms, params);
    }
    const response = await client
      .index(indexUid(name))
      .search<Record<string, unknown>, typeof params>(terms.join(" "), params);

    const hits = response.hits.map((hit): SearchHit<D> => {
      const document = documentOfHit<D>(hit);
      return {
        document,
        highlights: highlightsOf(definition, document, [...terms, ...markedWords(hit._formatted)]),
      };
    });
    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const facet of facets) {
      facetDistribution[facet] = { ...(response.facetDistribution?.[facet] ?? {}) };
    }
    return {
      hits,
      totalHits: response.totalHits,
      page: query.page,
      hitsPerPage: query.hitsPerPage,
      facetDistribution,
      queryTerms: terms,
    };
  }

  /**
   * matchingStrategy "any": Meilisearch has no OR strategy ("last" and
   * "frequency" always keep one particular word), so each term is one query
   * of a federated multi-search, merged by ranking score; a document found
   * by several queries is returned once. totalHits is Meilisearch's estimate.
   */
  async function searchAny<D extends SearchDocument>(
    name: string,
    definition: IndexDefinition,
    query: SearchQuery,
    terms: string[],
    params: Omit<SearchParams, "page" | "hitsPerPage">,
  ): Promise<SearchResponse<D>> {
    const { page: _page, hitsPerPage: _hitsPerPage, ...perQuery } = params as SearchParams;
    const federated: FederatedMultiSearchParams = {
      federation: { limit: query.hitsPerPage, offset: (query.page - 1) * query.hitsPerPage },
      queries: terms.map((term) => ({ ...perQuery, indexUid: indexUid(name), q: term })),
    };
    const response = await client.multiSearch(federated);
    const seen = new Set<string>();
    const hits: SearchHit<D>[] = [];
    for (const hit of response.hits) {
      const document = documentOfHit<D>(hit);
      if (seen.has(document.id)) continue;
      seen.add(document.id);
      hits.push({
        document,
        highlights: highlightsOf(definition, document, [...terms, ...markedWords(hit._formatted)]),
      });
    }
    return {
      hits,
      totalHits: response.estimatedTotalHits ?? hits.length,
      page: query.page,
      hitsPerPage: query.hitsPerPage,
      facetDistribution: {},
      queryTerms: terms,
    };
  }

  return {
    kind: "meilisearch",
    indexUid,

    async ensureIndexes(list) {
      register(list);
      for (const definition of list) await indexes.prepare(indexUid(definition.name), definition);
    },

    async upsert(indexName, documents) {
      const definition = definitionOf(indexName);
      if (documents.length === 0) return;
      await indexes.upsert(indexUid(indexName), definition, documents);
    },

    async remove(indexName, ids) {
      definitionOf(indexName);
      if (ids.length === 0) return;
      await indexes.remove(indexUid(indexName), ids);
    },

    search,

    async isHealthy() {
      return client.isHealthy();
    },

    documentCount: (name) => indexes.documentCount(indexUid(name)),

    async stageIndex(definition): Promise<StagedIndex> {
      validateDefinition(definition);
      register([definition]);
      const live = indexUid(definition.name);
      const staging = indexUid(stagingName(definition.name));
      await indexes.prepare(staging, definition);
      return {
        name: staging,
        upsert: (documents) => indexes.upsert(staging, definition, documents),
        remove: (ids) => indexes.remove(staging, ids),
        async publish() {
          // swapIndexes needs both indexes; the first rebuild may have no live one.
          // Its settings stay as they are: it is swapped out and dropped.
          await indexes.createIfMissing(live);
          await indexes.swap(live, staging);
        },
        drop: () => indexes.deleteIfExists(staging),
      };
    },
  };
}
