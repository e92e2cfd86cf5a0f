/**
 * Number formatting for text outputs: fixed decimals, trailing zeros trimmed, no "-0", so the
 * same numbers always print as the same bytes. (JSON outputs round with `roundTo` of sweep/.)
 */

const ZERO = 48;
const DOT = 46;

/** Formats `value` with at most `decimals` decimals, trimming trailing zeros. */
export function formatNumber(value: number, decimals = 6): string {
  if (value === 0) return "0";
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  // Trimmed by hand rather than by regular expression: this runs for every value of every row.
  let end = text.length;
  if (decimals > 0) {
    while (text.charCodeAt(end - 1) === ZERO) end--;
    if (text.charCodeAt(end - 1) === DOT) end--;
  }
  const trimmed = end === text.length ? text : text.slice(0, end);
  return trimmed === "-0" ? "0" : trimmed;
}
