/**
 * Precomputed strongest pairs (`match_candidates`, migration 0010) behind the
 * bureau's market view: computing matches for every demand per request is
 * too slow at scale, so each published demand keeps its best
 * CANDIDATES_PER_LISTING results, and each published result adds the pairs
 * of its best demands (the pair score is the same from both sides).
 *
 * Refreshed for a listing in the transaction that changes it
 * (listings/search-sync.server.ts syncListingSearch, after its search
 * document is written): an unpublished listing loses its pairs, a published
 * one is re-matched. Matching there uses the Postgres search index, which
 * is written in that same transaction whatever the configured backend, so
 * the pairs never lag the listing. refreshAllMatchCandidates rebuilds
 * everything (the seed, `npm run match:refresh`).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { LISTING_INDEXES } from "../../../search/index-definitions";
import { createPostgresSearchBackend } from "../../../search/postgres-backend";
import type { SearchBackend } from "../../../search/types";
import { NotFoundError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import type { ListingKind } from "../listings/listing-types";
import { type Match, matchDemandsForResult, matchResultsForDemand } from "./matcher.server";

/** Pairs kept per listing. */
export const CANDIDATES_PER_LISTING = 20;
/** Pairs scoring below this are not kept (too weak to broker). */
export const MIN_CANDIDATE_SCORE = 40;

type PairRow = {
  demand_id: number;
  result_id: number;
  score: number;
  breakdown: string;
  reason: string;
};

function pairRow(demandId: number, resultId: number, match: Match): PairRow {
  return {
    demand_id: demandId,
    result_id: resultId,
    score: match.score,
    breakdown: JSON.stringify(match.breakdown),
    reason: match.reason,
  };
}

async function upsertPairs(trx: Kysely<DB>, rows: PairRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("match_candidates")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["demand_id", "result_id"]).doUpdateSet((eb) => ({
        score: eb.ref("excluded.score"),
        breakdown: eb.ref("excluded.breakdown"),
        reason: eb.ref("excluded.reason"),
        computed_at: new Date(),
      })),
    )
    .execute();
}

/** Matches, or none when the listing is not published. */
async function matchesOrNone(work: () => Promise<Match[]>): Promise<Match[]> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/**
 * Recomputes the pairs of the listings `ids` of `kind` within `trx` (see the
 * module comment). Returns the number of pairs written.
 */
export async function refreshMatchCandidates(
  trx: Kysely<DB>,
  kind: ListingKind,
  ids: readonly number[],
  search: SearchBackend = createPostgresSearchBackend(trx, LISTING_INDEXES),
): Promise<number> {
  if (ids.length === 0) return 0;
  const column = kind === "demands" ? "demand_id" : "result_id";
  await trx.deleteFrom("match_candidates").where(column, "in", ids).execute();
  let written = 0;
  for (const id of ids) {
    const matches = await matchesOrNone(() =>
      kind === "demands"
        ? matchResultsForDemand(trx, search, id, { limit: CANDIDATES_PER_LISTING })
        : matchDemandsForResult(trx, search, id, { limit: CANDIDATES_PER_LISTING }),
    );
    const rows = matches
      .filter((m) => m.score >= MIN_CANDIDATE_SCORE)
      .map((m) => (kind === "demands" ? pairRow(id, m.id, m) : pairRow(m.id, id, m)));
    await upsertPairs(trx, rows);
    written += rows.length;
  }
  return written;
}

/**
 * Rebuilds `match_candidates` from every published demand (one transaction;
 * `search` defaults to the Postgres index of `db`). Returns the number of
 * demands matched and pairs written.
 */
export async function refreshAllMatchCandidates(
  db: Kysely<DB>,
  search?: SearchBackend,
): Promise<{ demands: number; pairs: number }> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom("match_candidates").execute();
    const demands = await trx
      .selectFrom("demands")
      .select("id")
      .where("status", "=", "published")
      .orderBy("id")
      .execute();
    const backend = search ?? createPostgresSearchBackend(trx, LISTING_INDEXES);
    let pairs = 0;
    for (const { id } of demands) {
      pairs += await refreshMatchCandidates(trx, "demands", [id], backend);
    }
    return { demands: demands.length, pairs };
  });
}
