/**
 * Expansion, a mechanism of the market response (off unless `expansionPerYear` > 0): brownfield
 * growth of existing mines, refineries and plants outside the controlling countries (debottlenecking,
 * a second line, a wider pit), as distinct from investment's new mines. Once the price a producer
 * sees has stayed at or above `expansionThreshold` for `expansionAfterDays`, and the producer has no
 * idle capacity left (idle capacity restarts first: nobody builds while lines stand idle), it
 * decides on every step of the response's clock, while the price holds, `expansionPerYear` x
 * (step / year) of its nameplate capacity, each step's decision producing `expansionLeadDays`
 * later; up to `expansionMax` of nameplate in all (decided and online together).
 *
 * So a price held above the threshold from day t brings new capacity online from day
 * t + after + lead (to within a step of the clock), rising by perYear x capacity a year in
 * weekly steps while the price holds. A price that falls back stops new decisions; capacity
 * already decided still arrives (projects under way are finished). New capacity runs at the
 * facility's normal utilization. Its state: how long each producer has seen a high price, and the
 * capacity it has decided and not yet brought online.
 */
import { Priority } from "../../engine/index.js";
import { DAYS_PER_YEAR } from "../calendar.js";
import type { CommodityResponse, ResponseSpec } from "../world-spec.js";
import type { WorldState } from "../world-state.js";
import type { Floors } from "./floors.js";
import type { Prices } from "./prices.js";
import { freeProducers, primaryMarkets } from "./free-producers.js";

/** A facility counts as having no idle capacity once it runs within this share of its nameplate. */
const FULL_SHARE = 1 - 1e-9;

/** Decides brownfield capacity as prices say, and brings it online after its lead time. */
export class Expansion {
  private readonly state: WorldState;
  private readonly spec: ResponseSpec;
  private readonly prices: Prices;
  /** Floors a producer answers to when its market's price is below them. */
  private readonly floors: Floors;
  /** Producers outside the controlling countries whose commodity expands, by commodity. */
  private readonly expandable: number[][];
  /** By facility: the market whose price it answers (-1: none). */
  private readonly marketOf: Int32Array;
  /** Time since which the price a facility sees has stayed at or above the threshold (NaN: not above). */
  private readonly highSince: Float64Array;
  /** Capacity share decided and not yet online, by facility. */
  private readonly committed: Float64Array;
  /** Capacity share brought online by expansion, by facility. */
  private readonly expanded: Float64Array;
  private readonly onCapacityOnline = (f: number): void => this.addCapacity(f);

  /** Expansion by `state`'s producers; `controlling` flags the (country, commodity) keys under a control of that country. */
  constructor(state: WorldState, spec: ResponseSpec, prices: Prices, floors: Floors, controlling: Uint8Array) {
    this.state = state;
    this.floors = floors;
    this.spec = spec;
    this.prices = prices;
    this.expandable = freeProducers(state, spec, controlling, (response) => response.expansionPerYear > 0);
    this.marketOf = primaryMarkets(state);
    this.highSince = new Float64Array(state.facilities.length).fill(Number.NaN);
    this.committed = new Float64Array(state.facilities.length);
    this.expanded = new Float64Array(state.facilities.length);
  }

  /** Decides this step's brownfield capacity of commodity `k` where the price has stayed high long enough (at the current time). */
  step(k: number, response: CommodityResponse): void {
    const list = this.expandable[k];
    if (list.length === 0) return;
    const state = this.state;
    const now = state.env.now;
    const perStep = response.expansionPerYear * (this.spec.priceStepDays / DAYS_PER_YEAR);
    for (const f of list) {
      const market = this.marketOf[f];
      const price = this.floors.priceSeenBy(f, market < 0 ? 1 : this.prices.priceOf(market));
      if (price < response.expansionThreshold) {
        this.highSince[f] = Number.NaN;
        continue;
      }
      if (Number.isNaN(this.highSince[f])) this.highSince[f] = now;
      if (now - this.highSince[f] < response.expansionAfterDays) continue;
      const facility = state.facilities[f];
      if (facility.spec.utilization + facility.extraUtilization < FULL_SHARE) continue;
      const share = Math.min(perStep, response.expansionMax - this.expanded[f] - this.committed[f]);
      if (share <= 0) continue;
      this.committed[f] += share;
      state.env.scheduleAt(now + response.expansionLeadDays, this.onCapacityOnline, f, Priority.EARLY);
    }
  }

  /** The capacity of the earliest decision of facility `f` comes online (every decision but a capped last one is a full step's). */
  private addCapacity(f: number): void {
    const state = this.state;
    const facility = state.facilities[f];
    const response = this.spec.byCommodity[facility.spec.outputs[0].commodity] as CommodityResponse;
    const share = Math.min(response.expansionPerYear * (this.spec.priceStepDays / DAYS_PER_YEAR), this.committed[f]);
    this.committed[f] -= share;
    this.expanded[f] += share;
    facility.addedCapacity += share;
    if (state.refreshFacility(f)) state.settle();
  }
}
