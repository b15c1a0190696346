/**
 * Statistics (issue #6 items 6, 7, 11):
 * - `annual_targets`: an admin-set annual target per year, home county and
 *   metric (fen for amounts, a plain number for contract_count);
 * - `api_tokens`: bearer tokens for the statistics API, stored as the SHA-256
 *   hex of the token (the token itself is shown once), revocable;
 * - covering indexes for the dashboard's aggregates: registered contracts by
 *   registration date, one for output (direction) and one by buyer region
 *   (absorption), each carrying every column the dashboard groups or sums, so
 *   the aggregates run as index-only scans (see tests/bench/stats.bench.ts).
 * Frozen in time: imports nothing from the app.
 */
import { type Kysely, sql } from "kysely";

const METRICS = [
  "contract_amount",
  "tech_transaction_amount",
  "absorption_amount",
  "contract_count",
];

const STATS_COLUMNS = [
  "contract_amount_fen",
  "tech_transaction_amount_fen",
  "seller_region_code",
  "buyer_region_code",
  "contract_type",
  "tech_field",
  "inquiry_id",
  "direction",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("annual_targets")
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 9999`))
    .addColumn("region_code", "char(6)", (c) => c.notNull().references("regions.code"))
    .addColumn("metric", "text", (c) =>
      c.notNull().check(sql.raw(`metric in (${METRICS.map((m) => `'${m}'`).join(", ")})`)),
    )
    /** Fen for amounts, a count for contract_count. */
    .addColumn("value", "bigint", (c) => c.notNull().check(sql`value >= 0`))
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("annual_targets_pk", ["year", "region_code", "metric"])
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 1 and 100`))
    /** SHA-256 of the token, lowercase hex. */
    .addColumn("token_hash", "char(64)", (c) => c.notNull().unique())
    /** First characters of the token, to tell tokens apart in the list. */
    .addColumn("token_prefix", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  const include = sql.raw(STATS_COLUMNS.join(", "));
  await sql`create index contracts_stats_output_idx on contracts (registered_on)
    include (${include}) where status = 'registered' and direction = 'output'`.execute(db);
  await sql`create index contracts_stats_buyer_idx on contracts (buyer_region_code, registered_on)
    include (${include}) where status = 'registered'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists contracts_stats_buyer_idx`.execute(db);
  await sql`drop index if exists contracts_stats_output_idx`.execute(db);
  await db.schema.dropTable("api_tokens").execute();
  await db.schema.dropTable("annual_targets").execute();
}
