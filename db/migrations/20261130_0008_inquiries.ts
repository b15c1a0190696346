/**
 * Matchmaking inquiries 对接 (issue #5): one row per conversation between
 * the organization that started it and the counterpart organization, about
 * a research result and/or a technical demand.
 * Status machine (DESIGN.md §3): open 意向 → negotiating 洽谈 → deal 签约 | closed 终止.
 * Contracts (issue #6) link to an inquiry by `inquiries.id`.
 * Both sides confirm a deal (签约) separately: `*_confirmed_at/_by` per side;
 * status becomes `deal` when both have. At most one active (open or
 * negotiating) inquiry per organization pair and listing pair
 * (`inquiries_active_pair`). The thread is `inquiry_messages` (bureau staff
 * may post as broker), `inquiry_broker_notes` are visible to bureau staff
 * only, and `inquiry_reads` holds each user's read marker (unread markers).
 * Also the in-app `notifications` (unread counts), the `email_outbox` that a
 * pluggable transport drains, and each user's new-match alert setting.
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("inquiries")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("result_id", "integer", (c) => c.references("results.id").onDelete("restrict"))
    .addColumn("demand_id", "integer", (c) => c.references("demands.id").onDelete("restrict"))
    .addColumn("initiator_organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("restrict"),
    )
    .addColumn("counterpart_organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("restrict"),
    )
    .addColumn("initiated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(sql`status in ('open', 'negotiating', 'deal', 'closed')`),
    )
    .addColumn("close_reason", "text")
    .addColumn("close_note", "text")
    .addColumn("deal_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("inquiries_subject", sql`result_id is not null or demand_id is not null`)
    .addCheckConstraint(
      "inquiries_two_sides",
      sql`initiator_organization_id <> counterpart_organization_id`,
    )
    .execute();
  await db.schema
    .createIndex("inquiries_initiator_idx")
    .on("inquiries")
    .columns(["initiator_organization_id", "updated_at"])
    .execute();
  await db.schema
    .createIndex("inquiries_counterpart_idx")
    .on("inquiries")
    .columns(["counterpart_organization_id", "updated_at"])
    .execute();
  await db.schema
    .alterTable("inquiries")
    .addColumn("initiator_confirmed_at", "timestamptz")
    .addColumn("initiator_confirmed_by", "text", (c) =>
      c.references("users.id").onDelete("set null"),
    )
    .addColumn("counterpart_confirmed_at", "timestamptz")
    .addColumn("counterpart_confirmed_by", "text", (c) =>
      c.references("users.id").onDelete("set null"),
    )
    .execute();
  await sql`
    create unique index inquiries_active_pair on inquiries (
      least(initiator_organization_id, counterpart_organization_id),
      greatest(initiator_organization_id, counterpart_organization_id),
      coalesce(result_id, 0),
      coalesce(demand_id, 0)
    ) where status in ('open', 'negotiating')`.execute(db);
  await db.schema.createIndex("inquiries_status_idx").on("inquiries").column("status").execute();
  // The bureau's pipeline, newest activity first.
  await db.schema
    .createIndex("inquiries_recent_idx")
    .on("inquiries")
    .columns(["updated_at", "id"])
    .execute();
  await db.schema.createIndex("inquiries_result_idx").on("inquiries").column("result_id").execute();
  await db.schema.createIndex("inquiries_demand_idx").on("inquiries").column("demand_id").execute();

  await db.schema
    .createTable("inquiry_messages")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("inquiry_id", "integer", (c) =>
      c.notNull().references("inquiries.id").onDelete("cascade"),
    )
    .addColumn("author_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("author_organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("restrict"),
    )
    .addColumn("as_broker", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("inquiry_messages_thread_idx")
    .on("inquiry_messages")
    .columns(["inquiry_id", "id"])
    .execute();

  await db.schema
    .createTable("inquiry_broker_notes")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("inquiry_id", "integer", (c) =>
      c.notNull().references("inquiries.id").onDelete("cascade"),
    )
    .addColumn("author_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("inquiry_broker_notes_inquiry_idx")
    .on("inquiry_broker_notes")
    .columns(["inquiry_id", "id"])
    .execute();

  await db.schema
    .createTable("inquiry_reads")
    .addColumn("inquiry_id", "integer", (c) =>
      c.notNull().references("inquiries.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("read_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("inquiry_reads_pkey", ["inquiry_id", "user_id"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text")
    .addColumn("read_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("notifications_unread_idx")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .where(sql.raw<boolean>("read_at is null"))
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "id"])
    .execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("email_outbox_pending_idx")
    .on("email_outbox")
    .column("id")
    .where(sql.raw<boolean>("sent_at is null"))
    .execute();

  await db.schema
    .alterTable("users")
    .addColumn("match_alert_frequency", "text", (c) =>
      c
        .notNull()
        .defaultTo("immediate")
        .check(sql`match_alert_frequency in ('immediate', 'daily', 'off')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("match_alert_frequency").execute();
  await db.schema.dropTable("email_outbox").execute();
  await db.schema.dropTable("notifications").execute();
  await db.schema.dropTable("inquiry_reads").execute();
  await db.schema.dropTable("inquiry_broker_notes").execute();
  await db.schema.dropTable("inquiry_messages").execute();
  await db.schema.dropTable("inquiries").execute();
}
