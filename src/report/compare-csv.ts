/**
 * compare.csv: per alternative, country, commodity and KPI, the base's and the alternative's
 * means, the mean paired difference (alternative minus base, replicate by replicate on the
 * same random world) with its 95% interval, and the share of replicates where the alternative
 * did strictly better (lower).
 */
import type { PairedDifference } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";

/** The header line's columns. */
export const COMPARE_CSV_COLUMNS = ["alternative", "country", "commodity", "kpi", "base_mean", "alternative_mean", "diff_mean", "diff_ci_low", "diff_ci_high", "p_better", "p_worse"];

/** Renders paired differences as CSV. */
export function renderCompareCsv(differences: readonly PairedDifference[]): string {
  const lines = [COMPARE_CSV_COLUMNS.join(",")];
  const n = (v: number) => (Number.isFinite(v) ? formatNumber(v) : "");
  for (const d of differences) {
    lines.push([d.alternative, d.country, d.commodity, d.kpi, n(d.baseMean), n(d.alternativeMean), n(d.diffMean), n(d.diffCiLow), n(d.diffCiHigh), n(d.pBetter), n(d.pWorse)].join(","));
  }
  return lines.join("\n") + "\n";
}
