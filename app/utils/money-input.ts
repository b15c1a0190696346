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

/** 元 amounts (contracts): at most 2 decimals; 99,999,999,999.99元 keeps fen far below 2^53. */
const FEN_PER_YUAN = 100;
const YUAN_DECIMALS = 2;
const MAX_YUAN_DIGITS = 11;

export type YuanParseResult =
  | { ok: true; fen: number }
  | { ok: false; code: "not_a_number" | "negative" | "too_precise" | "too_large"; message: string };

const YUAN_MESSAGES = {
  not_a_number: "请输入数字，单位元",
  negative: "金额不能为负数",
  too_precise: "最多保留 2 位小数（精确到分）",
  too_large: "金额过大，请核对单位（元）",
} as const;

/**
 * Money people type in 元 to integer fen — exactly, digit by digit (never
 * through a float): "0.01" → 1, "99999999.99" → 9,999,999,999, "1,234.5元"
 * → 123,450; full-width digits are read. Refuses "1.234" (too precise),
 * "-1", "1e3", "abc" with a zh-CN message.
 */
export function parseYuan(raw: string): YuanParseResult {
  const failYuan = (code: keyof typeof YUAN_MESSAGES): YuanParseResult => ({
    ok: false,
    code,
    message: YUAN_MESSAGES[code],
  });
  let text = toAscii(raw.trim())
    .replace(/^[¥￥]\s*/, "")
    .replace(/\s*元$/, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
  if (/^-\s*(\d+(\.\d*)?|\.\d+)$/.test(text)) return failYuan("negative");
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || !/\d/.test(text)) return failYuan("not_a_number");
  const whole = (match[1] ?? "").replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > YUAN_DECIMALS) return failYuan("too_precise");
  if (whole.length > MAX_YUAN_DIGITS) return failYuan("too_large");
  const fen = Number(whole || "0") * FEN_PER_YUAN + Number(fraction.padEnd(YUAN_DECIMALS, "0"));
  return { ok: true, fen };
}

/** Fen → the exact 元 string a form shows for editing: 123,450 → "1234.50"; 1 → "0.01". */
export function fenToYuanInput(fen: number | null): string {
  if (fen === null) return "";
  const whole = Math.floor(fen / FEN_PER_YUAN);
  return `${whole}.${String(fen % FEN_PER_YUAN).padStart(YUAN_DECIMALS, "0")}`;
}
