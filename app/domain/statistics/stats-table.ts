/**
 * The tables of the statistics dashboard: one shape for the page, the CSV
 * and the XLSX export, so an export holds exactly what the page shows.
 * Amounts are integer fen in the table; exports write them in 元 with two
 * decimals (exact: fen → "123.45" by integer arithmetic), the page in 万元.
 * Shared by server and browser: no secrets, no database.
 */

/** text; count (份); fen (shown 万元, exported 元); percent (a ratio × 100, 1 decimal). */
export type StatsColumnKind = "text" | "count" | "fen" | "percent";

export interface StatsColumn {
  key: string;
  /** Header without unit; the unit is added per medium (see columnHeader). */
  label: string;
  kind: StatsColumnKind;
}

export type StatsCell = string | number | null;

export interface StatsRow {
  cells: Record<string, StatsCell>;
  /** The contract list behind the row's numbers (drill-down), when there is one. */
  href: string | null;
}

export interface StatsTable {
  /** Export name: letters, digits, "-" and "_". */
  id: string;
  title: string;
  columns: StatsColumn[];
  rows: StatsRow[];
}

/** Header with the unit of the exports: "成交额（元）", "合同数（份）", "同比（%）". */
export function columnHeader(column: StatsColumn): string {
  if (column.kind === "fen") return `${column.label}（元）`;
  if (column.kind === "count") return `${column.label}（份）`;
  if (column.kind === "percent") return `${column.label}（%）`;
  return column.label;
}

/** Fen → exact 元 text with two decimals: 1 → "0.01", 9_999_999_999 → "99999999.99". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Percent change from `before` to `after` (null when `before` is 0). */
export function percentChange(after: number, before: number): number | null {
  if (before === 0) return null;
  return ((after - before) / before) * 100;
}

/** Share of `part` in `whole`, in percent (null when `whole` is 0). */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as export text: fen as exact 元, percent with one decimal, empty for null. */
export function exportText(column: StatsColumn, value: StatsCell): string {
  if (value === null) return "";
  if (column.kind === "fen" && typeof value === "number") return fenToYuanText(value);
  if (column.kind === "percent" && typeof value === "number") return value.toFixed(1);
  return String(value);
}

/**
 * The table as CSV for Excel: UTF-8 with a BOM (so Excel reads Chinese
 * correctly), CRLF line ends, RFC 4180 quoting, units in the header.
 */
export function tableToCsv(table: StatsTable): string {
  const lines = [table.columns.map((c) => csvField(columnHeader(c))).join(",")];
  for (const row of table.rows) {
    lines.push(
      table.columns.map((c) => csvField(exportText(c, row.cells[c.key] ?? null))).join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
