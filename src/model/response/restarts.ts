/**
 * Restarts, a mechanism of the market response: idle capacity (capacity x (1 - utilization))
 * of producers outside the countries that control the commodity restarts once their market's
 * price has stayed above the supply threshold for `restartDays`: all restarted output of a
 * commodity grows by at most `supplyRampPerYear` of the world's output at the start a year,
 * shared in proportion to each producer's idle capacity, and winds down the same way once the
 * price is back at or below the baseline. Its state: how long each producer has seen a high
 * price, and the world's output at the start.
 */
import { DAYS_PER_YEAR } from "../calendar.js";
import type { CommodityResponse, ResponseSpec } from "../world-spec.js";
import type { WorldState } from "../world-state.js";
import type { Floors } from "./floors.js";
import type { Prices } from "./prices.js";
import { freeProducers, primaryMarkets } from "./free-producers.js";

/** Restarts and winds down idle capacity as prices say. */
export class Restarts {
  private readonly state: WorldState;
  private readonly spec: ResponseSpec;
  private readonly prices: Prices;
  /** Floors a producer answers to when its market's price is below them. */
  private readonly floors: Floors;
  /** Facilities that may restart idle capacity, by commodity. */
  private readonly restartable: number[][];
  /** By facility: the market whose price it answers (-1: none). */
  private readonly marketOf: Int32Array;
  /** Time since which the price a facility sees has stayed above the supply threshold (NaN: not above). */
  private readonly highSince: Float64Array;
  /** World output of each commodity at the start, tonnes/day. */
  private readonly worldOutput: Float64Array;
  /** This step's facilities that restart and that wind down, in `up[0 .. upCount)` and `down[0 .. downCount)` (reused). */
  private readonly up: Int32Array;
  private readonly down: Int32Array;

  /** Restarts of `state`'s producers; `controlling` flags the (country, commodity) keys under a control of that country. */
  constructor(state: WorldState, spec: ResponseSpec, prices: Prices, floors: Floors, controlling: Uint8Array) {
    this.state = state;
    this.floors = floors;
    this.spec = spec;
    this.prices = prices;
    const commodities = state.spec.commodities.length;
    this.restartable = freeProducers(state, spec, controlling, (_, facility) => facility.spec.utilization < 1);
    this.marketOf = primaryMarkets(state);
    this.highSince = new Float64Array(state.facilities.length).fill(Number.NaN);
    this.worldOutput = new Float64Array(commodities);
    this.up = new Int32Array(state.facilities.length);
    this.down = new Int32Array(state.facilities.length);
  }

  /** Notes the world's output at the start (facilities' day-0 rates must be set). */
  start(): void {
    for (const facility of this.state.facilities) {
      for (const term of facility.spec.outputs) this.worldOutput[term.commodity] += facility.nominalRate * term.tonnesPerTonne;
    }
  }

  /** Restarts (or winds down) idle capacity of commodity `k` as the prices its producers see say (at the current time). */
  step(k: number, response: CommodityResponse): void {
    if (this.restartable[k].length === 0) return;
    const state = this.state;
    const now = state.env.now;
    const allowance = response.supplyRampPerYear * this.worldOutput[k] * (this.spec.priceStepDays / DAYS_PER_YEAR);
    if (!(allowance > 0)) return;
    const { up, down, highSince } = this;
    let upCount = 0;
    let downCount = 0;
    let idle = 0;
    let restarted = 0;
    for (const f of this.restartable[k]) {
      const facility = state.facilities[f];
      const market = this.marketOf[f];
      const price = this.floors.priceSeenBy(f, market < 0 ? 1 : this.prices.priceOf(market));
      if (price < response.supplyThreshold) highSince[f] = Number.NaN;
      else if (Number.isNaN(highSince[f])) highSince[f] = now;
      const tonnes = facility.spec.capacityTonnesPerDay * facility.spec.outputs[0].tonnesPerTonne;
      if (!Number.isNaN(highSince[f]) && now - highSince[f] >= response.restartDays) {
        const spare = tonnes * (1 - facility.spec.utilization - facility.extraUtilization);
        if (spare > 0) {
          up[upCount++] = f;
          idle += spare;
        }
      } else if (price <= 1 && facility.extraUtilization > 0) {
        down[downCount++] = f;
        restarted += tonnes * facility.extraUtilization;
      }
    }
    // Each moves by the same share of its idle (or restarted) capacity: together at most the allowance.
    const upShare = idle > 0 ? Math.min(1, allowance / idle) : 0;
    for (let i = 0; i < upCount; i++) {
      const facility = state.facilities[up[i]];
      const extra = facility.extraUtilization + upShare * (1 - facility.spec.utilization - facility.extraUtilization);
      facility.extraUtilization = Math.min(1 - facility.spec.utilization, extra);
      state.refreshFacility(up[i]);
    }
    const downShare = restarted > 0 ? Math.min(1, allowance / restarted) : 0;
    for (let i = 0; i < downCount; i++) {
      const facility = state.facilities[down[i]];
      facility.extraUtilization = downShare >= 1 ? 0 : facility.extraUtilization * (1 - downShare);
      state.refreshFacility(down[i]);
    }
  }
}
