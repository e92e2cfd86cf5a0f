/**
 * The worst-shortfalls table printed after a run: the country-commodity pairs with the
 * largest share of demand unmet, with when it started, how deep and how long, what buyers gave
 * up in answer to price and how high the price went.
 */
import { formatNumber } from "./number-format.js";
import type { RankedShortfall } from "./worst-shortfalls.js";

/** Renders the first `limit` of the ranked shortfalls (see rankShortfalls) as an aligned text table. */
export function renderShortfallTable(ranked: readonly RankedShortfall[], limit = 10): string {
  const short = ranked.slice(0, limit).map(({ kpi, share }) => ({ k: kpi, share }));
  if (short.length === 0) return "No shortfalls: every country's demand was met on every day.\n";
  const header = ["country", "commodity", "first short", "days short", "peak unmet", "unmet t", "of demand", "given up t", "peak price", "recovered"];
  const rows = short.map(({ k, share }) => [
    k.country,
    k.commodity,
    k.firstShortfallDate ?? "",
    String(k.shortfallDays),
    `${formatNumber(k.peakShortfallShare * 100, 1)}%`,
    formatNumber(k.unmetTonnes, 1),
    `${formatNumber(share * 100, 1)}%`,
    formatNumber(k.givenUpTonnes, 1),
    `${formatNumber(k.peakPriceIndex, 2)}x`,
    k.recoveryDate ?? "no",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = [false, false, false, true, true, true, true, true, true, false];
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const total = ranked.length;
  const title = total > short.length ? `Worst ${short.length} of ${total} shortfalls:` : `Shortfalls:`;
  return [title, line(header), ...rows.map(line)].join("\n") + "\n";
}
