/**
 * Recommendations as the public API serves them (GET /api/v1/demands/:id/
 * matches and /api/v1/results/:id/matches): `?limit=` checked (1–50, else a
 * 400 problem), matches computed by the matcher for a published listing
 * (404 otherwise), parsed through matchListSchema.
 *
 * Who may call it is who sees the recommendation panels (issue #5 item 2;
 * app/domain/matching/match-access.server.ts): members of the organization
 * that owns the listing and bureau staff, by session — or a bureau API
 * token (issued by an admin, /admin/api-tokens). Recommendations tell who
 * else competes for a demand, so they are not public like the listings.
 * A session caller's 不相关 marks apply, as on the page.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SearchBackend } from "../../../search/types";
import type { SessionUser } from "../accounts/auth.server";
import { mayViewMatchesOf } from "../matching/match-access.server";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../matching/match-limits";
import { authenticateApiToken } from "../statistics/api-tokens.server";
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

/** The caller of a matches request: a bearer token, a signed-in user, or nobody. */
export type MatchesCaller =
  { authorization: string } | { user: Pick<SessionUser, "id" | "role" | "organizationId"> | null };

export type MatchesCallerCheck =
  | { ok: true; userId: string | null }
  | { ok: false; status: 401 | 403; code: string; message: string };

/**
 * Whether `caller` may read the recommendations of listing `id` of `kind`
 * (owner organization's members, bureau staff, or a valid API token).
 * A listing that does not exist passes here and is a 404 in matchesForApi.
 */
export async function checkMatchesCaller(
  db: Kysely<DB>,
  kind: "demands" | "results",
  id: number,
  caller: MatchesCaller,
): Promise<MatchesCallerCheck> {
  if ("authorization" in caller) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(caller.authorization);
    const token = bearer ? await authenticateApiToken(db, bearer[1]!) : null;
    return token
      ? { ok: true, userId: null }
      : { ok: false, status: 401, code: "invalid_token", message: "接口令牌无效或已被撤销" };
  }
  if (!caller.user) {
    return {
      ok: false,
      status: 401,
      code: "unauthenticated",
      message: "请登录发布单位或科技局的账号，或在 Authorization 头中提供接口令牌（Bearer）",
    };
  }
  const owner = await db
    .selectFrom(kind)
    .select("organization_id")
    .where("id", "=", id)
    .executeTakeFirst();
  if (owner && !mayViewMatchesOf(caller.user, owner.organization_id)) {
    return {
      ok: false,
      status: 403,
      code: "forbidden",
      message: "只有发布单位的成员和科技局工作人员可以查看这条信息的推荐",
    };
  }
  return { ok: true, userId: caller.user.id };
}

/**
 * The matches body of the published listing `id` of `kind`, or the
 * parameter problems. `userId` hides what that user marked 不相关.
 * Throws NotFoundError for an unknown or unpublished id.
 */
export async function matchesForApi(
  db: Kysely<DB>,
  search: SearchBackend,
  kind: "demands" | "results",
  id: number,
  url: URL,
  userId: string | null = null,
): Promise<ApiMatchesOutcome> {
  const limit = parseMatchLimit(url);
  if (typeof limit !== "number") return { ok: false, problems: [limit] };
  const matches =
    kind === "demands"
      ? await matchResultsForDemand(db, search, id, { limit, userId })
      : await matchDemandsForResult(db, search, id, { limit, userId });
  return { ok: true, body: matchListSchema.parse({ matches }) };
}
