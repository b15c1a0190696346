/**
 * Ledger import (issue #6 item 9) against a real database, on every
 * dialect: exact per-row errors, duplicates in the file and against the
 * database, all-or-nothing commit (errors block it; a failure mid-commit
 * writes nothing), the registration sequence bump, that committing a
 * batch twice imports it once, gap-free 登记号, no future 登记日期, and
 * amount formulas read to the cent.
 */
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import type { DB } from "../../db/schema";
import {
  previewLedgerImport,
  getImportBatch,
} from "../../app/domain/imports/import-batches.server";
import { commitImportBatch } from "../../app/domain/imports/import-commit.server";
import { readLedger } from "../../app/domain/imports/ledger-workbook.server";
import { buildLedgerTemplate } from "../../app/domain/imports/ledger-template.server";
import { fictionalUscc } from "../../app/domain/organizations/uscc";
import { testDialects } from "../support/databases";
import { createOrganization, createUser, type TestUser } from "../support/factories";
import { ledgerRow, ledgerXlsx, localNumber } from "../support/ledger-xlsx";

const HOME = "130900";
const TODAY = "2026-11-30";

describe.each(testDialects())("ledger import on $name", (dialect) => {
  let database: Database;
  let db: Kysely<DB>;
  let staff: TestUser;
  let stationId: number;

  const preview = async (bytes: Uint8Array, fileName = "台账.xlsx") =>
    (
      await previewLedgerImport(db, staff, {
        fileName,
        bytes,
        stationId,
        homeCityCode: HOME,
        today: TODAY,
      })
    ).id;
  const contractCount = async () =>
    Number(
      (
        await db
          .selectFrom("contracts")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sequenceOf = async (year: number) =>
    (
      await db
        .selectFrom("registration_sequences")
        .select("last_sequence")
        .where("station_id", "=", stationId)
        .where("year", "=", year)
        .executeTakeFirst()
    )?.last_sequence ?? null;

  beforeAll(async () => {
    database = await dialect.open();
    db = database.db;
    const station = await db
      .insertInto("registration_stations")
      .values({ station_code: "01", name: "沧州市技术合同登记站", region_code: HOME })
      .returning("id")
      .executeTakeFirstOrThrow();
    stationId = station.id;
    const bureau = await createOrganization(db, { kind: "bureau", regionCode: HOME });
    staff = await createUser(db, bureau.id, "bureau_staff");
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it("reports every bad row as (row, column, message) and refuses to commit", async () => {
    const bytes = await ledgerXlsx([
      ledgerRow(1), // row 2: good
      ledgerRow(102, { 卖方统一社会信用代码: "91130900MA00000170" }), // 3
      ledgerRow(103, { "成交额（元）": 1.234 }), // 4
      ledgerRow(104, { "成交额（元）": "1000", "技术交易额（元）": "1000.01" }), // 5
      ledgerRow(105, { 合同类别: "技术合作" }), // 6
      ledgerRow(106, { 签订日期: "2026-02-30" }), // 7
      ledgerRow(107, { 合同名称: "" }), // 8
      ledgerRow(108, { 登记号: localNumber(2025, 108) }), // 9: year ≠ 登记日期 year
      ledgerRow(109, { 登记号: "2026130902000109" }), // 10: another station
      ledgerRow(110, { 登记号: 2026130901000110 }), // 11: number cell
      // 12: Excel serial date, numeric party type, short subtype label, text amount with 元.
      ledgerRow(2, {
        签订日期: 46086,
        卖方性质: 170,
        "成交额（元）": "2,000元",
        合同类别: "技术许可",
        合同子类: "独占许可",
      }),
    ]);
    const id = await preview(bytes);
    const batch = await getImportBatch(db, id);
    expect(batch.errors).toEqual([
      { row: 3, column: "卖方统一社会信用代码", message: "统一社会信用代码校验位不正确，请核对" },
      { row: 4, column: "成交额（元）", message: "成交额：最多保留 2 位小数（精确到分）" },
      { row: 5, column: "技术交易额（元）", message: "技术交易额不能超过成交额" },
      {
        row: 6,
        column: "合同类别",
        message: "未知的合同类别“技术合作”，应为：技术开发、技术转让、技术许可、技术咨询、技术服务",
      },
      { row: 7, column: "签订日期", message: "日期 2026-2-30 不存在或超出范围" },
      { row: 8, column: "合同名称", message: "必填，不能为空" },
      { row: 9, column: "登记号", message: "登记号年份 2025 与登记日期年份 2026 不一致" },
      { row: 10, column: "登记号", message: "登记号第 9–10 位应为本登记站代码 01，实为 02" },
      {
        row: 11,
        column: "登记号",
        message:
          "该单元格是数字格式，Excel 只保留 15 位有效数字，末位可能已变为 0；请把此列设为文本格式后重新填写",
      },
    ]);
    expect(batch).toMatchObject({
      totalRows: 11,
      validCount: 2,
      errorCount: 9,
      duplicateCount: 0,
      status: "previewing",
    });
    const row12 = batch.sampleRows.find((r) => r.row === 12)!;
    expect(row12).toMatchObject({
      signedOn: "2026-03-05",
      sellerPartyType: "170",
      contractAmountFen: 200_000,
      techTransactionAmountFen: 100_050,
      contractType: "license",
      contractSubtype: "patent_exclusive",
      registeredOn: "2026-03-20",
      sequence: 2,
    });
    expect(batch.sampleRows.find((r) => r.row === 2)).toMatchObject({
      contractAmountFen: 123_450,
      techField: "advanced_manufacturing",
      ipType: "invention_patent",
    });
    await expect(commitImportBatch(db, id, staff)).rejects.toMatchObject({
      code: "import_has_errors",
    });
    expect(await contractCount()).toBe(0);
    expect((await getImportBatch(db, id)).status).toBe("previewing");
  });

  it("refuses files that are not a ledger, with the reason", async () => {
    await expect(preview(new TextEncoder().encode("登记号,合同名称\n1,2\n"))).rejects.toMatchObject(
      { code: "not_xlsx" },
    );
    await expect(preview(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toMatchObject({
      code: "xls_not_supported",
    });
    const noAmount = await ledgerXlsx([ledgerRow(1)], {
      headers: Object.keys(ledgerRow(1)).filter((h) => h !== "成交额（元）"),
    });
    await expect(preview(noAmount)).rejects.toMatchObject({
      code: "missing_columns",
      message: "工作表“台账”缺少必填列：成交额（元）。请使用导入模板的表头",
    });
    const otherSheet = await ledgerXlsx([{ 名称: "x" }], { headers: ["名称", "金额"] });
    await expect(preview(otherSheet)).rejects.toMatchObject({ code: "no_ledger_sheet" });
  });

  it("reads its own template: the example row is valid", async () => {
    const sheet = await readLedger(await buildLedgerTemplate());
    expect(sheet.sheetName).toBe("台账");
    expect(sheet.rows).toHaveLength(1);
    const id = await preview(await buildLedgerTemplate(), "模板.xlsx");
    const batch = await getImportBatch(db, id);
    expect(batch.errors).toEqual([]);
    expect(batch.validCount).toBe(1);
  });

  it("commits all rows in one go, bumps the sequence, and imports a batch only once", async () => {
    await db
      .insertInto("registration_sequences")
      .values({ station_id: stationId, year: 2025, last_sequence: 500 })
      .execute();
    const id = await preview(
      await ledgerXlsx([
        ledgerRow(1),
        ledgerRow(3),
        ledgerRow(2, {}),
        ledgerRow(7, {
          登记号: localNumber(2025, 7),
          登记日期: "2025-12-30",
          签订日期: "2025-12-01",
        }),
        ledgerRow(0, {
          登记号: "2026110108000123",
          登记类型: "技术吸纳",
          卖方名称: "北京示例大学",
          卖方统一社会信用代码: fictionalUscc("12", "110108", 3),
          卖方所在地区代码: "北京市",
          卖方性质: "022",
        }),
      ]),
    );
    const seller = await db
      .insertInto("organizations")
      .values({
        kind: "enterprise",
        name: "沧州示例科技有限公司",
        uscc: fictionalUscc("91", "130900", 1),
        region_code: "130921",
        party_type: "170",
        intro: "",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const before = await contractCount();
    const outcome = await commitImportBatch(db, id, staff, { chunkSize: 2 });
    expect(outcome).toMatchObject({ inserted: 5, alreadyCommitted: false, newDuplicates: [] });
    expect((await contractCount()) - before).toBe(5);
    expect(await sequenceOf(2026)).toBe(3);
    expect(await sequenceOf(2025)).toBe(500); // never lowered
    const absorption = await db
      .selectFrom("contracts")
      .selectAll()
      .where("external_registration_number", "=", "2026110108000123")
      .executeTakeFirstOrThrow();
    expect(absorption).toMatchObject({
      direction: "absorption",
      status: "registered",
      registration_number: null,
      station_id: null,
      seller_region_code: "110000",
      registered_on: "2026-03-20",
      import_batch_id: id,
    });
    const output = await db
      .selectFrom("contracts")
      .selectAll()
      .where("registration_number", "=", localNumber(2026, 3))
      .executeTakeFirstOrThrow();
    expect(output).toMatchObject({
      direction: "output",
      contract_amount_fen: 123_450,
      tech_transaction_amount_fen: 100_050,
      station_id: stationId,
      contract_type: "development",
      contract_subtype: "commissioned",
      seller_organization_id: seller.id,
      buyer_organization_id: null,
    });
    const batch = await getImportBatch(db, id);
    expect(batch).toMatchObject({ status: "committed", insertedCount: 5, progressDone: 5 });
    const audits = await db
      .selectFrom("audit_log")
      .select(["action", (eb) => eb.fn.countAll().as("n")])
      .where("action", "in", ["contract.import", "contract_import_batch.import_commit"])
      .groupBy("action")
      .execute();
    expect(Object.fromEntries(audits.map((a) => [a.action, Number(a.n)]))).toMatchObject({
      "contract.import": 5,
      "contract_import_batch.import_commit": 1,
    });

    const again = await commitImportBatch(db, id, staff);
    expect(again).toMatchObject({ alreadyCommitted: true, inserted: 0 });
    expect((await contractCount()) - before).toBe(5);
  });

  it("lists duplicates in the file and in the database and inserts each number once", async () => {
    const before = await contractCount();
    const id = await preview(
      await ledgerXlsx([
        ledgerRow(1), // row 2: in the database (previous test)
        ledgerRow(4), // 3
        ledgerRow(5), // 4
        ledgerRow(4, { 合同名称: "重复录入的合同" }), // 5: repeats row 3
      ]),
    );
    const batch = await getImportBatch(db, id);
    expect(batch.duplicates).toEqual([
      { row: 2, registrationNumber: localNumber(2026, 1), reason: "database" },
      { row: 5, registrationNumber: localNumber(2026, 4), reason: "file", firstRow: 3 },
    ]);
    expect(batch).toMatchObject({ validCount: 2, duplicateCount: 2, errorCount: 0 });
    await commitImportBatch(db, id, staff);
    expect((await contractCount()) - before).toBe(2);
    const names = await db
      .selectFrom("contracts")
      .select("contract_name")
      .where("registration_number", "=", localNumber(2026, 4))
      .execute();
    expect(names).toEqual([{ contract_name: "激光熔覆修复技术开发合同4" }]);
  });

  it("skips numbers registered between preview and commit", async () => {
    const first = await preview(await ledgerXlsx([ledgerRow(6)]));
    const second = await preview(await ledgerXlsx([ledgerRow(6), ledgerRow(7)]));
    await commitImportBatch(db, first, staff);
    const outcome = await commitImportBatch(db, second, staff);
    expect(outcome.inserted).toBe(1);
    expect(outcome.newDuplicates).toEqual([
      { row: 2, registrationNumber: localNumber(2026, 6), reason: "database" },
    ]);
    expect((await getImportBatch(db, second)).duplicateCount).toBe(1);
  });

  it("writes nothing when the commit fails part-way, and can be retried", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) =>
      ledgerRow(8 + i, i === 1100 ? { 合同名称: "触发失败的合同" } : {}),
    );
    const id = await preview(await ledgerXlsx(rows));
    expect((await getImportBatch(db, id)).validCount).toBe(1200);
    // A real failure inside the database, after two chunks were inserted.
    await sql`create function fail_import() returns trigger language plpgsql as $$
      begin
        if new.contract_name = '触发失败的合同' then raise exception 'simulated failure'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger fail_import before insert on contracts for each row execute function fail_import()`.execute(
      db,
    );
    const before = await contractCount();
    const sequence = await sequenceOf(2026);
    const progress: number[] = [];
    await expect(
      commitImportBatch(db, id, staff, {
        chunkSize: 500,
        onProgress: (done) => void progress.push(done),
      }),
    ).rejects.toThrow(/simulated failure/);
    expect(progress).toEqual([0, 500, 1000]);
    expect(await contractCount()).toBe(before);
    expect(await sequenceOf(2026)).toBe(sequence);
    const failed = await getImportBatch(db, id);
    expect(failed.status).toBe("failed");
    expect(failed.failureMessage).toContain("已全部撤销");

    await sql`drop trigger fail_import on contracts`.execute(db);
    const retry = await commitImportBatch(db, id, staff);
    expect(retry.inserted).toBe(1200);
    expect((await contractCount()) - before).toBe(1200);
    expect(await sequenceOf(2026)).toBe(1207);
  }, 60_000);

  it("refuses 登记号 that would leave numbers never issued, per station and year", async () => {
    await db
      .insertInto("registration_sequences")
      .values({ station_id: stationId, year: 2024, last_sequence: 207 })
      .execute();
    const errorsOf = async (rows: Parameters<typeof ledgerXlsx>[0]) => {
      const batch = await getImportBatch(db, await preview(await ledgerXlsx(rows)));
      return { batch, errors: batch.errors };
    };
    const gap = (missing: string, year = 2024, last = "已登记到 000207") =>
      `登记号不连续：本站 ${year} 年${last}，导入后缺少 ${missing}；请核对登记号`;

    // A typo: …999 after …207.
    const typo = await errorsOf([ledgerRow(999, {}, 2024)]);
    expect(typo.errors).toEqual([{ row: 2, column: "登记号", message: gap("000208–000998") }]);
    expect(typo.batch).toMatchObject({ validCount: 0, errorCount: 1 });
    await expect(commitImportBatch(db, typo.batch.id, staff)).rejects.toMatchObject({
      code: "import_has_errors",
    });
    expect(await sequenceOf(2024)).toBe(207);

    // …208 skipped: both rows past the hole are errors.
    const skipped = await errorsOf([ledgerRow(209, {}, 2024), ledgerRow(210, {}, 2024)]);
    expect(skipped.errors).toEqual([
      { row: 2, column: "登记号", message: gap("000208") },
      { row: 3, column: "登记号", message: gap("000208") },
    ]);

    // Several holes; rows before the first hole are fine.
    const several = await errorsOf([
      ledgerRow(999, {}, 2024),
      ledgerRow(208, {}, 2024),
      ledgerRow(210, {}, 2024),
    ]);
    expect(several.errors).toEqual([
      { row: 2, column: "登记号", message: gap("000209、000211–000998") },
      { row: 4, column: "登记号", message: gap("000209、000211–000998") },
    ]);
    expect(several.batch.validCount).toBe(1);

    // A year with nothing issued must start at 000001.
    const fresh = await errorsOf([ledgerRow(2, {}, 2022), ledgerRow(3, {}, 2022)]);
    expect(fresh.errors.map((e) => e.message)).toEqual([
      gap("000001", 2022, "尚无登记号"),
      gap("000001", 2022, "尚无登记号"),
    ]);

    // Continuing without a hole (in any order, numbers already issued allowed) commits.
    const good = await errorsOf([
      ledgerRow(209, {}, 2024),
      ledgerRow(5, {}, 2024),
      ledgerRow(208, {}, 2024),
    ]);
    expect(good.errors).toEqual([]);
    expect(await commitImportBatch(db, good.batch.id, staff)).toMatchObject({ inserted: 3 });
    expect(await sequenceOf(2024)).toBe(209);

    // The numbers in `contracts` count too: now 209 is the last.
    const after = await errorsOf([ledgerRow(211, {}, 2024)]);
    expect(after.errors).toEqual([
      { row: 2, column: "登记号", message: gap("000210", 2024, "已登记到 000209") },
    ]);
  });

  it("refuses a future 登记日期 and reads amount formulas to the cent", async () => {
    const bytes = await ledgerXlsx([
      // row 2: =0.1+0.2 is 0.30000000000000004 in the file, 0.30 on screen.
      ledgerRow(
        1,
        {
          "成交额（元）": { formula: "0.1+0.2", result: 0.1 + 0.2 },
          "技术交易额（元）": { formula: "0.1+0.2", result: 0.1 + 0.2 },
        },
        2023,
      ),
      ledgerRow(2, { "成交额（元）": "1.234" }, 2023), // 3
      ledgerRow(3, { "成交额（元）": 1.234, "技术交易额（元）": 1 }, 2023), // 4
      ledgerRow(1, { 登记日期: "2027-05-01", 签订日期: "2026/3/5" }, 2027), // 5
    ]);
    const batch = await getImportBatch(db, await preview(bytes));
    expect(batch.errors).toEqual([
      { row: 3, column: "成交额（元）", message: "成交额：最多保留 2 位小数（精确到分）" },
      { row: 4, column: "成交额（元）", message: "成交额：最多保留 2 位小数（精确到分）" },
      { row: 5, column: "登记日期", message: "登记日期不能晚于今天" },
    ]);
    expect(batch.sampleRows).toEqual([
      expect.objectContaining({ row: 2, contractAmountFen: 30, techTransactionAmountFen: 30 }),
    ]);

    // Without `today` (as the upload page calls it) the current day in Asia/Shanghai applies.
    const { id } = await previewLedgerImport(db, staff, {
      fileName: "未来.xlsx",
      bytes: await ledgerXlsx([ledgerRow(1, { 签订日期: "2026/3/5" }, 2099)]),
      stationId,
      homeCityCode: HOME,
    });
    expect((await getImportBatch(db, id)).errors).toEqual([
      { row: 2, column: "登记日期", message: "登记日期不能晚于今天" },
    ]);
  });

  it("is refused without the contracts.import permission", async () => {
    const org = await createOrganization(db, { kind: "enterprise" });
    const member = await createUser(db, org.id, "enterprise_member");
    await expect(
      previewLedgerImport(db, member, {
        fileName: "x.xlsx",
        bytes: await ledgerXlsx([ledgerRow(1)]),
        stationId,
        homeCityCode: HOME,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
