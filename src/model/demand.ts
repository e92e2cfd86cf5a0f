/**
 * Demand: the one home of every market's final demand. Gross demand is the scenario's figure
 * x growth (in monthly steps, the value due on each month's first day) x the factors of
 * `demand-change` events (on all of a market's demand, or on one priority class, which then
 * moves the class shares); what buyers want is gross demand x the market response's share
 * (price response and substitution; 1 without a response). The market reports gross demand as
 * `demand_t` and the difference as demand given up; the solver serves what buyers want.
 */
import { DAYS_PER_YEAR } from "./calendar.js";
import { PRIORITY_CLASSES, type PriorityClass, type PriorityShares } from "./world-spec.js";
import type { WorldState } from "./world-state.js";

/** Sets and changes the demand of a run's markets. */
export class Demand {
  private readonly state: WorldState;
  /** Day the scenario's demand figures hold (the reported start; growth runs backwards before it). */
  private readonly figureDay: number;
  /** Product of demand-change factors so far, by market. */
  private readonly eventFactor: Float64Array;
  /** Growth factor in force, by market. */
  private readonly growthFactor: Float64Array;
  /** Share of gross demand buyers want after the market response, by market. */
  private readonly responseShare: Float64Array;
  private readonly growing: readonly number[];
  /** Demand-change factors of each priority class, by market: index m * 3 + class. */
  private readonly classFactor: Float64Array;
  /** Whether any class factor of the market differs from 1 (else the shares are the scenario's, exactly). */
  private readonly hasClassFactor: Uint8Array;
  private readonly baseShares: readonly PriorityShares[];

  constructor(state: WorldState, figureDay: number) {
    this.state = state;
    this.figureDay = figureDay;
    const n = state.markets.length;
    this.eventFactor = new Float64Array(n).fill(1);
    this.growthFactor = new Float64Array(n).fill(1);
    this.responseShare = new Float64Array(n).fill(1);
    this.growing = state.markets.filter((m) => m.demandGrowthPerYear !== 0).map((m) => m.index);
    this.classFactor = new Float64Array(n * PRIORITY_CLASSES.length).fill(1);
    this.hasClassFactor = new Uint8Array(n);
    this.baseShares = state.spec.markets.map((m) => m.priority);
  }

  /** Sets every market's demand for day 0 (before anything is solved). */
  start(): void {
    for (const m of this.growing) this.growthFactor[m] = this.growthOn(m, 0);
    for (const market of this.state.markets) this.apply(market.index);
  }

  /** On the first of a month: moves growing markets to the value due on `day`. */
  updateGrowth(day: number): void {
    for (const m of this.growing) {
      this.growthFactor[m] = this.growthOn(m, day);
      this.change(m);
    }
  }

  /** A demand-change event: multiplies gross demand, or one class's demand, by `factor` from now. */
  scale(m: number, factor: number, priorityClass: PriorityClass | null = null): void {
    if (priorityClass === null) this.eventFactor[m] *= factor;
    else {
      this.classFactor[m * PRIORITY_CLASSES.length + PRIORITY_CLASSES.indexOf(priorityClass)] *= factor;
      this.hasClassFactor[m] = 1;
    }
    this.change(m);
  }

  /** The market response's share of gross demand that buyers want, from now. */
  respond(m: number, share: number): void {
    if (share === this.responseShare[m]) return;
    this.responseShare[m] = share;
    this.change(m);
  }

  /** Gross demand of market `m` as it stands, tonnes/day. */
  grossRate(m: number): number {
    const gross = this.state.markets[m].baseDemandTonnesPerDay * this.eventFactor[m] * this.growthFactor[m];
    return this.hasClassFactor[m] === 1 ? gross * this.classMix(m).total : gross;
  }

  /** Each class's demand relative to the scenario's, weighted by its share: their sum, and the defence and critical parts. */
  private classMix(m: number): { total: number; defence: number; critical: number } {
    const shares = this.baseShares[m];
    const at = m * PRIORITY_CLASSES.length;
    const defence = shares.defence * this.classFactor[at];
    const critical = shares.critical * this.classFactor[at + 1];
    const other = Math.max(0, 1 - shares.defence - shares.critical) * this.classFactor[at + 2];
    return { total: defence + critical + other, defence, critical };
  }

  private growthOn(m: number, day: number): number {
    const years = (day - this.figureDay) / DAYS_PER_YEAR;
    return Math.pow(1 + this.state.markets[m].demandGrowthPerYear, years);
  }

  /** The old rates hold until now; the new ones from now, once the market's group is solved. */
  private change(m: number): void {
    const state = this.state;
    state.markets[m].advanceTo(state.env.now);
    this.apply(m);
    state.markGroupDirty(state.groupOfMarket(m));
  }

  private apply(m: number): void {
    const market = this.state.markets[m];
    const gross = this.grossRate(m);
    market.setDemand(gross, gross * this.responseShare[m]);
    if (this.hasClassFactor[m] === 1) {
      const mix = this.classMix(m);
      market.setClassShares(mix.total > 0 ? mix.defence / mix.total : 0, mix.total > 0 ? mix.critical / mix.total : 0);
    }
  }
}
