/**
 * Matchmaking inquiries 对接 (issue #5): one row per conversation between
 * the organization that started it and the counterpart organization, about
 * a research result and/or a technical demand.
 * Status machine (DESIGN.md §3): open 意向 → negotiating 洽谈 → deal 签约 | closed 终止.
 * Contracts (issue #6) link to an inquiry by `inquiries.id`.
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
  await db.schema.createIndex("inquiries_result_idx").on("inquiries").column("result_id").execute();
  await db.schema.createIndex("inquiries_demand_idx").on("inquiries").column("demand_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("inquiries").execute();
}
