/**
 * timeline.csv: one row per day for every reported country and commodity, sorted by
 * country, commodity, then date. Flows are tonnes during the day; levels tonnes at its end.
 */
import { isoFromEpochDay, TIMELINE_COLUMNS, type Timeline } from "../model/index.js";
import { formatNumber } from "./number-format.js";

/** The CSV header line's columns, in order. */
export const TIMELINE_CSV_COLUMNS = ["date", "country", "commodity", ...TIMELINE_COLUMNS] as const;

/** Renders the timeline as CSV text (header plus rows, "\n" line ends). */
export function renderTimelineCsv(timeline: Timeline): string {
  const dates = Array.from({ length: timeline.dayCount }, (_, day) => isoFromEpochDay(timeline.startEpochDay + day));
  const lines: string[] = [TIMELINE_CSV_COLUMNS.join(",")];
  for (const s of timeline.reportedSeries) {
    const { country, commodity } = timeline.series[s];
    const prefix = `,${country},${commodity}`;
    for (let day = 0; day < timeline.dayCount; day++) {
      let line = dates[day] + prefix;
      for (const column of TIMELINE_COLUMNS) line += "," + formatNumber(timeline.value(column, day, s));
      lines.push(line);
    }
  }
  return lines.join("\n") + "\n";
}
