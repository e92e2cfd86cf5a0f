/**
 * The sensitivity section of a sweep's report: the tornado of one-at-a-time swings for each
 * headline KPI (yes/no inputs between "does not happen" and "happens", each swing with its 95%
 * interval as a whisker and in the table), the rank correlations of every input with each
 * headline KPI (a chart of Spearman's rho with its interval, and a table with the SRRC beside
 * it), and a sentence for each input whose swing and rho disagree in sign, saying which
 * interval supports which.
 */
import { describeSignCheck, swingEnds, type SensitivityResult, type SweepPlan, type TornadoBar } from "../../sweep/index.js";
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
        `Tornado: each input at its 10th and 90th percentile while the others sit at their medians, over the same ${result.tornado.runs} replicates' random streams (common random numbers); a bar runs from the KPI's mean at one to its mean at the other, the line is every input at its median. A yes/no input (an event that happens or not) swings from "does not happen" to "happens"; its bar's halves meet at the mean of the two weighted by the share of the sweep's replicates in which it happened. The whisker on a bar's high end is the swing's 95% interval over the swing replicates (Student's t on the paired differences).`,
        "note",
      ),
    );
    for (let k = 0; k < result.headlines.length; k++) parts.push(await renderChart(tornadoChart(plan, result, k)));
  }
  parts.push(...signNotes(result));
  parts.push(
    paragraph(
      `Rank correlations over ${result.sampleSize} replicates: Spearman's rho between each sampled input and each headline KPI, with its 95% interval; an interval that straddles 0 means no detectable effect. SRRC: the standardized rank regression coefficient, each input's effect with the others held in the regression.`,
      "note",
    ),
  );
  parts.push(await renderChart(correlationChart(result)));
  return parts.join("\n");
}

/** Where a swing and a rho disagree in sign: one sentence each, saying which interval supports which. */
function signNotes(result: SensitivityResult): string[] {
  const tornado = result.tornado;
  if (tornado === undefined) return [];
  return result.inputs.flatMap((input, i) =>
    result.headlines.flatMap((h, k) => {
      const said = describeSignCheck(result.signs[i][k]);
      const bar = tornado.bars.find((b) => b.input === input);
      const c = result.correlations[i][k];
      if (said === "" || bar === undefined || c.rho === null) return [];
      return [paragraph(`${input}, ${h.label}: swing ${signed(bar.swing[k], 1)}${intervalText(bar, k)}, rho ${signed(c.rho, 2)} (${formatNumber(c.low ?? 0, 2)} to ${formatNumber(c.high ?? 0, 2)}): ${said}.`, "note")];
    }),
  );
}

function signed(value: number, decimals: number): string {
  return `${value > 0 ? "+" : ""}${formatNumber(value, decimals)}`;
}

function intervalText(bar: TornadoBar, k: number): string {
  const low = bar.swingLow[k];
  const high = bar.swingHigh[k];
  return low === null || high === null ? " (one swing replicate: no interval)" : ` (95% interval ${formatNumber(low, 1)} to ${formatNumber(high, 1)})`;
}

/** The legend's two ends: a range's percentile or a yes/no input's outcome. */
const LOW_END = "10th percentile, or does not happen";
const HIGH_END = "90th percentile, or happens";

function tornadoChart(plan: SweepPlan, result: SensitivityResult, k: number): ChartDefinition {
  const tornado = result.tornado!;
  const headline = result.headlines[k];
  const bars = [...tornado.bars].sort((a, b) => Math.abs(b.swing[k]) - Math.abs(a.swing[k]) || (a.input < b.input ? -1 : 1));
  const indexOf = (b: TornadoBar) => plan.alternatives[0].inputs.indexOf(b.input);
  const endText = (b: TornadoBar, side: "low" | "high") => (b.kind === "yes-no" ? swingEnds(b.input)[side] : formatInputValue(plan, indexOf(b), side === "low" ? b.lowValue : b.highValue));
  const values = bars.flatMap((b) => [
    { input: b.input, end: LOW_END, from: b.centre[k], to: b.low[k], value: endText(b, "low") },
    { input: b.input, end: HIGH_END, from: b.centre[k], to: b.high[k], value: endText(b, "high") },
  ]);
  // The swing's interval drawn where it moves the bar: the high end's position with the low end held.
  const whiskers = bars.flatMap((b) => {
    const low = b.swingLow[k];
    const high = b.swingHigh[k];
    return low === null || high === null ? [] : [{ input: b.input, from: b.low[k] + low, to: b.low[k] + high }];
  });
  const y = { field: "input", type: "nominal", title: null, sort: bars.map((b) => b.input), axis: { labelLimit: 600 } };
  return {
    id: slug("tornado", headline.label),
    title: `Tornado: ${headline.label}`,
    description: `One-at-a-time swings of each uncertain input, widest first: the mean of ${headline.label} with the input at its 10th and at its 90th percentile (a yes/no input: not happening and happening), the others at their medians; the whisker is the swing's 95% interval.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 560,
      height: { step: 26 },
      layer: [
        {
          data: { values },
          mark: { type: "bar", height: 16 },
          encoding: {
            y,
            x: { field: "from", type: "quantitative", title: `${headline.label} (mean over the swing replicates)`, scale: { zero: false } },
            x2: { field: "to" },
            color: { field: "end", type: "nominal", title: "input at", scale: { domain: [LOW_END, HIGH_END], range: [COLOURS.consumed, COLOURS.unmet] } },
          },
        },
        { data: { values: whiskers }, mark: { type: "rule", color: "#000000", strokeWidth: 1.2 }, encoding: { y, x: { field: "from", type: "quantitative" }, x2: { field: "to" } } },
        { data: { values: [{ base: tornado.base[k] }] }, mark: { type: "rule", color: "#000000", strokeWidth: 1.2, strokeDash: [4, 3] }, encoding: { x: { field: "base", type: "quantitative" } } },
      ],
    } as never,
    table: {
      columns: ["input", "low end", "KPI at low", "high end", "KPI at high", "swing", "swing 95% interval", "halves meet at", "all at medians"],
      rows: bars.map((b) => {
        const low = b.swingLow[k];
        const high = b.swingHigh[k];
        return [
          b.input,
          endText(b, "low"),
          formatNumber(b.low[k], 2),
          endText(b, "high"),
          formatNumber(b.high[k], 2),
          formatNumber(b.swing[k], 2),
          low === null || high === null ? "one replicate" : `${formatNumber(low, 2)} to ${formatNumber(high, 2)}`,
          formatNumber(b.centre[k], 2),
          formatNumber(tornado.base[k], 2),
        ];
      }),
      numeric: [false, true, true, true, true, true, true, true, true],
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
