/**
 * Headline KPIs: the few numbers a sweep's sensitivity analysis explains. The unmet tonnes of
 * every reported pair summed, then the unmet tonnes of the pairs with the most of them on
 * average (seriesByUnmet's ranking).
 */
import type { MeanKpi } from "../model/index.js";
import { seriesByUnmet } from "./series-by-unmet.js";
import { MEAN_KPIS, type SweepStatistics } from "./sweep-statistics.js";

/** One headline KPI: a KPI of one series, or summed over all of them (series null). */
export interface HeadlineKpi {
  readonly label: string;
  readonly kpi: MeanKpi;
  /** Index into the plan's series, or null for the sum over all series. */
  readonly series: number | null;
}

/** How many single pairs are headlines besides the total. */
export const HEADLINE_PAIRS = 3;

/** The headline KPIs of a sweep's base. */
export function headlineKpis(statistics: SweepStatistics, pairs = HEADLINE_PAIRS): HeadlineKpi[] {
  const series = statistics.alternatives[0].series;
  const worst = seriesByUnmet(series).slice(0, pairs);
  return [{ label: "unmet t, all pairs", kpi: "unmetTonnes", series: null }, ...worst.map((i) => ({ label: `unmet t, ${series[i].country} ${series[i].commodity}`, kpi: "unmetTonnes" as const, series: i }))];
}

/** A headline's value from MEAN_KPIS values laid out as series * MEAN_KPIS.length + k. */
export function headlineValue(headline: HeadlineKpi, values: ArrayLike<number>, seriesCount: number): number {
  const k = MEAN_KPIS.indexOf(headline.kpi);
  if (headline.series !== null) return values[headline.series * MEAN_KPIS.length + k];
  let sum = 0;
  for (let s = 0; s < seriesCount; s++) sum += values[s * MEAN_KPIS.length + k];
  return sum;
}
