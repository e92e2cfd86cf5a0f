/**
 * The ranking of a run's shortfalls that every view of it shares (the terminal table, the HTML
 * report's headline table and its charts): the country-commodity pairs that ran short, the
 * largest share of demand unmet first, ties by country then commodity.
 */
import type { ShortfallKpi } from "../model/index.js";

/** One pair that ran short, with its unmet share of demand. */
export interface RankedShortfall {
  readonly kpi: ShortfallKpi;
  /** Unmet tonnes over demand tonnes. */
  readonly share: number;
}

/** Every pair with unmet demand, worst first. */
export function rankShortfalls(kpis: readonly ShortfallKpi[]): RankedShortfall[] {
  return kpis
    .filter((k) => k.unmetTonnes > 0 && k.firstShortfallDate !== null)
    .map((k) => ({ kpi: k, share: k.unmetTonnes / k.demandTonnes }))
    .sort((a, b) => b.share - a.share || compare(a.kpi.country, b.kpi.country) || compare(a.kpi.commodity, b.kpi.commodity));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
