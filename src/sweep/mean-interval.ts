/**
 * meanInterval: the mean of a sweep's values and its Student-t confidence interval, from the
 * moments a tally keeps (count, mean and the sum of squared deviations from the mean, updated
 * value by value as Welford (1962) gives: running-moments.ts), so that a constant gives a
 * standard deviation of exactly 0 and an interval of exactly ±0, with no digits lost to a
 * difference of two large sums.
 */
import { tQuantile } from "./t-quantile.js";
import { SweepError } from "./sweep-error.js";

/** What an interval is computed from: the count, the mean and the sum of squared deviations from it. */
export interface Moments {
  readonly count: number;
  readonly mean: number;
  /** The sum over the values of (value - mean)^2 (Welford's M2), never negative. */
  readonly squaredDeviations: number;
}

/** A mean with its two-sided confidence interval and the sample standard deviation. */
export interface MeanInterval {
  readonly mean: number;
  /** mean - halfWidth (-Infinity with fewer than two values). */
  readonly low: number;
  /** mean + halfWidth (Infinity with fewer than two values). */
  readonly high: number;
  /** t(1 - (1 - confidence) / 2, count - 1) * standardDeviation / sqrt(count); Infinity with fewer than two values. */
  readonly halfWidth: number;
  /** The sample standard deviation, sqrt(squaredDeviations / (count - 1)); 0 with fewer than two values, never NaN. */
  readonly standardDeviation: number;
}

/**
 * The mean of `moments.count` values and its Student-t interval at `confidence` (default 95%).
 * With one value the interval is unbounded; with equal values it is the mean exactly, ±0.
 * Floating-point moments depend on the order of the updates: for byte-identical results
 * whatever the workers and shards, the caller must add values in replicate order.
 */
export function meanInterval(moments: Moments, confidence = 0.95): MeanInterval {
  const { count, mean, squaredDeviations } = moments;
  if (!Number.isSafeInteger(count) || count < 1) throw new SweepError("bad-interval", `meanInterval: count must be a whole number >= 1, got ${count}`);
  if (!(confidence > 0 && confidence < 1)) throw new SweepError("bad-interval", `meanInterval: confidence must be in (0, 1), got ${confidence}`);
  if (!(squaredDeviations >= 0)) throw new SweepError("bad-interval", `meanInterval: the sum of squared deviations must be >= 0, got ${squaredDeviations}`);
  if (count < 2) return { mean, low: -Infinity, high: Infinity, halfWidth: Infinity, standardDeviation: 0 };
  const standardDeviation = Math.sqrt(squaredDeviations / (count - 1));
  // The lower quantile, negated: (1 - confidence) / 2 is held to full precision where 1 - that would round.
  const t = -tQuantile((1 - confidence) / 2, count - 1);
  const halfWidth = (t * standardDeviation) / Math.sqrt(count);
  return { mean, low: mean - halfWidth, high: mean + halfWidth, halfWidth, standardDeviation };
}
