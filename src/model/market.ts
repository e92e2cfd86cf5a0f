/**
 * Market: one country's stock and flows of one commodity, as fluid levels between events.
 *
 * Rates (tonnes per day) are piecewise constant: the rate solver sets them, and `advanceTo`
 * integrates level and the day's flow totals over the time since the last update. Shipments
 * arrive and leave as discrete lumps through `receive` and `dispatch`.
 */
import type { Stockpile } from "./stockpile.js";
import type { Timeline } from "./timeline.js";
import type { MarketSpec } from "./world-spec.js";

/** Where a market writes its closed days: the timeline's columns, from simulation day `firstDay`. */
interface MarketLog {
  readonly firstDay: number;
  readonly lastDay: number;
  readonly stride: number;
  readonly stockpiles: readonly Stockpile[];
  readonly demand: Float64Array;
  readonly consumed: Float64Array;
  readonly shortfall: Float64Array;
  readonly production: Float64Array;
  readonly inputUse: Float64Array;
  readonly imports: Float64Array;
  readonly exports: Float64Array;
  readonly inventory: Float64Array;
  readonly stockpile: Float64Array;
}

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
  /** Product of demand-change factors applied so far. */
  demandFactor = 1;

  // Rates in tonnes per day, set by the rate solver.
  demandRate = 0;
  consumedRate = 0;
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
  /** Share of claims served while dry (1 when stock is on hand). */
  servedShare = 1;

  // Flow totals of the current reporting day, tonnes.
  demandToday = 0;
  consumedToday = 0;
  productionToday = 0;
  inputUseToday = 0;
  importsToday = 0;
  exportsToday = 0;

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
  /** Id of the pending "runs dry" event, or -1. */
  dryEventId = -1;
  /** Time of the pending "runs dry" event. */
  dryEventTime = 0;
  /** Whether any demand, stock or flow was ever seen on a reported day (others are not reported). */
  isActive = false;
  /** The simulation day whose flows are being accumulated. */
  private openDay = 0;
  private log: MarketLog | undefined;

  constructor(index: number, spec: MarketSpec) {
    this.index = index;
    this.country = spec.country;
    this.commodity = spec.commodity;
    this.coverDays = spec.coverDays;
    this.imports = spec.imports;
    this.demandGrowthPerYear = spec.demandGrowthPerYear;
    this.baseDemandTonnesPerDay = spec.demandTonnesPerDay;
    this.level = spec.initialInventoryTonnes ?? 0;
  }

  /**
   * Integrates level and flows up to time `t` at the current rates, closing (and recording)
   * every day boundary crossed on the way. Markets are advanced only when something touches
   * them; days in between are written here in one pass.
   */
  advanceTo(t: number): void {
    if (t <= this.lastTime) return;
    while (t >= this.openDay + 1) {
      const boundary = this.openDay + 1;
      this.integrate(boundary - this.lastTime);
      this.lastTime = boundary;
      this.closeDay();
    }
    if (t > this.lastTime) {
      this.integrate(t - this.lastTime);
      this.lastTime = t;
    }
  }

  private integrate(dt: number): void {
    this.level += this.netRate * dt;
    // Rounding can leave a hair below zero at the instant a stock runs dry.
    if (this.level < 0) this.level = 0;
    this.demandToday += this.demandRate * dt;
    this.consumedToday += this.consumedRate * dt;
    this.productionToday += this.productionRate * dt;
    this.inputUseToday += this.inputUseRate * dt;
    this.importsToday += this.transferInRate * dt;
    this.exportsToday += this.transferOutRate * dt;
  }

  /** Where closed days are written: the timeline, from simulation day `firstDay` on. */
  attachLog(timeline: Timeline, firstDay: number, stockpiles: readonly Stockpile[]): void {
    const c = timeline.columns;
    this.log = {
      firstDay,
      lastDay: firstDay + timeline.dayCount - 1,
      stride: timeline.series.length,
      stockpiles,
      demand: c.demand_t,
      consumed: c.consumed_t,
      shortfall: c.shortfall_t,
      production: c.production_t,
      inputUse: c.input_use_t,
      imports: c.imports_t,
      exports: c.exports_t,
      inventory: c.inventory_t,
      stockpile: c.stockpile_t,
    };
  }

  /** Writes the day ending now (at `openDay + 1`) and starts the next one. */
  private closeDay(): void {
    const log = this.log;
    if (log !== undefined && this.openDay >= log.firstDay && this.openDay <= log.lastDay) {
      const boundary = this.openDay + 1;
      let stockpileTonnes = 0;
      for (let i = 0; i < this.hostedStockpiles.length; i++) stockpileTonnes += log.stockpiles[this.hostedStockpiles[i]].levelAt(boundary);
      const i = (this.openDay - log.firstDay) * log.stride + this.index;
      const shortfall = this.demandToday - this.consumedToday;
      log.demand[i] = this.demandToday;
      log.consumed[i] = this.consumedToday;
      log.shortfall[i] = shortfall > 0 ? shortfall : 0;
      log.production[i] = this.productionToday;
      log.inputUse[i] = this.inputUseToday;
      log.imports[i] = this.importsToday;
      log.exports[i] = this.exportsToday;
      log.inventory[i] = this.level;
      log.stockpile[i] = stockpileTonnes;
      if (
        !this.isActive &&
        (this.demandToday > 0 || this.level > 0 || stockpileTonnes > 0 || this.importsToday > 0 || this.exportsToday > 0 || this.productionToday > 0)
      ) {
        this.isActive = true;
      }
    }
    this.resetDay();
    this.openDay++;
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

  /** Starts a new reporting day: clears the day's flow totals. */
  private resetDay(): void {
    this.demandToday = 0;
    this.consumedToday = 0;
    this.productionToday = 0;
    this.inputUseToday = 0;
    this.importsToday = 0;
    this.exportsToday = 0;
  }

  /** Adds an arriving shipment (already advanced to now). */
  receive(tonnes: number): void {
    this.level += tonnes;
    this.importsToday += tonnes;
  }

  /** Removes a departing shipment (already advanced to now). */
  dispatch(tonnes: number): void {
    this.level = Math.max(0, this.level - tonnes);
    this.exportsToday += tonnes;
    this.exportedSinceRound += tonnes;
  }
}
