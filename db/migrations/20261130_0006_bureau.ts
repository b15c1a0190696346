/**
 * Bureau work queues and the audit log browser (issue #3, part C):
 * - partial indexes holding only listings that wait for review (new
 *   submissions and edits of published listings; the predicate is the
 *   queue's own WHERE), so the queue and its counts stay cheap however
 *   many listings are published;
 * - organizations by verification status and age (verification queue);
 * - audit entries by actor and by action, newest first.
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["results", "demands"]) {
    await db.schema
      .createIndex(`${table}_review_queue_idx`)
      .on(table)
      .column("organization_id")
      .where(sql.raw<boolean>(`status = 'pending_review' or pending_revision is not null`))
      .execute();
  }
  await db.schema
    .createIndex("organizations_verification_idx")
    .on("organizations")
    .columns(["verification_status", "created_at"])
    .execute();
  await db.schema
    .createIndex("audit_log_actor_idx")
    .on("audit_log")
    .columns(["actor_user_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("audit_log_action_idx")
    .on("audit_log")
    .columns(["action", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_log_action_idx").execute();
  await db.schema.dropIndex("audit_log_actor_idx").execute();
  await db.schema.dropIndex("organizations_verification_idx").execute();
  for (const table of ["results", "demands"]) {
    await db.schema.dropIndex(`${table}_review_queue_idx`).execute();
  }
}
