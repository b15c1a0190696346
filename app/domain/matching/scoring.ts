/**
 * From feature fits to what a user sees: the integer score 0–100, the points
 * per feature (summing exactly to the score) and the one-line zh-CN reason
 * built from the strongest features, e.g.
 * 同属先进制造领域；共同关键词：激光熔覆、耐磨；京津成果；价格在预算内.
 * 共同关键词 names only meaningful shared terms (search/analysis.ts
 * isMatchTerm), never numbers, units or filler such as 工艺/技术.
 */
import { isMatchTerm } from "../../../search/analysis";
import { MATURITY_STAGES, TECH_FIELDS, TRANSFER_MODES } from "../taxonomy/taxonomy";
import type { Maturity, TechField } from "../taxonomy/taxonomy";
import type { PairFit } from "./features";
import {
  type FeatureWeights,
  MATCH_FEATURES,
  type MatchFeature,
  effectiveWeights,
} from "./weights";

export interface Scored {
  score: number;
  breakdown: Record<MatchFeature, number>;
  reason: string;
}

/** Facts about the pair the reason may name. */
export interface ReasonFacts {
  techField: TechField;
  maturity: Maturity;
  /** Both a price and a budget are stated (so 价格在预算内 means something). */
  priceStated: boolean;
  /** Label of the priority source regions, e.g. 京津. */
  priorityLabel: string;
}

/** At most this many shared key terms are named. */
const REASON_TERMS = 3;
/** At most this many parts make up a reason. */
const REASON_PARTS = 4;

/**
 * Integer points per feature whose sum is the rounded total (largest
 * remainder), so a breakdown always adds up to its score.
 */
export function integerPoints(exact: Record<MatchFeature, number>): Record<MatchFeature, number> {
  const total = Math.round(MATCH_FEATURES.reduce((s, f) => s + exact[f], 0));
  const floors = Object.fromEntries(MATCH_FEATURES.map((f) => [f, Math.floor(exact[f])])) as Record<
    MatchFeature,
    number
  >;
  let missing = total - MATCH_FEATURES.reduce((s, f) => s + floors[f], 0);
  const byRemainder = [...MATCH_FEATURES].sort(
    (a, b) => exact[b] - floors[b] - (exact[a] - floors[a]),
  );
  for (const f of byRemainder) {
    if (missing <= 0) break;
    floors[f] += 1;
    missing -= 1;
  }
  return floors;
}

/**
 * The reason line: a part for each feature that fits well, in a fixed
 * order — field, shared key terms, 京津 source, price, mode, maturity — at
 * most four. (The fixed order reads like the example and keeps the
 * 京津 policy visible although its weight is small.)
 */
export function reasonText(fit: PairFit, facts: ReasonFacts): string {
  const parts: string[] = [];
  if (fit.fits.field >= 1) {
    parts.push(`同属${TECH_FIELDS[facts.techField]}领域`);
  }
  // Only meaningful terms are named (never 30, 毫克 or 工艺); none → no keyword part.
  const terms = fit.sharedTerms.filter(isMatchTerm).slice(0, REASON_TERMS);
  if (terms.length > 0 && fit.fits.text > 0) {
    parts.push(`共同关键词：${terms.join("、")}`);
  }
  if (fit.prioritySource) {
    parts.push(`${facts.priorityLabel}成果`);
  }
  if (facts.priceStated && fit.fits.price >= 1) {
    parts.push("价格在预算内");
  }
  if (fit.sharedModes.length > 0) {
    parts.push(`转化方式相符（${fit.sharedModes.map((m) => TRANSFER_MODES[m]).join("、")}）`);
  }
  if (fit.fits.maturity >= 0.9) {
    parts.push(`成熟度：${MATURITY_STAGES[facts.maturity]}`);
  }
  if (parts.length === 0) return "内容相近";
  return parts.slice(0, REASON_PARTS).join("；");
}

/** Score, breakdown and reason of a rated pair under `weights` (default: the tuned weights). */
export function scorePair(fit: PairFit, facts: ReasonFacts, weights?: FeatureWeights): Scored {
  const w = effectiveWeights(weights);
  const exact = Object.fromEntries(MATCH_FEATURES.map((f) => [f, w[f] * fit.fits[f]])) as Record<
    MatchFeature,
    number
  >;
  const breakdown = integerPoints(exact);
  const score = Math.min(
    100,
    MATCH_FEATURES.reduce((s, f) => s + breakdown[f], 0),
  );
  return { score, breakdown, reason: reasonText(fit, facts) };
}
