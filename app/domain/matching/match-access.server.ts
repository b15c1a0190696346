/**
 * Who sees a listing's recommendations (推荐成果 on a demand, 潜在需求 on a
 * result) and who may mark one 不相关: members of the organization that
 * owns the listing, and bureau staff for any listing (permission
 * "matches.view"). Wraps the matcher and the feedback store of match-core
 * (matcher.server.ts, match-feedback.server.ts) with that check, so routes
 * and the API cannot widen it.
 */
import type { Kysely } from "kysely";
import type { DB, InquiryStatus } from "../../../db/schema";
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

/** The inquiry 对接 a recommended pair already has, as the panel shows it. */
export interface MatchInquiry {
  id: number;
  status: InquiryStatus;
}

/** A recommendation with the viewer's inquiry about that pair, if any. */
export type PanelMatchRow = Match & { inquiry: MatchInquiry | null };

/** Which inquiry of a pair the panel shows: an active one first, then a deal, then a closed one. */
const STATUS_RANK: Record<InquiryStatus, number> = { open: 0, negotiating: 0, deal: 1, closed: 2 };

/**
 * The inquiry about each demand–result pair that `viewer` can open, in one
 * query: for members those of their organization (either side), for bureau
 * staff any. Per pair the active one (open, negotiating) wins, then a deal,
 * then the most recently changed closed one. Keyed `${demandId}:${resultId}`.
 */
export async function inquiriesForPairs(
  db: Kysely<DB>,
  viewer: MatchViewer,
  pairs: { demandId: number; resultId: number }[],
): Promise<Map<string, MatchInquiry>> {
  const found = new Map<string, MatchInquiry & { rank: number; updatedAt: number }>();
  if (pairs.length === 0) return new Map();
  let query = db
    .selectFrom("inquiries")
    .select(["id", "status", "demand_id", "result_id", "updated_at"])
    .where((eb) =>
      eb.or(
        pairs.map((p) =>
          eb.and([eb("demand_id", "=", p.demandId), eb("result_id", "=", p.resultId)]),
        ),
      ),
    );
  if (viewer.role !== "bureau_staff") {
    query = query.where((eb) =>
      eb.or([
        eb("initiator_organization_id", "=", viewer.organizationId),
        eb("counterpart_organization_id", "=", viewer.organizationId),
      ]),
    );
  }
  for (const row of await query.execute()) {
    const key = `${row.demand_id}:${row.result_id}`;
    const rank = STATUS_RANK[row.status];
    const updatedAt = new Date(row.updated_at).getTime();
    const best = found.get(key);
    if (!best || rank < best.rank || (rank === best.rank && updatedAt > best.updatedAt)) {
      found.set(key, { id: row.id, status: row.status, rank, updatedAt });
    }
  }
  return new Map([...found].map(([key, { id, status }]) => [key, { id, status }]));
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
 * - "ok": the matches, best first, without those the viewer marked 不相关,
 *   each with the inquiry the viewer can open about that pair (or null).
 * Throws NotFoundError when the listing does not exist.
 */
export async function listingMatchesFor(
  db: Kysely<DB>,
  search: SearchBackend,
  viewer: MatchViewer | null,
  kind: ListingKind,
  id: number,
  limit = PANEL_MATCH_LIMIT,
): Promise<
  { state: "hidden" } | { state: "unpublished" } | { state: "ok"; matches: PanelMatchRow[] }
> {
  const owner = await listingOwner(db, kind, id);
  if (!owner) throw new NotFoundError("listing_not_found", "未找到该信息");
  if (!viewer || !mayViewMatchesOf(viewer, owner.organizationId)) return { state: "hidden" };
  if (owner.status !== "published") return { state: "unpublished" };
  const options = { limit, userId: viewer.id };
  const matches =
    kind === "demands"
      ? await matchResultsForDemand(db, search, id, options)
      : await matchDemandsForResult(db, search, id, options);
  const pairOf = (match: Match) =>
    kind === "demands"
      ? { demandId: id, resultId: match.id }
      : { demandId: match.id, resultId: id };
  const inquiries = await inquiriesForPairs(db, viewer, matches.map(pairOf));
  return {
    state: "ok",
    matches: matches.map((match) => {
      const { demandId, resultId } = pairOf(match);
      return { ...match, inquiry: inquiries.get(`${demandId}:${resultId}`) ?? null };
    }),
  };
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

/** The demand and result a 不相关 submission is about, as its error page names them. */
export interface FeedbackSubject {
  demand: { id: number; title: string } | null;
  result: { id: number; title: string } | null;
}

/**
 * The titles of demand #`demandId` and result #`resultId` for `viewer`'s
 * feedback page: only listings the viewer may see (published ones, their
 * organization's, or any for bureau staff); null for the others and for
 * missing ids.
 */
export async function feedbackSubjectFor(
  db: Kysely<DB>,
  viewer: MatchViewer,
  ids: { demandId?: number | null; resultId?: number | null },
): Promise<FeedbackSubject> {
  const one = async (kind: ListingKind, id: number | null | undefined) => {
    if (!id || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
    const row = await db
      .selectFrom(kind)
      .select(["id", "title", "status", "organization_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return null;
    const visible =
      row.status === "published" ||
      viewer.role === "bureau_staff" ||
      row.organization_id === viewer.organizationId;
    return visible ? { id: row.id, title: row.title } : null;
  };
  const demand = await one("demands", ids.demandId);
  const result = await one("results", ids.resultId);
  return { demand, result };
}
