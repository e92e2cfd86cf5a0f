/**
 * DailyRecord: what a run remembers of each reported day, at the depth its caller asks for.
 *
 * Always: per market with demand, the shortfall tallies the KPIs are made of (demand and unmet
 * tonnes, days short, first and last short day, peak share short). Optionally: the full daily
 * timeline of every market (a `run`), and per period of a fixed number of days, each demand
 * market's share of demand unmet, whether it was short, and its stock at the period's end (a
 * sweep's bands). Markets hand over days in runs: one partly covered day at a time, or a run
 * of whole days over which every rate held (one call, however long), so that a sweep, which
 * keeps no timeline, does O(1) work per market per event instead of O(days).
 *
 * Tallies are updated by the same calls in every mode, so a run's KPIs and a sweep replicate's
 * are the same numbers to the last bit.
 */
import type { Stockpile } from "./stockpile.js";
import type { Timeline } from "./timeline.js";
import { ROUNDING_SHARE } from "./tolerance.js";

/** A day counts as short when more than this share of its demand went unmet. */
export const SHORT_DAY_SHARE = 1e-6;

/** Per-period figures of the demand markets (a sweep's raw material for bands). */
export interface PeriodRecord {
  /** Days per period; the last period may be shorter. */
  readonly periodDays: number;
  readonly periodCount: number;
  /** Market indices of the demand markets, in the order of the arrays below. */
  readonly markets: readonly number[];
  /** Share of the period's demand unmet: index period * markets.length + slot. */
  readonly shortfallShare: Float64Array;
  /** Commercial plus reserve stock held in the country at the end of the period, tonnes. */
  readonly stockTonnes: Float64Array;
  /** 1 when at least one day of the period was short. */
  readonly isShort: Uint8Array;
}

/** The flows of one day (or of each day of a run of alike days), tonnes. */
export interface DayFlows {
  /** Demand before any response to price. */
  demand: number;
  /** Demand given up in answer to price (price response, substitution and thrifting). */
  givenUp: number;
  consumed: number;
  /** What the defence and the critical civilian class wanted (after the price response). */
  wantedDefence: number;
  wantedCritical: number;
  /** Of `consumed`, what went to the defence and to the critical civilian class. */
  consumedDefence: number;
  consumedCritical: number;
  production: number;
  inputUse: number;
  imports: number;
  exports: number;
}

/** Recording of one run's reported days. */
export class DailyRecord {
  /** Simulation day of the first reported day (the warm-up's length). */
  readonly firstDay: number;
  /** Reported days. */
  readonly dayCount: number;
  readonly timeline: Timeline | undefined;
  readonly periods: PeriodRecord | undefined;
  private readonly stockpiles: readonly Stockpile[];
  /** Hosted stockpile indices by market (their levels count as the market's stock). */
  private readonly hosted: readonly (readonly number[])[];
  // Tallies by market (meaningful for demand markets only).
  readonly demandTonnes: Float64Array;
  readonly unmetTonnes: Float64Array;
  readonly givenUpTonnes: Float64Array;
  readonly defenceUnmetTonnes: Float64Array;
  readonly criticalUnmetTonnes: Float64Array;
  /** Highest price index of a reported day. */
  readonly peakPriceIndex: Float64Array;

  readonly shortDays: Int32Array;
  readonly firstShortDay: Int32Array;
  readonly lastShortDay: Int32Array;
  readonly peakShortShare: Float64Array;
  /** Whether a market saw any demand, stock or flow on a reported day (full timelines only). */
  readonly isActive: Uint8Array;
  /** A market's slot in the period arrays, or -1. */
  private readonly periodSlot: Int32Array;
  private readonly periodDemand: Float64Array;
  private readonly periodUnmet: Float64Array;
  private readonly periodHasShortDay: Uint8Array;

  constructor(options: {
    firstDay: number;
    dayCount: number;
    marketCount: number;
    demandMarkets: readonly number[];
    stockpiles: readonly Stockpile[];
    hosted: readonly (readonly number[])[];
    timeline?: Timeline;
    periodDays?: number;
  }) {
    this.firstDay = options.firstDay;
    this.dayCount = options.dayCount;
    this.timeline = options.timeline;
    this.stockpiles = options.stockpiles;
    this.hosted = options.hosted;
    const n = options.marketCount;
    this.demandTonnes = new Float64Array(n);
    this.unmetTonnes = new Float64Array(n);
    this.givenUpTonnes = new Float64Array(n);
    this.defenceUnmetTonnes = new Float64Array(n);
    this.criticalUnmetTonnes = new Float64Array(n);
    this.peakPriceIndex = new Float64Array(n).fill(1);
    options.timeline?.columns.price_index.fill(1);
    this.shortDays = new Int32Array(n);
    this.firstShortDay = new Int32Array(n).fill(-1);
    this.lastShortDay = new Int32Array(n).fill(-1);
    this.peakShortShare = new Float64Array(n);
    this.isActive = new Uint8Array(n);
    this.periodSlot = new Int32Array(n).fill(-1);
    this.periodDemand = new Float64Array(n);
    this.periodUnmet = new Float64Array(n);
    this.periodHasShortDay = new Uint8Array(n);
    if (options.periodDays !== undefined) {
      const periodDays = options.periodDays;
      const periodCount = Math.ceil(options.dayCount / periodDays);
      const size = periodCount * options.demandMarkets.length;
      options.demandMarkets.forEach((m, slot) => (this.periodSlot[m] = slot));
      this.periods = {
        periodDays,
        periodCount,
        markets: options.demandMarkets,
        shortfallShare: new Float64Array(size),
        stockTonnes: new Float64Array(size),
        isShort: new Uint8Array(size),
      };
    }
  }

  /**
   * Records `count` alike days of market `m` from simulation day `day`, each with `flows`; the
   * market's level was `level` at time `levelTime` and changes by `netRate` a day, so a day d
   * ends with level + netRate * (d + 1 - levelTime). Days outside the reported range are skipped.
   */
  days(m: number, day: number, count: number, flows: DayFlows, level: number, levelTime: number, netRate: number): void {
    let from = Math.max(day, this.firstDay);
    const to = Math.min(day + count, this.firstDay + this.dayCount);
    if (from >= to) return;
    // Unmet is what buyers still wanted (demand less what they gave up) and did not get.
    const wanted = flows.demand - flows.givenUp;
    const shortfall = wanted > flows.consumed ? wanted - flows.consumed : 0;
    const isShort = flows.demand > 0 && shortfall > SHORT_DAY_SHARE * flows.demand;
    const reported = to - from;
    const firstReported = from - this.firstDay;
    const lastReported = to - 1 - this.firstDay;
    // Tallies: one update for the whole run.
    this.demandTonnes[m] += reported * flows.demand;
    this.unmetTonnes[m] += reported * shortfall;
    this.givenUpTonnes[m] += reported * flows.givenUp;
    if (shortfall > 0) {
      // What each class wanted and what it got are in the flows.
      // (Below ROUNDING_SHARE of the day's demand, a difference is the rounding of two integrals.)
      const defenceShort = flows.wantedDefence - flows.consumedDefence;
      const criticalShort = flows.wantedCritical - flows.consumedCritical;
      if (defenceShort > ROUNDING_SHARE * wanted) this.defenceUnmetTonnes[m] += reported * defenceShort;
      if (criticalShort > ROUNDING_SHARE * wanted) this.criticalUnmetTonnes[m] += reported * criticalShort;
    }
    if (isShort) {
      this.shortDays[m] += reported;
      if (this.firstShortDay[m] < 0) this.firstShortDay[m] = firstReported;
      this.lastShortDay[m] = lastReported;
      const share = shortfall / flows.demand;
      if (share > this.peakShortShare[m]) this.peakShortShare[m] = share;
    }
    const timeline = this.timeline;
    if (timeline !== undefined) {
      for (let d = from; d < to; d++) this.writeDay(timeline, m, d - this.firstDay, flows, shortfall, levelAt(level, netRate, d + 1 - levelTime));
    }
    const periods = this.periods;
    const slot = this.periodSlot[m];
    if (periods === undefined || slot < 0) return;
    // Periods: split the run at period ends.
    while (from < to) {
      const reportedDay = from - this.firstDay;
      const periodEnd = Math.min((Math.floor(reportedDay / periods.periodDays) + 1) * periods.periodDays, this.dayCount) + this.firstDay;
      const end = Math.min(to, periodEnd);
      const n = end - from;
      this.periodDemand[m] += n * flows.demand;
      this.periodUnmet[m] += n * shortfall;
      if (isShort) this.periodHasShortDay[m] = 1;
      if (end === periodEnd) this.closePeriod(m, slot, end, levelAt(level, netRate, end - levelTime));
      from = end;
    }
  }

  /**
   * Records market `m`'s price path: the price is `prices[i]` from the start of simulation day
   * `days[i]` until the next step, in time order, and 1 before the first step. The peak is the
   * highest price of a reported day.
   */
  prices(m: number, days: readonly number[], prices: readonly number[]): void {
    if (days.length === 0) return;
    const end = this.firstDay + this.dayCount;
    let peak = -Infinity;
    for (let i = -1; i < days.length; i++) {
      const from = Math.max(i < 0 ? 0 : days[i], this.firstDay);
      const to = Math.min(i + 1 < days.length ? days[i + 1] : end, end);
      if (from >= to) continue;
      const price = i < 0 ? 1 : prices[i];
      if (price > peak) peak = price;
      const timeline = this.timeline;
      if (timeline !== undefined) {
        const column = timeline.columns.price_index;
        const stride = timeline.series.length;
        for (let d = from; d < to; d++) column[(d - this.firstDay) * stride + m] = price;
      }
    }
    this.peakPriceIndex[m] = peak;
  }

  private closePeriod(m: number, slot: number, endDay: number, level: number): void {
    const periods = this.periods as PeriodRecord;
    const p = Math.floor((endDay - 1 - this.firstDay) / periods.periodDays);
    const i = p * periods.markets.length + slot;
    const demand = this.periodDemand[m];
    periods.shortfallShare[i] = demand > 0 ? this.periodUnmet[m] / demand : 0;
    periods.isShort[i] = this.periodHasShortDay[m];
    periods.stockTonnes[i] = level + this.hostedTonnes(m, endDay);
    this.periodDemand[m] = 0;
    this.periodUnmet[m] = 0;
    this.periodHasShortDay[m] = 0;
  }

  private hostedTonnes(m: number, time: number): number {
    const hosted = this.hosted[m];
    let tonnes = 0;
    for (let i = 0; i < hosted.length; i++) tonnes += this.stockpiles[hosted[i]].levelAt(time);
    return tonnes;
  }

  private writeDay(timeline: Timeline, m: number, reportedDay: number, flows: DayFlows, shortfall: number, level: number): void {
    const c = timeline.columns;
    const i = reportedDay * timeline.series.length + m;
    const stockpileTonnes = this.hostedTonnes(m, reportedDay + this.firstDay + 1);
    c.demand_t[i] = flows.demand;
    c.consumed_t[i] = flows.consumed;
    c.shortfall_t[i] = shortfall;
    c.given_up_t[i] = flows.givenUp;
    c.production_t[i] = flows.production;
    c.input_use_t[i] = flows.inputUse;
    c.imports_t[i] = flows.imports;
    c.exports_t[i] = flows.exports;
    c.inventory_t[i] = level;
    c.stockpile_t[i] = stockpileTonnes;
    if (this.isActive[m] === 0 && (flows.demand > 0 || level > 0 || stockpileTonnes > 0 || flows.imports > 0 || flows.exports > 0 || flows.production > 0)) {
      this.isActive[m] = 1;
    }
  }
}

/** The level `days` after a time it was `start`, at `netRate` a day, never below zero. */
function levelAt(start: number, netRate: number, days: number): number {
  const level = start + netRate * days;
  return level > 0 ? level : 0;
}
