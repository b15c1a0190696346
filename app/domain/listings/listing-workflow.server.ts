/**
 * The listing status machine (DESIGN.md §3), for 科技成果 and 技术需求 alike:
 *
 *   draft ─submit→ pending_review ─approve→ published ─withdraw→ withdrawn
 *                   │      │                    └─(expiry job)→ expired
 *                   │      └─reject→ rejected
 *                   └─withdraw→ withdrawn
 *   rejected | withdrawn | expired ─submit (重新提交) / renew (续期)→ pending_review
 *   published, within 30 days of expiry ─renew→ published with a new lifetime
 *
 * An edit of a published listing waits in `pending_revision` while the
 * published version stays visible and searchable; approving applies it,
 * rejecting drops it (listing-review.server.ts). Each function runs in the
 * caller's transaction or its own, locks the row, keeps search in step and
 * audits before/after. Owners act only on their organization's listings.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import type { SubmitIntent } from "./listing-form";
import type { DemandInput, ResultInput } from "./listing-input";
import {
  type MemberActor,
  type WorkflowOptions,
  MANAGE_PERMISSION,
  RENEWAL_WINDOW_DAYS,
  assertHomeCounty,
  assertVerified,
  canExtend,
  clearRejection,
  clearRevision,
  conflict,
  expiryFrom,
  lockOwned,
  revisionInput,
  transition,
  validateInput,
} from "./listing-guards.server";
import { type ListingInputOf, entityOf, inputOfRow, insertListing } from "./listing-rows.server";
import type { ListingKind } from "./listing-types";
import { syncListingSearch } from "./search-sync.server";

export type { MemberActor, WorkflowOptions } from "./listing-guards.server";
export { NOT_VERIFIED_MESSAGE, RENEWAL_WINDOW_DAYS, canExtend } from "./listing-guards.server";
export { approveListing, expireListings, rejectListing } from "./listing-review.server";

/** Creates a draft 科技成果 of the actor's organization; returns its id. */
export function createResult(
  db: Kysely<DB>,
  actor: MemberActor,
  input: ResultInput,
  options: WorkflowOptions = {},
): Promise<number> {
  return createListing(db, "results", actor, input, options);
}

/** Creates a draft 技术需求 of the actor's organization; returns its id. */
export function createDemand(
  db: Kysely<DB>,
  actor: MemberActor,
  input: DemandInput,
  options: WorkflowOptions = {},
): Promise<number> {
  return createListing(db, "demands", actor, input, options);
}

async function createListing<K extends ListingKind>(
  db: Kysely<DB>,
  kind: K,
  actor: MemberActor,
  input: ListingInputOf<K>,
  options: WorkflowOptions,
): Promise<number> {
  assertCan(actor, MANAGE_PERMISSION[kind]);
  const valid = validateInput(kind, input, options.now ?? new Date());
  return inTransaction(db, async (trx) => {
    if (kind === "demands") await assertHomeCounty(trx, (valid as DemandInput).regionCode);
    const row = await insertListing(trx, kind, valid, {
      organizationId: actor.organizationId,
      userId: actor.id,
    });
    await syncListingSearch(trx, kind, [row.id]);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: `${entityOf(kind)}.create`,
      entityType: entityOf(kind),
      entityId: row.id,
      after: row,
      ip: actor.ip ?? null,
    });
    return row.id;
  });
}

/** What an edit did: changed the listing in place, or queued an edit of the published one. */
export type UpdateOutcome = "updated" | "revision_submitted";

/**
 * Edits the actor's listing. Drafts, rejected, withdrawn and expired
 * listings change in place; a published one keeps its published version
 * and stores the edit as `pending_revision` for review (which, like any
 * submission, needs a verified organization). A listing under review
 * cannot change: the reviewer must see what they approve.
 */
export async function updateListing<K extends ListingKind>(
  db: Kysely<DB>,
  kind: K,
  id: number,
  actor: MemberActor,
  input: ListingInputOf<K>,
  options: WorkflowOptions = {},
): Promise<UpdateOutcome> {
  const now = options.now ?? new Date();
  assertCan(actor, MANAGE_PERMISSION[kind]);
  const valid = validateInput(kind, input, now);
  return inTransaction(db, async (trx) => {
    const row = await lockOwned(trx, kind, id, actor);
    if (kind === "demands") await assertHomeCounty(trx, (valid as DemandInput).regionCode);
    switch (row.status) {
      case "draft":
      case "rejected":
      case "withdrawn":
      case "expired":
        await transition(trx, kind, row, { action: "update", actor, set: {}, input: valid });
        return "updated";
      case "published":
        await assertVerified(trx, row.organization_id);
        await transition(trx, kind, row, {
          action: "submit_revision",
          actor,
          set: {
            pending_revision: JSON.stringify(valid),
            revision_submitted_at: now,
            ...clearRejection,
          },
        });
        return "revision_submitted";
      case "pending_review":
        throw new ConflictError(
          "invalid_transition",
          "审核中的信息不能修改；如需修改，请先撤回再编辑",
        );
      default:
        throw conflict(row, "修改");
    }
  });
}

/**
 * Sends a draft (or a rejected, withdrawn or expired listing) for review.
 * The organization must be verified; the content is checked again, as a
 * rule (e.g. a demand's deadline in the future) may fail since it was saved.
 */
export async function submitForReview(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: MemberActor,
  options: WorkflowOptions = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await inTransaction(db, async (trx) => {
    const row = await lockOwned(trx, kind, id, actor);
    if (!["draft", "rejected", "withdrawn", "expired"].includes(row.status)) {
      throw conflict(row, "提交审核");
    }
    await assertVerified(trx, row.organization_id);
    validateInput(kind, inputOfRow(kind, row), now);
    await transition(trx, kind, row, {
      action: "submit",
      actor,
      set: { status: "pending_review", submitted_at: now, ...clearRejection },
    });
  });
}

export type SaveOutcome = "saved" | "submitted" | "revision_submitted";

/**
 * Creates (id null) or edits a listing from a form and, for 提交审核, sends
 * it for review — in one transaction, so a refused submission saves nothing.
 */
export async function saveListing<K extends ListingKind>(
  db: Kysely<DB>,
  kind: K,
  id: number | null,
  actor: MemberActor,
  input: ListingInputOf<K>,
  intent: SubmitIntent,
  options: WorkflowOptions = {},
): Promise<{ id: number; outcome: SaveOutcome }> {
  return inTransaction(db, async (trx) => {
    let listingId = id;
    if (listingId === null) {
      listingId = await createListing(trx, kind, actor, input, options);
    } else if ((await updateListing(trx, kind, listingId, actor, input, options)) !== "updated") {
      return { id: listingId, outcome: "revision_submitted" };
    }
    if (intent === "submit") {
      await submitForReview(trx, kind, listingId, actor, options);
      return { id: listingId, outcome: "submitted" };
    }
    return { id: listingId, outcome: "saved" };
  });
}

/**
 * 撤回: takes a published listing off the market, or a submission out of
 * the review queue. A waiting edit becomes the listing's content, so the
 * owner's latest text is what a resubmission shows the reviewer.
 */
export async function withdrawListing(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: MemberActor,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await lockOwned(trx, kind, id, actor);
    if (row.status !== "published" && row.status !== "pending_review") {
      throw conflict(row, "撤回");
    }
    await transition(trx, kind, row, {
      action: "withdraw",
      actor,
      set: { status: "withdrawn", ...clearRevision },
      input: revisionInput(kind, row),
    });
  });
}

/**
 * 续期: an expired or withdrawn listing goes back to review; a published
 * one within RENEWAL_WINDOW_DAYS of expiry gets a new lifetime from now
 * (its content was reviewed and has not changed).
 */
export async function renewListing(
  db: Kysely<DB>,
  kind: ListingKind,
  id: number,
  actor: MemberActor,
  options: WorkflowOptions = {},
): Promise<"resubmitted" | "extended"> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const row = await lockOwned(trx, kind, id, actor);
    if (row.status === "published") {
      if (!canExtend(row.expires_at, now)) {
        throw new ConflictError("renewal_too_early", `到期前 ${RENEWAL_WINDOW_DAYS} 天内才能续期`);
      }
      await assertVerified(trx, row.organization_id);
      await transition(trx, kind, row, {
        action: "renew",
        actor,
        set: { expires_at: expiryFrom(now, options) },
      });
      return "extended";
    }
    if (row.status !== "expired" && row.status !== "withdrawn") throw conflict(row, "续期");
    await assertVerified(trx, row.organization_id);
    validateInput(kind, inputOfRow(kind, row), now);
    await transition(trx, kind, row, {
      action: "renew",
      actor,
      set: { status: "pending_review", submitted_at: now, ...clearRejection },
    });
    return "resubmitted";
  });
}
