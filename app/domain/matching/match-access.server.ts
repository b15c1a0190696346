/**
 * Who sees a listing's recommendations (推荐成果 on a demand, 潜在需求 on a
 * result) and who may mark one 不相关: members of the organization that
 * owns the listing, and bureau staff for any listing (permission
 * "matches.view"). Wraps the matcher and the feedback store of match-core
 * (matcher.server.ts, match-feedback.server.ts) with that check, so routes
 * and the API cannot widen it.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SearchBackend } from "../../../search/types";
import type { Role } from "../accounts/permissions";
import { roleCan } from "../accounts/permissions";
import { ForbiddenError, NotFoundError } from "../errors";
import type { ListingKind } from "../listings/listing-types";
import { type FeedbackReason, markIrrelevant } from "./match-feedback.server";
import { type Match, matchDemandsForResult, matchResultsForDemand } from "./matcher.server";

/** The signed-in user as far as match visibility goes (a SessionUser fits). */
export interface MatchViewer {
  id: string;
  role: Role;
  organizationId: number;
}

/** How many recommendations a listing's panel shows. */
export const PANEL_MATCH_LIMIT = 10;

interface ListingOwner {
  organizationId: number;
  status: string;
}

async function listingOwner(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
): Promise<ListingOwner | undefined> {
  const row = await db
    .selectFrom(kind)
    .select(["organization_id", "status"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { organizationId: row.organization_id, status: row.status } : undefined;
}

/** True when `viewer` may see recommendations of a listing owned by `organizationId`. */
export function mayViewMatchesOf(viewer: MatchViewer | null, organizationId: number): boolean {
  if (!viewer || !roleCan(viewer.role, "matches.view")) return false;
  return viewer.role === "bureau_staff" || viewer.organizationId === organizationId;
}

const forbidden = () =>
  new ForbiddenError(
    "matches_forbidden",
    "只有发布单位的成员和科技局工作人员可以查看这条信息的推荐",
  );

/**
 * The recommendations panel of a listing for `viewer`:
 * - "hidden": the viewer may not see it (another organization, anonymous);
 * - "unpublished": the listing is not published (recommendations appear once it is);
 * - "ok": the matches, best first, without those the viewer marked 不相关.
 * Throws NotFoundError when the listing does not exist.
 */
export async function listingMatchesFor(
  db: Kysely<DB>,
  search: SearchBackend,
  viewer: MatchViewer | null,
  kind: ListingKind,
  id: number,
  limit = PANEL_MATCH_LIMIT,
): Promise<{ state: "hidden" } | { state: "unpublished" } | { state: "ok"; matches: Match[] }> {
  const owner = await listingOwner(db, kind, id);
  if (!owner) throw new NotFoundError("listing_not_found", "未找到该信息");
  if (!viewer || !mayViewMatchesOf(viewer, owner.organizationId)) return { state: "hidden" };
  if (owner.status !== "published") return { state: "unpublished" };
  const options = { limit, userId: viewer.id };
  const matches =
    kind === "demands"
      ? await matchResultsForDemand(db, search, id, options)
      : await matchDemandsForResult(db, search, id, options);
  return { state: "ok", matches };
}

/** A 不相关 mark as the feedback form sends it. */
export interface IrrelevantInput {
  demandId: number;
  resultId: number;
  /** Whose recommendation list the match was on: the demand's (推荐成果) or the result's (潜在需求). */
  side: "demand" | "result";
  reason: FeedbackReason;
  note?: string;
}

/**
 * Marks a recommendation 不相关 for `viewer` (it is no longer shown to
 * them). The viewer must be allowed to see the recommendations of the
 * listing whose list it was on: ForbiddenError otherwise, NotFoundError
 * when that listing does not exist.
 */
export async function markIrrelevantAs(
  db: Kysely<DB>,
  viewer: MatchViewer,
  input: IrrelevantInput,
): Promise<void> {
  if (!roleCan(viewer.role, "matches.view")) throw forbidden();
  const [kind, id] =
    input.side === "demand"
      ? (["demands", input.demandId] as const)
      : (["results", input.resultId] as const);
  const owner = await listingOwner(db, kind, id);
  if (!owner) throw new NotFoundError("listing_not_found", "未找到该信息");
  if (!mayViewMatchesOf(viewer, owner.organizationId)) throw forbidden();
  await markIrrelevant(db, {
    userId: viewer.id,
    demandId: input.demandId,
    resultId: input.resultId,
    side: input.side,
    reason: input.reason,
    note: input.note,
  });
}
