/**
 * MonthlySeries: an episode's model series by calendar month, read off a run's daily record: a
 * measure summed over the episode's countries and commodities per whole month, or (a price) its
 * demand-weighted mean, or (a share) over the same measure everywhere. A window's value is its
 * average month, and a series is seen as a change against its baseline or as a share.
 */
import { epochDayOfMonth, monthOfEpochDay, type Timeline, type TimelineColumn, type WorldSpec } from "../../model/index.js";
import type { EpisodeSeries, SeriesMeasure } from "../../scenario/index.js";

const COLUMN: Readonly<Record<SeriesMeasure, TimelineColumn>> = {
  exports: "exports_t",
  imports: "imports_t",
  production: "production_t",
  consumption: "consumed_t",
  demand: "demand_t",
  unmet: "shortfall_t",
  "given-up": "given_up_t",
  price: "price_index",
};

/** The whole calendar months `dayCount` days from `startEpochDay` cover, first and last (last < first when none). */
export function wholeMonths(startEpochDay: number, dayCount: number): { readonly first: number; readonly last: number } {
  const start = startEpochDay;
  const end = start + dayCount; // the day after the last
  const first = monthOfEpochDay(start) + (monthOfEpochDay(start - 1) === monthOfEpochDay(start) ? 1 : 0);
  const last = monthOfEpochDay(end) - 1;
  return { first, last };
}

/** A series' monthly figures: `num[i]` (over `den[i]` when it is a mean or a share) for month `firstMonth + i`. */
export class MonthlySeries {
  readonly firstMonth: number;
  readonly num: Float64Array;
  readonly den: Float64Array | undefined;

  constructor(firstMonth: number, num: Float64Array, den: Float64Array | undefined) {
    this.firstMonth = firstMonth;
    this.num = num;
    this.den = den;
  }

  /** The series' average month over months `first`..`last` (NaN when a month is not covered or the mean has no weight). */
  average(first: number, last: number): number {
    const from = first - this.firstMonth;
    const to = last - this.firstMonth;
    if (from < 0 || to >= this.num.length || to < from) return Number.NaN;
    let num = 0;
    let den = 0;
    for (let i = from; i <= to; i++) {
      num += this.num[i];
      den += this.den === undefined ? 1 : this.den[i];
    }
    return den > 0 ? num / den : Number.NaN;
  }

  /**
   * The series as an episode reads it over a window: the change of its average month against the
   * baseline (`year-before`: the same months a year earlier; a window: that window's average
   * month), or the share itself when the series has no baseline.
   */
  view(series: EpisodeSeries, first: number, last: number, baseline = series.baseline): number {
    const value = this.average(first, last);
    if (baseline === undefined) return value;
    const base = baseline === "year-before" ? this.average(first - 12, last - 12) : this.average(baseline.first, baseline.last);
    return base > 0 ? value / base - 1 : Number.NaN;
  }
}

/** Which markets of `spec` a series sums: its countries (or all but `except`) and commodities. */
function selectedMarkets(spec: WorldSpec, series: EpisodeSeries, everywhere: boolean): number[] {
  const commodities = new Set(series.commodities);
  const countries = series.countries === undefined ? undefined : new Set(series.countries);
  const except = new Set(series.except);
  const out: number[] = [];
  spec.markets.forEach((market, m) => {
    const country = spec.countries[market.country].id;
    if (!commodities.has(spec.commodities[market.commodity].id)) return;
    if (!everywhere && (countries === undefined ? except.has(country) : !countries.has(country))) return;
    out.push(m);
  });
  return out;
}

/**
 * The monthly series of `series` in a run's timeline, over the timeline's whole months. Markets are
 * found in `spec`, the world that ran (its markets are the timeline's series, in order).
 */
export function monthlySeries(timeline: Timeline, spec: WorldSpec, series: EpisodeSeries): MonthlySeries {
  const { first, last } = wholeMonths(timeline.startEpochDay, timeline.dayCount);
  const count = Math.max(0, last - first + 1);
  const stride = timeline.series.length;
  // Day index of each whole month's first day, and (at [count]) of the day after the last.
  const bounds = Array.from({ length: count + 1 }, (_, i) => epochDayOfMonth(first + i) - timeline.startEpochDay);
  const sum = (column: TimelineColumn, markets: readonly number[], weight?: Float64Array): Float64Array => {
    const data = timeline.columns[column];
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      let total = 0;
      for (let day = bounds[i]; day < bounds[i + 1]; day++) {
        for (const m of markets) total += weight === undefined ? data[day * stride + m] : data[day * stride + m] * weight[day * stride + m];
      }
      out[i] = total;
    }
    return out;
  };
  const markets = selectedMarkets(spec, series, false);
  if (series.measure === "price") {
    const demand = timeline.columns.demand_t;
    return new MonthlySeries(first, sum("price_index", markets, demand), sum("demand_t", markets));
  }
  const num = sum(COLUMN[series.measure], markets);
  if (series.per === undefined) return new MonthlySeries(first, num, undefined);
  return new MonthlySeries(first, num, sum(COLUMN[series.per], selectedMarkets(spec, series, true)));
}
