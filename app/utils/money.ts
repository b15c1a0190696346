/**
 * Money display. Amounts are integer fen (分) everywhere; these functions
 * only format for people (万元, rounded for display only).
 */
const FEN_PER_WAN = 1_000_000;
const FEN_PER_YI = 10_000_000_000;

const wanFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });

const yuanFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });

/**
 * 20_000_000 → "20万元"; 123_456_789 → "123.46万元"; null → "面议";
 * amounts under 100元, which would round to 0万元, in 元 ("0.01元").
 */
export function formatWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return "面议";
  if (fen !== 0 && Math.abs(fen) < 10_000) return `${yuanFormat.format(fen / 100)}元`;
  return `${wanFormat.format(fen / FEN_PER_WAN)}万元`;
}

/** Amounts of 1亿元 and more in 亿元, smaller ones in 万元. */
export function formatWanOrYi(fen: number): string {
  return fen >= FEN_PER_YI ? `${wanFormat.format(fen / FEN_PER_YI)}亿元` : formatWan(fen);
}

/** A budget range in 万元: "10万–50万元", "≥10万元", "≤50万元", or "面议". */
export function formatBudget(minFen: number | null, maxFen: number | null): string {
  if (minFen === null && maxFen === null) return "面议";
  if (minFen !== null && maxFen !== null) {
    if (minFen === maxFen) return formatWan(minFen);
    return `${wanFormat.format(minFen / FEN_PER_WAN)}–${formatWan(maxFen)}`;
  }
  return minFen !== null ? `≥${formatWan(minFen)}` : `≤${formatWan(maxFen)}`;
}
