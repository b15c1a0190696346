/**
 * Technology contracts 技术合同 (issue #6, DESIGN.md §5):
 * - `registration_stations` 登记站, each with a 2-digit station code;
 * - `registration_sequences`: the last sequence issued per station and year.
 *   Issuing a number is `update … set last_sequence = last_sequence + 1
 *   returning` inside the registering transaction, so numbers are gap-free
 *   (a rolled-back registration rolls its number back) and concurrent
 *   registrations queue on the row lock;
 * - `contracts`: both directions — `output` (seller local, registered here,
 *   16-digit `registration_number`) and `absorption` 技术吸纳 (buyer local,
 *   registered elsewhere, `external_registration_number`, never a local number);
 * - `contract_amendments`: the history of 变更 — each amendment's reason and
 *   the changed fields before and after (statistics read the contract row,
 *   which holds the values in force).
 * Money is bigint fen; 技术交易额 ≤ 成交额.
 * Frozen in time: imports nothing from the app; enum lists are copied here.
 */
import { type Kysely, sql } from "kysely";

const TECH_FIELDS = [
  "electronic_information",
  "aerospace",
  "advanced_manufacturing",
  "biomedicine",
  "new_materials",
  "new_energy",
  "environmental_protection",
  "nuclear_application",
  "agriculture",
  "modern_transportation",
  "urban_social_development",
];
const CONTRACT_TYPES = ["development", "transfer", "license", "consulting", "service"];
const STATUSES = ["submitted", "registered", "refused", "cancelled", "revoked"];

const inList = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registration_stations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("station_code", "char(2)", (c) =>
      c
        .notNull()
        .unique()
        .check(sql`station_code ~ '^[0-9]{2}$'`),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region_code", "char(6)", (c) => c.notNull().references("regions.code"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("registration_sequences")
    .addColumn("station_id", "integer", (c) =>
      c.notNull().references("registration_stations.id").onDelete("restrict"),
    )
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 9999`))
    .addColumn("last_sequence", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`last_sequence between 0 and 999999`),
    )
    .addPrimaryKeyConstraint("registration_sequences_pk", ["station_id", "year"])
    .execute();

  await db.schema
    .createTable("contracts")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("direction", "text", (c) =>
      c.notNull().check(sql`direction in ('output', 'absorption')`),
    )
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("submitted").check(inList("status", STATUSES)),
    )
    /** 16 digits: year(4) + province-and-city(4) + station(2) + sequence(6). */
    .addColumn("registration_number", "char(16)", (c) =>
      c.unique().check(sql`registration_number ~ '^[0-9]{16}$'`),
    )
    .addColumn("external_registration_number", "text")
    .addColumn("station_id", "integer", (c) => c.references("registration_stations.id"))
    .addColumn("contract_name", "text", (c) =>
      c.notNull().check(sql`length(contract_name) between 2 and 200`),
    )
    .addColumn("contract_type", "text", (c) =>
      c.notNull().check(inList("contract_type", CONTRACT_TYPES)),
    )
    .addColumn("contract_subtype", "text", (c) => c.notNull())
    .addColumn("seller_name", "text", (c) => c.notNull())
    .addColumn("seller_uscc", "char(18)")
    .addColumn("seller_region_code", "char(6)", (c) => c.notNull().references("regions.code"))
    .addColumn("seller_party_type", "char(3)", (c) => c.notNull())
    .addColumn("seller_organization_id", "integer", (c) => c.references("organizations.id"))
    .addColumn("buyer_name", "text", (c) => c.notNull())
    .addColumn("buyer_uscc", "char(18)")
    .addColumn("buyer_region_code", "char(6)", (c) => c.notNull().references("regions.code"))
    .addColumn("buyer_party_type", "char(3)", (c) => c.notNull())
    .addColumn("buyer_organization_id", "integer", (c) => c.references("organizations.id"))
    /** 成交额, fen. */
    .addColumn("contract_amount_fen", "bigint", (c) =>
      c.notNull().check(sql`contract_amount_fen > 0`),
    )
    /** 技术交易额, fen; the registrar sets the final value at registration. */
    .addColumn("tech_transaction_amount_fen", "bigint", (c) =>
      c.notNull().check(sql`tech_transaction_amount_fen >= 0`),
    )
    .addColumn("signed_on", "date", (c) => c.notNull())
    .addColumn("valid_from", "date")
    .addColumn("valid_until", "date")
    .addColumn("tech_field", "text", (c) => c.notNull().check(inList("tech_field", TECH_FIELDS)))
    .addColumn("ip_type", "text", (c) => c.notNull())
    .addColumn("result_id", "integer", (c) => c.references("results.id"))
    .addColumn("demand_id", "integer", (c) => c.references("demands.id"))
    .addColumn("inquiry_id", "integer", (c) => c.references("inquiries.id"))
    /** The registration rules in force when the contract was accepted. */
    .addColumn("rule_version", "text", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    /** Processing deadline: 15 working days from acceptance, 30 when 技术交易额 ≥ 500万元. */
    .addColumn("due_on", "date")
    /** Date of registration (here, or elsewhere for absorption); statistics count by it. */
    .addColumn("registered_on", "date")
    .addColumn("registered_at", "timestamptz")
    .addColumn("registered_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("refusal_reason", "text")
    .addColumn("refusal_note", "text")
    .addColumn("refused_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("status_note", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "contracts_tech_le_contract",
      sql`tech_transaction_amount_fen <= contract_amount_fen`,
    )
    .addCheckConstraint(
      "contracts_number_by_direction",
      sql`(direction = 'output' and external_registration_number is null)
        or (direction = 'absorption' and registration_number is null)`,
    )
    .addCheckConstraint(
      "contracts_registered_has_number",
      sql`direction <> 'output' or status in ('submitted', 'refused') or registration_number is not null`,
    )
    .execute();
  await db.schema
    .createIndex("contracts_absorption_number_uq")
    .on("contracts")
    .column("external_registration_number")
    .unique()
    .where(sql.raw<boolean>("external_registration_number is not null"))
    .execute();
  await db.schema
    .createIndex("contracts_status_registered_idx")
    .on("contracts")
    .columns(["status", "registered_on"])
    .execute();
  await db.schema
    .createIndex("contracts_inquiry_idx")
    .on("contracts")
    .column("inquiry_id")
    .execute();

  await db.schema
    .createTable("contract_amendments")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("contract_id", "integer", (c) =>
      c.notNull().references("contracts.id").onDelete("cascade"),
    )
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(reason) between 2 and 500`))
    /** Changed fields only, camelCase names, money in fen. */
    .addColumn("before", "jsonb", (c) => c.notNull())
    .addColumn("after", "jsonb", (c) => c.notNull())
    .addColumn("amended_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("amended_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("contract_amendments_contract_idx")
    .on("contract_amendments")
    .columns(["contract_id", "amended_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("contract_amendments").execute();
  await db.schema.dropTable("contracts").execute();
  await db.schema.dropTable("registration_sequences").execute();
  await db.schema.dropTable("registration_stations").execute();
}
