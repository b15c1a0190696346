/**
 * Recommendations as the public API serves them (GET /api/v1/demands/:id/
 * matches and /api/v1/results/:id/matches): `?limit=` checked (1–50, else a
 * 400 problem), matches computed by the matcher for a published listing
 * (404 otherwise), parsed through matchListSchema.
 *
 * Public like the listings themselves: the pairs are between published
 * listings, and no viewer-specific filtering (不相关 marks) applies here.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SearchBackend } from "../../../search/types";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../matching/match-limits";
import { matchDemandsForResult, matchResultsForDemand } from "../matching/matcher.server";
import { type ApiProblem, matchListSchema } from "./api-schemas";

export type ApiMatchesOutcome =
  { ok: true; body: unknown } | { ok: false; problems: readonly [ApiProblem, ...ApiProblem[]] };

/** The `limit` parameter: absent → default; a canonical integer 1–50; anything else a problem. */
export function parseMatchLimit(url: URL): number | ApiProblem {
  const values = url.searchParams.getAll("limit");
  if (values.length === 0) return DEFAULT_MATCH_LIMIT;
  const raw = values[0] ?? "";
  if (values.length === 1 && /^[1-9]\d{0,2}$/.test(raw) && Number(raw) <= MAX_MATCH_LIMIT) {
    return Number(raw);
  }
  return {
    param: "limit",
    code: "invalid_limit",
    message: `limit 必须是 1–${MAX_MATCH_LIMIT} 的整数`,
  };
}

/**
 * The matches body of the published listing `id` of `kind`, or the
 * parameter problems. Throws NotFoundError for an unknown or unpublished id.
 */
export async function matchesForApi(
  db: Kysely<DB>,
  search: SearchBackend,
  kind: "demands" | "results",
  id: number,
  url: URL,
): Promise<ApiMatchesOutcome> {
  const limit = parseMatchLimit(url);
  if (typeof limit !== "number") return { ok: false, problems: [limit] };
  const matches =
    kind === "demands"
      ? await matchResultsForDemand(db, search, id, { limit })
      : await matchDemandsForResult(db, search, id, { limit });
  return { ok: true, body: matchListSchema.parse({ matches }) };
}
