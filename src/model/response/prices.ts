/**
 * Prices, a mechanism of the market response: the scarcity price index of each market, stepped
 * on the response's clock (never inside a rate solve), and the pure step functions it follows.
 *
 * The index (1 = the scenario's baseline) moves toward a target set by two signals:
 *
 * - Physical cover: the market's cover ratio r, what it holds and has at sea over its cover
 *   target at the demand it would have at the baseline price (the cover its buyers seek rises
 *   while a control they face is expected: front-running; tonnes waiting for licences do not
 *   count, so a licence backlog lowers r). Below target the target price is r^-sensitivity
 *   (half the cover, twice the price at sensitivity 1); at or above target it is 1, and a
 *   producer that has cut output because its stock cannot be stored sees oversupply: r is then
 *   1 / (share of output it keeps).
 * - Expectations (`expected-scarcity.ts`): the supply the market expects over the next
 *   `horizonDays` from the controls it knows of (announced, in force, suspended until a date),
 *   while buyers re-source, as a ratio e of its use; the target it implies is e^-sensitivity.
 *   An announced control so moves prices before it takes effect.
 *
 * The target takes the larger rise and the larger fall of the two (their product when one
 * rises and the other falls), within the response's bounds. A market whose country has no
 * control in force on the commodity never sells at home for less than its customers pay (free
 * trade ties prices together); a control in force cuts the tie, so the controlling exporter's
 * price follows its own balance (a glut at home once its producers cut output, or its own
 * scarcity): a two-tier price. The index closes the gap to its target by 1 - exp(-step / time)
 * a step (in logarithms), with one time rising and another falling back. With demand = base x
 * price^elasticity and a fixed supply, stock stops moving only where demand equals supply, so
 * the price settles where the demand curve says (the cover settles where the target equals
 * that price).
 *
 * Its state: each market's index, this step's targets, and the log of steps for the record.
 */
import type { DailyRecord } from "../daily-record.js";
import type { Market } from "../market.js";
import { ROUNDING_SHARE } from "../tolerance.js";
import type { TradeDesk } from "../trade-desk.js";
import type { CommodityResponse, ResponseSpec } from "../world-spec.js";
import type { WorldState } from "../world-state.js";
import { customersOf, type Customers } from "./customers.js";
import { ExpectedScarcity, useOf } from "./expected-scarcity.js";
import type { Floors } from "./floors.js";
import type { Throttling } from "./throttling.js";

/** The price a market's cover and output cut point to, within the response's bounds. */
export function targetPrice(response: CommodityResponse, coverRatio: number, keptOutputShare: number): number {
  // A kept share within rounding of nothing counts as that much: the ratio stays finite.
  const ratio = coverRatio < 1 ? coverRatio : keptOutputShare < 1 ? 1 / Math.max(keptOutputShare, ROUNDING_SHARE) : 1;
  return priceAtRatio(response, ratio);
}

/**
 * The price a ratio of supply to need points to, ratio^-sensitivity within the response's
 * bounds (at or below 0: the cap). Both signals use it: the cover ratio (through targetPrice)
 * and the expected supply ratio (expected supply over use, 1: nothing expected).
 */
export function priceAtRatio(response: CommodityResponse, ratio: number): number {
  const target = ratio <= 0 ? response.maxPrice : Math.pow(ratio, -response.coverSensitivity);
  return Math.min(response.maxPrice, Math.max(response.minPrice, target));
}

/** The target of two signals: the larger rise times the larger fall (each signal's own target when both move the same way). */
export function combinedTarget(physical: number, expected: number): number {
  return Math.max(1, physical, expected) * Math.min(1, physical, expected);
}

/** The price after one step of `stepDays` toward `target`. */
export function steppedPrice(response: CommodityResponse, price: number, target: number, stepDays: number): number {
  // At the baseline with nothing pulling it away the price stays exactly 1 (log 1 = 0, exp 0 = 1):
  // most markets, most steps, so the logarithms are skipped.
  if (price === 1 && target === 1) return 1;
  const time = target > price ? response.adjustmentDays : response.relaxationDays;
  const pull = time <= 0 ? 1 : 1 - Math.exp(-stepDays / time);
  return Math.exp(Math.log(price) + pull * (Math.log(target) - Math.log(price)));
}

/** The scarcity price index of every market. */
export class Prices {
  private readonly state: WorldState;
  private readonly spec: ResponseSpec;
  /** The cover buyers seek (front-running announced controls). */
  private readonly trade: TradeDesk;
  /** The output producers keep (the oversupply signal). */
  private readonly throttling: Throttling;
  /** Price index by market (1 = the baseline). */
  private readonly index: Float64Array;
  /** Tariff floors, which hold member markets' prices up. */
  private readonly floors: Floors;
  /** Price index by market as it would be without a tariff floor (the index itself where none is in force). */
  readonly unfloored: Float64Array;
  /** Target prices of this step, by market. */
  private readonly targets: Float64Array;
  /** Each market's customers (markets that import from it) and their baseline shares of it. */
  private readonly customers: Customers;
  /** What each market expects the controls it knows of to do to its supply; who controls now. */
  private readonly expectations: ExpectedScarcity;
  /** Each market's use at the baseline price in this step's `aim`, tonnes/day (`useOf`). */
  private readonly use: Float64Array;
  /** Each market's price steps: the day of each and the price from then on. */
  private readonly priceDays: number[][];
  private readonly priceSteps: number[][];

  /** Prices of `state`'s markets. */
  constructor(state: WorldState, spec: ResponseSpec, trade: TradeDesk, throttling: Throttling, floors: Floors) {
    this.state = state;
    this.floors = floors;
    this.spec = spec;
    this.trade = trade;
    this.throttling = throttling;
    const markets = state.markets.length;
    // The run's index, read by release triggers and refills (it starts at 1 everywhere).
    this.index = state.priceIndex;
    this.unfloored = new Float64Array(markets).fill(1);
    this.targets = new Float64Array(markets);
    this.priceDays = Array.from({ length: markets }, () => []);
    this.priceSteps = Array.from({ length: markets }, () => []);
    this.customers = customersOf(state);
    this.expectations = new ExpectedScarcity(state, trade.licences.authorities);
    this.use = new Float64Array(markets);
  }

  /** The price index of market `m` (1 = the baseline). */
  priceOf(m: number): number {
    return this.index[m];
  }

  /** Sets every responding market's target for this step, all from the prices as the last step left them (so market order does not matter). */
  aim(): void {
    const state = this.state;
    const now = state.env.now;
    // Nothing here changes a market's use: worked out once, for the markets and their customers.
    for (let m = 0; m < this.use.length; m++) this.use[m] = useOf(state, m);
    for (const market of state.markets) {
      const response = this.spec.byCommodity[market.commodity];
      if (response === null) continue;
      const m = market.index;
      const use = this.use[m];
      const level = market.levelAt(now);
      // The cover buyers seek now: their own, plus front-running cover while a control they face
      // is expected (the cover counts only with a use to cover).
      const frontRunDays = use > 0 ? this.trade.frontRunDays(market, now) : 0;
      const cover = market.coverDays + frontRunDays;
      // A market that keeps no cover measures scarcity by the share of its use it is served.
      const served = use > 0 ? Math.min(1, (market.rates.consumed + market.rates.inputUse) / use) : 1;
      const ratio = use > 0 && cover > 0 ? (level + market.inTransitTonnes) / (cover * use) : served;
      const physical = targetPrice(response, ratio, this.throttling.keptShare(m));
      const expected = response.horizonDays > 0 ? priceAtRatio(response, this.expectations.supplyRatio(m, now, response.horizonDays)) : 1;
      const own = combinedTarget(physical, expected);
      this.targets[m] = this.expectations.isControlling(m, now) ? own : Math.max(own, this.customersPrice(m));
    }
  }

  /**
   * Steps market `m`'s price toward its target (set by `aim`) and logs a change; returns the new
   * price. A tariff floor in force holds it at or above the floor; the price it would have without
   * one moves on beneath (the tariff's cost to buyers is the gap).
   */
  step(m: number, response: CommodityResponse): number {
    const before = this.index[m];
    const free = steppedPrice(response, this.unfloored[m], this.targets[m], this.spec.priceStepDays);
    this.unfloored[m] = free;
    const floor = this.floors.tariff[m];
    const price = free >= floor ? free : floor;
    if (price !== before) {
      this.index[m] = price;
      this.priceDays[m].push(this.state.env.now);
      this.priceSteps[m].push(price);
    }
    return price;
  }

  /** Hands every market's price path to the record. */
  record(record: DailyRecord): void {
    for (let m = 0; m < this.priceDays.length; m++) record.prices(m, this.priceDays[m], this.priceSteps[m]);
  }

  /**
   * The price a market's customers pay, weighted by what each buys from it now (its share of
   * their use): a seller that may sell abroad freely does not sell at home for less (arbitrage
   * ties the markets of free trade together; 0 without customers).
   */
  private customersPrice(m: number): number {
    const { start, items, shares } = this.customers;
    let total = 0;
    let weighted = 0;
    for (let i = start[m]; i < start[m + 1]; i++) {
      const weight = shares[i] * this.use[items[i]];
      total += weight;
      // What the customer's own market pays, less any tariff it levies on imports.
      weighted += weight * this.unfloored[items[i]];
    }
    return total > 0 ? weighted / total : 0;
  }
}
