/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organization type (1), GB/T 2260
 * region (6), organization code (9, with its own GB 11714 check character),
 * and a check character (1) over the first 17, computed modulo 31 with
 * weights 3^i mod 31 over the alphabet 0-9 A-H J-N P-R T-U W-Y
 * (no I, O, Z, S, V).
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Check character (position 18) for the first 17 characters; throws on bad characters. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError("需要 17 位");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`第 ${i + 1} 位字符“${first17[i]}”不合法`);
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Check character of a GB 11714 organization code's first 8 characters. */
export function organizationCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CODE_ALPHABET.indexOf(first8[i]!) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

export type UsccProblem = "length" | "characters" | "check_digit";

/**
 * Validates a code (upper-cased, trimmed first). Returns null when valid,
 * otherwise the problem found; zh-CN messages are in USCC_PROBLEM_MESSAGES.
 */
export function validateUscc(input: string): UsccProblem | null {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return "length";
  if (![...code].every((ch) => ALPHABET.includes(ch))) return "characters";
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : "check_digit";
}

export const USCC_PROBLEM_MESSAGES: Record<UsccProblem, string> = {
  length: "统一社会信用代码应为 18 位",
  characters: "统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）",
  check_digit: "统一社会信用代码校验位不正确，请核对",
};

/**
 * Builds a valid, clearly fictional code for seed data from a seed number:
 * authority/type prefix (e.g. "91" enterprise, "12" public institution),
 * region code, and an organization code derived from `serial`.
 */
export function fictionalUscc(prefix: string, regionCode: string, serial: number): string {
  const orgBase = `MA${String(serial).padStart(6, "0")}`;
  const orgCode = orgBase + organizationCodeCheckCharacter(orgBase);
  const first17 = `${prefix}${regionCode}${orgCode}`;
  return first17 + usccCheckCharacter(first17);
}
