/**
 * The worst-shortfalls table printed after a run: the country-commodity pairs ranked by share
 * of demand unmet and by tonnes unmet (rankShortfalls), with both ranks, when the shortage
 * started, how deep and how long, what buyers gave up in answer to price and how high the price
 * went.
 */
import { formatNumber } from "./number-format.js";
import { atStartNote, firstShortCell, RANKING_RULE, type RankedShortfall } from "./worst-shortfalls.js";

/** Renders the first `limit` of the ranked shortfalls (see rankShortfalls) as an aligned text table; `periodStart` is the reported period's first day (ISO). */
export function renderShortfallTable(ranked: readonly RankedShortfall[], periodStart: string, limit = 10): string {
  const short = ranked.slice(0, limit);
  if (short.length === 0) return "No shortfalls: every country's demand was met on every day.\n";
  const header = ["share #", "t #", "country", "commodity", "first short", "days short", "peak unmet", "unmet t", "of demand", "given up t", "peak price", "recovered"];
  const rows = short.map(({ kpi: k, share, shareRank, tonnesRank }) => [
    String(shareRank),
    String(tonnesRank),
    k.country,
    k.commodity,
    firstShortCell(k, periodStart),
    String(k.shortfallDays),
    `${formatNumber(k.peakShortfallShare * 100, 1)}%`,
    formatNumber(k.unmetTonnes, 1),
    `${formatNumber(share * 100, 1)}%`,
    formatNumber(k.givenUpTonnes, 1),
    `${formatNumber(k.peakPriceIndex, 2)}x`,
    k.recoveryDate ?? "no",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = [true, true, false, false, false, true, true, true, true, true, true, false];
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const total = ranked.length;
  const title = `${total > short.length ? `Worst ${short.length} of ${total} shortfalls` : "Shortfalls"}, ${RANKING_RULE}:`;
  const notes = short.some(({ kpi }) => firstShortCell(kpi, periodStart) === "at start") ? [atStartNote(periodStart)] : [];
  return [title, line(header), ...rows.map(line), ...notes].join("\n") + "\n";
}
