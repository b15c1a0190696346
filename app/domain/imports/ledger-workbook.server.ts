/**
 * Reads an uploaded ledger workbook (XLSX, exceljs) into raw rows keyed by
 * column: finds the sheet and header row (the first row, within the first
 * 10 of a sheet, that has 登记号 and 合同名称 — clerks often put a title
 * above), maps headers to columns (ledger-columns.ts), and keeps every
 * non-empty row below with its Excel row number.
 *
 * Throws ValidationError (zh-CN) for a file that is not XLSX (an old .xls,
 * a CSV), cannot be read, has no ledger sheet, lacks required columns,
 * repeats a column, has no rows or more than MAX_LEDGER_ROWS.
 */
import ExcelJS, { type CellValue } from "exceljs";
import { ValidationError } from "../errors";
import { isBlank } from "./ledger-cells";
import { columnForHeader, LEDGER_COLUMNS, type LedgerKey, MAX_LEDGER_ROWS } from "./ledger-columns";

const HEADER_SEARCH_ROWS = 10;

export interface LedgerRawRow {
  /** Row number as Excel shows it (1-based). */
  row: number;
  cells: Partial<Record<LedgerKey, CellValue>>;
}

export interface LedgerSheet {
  sheetName: string;
  headerRow: number;
  /** Columns found, by key. */
  columns: LedgerKey[];
  rows: LedgerRawRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Parses `bytes` of an uploaded file; see the module comment for what it refuses. */
export async function readLedger(bytes: Uint8Array): Promise<LedgerSheet> {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ValidationError(
      "xls_not_supported",
      "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new ValidationError("not_xlsx", "文件不是 Excel .xlsx 格式，请使用导入模板填写后上传");
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError(
      "unreadable_xlsx",
      "无法读取该 .xlsx 文件，文件可能已损坏或不是 Excel 工作簿",
    );
  }

  let found: {
    sheet: ExcelJS.Worksheet;
    headerRow: number;
    byColumn: Map<number, LedgerKey>;
  } | null = null;
  let closest: { sheetName: string; missing: string[] } | null = null;
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
      const byColumn = new Map<number, LedgerKey>();
      const duplicates: string[] = [];
      sheet.getRow(r).eachCell((cell, col) => {
        const column = typeof cell.text === "string" ? columnForHeader(cell.text) : undefined;
        if (!column) return;
        if ([...byColumn.values()].includes(column.key)) duplicates.push(column.header);
        byColumn.set(col, column.key);
      });
      const keys = new Set(byColumn.values());
      if (!keys.has("registrationNumber") || !keys.has("contractName")) continue;
      if (duplicates.length > 0) {
        throw new ValidationError(
          "duplicate_columns",
          `工作表“${sheet.name}”第 ${r} 行的表头重复：${duplicates.join("、")}`,
        );
      }
      const missing = LEDGER_COLUMNS.filter((c) => c.required && !keys.has(c.key)).map(
        (c) => c.header,
      );
      if (missing.length === 0) {
        found = { sheet, headerRow: r, byColumn };
      } else if (!closest || missing.length < closest.missing.length) {
        closest = { sheetName: sheet.name, missing };
      }
      break;
    }
    if (found) break;
  }
  if (!found) {
    if (closest) {
      throw new ValidationError(
        "missing_columns",
        `工作表“${closest.sheetName}”缺少必填列：${closest.missing.join("、")}。请使用导入模板的表头`,
      );
    }
    throw new ValidationError(
      "no_ledger_sheet",
      "没有找到台账工作表：前 10 行中应有包含“登记号”“合同名称”等列名的表头行。请使用导入模板",
    );
  }

  const { sheet, headerRow, byColumn } = found;
  const rows: LedgerRawRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const cells: Partial<Record<LedgerKey, CellValue>> = {};
    let empty = true;
    for (const [col, key] of byColumn) {
      const value = excelRow.getCell(col).value;
      cells[key] = value;
      if (!isBlank(value)) empty = false;
    }
    if (empty) continue;
    if (rows.length >= MAX_LEDGER_ROWS) {
      throw new ValidationError(
        "too_many_rows",
        `一次最多导入 ${MAX_LEDGER_ROWS.toLocaleString("zh-CN")} 行，请把台账拆分为多个文件`,
      );
    }
    rows.push({ row: r, cells });
  }
  if (rows.length === 0) {
    throw new ValidationError("no_rows", `工作表“${sheet.name}”表头下没有数据行`);
  }
  return { sheetName: sheet.name, headerRow, columns: [...new Set(byColumn.values())], rows };
}
