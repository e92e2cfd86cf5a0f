/**
 * World: one run of a resolved world. It wires the parts (facility operations, trade,
 * scripted events) onto one environment, keeps the daily clock (demand growth, ramp-ups,
 * quota years, the daily record) and runs to the end of the horizon.
 */
import { Priority, type RandomStreams } from "../engine/index.js";
import { nextNewYearEpochDay } from "./calendar.js";
import { FacilityOperations } from "./facility-operations.js";
import { ModelError } from "./model-error.js";
import { ScriptedEvents, type RealizedEvent } from "./scripted-events.js";
import { Timeline, type TimelineSeries } from "./timeline.js";
import { TradeDesk } from "./trade-desk.js";
import type { WorldSpec } from "./world-spec.js";
import { WorldState } from "./world-state.js";

const DAYS_PER_YEAR = 365.25;

/** What one run leaves behind. */
export interface RunRecord {
  readonly timeline: Timeline;
  /** Simulation day a reserve serving each market first hit its floor, or -1 (by market). */
  readonly stockpileEmptyDay: readonly number[];
  readonly events: readonly RealizedEvent[];
  /** Kernel events processed. */
  readonly eventCount: number;
}

/** A world ready to run once. */
export class World {
  private readonly state: WorldState;
  private readonly operations: FacilityOperations;
  private readonly trade: TradeDesk;
  private readonly scripted: ScriptedEvents;
  private readonly timeline: Timeline;
  private readonly dayCount: number;
  private readonly growingMarkets: number[];
  private readonly onTick = (day: number): void => this.tick(day);
  private readonly onNewYear = (): void => this.resetQuotas();
  private hasRun = false;

  constructor(spec: WorldSpec, streams: RandomStreams) {
    if (spec.endEpochDay < spec.startEpochDay) {
      throw new ModelError("bad-horizon", `end (${spec.endEpochDay}) is before start (${spec.startEpochDay})`);
    }
    this.state = new WorldState(spec, streams);
    this.operations = new FacilityOperations(this.state);
    this.trade = new TradeDesk(this.state);
    this.scripted = new ScriptedEvents(this.state, this.operations, this.trade);
    this.dayCount = spec.endEpochDay - spec.startEpochDay + 1;
    const series: TimelineSeries[] = this.state.markets.map((m) => ({
      country: spec.countries[m.country].id,
      commodity: spec.commodities[m.commodity].id,
    }));
    this.timeline = new Timeline(spec.startEpochDay, this.dayCount, series);
    this.growingMarkets = this.state.markets.filter((m) => m.demandGrowthPerYear !== 0).map((m) => m.index);
  }

  /** Runs the whole horizon once and returns the record. */
  run(): RunRecord {
    if (this.hasRun) throw new ModelError("already-run", "a World runs once; build a new one for another run");
    this.hasRun = true;
    const { state } = this;
    const env = state.env;
    for (const market of state.markets) market.demandRate = this.demandOn(market.index, 0);
    this.prorateQuotas();
    this.operations.start();
    this.trade.start();
    state.markAllDirty();
    state.settle();
    this.scripted.start(this.dayCount);
    env.scheduleAt(1, this.onTick, 1, Priority.FIRST);
    const newYear = nextNewYearEpochDay(state.spec.startEpochDay) - state.spec.startEpochDay;
    if (newYear < this.dayCount) env.scheduleAt(newYear, this.onNewYear, 0, Priority.FIRST);
    env.run(this.dayCount + 1);

    const stockpileEmptyDay = state.markets.map((market) => {
      let first = -1;
      for (const s of market.stockpiles) {
        const time = state.stockpiles[s].firstEmptyTime;
        if (time >= 0 && (first < 0 || time < first)) first = Math.floor(time);
      }
      return first;
    });
    this.timeline.reportedSeries = state.markets
      .filter((m) => m.isActive)
      .map((m) => m.index)
      .sort((a, b) => compareIds(this.timeline.series[a], this.timeline.series[b]));
    return { timeline: this.timeline, stockpileEmptyDay, events: this.scripted.realized, eventCount: env.eventsRun };
  }

  private demandOn(m: number, day: number): number {
    const market = this.state.markets[m];
    const growth = market.demandGrowthPerYear === 0 ? 1 : Math.pow(1 + market.demandGrowthPerYear, day / DAYS_PER_YEAR);
    return market.baseDemandTonnesPerDay * market.demandFactor * growth;
  }

  /** At the start of `day`: closes the previous day's record, then moves demand and ramps. */
  private tick(day: number): void {
    const { state } = this;
    state.advanceAll(day);
    this.record(day - 1);
    if (day >= this.dayCount) {
      state.env.stop();
      return;
    }
    for (const m of this.growingMarkets) {
      state.markets[m].demandRate = this.demandOn(m, day);
      state.markGroupDirty(state.groupOfMarket(m));
    }
    this.operations.updateRamps(day);
    state.settle();
    state.env.scheduleAt(day + 1, this.onTick, day + 1, Priority.FIRST);
  }

  private record(day: number): void {
    const { timeline } = this;
    const { markets, stockpiles } = this.state;
    for (const market of markets) {
      const m = market.index;
      let stockpileTonnes = 0;
      for (const s of market.hostedStockpiles) stockpileTonnes += stockpiles[s].level;
      const shortfall = Math.max(0, market.demandToday - market.consumedToday);
      timeline.set("demand_t", day, m, market.demandToday);
      timeline.set("consumed_t", day, m, market.consumedToday);
      timeline.set("shortfall_t", day, m, shortfall);
      timeline.set("production_t", day, m, market.productionToday);
      timeline.set("input_use_t", day, m, market.inputUseToday);
      timeline.set("imports_t", day, m, market.importsToday);
      timeline.set("exports_t", day, m, market.exportsToday);
      timeline.set("inventory_t", day, m, market.level);
      timeline.set("stockpile_t", day, m, stockpileTonnes);
      if (!market.isActive && (market.demandToday > 0 || market.level > 0 || stockpileTonnes > 0 || market.importsToday > 0 || market.exportsToday > 0 || market.productionToday > 0)) {
        market.isActive = true;
      }
      market.demandToday = 0;
      market.consumedToday = 0;
      market.productionToday = 0;
      market.inputUseToday = 0;
      market.importsToday = 0;
      market.exportsToday = 0;
    }
  }

  /** A quota starting mid-year gets the share of its annual tonnes left in that year. */
  private prorateQuotas(): void {
    const start = this.state.spec.startEpochDay;
    const yearShare = (nextNewYearEpochDay(start) - start) / 365;
    for (const control of this.state.controls) {
      if (control.measure.kind === "quota") control.quotaRemainingTonnes = control.measure.tonnesPerYear * Math.min(1, yearShare);
    }
  }

  private resetQuotas(): void {
    const { state } = this;
    for (const control of state.controls) {
      if (control.measure.kind === "quota") control.quotaRemainingTonnes = control.measure.tonnesPerYear;
    }
    const next = nextNewYearEpochDay(state.spec.startEpochDay + state.env.now) - state.spec.startEpochDay;
    if (next < this.dayCount) state.env.scheduleAt(next, this.onNewYear, 0, Priority.FIRST);
  }
}

function compareIds(a: TimelineSeries, b: TimelineSeries): number {
  if (a.country !== b.country) return a.country < b.country ? -1 : 1;
  if (a.commodity !== b.commodity) return a.commodity < b.commodity ? -1 : 1;
  return 0;
}
