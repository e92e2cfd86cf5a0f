/**
 * timeline.csv: one row per day for every reported country and commodity, sorted by
 * country, commodity, then date. Flows are tonnes during the day; levels tonnes at its end.
 */
import { isoFromEpochDay, TIMELINE_COLUMNS, type Timeline } from "../model/index.js";
import { formatNumber } from "./number-format.js";
import { TextBuilder } from "./text-builder.js";

/** The CSV header line's columns, in order. */
export const TIMELINE_CSV_COLUMNS = ["date", "country", "commodity", ...TIMELINE_COLUMNS] as const;

/** Reported series transposed at a time: their columns' values for every day, series by series (a few MB). */
const SERIES_PER_BLOCK = 32;

/** Renders the timeline as CSV text (header plus rows, "\n" line ends). */
export function renderTimelineCsv(timeline: Timeline): string {
  const dayCount = timeline.dayCount;
  const dates = Array.from({ length: dayCount }, (_, day) => isoFromEpochDay(timeline.startEpochDay + day));
  const columns = TIMELINE_COLUMNS.map((name) => timeline.columns[name]);
  const stride = timeline.series.length;
  const reported = timeline.reportedSeries;
  const text = new TextBuilder(1 << 20).append(TIMELINE_CSV_COLUMNS.join(",") + "\n");
  // The timeline holds day after day (all series of a day together); the file goes series after
  // series. Reading it in the file's order jumps a whole day's row per value, which costs more
  // than the writing: a block of series is copied out day by day first, in the timeline's order.
  const block = columns.map(() => new Float64Array(Math.min(SERIES_PER_BLOCK, reported.length) * dayCount));
  // Rates hold for days on end, so a column's value often repeats from one row to the next:
  // reuse its text instead of formatting it again (this loop writes millions of numbers).
  const lastValue = new Float64Array(columns.length).fill(Number.NaN);
  const lastText: string[] = columns.map(() => "");
  for (let first = 0; first < reported.length; first += SERIES_PER_BLOCK) {
    const count = Math.min(SERIES_PER_BLOCK, reported.length - first);
    for (let c = 0; c < columns.length; c++) {
      const from = columns[c];
      const to = block[c];
      for (let day = 0; day < dayCount; day++) {
        const row = day * stride;
        for (let k = 0; k < count; k++) to[k * dayCount + day] = from[row + reported[first + k]];
      }
    }
    for (let k = 0; k < count; k++) {
      const { country, commodity } = timeline.series[reported[first + k]];
      const prefix = `,${country},${commodity}`;
      for (let day = 0; day < dayCount; day++) {
        text.append(dates[day]).append(prefix);
        const index = k * dayCount + day;
        for (let c = 0; c < columns.length; c++) {
          const value = block[c][index];
          if (value !== lastValue[c]) {
            lastValue[c] = value;
            lastText[c] = formatNumber(value);
          }
          text.append(",").append(lastText[c]);
        }
        text.append("\n");
      }
    }
  }
  return text.toString();
}
