/**
 * The one ranking of a sweep's pairs that every view shares (the terminal summary, the report's
 * tables and charts, the headline KPIs of the sensitivity analysis): the pairs with any unmet
 * demand on average, the most unmet tonnes first, ties by country, then commodity.
 */
import type { SeriesStatistics } from "./sweep-statistics.js";

/** Indices into `series` of the pairs with mean unmet tonnes above zero, most first. */
export function seriesByUnmet(series: readonly SeriesStatistics[]): number[] {
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return series
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.kpis.unmetTonnes.mean > 0)
    .sort((a, b) => b.s.kpis.unmetTonnes.mean - a.s.kpis.unmetTonnes.mean || order(a.s.country, b.s.country) || order(a.s.commodity, b.s.commodity))
    .map(({ i }) => i);
}
