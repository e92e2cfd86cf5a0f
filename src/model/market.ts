/**
 * Market: one country's stock and flows of one commodity, as fluid levels between events.
 *
 * Rates (tonnes per day) are piecewise constant: the rate solver sets them, and `advanceTo`
 * moves the level over the time since the last update in one step (so the path of the world
 * never depends on how much of it is recorded) and hands the days it crosses to the run's
 * DailyRecord. Shipments arrive and leave as discrete lumps through `receive` and `dispatch`.
 */
import type { DailyRecord, DayFlows } from "./daily-record.js";
import { addedShare, mixedShare, removedShare } from "./origin-content.js";
import type { MarketSpec } from "./world-spec.js";

/** A facility's claim on, or contribution to, a market: tonnes per tonne of throughput. */
export interface FacilityLink {
  readonly facility: number;
  readonly tonnesPerTonne: number;
}

/** Runtime state of one (country, commodity) market. */
export class Market {
  readonly index: number;
  readonly country: number;
  readonly commodity: number;
  readonly coverDays: number;
  readonly imports: MarketSpec["imports"];
  readonly demandGrowthPerYear: number;
  /** Facilities producing this commodity in this country. */
  readonly producers: FacilityLink[] = [];
  /** Facilities consuming this commodity in this country. */
  readonly consumers: FacilityLink[] = [];
  /** Stockpiles that can release into this market (hosted here or shared with this country). */
  readonly stockpiles: number[] = [];
  /** For each entry of `stockpiles`, this market's slot in that reserve's member list. */
  readonly stockpileSlots: number[] = [];
  /** Stockpiles hosted in this country for this commodity (their level is reported here). */
  readonly hostedStockpiles: number[] = [];

  /** Commercial inventory, tonnes, as of `lastTime`. */
  level: number;
  lastTime = 0;

  /** Demand at the start date before growth and demand-change events, tonnes/day. */
  readonly baseDemandTonnesPerDay: number;
  /** Shares of final demand in the defence and critical classes (served first, in that order); set by Demand. */
  defenceShare: number;
  criticalShare: number;

  // Demand, set by the Demand module: before any response to price (what `demand_t` reports),
  // and what buyers want now (after price response and substitution; what the solver serves).
  grossDemandRate = 0;
  demandRate = 0;
  /**
   * Price index (1 = the scenario's baseline), set on the market response's clock, which also
   * logs its steps for the record (a price step moves no level, so it never advances the market).
   */
  priceIndex = 1;

  // Rates in tonnes per day, set by the rate solver.
  consumedRate = 0;
  /** Of `consumedRate`, what the defence and critical classes get (served first). */
  consumedDefenceRate = 0;
  consumedCriticalRate = 0;
  productionRate = 0;
  inputUseRate = 0;
  /** Stockpile releases into this inventory from reserves hosted in this country. */
  releaseInRate = 0;
  /** Releases from reserves hosted abroad, counted as imports. */
  transferInRate = 0;
  /** Releases from reserves hosted here to other members, counted as exports. */
  transferOutRate = 0;
  /** Net change of inventory per day. */
  netRate = 0;
  /** Facility input requested at nominal rates, tonnes/day (for planning orders). */
  nominalInputRate = 0;

  /** Flow totals of the day being accumulated (the open day), tonnes. */
  private readonly today: DayFlows = emptyFlows();
  /** The flows of a whole day at the current rates (reused for every run of whole days). */
  private readonly wholeDay: DayFlows = emptyFlows();

  /** Tonnes shipped abroad since the last ordering round. */
  exportedSinceRound = 0;
  /** Smoothed export rate, tonnes/day: what this market sells on, which it must also buy or make. */
  exportRateEstimate = 0;
  /** Tonnes shipped to this market and not yet arrived. */
  inTransitTonnes = 0;
  /**
   * Tonnes this market expects from licence applications still pending: each application's
   * tonnes times its approval probability, which importers know from the rules and the record.
   */
  expectedFromLicencesTonnes = 0;
  /**
   * Content share of each tracked origin (a controlling exporter) in this stock, by origin
   * slot, and of this market's inflow between events (production, releases), set after each solve.
   */
  readonly content: Float64Array;
  readonly inflowContent: Float64Array;
  /** Id of the pending "runs dry" event, or -1. */
  dryEventId = -1;
  /**
   * Whether it ran out within rounding of an event and counts as dry while a residue of
   * tonnes stays in stock; cleared when stock arrives or production covers its claims.
   */
  isDrained = false;
  /** Time of the pending "runs dry" event. */
  dryEventTime = 0;
  /** The simulation day whose flows are being accumulated. */
  private openDay = 0;
  /** Where its days go; undefined when nothing of it is recorded (no demand and no timeline kept). */
  private record: DailyRecord | undefined;

  constructor(index: number, spec: MarketSpec, origins: number) {
    this.index = index;
    this.country = spec.country;
    this.commodity = spec.commodity;
    this.coverDays = spec.coverDays;
    this.imports = spec.imports;
    this.demandGrowthPerYear = spec.demandGrowthPerYear;
    this.baseDemandTonnesPerDay = spec.demandTonnesPerDay;
    this.defenceShare = spec.priority.defence;
    this.criticalShare = spec.priority.critical;
    this.level = spec.initialInventoryTonnes ?? 0;
    this.content = new Float64Array(origins);
    this.inflowContent = new Float64Array(origins);
  }

  /**
   * Moves the market to time `t` at the current rates: the level in one step, and every day
   * boundary crossed handed to the record (the partly covered open day, then the whole days
   * after it in a single run). Markets are advanced only when something touches them.
   */
  advanceTo(t: number): void {
    const lastTime = this.lastTime;
    if (t <= lastTime) return;
    const record = this.record;
    if (record !== undefined) {
      let from = lastTime;
      if (t >= this.openDay + 1) {
        const boundary = this.openDay + 1;
        this.accumulate(boundary - from);
        record.days(this.index, this.openDay, 1, this.today, this.level, lastTime, this.netRate);
        this.resetDay();
        const wholeDays = Math.floor(t) - boundary;
        if (wholeDays > 0) record.days(this.index, boundary, wholeDays, this.wholeDayFlows(), this.level, lastTime, this.netRate);
        this.openDay = boundary + wholeDays;
        from = this.openDay;
      }
      this.accumulate(t - from);
    }
    const content = this.content;
    if (content.length > 0) {
      const inflow = this.productionRate + this.releaseInRate + this.transferInRate;
      const outflow = this.consumedRate + this.inputUseRate + this.transferOutRate;
      for (let o = 0; o < content.length; o++) content[o] = mixedShare(content[o], this.level, this.inflowContent[o], inflow, outflow, t - lastTime);
    }
    const level = this.level + this.netRate * (t - lastTime);
    // Rounding can leave a hair below zero at the instant a stock runs dry.
    this.level = level > 0 ? level : 0;
    this.lastTime = t;
  }

  private accumulate(dt: number): void {
    const today = this.today;
    today.demand += this.grossDemandRate * dt;
    today.givenUp += (this.grossDemandRate - this.demandRate) * dt;
    today.consumed += this.consumedRate * dt;
    today.consumedDefence += this.consumedDefenceRate * dt;
    today.consumedCritical += this.consumedCriticalRate * dt;
    today.wantedDefence += this.defenceShare * this.demandRate * dt;
    today.wantedCritical += this.criticalShare * this.demandRate * dt;
    today.production += this.productionRate * dt;
    today.inputUse += this.inputUseRate * dt;
    today.imports += this.transferInRate * dt;
    today.exports += this.transferOutRate * dt;
  }

  private wholeDayFlows(): DayFlows {
    const day = this.wholeDay;
    day.demand = this.grossDemandRate;
    day.givenUp = this.grossDemandRate - this.demandRate;
    day.consumed = this.consumedRate;
    day.consumedDefence = this.consumedDefenceRate;
    day.consumedCritical = this.consumedCriticalRate;
    day.wantedDefence = this.defenceShare * this.demandRate;
    day.wantedCritical = this.criticalShare * this.demandRate;
    day.production = this.productionRate;
    day.inputUse = this.inputUseRate;
    day.imports = this.transferInRate;
    day.exports = this.transferOutRate;
    return day;
  }

  /** Where its days go from now on (a market left without a record only moves its level). */
  attachRecord(record: DailyRecord): void {
    this.record = record;
  }

  /** Use at full service: final demand plus facility input at nominal rates, tonnes/day. */
  get useRate(): number {
    return this.demandRate + this.nominalInputRate;
  }

  /** Commercial inventory target, tonnes. */
  get targetTonnes(): number {
    return this.coverDays * this.useRate;
  }

  /** Tonnes this market can sell abroad now without dipping below its own target. */
  get exportableTonnes(): number {
    return Math.max(0, this.level - this.targetTonnes);
  }

  /** Starts a new day: clears the open day's flow totals. */
  private resetDay(): void {
    const today = this.today;
    today.demand = 0;
    today.givenUp = 0;
    today.consumed = 0;
    today.consumedDefence = 0;
    today.consumedCritical = 0;
    today.wantedDefence = 0;
    today.wantedCritical = 0;
    today.production = 0;
    today.inputUse = 0;
    today.imports = 0;
    today.exports = 0;
  }

  /** Adds an arriving shipment (already advanced to now) of the given origin content, by origin slot. */
  receive(tonnes: number, content?: Float64Array): void {
    for (let o = 0; o < this.content.length; o++) this.content[o] = addedShare(this.content[o], this.level, tonnes, content === undefined ? 0 : content[o]);
    this.level += tonnes;
    this.isDrained = false;
    this.today.imports += tonnes;
  }

  /** Adds stock that is not an import (a reserve's release by event) of the given origin content. */
  addStock(tonnes: number, content: Float64Array): void {
    for (let o = 0; o < this.content.length; o++) this.content[o] = addedShare(this.content[o], this.level, tonnes, content[o]);
    this.level += tonnes;
    this.isDrained = false;
  }

  /** Counts cargo landing straight in a reserve it hosts as an import (already advanced to now). */
  countImportIntoReserve(tonnes: number): void {
    this.today.imports += tonnes;
  }

  /**
   * Removes a departing shipment (already advanced to now). `content` is the shipment's own
   * (by default the stock's mix; less of an origin when its tonnes were held back).
   */
  dispatch(tonnes: number, content?: Float64Array): void {
    if (content !== undefined) for (let o = 0; o < this.content.length; o++) this.content[o] = removedShare(this.content[o], this.level, tonnes, content[o]);
    this.level = Math.max(0, this.level - tonnes);
    this.today.exports += tonnes;
    this.exportedSinceRound += tonnes;
  }
}

function emptyFlows(): DayFlows {
  return { demand: 0, givenUp: 0, consumed: 0, wantedDefence: 0, wantedCritical: 0, consumedDefence: 0, consumedCritical: 0, production: 0, inputUse: 0, imports: 0, exports: 0 };
}
