/**
 * The durable queue of new-match alerts (issue #5 item 5; table
 * `match_alert_queue`, migration 0011). The listing workflow calls
 * `enqueueMatchAlert` inside the approval transaction, so the alert work
 * exists exactly when the publication committed; match-alerts.server.ts
 * works it off after commit, when the search index can see the listing.
 * Kept apart from the matcher so the listing workflow does not import it.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { ListingKind } from "../listings/listing-types";

/** Queues alert matching for a listing that just became published (in the caller's transaction). */
export async function enqueueMatchAlert(
  trx: Kysely<DB>,
  kind: ListingKind,
  listingId: number,
): Promise<void> {
  await trx
    .insertInto("match_alert_queue")
    .values({ listing_kind: kind, listing_id: listingId })
    .execute();
}
