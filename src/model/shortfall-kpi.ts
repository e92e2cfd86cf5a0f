/**
 * Shortfall KPIs: for each country and commodity with demand, when it first ran short, how
 * badly (peak share of demand unmet), for how long (days short), how much went unmet, when
 * its reserve ran dry and when it recovered. Built from a run's DailyRecord tallies.
 */
import { isoFromEpochDay } from "./calendar.js";
import type { DailyRecord } from "./daily-record.js";

/** A day counts as short when more than this share of its demand went unmet. */
export const SHORT_DAY_SHARE = 1e-6;

/** Key figures of one country's supply of one commodity over the run. */
export interface ShortfallKpi {
  readonly country: string;
  readonly commodity: string;
  /** First day with unmet demand (ISO), or null. */
  readonly firstShortfallDate: string | null;
  /** Largest share of a day's demand left unmet, 0..1. */
  readonly peakShortfallShare: number;
  /** Days with unmet demand. */
  readonly shortfallDays: number;
  /** Demand that buyers wanted and did not get (physical shortfall), tonnes. */
  readonly unmetTonnes: number;
  /** Demand before any response to price, tonnes. */
  readonly demandTonnes: number;
  /** Demand given up in answer to price (price response, substitution, thrifting), tonnes. */
  readonly givenUpTonnes: number;
  /** Highest price index of a reported day (1 = the baseline). */
  readonly peakPriceIndex: number;
  /** Unmet demand of the defence and of the critical civilian class, tonnes (served first, in that order). */
  readonly defenceUnmetTonnes: number;
  readonly criticalUnmetTonnes: number;
  /** Day a reserve serving this market first ran down to its floor (ISO; before the start if it ran dry in the warm-up), or null. */
  readonly stockpileEmptyDate: string | null;
  /** First day without shortfall after the last short day (ISO); null if never short or still short at the end. */
  readonly recoveryDate: string | null;
}

/** The KPI names, in output order (the columns of replicates.csv after replicate, country, commodity). */
export const KPI_NAMES = [
  "firstShortfallDate",
  "peakShortfallShare",
  "shortfallDays",
  "unmetTonnes",
  "demandTonnes",
  "stockpileEmptyDate",
  "recoveryDate",
  "givenUpTonnes",
  "peakPriceIndex",
  "defenceUnmetTonnes",
  "criticalUnmetTonnes",
] as const;

/** One KPI name. */
export type KpiName = (typeof KPI_NAMES)[number];

/** A demand market to report, with its ids. */
export interface KpiSeries {
  readonly market: number;
  readonly country: string;
  readonly commodity: string;
}

/**
 * The KPIs of each series in `series` (markets with demand, in report order). `stockpileEmptyDay`
 * is, by market, the day (from the start; negative in the warm-up) a reserve serving it first
 * hit its floor, or null; `startEpochDay` dates day 0.
 */
export function shortfallKpis(
  record: DailyRecord,
  series: readonly KpiSeries[],
  stockpileEmptyDay: readonly (number | null)[],
  startEpochDay: number,
): ShortfallKpi[] {
  const dateOf = (day: number) => isoFromEpochDay(startEpochDay + day);
  return series.map(({ market: m, country, commodity }) => {
    const firstShort = record.firstShortDay[m];
    const lastShort = record.lastShortDay[m];
    const emptyDay = stockpileEmptyDay[m];
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
    };
  });
}
