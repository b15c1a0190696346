/**
 * Spreadsheet cells to the exact strings the contract parser reads, and the
 * cell-level problems in zh-CN. exceljs gives a cell's value as a string,
 * a JS number, a Date (cells formatted as dates, read as UTC midnight), a
 * rich-text or hyperlink object, or a formula with its cached result.
 * Amounts are checked by parseContractFields (contract-input.ts), which
 * reads a number through `String(n)`, the shortest decimal that round-trips
 * to the same double, so 1234.5 reads "1234.5". A numeric cell is first
 * passed through cellAmount, so a formula result such as =0.1+0.2
 * (0.30000000000000004, shown as 0.30) reads 0.3, while 1.234 (number or
 * text) stays an error (more than two decimals).
 */
import type { CellValue } from "exceljs";

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** The value exceljs shows for formulas, rich text and links; errors stay objects. */
export function plainValue(value: CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    return plainValue((value as { result?: CellValue }).result ?? null);
  }
  if ("hyperlink" in value && "text" in value) return plainValue(value.text);
  return value;
}

/** True when the cell holds nothing (or only spaces). */
export function isBlank(value: CellValue): boolean {
  const v = plainValue(value);
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** Full-width digits, letters and punctuation typed with a Chinese IME to ASCII; trimmed. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .trim();
}

/** A text cell's trimmed text; numbers as written ("130921"); dates and errors refused. */
export function cellText(value: CellValue): CellResult<string> {
  const v = plainValue(value);
  if (v === null) return ok("");
  if (typeof v === "string") return ok(v.replace(/\s+/g, " ").trim());
  if (typeof v === "number") return ok(String(v));
  if (typeof v === "boolean") return ok(v ? "是" : "否");
  if (v instanceof Date) return fail("此列应为文字，不是日期");
  return fail("单元格是错误值（如 #N/A、#VALUE!），请改为实际内容");
}

/**
 * An identifier cell (登记号, 统一社会信用代码) as text. A number of 16 or
 * more digits has already lost its last digits in Excel (15 significant
 * digits), so it is refused rather than guessed.
 */
export function cellCode(value: CellValue): CellResult<string> {
  const v = plainValue(value);
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v >= 1e15) {
      return fail(
        "该单元格是数字格式，Excel 只保留 15 位有效数字，末位可能已变为 0；请把此列设为文本格式后重新填写",
      );
    }
    return ok(String(v));
  }
  const text = cellText(value);
  return text.ok ? ok(toHalfWidth(text.value).replace(/\s/g, "").toUpperCase()) : text;
}

/**
 * A numeric amount cell (元): a value within floating-point noise of a
 * 2-decimal number (|v × 100 − round(v × 100)| < 1e-6, e.g. =0.1+0.2) as that
 * number; any other value unchanged, for the form's 2-decimal rule to refuse.
 */
export function cellAmount(value: number): number {
  const cents = value * 100;
  const rounded = Math.round(cents);
  return Math.abs(cents - rounded) < 1e-6 ? rounded / 100 : value;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): CellResult<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1980 ||
    year > 2100 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return fail(`日期 ${year}-${month}-${day} 不存在或超出范围`);
  }
  return ok(date.toISOString().slice(0, 10));
}

/**
 * A date cell as "YYYY-MM-DD": date-formatted cells, Excel date serials
 * (46086 → 2026-03-05, 1900 date system) and text 2026-03-05, 2026/3/5,
 * 2026.3.5, 2026年3月5日, 20260305. Anything else is an error.
 */
export function cellDate(value: CellValue): CellResult<string> {
  const v = plainValue(value);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail("日期无效");
    return isoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 1 || v > 2_958_465) {
      return fail("日期无效，请填写如 2026-03-05 的日期");
    }
    const date = new Date(EXCEL_EPOCH_MS + v * DAY_MS);
    return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  if (typeof v !== "string") return fail("日期无效，请填写如 2026-03-05 的日期");
  const text = toHalfWidth(v).replace(/\s/g, "");
  const match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return fail(`“${text.slice(0, 20)}”不是日期，请填写如 2026-03-05 的日期`);
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}
