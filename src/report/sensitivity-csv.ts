/**
 * sensitivity.csv: a sweep's sensitivity analysis as rows, one per input and headline KPI:
 * the tornado's means with the input at its low and high ends (its 10th and 90th percentiles;
 * a yes/no input "does not happen" and "happens", named in the `low` and `high` columns), the
 * others at their medians on common random numbers, where the bar's halves meet, the swing
 * between the ends with its 95% interval over the swing replicates; Spearman's rank
 * correlation with its 95% interval, the standardized rank regression coefficient, and whether
 * the swing and rho agree in sign (sign-check.ts). Empty cells: not computed (no swings run,
 * one swing replicate, or the input or KPI never varied).
 */
import { swingEnds, type SensitivityResult, type SweepPlan } from "../sweep/index.js";
import { formatInputValue } from "./input-value.js";
import { formatNumber } from "./number-format.js";

/** The header's columns. */
export const SENSITIVITY_CSV_COLUMNS = [
  "input",
  "kpi",
  "low",
  "high",
  "input_low",
  "input_centre",
  "input_high",
  "kpi_at_low",
  "kpi_at_centre",
  "kpi_at_high",
  "swing",
  "swing_low",
  "swing_high",
  "spearman",
  "spearman_low",
  "spearman_high",
  "srrc",
  "signs",
  "replicates",
  "swing_replicates",
];

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
          bar ? swingEnds(bar.input).low : "",
          bar ? swingEnds(bar.input).high : "",
          bar ? formatInputValue(plan, i, bar.lowValue) : "",
          bar ? (bar.kind === "yes-no" ? formatNumber(bar.centreValue, 6) : formatInputValue(plan, i, bar.centreValue)) : "",
          bar ? formatInputValue(plan, i, bar.highValue) : "",
          cell(bar?.low[k]),
          cell(bar?.centre[k]),
          cell(bar?.high[k]),
          cell(bar?.swing[k]),
          cell(bar?.swingLow[k]),
          cell(bar?.swingHigh[k]),
          cell(c.rho),
          cell(c.low),
          cell(c.high),
          cell(c.srrc),
          result.signs[i][k] ?? "",
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
