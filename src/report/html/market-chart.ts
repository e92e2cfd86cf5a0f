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

/** A price index that never moved more than this from 1 stayed at the baseline: no price panel. */
const PRICE_MOVED = 1e-9;

/** One market's figures per period of the chart: a day, or on long runs a few days' mean. */
interface MarketPeriods {
  /** Days per period, and how a row names it ("day", "7-day mean"). */
  readonly days: number;
  readonly per: string;
  /** The first day of each period. */
  readonly dates: readonly string[];
  /** The time axis's position of period `p`. */
  readonly time: (p: number) => number;
  readonly demand: readonly number[];
  readonly consumed: readonly number[];
  readonly unmet: readonly number[];
  readonly givenUp: readonly number[];
  readonly inventory: readonly number[];
  readonly stockpile: readonly number[];
  readonly price: readonly number[];
  readonly pending: readonly number[] | undefined;
}

/** The time axis: labelled (`x`, under the last panel) and bare (`xBare`, under the others). */
interface TimeAxes {
  readonly x: Record<string, unknown>;
  readonly xBare: Record<string, unknown>;
}

/** The chart definition. */
export function marketChart(input: MarketChartInput): ChartDefinition {
  const { timeline, series: s, names } = input;
  const { country, commodity } = timeline.series[s];
  const m = marketPeriods(input);
  const x = timeAxis(m.dates[0], isoFromEpochDay(timeline.startEpochDay + timeline.dayCount - 1));
  const axes: TimeAxes = { x, xBare: { ...x, title: null, axis: { format: "%b %Y", labelAngle: 0, tickCount: 8, labels: false, ticks: false } } };
  const priceMoved = m.price.some((v) => Math.abs(v - 1) > PRICE_MOVED);
  const panels = [supplyPanel(m, axes, input.events), stockPanel(m, axes, input.events)];
  if (priceMoved) panels.push(pricePanel(m, axes, input.events));
  if (m.pending !== undefined) panels.push(pendingPanel(m, m.pending, axes, input.events));
  // The last panel carries the time axis's labels.
  const last = panels[panels.length - 1] as { layer: { encoding: { x: unknown } }[] };
  for (const layer of last.layer) if (layer.encoding.x === axes.xBare) layer.encoding.x = x;
  const { columns, rows } = marketTable(m, priceMoved);
  return {
    id: slug("market", country, commodity),
    title: `${names.pair(country, commodity)}: demand, consumption and shortfall`,
    description: `${names.commodity(commodity)} in ${names.country(country)}: demand and consumption per day, with unmet demand and demand given up in answer to price shaded between them; inventory and stockpile${priceMoved ? ", the price index" : ""}${m.pending ? " and licences pending" : ""} beneath, on the same time axis, with the scenario's events marked.`,
    spec: { $schema: "https://vega.github.io/schema/vega-lite/v6.json", vconcat: panels, spacing: 10, resolve: { scale: { color: "independent" } } } as never,
    table: { columns, rows, numeric: columns.map((_, i) => i > 0), caption: `${names.pair(country, commodity)} (${country} ${commodity}), ${m.per} per row` },
  };
}

/** The market's timeline columns averaged over the chart's periods. */
function marketPeriods(input: MarketChartInput): MarketPeriods {
  const { timeline, series: s } = input;
  const days = periodDays(timeline.dayCount);
  const column = (name: Parameters<Timeline["seriesValues"]>[0]) => periodMeans(timeline.seriesValues(name, s), days);
  const demand = column("demand_t");
  const dates = demand.map((_, p) => isoFromEpochDay(timeline.startEpochDay + p * days));
  return {
    days,
    per: days === 1 ? "day" : `${days}-day mean`,
    dates,
    time: (p) => epochMsFromIso(dates[p]),
    demand,
    consumed: column("consumed_t"),
    unmet: column("shortfall_t"),
    givenUp: column("given_up_t"),
    inventory: column("inventory_t"),
    stockpile: column("stockpile_t"),
    price: column("price_index"),
    pending: input.pendingTonnes === undefined ? undefined : periodMeans(input.pendingTonnes, days),
  };
}

/** Demand as a line over consumed, unmet and given-up tonnes stacked, with the events labelled. */
function supplyPanel(m: MarketPeriods, { xBare }: TimeAxes, events: readonly EventMark[]): Record<string, unknown> {
  const { dates, time, demand, consumed, unmet, givenUp } = m;
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
  const top = Math.max(...demand, ...bands.map((b) => b.high)) * (events.length > 0 ? 1.3 : 1.05) || 1;
  return {
    title: { text: `Demand and consumption, t/day (${m.per})`, fontSize: 11, fontWeight: "normal" },
    width: WIDTH,
    height: 170,
    layer: [
      { data: { values: bands }, mark: { type: "area", opacity: 0.85, interpolate: "step-after" }, encoding: { x: xBare, y: { field: "low", type: "quantitative", title: "t/day", scale: { domain: [0, top], nice: false } }, y2: { field: "high" }, color: colour } },
      { data: { values: lines }, mark: { type: "line", strokeWidth: 1.5, interpolate: "step-after" }, encoding: { x: xBare, y: { field: "value", type: "quantitative" }, color: colour } },
      ...eventLayers(events, true),
    ],
  };
}

/** Commercial inventory and the stockpile, in tonnes. */
function stockPanel(m: MarketPeriods, { xBare }: TimeAxes, events: readonly EventMark[]): Record<string, unknown> {
  const stocks = m.dates.flatMap((_, p) => [
    { date: m.time(p), level: "inventory", tonnes: m.inventory[p] },
    { date: m.time(p), level: "stockpile", tonnes: m.stockpile[p] },
  ]);
  return {
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
      ...eventLayers(events, false),
    ],
  };
}

/** The price index, when it moved. */
function pricePanel(m: MarketPeriods, { xBare }: TimeAxes, events: readonly EventMark[]): Record<string, unknown> {
  return {
    title: { text: "Price index (1 = the scenario's baseline)", fontSize: 11, fontWeight: "normal" },
    width: WIDTH,
    height: 70,
    layer: [
      { data: { values: m.dates.map((_, p) => ({ date: m.time(p), price: m.price[p] })) }, mark: { type: "line", color: COLOURS.price, strokeWidth: 1.5 }, encoding: { x: xBare, y: { field: "price", type: "quantitative", title: "index", scale: { zero: false } } } },
      ...eventLayers(events, false),
    ],
  };
}

/** Tonnes pending licences for the country, when it had any. */
function pendingPanel(m: MarketPeriods, pending: readonly number[], { xBare }: TimeAxes, events: readonly EventMark[]): Record<string, unknown> {
  return {
    title: { text: "Licences pending for this country, t", fontSize: 11, fontWeight: "normal" },
    width: WIDTH,
    height: 70,
    layer: [
      { data: { values: m.dates.map((_, p) => ({ date: m.time(p), pending: pending[p] })) }, mark: { type: "area", color: COLOURS.backlog, opacity: 0.6 }, encoding: { x: xBare, y: { field: "pending", type: "quantitative", title: "t" } } },
      ...eventLayers(events, false),
    ],
  };
}

/** The chart's figures as a table, a row per period. */
function marketTable(m: MarketPeriods, priceMoved: boolean): { columns: string[]; rows: string[][] } {
  const { demand, consumed, unmet, givenUp, inventory, stockpile, price, pending } = m;
  const columns = ["period from", "demand t/day", "consumed t/day", "unmet t/day", "given up t/day", "inventory t", "stockpile t", ...(priceMoved ? ["price index"] : []), ...(pending ? ["pending t"] : [])];
  // Each column group to three significant digits of its largest figure: a market of a few kilograms a day does not print as zeros.
  const flowDecimals = columnDecimals([...demand, ...consumed, ...unmet, ...givenUp], 2);
  const stockDecimals = columnDecimals([...inventory, ...stockpile], 2);
  const pendingDecimals = pending === undefined ? 1 : columnDecimals(pending, 1);
  const rows = m.dates.map((date, p) => [
    date,
    ...[demand[p], consumed[p], unmet[p], givenUp[p]].map((v) => formatNumber(v, flowDecimals)),
    ...[inventory[p], stockpile[p]].map((v) => formatNumber(v, stockDecimals)),
    ...(priceMoved ? [formatNumber(price[p], 3)] : []),
    ...(pending ? [formatNumber(pending[p], pendingDecimals)] : []),
  ]);
  return { columns, rows };
}
