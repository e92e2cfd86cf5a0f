/**
 * meanInterval: the mean of a sweep's values and its Student-t confidence interval, from the
 * running sums a tally keeps (count, sum, sum of squares), so that shards merge by adding sums.
 */
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import { SweepError } from "./sweep-error.js";

/** A mean with its two-sided confidence interval and the sample standard deviation. */
export interface MeanInterval {
  readonly mean: number;
  /** mean - halfWidth (-Infinity with fewer than two values). */
  readonly low: number;
  /** mean + halfWidth (Infinity with fewer than two values). */
  readonly high: number;
  /** t(1 - (1 - confidence) / 2, count - 1) * standardDeviation / sqrt(count); Infinity with fewer than two values. */
  readonly halfWidth: number;
  /** The sample standard deviation (divisor count - 1); 0 with fewer than two values, never NaN. */
  readonly standardDeviation: number;
}

/**
 * The mean of `count` values with sum `sum` and sum of squares `sumOfSquares`, and its
 * Student-t interval at `confidence` (default 95%). With one value the interval is unbounded.
 * Floating-point sums depend on the order of the additions: for byte-identical results
 * whatever the workers and shards, the caller must accumulate them in replicate order.
 * The variance comes from the sums as (sumOfSquares - sum * mean) / (count - 1), floored at 0;
 * it loses digits when the mean is many standard deviations from 0, so a caller with such
 * values should sum them less a reference value and add the reference back to the mean.
 */
export function meanInterval(count: number, sum: number, sumOfSquares: number, confidence = 0.95): MeanInterval {
  if (!Number.isSafeInteger(count) || count < 1) throw new SweepError("bad-interval", `meanInterval: count must be a whole number >= 1, got ${count}`);
  if (!(confidence > 0 && confidence < 1)) throw new SweepError("bad-interval", `meanInterval: confidence must be in (0, 1), got ${confidence}`);
  const mean = sum / count;
  if (count < 2) return { mean, low: -Infinity, high: Infinity, halfWidth: Infinity, standardDeviation: 0 };
  const variance = Math.max(0, (sumOfSquares - sum * mean) / (count - 1));
  const standardDeviation = Math.sqrt(variance);
  // The lower quantile, negated: (1 - confidence) / 2 is held to full precision where 1 - that would round.
  const t = -tQuantile((1 - confidence) / 2, count - 1);
  const halfWidth = (t * standardDeviation) / Math.sqrt(count);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth, standardDeviation };
}
