/**
 * Paired outcome: whether, in one replicate, an alternative did better than the base, worse, or
 * the same. A difference counts only beyond rounding: more than a millionth of the KPI's unit (a
 * gram of tonnes, a tenth of a second of a day) and more than a billionth of the larger of the
 * two values. Runs on common random numbers often leave a pair's KPI equal but for the last
 * digits of a sum; those are ties, not wins.
 */

/** Absolute part of the tolerance, in the KPI's unit. */
export const TIE_ABSOLUTE = 1e-6;
/** Relative part of the tolerance, of the larger of the two values. */
export const TIE_RELATIVE = 1e-9;

/** -1 when `alternative` is lower than `base` (better: less unmet) beyond rounding, 1 when higher (worse), 0 for a tie. */
export function pairedOutcome(alternative: number, base: number): -1 | 0 | 1 {
  const diff = alternative - base;
  const tolerance = Math.max(TIE_ABSOLUTE, TIE_RELATIVE * Math.max(Math.abs(alternative), Math.abs(base)));
  if (diff < -tolerance) return -1;
  return diff > tolerance ? 1 : 0;
}
