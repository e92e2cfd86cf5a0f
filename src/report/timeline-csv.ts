/**
 * timeline.csv: one row per day for every reported country and commodity, sorted by
 * country, commodity, then date. Flows are tonnes during the day; levels tonnes at its end.
 */
import { isoFromEpochDay, TIMELINE_COLUMNS, type Timeline } from "../model/index.js";
import { formatNumber } from "./number-format.js";
import { TextBuilder } from "./text-builder.js";

/** The CSV header line's columns, in order. */
export const TIMELINE_CSV_COLUMNS = ["date", "country", "commodity", ...TIMELINE_COLUMNS] as const;

/** Renders the timeline as CSV text (header plus rows, "\n" line ends). */
export function renderTimelineCsv(timeline: Timeline): string {
  const dates = Array.from({ length: timeline.dayCount }, (_, day) => isoFromEpochDay(timeline.startEpochDay + day));
  const columns = TIMELINE_COLUMNS.map((name) => timeline.columns[name]);
  const stride = timeline.series.length;
  const text = new TextBuilder(1 << 20).append(TIMELINE_CSV_COLUMNS.join(",") + "\n");
  // Rates hold for days on end, so a column's value often repeats from one row to the next:
  // reuse its text instead of formatting it again (this loop writes millions of numbers).
  const lastValue = new Float64Array(columns.length).fill(Number.NaN);
  const lastText: string[] = columns.map(() => "");
  for (const s of timeline.reportedSeries) {
    const { country, commodity } = timeline.series[s];
    const prefix = `,${country},${commodity}`;
    for (let day = 0; day < timeline.dayCount; day++) {
      text.append(dates[day]).append(prefix);
      const index = day * stride + s;
      for (let c = 0; c < columns.length; c++) {
        const value = columns[c][index];
        if (value !== lastValue[c]) {
          lastValue[c] = value;
          lastText[c] = formatNumber(value);
        }
        text.append(",").append(lastText[c]);
      }
      text.append("\n");
    }
  }
  return text.toString();
}
