/**
 * sensitivity.csv: a sweep's sensitivity analysis as rows, one per input and headline KPI:
 * the tornado's means with the input at its 10th and 90th percentiles (the others at their
 * medians, common random numbers) and the swing between them; Spearman's rank correlation with
 * its 95% interval, and the standardized rank regression coefficient. Empty cells: not
 * computed (no swings run, or the input or KPI never varied).
 */
import type { SensitivityResult, SweepPlan } from "../sweep/index.js";
import { formatInputValue } from "./input-value.js";
import { formatNumber } from "./number-format.js";

/** The header's columns. */
export const SENSITIVITY_CSV_COLUMNS = ["input", "kpi", "input_p10", "input_p50", "input_p90", "kpi_at_p10", "kpi_at_p50", "kpi_at_p90", "swing", "spearman", "spearman_low", "spearman_high", "srrc", "replicates", "swing_replicates"];

/** Renders the analysis, inputs in the tornado's order (widest swing first) or, without swings, by |rho| with the first KPI. */
export function renderSensitivityCsv(plan: SweepPlan, result: SensitivityResult): string {
  const cell = (v: number | null | undefined, decimals = 6) => (v === null || v === undefined ? "" : formatNumber(v, decimals));
  const lines = [SENSITIVITY_CSV_COLUMNS.join(",")];
  for (const i of inputOrder(result)) {
    const bar = result.tornado?.bars.find((b) => b.input === result.inputs[i]);
    result.headlines.forEach((h, k) => {
      const c = result.correlations[i][k];
      lines.push(
        [
          result.inputs[i],
          quote(h.label),
          bar ? formatInputValue(plan, i, bar.lowValue) : "",
          bar ? formatInputValue(plan, i, bar.medianValue) : "",
          bar ? formatInputValue(plan, i, bar.highValue) : "",
          cell(bar?.low[k]),
          cell(result.tornado?.base[k]),
          cell(bar?.high[k]),
          cell(bar === undefined ? undefined : bar.high[k] - bar.low[k]),
          cell(c.rho),
          cell(c.low),
          cell(c.high),
          cell(c.srrc),
          String(result.sampleSize),
          String(result.tornado?.runs ?? 0),
        ].join(","),
      );
    });
  }
  return lines.join("\n") + "\n";
}

/** Input indices, most influential first: the tornado's order, else by |rho| with the first headline (ties by name). */
export function inputOrder(result: SensitivityResult): number[] {
  if (result.tornado !== undefined) return result.tornado.bars.map((b) => result.inputs.indexOf(b.input));
  const strength = (i: number) => Math.abs(result.correlations[i][0]?.rho ?? 0);
  return result.inputs.map((_, i) => i).sort((a, b) => strength(b) - strength(a) || (result.inputs[a] < result.inputs[b] ? -1 : 1));
}

function quote(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
