/**
 * Market: one country's stock and flows of one commodity, as fluid levels between events.
 *
 * Rates (tonnes per day) are piecewise constant: the rate solver sets them, and `advanceTo`
 * integrates level and the day's flow totals over the time since the last update. Shipments
 * arrive and leave as discrete lumps through `receive` and `dispatch`.
 */
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
  /** Whether any demand, stock or flow was ever seen (markets never touched are not reported). */
  isActive = false;

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

  /** Integrates level and today's flows up to time `t` at the current rates. */
  advanceTo(t: number): void {
    const dt = t - this.lastTime;
    if (dt <= 0) return;
    this.lastTime = t;
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
  resetDay(): void {
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
