/**
 * The search statement of the Postgres search backend: one round trip
 * returns the exact total, the facet counts over all matches and the
 * documents of the requested page.
 *
 * Matching uses the two-column GIN index on (tsv, facets), so the text
 * terms and the facet filters are intersected in a single index scan.
 * Every match is then ranked (ts_rank_cd, weights D .1, C .3, B .6, A 1),
 * counted and its facets tallied; only the page's documents are fetched.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../db/schema";
import { STOP_WORDS, latinWords } from "./analysis";
import { quoteLexeme } from "./postgres-documents";
import type { IndexDefinition, SearchDocument, SearchQuery } from "./types";

/** ts_rank_cd weights in Postgres's order {D, C, B, A}. */
const RANK_WEIGHTS = sql`'{0.1,0.3,0.6,1.0}'::real[]`;
/** pg_trgm word similarity a Latin query word needs to match a document word. */
export const FUZZY_THRESHOLD = 0.5;
const MAX_FUZZY_WORDS = 8;
const FUZZY_WORD_LENGTH = { min: 3, max: 64 };

/** The one row the search statement returns. */
export interface SearchRow {
  total: number;
  /** ["attribute=value", count] over all matches, for the requested facets. */
  facet_counts: [string, number][];
  /** [document, similar document words of a fuzzy search or null], in page order. */
  hits: [SearchDocument, string[] | null][];
}

/** Which rows match and how they rank. */
export interface MatchPlan {
  condition: RawBuilder<unknown>;
  rank: RawBuilder<unknown>;
  /** Query words of a fuzzy search: the similar document words come back for highlighting. */
  fuzzyWords: string[] | null;
  /** Materialize when every match is ranked anyway; inline to let a browse page use a sort index. */
  materialize: boolean;
}

/** AND of `conditions`; true when there are none. */
function all(conditions: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
}

/** AND (or, for `any`, OR) of the terms as a tsquery literal; each term is one quoted lexeme. */
function tsquery(terms: readonly string[], any = false): string {
  return terms.map(quoteLexeme).join(any ? " | " : " & ");
}

/** Every row of the index that passes `filters`, unranked (an empty query). */
export function browsePlan(filters: readonly RawBuilder<unknown>[]): MatchPlan {
  return {
    condition: all(filters),
    rank: sql`0::real`,
    fuzzyWords: null,
    materialize: false,
  };
}

/**
 * Rows containing every term (with `any`, at least one), ranked unless an
 * explicit sort makes rank moot.
 */
export function textPlan(
  filters: readonly RawBuilder<unknown>[],
  terms: readonly string[],
  ranked: boolean,
  any = false,
): MatchPlan {
  const query = tsquery(terms, any);
  return {
    condition: all([...filters, sql`d.tsv @@ ${query}::tsquery`]),
    rank: ranked ? sql`ts_rank_cd(${RANK_WEIGHTS}, d.tsv, ${query}::tsquery)` : sql`0::real`,
    fuzzyWords: null,
    materialize: true,
  };
}

/** Latin words of `q` worth a fuzzy match: not stop words, 3–64 letters, at most 8. */
export function fuzzyWordsOf(q: string): string[] {
  return latinWords(q)
    .filter(
      (w) =>
        !STOP_WORDS.has(w) &&
        w.length >= FUZZY_WORD_LENGTH.min &&
        w.length <= FUZZY_WORD_LENGTH.max,
    )
    .slice(0, MAX_FUZZY_WORDS);
}

/**
 * Typo tolerance: each Latin word of the query must have a similar word
 * (pg_trgm word similarity, GIN-indexed `<%`) in `latin_text`; the other
 * terms must still match exactly. Ranked by total similarity.
 */
export function fuzzyPlan(
  filters: readonly RawBuilder<unknown>[],
  terms: readonly string[],
  fuzzyWords: string[],
): MatchPlan {
  const exact = terms.filter((t) => !/^[a-z]/.test(t));
  return {
    condition: all([
      ...filters,
      ...(exact.length > 0 ? [sql`d.tsv @@ ${tsquery(exact)}::tsquery`] : []),
      ...fuzzyWords.map((w) => sql`${w} <% d.latin_text`),
    ]),
    rank: sql`(select sum(word_similarity(f, d.latin_text)) from unnest(${fuzzyWords}::text[]) as f)`,
    fuzzyWords,
    materialize: true,
  };
}

/**
 * Runs `work` with pg_trgm's word-similarity threshold set for the current
 * transaction only (a new one, or the caller's, restored afterwards), so
 * pooled connections never keep it.
 */
export async function withFuzzyThreshold<T>(
  db: Kysely<DB>,
  work: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const setThreshold = (trx: Kysely<DB>, value: string) =>
    sql`select set_config('pg_trgm.word_similarity_threshold', ${value}, true)`.execute(trx);
  if (!db.isTransaction) {
    return db.transaction().execute(async (trx) => {
      await setThreshold(trx, String(FUZZY_THRESHOLD));
      return work(trx);
    });
  }
  const { rows } = await sql<{
    value: string | null;
  }>`select current_setting('pg_trgm.word_similarity_threshold', true) as value`.execute(db);
  await setThreshold(db, String(FUZZY_THRESHOLD));
  try {
    return await work(db);
  } finally {
    await setThreshold(db, rows[0]?.value || "0.6");
  }
}

/**
 * Runs the search statement for `plan` on index `definition`: order by
 * `query.sort` (nulls last), else rank for a text query, then newest (the
 * first sortable attribute), then id; page by `query.page` and
 * `query.hitsPerPage` (already validated).
 */
export async function runSearch(
  executor: Kysely<DB>,
  definition: IndexDefinition,
  query: SearchQuery,
  plan: MatchPlan,
): Promise<SearchRow> {
  const facets = query.facets ?? [];
  const sortPosition = query.sort
    ? definition.sortableAttributes.indexOf(query.sort.attribute) + 1
    : 0;
  const newest = definition.sortableAttributes.length > 0 ? sql`d.sort_keys[1]` : sql`null::bigint`;
  // Literal positions, so the expressions match the sort indexes.
  const sortValue =
    sortPosition > 0 ? sql`d.sort_keys[${sql.lit(sortPosition)}]` : sql`null::bigint`;
  const order = (alias: string) => {
    const column = (name: string) => sql.ref(`${alias}.${name}`);
    const parts: RawBuilder<unknown>[] = [];
    if (query.sort) {
      const direction = query.sort.direction === "asc" ? sql`asc` : sql`desc`;
      parts.push(sql`${column("sort_value")} ${direction} nulls last`);
    } else if (query.q) {
      parts.push(sql`${column("rank")} desc`);
    }
    parts.push(sql`${column("newest")} desc nulls last`, sql`${column("doc_id")}`);
    return sql.join(parts);
  };
  // Grouping all facet values first and filtering the groups is cheaper
  // than filtering every unnested value.
  const facetCounts =
    facets.length === 0
      ? sql`'[]'::jsonb`
      : sql`(select coalesce(jsonb_agg(jsonb_build_array(c.facet, c.n)), '[]'::jsonb)
          from (select facet, count(*)::int as n
                from (select unnest(m.facets) as facet from matched m) as f
                group by facet) c
          where split_part(c.facet, '=', 1) = any(${[...facets]}::text[]))`;
  const fuzzyTerms = plan.fuzzyWords
    ? sql`to_jsonb(array(
        select distinct w from regexp_split_to_table(d.latin_text, ' ') as w
        where exists (select 1 from unnest(${plan.fuzzyWords}::text[]) as f
                      where word_similarity(f, w) >= ${FUZZY_THRESHOLD})))`
    : sql`null::jsonb`;
  const offset = (query.page - 1) * query.hitsPerPage;

  const { rows } = await sql<SearchRow>`
    with matched as ${plan.materialize ? sql`materialized` : sql`not materialized`} (
      select d.doc_id, ${plan.rank} as rank, ${newest} as newest, ${sortValue} as sort_value,
             d.facets
      from search_documents d
      where d.index_name = ${definition.name} and ${plan.condition}
    ),
    page as (
      select m.doc_id, m.rank, m.newest, m.sort_value from matched m
      order by ${order("m")}
      limit ${query.hitsPerPage} offset ${offset}
    )
    select
      (select count(*)::int from matched) as total,
      ${facetCounts} as facet_counts,
      (select coalesce(jsonb_agg(jsonb_build_array(d.document, ${fuzzyTerms})
                                 order by ${order("p")}), '[]'::jsonb)
       from page p join search_documents d
         on d.index_name = ${definition.name} and d.doc_id = p.doc_id) as hits`.execute(executor);
  const row = rows[0];
  if (!row) throw new Error("search statement returned no row");
  return row;
}
