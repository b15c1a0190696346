/**
 * The search outbox worker (issue #4, part B; search/sync-worker.ts):
 * - `last_error_at`: when `last_error` was recorded, for the admin page's
 *   "last error" (a row's `available_at` doubles as its claim lease, so it
 *   cannot tell when the failure happened);
 * - pending rows in id order, so claiming the oldest batch of a large
 *   backlog reads the first rows instead of sorting every due one;
 * - processed rows by time, for pruning and "last successful sync".
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_outbox").addColumn("last_error_at", "timestamptz").execute();
  await db.schema
    .createIndex("search_outbox_pending_id_idx")
    .on("search_outbox")
    .column("id")
    .where(sql.raw<boolean>("processed_at is null"))
    .execute();
  await db.schema
    .createIndex("search_outbox_processed_idx")
    .on("search_outbox")
    .column("processed_at")
    .where(sql.raw<boolean>("processed_at is not null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_outbox_processed_idx").execute();
  await db.schema.dropIndex("search_outbox_pending_id_idx").execute();
  await db.schema.alterTable("search_outbox").dropColumn("last_error_at").execute();
}
