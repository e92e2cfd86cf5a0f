/**
 * Monthly flows of a run, for checks against published trade statistics (which come by calendar
 * month and as year-on-year changes, not by day).
 *
 *     const run = simulate(loadScenario(file), { seed });
 *     const months = monthlyExports(run.timeline, "CN", "natural-graphite"); // "2024-01" -> t
 *     const yoy = yearOnYear(months);                                         // "2024-01" -> -0.78
 *     const janFeb = windowYearOnYear(months, "2024-01", "2024-02");          // combined change
 *
 * Only whole calendar months are returned: a month the timeline covers in part (the first or last
 * of the run) is left out, so that it is never compared with a whole one.
 */
import type { TimelineColumn } from "../../src/index.js";

/** What these helpers read of a run's timeline (a `Timeline` satisfies it). */
export interface MonthlyTimeline {
  readonly startEpochDay: number;
  readonly dayCount: number;
  readonly series: readonly { readonly country: string; readonly commodity: string }[];
  readonly columns: Readonly<Record<TimelineColumn, Float64Array>>;
}

/** One year's shipments on one route (a run's `trade` rows satisfy it). */
export interface AnnualRouteFlow {
  readonly year: number;
  readonly exporter: string;
  readonly importer: string;
  readonly commodity: string;
  readonly tonnes: number;
}

const MS_PER_DAY = 86_400_000;

/** "YYYY-MM" of an epoch day. */
export function monthOfEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 7);
}

/** Number of days in the month "YYYY-MM". */
export function daysInMonth(month: string): number {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** The month "YYYY-MM" shifted by `delta` months (negative: earlier). */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(year, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** The months from `first` to `last` inclusive, "YYYY-MM" each. */
export function monthRange(first: string, last: string): string[] {
  if (last < first) throw new Error(`month range ${first}..${last} is empty`);
  const months: string[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

/** Index of the (country, commodity) series; throws when the world has no such market. */
export function seriesIndex(timeline: MonthlyTimeline, country: string, commodity: string): number {
  const s = timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  if (s < 0) throw new Error(`the timeline has no market ${country}/${commodity}`);
  return s;
}

/**
 * Tonnes of `column` (a daily flow: exports_t, imports_t, production_t, ...) summed per whole
 * calendar month for one market, in calendar order: "YYYY-MM" -> tonnes.
 */
export function monthlyFlow(timeline: MonthlyTimeline, column: TimelineColumn, country: string, commodity: string): Map<string, number> {
  const s = seriesIndex(timeline, country, commodity);
  const stride = timeline.series.length;
  const data = timeline.columns[column];
  const totals = new Map<string, number>();
  const days = new Map<string, number>();
  for (let day = 0; day < timeline.dayCount; day++) {
    const month = monthOfEpochDay(timeline.startEpochDay + day);
    totals.set(month, (totals.get(month) ?? 0) + data[day * stride + s]);
    days.set(month, (days.get(month) ?? 0) + 1);
  }
  const whole = new Map<string, number>();
  for (const [month, tonnes] of totals) if (days.get(month) === daysInMonth(month)) whole.set(month, tonnes);
  return whole;
}

/** Tonnes `country` exported of `commodity` per whole calendar month: "YYYY-MM" -> tonnes. */
export function monthlyExports(timeline: MonthlyTimeline, country: string, commodity: string): Map<string, number> {
  return monthlyFlow(timeline, "exports_t", country, commodity);
}

/**
 * Year-on-year change per month (a fraction: -0.78 is -78%) for every month whose month a year
 * earlier is also in `monthly` and was not zero.
 */
export function yearOnYear(monthly: ReadonlyMap<string, number>): Map<string, number> {
  const changes = new Map<string, number>();
  for (const [month, tonnes] of monthly) {
    const before = monthly.get(shiftMonth(month, -12));
    if (before !== undefined && before > 0) changes.set(month, tonnes / before - 1);
  }
  return changes;
}

/** Sum of `monthly` over the months `first`..`last`; throws if any of them is missing. */
export function windowTotal(monthly: ReadonlyMap<string, number>, first: string, last: string): number {
  let total = 0;
  for (const month of monthRange(first, last)) {
    const tonnes = monthly.get(month);
    if (tonnes === undefined) throw new Error(`month ${month} is not (wholly) in the timeline`);
    total += tonnes;
  }
  return total;
}

/**
 * Combined year-on-year change over the months `first`..`last` (the way trade statistics report
 * "Jan-Feb 2024 vs Jan-Feb 2023"): total over the window over the total a year earlier, minus 1.
 */
export function windowYearOnYear(monthly: ReadonlyMap<string, number>, first: string, last: string): number {
  const now = windowTotal(monthly, first, last);
  const before = windowTotal(monthly, shiftMonth(first, -12), shiftMonth(last, -12));
  if (!(before > 0)) throw new Error(`nothing flowed in ${shiftMonth(first, -12)}..${shiftMonth(last, -12)}`);
  return now / before - 1;
}

/** Tonnes `exporter` shipped of `commodity` per year and importer (from a run's `trade`): year -> importer -> tonnes. */
export function annualRouteExports(trade: readonly AnnualRouteFlow[], exporter: string, commodity: string): Map<number, Map<string, number>> {
  const years = new Map<number, Map<string, number>>();
  for (const f of trade) {
    if (f.exporter !== exporter || f.commodity !== commodity) continue;
    const routes = years.get(f.year) ?? new Map<string, number>();
    routes.set(f.importer, (routes.get(f.importer) ?? 0) + f.tonnes);
    years.set(f.year, routes);
  }
  return years;
}

/** A percentage for messages: -0.781 -> "-78.1%". */
export function percent(change: number): string {
  return `${change >= 0 ? "+" : ""}${(100 * change).toFixed(1)}%`;
}
