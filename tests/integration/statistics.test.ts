/**
 * Statistics on both dialects against a fixture with hand-computed sums:
 * totals exact to the fen (1 fen and 99,999,999.99 元 amounts, 200 rows of
 * 3.33 元), only registered contracts count, amendments and cancellations
 * change the totals, absorption and 京津 counting, the flow matrix, targets
 * with rank, the CSV/XLSX exports (read back with exceljs) and API tokens.
 */
import ExcelJS from "exceljs";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStatsCaller, statsSummary } from "../../app/domain/api/stats-api.server";
import { insertSeedResult } from "../../app/domain/listings/results.server";
import {
  authenticateApiToken,
  issueApiToken,
  revokeApiToken,
} from "../../app/domain/statistics/api-tokens.server";
import { loadDashboard } from "../../app/domain/statistics/dashboard.server";
import type { StatsFilters } from "../../app/domain/statistics/stats-filters";
import { homeCityOf } from "../../app/domain/statistics/stats-queries.server";
import { tableToCsv, type StatsTable } from "../../app/domain/statistics/stats-table";
import { tableToXlsx } from "../../app/domain/statistics/stats-xlsx.server";
import { saveTargets } from "../../app/domain/statistics/targets.server";
import type { Database } from "../../db/database";
import type { DB } from "../../db/schema";
import { seedDatabase } from "../../seeds/seed";
import { testDialects } from "../support/databases";
import { createOrganization, createUser, type TestUser } from "../support/factories";

const HOME = homeCityOf("130900");
const TODAY = "2026-11-30";
const staff = { role: "bureau_staff" as const };
const filters = (f: Partial<StatsFilters> = {}): StatsFilters => ({
  year: 2026,
  period: "year",
  county: null,
  type: null,
  field: null,
  ...f,
});

interface Fixture {
  on: string;
  direction?: "output" | "absorption";
  status?: "registered" | "submitted" | "refused" | "cancelled" | "revoked";
  seller: string;
  buyer: string;
  type: string;
  field: string;
  amount: number;
  tech: number;
  inquiry?: boolean;
}

let sequence = 0;

async function insertContract(db: Kysely<DB>, stationId: number, inquiryId: number, c: Fixture) {
  const direction = c.direction ?? "output";
  const status = c.status ?? "registered";
  sequence += 1;
  const numbered = direction === "output" && status !== "submitted" && status !== "refused";
  const subtype = {
    development: "commissioned",
    transfer: "patent_right",
    license: "patent_sole",
    consulting: "consulting",
    service: "service",
  }[c.type]!;
  const { id } = await db
    .insertInto("contracts")
    .values({
      direction,
      status,
      registration_number: numbered
        ? `${c.on.slice(0, 4)}130901${String(sequence).padStart(6, "0")}`
        : null,
      external_registration_number: direction === "absorption" ? `EXT-${sequence}` : null,
      station_id: direction === "output" ? stationId : null,
      contract_name: `测试合同${sequence}`,
      contract_type: c.type,
      contract_subtype: subtype,
      seller_name: "卖方",
      seller_region_code: c.seller,
      seller_party_type: "170",
      buyer_name: "买方",
      buyer_region_code: c.buyer,
      buyer_party_type: "170",
      contract_amount_fen: c.amount,
      tech_transaction_amount_fen: c.tech,
      signed_on: c.on,
      tech_field: c.field,
      ip_type: "none",
      inquiry_id: c.inquiry ? inquiryId : null,
      rule_version: "2026",
      registered_on: status === "submitted" || status === "refused" ? null : c.on,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

const totalsOf = (table: StatsTable, label: string) => {
  const row = table.rows.find((r) => r.cells.label === label);
  if (!row) throw new Error(`no row ${label} in ${table.id}`);
  return [row.cells.contractCount, row.cells.contractAmountFen, row.cells.techTransactionAmountFen];
};

describe.each(testDialects())("statistics on $name", (dialect) => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: TestUser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    database = await dialect.open();
    db = database.db;
    const org = await createOrganization(db, { kind: "bureau", regionCode: "130900" });
    admin = await createUser(db, org.id, "admin");
    const enterprise = await createOrganization(db, { kind: "enterprise" });
    const university = await createOrganization(db, { kind: "university" });
    const resultId = await insertSeedResult(db, {
      organization_id: university.id,
      title: "测试成果",
      summary: "测试成果摘要",
      description: "测试成果的详细描述，用于统计测试。",
      tech_field: "new_materials",
      keywords: ["测试"],
      maturity: "pilot",
      trl: 6,
      ip_type: "invention_patent",
      patent_numbers: [],
      transfer_modes: ["transfer"],
      asking_price_fen: null,
      status: "published",
      published_at: new Date(),
      expires_at: new Date(Date.now() + 86_400_000),
      seed_key: "stats-test",
    });
    const inquiry = await db
      .insertInto("inquiries")
      .values({
        result_id: resultId!,
        initiator_organization_id: enterprise.id,
        counterpart_organization_id: university.id,
        status: "deal",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const station = await db
      .insertInto("registration_stations")
      .values({ station_code: "01", name: "沧州市技术合同登记站", region_code: "130900" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const add = (c: Fixture) => insertContract(db, station.id, inquiry.id, c);

    // Output 2026 (a–d), counted.
    ids.a = await add({
      on: "2026-01-15",
      seller: "130982",
      buyer: "130903",
      type: "development",
      field: "new_materials",
      amount: 1,
      tech: 1,
      inquiry: true,
    });
    ids.b = await add({
      on: "2026-03-31",
      seller: "130982",
      buyer: "440305",
      type: "service",
      field: "agriculture",
      amount: 9_999_999_999,
      tech: 9_999_999_999,
    });
    ids.c = await add({
      on: "2026-04-01",
      seller: "130983",
      buyer: "110108",
      type: "transfer",
      field: "new_materials",
      amount: 1_234_567,
      tech: 1_000_000,
      inquiry: true,
    });
    for (let i = 0; i < 200; i++) {
      await add({
        on: "2026-06-15",
        seller: "130921",
        buyer: "370102",
        type: "consulting",
        field: "electronic_information",
        amount: 333,
        tech: 333,
      });
    }
    // Output 2025 (e): the previous year.
    await add({
      on: "2025-03-10",
      seller: "130982",
      buyer: "130903",
      type: "development",
      field: "new_materials",
      amount: 5_000_000,
      tech: 4_000_000,
    });
    // Not counted.
    for (const status of ["submitted", "refused", "cancelled", "revoked"] as const) {
      await add({
        on: "2026-05-10",
        status,
        seller: "130982",
        buyer: "130903",
        type: "development",
        field: "new_materials",
        amount: 7_777_777,
        tech: 7_777_777,
      });
      await add({
        on: "2026-05-10",
        direction: "absorption",
        status,
        seller: "110108",
        buyer: "130903",
        type: "license",
        field: "new_materials",
        amount: 7_777_777,
        tech: 7_777_777,
      });
    }
    // Absorption records (f–h).
    await add({
      on: "2026-02-20",
      direction: "absorption",
      seller: "110108",
      buyer: "130903",
      type: "license",
      field: "new_materials",
      amount: 2_000_000,
      tech: 1_500_000,
    });
    await add({
      on: "2026-05-05",
      direction: "absorption",
      seller: "120116",
      buyer: "130981",
      type: "development",
      field: "agriculture",
      amount: 300_000,
      tech: 300_000,
    });
    await add({
      on: "2026-05-06",
      direction: "absorption",
      seller: "370102",
      buyer: "130981",
      type: "service",
      field: "agriculture",
      amount: 50_000,
      tech: 50_000,
    });
  }, 180_000);

  afterAll(async () => {
    await database?.close();
  });

  it("totals output, absorption, 京津 and platform exactly to the fen, with the previous year", async () => {
    const d = await loadDashboard(db, staff, HOME, filters(), TODAY);
    const [output, platform, absorption, jingjin] = d.kpis;
    // a + b + c + 200 × d = 1 + 9,999,999,999 + 1,234,567 + 66,600
    expect(output!.current).toMatchObject({
      contractCount: 203,
      contractAmountFen: 10_001_301_167,
      techTransactionAmountFen: 10_001_066_600,
    });
    expect(output!.previous).toMatchObject({
      contractCount: 1,
      contractAmountFen: 5_000_000,
      techTransactionAmountFen: 4_000_000,
    });
    expect(platform!.current).toEqual({
      contractCount: 2,
      contractAmountFen: 1_234_568,
      techTransactionAmountFen: 1_000_001,
    });
    // a (output with a local buyer) + f + g + h
    expect(absorption!.current).toMatchObject({
      contractCount: 4,
      contractAmountFen: 2_350_001,
      techTransactionAmountFen: 1_850_001,
    });
    expect(jingjin!.current).toEqual({
      contractCount: 2,
      contractAmountFen: 2_300_000,
      techTransactionAmountFen: 1_800_000,
    });

    const kpi = d.tables.find((t) => t.id === "kpi")!;
    expect(kpi.rows[0]!.cells.amountYoy).toBeCloseTo(
      ((10_001_301_167 - 5_000_000) / 5_000_000) * 100,
      6,
    );
  });

  it("breaks down by month, county, type, field, flow and 京津 province", async () => {
    const d = await loadDashboard(db, staff, HOME, filters(), TODAY);
    const t = (id: string) => d.tables.find((x) => x.id === id)!;
    expect(totalsOf(t("month"), "1月")).toEqual([1, 1, 1]);
    expect(totalsOf(t("month"), "3月")).toEqual([1, 9_999_999_999, 9_999_999_999]);
    expect(totalsOf(t("month"), "5月")).toEqual([0, 0, 0]);
    expect(totalsOf(t("month"), "6月")).toEqual([200, 66_600, 66_600]);
    expect(totalsOf(t("month"), "合计")).toEqual([203, 10_001_301_167, 10_001_066_600]);
    expect(totalsOf(t("output-county"), "任丘市")).toEqual([2, 10_000_000_000, 10_000_000_000]);
    expect(totalsOf(t("output-county"), "黄骅市")).toEqual([1, 1_234_567, 1_000_000]);
    expect(totalsOf(t("output-county"), "沧县")).toEqual([200, 66_600, 66_600]);
    expect(totalsOf(t("absorption-county"), "运河区")).toEqual([2, 2_000_001, 1_500_001]);
    expect(totalsOf(t("absorption-county"), "泊头市")).toEqual([2, 350_000, 350_000]);
    expect(totalsOf(t("type"), "技术咨询")).toEqual([200, 66_600, 66_600]);
    expect(totalsOf(t("type"), "技术许可")).toEqual([0, 0, 0]);
    expect(totalsOf(t("field"), "新材料及其应用")).toEqual([2, 1_234_568, 1_000_001]);
    expect(totalsOf(t("jingjin"), "北京市")).toEqual([1, 2_000_000, 1_500_000]);
    expect(totalsOf(t("jingjin"), "天津市")).toEqual([1, 300_000, 300_000]);

    const flow = t("flow").rows.map((r) => [
      r.cells.from,
      r.cells.to,
      r.cells.contractCount,
      r.cells.contractAmountFen,
    ]);
    expect(flow).toEqual([
      ["任丘市", "广东省", 1, 9_999_999_999],
      ["北京市", "运河区", 1, 2_000_000],
      ["黄骅市", "北京市", 1, 1_234_567],
      ["天津市", "泊头市", 1, 300_000],
      ["沧县", "山东省", 200, 66_600],
      ["山东省", "泊头市", 1, 50_000],
      ["任丘市", "运河区", 1, 1],
    ]);
  });

  it("filters by period, county, type and field", async () => {
    const q1 = await loadDashboard(db, staff, HOME, filters({ period: "q1" }), TODAY);
    expect(q1.kpis[0]!.current).toMatchObject({
      contractCount: 2,
      contractAmountFen: 10_000_000_000,
    });
    const m6 = await loadDashboard(db, staff, HOME, filters({ period: "m6" }), TODAY);
    expect(m6.kpis[0]!.current).toMatchObject({ contractCount: 200, contractAmountFen: 66_600 });
    const renqiu = await loadDashboard(db, staff, HOME, filters({ county: "130982" }), TODAY);
    expect(renqiu.kpis[0]!.current).toMatchObject({
      contractCount: 2,
      contractAmountFen: 10_000_000_000,
    });
    expect(renqiu.kpis[2]!.current.contractCount).toBe(0);
    const botou = await loadDashboard(db, staff, HOME, filters({ county: "130981" }), TODAY);
    expect(botou.kpis[2]!.current).toMatchObject({ contractCount: 2, contractAmountFen: 350_000 });
    const materials = await loadDashboard(
      db,
      staff,
      HOME,
      filters({ field: "new_materials", type: "transfer" }),
      TODAY,
    );
    expect(materials.kpis[0]!.current).toMatchObject({
      contractCount: 1,
      contractAmountFen: 1_234_567,
    });
    const href = materials.tables
      .find((t) => t.id === "output-county")!
      .rows.find((r) => r.cells.label === "黄骅市")!.href;
    expect(href).toBe(
      "/bureau/contracts?year=2026&status=registered&direction=output&sellerCounty=130983&type=transfer&field=new_materials",
    );
  });

  it("reflects an amendment and a cancellation in the totals", async () => {
    await db
      .updateTable("contracts")
      .set({ contract_amount_fen: 8_888_888_888, tech_transaction_amount_fen: 8_000_000_000 })
      .where("id", "=", ids.b!)
      .execute();
    await db
      .updateTable("contracts")
      .set({ status: "cancelled" })
      .where("id", "=", ids.c!)
      .execute();
    const d = await loadDashboard(db, staff, HOME, filters(), TODAY);
    // a + b' + 200 × d = 1 + 8,888,888,888 + 66,600
    expect(d.kpis[0]!.current).toMatchObject({
      contractCount: 202,
      contractAmountFen: 8_888_955_489,
      techTransactionAmountFen: 8_000_066_601,
    });
    await db
      .updateTable("contracts")
      .set({ contract_amount_fen: 9_999_999_999, tech_transaction_amount_fen: 9_999_999_999 })
      .where("id", "=", ids.b!)
      .execute();
    await db
      .updateTable("contracts")
      .set({ status: "registered" })
      .where("id", "=", ids.c!)
      .execute();
  });

  it("ranks counties against their annual targets", async () => {
    const counties = new Set(["130982", "130983", "130921", "130900"]);
    await saveTargets(
      db,
      admin,
      2026,
      [
        { regionCode: "130982", metric: "contract_amount", value: 20_000_000_000 },
        { regionCode: "130983", metric: "contract_amount", value: 1_234_567 },
        { regionCode: "130921", metric: "contract_amount", value: 133_200 },
      ],
      counties,
    );
    await expect(
      saveTargets(db, { ...admin, role: "bureau_staff" }, 2026, [], counties),
    ).rejects.toThrow(/管理员/);
    const d = await loadDashboard(db, staff, HOME, filters(), TODAY);
    const progress = d.targets.filter((t) => t.metric === "contract_amount" && t.target > 0);
    expect(progress.map((p) => [p.regionCode, p.actual, p.percent, p.rank]).sort()).toEqual([
      ["130921", 66_600, 50, 2],
      ["130982", 10_000_000_000, 50, 2],
      ["130983", 1_234_567, 100, 1],
    ]);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "annual_target")
      .execute();
    expect(audit).toEqual([{ action: "annual_target.update" }]);
  });

  it("exports each table as CSV and XLSX with the numbers of the table", async () => {
    const d = await loadDashboard(db, staff, HOME, filters(), TODAY);
    const table = d.tables.find((t) => t.id === "output-county")!;
    const csv = tableToCsv(table);
    expect(
      csv.startsWith("\uFEFF县（市、区）,合同数（份）,成交额（元）,技术交易额（元）\r\n"),
    ).toBe(true);
    expect(csv).toContain("\r\n任丘市,2,100000000.00,100000000.00\r\n");
    expect(csv).toContain("\r\n合计,203,100013011.67,100010666.00\r\n");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableToXlsx(table)).buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "县（市、区）",
      "合同数（份）",
      "成交额（元）",
      "技术交易额（元）",
    ]);
    const read = [];
    for (let i = 2; i <= sheet.rowCount; i++) {
      const v = sheet.getRow(i).values as unknown[];
      read.push([v[1], v[2], Math.round(Number(v[3]) * 100), Math.round(Number(v[4]) * 100)]);
    }
    expect(read).toEqual(
      table.rows.map((r) => [
        r.cells.label,
        r.cells.contractCount,
        r.cells.contractAmountFen,
        r.cells.techTransactionAmountFen,
      ]),
    );
    expect(sheet.getColumn(3).numFmt).toBe("#,##0.00");
  });

  it("answers the summary API and authenticates API tokens", async () => {
    const outcome = await statsSummary(
      db,
      HOME,
      new URL("http://x/api/v1/stats/summary?year=2026"),
      TODAY,
    );
    if (!outcome.ok) throw new Error("unexpected problems");
    expect(outcome.body).toMatchObject({
      year: 2026,
      contractCount: 203,
      contractAmountFen: 10_001_301_167,
      techTransactionAmountFen: 10_001_066_600,
    });
    expect(outcome.body.byMonth).toHaveLength(12);
    expect(outcome.body.byMonth[5]).toEqual({
      month: 6,
      contractCount: 200,
      contractAmountFen: 66_600,
      techTransactionAmountFen: 66_600,
    });
    expect(outcome.body.byCounty.find((c) => c.regionCode === "130982")).toMatchObject({
      name: "任丘市",
      contractCount: 2,
    });
    const bad = await statsSummary(db, HOME, new URL("http://x/?year=20x6&type=nope"), TODAY);
    expect(bad.ok ? [] : bad.problems.map((p) => p.code)).toEqual(["invalid_year", "invalid_type"]);

    const { token, id } = await issueApiToken(db, admin, "数据平台");
    const stored = await db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(await checkStatsCaller(db, `Bearer ${token}`, null)).toEqual({ ok: true });
    expect((await authenticateApiToken(db, token))?.id).toBe(id);
    expect(await checkStatsCaller(db, null, { role: "bureau_staff" })).toEqual({ ok: true });
    expect(await checkStatsCaller(db, null, { role: "enterprise_member" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await checkStatsCaller(db, null, null)).toMatchObject({
      ok: false,
      status: 401,
      code: "unauthenticated",
    });
    expect(await checkStatsCaller(db, "Bearer tbk_wrong", null)).toMatchObject({
      ok: false,
      status: 401,
      code: "invalid_token",
    });
    await revokeApiToken(db, admin, id);
    expect(await checkStatsCaller(db, `Bearer ${token}`, { role: "bureau_staff" })).toMatchObject({
      ok: false,
      status: 401,
    });
    await expect(issueApiToken(db, { ...admin, role: "bureau_staff" }, "x")).rejects.toThrow(
      /管理员/,
    );
  });
});

describe.each(testDialects())("seed contract history on $name", (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await dialect.open();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it("loads 2025–2026 contracts with consistent numbers and 2026 targets, idempotently", async () => {
    const db = database.db;
    await seedDatabase(db);
    const count = async () =>
      (
        await db
          .selectFrom("contracts")
          .select(db.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const first = await count();
    expect(first).toBeGreaterThanOrEqual(300);
    expect(first).toBeLessThanOrEqual(600);

    const byYear = await db
      .selectFrom("contracts")
      .select([
        sql<string>`left(registration_number, 4)`.as("year"),
        sql<number>`max(right(registration_number, 6)::int)`.as("max"),
        sql<number>`count(*)`.as("n"),
      ])
      .where("registration_number", "is not", null)
      .groupBy(sql`left(registration_number, 4)`)
      .orderBy("year")
      .execute();
    const sequences = await db
      .selectFrom("registration_sequences")
      .select(["year", "last_sequence"])
      .orderBy("year")
      .execute();
    expect(sequences.map((s) => [String(s.year), s.last_sequence])).toEqual(
      byYear.map((r) => [r.year, r.max]),
    );
    // Gap-free: numbers 1…n in each year.
    expect(byYear.every((r) => r.n === r.max)).toBe(true);
    expect(byYear.every((r) => /^\d{4}$/.test(r.year))).toBe(true);

    const coverage = await db
      .selectFrom("contracts")
      .select([
        sql<number>`count(distinct contract_type)`.as("types"),
        sql<number>`count(distinct tech_field)`.as("fields"),
        sql<number>`count(distinct seller_region_code) filter (where direction = 'output')`.as(
          "sellerCounties",
        ),
        sql<number>`count(*) filter (where direction = 'absorption' and left(seller_region_code, 2) in ('11', '12'))`.as(
          "jingjin",
        ),
        sql<number>`count(*) filter (where status <> 'registered')`.as("notCounted"),
      ])
      .executeTakeFirstOrThrow();
    expect(coverage.types).toBe(5);
    expect(coverage.fields).toBe(11);
    expect(coverage.sellerCounties).toBeGreaterThanOrEqual(16);
    expect(coverage.jingjin).toBeGreaterThan(10);
    expect(coverage.notCounted).toBeGreaterThan(10);
    const targets = await db
      .selectFrom("annual_targets")
      .select(db.fn.countAll<number>().as("n"))
      .where("year", "=", 2026)
      .executeTakeFirstOrThrow();
    expect(targets.n).toBe(17 * 4);

    await seedDatabase(db);
    expect(await count()).toBe(first);
  }, 180_000);
});
