/**
 * Chinese upper-case money (大写金额) as written on contracts and
 * certificates: 1,234,567.89元 → "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分",
 * 100,000元 → "壹拾万元整", 10,001元 → "壹万零壹元整", 0.05元 → "伍分".
 * Rules: four-digit sections with 万 / 亿 / 万亿; one 零 for any run of zeros
 * between non-zero digits; 整 when there are no 角 and 分; 零 before 分 when
 * 角 is zero and there are 元. Shared by server and browser.
 */
const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const PLACES = ["", "拾", "佰", "仟"];
const SECTIONS = ["", "万", "亿", "万亿"];

function integerInWords(value: number): string {
  const sections: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 10_000)) sections.unshift(n % 10_000);
  let out = "";
  let zero = false;
  sections.forEach((section, index) => {
    if (section === 0) {
      zero = out !== "";
      return;
    }
    const digits = String(section).padStart(4, "0");
    for (let j = 0; j < 4; j++) {
      const d = Number(digits[j]);
      if (d === 0) {
        if (out !== "") zero = true;
        continue;
      }
      if (zero) out += "零";
      zero = false;
      out += DIGITS[d]! + PLACES[3 - j]!;
    }
    out += SECTIONS[sections.length - 1 - index]!;
  });
  return out;
}

/** Integer fen (0 ≤ fen < 10^18) in Chinese upper-case money; throws RangeError otherwise. */
export function chineseUppercaseAmount(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`金额 ${fen} 不是非负整数分`);
  if (fen === 0) return "零元整";
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? `${integerInWords(yuan)}元` : "";
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += "零";
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return out;
}
