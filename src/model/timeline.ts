/**
 * Timeline: the daily record of every market, stored column by column in typed arrays.
 * Flows are tonnes during the day; levels are tonnes at the end of it; the price index is the
 * one in force during the day (it moves only on the market response's clock, at day boundaries).
 */

/** Column names of the daily record, in output order. */
export const TIMELINE_COLUMNS = [
  "demand_t",
  "consumed_t",
  "shortfall_t",
  "given_up_t",
  "production_t",
  "input_use_t",
  "imports_t",
  "exports_t",
  "inventory_t",
  "stockpile_t",
  "price_index",
] as const;

/** One column name of the daily record. */
export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];

/** The market a timeline series belongs to. */
export interface TimelineSeries {
  readonly country: string;
  readonly commodity: string;
}

/** Daily values per market: `value(column, day, series)`. */
export class Timeline {
  /** Epoch day of day 0. */
  readonly startEpochDay: number;
  readonly dayCount: number;
  /** All markets of the world, in model order. */
  readonly series: readonly TimelineSeries[];
  /** Indices into `series` of markets that saw any demand, stock or flow, sorted by country then commodity. */
  reportedSeries: readonly number[] = [];
  /** Column data: value of (day, series s) at index day * series.length + s. */
  readonly columns: Readonly<Record<TimelineColumn, Float64Array>>;

  constructor(startEpochDay: number, dayCount: number, series: readonly TimelineSeries[]) {
    this.startEpochDay = startEpochDay;
    this.dayCount = dayCount;
    this.series = series;
    const size = dayCount * series.length;
    this.columns = Object.fromEntries(TIMELINE_COLUMNS.map((name) => [name, new Float64Array(size)])) as Record<
      TimelineColumn,
      Float64Array
    >;
  }

  /** The value of `column` on `day` for series `s`. */
  value(column: TimelineColumn, day: number, s: number): number {
    return this.columns[column][day * this.series.length + s];
  }

  /** The first value that is not a finite number, by column, day and series; undefined when all are finite. */
  firstNonFinite(): { column: TimelineColumn; day: number; series: number } | undefined {
    const stride = this.series.length;
    for (const column of TIMELINE_COLUMNS) {
      const data = this.columns[column];
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i])) return { column, day: Math.floor(i / stride), series: i % stride };
      }
    }
    return undefined;
  }

  /** The daily values of one column for series `s`, as a fresh array. */
  seriesValues(column: TimelineColumn, s: number): Float64Array {
    const out = new Float64Array(this.dayCount);
    const stride = this.series.length;
    const data = this.columns[column];
    for (let day = 0; day < this.dayCount; day++) out[day] = data[day * stride + s];
    return out;
  }
}
