/**
 * Investment, a mechanism of the market response (off unless `investmentShare` > 0): a producer
 * outside the controlling countries whose market's price has stayed above the investment
 * threshold for `investmentAfterDays` decides to add `investmentShare` of its nameplate
 * capacity, online `investmentLeadDays` later (years for mines, less for refineries and plants:
 * set per commodity); while the price stays high it decides again every `investmentAfterDays`,
 * up to `investmentMax` in all (decisions made count before their capacity arrives, so a long
 * lead time can overshoot, as real cycles do). Its state: how long each producer has seen a
 * high price, and the capacity it has decided and not yet brought online.
 */
import { Priority } from "../../engine/index.js";
import type { CommodityResponse, ResponseSpec } from "../world-spec.js";
import type { WorldState } from "../world-state.js";
import type { Floors } from "./floors.js";
import type { Prices } from "./prices.js";
import { freeProducers, primaryMarkets } from "./free-producers.js";

/** Decides new capacity as prices say, and brings it online after its lead time. */
export class Investment {
  private readonly state: WorldState;
  private readonly spec: ResponseSpec;
  private readonly prices: Prices;
  /** Floors a producer answers to when its market's price is below them. */
  private readonly floors: Floors;
  /** Producers outside the controlling countries, by commodity (candidates for investment). */
  private readonly investable: number[][];
  /** By facility: the market whose price it answers (-1: none). */
  private readonly marketOf: Int32Array;
  /** Time since which it has stayed above the investment threshold, or the last investment decision (NaN: not above). */
  private readonly investSince: Float64Array;
  /** Capacity share decided and not yet online, by facility. */
  private readonly committed: Float64Array;
  private readonly onCapacityOnline = (f: number): void => this.addCapacity(f);

  /** Investment by `state`'s producers; `controlling` flags the (country, commodity) keys under a control of that country. */
  constructor(state: WorldState, spec: ResponseSpec, prices: Prices, floors: Floors, controlling: Uint8Array) {
    this.state = state;
    this.floors = floors;
    this.spec = spec;
    this.prices = prices;
    this.investable = freeProducers(state, spec, controlling, (response) => response.investmentShare > 0);
    this.marketOf = primaryMarkets(state);
    this.investSince = new Float64Array(state.facilities.length).fill(Number.NaN);
    this.committed = new Float64Array(state.facilities.length);
  }

  /** Decides new capacity of commodity `k` where the price has stayed high long enough (at the current time). */
  step(k: number, response: CommodityResponse): void {
    const state = this.state;
    const now = state.env.now;
    for (const f of this.investable[k]) {
      const market = this.marketOf[f];
      const price = this.floors.priceSeenBy(f, market < 0 ? 1 : this.prices.priceOf(market));
      if (price < response.investmentThreshold) {
        this.investSince[f] = Number.NaN;
        continue;
      }
      if (Number.isNaN(this.investSince[f])) this.investSince[f] = now;
      if (now - this.investSince[f] < response.investmentAfterDays) continue;
      const facility = state.facilities[f];
      const share = Math.min(response.investmentShare, response.investmentMax - facility.addedCapacity - this.committed[f]);
      if (share <= 0) continue;
      this.committed[f] += share;
      this.investSince[f] = now;
      state.env.scheduleAt(now + response.investmentLeadDays, this.onCapacityOnline, f, Priority.EARLY);
    }
  }

  /** The capacity of the earliest decision of facility `f` comes online. */
  private addCapacity(f: number): void {
    const state = this.state;
    const facility = state.facilities[f];
    const response = this.spec.byCommodity[facility.spec.outputs[0].commodity] as CommodityResponse;
    const share = Math.min(response.investmentShare, this.committed[f]);
    this.committed[f] -= share;
    facility.addedCapacity += share;
    if (state.refreshFacility(f)) state.settle();
  }
}
