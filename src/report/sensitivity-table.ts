/**
 * The sensitivity table `chokepoint sensitivity` prints: per input, most influential first,
 * its 10th and 90th percentile values, the first headline KPI's mean at each (the tornado) and
 * Spearman's rank correlation with it (with its 95% interval).
 */
import type { SensitivityResult, SweepPlan } from "../sweep/index.js";
import { formatInputValue } from "./input-value.js";
import { formatNumber } from "./number-format.js";
import { inputOrder } from "./sensitivity-csv.js";

/** The table as aligned text. */
export function renderSensitivityTable(plan: SweepPlan, result: SensitivityResult): string {
  const headline = result.headlines[0];
  const tornado = result.tornado;
  const header = ["input", "p10", "p90", "KPI at p10", "KPI at p90", "swing", "rho (95% interval)"];
  const rows = inputOrder(result).map((i) => {
    const bar = tornado?.bars.find((b) => b.input === result.inputs[i]);
    const c = result.correlations[i][0];
    return [
      result.inputs[i],
      bar ? formatInputValue(plan, i, bar.lowValue) : "",
      bar ? formatInputValue(plan, i, bar.highValue) : "",
      bar ? formatNumber(bar.low[0], 1) : "",
      bar ? formatNumber(bar.high[0], 1) : "",
      bar ? formatNumber(bar.high[0] - bar.low[0], 1) : "",
      c.rho === null ? "constant" : `${formatNumber(c.rho, 2)} (${formatNumber(c.low ?? 0, 2)} to ${formatNumber(c.high ?? 0, 2)})`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const title = `What drives ${headline.label}: tornado over ${tornado?.runs ?? 0} replicates' random streams (every other input at its median${tornado ? `: ${formatNumber(tornado.base[0], 1)}` : ""}), rank correlation over ${result.sampleSize} replicates.`;
  return [title, line(header), ...rows.map(line)].join("\n") + "\n";
}
