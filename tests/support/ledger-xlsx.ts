/**
 * Builds ledger workbooks (XLSX, exceljs) for import tests and the import
 * benchmark: rows given by header → cell value, a complete valid row with
 * overrides, and registration numbers for the default station.
 */
import ExcelJS, { type CellValue } from "exceljs";
import { LEDGER_COLUMNS } from "../../app/domain/imports/ledger-columns";
import { fictionalUscc } from "../../app/domain/organizations/uscc";

export type LedgerCells = Record<string, CellValue>;

/** 16-digit number of Cangzhou station 01: year + 1309 + 01 + sequence. */
export function localNumber(year: number, sequence: number): string {
  return `${year}130901${String(sequence).padStart(6, "0")}`;
}

/**
 * A complete valid output row (labels as clerks type them) numbered
 * `sequence` of `year` (signed 3-05, registered 3-20 of that year);
 * `overrides` by header.
 */
export function ledgerRow(sequence: number, overrides: LedgerCells = {}, year = 2026): LedgerCells {
  return {
    登记号: localNumber(year, sequence),
    登记类型: "技术输出",
    合同名称: `激光熔覆修复技术开发合同${sequence}`,
    合同类别: "技术开发",
    合同子类: "委托开发",
    卖方名称: "沧州示例科技有限公司",
    卖方统一社会信用代码: fictionalUscc("91", "130900", 1),
    卖方所在地区代码: "130921",
    卖方性质: "私营企业",
    买方名称: "黄骅示例机械制造有限公司",
    买方统一社会信用代码: fictionalUscc("91", "130983", 2),
    买方所在地区代码: "130983",
    买方性质: "有限责任公司",
    "成交额（元）": "1,234.50",
    "技术交易额（元）": 1000.5,
    签订日期: `${year}/3/5`,
    有效期起: "",
    有效期止: "",
    登记日期: new Date(Date.UTC(year, 2, 20)),
    技术领域: "先进制造",
    知识产权类型: "发明专利",
    ...overrides,
  };
}

/**
 * An XLSX with a 台账 sheet: `headers` (default: every template column) in
 * row 1 and `rows` below (missing headers → empty cells). Returns bytes.
 */
export async function ledgerXlsx(
  rows: LedgerCells[],
  { headers = LEDGER_COLUMNS.map((c) => c.header as string), sheetName = "台账" } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
