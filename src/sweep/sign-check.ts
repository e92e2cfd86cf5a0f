/**
 * Whether a tornado bar and a rank correlation agree on an input's direction, and when they do
 * not, which one its interval supports. The two measure different things: the swing moves one
 * input with the others at their medians, rho sees every input vary together, so both can be
 * right (an interaction), and either can be noise; the intervals tell which.
 */

/**
 * agree: the swing and rho have the same sign. disagree-swing: they differ, and only the
 * swing's 95% interval excludes 0 (trust the swing's direction); disagree-rho: only rho's
 * does; disagree-both: both do (the input pushes one way with the others at their medians
 * and the other way over the joint draws: an interaction); disagree-unsettled: neither does
 * (the direction is not established). Null: nothing to compare (no swing, a zero swing or rho,
 * or a constant input or KPI).
 */
export type SignCheck = "agree" | "disagree-swing" | "disagree-rho" | "disagree-both" | "disagree-unsettled";

/** Whether an interval (null ends: not measured) lies wholly on one side of 0. */
export function excludesZero(low: number | null, high: number | null): boolean {
  return low !== null && high !== null && (low > 0 || high < 0);
}

/** The check of a swing (with its interval) against a rho (with its interval). */
export function checkSigns(swing: number | undefined, swingLow: number | null, swingHigh: number | null, rho: number | null, rhoLow: number | null, rhoHigh: number | null): SignCheck | null {
  if (swing === undefined || swing === 0 || rho === null || rho === 0) return null;
  if (Math.sign(swing) === Math.sign(rho)) return "agree";
  const swingHolds = excludesZero(swingLow, swingHigh);
  const rhoHolds = excludesZero(rhoLow, rhoHigh);
  return swingHolds && rhoHolds ? "disagree-both" : swingHolds ? "disagree-swing" : rhoHolds ? "disagree-rho" : "disagree-unsettled";
}

/** What a check says, in a sentence for a report (empty when they agree or cannot be compared). */
export function describeSignCheck(check: SignCheck | null): string {
  switch (check) {
    case null:
    case "agree":
      return "";
    case "disagree-swing":
      return "the tornado and rho disagree in sign; the swing interval excludes 0 and rho's includes 0: the swing's direction holds (with the other inputs at their medians), rho's is not established";
    case "disagree-rho":
      return "the tornado and rho disagree in sign; the swing interval includes 0: the swing's direction is not established, rho's interval excludes 0 and supports rho's";
    case "disagree-both":
      return "the tornado and rho disagree in sign and both intervals exclude 0: the input pushes one way with the others at their medians and the other way when they vary too (an interaction)";
    case "disagree-unsettled":
      return "the tornado and rho disagree in sign and both intervals include 0: the direction is not established";
  }
}
