/**
 * Exact money text for records people check against paper: integer fen
 * to 元 with two decimals and thousands separators ("12,345.67 元"), and
 * the 万元 figure with every digit kept ("1.234567 万元"). Integer
 * arithmetic only, so no amount is ever rounded. Shared by server and
 * browser (audit log, contract page).
 */

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** 1_234_567 → "12,345.67"; -5 → "-0.05". */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}${group(String(whole))}.${cents}`;
}

/** 1_234_567 → "12,345.67 元". */
export function formatYuanExact(fen: number): string {
  return `${fenToYuanText(fen)} 元`;
}

/** 123_450 → "0.123450" trimmed to "0.12345"; 9_999_999_999 → "9,999.999999" (万元). */
export function fenToWanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  const whole = group(String(Math.floor(abs / 1_000_000)));
  const fraction = String(abs % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** "12,345.67 元（1.234567 万元）" — both exact. */
export function formatYuanAndWan(fen: number): string {
  return `${formatYuanExact(fen)}（${fenToWanText(fen)} 万元）`;
}

/** Fields holding fen: "contractAmountFen", "asking_price_fen". */
export const isFenField = (field: string): boolean => /(?:Fen|_fen)$/.test(field);

/**
 * A recorded value of `field` for people: fen fields in exact 元, other
 * values as given; null when the value is not an amount.
 */
export function formatFenValue(field: string, value: unknown): string | null {
  if (!isFenField(field)) return null;
  if (typeof value === "number" && Number.isSafeInteger(value)) return formatYuanExact(value);
  if (typeof value === "string" && /^-?\d{1,15}$/.test(value)) {
    return formatYuanExact(Number(value));
  }
  return null;
}
