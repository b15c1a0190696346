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
  /** Share (0–1) of indexed documents containing `term`; an upper bound for unlisted terms. */
  frequency(term: string): number;
}

let cached: { at: number; stats: Promise<TermStatistics> } | undefined;

async function load(db: Kysely<DB>): Promise<TermStatistics> {
  const { rows } = await sql<{ elems: string[] | null; freqs: number[] | null }>`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs as freqs
    from pg_stats where tablename = 'search_documents' and attname = 'tsv'
    limit 1`.execute(db);
  const row = rows[0];
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  const map = new Map<string, number>();
  elems.forEach((e, i) => map.set(e, Number(freqs[i] ?? 0)));
  // After the element frequencies come the minimum, the maximum and the null share.
  const unlisted = elems.length > 0 ? Number(freqs[elems.length] ?? 0) : 0;
  return { frequency: (term) => map.get(term) ?? unlisted };
}

/** The cached term statistics of `db` (re-read after ten minutes). */
export function termStatistics(db: Kysely<DB>): Promise<TermStatistics> {
  const now = Date.now();
  if (!cached || now - cached.at > STATS_TTL_MS) {
    const stats = load(db).catch(() => ({ frequency: () => 0 }));
    cached = { at: now, stats };
  }
  return cached.stats;
}

/** Forgets the cached statistics (tests, benchmarks after ANALYZE). */
export function clearTermStatistics(): void {
  cached = undefined;
}

/** Terms in more than this share of documents say nothing about a match (boilerplate). */
export const MAX_TERM_FREQUENCY = 0.05;
/** Expected matching documents a candidate query may touch (each costs a tsvector check). */
export const CANDIDATE_BUDGET = 0.012;
/** The rarest terms kept whatever the budget. */
const MIN_TERMS = 2;

/**
 * The key terms worth a candidate query, in their original order: drops
 * boilerplate (frequency > 5 %), then keeps the rarest terms while their
 * summed frequency stays within CANDIDATE_BUDGET (about 1,200 documents
 * per 100,000), at least the two rarest. Bounds the query's cost on a
 * large index; on a small one nothing is dropped.
 */
export function selectQueryTerms(terms: readonly string[], stats: TermStatistics): string[] {
  const useful = terms.filter((t) => stats.frequency(t) <= MAX_TERM_FREQUENCY);
  const byRarity = [...useful].sort((a, b) => stats.frequency(a) - stats.frequency(b));
  const chosen = new Set<string>();
  let total = 0;
  for (const term of byRarity) {
    const f = stats.frequency(term);
    if (chosen.size >= MIN_TERMS && total + f > CANDIDATE_BUDGET) break;
    chosen.add(term);
    total += f;
  }
  return terms.filter((t) => chosen.has(t));
}
