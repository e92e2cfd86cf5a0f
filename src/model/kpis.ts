/**
 * Shortfall KPIs: for each country and commodity with demand, when it first ran short, how
 * badly (peak share of demand unmet), for how long (days short), how much went unmet, when
 * its reserve ran dry and when it recovered.
 */
import { isoFromEpochDay } from "./calendar.js";
import type { Timeline } from "./timeline.js";

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
  readonly unmetTonnes: number;
  readonly demandTonnes: number;
  /** Day a reserve serving this market first ran down to its floor (ISO; before the start if it ran dry in the warm-up), or null. */
  readonly stockpileEmptyDate: string | null;
  /** First day without shortfall after the last short day (ISO); null if never short or still short at the end. */
  readonly recoveryDate: string | null;
}

/**
 * Computes KPIs for every reported series with demand. `stockpileEmptyDay[s]` is the day
 * (from the start; negative in the warm-up) a reserve serving series s first hit its floor, or null.
 */
export function summarizeShortfalls(timeline: Timeline, stockpileEmptyDay: readonly (number | null)[]): ShortfallKpi[] {
  const kpis: ShortfallKpi[] = [];
  const dateOf = (day: number) => isoFromEpochDay(timeline.startEpochDay + day);
  for (const s of timeline.reportedSeries) {
    let demandTonnes = 0;
    let unmetTonnes = 0;
    let peak = 0;
    let shortDays = 0;
    let firstShort = -1;
    let lastShort = -1;
    const demandColumn = timeline.columns.demand_t;
    const shortfallColumn = timeline.columns.shortfall_t;
    const stride = timeline.series.length;
    for (let day = 0; day < timeline.dayCount; day++) {
      const demand = demandColumn[day * stride + s];
      const shortfall = shortfallColumn[day * stride + s];
      demandTonnes += demand;
      unmetTonnes += shortfall;
      if (demand > 0 && shortfall > SHORT_DAY_SHARE * demand) {
        shortDays++;
        if (firstShort < 0) firstShort = day;
        lastShort = day;
        peak = Math.max(peak, shortfall / demand);
      }
    }
    if (demandTonnes <= 0) continue;
    const emptyDay = stockpileEmptyDay[s];
    kpis.push({
      country: timeline.series[s].country,
      commodity: timeline.series[s].commodity,
      firstShortfallDate: firstShort < 0 ? null : dateOf(firstShort),
      peakShortfallShare: peak,
      shortfallDays: shortDays,
      unmetTonnes,
      demandTonnes,
      stockpileEmptyDate: emptyDay === null ? null : dateOf(emptyDay),
      recoveryDate: lastShort >= 0 && lastShort < timeline.dayCount - 1 ? dateOf(lastShort + 1) : null,
    });
  }
  return kpis;
}
