/**
 * The sensitivity section of a sweep's report: the tornado of one-at-a-time swings for each
 * headline KPI, and the rank correlations of every input with each headline KPI (a chart of
 * Spearman's rho with its interval, and a table with the SRRC beside it).
 */
import type { SensitivityResult, SweepPlan } from "../../sweep/index.js";
import { formatInputValue } from "../input-value.js";
import { formatNumber } from "../number-format.js";
import { inputOrder } from "../sensitivity-csv.js";
import { renderChart, type ChartDefinition } from "./chart.js";
import { paragraph, slug } from "./html.js";
import { COLOURS } from "./palette.js";

/** The section's content. */
export async function renderSensitivity(plan: SweepPlan, result: SensitivityResult | undefined): Promise<string> {
  if (result === undefined) return paragraph("The scenario has no uncertain inputs: every replicate differs only by its random events, so there is nothing to rank.");
  const parts: string[] = [];
  if (result.tornado === undefined) {
    parts.push(paragraph("No tornado: this sweep ran no one-at-a-time swings (run it with --swing-runs N, or run chokepoint sensitivity)."));
  } else {
    parts.push(
      paragraph(
        `Tornado: each input at its 10th and 90th percentile while the others sit at their medians, over the same ${result.tornado.runs} replicates' random streams (common random numbers); a bar runs from the KPI's mean at one to its mean at the other, the line is every input at its median.`,
        "note",
      ),
    );
    for (let k = 0; k < result.headlines.length; k++) parts.push(await renderChart(tornadoChart(plan, result, k)));
  }
  parts.push(
    paragraph(
      `Rank correlations over ${result.sampleSize} replicates: Spearman's rho between each sampled input and each headline KPI, with its 95% interval; an interval that straddles 0 means no detectable effect. SRRC: the standardized rank regression coefficient, each input's effect with the others held in the regression.`,
      "note",
    ),
  );
  parts.push(await renderChart(correlationChart(result)));
  return parts.join("\n");
}

function tornadoChart(plan: SweepPlan, result: SensitivityResult, k: number): ChartDefinition {
  const tornado = result.tornado!;
  const headline = result.headlines[k];
  const bars = [...tornado.bars].sort((a, b) => Math.abs(b.high[k] - b.low[k]) - Math.abs(a.high[k] - a.low[k]) || (a.input < b.input ? -1 : 1));
  const label = (input: string) => input;
  const values = bars.flatMap((b) => {
    const i = plan.alternatives[0].inputs.indexOf(b.input);
    return [
      { input: label(b.input), end: "at its 10th percentile", from: tornado.base[k], to: b.low[k], value: formatInputValue(plan, i, b.lowValue) },
      { input: label(b.input), end: "at its 90th percentile", from: tornado.base[k], to: b.high[k], value: formatInputValue(plan, i, b.highValue) },
    ];
  });
  return {
    id: slug("tornado", headline.label),
    title: `Tornado: ${headline.label}`,
    description: `One-at-a-time swings of each uncertain input, widest first: the mean of ${headline.label} with the input at its 10th and at its 90th percentile, the others at their medians.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 560,
      height: { step: 26 },
      layer: [
        {
          data: { values },
          mark: { type: "bar", height: 16 },
          encoding: {
            y: { field: "input", type: "nominal", title: null, sort: bars.map((b) => label(b.input)), axis: { labelLimit: 600 } },
            x: { field: "from", type: "quantitative", title: `${headline.label} (mean over the swing replicates)`, scale: { zero: false } },
            x2: { field: "to" },
            color: { field: "end", type: "nominal", title: "input", scale: { domain: ["at its 10th percentile", "at its 90th percentile"], range: [COLOURS.consumed, COLOURS.unmet] } },
          },
        },
        { data: { values: [{ base: tornado.base[k] }] }, mark: { type: "rule", color: "#000000", strokeWidth: 1.2 }, encoding: { x: { field: "base", type: "quantitative" } } },
      ],
    } as never,
    table: {
      columns: ["input", "value at p10", "KPI at p10", "value at p90", "KPI at p90", "swing", "all at medians"],
      rows: bars.map((b) => {
        const i = plan.alternatives[0].inputs.indexOf(b.input);
        return [b.input, formatInputValue(plan, i, b.lowValue), formatNumber(b.low[k], 2), formatInputValue(plan, i, b.highValue), formatNumber(b.high[k], 2), formatNumber(b.high[k] - b.low[k], 2), formatNumber(tornado.base[k], 2)];
      }),
      numeric: [false, true, true, true, true, true, true],
    },
  };
}

function correlationChart(result: SensitivityResult): ChartDefinition {
  const indices = inputOrder(result);
  const order = indices.map((i) => result.inputs[i]);
  // Most influential input first, in the chart and in its table.
  const values = indices.flatMap((i) =>
    result.headlines.map((h, k) => {
      const c = result.correlations[i][k];
      return { input: result.inputs[i], i, k, kpi: h.label, rho: c.rho ?? 0, low: c.low ?? 0, high: c.high ?? 0 };
    }),
  );
  return {
    id: "rank-correlations",
    title: "Rank correlations of the inputs with the headline KPIs",
    description: "Spearman's rank correlation of each sampled input with each headline KPI, as a dot with its 95% interval, one panel per KPI.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      // One panel per KPI side by side (not a facet: a facet's shared axis cuts long input names at 180 pixels).
      hconcat: result.headlines.map((h, k) => {
        const y = { field: "input", type: "nominal", sort: order, title: null, axis: k === 0 ? { labelLimit: 600 } : { labels: false, ticks: false } };
        return {
          title: { text: h.label, fontSize: 11, fontWeight: "normal" },
          width: 150,
          height: { step: 22 },
          data: { values: values.filter((v) => v.k === k) },
          layer: [
            { mark: { type: "rule", color: COLOURS.event }, encoding: { x: { datum: 0, type: "quantitative" } } },
            { mark: { type: "rule", strokeWidth: 2, color: COLOURS.consumed }, encoding: { y, x: { field: "low", type: "quantitative", title: "Spearman's rho", scale: { domain: [-1, 1] } }, x2: { field: "high" } } },
            { mark: { type: "point", filled: true, size: 40, color: "#003f66" }, encoding: { y, x: { field: "rho", type: "quantitative" } } },
          ],
        };
      }),
      spacing: 12,
    } as never,
    table: {
      columns: ["input", "KPI", "Spearman's rho", "95% low", "95% high", "SRRC"],
      rows: values.map((v) => {
        const c = result.correlations[v.i][v.k];
        const f = (x: number | null) => (x === null ? "constant" : formatNumber(x, 3));
        return [v.input, v.kpi, f(c.rho), f(c.low), f(c.high), f(c.srrc)];
      }),
      numeric: [false, false, true, true, true, true],
    },
    tableOpen: true,
  };
}
