/**
 * Number formatting for outputs: fixed decimals, trailing zeros trimmed, no "-0", so the same
 * numbers always print as the same bytes.
 */

/** Formats `value` with at most `decimals` decimals, trimming trailing zeros. */
export function formatNumber(value: number, decimals = 6): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(decimals);
  const trimmed = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return trimmed === "-0" ? "0" : trimmed;
}

/** Rounds to `decimals` decimals as a number (for JSON outputs). */
export function roundTo(value: number, decimals = 6): number {
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? 0 : rounded;
}
