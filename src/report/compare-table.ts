/**
 * The compare table printed after a compare: per alternative, the countries whose total unmet
 * tonnes change most against the base ("all"), then the country-commodity pairs that change
 * most, with the paired difference's 95% interval and the shares of replicates where the
 * alternative does better and worse beyond rounding (the rest are ties).
 */
import { ALL_COMMODITIES, type PairedDifference } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";

/** Renders up to `limit` rows per alternative, largest mean change in unmet tonnes first. */
export function renderCompareTable(differences: readonly PairedDifference[], limit = 6): string {
  const byAlternative = new Map<string, PairedDifference[]>();
  for (const d of differences) if (d.kpi === "unmetTonnes") byAlternative.set(d.alternative, [...(byAlternative.get(d.alternative) ?? []), d]);
  const header = ["alternative", "country", "commodity", "base unmet t", "alt unmet t", "difference (95% CI)", "p better", "p worse"];
  const rows: string[][] = [];
  const unchanged: string[] = [];
  for (const [alternative, list] of byAlternative) {
    // Country totals first, then single commodities, each by the size of the change.
    const bySize = (a: PairedDifference, b: PairedDifference) => Math.abs(b.diffMean) - Math.abs(a.diffMean) || (a.country < b.country ? -1 : a.country > b.country ? 1 : a.commodity < b.commodity ? -1 : 1);
    const moved = [
      ...list.filter((d) => d.diffMean !== 0 && d.commodity === ALL_COMMODITIES).sort(bySize).slice(0, Math.ceil(limit / 2)),
      ...list.filter((d) => d.diffMean !== 0 && d.commodity !== ALL_COMMODITIES).sort(bySize).slice(0, limit),
    ];
    if (moved.length === 0) unchanged.push(alternative);
    for (const d of moved) {
      const ci = Number.isFinite(d.diffCiLow) ? ` (${formatNumber(d.diffCiLow, 0)} to ${formatNumber(d.diffCiHigh, 0)})` : "";
      rows.push([alternative, d.country, d.commodity, formatNumber(d.baseMean, 0), formatNumber(d.alternativeMean, 0), `${formatNumber(d.diffMean, 0)}${ci}`, `${formatNumber(d.pBetter * 100, 0)}%`, `${formatNumber(d.pWorse * 100, 0)}%`]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = [false, false, false, true, true, true, true, true];
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const notes = unchanged.map((a) => `${a}: the same unmet tonnes as the base in every replicate`);
  return [...(rows.length > 0 ? [line(header), ...rows.map(line)] : []), ...notes].join("\n") + "\n";
}
