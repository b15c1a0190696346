/**
 * The statistics aggregates over `contracts` (issue #6 item 6). Each function
 * is ONE SQL aggregate; rows are never loaded into JS to be summed. Sums are
 * `sum(bigint)::bigint`, read back as exact integers (fen; db/database.ts
 * throws past 2^53), so totals are exact to the fen.
 *
 * Counting semantics (notes/issue6.md, shared by the #6 helpers):
 * - a contract counts when status = 'registered' (amended contracts keep
 *   'registered' with their new amounts; submitted, refused, cancelled and
 *   revoked never count), in the period of its `registered_on`;
 * - 技术输出 (output) = direction 'output', by seller county; the headline
 *   成交额 / 技术交易额 / 合同数 are output;
 * - 技术吸纳 (absorption) = every counted contract whose buyer region lies in
 *   the home city (absorption records and output contracts with a local
 *   buyer), by buyer county;
 * - 京津 results transferred = counted contracts with a local buyer and a
 *   seller region starting with 11 (Beijing) or 12 (Tianjin);
 * - via platform = inquiry_id is not null;
 * - flow 流向 = output ∪ absorption, each contract once, from the seller's
 *   region (its county inside the home city, else its province) to the
 *   buyer's (same rule);
 * - a county is a region code inside the home city; the city code itself
 *   (e.g. 130900) is 市本级.
 * Filters: `county` narrows output to the seller county, absorption and
 * 京津 to the buyer county, flow to contracts with either party there;
 * `type` and `field` narrow every aggregate.
 *
 * Indexes: contracts_stats_output_idx and contracts_stats_buyer_idx
 * (migration 0014) cover every column used here, so these are index-only scans.
 */
import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../../db/schema";
import type { DateRange, StatsFilters } from "./stats-filters";

/** The home city (e.g. "130900") and its code range. */
export interface HomeCity {
  code: string;
  /** Lowest and highest region code inside the city ("130900", "130999"). */
  low: string;
  high: string;
}

/** The home city of a HOME_REGION_CODE ("130900"). */
export function homeCityOf(code: string): HomeCity {
  const prefix = code.slice(0, 4);
  return { code, low: `${prefix}00`, high: `${prefix}99` };
}

/** Count and amounts (fen) of a set of counted contracts. */
export interface Totals {
  contractCount: number;
  contractAmountFen: number;
  techTransactionAmountFen: number;
}

export interface OutputTotals extends Totals {
  /** Of those, contracts linked to an inquiry made on the platform. */
  platform: Totals;
}

export interface AbsorptionTotals extends Totals {
  /** Of those, sellers in Beijing or Tianjin. */
  jingjin: Totals;
}

export type KeyedTotals = Totals & { key: string };
export type FlowTotals = Totals & { from: string; to: string };

type Eb = ExpressionBuilder<DB, "contracts">;

/** count(*), sum of both amounts (fen, exact bigint), optionally of a FILTER. */
function totalsSelect<P extends string = "">(filter?: RawBuilder<boolean>, prefix = "" as P) {
  const where = filter ? sql` filter (where ${filter})` : sql``;
  return [
    sql<number>`count(*)${where}`.as(`${prefix}contractCount`),
    sql<number>`coalesce(sum(contract_amount_fen)${where}, 0)::bigint`.as(
      `${prefix}contractAmountFen`,
    ),
    sql<number>`coalesce(sum(tech_transaction_amount_fen)${where}, 0)::bigint`.as(
      `${prefix}techTransactionAmountFen`,
    ),
  ] as const;
}

const isJingjinSeller = sql<boolean>`seller_region_code >= '110000' and seller_region_code < '130000'`;

/*
 * Literals, not bound parameters: the covering indexes are partial (status =
 * 'registered', direction = 'output'), and a prepared statement's generic
 * plan can only use them when the predicate is in the SQL text.
 */
const IS_REGISTERED = sql<boolean>`status = 'registered'`;
const IS_OUTPUT = sql<boolean>`direction = 'output'`;

function inRange(eb: Eb, range: DateRange) {
  return eb.and([eb("registered_on", ">=", range.from), eb("registered_on", "<", range.to)]);
}

function typeAndField(eb: Eb, filters: StatsFilters) {
  const parts = [];
  if (filters.type) parts.push(eb("contract_type", "=", filters.type));
  if (filters.field) parts.push(eb("tech_field", "=", filters.field));
  return parts;
}

/** Output rows: registered, direction output, in range, seller county, type, field. */
function outputWhere(filters: StatsFilters, range: DateRange) {
  return (eb: Eb) =>
    eb.and([
      IS_REGISTERED,
      IS_OUTPUT,
      inRange(eb, range),
      ...(filters.county ? [eb("seller_region_code", "=", filters.county)] : []),
      ...typeAndField(eb, filters),
    ]);
}

/** Absorption rows: registered, local buyer (or the buyer county), in range, type, field. */
function absorptionWhere(home: HomeCity, filters: StatsFilters, range: DateRange) {
  return (eb: Eb) =>
    eb.and([
      IS_REGISTERED,
      ...(filters.county
        ? [eb("buyer_region_code", "=", filters.county)]
        : [eb("buyer_region_code", ">=", home.low), eb("buyer_region_code", "<=", home.high)]),
      inRange(eb, range),
      ...typeAndField(eb, filters),
    ]);
}

/** Output count and amounts in `range`, and the part that came through the platform. */
export async function outputTotals(
  db: Kysely<DB>,
  filters: StatsFilters,
  range: DateRange,
): Promise<OutputTotals> {
  const row = await db
    .selectFrom("contracts")
    .select([...totalsSelect(), ...totalsSelect(sql<boolean>`inquiry_id is not null`, "platform_")])
    .where(outputWhere(filters, range))
    .executeTakeFirstOrThrow();
  return {
    contractCount: row.contractCount,
    contractAmountFen: row.contractAmountFen,
    techTransactionAmountFen: row.techTransactionAmountFen,
    platform: {
      contractCount: row.platform_contractCount,
      contractAmountFen: row.platform_contractAmountFen,
      techTransactionAmountFen: row.platform_techTransactionAmountFen,
    },
  };
}

/** Absorption count and amounts in `range`, and the part from 京津 sellers. */
export async function absorptionTotals(
  db: Kysely<DB>,
  home: HomeCity,
  filters: StatsFilters,
  range: DateRange,
): Promise<AbsorptionTotals> {
  const row = await db
    .selectFrom("contracts")
    .select([...totalsSelect(), ...totalsSelect(isJingjinSeller, "jingjin_")])
    .where(absorptionWhere(home, filters, range))
    .executeTakeFirstOrThrow();
  return {
    contractCount: row.contractCount,
    contractAmountFen: row.contractAmountFen,
    techTransactionAmountFen: row.techTransactionAmountFen,
    jingjin: {
      contractCount: row.jingjin_contractCount,
      contractAmountFen: row.jingjin_contractAmountFen,
      techTransactionAmountFen: row.jingjin_techTransactionAmountFen,
    },
  };
}

/** Output by calendar month of `range` (key "1"…"12"); months without contracts are absent. */
export async function outputByMonth(
  db: Kysely<DB>,
  filters: StatsFilters,
  range: DateRange,
): Promise<KeyedTotals[]> {
  const month = sql<string>`extract(month from registered_on)::int::text`;
  return db
    .selectFrom("contracts")
    .select([month.as("key"), ...totalsSelect()])
    .where(outputWhere(filters, range))
    .groupBy(month)
    .execute();
}

/** Output grouped by seller county, type or field (key = code). */
export async function outputBy(
  db: Kysely<DB>,
  column: "seller_region_code" | "contract_type" | "tech_field",
  filters: StatsFilters,
  range: DateRange,
): Promise<KeyedTotals[]> {
  return db
    .selectFrom("contracts")
    .select([sql<string>`${sql.ref(column)}::text`.as("key"), ...totalsSelect()])
    .where(outputWhere(filters, range))
    .groupBy(column)
    .execute();
}

/** Absorption by buyer county (key = code). */
export async function absorptionByCounty(
  db: Kysely<DB>,
  home: HomeCity,
  filters: StatsFilters,
  range: DateRange,
): Promise<KeyedTotals[]> {
  return db
    .selectFrom("contracts")
    .select([sql<string>`buyer_region_code::text`.as("key"), ...totalsSelect()])
    .where(absorptionWhere(home, filters, range))
    .groupBy("buyer_region_code")
    .execute();
}

/** 京津 results transferred, by seller province ("110000" / "120000"). */
export async function jingjinByProvince(
  db: Kysely<DB>,
  home: HomeCity,
  filters: StatsFilters,
  range: DateRange,
): Promise<KeyedTotals[]> {
  const province = sql<string>`substr(seller_region_code, 1, 2) || '0000'`;
  return db
    .selectFrom("contracts")
    .select([province.as("key"), ...totalsSelect()])
    .where(absorptionWhere(home, filters, range))
    .where(isJingjinSeller)
    .groupBy(province)
    .execute();
}

/**
 * The flow matrix: counted contracts (output ∪ absorption, each once) by
 * seller region → buyer region, where a region is the county inside the home
 * city and the province outside it. Two index scans joined by `union all`:
 * output rows, then non-output rows with a local buyer.
 */
export async function flowMatrix(
  db: Kysely<DB>,
  home: HomeCity,
  filters: StatsFilters,
  range: DateRange,
): Promise<FlowTotals[]> {
  const regionKey = (column: string) =>
    sql<string>`case when ${sql.ref(column)} between ${home.low} and ${home.high}
      then ${sql.ref(column)}::text else substr(${sql.ref(column)}, 1, 2) || '0000' end`;
  const eitherParty = (eb: Eb) =>
    filters.county
      ? [
          eb.or([
            eb("seller_region_code", "=", filters.county),
            eb("buyer_region_code", "=", filters.county),
          ]),
        ]
      : [];
  const base = (eb: Eb) => [
    IS_REGISTERED,
    inRange(eb, range),
    ...typeAndField(eb, filters),
    ...eitherParty(eb),
  ];
  const rows = db
    .selectFrom("contracts")
    .select([
      "seller_region_code",
      "buyer_region_code",
      "contract_amount_fen",
      "tech_transaction_amount_fen",
    ])
    .where((eb) => eb.and([...base(eb), IS_OUTPUT]))
    .unionAll(
      db
        .selectFrom("contracts")
        .select([
          "seller_region_code",
          "buyer_region_code",
          "contract_amount_fen",
          "tech_transaction_amount_fen",
        ])
        .where((eb) =>
          eb.and([
            ...base(eb),
            sql<boolean>`direction <> 'output'`,
            eb("buyer_region_code", ">=", home.low),
            eb("buyer_region_code", "<=", home.high),
          ]),
        ),
    );
  const from = regionKey("seller_region_code");
  const to = regionKey("buyer_region_code");
  return (
    db
      .selectFrom(rows.as("c"))
      .select([from.as("from"), to.as("to"), ...totalsSelect()])
      // By position: the bound city range makes each expression's text differ.
      .groupBy([sql`1`, sql`2`])
      .execute()
  );
}
