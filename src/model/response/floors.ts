/**
 * Floors, a mechanism of the market response: price floors in force between their dates, and
 * what they cost over the reported period.
 *
 * - A government floor (the MP Materials-DoD price protection style) covers listed producers:
 *   the price they answer with restarts, expansion and investment is the larger of their
 *   market's and the floor; they are never throttled for want of buyers (throttling leaves
 *   them at full output and the payer takes, at the floor, what their market holds beyond its
 *   storage limit: `take`); and each day the payer tops up the tonnes of it they sell from the
 *   market price to the floor (their output, less what it takes). Tonnes taken leave the market: they are counted, not stored.
 * - A tariff floor (the FORGE reference-price style) holds the member countries' markets at or
 *   above the floor (Prices publishes the larger of the price it would set and the floor); the
 *   members' producers see it as their price, and their buyers pay, each day, the difference
 *   between the floored price and the price the market would have had, on the tonnes they use.
 *
 * Costs accrue at daily resolution (each day at the rates and prices at its start) by market:
 * a government floor's at its covered producers' market, a tariff's at each member market.
 * Its state: which floors are in force (refreshed on the response's clock), the costs, the
 * tonnes taken.
 */
import type { FloorSpec } from "../world-spec.js";
import type { WorldState } from "../world-state.js";

/** The price floors of a run. */
export class Floors {
  private readonly state: WorldState;
  private readonly specs: readonly FloorSpec[];
  /** By facility: the highest floor index in force that it answers to (0: none). */
  readonly signal: Float64Array;
  /** By facility: the highest government floor index in force covering it (0: none): it runs unthrottled. */
  readonly guaranteed: Float64Array;
  /** By market: the highest tariff floor index in force on it (0: none). */
  readonly tariff: Float64Array;
  /** By market: whether any government floor ever covers one of its producers. */
  readonly hasGuarantee: Uint8Array;
  /** By market: US$ the floors in force on it cost over the reported period. */
  readonly costUsd: Float64Array;
  /** By market: tonnes a government payer took from it at the floor (reported period). */
  readonly takenTonnes: Float64Array;
  /** The facilities and markets any floor covers (the daily accrual loops over these only). */
  private readonly coveredFacilities: Int32Array;
  private readonly coveredMarkets: Int32Array;
  /** Each floor's first and last simulation day (last: Infinity when open-ended). */
  private readonly fromDay: Float64Array;
  private readonly untilDay: Float64Array;
  /**
   * Each floor: 1 when in force at the last `update`. The by-facility and by-market figures
   * depend only on which floors are in force, which changes on a floor's first and last days
   * only, so an update finding the same set leaves them as they are (none in force: all 0, as
   * they start).
   */
  private readonly inForce: Uint8Array;

  constructor(state: WorldState, specs: readonly FloorSpec[]) {
    this.state = state;
    this.specs = specs;
    this.signal = new Float64Array(state.facilities.length);
    this.guaranteed = new Float64Array(state.facilities.length);
    this.tariff = new Float64Array(state.markets.length);
    this.hasGuarantee = new Uint8Array(state.markets.length);
    this.costUsd = new Float64Array(state.markets.length);
    this.takenTonnes = new Float64Array(state.markets.length);
    const facilities = new Set<number>();
    const markets = new Set<number>();
    for (const floor of specs) {
      for (const f of floor.facilities) {
        facilities.add(f);
        const market = state.marketAt(state.facilities[f].spec.country, floor.commodity);
        if (floor.paidBy === "government" && market !== undefined) this.hasGuarantee[market.index] = 1;
      }
      for (const c of floor.countries) {
        const market = state.marketAt(c, floor.commodity);
        if (market !== undefined) markets.add(market.index);
      }
    }
    this.coveredFacilities = Int32Array.from([...facilities].sort((a, b) => a - b));
    this.coveredMarkets = Int32Array.from([...markets].sort((a, b) => a - b));
    this.fromDay = Float64Array.from(specs, (s) => s.fromEpochDay - state.originEpochDay);
    this.untilDay = Float64Array.from(specs, (s) => (s.untilEpochDay === null ? Infinity : s.untilEpochDay - state.originEpochDay));
    this.inForce = new Uint8Array(specs.length);
  }

  /** Whether the run has any floor. */
  get isEmpty(): boolean {
    return this.specs.length === 0;
  }

  /** Sets which floors are in force on simulation day `day`. */
  update(day: number): void {
    if (this.specs.length === 0) return;
    let isChanged = false;
    for (let i = 0; i < this.specs.length; i++) {
      const inForce = day < this.fromDay[i] || day > this.untilDay[i] ? 0 : 1;
      if (inForce !== this.inForce[i]) isChanged = true;
      this.inForce[i] = inForce;
    }
    if (!isChanged) return;
    const state = this.state;
    this.signal.fill(0);
    this.guaranteed.fill(0);
    this.tariff.fill(0);
    this.specs.forEach((floor, i) => {
      if (this.inForce[i] === 0) return;
      const index = floor.priceIndex;
      for (const f of floor.facilities) {
        this.signal[f] = Math.max(this.signal[f], index);
        if (floor.paidBy === "government") this.guaranteed[f] = Math.max(this.guaranteed[f], index);
      }
      for (const c of floor.countries) {
        const market = state.marketAt(c, floor.commodity);
        if (market !== undefined) this.tariff[market.index] = Math.max(this.tariff[market.index], index);
      }
    });
  }

  /** The price facility `f` answers to, given its market's `price`. */
  priceSeenBy(f: number, price: number): number {
    return price >= this.signal[f] ? price : this.signal[f];
  }

  /**
   * A government payer takes `tonnes` of market `m`'s stock at the floor `priceIndex` (now);
   * counted when reported. The daily top-up paid on them as output (`accrueDay`) is taken back:
   * the payer tops up what the market buys and pays the whole floor on what it takes.
   */
  take(m: number, tonnes: number, priceIndex: number): void {
    const state = this.state;
    const market = state.markets[m];
    market.advanceTo(state.env.now);
    market.draw(tonnes);
    state.touchMarket(m);
    state.markGroupDirty(state.groupOfMarket(m));
    if (state.env.now < state.spec.warmUpDays) return;
    this.takenTonnes[m] += tonnes;
    const price = state.priceIndex[m];
    const paidAsOutput = price < priceIndex ? priceIndex - price : 0;
    this.costUsd[m] += (priceIndex - paidAsOutput) * this.referencePrice(market.commodity) * tonnes;
  }

  /**
   * Adds day `day`'s cost (at the rates and prices now): the government top-up of each covered
   * producer's output below its floor, and the tariff premium members' buyers pay. `unfloored`
   * is each market's price without a tariff floor.
   */
  accrueDay(day: number, unfloored: Float64Array): void {
    if (this.specs.length === 0 || day < this.state.spec.warmUpDays) return;
    const state = this.state;
    const price = state.priceIndex;
    for (const f of this.coveredFacilities) {
      const floor = this.guaranteed[f];
      if (floor === 0) continue;
      const facility = state.facilities[f];
      const primary = facility.spec.outputs[0];
      const market = state.marketAt(facility.spec.country, primary.commodity);
      if (market === undefined) continue;
      const p = price[market.index];
      if (p >= floor) continue;
      this.costUsd[market.index] += (floor - p) * this.referencePrice(primary.commodity) * facility.throughputRate * primary.tonnesPerTonne;
    }
    for (const m of this.coveredMarkets) {
      if (this.tariff[m] === 0 || price[m] <= unfloored[m]) continue;
      const market = state.markets[m];
      this.costUsd[m] += (price[m] - unfloored[m]) * this.referencePrice(market.commodity) * (market.rates.consumed + market.rates.inputUse);
    }
  }

  private referencePrice(commodity: number): number {
    return this.state.spec.commodities[commodity].referencePriceUsdPerTonne ?? 0;
  }
}
