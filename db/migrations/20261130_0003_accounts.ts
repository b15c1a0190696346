/**
 * Accounts and review: users and Lucia sessions, organization invitations,
 * verification and review columns, pending revisions of published listings,
 * a rate-limit table for sign-in throttling, and the audit log.
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

const ROLES = ["enterprise_member", "institution_member", "bureau_staff", "admin"];
const REJECTION_REASONS = ["unclear", "not_technology", "duplicate", "untrue", "other"];
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) =>
      c
        .notNull()
        .unique()
        .check(sql`email = lower(email)`),
    )
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in (${list(ROLES)})`))
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("restrict"),
    )
    .addColumn("is_org_admin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("users_org_idx").on("users").column("organization_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("organization_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("cascade"),
    )
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("used_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable("organizations")
    .addColumn("rejection_reason", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("users.id"))
    .addColumn("reviewed_at", "timestamptz")
    .execute();

  for (const table of ["results", "demands"]) {
    await db.schema
      .alterTable(table)
      .addColumn("created_by", "text", (c) => c.references("users.id"))
      .addColumn("submitted_at", "timestamptz")
      .addColumn("reviewed_by", "text", (c) => c.references("users.id"))
      .addColumn("reviewed_at", "timestamptz")
      .addColumn("rejection_reason", "text", (c) =>
        c.check(sql`rejection_reason in (${list(REJECTION_REASONS)})`),
      )
      .addColumn("rejection_note", "text")
      // An edit of a published listing waits here for review while the
      // published version stays visible (DESIGN.md §3).
      .addColumn("pending_revision", "jsonb")
      .addColumn("revision_submitted_at", "timestamptz")
      .execute();
  }

  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("actor_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("ip", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("audit_log_entity_idx")
    .on("audit_log")
    .columns(["entity_type", "entity_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("audit_log_created_idx")
    .on("audit_log")
    .column("created_at")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("rate_limits").execute();
  for (const table of ["results", "demands"]) {
    await db.schema
      .alterTable(table)
      .dropColumn("created_by")
      .dropColumn("submitted_at")
      .dropColumn("reviewed_by")
      .dropColumn("reviewed_at")
      .dropColumn("rejection_reason")
      .dropColumn("rejection_note")
      .dropColumn("pending_revision")
      .dropColumn("revision_submitted_at")
      .execute();
  }
  await db.schema
    .alterTable("organizations")
    .dropColumn("rejection_reason")
    .dropColumn("reviewed_by")
    .dropColumn("reviewed_at")
    .execute();
  await db.schema.dropTable("organization_invitations").execute();
  await db.schema.dropTable("sessions").execute();
  await db.schema.dropTable("users").execute();
}
