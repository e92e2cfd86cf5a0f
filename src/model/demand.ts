/**
 * Demand: the one home of every market's final demand. Gross demand is the scenario's figure
 * x growth (in monthly steps, the value due on each month's first day) x the factors of
 * `demand-change` events; what buyers want is gross demand x the market response's share
 * (price response and substitution; 1 without a response). The market reports gross demand as
 * `demand_t` and the difference as demand given up; the solver serves what buyers want.
 */
import { DAYS_PER_YEAR } from "./calendar.js";
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

  constructor(state: WorldState, figureDay: number) {
    this.state = state;
    this.figureDay = figureDay;
    const n = state.markets.length;
    this.eventFactor = new Float64Array(n).fill(1);
    this.growthFactor = new Float64Array(n).fill(1);
    this.responseShare = new Float64Array(n).fill(1);
    this.growing = state.markets.filter((m) => m.demandGrowthPerYear !== 0).map((m) => m.index);
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

  /** A demand-change event: multiplies gross demand by `factor` from now. */
  scale(m: number, factor: number): void {
    this.eventFactor[m] *= factor;
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
    return this.state.markets[m].baseDemandTonnesPerDay * this.eventFactor[m] * this.growthFactor[m];
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
    market.grossDemandRate = gross;
    market.demandRate = gross * this.responseShare[m];
  }
}
