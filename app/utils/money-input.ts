/**
 * Money people type, in 万元, to integer fen — exactly, by reading the
 * decimal string digit by digit (never through a float). 1万元 = 1,000,000
 * fen, so six decimals of 万元 are one fen and more are refused.
 * Shared by server and browser (form validation).
 */
const FEN_PER_WAN = 1_000_000;
const WAN_DECIMALS = 6;
/** 999,999,999万元 (about 10^13 元) keeps fen far below 2^53. */
const MAX_WAN_DIGITS = 9;

export type WanParseResult =
  | { ok: true; fen: number }
  | { ok: false; code: "not_a_number" | "negative" | "too_precise" | "too_large"; message: string };

const MESSAGES = {
  not_a_number: "请输入数字，单位万元",
  negative: "金额不能为负数",
  too_precise: "最多保留 6 位小数（精确到分）",
  too_large: "金额过大，请核对单位（万元）",
} as const;

const fail = (code: keyof typeof MESSAGES): WanParseResult => ({
  ok: false,
  code,
  message: MESSAGES[code],
});

/** Full-width digits and point (typed with a Chinese IME) to ASCII. */
function toAscii(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".");
}

/**
 * "35.5" → 35,500,000 fen; "0.000001" → 1 fen; "1,000" and "20万元" are
 * read too. Refuses "abc", "1e3", "-1", "12.3456789" (too precise) with a
 * zh-CN message for the form.
 */
export function parseWan(raw: string): WanParseResult {
  let text = toAscii(raw.trim()).replace(/\s*万元?$/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
  if (/^-\s*(\d+(\.\d*)?|\.\d+)$/.test(text)) return fail("negative");
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || !/\d/.test(text)) return fail("not_a_number");
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > WAN_DECIMALS) return fail("too_precise");
  if (whole.length > MAX_WAN_DIGITS) return fail("too_large");
  const fen = Number(whole || "0") * FEN_PER_WAN + Number(fraction.padEnd(WAN_DECIMALS, "0"));
  return { ok: true, fen };
}

/** Fen → the exact 万元 string a form shows for editing: 35,500,000 → "35.5"; 1 → "0.000001". */
export function fenToWanInput(fen: number | null): string {
  if (fen === null) return "";
  const whole = Math.floor(fen / FEN_PER_WAN);
  const fraction = String(fen % FEN_PER_WAN)
    .padStart(WAN_DECIMALS, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}
