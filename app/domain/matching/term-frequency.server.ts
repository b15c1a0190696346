/**
 * How common a term is in the listing index, for choosing the matcher's
 * candidate query: PostgreSQL's own statistics of the `search_documents.tsv`
 * column (ANALYZE keeps the ~1,000 most common lexemes with the share of
 * rows containing each), read once and cached for STATS_TTL_MS. No scan,
 * no extra table. The Postgres search index is written with every listing
 * change whatever the configured backend (listings/search-sync.server.ts),
 * so the statistics describe the corpus either way.
 *
 * Without statistics (a fresh or small database, PGlite before ANALYZE)
 * every term is "rare" and nothing is dropped.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";

const STATS_TTL_MS = 10 * 60_000;

export interface TermStatistics {
  /** Estimated number of indexed documents containing `term` (an upper bound for unlisted terms). */
  documents(term: string): number;
  /** Estimated number of indexed documents (0 without statistics). */
  total: number;
}

let cached: { at: number; stats: Promise<TermStatistics> } | undefined;

async function load(db: Kysely<DB>): Promise<TermStatistics> {
  const { rows } = await sql<{
    elems: string[] | null;
    freqs: number[] | null;
    total: number | null;
  }>`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs,
           (select reltuples::float8 from pg_class where relname = 'search_documents' limit 1) as total
    from pg_stats where tablename = 'search_documents' and attname = 'tsv'
    limit 1`.execute(db);
  const row = rows[0];
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  const map = new Map<string, number>();
  elems.forEach((e, i) => map.set(e, Number(freqs[i] ?? 0)));
  // After the element frequencies come the minimum, the maximum and the null share.
  const unlisted = elems.length > 0 ? Number(freqs[elems.length] ?? 0) : 0;
  const total = Math.max(0, Number(row?.total ?? 0));
  return { documents: (term) => (map.get(term) ?? unlisted) * total, total };
}

/** The cached term statistics of `db` (re-read after ten minutes). */
export function termStatistics(db: Kysely<DB>): Promise<TermStatistics> {
  const now = Date.now();
  if (!cached || now - cached.at > STATS_TTL_MS) {
    const stats = load(db).catch(() => ({ documents: () => 0, total: 0 }));
    cached = { at: now, stats };
  }
  return cached.stats;
}

/** Forgets the cached statistics (tests, benchmarks after ANALYZE). */
export function clearTermStatistics(): void {
  cached = undefined;
}

/**
 * Terms in more than 5 % of the documents of a large index (over 1,000
 * documents) say nothing about a match: boilerplate such as 企业应用.
 */
export const BOILERPLATE_SHARE = 0.05;
export const BOILERPLATE_MIN_DOCUMENTS = 1_000;
/** Documents a candidate query may touch (each costs a tsvector check, ~50 µs). */
export const CANDIDATE_BUDGET = 800;
/** The rarest terms kept whatever the budget. */
const MIN_TERMS = 2;

/**
 * The key terms worth a candidate query, in their original order (key
 * terms arrive without numbers, units and generic words — profiles.server.ts
 * analyseText): drops boilerplate, then keeps the rarest terms while their summed document
 * counts stay within CANDIDATE_BUDGET, at least the two rarest. Bounds the
 * query's cost on a large index; on a small one (or without statistics)
 * nothing is dropped.
 */
export function selectQueryTerms(terms: readonly string[], stats: TermStatistics): string[] {
  const boilerplate = (t: string) => {
    const n = stats.documents(t);
    return n > BOILERPLATE_MIN_DOCUMENTS && n > BOILERPLATE_SHARE * stats.total;
  };
  const useful = terms.filter((t) => !boilerplate(t));
  const byRarity = [...useful].sort((a, b) => stats.documents(a) - stats.documents(b));
  const chosen = new Set<string>();
  let total = 0;
  for (const term of byRarity) {
    const n = stats.documents(term);
    if (chosen.size >= MIN_TERMS && total + n > CANDIDATE_BUDGET) break;
    chosen.add(term);
    total += n;
  }
  return terms.filter((t) => chosen.has(t));
}
