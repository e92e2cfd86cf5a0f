/**
 * The sensitivity table `chokepoint sensitivity` prints: per input, most influential first,
 * the input at its bar's low and high ends (its 10th and 90th percentile values; a yes/no
 * input "does not happen" and "happens"), the first headline KPI's mean at each (the tornado),
 * the swing with its 95% interval and Spearman's rank correlation with it (with its 95%
 * interval); then a line for each input whose swing and rho disagree in sign, saying which
 * interval supports which.
 */
import { describeSignCheck, swingEnds, type SensitivityResult, type SweepPlan, type TornadoBar } from "../sweep/index.js";
import { formatInputValue } from "./input-value.js";
import { formatNumber } from "./number-format.js";
import { inputOrder } from "./sensitivity-csv.js";

/** The table as aligned text. */
export function renderSensitivityTable(plan: SweepPlan, result: SensitivityResult): string {
  const headline = result.headlines[0];
  const tornado = result.tornado;
  const header = ["input", "low end", "high end", "KPI at low", "KPI at high", "swing (95% interval)", "rho (95% interval)"];
  const end = (bar: TornadoBar, i: number, side: "low" | "high") => (bar.kind === "yes-no" ? swingEnds(bar.input)[side] : formatInputValue(plan, i, side === "low" ? bar.lowValue : bar.highValue));
  const order = inputOrder(result);
  const rows = order.map((i) => {
    const bar = tornado?.bars.find((b) => b.input === result.inputs[i]);
    const c = result.correlations[i][0];
    return [
      result.inputs[i],
      bar ? end(bar, i, "low") : "",
      bar ? end(bar, i, "high") : "",
      bar ? formatNumber(bar.low[0], 1) : "",
      bar ? formatNumber(bar.high[0], 1) : "",
      bar ? swingText(bar) : "",
      c.rho === null ? "constant" : `${formatNumber(c.rho, 2)} (${formatNumber(c.low ?? 0, 2)} to ${formatNumber(c.high ?? 0, 2)})`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const title = `What drives ${headline.label}: tornado over ${tornado?.runs ?? 0} replicates' random streams (every other input at its median${tornado ? `: ${formatNumber(tornado.base[0], 1)}` : ""}), rank correlation over ${result.sampleSize} replicates.`;
  const notes = order.flatMap((i) => {
    const said = describeSignCheck(result.signs[i][0]);
    return said === "" ? [] : [`${result.inputs[i]}: ${said}.`];
  });
  return [title, line(header), ...rows.map(line), ...notes].join("\n") + "\n";
}

function swingText(bar: TornadoBar): string {
  const low = bar.swingLow[0];
  const high = bar.swingHigh[0];
  return `${formatNumber(bar.swing[0], 1)}${low === null || high === null ? "" : ` (${formatNumber(low, 1)} to ${formatNumber(high, 1)})`}`;
}
