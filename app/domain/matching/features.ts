/**
 * The matcher's features: pure functions that rate how well one technical
 * demand and one research result fit, each as a number in [0, 1]. The same
 * function rates a pair whichever side asked (demand → results or result →
 * demands), so both directions agree on a pair's score.
 *
 * Weights (points per feature) live in weights.ts; the reason line in scoring.ts.
 * Key terms are only meaningful terms (search/analysis.ts isMatchTerm): no
 * numbers, units, model numbers or generic words such as 工艺/技术.
 */
import { type WeightedTerm, isMatchTerm } from "../../../search/analysis";
import type { Maturity, TechField, TransferMode } from "../taxonomy/taxonomy";
import type { MatchFeature } from "./weights";

/** What the matcher knows of a listing's text. */
export interface TextProfile {
  /** TF-IDF key terms (title weighted), best first, at most 10; meaningful terms only (isMatchTerm). */
  keyTerms: WeightedTerm[];
  /** Analysed terms of the title and keywords. */
  titleTerms: ReadonlySet<string>;
  /** Analysed terms of the whole text (title, keywords, summary, description). */
  terms: ReadonlySet<string>;
}

export interface DemandProfile extends TextProfile {
  id: number;
  title: string;
  organizationId: number;
  organizationName: string;
  techField: TechField;
  /** Budget range in fen; null = open. */
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  desiredModes: readonly TransferMode[];
  /** County GB/T 2260 code. */
  regionCode: string;
  publishedAt: Date | null;
}

export interface ResultProfile extends TextProfile {
  id: number;
  title: string;
  organizationId: number;
  organizationName: string;
  techField: TechField;
  maturity: Maturity;
  /** Asking price in fen; null = 面议. */
  askingPriceFen: number | null;
  transferModes: readonly TransferMode[];
  /** Region of the owning organization. */
  regionCode: string;
  publishedAt: Date | null;
}

/** Settings a pair is rated under. */
export interface FeatureContext {
  now: Date;
  /** Region prefixes ranked first (config PRIORITY_SOURCE_REGIONS, 京津). */
  priorityRegions: readonly string[];
  /** Home city code (config HOME_REGION_CODE). */
  homeRegionCode: string;
}

/** Fits per feature in [0, 1], and the shared key terms (best first) for the reason. */
export interface PairFit {
  fits: Record<MatchFeature, number>;
  sharedTerms: string[];
  sharedModes: TransferMode[];
  /** The result's source region is a priority region. */
  prioritySource: boolean;
}

/** Match strength of a key term found in the title/keywords, or only in the body. */
const TITLE_HIT = 1;
const BODY_HIT = 0.6;
/** Coverage at which text relevance is full (few listings share more than this). */
const TEXT_SATURATION = 0.55;

/**
 * Share of `keys`' TF-IDF weight found in `target`: a term in the title or
 * keywords counts fully, one only in the body 0.6. Returns [0, 1].
 */
export function coverage(keys: readonly WeightedTerm[], target: TextProfile): number {
  let total = 0;
  let found = 0;
  for (const { term, weight } of keys) {
    total += weight;
    if (target.titleTerms.has(term)) found += weight * TITLE_HIT;
    else if (target.terms.has(term)) found += weight * BODY_HIT;
  }
  return total > 0 ? found / total : 0;
}

/**
 * Text relevance: the mean of both directions' coverage (the demand's key
 * terms in the result and the result's in the demand), saturating at
 * TEXT_SATURATION. Symmetric in its arguments.
 */
export function textFit(demand: TextProfile, result: TextProfile): number {
  const raw = (coverage(demand.keyTerms, result) + coverage(result.keyTerms, demand)) / 2;
  return Math.min(1, raw / TEXT_SATURATION);
}

/** Rank of a shared term: its TF-IDF weight (rarer = heavier), longer terms preferred. */
function sharedRank(term: string, weight: number): number {
  return weight * (1 + 0.25 * (Math.min([...term].length, 4) - 2));
}

/**
 * Meaningful (isMatchTerm) key terms of either side found in the other's
 * text, best first — heavier (rarer) and longer terms first — keeping only
 * the longest of nested terms. Empty when the two share nothing but filler.
 */
export function sharedTerms(demand: TextProfile, result: TextProfile): string[] {
  const found = new Map<string, number>();
  const add = (term: string, weight: number) => {
    if (isMatchTerm(term)) found.set(term, Math.max(found.get(term) ?? 0, weight));
  };
  for (const { term, weight } of demand.keyTerms) {
    if (result.terms.has(term)) add(term, weight);
  }
  for (const { term, weight } of result.keyTerms) {
    if (demand.terms.has(term)) add(term, weight);
  }
  const ranked = [...found.entries()]
    .sort((a, b) => sharedRank(b[0], b[1]) - sharedRank(a[0], a[1]))
    .map(([t]) => t);
  // 熔覆 adds nothing next to 激光熔覆.
  return ranked.filter((t) => !ranked.some((o) => o !== t && o.includes(t)));
}

/** 技术领域: 1 for the same field, else 0. */
export function fieldFit(demandField: TechField, resultField: TechField): number {
  return demandField === resultField ? 1 : 0;
}

/** Modes that buy a finished technology rather than develop one together. */
const BUYING_MODES: ReadonlySet<TransferMode> = new Set(["transfer", "license", "equity"]);
const MATURITY_FOR_BUYING: Record<Maturity, number> = {
  laboratory: 0.2,
  small_trial: 0.5,
  pilot: 0.9,
  industrialization: 1,
};
const MATURITY_FOR_DEVELOPING: Record<Maturity, number> = {
  laboratory: 0.6,
  small_trial: 0.8,
  pilot: 1,
  industrialization: 1,
};

/**
 * Maturity against the need: a demand that wants only to buy (转让/许可/
 * 作价入股) needs a result ready for production (中试 0.9, 产业化 1, 小试 0.5,
 * 实验室 0.2); one open to 合作开发/技术服务, or with no preference, can take
 * earlier stages (实验室 0.6, 小试 0.8, 中试/产业化 1).
 */
export function maturityFit(desiredModes: readonly TransferMode[], maturity: Maturity): number {
  const buyingOnly = desiredModes.length > 0 && desiredModes.every((m) => BUYING_MODES.has(m));
  return (buyingOnly ? MATURITY_FOR_BUYING : MATURITY_FOR_DEVELOPING)[maturity];
}

/**
 * Asking price against the budget (both fen): neutral 0.5 when either is
 * open (面议 / no budget); 1 within the budget (or below its minimum); over
 * the maximum it falls linearly to 0 at twice the maximum.
 */
export function priceFit(
  budgetMinFen: number | null,
  budgetMaxFen: number | null,
  askingPriceFen: number | null,
): number {
  if (askingPriceFen === null || budgetMaxFen === null) return 0.5;
  if (askingPriceFen <= budgetMaxFen) return 1;
  if (budgetMaxFen <= 0) return 0;
  return Math.max(0, 1 - (askingPriceFen - budgetMaxFen) / budgetMaxFen);
}

/** Transfer modes both sides accept. */
export function commonModes(
  desiredModes: readonly TransferMode[],
  transferModes: readonly TransferMode[],
): TransferMode[] {
  return desiredModes.filter((m) => transferModes.includes(m));
}

/** Transfer-mode compatibility: 1 with a common mode, 0.5 when either side states none, else 0. */
export function modeFit(
  desiredModes: readonly TransferMode[],
  transferModes: readonly TransferMode[],
): number {
  if (desiredModes.length === 0 || transferModes.length === 0) return 0.5;
  return commonModes(desiredModes, transferModes).length > 0 ? 1 : 0;
}

/** Significant prefix of a region code: "110000" → "11", "130900" → "1309". */
export function regionPrefix(code: string): string {
  return code.replace(/(00)+$/, "");
}

/** Whether `regionCode` lies in one of `prefixes` (region codes, see regionPrefix). */
export function inRegions(regionCode: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => regionCode.startsWith(regionPrefix(p)));
}

/**
 * Source region of the result: 1 from a priority region (京津), 0.6 from the
 * home city, 0.4 from elsewhere in the home province, 0.2 otherwise.
 */
export function regionFit(resultRegionCode: string, context: FeatureContext): number {
  if (inRegions(resultRegionCode, context.priorityRegions)) return 1;
  if (inRegions(resultRegionCode, [context.homeRegionCode])) return 0.6;
  if (resultRegionCode.slice(0, 2) === context.homeRegionCode.slice(0, 2)) return 0.4;
  return 0.2;
}

const DAY_MS = 86_400_000;
const FRESH_DAYS = 90;
const STALE_DAYS = 730;

/** Freshness of one listing: 1 within 90 days of publication, falling linearly to 0 at 730 days. */
export function listingFreshness(publishedAt: Date | null, now: Date): number {
  if (!publishedAt) return 0;
  const days = (now.getTime() - publishedAt.getTime()) / DAY_MS;
  if (days <= FRESH_DAYS) return 1;
  return Math.max(0, 1 - (days - FRESH_DAYS) / (STALE_DAYS - FRESH_DAYS));
}

/** Rates the pair (demand, result) on every feature; symmetric in who asked. */
export function pairFit(
  demand: DemandProfile,
  result: ResultProfile,
  context: FeatureContext,
): PairFit {
  const shared = commonModes(demand.desiredModes, result.transferModes);
  return {
    fits: {
      text: textFit(demand, result),
      field: fieldFit(demand.techField, result.techField),
      maturity: maturityFit(demand.desiredModes, result.maturity),
      price: priceFit(demand.budgetMinFen, demand.budgetMaxFen, result.askingPriceFen),
      mode: modeFit(demand.desiredModes, result.transferModes),
      region: regionFit(result.regionCode, context),
      freshness:
        (listingFreshness(demand.publishedAt, context.now) +
          listingFreshness(result.publishedAt, context.now)) /
        2,
    },
    sharedTerms: sharedTerms(demand, result),
    sharedModes: shared,
    prioritySource: inRegions(result.regionCode, context.priorityRegions),
  };
}
