import type { Timeline } from "./timeline.js";
/** A day counts as short when more than this share of its demand went unmet. */
export declare const SHORT_DAY_SHARE = 0.000001;
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
    /** Day a reserve serving this market first ran down to its floor (ISO), or null. */
    readonly stockpileEmptyDate: string | null;
    /** First day without shortfall after the last short day (ISO); null if never short or still short at the end. */
    readonly recoveryDate: string | null;
}
/**
 * Computes KPIs for every reported series with demand. `stockpileEmptyDay[s]` is the
 * simulation day a reserve serving series s first hit its floor, or -1.
 */
export declare function summarizeShortfalls(timeline: Timeline, stockpileEmptyDay: readonly number[]): ShortfallKpi[];
