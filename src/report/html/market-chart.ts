/**
 * The chart of one country and commodity in a run: demand against consumption, with what
 * went unmet and what buyers gave up in answer to price shaded between them, and the dated
 * events marked; beneath it, on the same time axis, the inventory and stockpile, the price
 * index (when it moved), and the licences pending for the country (when it had any).
 */
import { epochMsFromIso, isoFromEpochDay, type Timeline } from "../../model/index.js";
import { columnDecimals, formatNumber } from "../number-format.js";
import type { ChartDefinition } from "./chart.js";
import { timeAxis } from "./chart.js";
import type { DisplayNames } from "./display-names.js";
import { periodDays, periodMeans } from "./downsample.js";
import { eventLayers, type EventMark } from "./event-markers.js";
import { slug } from "./html.js";
import { COLOURS } from "./palette.js";

/** What the chart of one market draws. */
export interface MarketChartInput {
  readonly timeline: Timeline;
  /** Index into timeline.series. */
  readonly series: number;
  readonly events: readonly EventMark[];
  /** Tonnes pending licences for this country and commodity at each day's end (all exporters), or undefined when none ever were. */
  readonly pendingTonnes: Float64Array | undefined;
  /** The world's names for the country and the commodity. */
  readonly names: DisplayNames;
}

const WIDTH = 720;

/** The chart definition. */
export function marketChart(input: MarketChartInput): ChartDefinition {
  const { timeline, series: s } = input;
  const { country, commodity } = timeline.series[s];
  const days = periodDays(timeline.dayCount);
  const column = (name: Parameters<Timeline["seriesValues"]>[0]) => periodMeans(timeline.seriesValues(name, s), days);
  const demand = column("demand_t");
  const consumed = column("consumed_t");
  const unmet = column("shortfall_t");
  const givenUp = column("given_up_t");
  const inventory = column("inventory_t");
  const stockpile = column("stockpile_t");
  const price = column("price_index");
  const pending = input.pendingTonnes === undefined ? undefined : periodMeans(input.pendingTonnes, days);
  const dates = demand.map((_, p) => isoFromEpochDay(timeline.startEpochDay + p * days));
  const time = (p: number) => epochMsFromIso(dates[p]);
  const start = dates[0];
  const end = isoFromEpochDay(timeline.startEpochDay + timeline.dayCount - 1);
  const x = timeAxis(start, end);
  const xBare = { ...x, title: null, axis: { format: "%b %Y", labelAngle: 0, tickCount: 8, labels: false, ticks: false } };
  const per = days === 1 ? "day" : `${days}-day mean`;

  const bands = dates.flatMap((_, p) => [
    { date: time(p), band: "consumed", low: 0, high: consumed[p] },
    { date: time(p), band: "unmet", low: consumed[p], high: consumed[p] + unmet[p] },
    { date: time(p), band: "given up (price)", low: consumed[p] + unmet[p], high: consumed[p] + unmet[p] + givenUp[p] },
  ]);
  const lines = dates.map((_, p) => ({ date: time(p), band: "demand", value: demand[p] }));
  const colour = {
    field: "band",
    type: "nominal",
    title: null,
    scale: { domain: ["demand", "consumed", "unmet", "given up (price)"], range: [COLOURS.demand, COLOURS.consumed, COLOURS.unmet, COLOURS.givenUp] },
  };
  // Headroom above the highest demand for the events' labels (three rows of them at the top).
  const top = Math.max(...demand, ...bands.map((b) => b.high)) * (input.events.length > 0 ? 1.3 : 1.05) || 1;
  const supplyPanel = {
    title: { text: `Demand and consumption, t/day (${per})`, fontSize: 11, fontWeight: "normal" },
    width: WIDTH,
    height: 170,
    layer: [
      { data: { values: bands }, mark: { type: "area", opacity: 0.85, interpolate: "step-after" }, encoding: { x: xBare, y: { field: "low", type: "quantitative", title: "t/day", scale: { domain: [0, top], nice: false } }, y2: { field: "high" }, color: colour } },
      { data: { values: lines }, mark: { type: "line", strokeWidth: 1.5, interpolate: "step-after" }, encoding: { x: xBare, y: { field: "value", type: "quantitative" }, color: colour } },
      ...eventLayers(input.events, true),
    ],
  };
  const stocks = dates.flatMap((_, p) => [
    { date: time(p), level: "inventory", tonnes: inventory[p] },
    { date: time(p), level: "stockpile", tonnes: stockpile[p] },
  ]);
  const stockPanel = {
    title: { text: "Inventory and stockpile, t", fontSize: 11, fontWeight: "normal" },
    width: WIDTH,
    height: 90,
    layer: [
      {
        data: { values: stocks },
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x: xBare,
          y: { field: "tonnes", type: "quantitative", title: "t" },
          color: { field: "level", type: "nominal", title: null, scale: { domain: ["inventory", "stockpile"], range: [COLOURS.inventory, COLOURS.stockpile] } },
        },
      },
      ...eventLayers(input.events, false),
    ],
  };
  const panels: Record<string, unknown>[] = [supplyPanel, stockPanel];
  const priceMoved = price.some((v) => Math.abs(v - 1) > 1e-9);
  if (priceMoved) {
    panels.push({
      title: { text: "Price index (1 = the scenario's baseline)", fontSize: 11, fontWeight: "normal" },
      width: WIDTH,
      height: 70,
      layer: [
        { data: { values: dates.map((_, p) => ({ date: time(p), price: price[p] })) }, mark: { type: "line", color: COLOURS.price, strokeWidth: 1.5 }, encoding: { x: xBare, y: { field: "price", type: "quantitative", title: "index", scale: { zero: false } } } },
        ...eventLayers(input.events, false),
      ],
    });
  }
  if (pending !== undefined) {
    panels.push({
      title: { text: "Licences pending for this country, t", fontSize: 11, fontWeight: "normal" },
      width: WIDTH,
      height: 70,
      layer: [
        { data: { values: dates.map((_, p) => ({ date: time(p), pending: pending[p] })) }, mark: { type: "area", color: COLOURS.backlog, opacity: 0.6 }, encoding: { x: xBare, y: { field: "pending", type: "quantitative", title: "t" } } },
        ...eventLayers(input.events, false),
      ],
    });
  }
  // The last panel carries the time axis's labels.
  const last = panels[panels.length - 1] as { layer: { encoding: { x: unknown } }[] };
  for (const layer of last.layer) if (layer.encoding.x === xBare) layer.encoding.x = x;

  const columns = ["period from", "demand t/day", "consumed t/day", "unmet t/day", "given up t/day", "inventory t", "stockpile t", ...(priceMoved ? ["price index"] : []), ...(pending ? ["pending t"] : [])];
  // Each column group to three significant digits of its largest figure: a market of a few kilograms a day does not print as zeros.
  const flowDecimals = columnDecimals([...demand, ...consumed, ...unmet, ...givenUp], 2);
  const stockDecimals = columnDecimals([...inventory, ...stockpile], 2);
  const pendingDecimals = pending === undefined ? 1 : columnDecimals(pending, 1);
  const rows = dates.map((date, p) => [
    date,
    ...[demand[p], consumed[p], unmet[p], givenUp[p]].map((v) => formatNumber(v, flowDecimals)),
    ...[inventory[p], stockpile[p]].map((v) => formatNumber(v, stockDecimals)),
    ...(priceMoved ? [formatNumber(price[p], 3)] : []),
    ...(pending ? [formatNumber(pending[p], pendingDecimals)] : []),
  ]);
  const { names } = input;
  return {
    id: slug("market", country, commodity),
    title: `${names.pair(country, commodity)}: demand, consumption and shortfall`,
    description: `${names.commodity(commodity)} in ${names.country(country)}: demand and consumption per day, with unmet demand and demand given up in answer to price shaded between them; inventory and stockpile${priceMoved ? ", the price index" : ""}${pending ? " and licences pending" : ""} beneath, on the same time axis, with the scenario's events marked.`,
    spec: { $schema: "https://vega.github.io/schema/vega-lite/v6.json", vconcat: panels, spacing: 10, resolve: { scale: { color: "independent" } } } as never,
    table: { columns, rows, numeric: columns.map((_, i) => i > 0), caption: `${names.pair(country, commodity)} (${country} ${commodity}), ${per} per row` },
  };
}
