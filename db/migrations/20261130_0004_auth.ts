/**
 * Sign-up, invitations and sign-in throttling (issue #3, part A):
 * - invitations can be revoked by the organization admin (kept, not
 *   deleted, so the list shows what happened to each link);
 * - rate_limits rows are purged by window age, hence the index.
 * Frozen in time: imports nothing from the app.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("organization_invitations")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoked_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("organization_invitations_org_idx")
    .on("organization_invitations")
    .columns(["organization_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("rate_limits_window_idx")
    .on("rate_limits")
    .column("window_start")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("rate_limits_window_idx").execute();
  await db.schema.dropIndex("organization_invitations_org_idx").execute();
  await db.schema
    .alterTable("organization_invitations")
    .dropColumn("revoked_at")
    .dropColumn("revoked_by")
    .execute();
}
