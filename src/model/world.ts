/**
 * World: one run of a resolved world. It wires the parts (demand, facility operations, trade,
 * scripted events, the market response) onto one environment, keeps the calendar (monthly
 * demand growth, daily ramp-ups, the response's price steps, measures' years), runs to the end of
 * the horizon and closes the markets' daily record.
 */
import { Priority, type RandomStreams } from "../engine/index.js";
import { isFirstOfMonth, nextNewYearEpochDay } from "./calendar.js";
import { Demand } from "./demand.js";
import { FacilityOperations } from "./facility-operations.js";
import { MarketResponse } from "./market-response.js";
import { ModelError } from "./model-error.js";
import { ScriptedEvents, type RealizedEvent } from "./scripted-events.js";
import { DailyRecord, type PeriodRecord } from "./daily-record.js";
import { LicenceLog, type LicenceRow } from "./licence-log.js";
import { shortfallKpis, type KpiSeries, type ShortfallKpi } from "./shortfall-kpi.js";
import { Timeline, type TimelineSeries } from "./timeline.js";
import type { TradeFlow } from "./shipping.js";
import { TradeDesk } from "./trade-desk.js";
import { reserveOutcome, type ReserveOutcome } from "./reserve-outcome.js";
import { marketValues } from "./value-kpi.js";
import type { WorldSpec } from "./world-spec.js";
import { WorldState } from "./world-state.js";

/** How much of a run to keep. */
export interface RecordOptions {
  /** Keep the full daily timeline of every market (default true). */
  readonly timeline?: boolean;
  /** Also keep per-period figures of the demand markets, in periods of this many days. */
  readonly periodDays?: number;
  /**
   * The markets whose shortfalls are tallied and reported, in report order (default: those with
   * demand at the start, by country and commodity id). A sweep fixes them from its central world,
   * so that every replicate reports the same rows even where a draw sets a demand to zero.
   */
  readonly demandMarkets?: readonly number[];
}

/** What one run leaves behind. */
export interface RunRecord {
  /** The full daily record, when asked for. */
  readonly timeline: Timeline | undefined;
  /** Per-period figures of the demand markets, when asked for. */
  readonly periods: PeriodRecord | undefined;
  /** KPIs of every market with demand, sorted by country and commodity id. */
  readonly kpis: readonly ShortfallKpi[];
  readonly events: readonly RealizedEvent[];
  /** Tonnes shipped per year and route over the reported period (runs that keep their timeline; else empty). */
  readonly trade: readonly TradeFlow[];
  /** Licensing by day and route (runs that keep their timeline). */
  readonly licences: readonly LicenceRow[] | undefined;
  /** What each reserve released in the reported period, and why one released nothing. */
  readonly reserves: readonly ReserveOutcome[];
  /** Kernel events processed. */
  readonly eventCount: number;
}

/** A world ready to run once. */
export class World {
  private readonly state: WorldState;
  private readonly demand: Demand;
  private readonly response: MarketResponse | undefined;
  private readonly operations: FacilityOperations;
  private readonly trade: TradeDesk;
  private readonly scripted: ScriptedEvents;
  private readonly record: DailyRecord;
  /** Licensing by route and day (runs that keep their timeline). */
  private readonly licenceLog: LicenceLog | undefined;
  /** The markets with demand, in report order (country, then commodity id). */
  private readonly kpiSeries: readonly KpiSeries[];
  /** Days reported (start to end, inclusive). */
  private readonly dayCount: number;
  /** Days simulated in all: warm-up plus reported days. */
  private readonly totalDays: number;
  private readonly warmUpDays: number;
  /** isMonthStart[d] is 1 when simulation day d is the first of a calendar month. */
  private readonly isMonthStart: Uint8Array;
  private readonly onTick = (day: number): void => this.tick(day);
  private readonly onNewYear = (): void => this.startYear();
  private readonly onMeasureStart = (c: number): void => this.state.controls[c].startMeasure(this.state.env.now);
  private hasRun = false;

  constructor(spec: WorldSpec, streams: RandomStreams, options: RecordOptions = {}) {
    if (spec.endEpochDay < spec.startEpochDay) {
      throw new ModelError("bad-horizon", `end (${spec.endEpochDay}) is before start (${spec.startEpochDay})`);
    }
    this.state = new WorldState(spec, streams);
    this.demand = new Demand(this.state, spec.warmUpDays);
    this.operations = new FacilityOperations(this.state);
    const keepTimeline = options.timeline ?? true;
    this.licenceLog = keepTimeline ? new LicenceLog(spec.warmUpDays, spec.endEpochDay - spec.startEpochDay + 1, spec.countries.length, spec.commodities.length) : undefined;
    this.trade = new TradeDesk(this.state, this.licenceLog);
    this.response = spec.response === null ? undefined : new MarketResponse(this.state, this.demand, this.trade, spec.response);
    this.scripted = new ScriptedEvents(this.state, this.operations, this.trade, this.demand);
    if (!(Number.isInteger(spec.warmUpDays) && spec.warmUpDays >= 0)) {
      throw new ModelError("bad-warm-up", `warmUpDays must be a whole number >= 0, got ${spec.warmUpDays}`);
    }
    this.dayCount = spec.endEpochDay - spec.startEpochDay + 1;
    this.warmUpDays = spec.warmUpDays;
    this.totalDays = this.warmUpDays + this.dayCount;
    if (options.periodDays !== undefined && !(Number.isInteger(options.periodDays) && options.periodDays >= 1)) {
      throw new ModelError("bad-period", `periodDays must be a whole number >= 1, got ${options.periodDays}`);
    }
    const series: TimelineSeries[] = this.state.markets.map((m) => ({
      country: spec.countries[m.country].id,
      commodity: spec.commodities[m.commodity].id,
    }));
    const demandMarkets =
      options.demandMarkets ??
      this.state.markets
        .filter((m) => m.baseDemandTonnesPerDay > 0)
        .map((m) => m.index)
        .sort((a, b) => compareIds(series[a], series[b]));
    const tallied = new Set(demandMarkets);
    this.kpiSeries = demandMarkets.map((m) => ({ market: m, ...series[m] }));
    this.record = new DailyRecord({
      firstDay: this.warmUpDays,
      dayCount: this.dayCount,
      marketCount: this.state.markets.length,
      demandMarkets,
      stockpiles: this.state.stockpiles,
      hosted: this.state.markets.map((m) => m.hostedStockpiles),
      timeline: keepTimeline ? new Timeline(spec.startEpochDay, this.dayCount, series) : undefined,
      periodDays: options.periodDays,
    });
    for (const market of this.state.markets) {
      if (keepTimeline || tallied.has(market.index)) market.attachRecord(this.record);
    }
    this.isMonthStart = new Uint8Array(this.totalDays);
    for (let d = 0; d < this.totalDays; d++) this.isMonthStart[d] = isFirstOfMonth(this.state.originEpochDay + d) ? 1 : 0;
  }

  /** Tonnes of origin content shipments took beyond what their stocks held, over every market (0 within rounding: origin is conserved). */
  originImbalanceTonnes(): number {
    let tonnes = 0;
    for (const market of this.state.markets) tonnes += market.originImbalanceTonnes;
    return tonnes;
  }

  /** Runs the whole horizon once and returns the record. */
  run(): RunRecord {
    if (this.hasRun) throw new ModelError("already-run", "a World runs once; build a new one for another run");
    this.hasRun = true;
    const { state } = this;
    const env = state.env;
    this.demand.start();
    this.startYearlyAllowances();
    state.scheduleReleaseWindows();
    state.scheduleEndUseChanges();
    this.operations.start();
    this.response?.start();
    this.trade.start();
    state.markAllDirty();
    state.settle();
    this.response?.accrueFloorCosts(0);
    this.scripted.start(this.totalDays);
    if (this.totalDays > 1) env.scheduleAt(1, this.onTick, 1, Priority.FIRST);
    const newYear = nextNewYearEpochDay(state.originEpochDay) - state.originEpochDay;
    if (newYear < this.totalDays) env.scheduleAt(newYear, this.onNewYear, 0, Priority.FIRST);
    env.run(this.totalDays);
    // Markets record their days as they are advanced: close every day still open.
    state.advanceAll(this.totalDays);
    const record = this.record;
    this.response?.recordPrices(record);
    const stockpileEmptyDay = state.markets.map((market) => {
      let first: number | null = null;
      for (const s of market.stockpiles) {
        const time = state.stockpiles[s].firstEmptyTime;
        if (time < 0) continue;
        const day = Math.floor(time) - this.warmUpDays;
        if (first === null || day < first) first = day;
      }
      return first;
    });
    const kpis = shortfallKpis(record, this.kpiSeries, stockpileEmptyDay, this.state.spec.startEpochDay, marketValues(state, this.response?.floorCostUsd));
    this.checkFinite(kpis);
    const timeline = record.timeline;
    if (timeline !== undefined) {
      timeline.reportedSeries = state.markets
        .filter((m) => record.isActive[m.index] === 1)
        .map((m) => m.index)
        .sort((a, b) => compareIds(timeline.series[a], timeline.series[b]));
    }
    const licences = this.licenceLog?.finish(this.totalDays);
    const reserves = state.stockpiles.map((stockpile) => {
      stockpile.advanceTo(this.totalDays);
      const { spec } = stockpile;
      return reserveOutcome(stockpile, state.spec.countries[spec.country].id, state.spec.commodities[spec.commodity].id, state.releaseHistory(stockpile.index), this.warmUpDays);
    });
    return { timeline, periods: record.periods, kpis, events: this.scripted.realized, trade: this.trade.tradeFlows(), licences, reserves, eventCount: env.eventsRun };
  }

  /** Bounded inputs keep every figure finite; if one is not, say where rather than print "Infinity". */
  private checkFinite(kpis: readonly ShortfallKpi[]): void {
    const bad = kpis.find((k) => !Number.isFinite(k.unmetTonnes) || !Number.isFinite(k.demandTonnes));
    const where = bad === undefined ? undefined : `${bad.country} ${bad.commodity}`;
    const cell = this.record.timeline?.firstNonFinite();
    const what = where ?? (cell === undefined ? undefined : `${cell.column} of ${this.record.timeline?.series[cell.series].country} ${this.record.timeline?.series[cell.series].commodity}`);
    if (what !== undefined) throw new ModelError("non-finite", `${what} is not a finite number: magnitudes in the scenario overflow`);
  }

  /** At the start of `day`: moves demand (on the first of a month), ramp-ups and the market response. */
  private tick(day: number): void {
    const { state } = this;
    // Demand grows in monthly steps (the value due on each month's first day): finer steps
    // change no result that matters and would re-solve every market every day.
    if (this.isMonthStart[day] === 1) this.demand.updateGrowth(day);
    this.operations.updateRamps(day);
    const response = this.response;
    if (response !== undefined && day % response.stepDays === 0) response.step();
    state.settle();
    state.reviewReleaseTriggers();
    this.response?.accrueFloorCosts(day);
    if (day + 1 < this.totalDays) state.env.scheduleAt(day + 1, this.onTick, day + 1, Priority.FIRST);
  }

  /**
   * A measure with a yearly allowance (a quota) in force at the start gets the share of it left
   * in that year; one taking effect later gets it on its effective day (impose events start
   * their measures themselves).
   */
  private startYearlyAllowances(): void {
    for (const control of this.state.controls) {
      if (!control.measure.hasYearlyAllowance) continue;
      const effective = control.effectiveTime;
      if (effective !== null && effective > 0) this.state.env.scheduleAt(effective, this.onMeasureStart, control.index, Priority.FIRST);
      else control.startMeasure(0);
    }
  }

  /** 1 January: the measures of the controls that have taken effect start their year (a quota's tonnes are renewed). */
  private startYear(): void {
    const { state } = this;
    for (const control of state.controls) {
      // A measure not yet in force gets its share when it starts.
      if (control.effectiveTime !== null && control.effectiveTime <= state.env.now) control.measure.startYear();
    }
    const next = nextNewYearEpochDay(state.originEpochDay + state.env.now) - state.originEpochDay;
    if (next < this.totalDays) state.env.scheduleAt(next, this.onNewYear, 0, Priority.FIRST);
  }
}

function compareIds(a: TimelineSeries, b: TimelineSeries): number {
  if (a.country !== b.country) return a.country < b.country ? -1 : 1;
  if (a.commodity !== b.commodity) return a.commodity < b.commodity ? -1 : 1;
  return 0;
}
