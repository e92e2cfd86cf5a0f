/**
 * Shortfall KPIs: for each country and commodity with demand, when it first ran short, how
 * badly (peak share of demand unmet), for how long (days short), how much went unmet, when
 * its reserve ran dry and when it recovered. Built from a run's DailyRecord tallies.
 */
import { isoFromEpochDay } from "./calendar.js";
import type { DailyRecord } from "./daily-record.js";
import type { KpiFigures } from "./kpi-catalogue.js";

/** Key figures of one country's supply of one commodity over the run (the KPIs of the catalogue, kpi-catalogue.ts). */
export interface ShortfallKpi extends KpiFigures {
  readonly country: string;
  readonly commodity: string;
}

/** A demand market to report, with its ids. */
export interface KpiSeries {
  readonly market: number;
  readonly country: string;
  readonly commodity: string;
}

/** What a market's tonnes are worth and what the reserves it hosts cost (value-kpi.ts). */
export interface MarketValue {
  /** The commodity's reference price, US$ per tonne (0 where it has none). */
  readonly pricePerTonne: number;
  /** Tonnes held at the start in the reserves it hosts. */
  readonly reserveTonnes: number;
  /** What those reserves, and the price floors on this market, cost over the reported period, US$. */
  readonly reserveCost: number;
}

/**
 * The KPIs of each series in `series` (markets with demand, in report order). `stockpileEmptyDay`
 * is, by market, the day (from the start; negative in the warm-up) a reserve serving it first
 * hit its floor, or null; `startEpochDay` dates day 0; `values`, by market, its price and reserves.
 */
export function shortfallKpis(
  record: DailyRecord,
  series: readonly KpiSeries[],
  stockpileEmptyDay: readonly (number | null)[],
  startEpochDay: number,
  values: readonly MarketValue[],
): ShortfallKpi[] {
  const dateOf = (day: number) => isoFromEpochDay(startEpochDay + day);
  return series.map(({ market: m, country, commodity }): ShortfallKpi => {
    const firstShort = record.firstShortDay[m];
    const lastShort = record.lastShortDay[m];
    const emptyDay = stockpileEmptyDay[m];
    const value = values[m];
    return {
      country,
      commodity,
      firstShortfallDate: firstShort < 0 ? null : dateOf(firstShort),
      peakShortfallShare: record.peakShortShare[m],
      shortfallDays: record.shortDays[m],
      unmetTonnes: record.unmetTonnes[m],
      demandTonnes: record.demandTonnes[m],
      stockpileEmptyDate: emptyDay === null ? null : dateOf(emptyDay),
      recoveryDate: lastShort >= 0 && lastShort < record.dayCount - 1 ? dateOf(lastShort + 1) : null,
      givenUpTonnes: record.givenUpTonnes[m],
      peakPriceIndex: record.peakPriceIndex[m],
      defenceUnmetTonnes: record.defenceUnmetTonnes[m],
      criticalUnmetTonnes: record.criticalUnmetTonnes[m],
      unmetValue: record.unmetTonnes[m] * value.pricePerTonne,
      givenUpValue: record.givenUpTonnes[m] * value.pricePerTonne,
      reserveTonnes: value.reserveTonnes,
      reserveCost: value.reserveCost,
    };
  });
}
