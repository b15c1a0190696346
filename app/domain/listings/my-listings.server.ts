/**
 * A member's own listings (我的发布): the dashboard rows with what each
 * listing may do next, and one listing as its edit form starts from.
 * Members see only their organization's listings, in every status.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { assertCan } from "../accounts/actor";
import type { ListingStatus } from "../taxonomy/taxonomy";
import type { DemandInput, RejectionReason, ResultInput } from "./listing-input";
import {
  type MemberActor,
  MANAGE_PERMISSION,
  canExtend,
  lockOwned,
  revisionInput,
} from "./listing-guards.server";
import { inputOfRow } from "./listing-rows.server";
import type { ListingKind } from "./listing-types";

/** The dashboard actions; each matches a workflow function. */
export type OwnListingAction = "edit" | "submit" | "withdraw" | "renew";

export interface OwnListingSummary {
  kind: ListingKind;
  id: number;
  title: string;
  status: ListingStatus;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  expiresAt: string | null;
  /** Of the last rejection: of the listing (status rejected) or of an edit (still published). */
  rejectionReason: RejectionReason | null;
  rejectionNote: string | null;
  /** When an edit of the published listing waits for review. */
  revisionSubmittedAt: string | null;
  actions: OwnListingAction[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What the owner may do with a listing in `status` now (the workflow enforces the same). */
export function ownListingActions(
  status: string,
  expiresAt: Date | null,
  now: Date = new Date(),
): OwnListingAction[] {
  switch (status) {
    case "draft":
    case "rejected":
    case "withdrawn":
      return ["edit", "submit"];
    case "expired":
      return ["edit", "renew"];
    case "pending_review":
      return ["withdraw"];
    case "published":
      return canExtend(expiresAt, now) ? ["edit", "withdraw", "renew"] : ["edit", "withdraw"];
    default:
      return [];
  }
}

/** The actor's organization's listings of `kind`, most recently changed first. */
export async function listOwnListings(
  db: Kysely<DB>,
  kind: ListingKind,
  actor: MemberActor,
  now: Date = new Date(),
): Promise<OwnListingSummary[]> {
  assertCan(actor, MANAGE_PERMISSION[kind]);
  const rows = await db
    .selectFrom(kind)
    .select([
      "id",
      "title",
      "status",
      "updated_at",
      "submitted_at",
      "published_at",
      "expires_at",
      "rejection_reason",
      "rejection_note",
      "revision_submitted_at",
    ])
    .where("organization_id", "=", actor.organizationId)
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    kind,
    id: r.id,
    title: r.title,
    status: r.status as ListingStatus,
    updatedAt: r.updated_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    publishedAt: iso(r.published_at),
    expiresAt: iso(r.expires_at),
    rejectionReason: r.rejection_reason as RejectionReason | null,
    rejectionNote: r.rejection_note,
    revisionSubmittedAt: iso(r.revision_submitted_at),
    actions: ownListingActions(r.status, r.expires_at, now),
  }));
}

export interface OwnListing<I> {
  id: number;
  status: ListingStatus;
  /** What the edit form starts from: the waiting edit if there is one, else the stored content. */
  input: I;
  hasPendingRevision: boolean;
  rejectionReason: RejectionReason | null;
  rejectionNote: string | null;
  expiresAt: string | null;
  actions: OwnListingAction[];
}

/** One of the actor's listings for its edit form; NotFound for other organizations'. */
export async function getOwnListing(
  db: Kysely<DB>,
  kind: "results",
  id: number,
  actor: MemberActor,
): Promise<OwnListing<ResultInput>>;
export async function getOwnListing(
  db: Kysely<DB>,
  kind: "demands",
  id: number,
  actor: MemberActor,
): Promise<OwnListing<DemandInput>>;
export async function getOwnListing(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: MemberActor,
): Promise<OwnListing<ResultInput | DemandInput>> {
  const row = await lockOwned(db, kind, id, actor, false);
  return {
    id: row.id,
    status: row.status as ListingStatus,
    input: revisionInput(kind, row) ?? inputOfRow(kind, row),
    hasPendingRevision: row.pending_revision !== null,
    rejectionReason: row.rejection_reason as RejectionReason | null,
    rejectionNote: row.rejection_note,
    expiresAt: iso(row.expires_at),
    actions: ownListingActions(row.status, row.expires_at),
  };
}
