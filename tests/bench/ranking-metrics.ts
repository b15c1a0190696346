/**
 * Ranking quality metrics for graded relevance (0/1/2):
 * nDCG@k with gain 2^rel − 1 and log2 discount, ideal order from all labels
 * of the query; P@k counts hits with rel ≥ 1.
 */

/** nDCG@k of `ranked` (item keys, best first) under `labels` (unlabeled = 0); 0 when nothing is relevant. */
export function ndcgAt(
  k: number,
  ranked: readonly string[],
  labels: Record<string, number>,
): number {
  const gain = (rel: number) => 2 ** rel - 1;
  const dcg = ranked
    .slice(0, k)
    .reduce((sum, key, i) => sum + gain(labels[key] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(labels)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, rel, i) => sum + gain(rel) / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Precision@k: share of the first k positions holding an item with rel ≥ 1 (missing positions count as misses). */
export function precisionAt(
  k: number,
  ranked: readonly string[],
  labels: Record<string, number>,
): number {
  return ranked.slice(0, k).filter((key) => (labels[key] ?? 0) >= 1).length / k;
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);
