/**
 * Ledger imports 台账导入 (issue #6 item 9): a station's existing XLSX ledger,
 * parsed and validated into a batch that a clerk previews and then commits.
 * - `contract_import_batches`: one upload. `rows` holds the valid rows ready
 *   to insert (jsonb array), `errors` the per-row problems
 *   ([{row, column, message}]), `duplicates` the rows skipped because their
 *   number is already in the database or repeated in the file. Status:
 *   previewing → committing → committed | failed (failed can be retried).
 *   `progress_done` counts rows written by the running commit.
 * - `contracts.import_batch_id`: the batch a contract came from.
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("contract_import_batches")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("station_id", "integer", (c) =>
      c.notNull().references("registration_stations.id").onDelete("restrict"),
    )
    .addColumn("uploaded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("previewing")
        .check(sql`status in ('previewing', 'committing', 'committed', 'failed')`),
    )
    .addColumn("rows", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("errors", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("duplicates", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("total_rows", "integer", (c) => c.notNull())
    .addColumn("valid_count", "integer", (c) => c.notNull())
    .addColumn("error_count", "integer", (c) => c.notNull())
    .addColumn("duplicate_count", "integer", (c) => c.notNull())
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted_count", "integer")
    .addColumn("failure_message", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("committed_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("contract_import_batches_created_idx")
    .on("contract_import_batches")
    .column("created_at")
    .execute();
  await db.schema
    .alterTable("contracts")
    .addColumn("import_batch_id", "integer", (c) =>
      c.references("contract_import_batches.id").onDelete("set null"),
    )
    .execute();
  await db.schema
    .createIndex("contracts_import_batch_idx")
    .on("contracts")
    .column("import_batch_id")
    .where(sql.raw<boolean>("import_batch_id is not null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("contracts_import_batch_idx").execute();
  await db.schema.alterTable("contracts").dropColumn("import_batch_id").execute();
  await db.schema.dropTable("contract_import_batches").execute();
}
