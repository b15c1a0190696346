/**
 * Regions, organizations, results (科技成果) and demands (技术需求).
 * Regions are loaded from db/data/gb2260.json (GB/T 2260 codes).
 * Frozen in time: imports nothing from the app; enum lists are copied here.
 */
import { type Kysely, sql } from "kysely";
import gb2260 from "../data/gb2260.json";

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
const STATUSES = ["draft", "pending_review", "published", "rejected", "withdrawn", "expired"];
const MATURITY = ["laboratory", "small_trial", "pilot", "industrialization"];
const MODES = ["transfer", "license", "equity", "cooperation", "service"];
const IP_TYPES = [
  "invention_patent",
  "utility_model",
  "design_patent",
  "software_copyright",
  "technical_secret",
  "plant_variety",
  "ic_layout",
  "none",
];
const ORG_KINDS = ["enterprise", "university", "institute", "intermediary", "bureau"];

const inList = (column: string, values: string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
const arrayIn = (column: string, values: string[]) =>
  sql.raw(`${column} <@ array[${values.map((v) => `'${v}'`).join(", ")}]::text[]`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("regions")
    .addColumn("code", "char(6)", (c) => c.primaryKey().check(sql`code ~ '^[0-9]{6}$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("parent_code", "char(6)", (c) => c.references("regions.code"))
    .addColumn("level", "text", (c) =>
      c.notNull().check(sql`level in ('province', 'city', 'county', 'zone')`),
    )
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("regions_parent_idx").on("regions").column("parent_code").execute();
  const rows = (gb2260.rows as [string, string, string | null, string][]).map(
    ([code, name, parent_code, level], i) => ({ code, name, parent_code, level, sort_order: i }),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("regions")
      .values(rows.slice(i, i + 1000))
      .execute();
  }

  await db.schema
    .createTable("organizations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", ORG_KINDS)))
    .addColumn("name", "text", (c) => c.notNull().check(sql`length(name) between 2 and 100`))
    .addColumn("uscc", "char(18)", (c) => c.unique())
    .addColumn("region_code", "char(6)", (c) => c.notNull().references("regions.code"))
    .addColumn("party_type", "char(3)", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("verification_status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`verification_status in ('pending', 'verified', 'rejected')`),
    )
    .addColumn("seed_key", "text", (c) => c.unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("results")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("restrict"),
    )
    .addColumn("title", "text", (c) => c.notNull().check(sql`length(title) between 2 and 100`))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("tech_field", "text", (c) => c.notNull().check(inList("tech_field", TECH_FIELDS)))
    .addColumn("keywords", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("maturity", "text", (c) => c.notNull().check(inList("maturity", MATURITY)))
    .addColumn("trl", "smallint", (c) => c.check(sql`trl between 1 and 9`))
    .addColumn("ip_type", "text", (c) => c.notNull().check(inList("ip_type", IP_TYPES)))
    .addColumn("patent_numbers", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("transfer_modes", sql`text[]`, (c) =>
      c.notNull().check(arrayIn("transfer_modes", MODES)),
    )
    .addColumn("asking_price_fen", "bigint", (c) => c.check(sql`asking_price_fen >= 0`))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(inList("status", STATUSES)),
    )
    .addColumn("published_at", "timestamptz")
    .addColumn("expires_at", "timestamptz")
    .addColumn("seed_key", "text", (c) => c.unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("results_org_idx").on("results").column("organization_id").execute();
  await db.schema
    .createIndex("results_status_published_idx")
    .on("results")
    .columns(["status", "published_at"])
    .execute();

  await db.schema
    .createTable("demands")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("organization_id", "integer", (c) =>
      c.notNull().references("organizations.id").onDelete("restrict"),
    )
    .addColumn("title", "text", (c) => c.notNull().check(sql`length(title) between 2 and 100`))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("tech_field", "text", (c) => c.notNull().check(inList("tech_field", TECH_FIELDS)))
    .addColumn("keywords", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("budget_min_fen", "bigint", (c) => c.check(sql`budget_min_fen >= 0`))
    .addColumn("budget_max_fen", "bigint", (c) => c.check(sql`budget_max_fen >= 0`))
    .addColumn("desired_modes", sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(arrayIn("desired_modes", MODES)),
    )
    .addColumn("deadline", "date")
    .addColumn("region_code", "char(6)", (c) => c.notNull().references("regions.code"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("draft").check(inList("status", STATUSES)),
    )
    .addColumn("published_at", "timestamptz")
    .addColumn("expires_at", "timestamptz")
    .addColumn("seed_key", "text", (c) => c.unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "demands_budget_range",
      sql`budget_min_fen is null or budget_max_fen is null or budget_min_fen <= budget_max_fen`,
    )
    .execute();
  await db.schema.createIndex("demands_org_idx").on("demands").column("organization_id").execute();
  await db.schema
    .createIndex("demands_status_published_idx")
    .on("demands")
    .columns(["status", "published_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("demands").execute();
  await db.schema.dropTable("results").execute();
  await db.schema.dropTable("organizations").execute();
  await db.schema.dropTable("regions").execute();
}
