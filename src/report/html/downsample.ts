/**
 * Long daily series made short enough to draw and to ship in a report: daily values averaged
 * over periods of whole weeks (one week for up to five years, more beyond), so a chart has at
 * most about 260 points per series whatever the horizon. Averages keep tonnes: a period's mean
 * rate times its days is the tonnes of its days.
 */

/** The most points a series gets. */
const MAX_POINTS = 260;

/** Days per period for a series of `dayCount` days: 1 for short series, else a whole number of weeks. */
export function periodDays(dayCount: number): number {
  if (dayCount <= MAX_POINTS) return 1;
  return 7 * Math.ceil(dayCount / (7 * MAX_POINTS));
}

/** Means of `values` over consecutive periods of `days` days (the last one may be shorter). */
export function periodMeans(values: ArrayLike<number>, days: number): number[] {
  const means: number[] = [];
  for (let from = 0; from < values.length; from += days) {
    const to = Math.min(values.length, from + days);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    means.push(sum / (to - from));
  }
  return means;
}
