/**
 * The bureau's side of the listing workflow (审核) and the expiry job.
 * Reviewers need `listings.review`; they may act on any organization's
 * listing. Exported again by listing-workflow.server.ts.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { Actor } from "../accounts/actor";
import { ConflictError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { enqueueMatchAlert } from "../matching/match-alert-queue.server";
import { type RejectionReason, rejectionSchema } from "./listing-input";
import {
  type WorkflowOptions,
  clearRejection,
  clearRevision,
  expiryFrom,
  lockForReview,
  revisionInput,
  transition,
} from "./listing-guards.server";
import { lockListing, validationErrorOf } from "./listing-rows.server";
import type { ListingKind } from "./listing-types";
import { syncListingSearch } from "./search-sync.server";

const nothingToReview = () => new ConflictError("not_pending_review", "该信息当前没有待审核的内容");

/**
 * 审核通过: a submission goes pending_review → published (published_at now,
 * expires_at after LISTING_LIFETIME_DAYS); for a published listing with a
 * waiting edit, the edit replaces the published content (dates unchanged).
 * A submission of an organization that is not verified (any more) is refused.
 * Either way the listing is queued for new-match alerts in the same
 * transaction (app/domain/matching/match-alerts.server.ts).
 */
export async function approveListing(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: Actor,
  options: WorkflowOptions = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await inTransaction(db, async (trx) => {
    const row = await lockForReview(trx, kind, id, actor);
    const reviewed = { reviewed_by: actor.id, reviewed_at: now, ...clearRejection };
    if (row.status === "pending_review") {
      const org = await trx
        .selectFrom("organizations")
        .select("verification_status")
        .where("id", "=", row.organization_id)
        .executeTakeFirst();
      if (org?.verification_status !== "verified") {
        throw new ConflictError("organization_not_verified", "发布单位尚未通过认证，不能发布");
      }
      await transition(trx, kind, row, {
        action: "approve",
        actor,
        set: {
          status: "published",
          published_at: now,
          expires_at: expiryFrom(now, options),
          ...reviewed,
        },
      });
      await enqueueMatchAlert(trx, kind, id);
      return;
    }
    if (row.status === "published" && row.pending_revision) {
      const revision = revisionInput(kind, row);
      if (!revision) {
        throw new ConflictError("invalid_revision", "待审核的修改内容不完整，无法通过");
      }
      await transition(trx, kind, row, {
        action: "approve_revision",
        actor,
        set: { ...clearRevision, ...reviewed },
        input: revision,
      });
      await enqueueMatchAlert(trx, kind, id);
      return;
    }
    throw nothingToReview();
  });
}

/**
 * 驳回: a submission goes pending_review → rejected; the waiting edit of a
 * published listing is dropped and the published version stays. The
 * reason (and note, required for 其他) are kept for the owner to see.
 */
export async function rejectListing(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: Actor,
  rejection: { reason: RejectionReason; note?: string | null },
  options: WorkflowOptions = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const parsed = rejectionSchema.safeParse({
    reason: rejection.reason,
    note: rejection.note ?? undefined,
  });
  if (!parsed.success) throw validationErrorOf(parsed.error.issues);
  await inTransaction(db, async (trx) => {
    const row = await lockForReview(trx, kind, id, actor);
    const reviewed = {
      reviewed_by: actor.id,
      reviewed_at: now,
      rejection_reason: parsed.data.reason,
      rejection_note: parsed.data.note || null,
    };
    if (row.status === "pending_review") {
      await transition(trx, kind, row, {
        action: "reject",
        actor,
        set: { status: "rejected", ...reviewed },
      });
    } else if (row.status === "published" && row.pending_revision) {
      await transition(trx, kind, row, {
        action: "reject_revision",
        actor,
        set: { ...clearRevision, ...reviewed },
      });
    } else {
      throw nothingToReview();
    }
  });
}

/**
 * Marks published listings whose expires_at has passed as expired, takes
 * them out of search and audits each with no actor (the system). A waiting
 * edit becomes the content, as on withdrawal. Idempotent, for a periodic
 * job; returns how many of each kind expired.
 */
export async function expireListings(
  db: Kysely<DB>,
  now: Date = new Date(),
): Promise<Record<ListingKind, number>> {
  return inTransaction(db, async (trx) => {
    const counts: Record<ListingKind, number> = { results: 0, demands: 0 };
    for (const kind of ["results", "demands"] as const) {
      const due = await trx
        .selectFrom(kind)
        .select("id")
        .where("status", "=", "published")
        .where("expires_at", "<=", now)
        .orderBy("id")
        .execute();
      const expired: number[] = [];
      for (const { id } of due) {
        const row = await lockListing(trx, kind, id);
        if (row?.status !== "published") continue;
        await transition(trx, kind, row, {
          action: "expire",
          actor: null,
          set: { status: "expired", ...clearRevision },
          input: revisionInput(kind, row),
          skipSearchSync: true,
        });
        expired.push(id);
      }
      await syncListingSearch(trx, kind, expired);
      counts[kind] = expired.length;
    }
    return counts;
  });
}
