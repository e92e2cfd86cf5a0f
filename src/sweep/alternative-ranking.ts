/**
 * rankAlternatives: a compare's alternatives (the base among them) ranked by the mean of a total
 * over every pair, each compared with the best on the same replicates. Comparisons with the best
 * are k - 1 tests at once, so each interval is widened to 1 - 5% / (k - 1) (Bonferroni), and the
 * set of alternatives whose interval holds 0 is the set the data cannot tell from the best: a
 * ranking inside that set is noise. Every two alternatives are compared as well, with intervals
 * widened over every pair.
 */
import type { AlternativeRanking, PairedTotal, TotalKpi } from "./sweep-statistics.js";

/** The family-wise confidence of a ranking's comparisons taken together. */
export const FAMILY_CONFIDENCE = 0.95;

/** The ranking of alternatives with means `means` (by plan order), given their paired differences (`between(i, j, confidence)`: j minus i). */
export function rankAlternatives(
  total: TotalKpi,
  names: readonly string[],
  means: readonly number[],
  between: (i: number, j: number, confidence: number) => PairedTotal,
): AlternativeRanking {
  const order = names.map((_, a) => a).sort((x, y) => means[x] - means[y] || x - y);
  const best = order[0];
  const comparisons = Math.max(1, names.length - 1);
  const eachConfidence = 1 - (1 - FAMILY_CONFIDENCE) / comparisons;
  const rows = order.map((a) => {
    const vsBest = between(best, a, eachConfidence);
    // A tie in every replicate is no difference, whatever the (zero-width) interval says.
    const ties = vsBest.pBetter === 0 && vsBest.pWorse === 0;
    return { name: names[a], mean: means[a], vsBest, indistinguishable: a === best || ties || (vsBest.ciLow <= 0 && vsBest.ciHigh >= 0) };
  });
  // Every two alternatives too, for readers who weigh the runners-up against each other: Bonferroni over every pair.
  const pairCount = Math.max(1, (names.length * (names.length - 1)) / 2);
  const pairConfidence = 1 - (1 - FAMILY_CONFIDENCE) / pairCount;
  const pairs = order.flatMap((better, i) => order.slice(i + 1).map((worse) => ({ better: names[better], worse: names[worse], difference: between(better, worse, pairConfidence) })));
  return { total, familyConfidence: FAMILY_CONFIDENCE, eachConfidence, rows, pairConfidence, pairs };
}
