/**
 * The interval of a tornado swing. Each end of a bar is a mean over the swing replicates, and
 * both ends run on the same replicates' random streams, so the swing is the mean of paired
 * differences (one per swing replicate: the KPI at the high end less the KPI at the low end);
 * its 95% interval is Student's t on those differences (Student 1908; the paired t interval of
 * any statistics text). Two passes over the differences (mean, then squared deviations); a
 * difference that is the same in every replicate has exactly no spread.
 */
import { tQuantile } from "./t-quantile.js";

/** The swing's 95% interval; null ends with fewer than two swing replicates (no spread to measure). */
export interface SwingInterval {
  readonly low: number | null;
  readonly high: number | null;
}

/** The 95% interval of `swing` (the bar's high end less its low end) from the paired differences of its swing replicates. */
export function swingInterval(swing: number, differences: readonly number[]): SwingInterval {
  const n = differences.length;
  if (n < 2) return { low: null, high: null };
  let sum = 0;
  for (const d of differences) sum += d;
  const mean = sum / n;
  let squares = 0;
  for (const d of differences) squares += (d - mean) ** 2;
  const standardDeviation = differences.every((d) => d === differences[0]) ? 0 : Math.sqrt(squares / (n - 1));
  // The lower quantile, negated: 0.025 is exact where 0.975 would round.
  const halfWidth = (-tQuantile(0.025, n - 1) * standardDeviation) / Math.sqrt(n);
  return { low: swing - halfWidth, high: swing + halfWidth };
}
