/**
 * The Postgres search backend (DESIGN.md §4), the embedded default: the
 * `search_documents` table in the application database, so a listing and
 * its search data can be written in one transaction.
 *
 * - Text: jieba search-mode terms (analysis.ts) in a tsvector weighted A, B,
 *   C, D by searchable-attribute priority (postgres-documents.ts); a query
 *   is the AND of its jieba terms (OR with matchingStrategy "any"), ranked
 *   by ts_rank_cd, ties by newest.
 * - Latin typos: when the terms find nothing, Latin words are matched by
 *   pg_trgm word similarity against `latin_text`.
 * - Filters and facets: "attribute=value" strings in a GIN-indexed text[]
 *   (OR within an attribute, AND across); counts over the filtered hits.
 * - Sorting: `sort_keys` bigint[] in sortableAttributes order, nulls last.
 *
 * One statement answers a search (postgres-query.ts); highlights are
 * computed here from the page's documents (highlight.ts).
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../db/schema";
import { queryTerms } from "./analysis";
import { type Highlighter, createHighlighter } from "./highlight";
import { documentRow, fitsLexeme, textsOf } from "./postgres-documents";
import {
  type SearchRow,
  browsePlan,
  fuzzyPlan,
  fuzzyWordsOf,
  runSearch,
  textPlan,
  withFuzzyThreshold,
} from "./postgres-query";
import {
  type IndexDefinition,
  type SearchBackend,
  checkStrategy,
  type SearchDocument,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
  SearchQueryError,
} from "./types";

const UPSERT_BATCH = 500;
const REMOVE_BATCH = 1000;
const MAX_HITS_PER_PAGE = 100;
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function validateDefinition(definition: IndexDefinition): void {
  const attributes = [
    ...definition.searchableAttributes,
    ...definition.filterableAttributes,
    ...definition.sortableAttributes,
    ...definition.highlightAttributes,
    ...definition.snippetAttributes,
  ];
  const bad = attributes.find((a) => !ATTRIBUTE_NAME.test(a));
  if (!definition.name || bad !== undefined) {
    throw new SearchQueryError(
      "invalid_definition",
      `index "${definition.name}": invalid attribute name "${bad ?? ""}"`,
    );
  }
  if (!Number.isInteger(definition.snippetLength) || definition.snippetLength < 1) {
    throw new SearchQueryError(
      "invalid_definition",
      `index "${definition.name}": snippetLength must be ≥ 1`,
    );
  }
}

function checkPaging(query: SearchQuery): void {
  if (!Number.isInteger(query.page) || query.page < 1) {
    throw new SearchQueryError("invalid_page", `page must be an integer ≥ 1, got ${query.page}`);
  }
  if (
    !Number.isInteger(query.hitsPerPage) ||
    query.hitsPerPage < 1 ||
    query.hitsPerPage > MAX_HITS_PER_PAGE
  ) {
    throw new SearchQueryError(
      "invalid_hits_per_page",
      `hitsPerPage must be an integer from 1 to ${MAX_HITS_PER_PAGE}, got ${query.hitsPerPage}`,
    );
  }
}

function unknownAttribute(
  definition: IndexDefinition,
  use: string,
  attribute: string,
): SearchQueryError {
  return new SearchQueryError(
    "unknown_attribute",
    `index "${definition.name}": "${attribute}" is not a ${use} attribute`,
  );
}

/** Checks sort and facets; one `facets && array[...]` condition per filtered attribute. */
function checkedFilters(definition: IndexDefinition, query: SearchQuery): RawBuilder<unknown>[] {
  if (query.sort && !definition.sortableAttributes.includes(query.sort.attribute)) {
    throw unknownAttribute(definition, "sortable", query.sort.attribute);
  }
  const unknownFacet = (query.facets ?? []).find(
    (f) => !definition.filterableAttributes.includes(f),
  );
  if (unknownFacet !== undefined) throw unknownAttribute(definition, "facet", unknownFacet);
  checkStrategy(query);

  const conditions: RawBuilder<unknown>[] = [];
  for (const [attribute, values] of Object.entries(query.filters ?? {})) {
    if (!definition.filterableAttributes.includes(attribute)) {
      throw unknownAttribute(definition, "filterable", attribute);
    }
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
      throw new SearchQueryError(
        "invalid_filter",
        `filter "${attribute}" must be a list of strings`,
      );
    }
    // An empty list selects nothing in particular: no constraint.
    if (values.length === 0) continue;
    const wanted = values.map((v) => `${attribute}=${v}`);
    conditions.push(sql`d.facets && ${wanted}::text[]`);
  }
  return conditions;
}

function emptyDistribution(facets: readonly string[]): Record<string, Record<string, number>> {
  return Object.fromEntries(facets.map((f) => [f, {}]));
}

/** Highlight and snippet attributes of `document`; list values are joined with "、". */
function highlightsOf(
  definition: IndexDefinition,
  document: SearchDocument,
  highlighter: Highlighter,
): Record<string, string> {
  const highlights: Record<string, string> = {};
  for (const attribute of definition.highlightAttributes) {
    highlights[attribute] = highlighter.highlight(textsOf(document[attribute]).join("、"));
  }
  for (const attribute of definition.snippetAttributes) {
    highlights[attribute] = highlighter.snippet(
      textsOf(document[attribute]).join("、"),
      definition.snippetLength,
    );
  }
  return highlights;
}

function respond<D extends SearchDocument>(
  definition: IndexDefinition,
  query: SearchQuery,
  terms: string[],
  row: SearchRow,
): SearchResponse<D> {
  const facetDistribution = emptyDistribution(query.facets ?? []);
  for (const [facet, count] of row.facet_counts) {
    const cut = facet.indexOf("=");
    const counts = facetDistribution[facet.slice(0, cut)];
    if (counts) counts[facet.slice(cut + 1)] = count;
  }
  const highlighter = createHighlighter(terms);
  const hits = row.hits.map(([document, similar]): SearchHit<D> => ({
    document: document as D,
    highlights: highlightsOf(
      definition,
      document,
      similar ? createHighlighter([...terms, ...similar]) : highlighter,
    ),
  }));
  return {
    hits,
    totalHits: row.total,
    page: query.page,
    hitsPerPage: query.hitsPerPage,
    facetDistribution,
    queryTerms: terms,
  };
}

/**
 * Creates the Postgres search backend over `db` (a Kysely instance or a
 * transaction, so search data can be written with the listing) for the
 * given index definitions; `ensureIndexes` may add more. Creation is
 * synchronous and cheap; the table and its indexes come from the
 * migrations.
 *
 * Errors: SearchQueryError with code `unknown_index`, `unknown_attribute`
 * (filter, sort or facet attribute not declared), `invalid_page`,
 * `invalid_hits_per_page`, `invalid_filter`, `invalid_document` (missing
 * id, non-integer sort value) or `invalid_definition`. Database errors
 * propagate.
 */
export function createPostgresSearchBackend(
  db: Kysely<DB>,
  definitions: readonly IndexDefinition[],
): SearchBackend {
  const registry = new Map<string, IndexDefinition>();
  const register = (list: readonly IndexDefinition[]) => {
    for (const definition of list) {
      validateDefinition(definition);
      registry.set(definition.name, definition);
    }
  };
  register(definitions);

  const definitionOf = (name: string): IndexDefinition => {
    const definition = registry.get(name);
    if (!definition) throw new SearchQueryError("unknown_index", `unknown search index "${name}"`);
    return definition;
  };

  return {
    kind: "postgres",

    async ensureIndexes(list) {
      register(list);
      // Fails early, with Postgres's message, when the migrations have not run.
      await sql`select 1 from search_documents limit 0`.execute(db);
    },

    async upsert(indexName, documents) {
      const definition = definitionOf(indexName);
      // Last write wins within a call; one statement may not update a row twice.
      const latest = new Map(documents.map((d) => [d.id, d]));
      const rows = [...latest.values()].map((d) => documentRow(definition, d));
      for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
        // One JSON parameter per batch: no parameter-count limit, same SQL for every batch.
        const batch = JSON.stringify(rows.slice(i, i + UPSERT_BATCH));
        await sql`
          insert into search_documents
            (index_name, doc_id, tsv, latin_text, facets, sort_keys, document, updated_at)
          select ${indexName}, r.id, r.tsv::tsvector, r.latin,
                 array(select jsonb_array_elements_text(r.facets)), r.sort::bigint[], r.doc, now()
          from jsonb_to_recordset(${batch}::text::jsonb)
            as r(id text, tsv text, latin text, facets jsonb, sort text, doc jsonb)
          on conflict (index_name, doc_id) do update set
            tsv = excluded.tsv, latin_text = excluded.latin_text, facets = excluded.facets,
            sort_keys = excluded.sort_keys, document = excluded.document, updated_at = now()`.execute(
          db,
        );
      }
    },

    async remove(indexName, ids) {
      definitionOf(indexName);
      for (let i = 0; i < ids.length; i += REMOVE_BATCH) {
        await db
          .deleteFrom("search_documents")
          .where("index_name", "=", indexName)
          .where("doc_id", "=", sql<string>`any(${ids.slice(i, i + REMOVE_BATCH)}::text[])`)
          .execute();
      }
    },

    async search<D extends SearchDocument = SearchDocument>(
      indexName: string,
      query: SearchQuery,
    ): Promise<SearchResponse<D>> {
      const definition = definitionOf(indexName);
      checkPaging(query);
      const filters = checkedFilters(definition, query);

      const q = query.q ?? "";
      const terms = queryTerms(q);
      const empty = (notice?: "no_searchable_terms"): SearchResponse<D> => ({
        hits: [],
        totalHits: 0,
        page: query.page,
        hitsPerPage: query.hitsPerPage,
        facetDistribution: emptyDistribution(query.facets ?? []),
        queryTerms: terms,
        ...(notice ? { notice } : {}),
      });
      if (q.length > 0 && terms.length === 0) return empty("no_searchable_terms");
      // A term too long to be a lexeme is in no document.
      if (!terms.every(fitsLexeme)) return empty();

      if (terms.length === 0) {
        return respond(
          definition,
          query,
          terms,
          await runSearch(db, definition, query, browsePlan(filters)),
        );
      }
      const plan = textPlan(
        filters,
        terms,
        query.sort === undefined,
        query.matchingStrategy === "any",
      );
      const row = await runSearch(db, definition, query, plan);
      const fuzzyWords = row.total === 0 ? fuzzyWordsOf(q) : [];
      if (fuzzyWords.length === 0) return respond(definition, query, terms, row);

      const fuzzyRow = await withFuzzyThreshold(db, (executor) =>
        runSearch(executor, definition, query, fuzzyPlan(filters, terms, fuzzyWords)),
      );
      return respond(definition, query, terms, fuzzyRow);
    },
  };
}
