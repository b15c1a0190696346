/**
 * Decisions on the review queue. The transitions themselves (status,
 * search sync, audit) are the listing workflow's; this module adds what
 * the queue needs on top: approving many listings at once, all or none.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { ConflictError, DomainError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { approveListing, rejectListing } from "../listings/listing-workflow.server";
import type { RejectionReason } from "../listings/listing-input";
import { type ListingRef, listingRefKey, MAX_BULK_APPROVE } from "./review-decision";
import { LISTING_KIND_LABELS } from "./labels";

/**
 * Approves every listing of `refs` in one transaction. When one cannot be
 * approved nothing changes, and the ConflictError names that listing
 * (details.item is its "kind:id"); a single listing's error is thrown as
 * it is. Returns how many were approved.
 */
export async function approveListings(
  db: Kysely<DB>,
  refs: readonly ListingRef[],
  actor: Actor,
): Promise<number> {
  assertCan(actor, "listings.review");
  const unique = [...new Map(refs.map((r) => [listingRefKey(r), r])).values()];
  if (unique.length === 0) {
    throw new ValidationError("nothing_selected", "请先勾选要通过的条目");
  }
  if (unique.length > MAX_BULK_APPROVE) {
    throw new ValidationError(
      "too_many_selected",
      `一次最多批量通过 ${MAX_BULK_APPROVE} 条，请分批处理`,
    );
  }
  return inTransaction(db, async (trx) => {
    // Titles first: after a failed statement the transaction accepts no queries.
    const titles = await listingTitles(trx, unique);
    for (const [index, ref] of unique.entries()) {
      try {
        await approveListing(trx, ref.kind, ref.id, actor);
      } catch (error) {
        // One listing: its own error says it best.
        if (!(error instanceof DomainError) || unique.length === 1) throw error;
        const title = titles.get(listingRefKey(ref));
        const name = title ? `「${title}」` : "";
        throw new ConflictError(
          "bulk_approve_failed",
          `第 ${index + 1} 条${name}（${LISTING_KIND_LABELS[ref.kind]} #${ref.id}）未能通过：${error.message.replace(/[。.]$/, "")}。本次选中的 ${unique.length} 条均未更改。`,
          { item: listingRefKey(ref), cause: error.code },
        );
      }
    }
    return unique.length;
  });
}

/** Rejects one listing (or its pending edit) with a reason code and an optional note. */
export async function rejectQueuedListing(
  db: Kysely<DB>,
  ref: ListingRef,
  actor: Actor,
  input: { reason: RejectionReason; note?: string },
): Promise<void> {
  assertCan(actor, "listings.review");
  await inTransaction(db, async (trx) => {
    await rejectListing(trx, ref.kind, ref.id, actor, {
      reason: input.reason,
      note: input.note ?? null,
    });
  });
}

async function listingTitles(
  trx: Kysely<DB>,
  refs: readonly ListingRef[],
): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const kind of ["results", "demands"] as const) {
    const ids = refs.filter((r) => r.kind === kind).map((r) => r.id);
    if (ids.length === 0) continue;
    const rows = await trx
      .selectFrom(kind)
      .select(["id", "title"])
      .where("id", "in", ids)
      .execute();
    for (const row of rows) titles.set(listingRefKey({ kind, id: row.id }), row.title);
  }
  return titles;
}
