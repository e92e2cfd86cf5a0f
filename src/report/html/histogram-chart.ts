/**
 * Histograms of a sweep's headline KPIs for one country and commodity (unmet tonnes, days
 * short and the peak price index, side by side) or for all of them (unmet tonnes summed), binned here (equal-width bins between the
 * smallest and largest value) so the chart and its table show the same counts.
 */
import { formatNumber } from "../number-format.js";
import type { ChartDefinition } from "./chart.js";
import { slug } from "./html.js";
import { COLOURS } from "./palette.js";

/** Bins per histogram. */
const BINS = 20;

/** One histogram's values. */
export interface HistogramPanel {
  readonly title: string;
  readonly unit: string;
  readonly values: readonly number[];
}

/** Equal-width bins over [min, max] (one bin when all values are equal): [from, to, count]. */
export function binValues(values: readonly number[], bins = BINS): [number, number, number][] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) return [];
  const width = (max - min) / bins;
  // One bin when every value is the same, or the spread is too small for bins of their own (a width that underflows to 0).
  if (!(width > 0)) return [[min, max > min ? max : min + (Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 1), values.length]];
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return counts.map((count, i) => [min + i * width, i === bins - 1 ? max : min + (i + 1) * width, count]);
}

/** The histograms of one subject (a pair, "US antimony", or "all pairs") as one chart. */
export function histogramChart(subject: string, panels: readonly HistogramPanel[], replicates: number): ChartDefinition {
  const binned = panels.map((p) => ({ panel: p, bins: binValues(p.values) }));
  return {
    id: slug("histograms", subject),
    title: `${subject}: distribution over ${replicates} replicates`,
    description: `Histograms of ${panels.map((p) => p.title).join("; ")} for ${subject}, one bar per value range, its height the number of replicates.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      hconcat: binned.map(({ panel, bins }) => ({
        title: { text: panel.title, fontSize: 11, fontWeight: "normal" },
        width: 210,
        height: 120,
        data: { values: bins.map(([from, to, count]) => ({ from, to, count })) },
        mark: { type: "bar", color: COLOURS.band, stroke: "#ffffff", strokeWidth: 0.5 },
        encoding: {
          x: { field: "from", type: "quantitative", title: panel.unit, scale: { zero: false, nice: false }, axis: { tickCount: 4 } },
          x2: { field: "to" },
          y: { field: "count", type: "quantitative", title: "replicates" },
          // Bars stand on zero (with x and x2 given, Vega-Lite would otherwise draw each as a thin band at its count).
          y2: { datum: 0 },
        },
      })),
      spacing: 24,
    } as never,
    table: {
      columns: ["KPI", "from", "to", "replicates"],
      rows: binned.flatMap(({ panel, bins }) => bins.map(([from, to, count]) => [`${panel.title} (${panel.unit})`, formatNumber(from, 3), formatNumber(to, 3), String(count)])),
      numeric: [false, true, true, true],
    },
  };
}
