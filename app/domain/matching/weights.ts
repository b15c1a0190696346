/**
 * The matcher's weights — the ONE place they live (issue #5 item 1).
 *
 * A match score is Σ weight[feature] × fit[feature], where every fit is a
 * number in [0, 1] (features.ts) and the weights sum to 100, so the score is
 * 0–100 and the breakdown shows each feature's points.
 *
 * Rationale for the defaults:
 * - text 45: what the two listings are about is the core of relevance; it
 *   is the only feature that separates two listings of the same field.
 * - field 20: the 技术领域 is chosen by the owners themselves and filters
 *   hard negatives that merely share a word (管道 in pipe coating vs in data
 *   pipelines), but a field alone is not a match.
 * - maturity 10: an enterprise buying a technology needs 中试/产业化 maturity;
 *   joint development tolerates earlier stages.
 * - price 8, mode 7: deal-breakers in practice, but both are often 面议 or
 *   open, so they only break ties between relevant listings.
 * - region 5: the bureau's policy is to bring 京津 results to local industry
 *   (PRIORITY_SOURCE_REGIONS); a nudge, never a reason on its own.
 * - freshness 5: newer listings are more likely still available.
 *
 * Tuning (feedback): 不相关 marks are counted per blamed feature
 * (match-feedback.server.ts feedbackCountsByFeature). They never change the
 * weights by themselves (no silent self-tuning). An engineer may move a
 * weight by editing TUNED_WEIGHTS below, within ±20 % of its default
 * (WEIGHT_TOLERANCE; checked by tests/unit/matching-weights.test.ts), and
 * re-running `npm run bench:match`, which must still meet its targets.
 * effectiveWeights() rescales to a total of 100.
 */
export const MATCH_FEATURES = [
  "text",
  "field",
  "maturity",
  "price",
  "mode",
  "region",
  "freshness",
] as const;
export type MatchFeature = (typeof MATCH_FEATURES)[number];
export type FeatureWeights = Readonly<Record<MatchFeature, number>>;

/** Default weights (points out of 100). */
export const DEFAULT_WEIGHTS: FeatureWeights = {
  text: 45,
  field: 20,
  maturity: 10,
  price: 8,
  mode: 7,
  region: 5,
  freshness: 5,
};

/** How far a tuned weight may move from its default: ±20 %. */
export const WEIGHT_TOLERANCE = 0.2;

/** The weights in force: DEFAULT_WEIGHTS moved by hand, each within WEIGHT_TOLERANCE. */
export const TUNED_WEIGHTS: FeatureWeights = { ...DEFAULT_WEIGHTS };

/** Whether every weight of `weights` is within ±WEIGHT_TOLERANCE of its default. */
export function withinBounds(weights: FeatureWeights): boolean {
  return MATCH_FEATURES.every((f) => {
    const base = DEFAULT_WEIGHTS[f];
    return Math.abs(weights[f] - base) <= base * WEIGHT_TOLERANCE + 1e-9;
  });
}

/**
 * The weights the matcher uses: `weights` (default TUNED_WEIGHTS) clamped
 * to ±WEIGHT_TOLERANCE of the defaults, then scaled to sum to 100.
 */
export function effectiveWeights(weights: FeatureWeights = TUNED_WEIGHTS): FeatureWeights {
  const clamped = Object.fromEntries(
    MATCH_FEATURES.map((f) => {
      const base = DEFAULT_WEIGHTS[f];
      const low = base * (1 - WEIGHT_TOLERANCE);
      const high = base * (1 + WEIGHT_TOLERANCE);
      return [f, Math.min(high, Math.max(low, weights[f]))];
    }),
  ) as Record<MatchFeature, number>;
  const total = MATCH_FEATURES.reduce((sum, f) => sum + clamped[f], 0);
  return Object.fromEntries(MATCH_FEATURES.map((f) => [f, (clamped[f] * 100) / total])) as Record<
    MatchFeature,
    number
  >;
}
