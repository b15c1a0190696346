/**
 * New-match alerts (issue #5 item 5):
 * - `match_alert_queue`: one row per listing that became published, written
 *   in the approval transaction and worked off after commit (matching needs
 *   the search index), so an approval is never lost across a restart;
 * - `match_alerts`: one row per (user, demand, result) pair a user was told
 *   about or will be told about in a digest — the unique key is what keeps
 *   a pair from being announced twice;
 * - `match_alert_digests`: one row per user and Asia/Shanghai day a daily
 *   digest was sent (the primary key makes it at most one a day).
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("match_alert_queue")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("listing_kind", "text", (c) =>
      c.notNull().check(sql`listing_kind in ('results', 'demands')`),
    )
    .addColumn("listing_id", "integer", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("processed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("match_alert_queue_pending_idx")
    .on("match_alert_queue")
    .column("id")
    .where(sql.raw<boolean>("processed_at is null"))
    .execute();

  await db.schema
    .createTable("match_alerts")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("demand_id", "integer", (c) =>
      c.notNull().references("demands.id").onDelete("cascade"),
    )
    .addColumn("result_id", "integer", (c) =>
      c.notNull().references("results.id").onDelete("cascade"),
    )
    .addColumn("recipient_kind", "text", (c) =>
      c.notNull().check(sql`recipient_kind in ('results', 'demands')`),
    )
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("frequency", "text", (c) =>
      c.notNull().check(sql`frequency in ('immediate', 'daily')`),
    )
    .addColumn("notified_at", "timestamptz")
    .addColumn("digest_date", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("match_alerts_pair_key", ["user_id", "demand_id", "result_id"])
    .execute();
  await db.schema
    .createIndex("match_alerts_pending_idx")
    .on("match_alerts")
    .columns(["user_id", "created_at"])
    .where(sql.raw<boolean>("notified_at is null"))
    .execute();

  await db.schema
    .createTable("match_alert_digests")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("digest_date", "date", (c) => c.notNull())
    .addColumn("alert_count", "integer", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("match_alert_digests_pkey", ["user_id", "digest_date"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("match_alert_digests").execute();
  await db.schema.dropTable("match_alerts").execute();
  await db.schema.dropTable("match_alert_queue").execute();
}
