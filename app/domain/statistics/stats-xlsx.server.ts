/**
 * A dashboard table as an XLSX workbook (exceljs): one sheet, bold frozen
 * header row, column widths to fit, amounts as numbers in 元 with two
 * decimals (the header says 元; value = fen / 100, shown with format
 * "#,##0.00"), counts as integers, percentages with one decimal.
 * Input: a StatsTable (stats-table.ts). Output: the .xlsx bytes.
 */
import ExcelJS from "exceljs";
import { columnHeader, type StatsTable } from "./stats-table";

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/** Display width of text in Excel character units (CJK counts double). */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return width;
}

/** The workbook bytes for `table`. */
export async function tableToXlsx(table: StatsTable): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "TechBridge";
  const sheet = workbook.addWorksheet(table.title.replace(INVALID_SHEET_CHARS, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const headers = table.columns.map(columnHeader);
  sheet.columns = table.columns.map((column, i) => {
    const widest = Math.max(
      textWidth(headers[i]!),
      ...table.rows.map((row) => {
        const value = row.cells[column.key];
        return column.kind === "fen" && typeof value === "number"
          ? textWidth((value / 100).toLocaleString("en-US", { minimumFractionDigits: 2 }))
          : textWidth(String(value ?? ""));
      }),
    );
    return {
      header: headers[i],
      key: column.key,
      width: Math.min(60, widest + 2),
      style:
        column.kind === "fen"
          ? { numFmt: "#,##0.00" }
          : column.kind === "count"
            ? { numFmt: "0" }
            : column.kind === "percent"
              ? { numFmt: "0.0" }
              : {},
    };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      Object.fromEntries(
        table.columns.map((column) => {
          const value = row.cells[column.key] ?? null;
          if (value === null) return [column.key, null];
          if (column.kind === "fen" && typeof value === "number") return [column.key, value / 100];
          if (column.kind === "percent" && typeof value === "number") {
            return [column.key, Math.round(value * 10) / 10];
          }
          return [column.key, value];
        }),
      ),
    );
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
