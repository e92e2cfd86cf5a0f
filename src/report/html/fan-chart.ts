/**
 * The fan chart of one country and commodity over a sweep's replicates: per band period, the
 * share of demand unmet as a median line within its 25-75 and 5-95 percentile bands, and
 * beneath it the stock (inventory plus stockpile) the same way, the scenario's shared events
 * marked on the time axis.
 */
import { epochMsFromIso } from "../../model/index.js";
import type { BandRow } from "../../sweep/index.js";
import { formatNumber } from "../number-format.js";
import { timeAxis, type ChartDefinition } from "./chart.js";
import { eventLayers, type EventMark } from "./event-markers.js";
import { slug } from "./html.js";
import { COLOURS } from "./palette.js";

const WIDTH = 720;

/** The fan chart of `rows` (one series' band rows, in date order). */
export function fanChart(rows: readonly BandRow[], start: string, end: string, marks: readonly EventMark[], replicates: number): ChartDefinition {
  const { country, commodity } = rows[0];
  const x = timeAxis(start, end);
  const xBare = { ...x, title: null, axis: { format: "%b %Y", labelAngle: 0, tickCount: 8, labels: false, ticks: false } };
  const values = rows.map((r) => ({
    date: epochMsFromIso(r.date),
    s5: r.shortfallShare[0] * 100,
    s25: r.shortfallShare[1] * 100,
    s50: r.shortfallShare[2] * 100,
    s75: r.shortfallShare[3] * 100,
    s95: r.shortfallShare[4] * 100,
    k5: r.stockTonnes[0],
    k25: r.stockTonnes[1],
    k50: r.stockTonnes[2],
    k75: r.stockTonnes[3],
    k95: r.stockTonnes[4],
  }));
  const fan = (prefix: "s" | "k", title: string, yTitle: string, height: number, xEncoding: unknown, labelled: boolean) => ({
    title: { text: title, fontSize: 11, fontWeight: "normal" },
    width: WIDTH,
    height,
    layer: [
      { data: { values }, mark: { type: "area", color: COLOURS.band, opacity: 0.18, interpolate: "step-after" }, encoding: { x: xEncoding, y: { field: `${prefix}5`, type: "quantitative", title: yTitle }, y2: { field: `${prefix}95` } } },
      { data: { values }, mark: { type: "area", color: COLOURS.band, opacity: 0.38, interpolate: "step-after" }, encoding: { x: xEncoding, y: { field: `${prefix}25`, type: "quantitative" }, y2: { field: `${prefix}75` } } },
      { data: { values }, mark: { type: "line", color: "#003f66", strokeWidth: 1.6, interpolate: "step-after" }, encoding: { x: xEncoding, y: { field: `${prefix}50`, type: "quantitative" } } },
      ...eventLayers(marks, labelled),
    ],
  });
  return {
    id: slug("fan", country, commodity),
    title: `${country} ${commodity}: share of demand unmet and stock, over ${replicates} replicates`,
    description: `Fan chart for ${commodity} in ${country}: the median share of demand unmet per period, with the 25 to 75 and 5 to 95 percentile bands over the replicates; beneath, the stock held the same way.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      vconcat: [fan("s", "Share of demand unmet, % (median line; 25-75 and 5-95 percentile bands)", "% of demand", 160, xBare, true), fan("k", "Stock at the period's end, t (inventory and stockpile)", "t", 90, x, false)],
      spacing: 10,
    } as never,
    table: {
      columns: ["period from", "unmet % p5", "p25", "median", "p75", "p95", "stock t p5", "p25", "median", "p75", "p95", "share of replicates short"],
      rows: rows.map((r) => [r.date, ...r.shortfallShare.map((v) => formatNumber(v * 100, 2)), ...r.stockTonnes.map((v) => formatNumber(v, 1)), formatNumber(r.pShort, 3)]),
      numeric: [false, ...Array<boolean>(11).fill(true)],
      caption: `${country} ${commodity}, one row per period`,
    },
  };
}
