/** roundTo: rounding numbers for JSON outputs, so the same run always gives the same bytes. */

/** Rounds to `decimals` decimals as a number, never "-0". */
export function roundTo(value: number, decimals = 6): number {
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? 0 : rounded;
}
