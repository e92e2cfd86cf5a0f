/**
 * World: one run of a resolved world. It wires the parts (facility operations, trade,
 * scripted events) onto one environment, keeps the daily clock (demand growth, ramp-ups,
 * quota years, the daily record) and runs to the end of the horizon.
 */
import { Priority, type RandomStreams } from "../engine/index.js";
import { isoFromEpochDay, nextNewYearEpochDay } from "./calendar.js";
import { FacilityOperations } from "./facility-operations.js";
import { ModelError } from "./model-error.js";
import { ScriptedEvents, type RealizedEvent } from "./scripted-events.js";
import { Timeline, type TimelineSeries } from "./timeline.js";
import { TradeDesk, type TradeFlow } from "./trade-desk.js";
import type { WorldSpec } from "./world-spec.js";
import { WorldState } from "./world-state.js";

const DAYS_PER_YEAR = 365.25;

/** What one run leaves behind. */
export interface RunRecord {
  readonly timeline: Timeline;
  /** Simulation day a reserve serving each market first hit its floor, or -1 (by market). */
  readonly stockpileEmptyDay: readonly number[];
  readonly events: readonly RealizedEvent[];
  /** Tonnes shipped per year and route over the reported period. */
  readonly trade: readonly TradeFlow[];
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
  /** Days reported (start to end, inclusive). */
  private readonly dayCount: number;
  /** Days simulated in all: warm-up plus reported days. */
  private readonly totalDays: number;
  private readonly warmUpDays: number;
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
    if (!(Number.isInteger(spec.warmUpDays) && spec.warmUpDays >= 0)) {
      throw new ModelError("bad-warm-up", `warmUpDays must be a whole number >= 0, got ${spec.warmUpDays}`);
    }
    this.dayCount = spec.endEpochDay - spec.startEpochDay + 1;
    this.warmUpDays = spec.warmUpDays;
    this.totalDays = this.warmUpDays + this.dayCount;
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
    this.scripted.start(this.totalDays);
    env.scheduleAt(1, this.onTick, 1, Priority.FIRST);
    const newYear = nextNewYearEpochDay(state.originEpochDay) - state.originEpochDay;
    if (newYear < this.totalDays) env.scheduleAt(newYear, this.onNewYear, 0, Priority.FIRST);
    env.run(this.totalDays + 1);

    const stockpileEmptyDay = state.markets.map((market) => {
      let first = -1;
      for (const s of market.stockpiles) {
        const time = state.stockpiles[s].firstEmptyTime;
        const day = Math.floor(time) - this.warmUpDays;
        if (day >= 0 && (first < 0 || day < first)) first = day;
      }
      return first;
    });
    this.timeline.reportedSeries = state.markets
      .filter((m) => m.isActive)
      .map((m) => m.index)
      .sort((a, b) => compareIds(this.timeline.series[a], this.timeline.series[b]));
    return { timeline: this.timeline, stockpileEmptyDay, events: this.scripted.realized, trade: this.trade.tradeFlows(), eventCount: env.eventsRun };
  }

  private isMonthStart(day: number): boolean {
    return isoFromEpochDay(this.state.originEpochDay + day).endsWith("-01");
  }

  private demandOn(m: number, day: number): number {
    const market = this.state.markets[m];
    // Demand figures hold at the reported start; growth runs backwards through the warm-up.
    const years = (day - this.warmUpDays) / DAYS_PER_YEAR;
    const growth = market.demandGrowthPerYear === 0 ? 1 : Math.pow(1 + market.demandGrowthPerYear, years);
    return market.baseDemandTonnesPerDay * market.demandFactor * growth;
  }

  /** At the start of `day`: closes the previous day's record, then moves demand and ramps. */
  private tick(day: number): void {
    const { state } = this;
    state.advanceAll(day);
    this.record(day - 1);
    if (day >= this.totalDays) {
      state.env.stop();
      return;
    }
    // Demand grows in monthly steps (the value due on each month's first day): finer steps
    // change no result that matters and would re-solve every market every day.
    if (this.isMonthStart(day)) {
      for (const m of this.growingMarkets) {
        state.markets[m].demandRate = this.demandOn(m, day);
        state.markGroupDirty(state.groupOfMarket(m));
      }
    }
    this.operations.updateRamps(day);
    state.settle();
    state.env.scheduleAt(day + 1, this.onTick, day + 1, Priority.FIRST);
  }

  /** Closes simulation day `simulationDay`: writes it to the timeline unless it is warm-up, and resets the day's flows. */
  private record(simulationDay: number): void {
    const { markets, stockpiles } = this.state;
    const day = simulationDay - this.warmUpDays;
    if (day < 0) {
      for (const market of markets) market.resetDay();
      return;
    }
    // Inlined column writes: this runs for every market on every day.
    const columns = this.timeline.columns;
    const demand = columns.demand_t;
    const consumed = columns.consumed_t;
    const shortfallColumn = columns.shortfall_t;
    const production = columns.production_t;
    const inputUse = columns.input_use_t;
    const imports = columns.imports_t;
    const exports = columns.exports_t;
    const inventory = columns.inventory_t;
    const stockpile = columns.stockpile_t;
    const base = day * markets.length;
    for (const market of markets) {
      const i = base + market.index;
      let stockpileTonnes = 0;
      for (const s of market.hostedStockpiles) stockpileTonnes += stockpiles[s].level;
      const shortfall = market.demandToday - market.consumedToday;
      demand[i] = market.demandToday;
      consumed[i] = market.consumedToday;
      shortfallColumn[i] = shortfall > 0 ? shortfall : 0;
      production[i] = market.productionToday;
      inputUse[i] = market.inputUseToday;
      imports[i] = market.importsToday;
      exports[i] = market.exportsToday;
      inventory[i] = market.level;
      stockpile[i] = stockpileTonnes;
      if (!market.isActive && (market.demandToday > 0 || market.level > 0 || stockpileTonnes > 0 || market.importsToday > 0 || market.exportsToday > 0 || market.productionToday > 0)) {
        market.isActive = true;
      }
      market.resetDay();
    }
  }

  /** A quota starting mid-year gets the share of its annual tonnes left in that year. */
  private prorateQuotas(): void {
    const origin = this.state.originEpochDay;
    const yearShare = (nextNewYearEpochDay(origin) - origin) / 365;
    for (const control of this.state.controls) {
      if (control.measure.kind === "quota") control.quotaRemainingTonnes = control.measure.tonnesPerYear * Math.min(1, yearShare);
    }
  }

  private resetQuotas(): void {
    const { state } = this;
    for (const control of state.controls) {
      if (control.measure.kind === "quota") control.quotaRemainingTonnes = control.measure.tonnesPerYear;
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
