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

/**
 * Decimals enough to show the largest of `values` with three significant digits (at least
 * `minimum`, at most 6), so a column of small figures does not round to zeros: 0.0085 t/day
 * prints as 0.0085, not 0.01.
 */
export function columnDecimals(values: ArrayLike<number>, minimum: number): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) largest = Math.max(largest, Math.abs(values[i]));
  if (largest === 0) return minimum;
  return Math.min(6, Math.max(minimum, 2 - Math.floor(Math.log10(largest))));
}

/** US dollars for people: "US$146.5 M", "-US$1.2 bn", "US$820 k", "US$95" (one decimal above a thousand). */
export function formatMoney(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? "-" : "";
  const size = Math.abs(value);
  const scaled = (by: number, suffix: string) => `${sign}US$${formatNumber(size / by, 1)} ${suffix}`;
  if (formatNumber(size, 0) === "0") return "US$0";
  if (size >= 999.95e6) return scaled(1e9, "bn");
  if (size >= 999.95e3) return scaled(1e6, "M");
  if (size >= 999.95) return scaled(1e3, "k");
  return `${sign}US$${formatNumber(size, 0)}`;
}
