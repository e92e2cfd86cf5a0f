/**
 * Throttling, a mechanism of the market response: producers whose market holds more than
 * `storageDays` of their output cut it to what the market uses and sells (the output they keep
 * is the oversupply signal of its price), and run at capacity again once the stock is below
 * the limit. Sales abroad are what buyers ordered of it over the last ordering rounds, or what
 * it shipped if more (licences granted late), so a supplier whose orders outrun its stock never
 * cuts. Producers a government price floor covers are never cut: the floor's payer takes the
 * glut instead (response/floors.ts). Its state: the share of its producers' output each market
 * keeps.
 */
import type { TradeDesk } from "../trade-desk.js";
import { DUST_TONNES } from "../tolerance.js";
import type { CommodityResponse } from "../world-spec.js";
import type { WorldState } from "../world-state.js";
import type { Floors } from "./floors.js";
import { packLists, type PackedLists } from "./packed-lists.js";

/** Cuts and restores producers' output as their markets' stocks say. */
export class Throttling {
  private readonly state: WorldState;
  /** What each market sells abroad (part of what it must keep making). */
  private readonly trade: TradeDesk;
  /** Share of its producers' output a market keeps (1: no cut), by market. */
  private readonly keptOutput: Float64Array;
  /** Facilities by primary output market (outputs[0]), by market (most markets have none). */
  private readonly producersByMarket: PackedLists;
  /** Government floors: producers they cover are not cut, and the payer takes their glut. */
  private readonly floors: Floors;

  constructor(state: WorldState, trade: TradeDesk, floors: Floors) {
    this.state = state;
    this.trade = trade;
    this.floors = floors;
    this.keptOutput = new Float64Array(state.markets.length).fill(1);
    const producers: number[][] = state.markets.map(() => []);
    for (const facility of state.facilities) {
      const primary = facility.spec.outputs[0];
      if (primary === undefined) continue;
      const market = state.marketAt(facility.spec.country, primary.commodity);
      if (market !== undefined) producers[market.index].push(facility.index);
    }
    this.producersByMarket = packLists(producers);
  }

  /** Share of its producers' output market `m` keeps (1: no cut). */
  keptShare(m: number): number {
    return this.keptOutput[m];
  }

  /**
   * Cuts a market's producers to what it uses and sells while it stores more than its limit
   * (at the current time; an infinite limit never cuts).
   */
  step(m: number, response: CommodityResponse): void {
    const { start, items } = this.producersByMarket;
    const first = start[m];
    const end = start[m + 1];
    if (first === end || !Number.isFinite(response.storageDays)) return;
    const state = this.state;
    const now = state.env.now;
    const market = state.markets[m];
    const level = market.levelAt(now);
    // Uncut producers make at least what the market produces now when they are all it has (no
    // by-product makers): below that many days of it, no cut, and no need to add them up.
    if (this.keptOutput[m] === 1 && end - first === market.producers.length && level <= response.storageDays * market.rates.production) return;
    let potential = 0;
    for (let i = first; i < end; i++) potential += state.facilities[items[i]].unthrottledRate(now) * state.facilities[items[i]].spec.outputs[0].tonnesPerTonne;
    if (potential <= 0) return;
    // What it sells abroad is what its buyers order of it over an ordering round, not only what
    // its stock let it ship: a producer with orders it could not fill has no glut to cut.
    const sales = market.demand.wantedRate + market.rates.nominalInput + Math.max(this.trade.exportRateOf(m), this.trade.orderRateOf(m));
    const kept = level > response.storageDays * potential ? Math.min(1, sales / potential) : 1;
    if (this.floors.hasGuarantee[m] === 1) {
      this.stepGuaranteed(m, kept, level - response.storageDays * potential);
      return;
    }
    if (kept === this.keptOutput[m]) return;
    this.keptOutput[m] = kept;
    for (let i = first; i < end; i++) {
      state.facilities[items[i]].throttle = kept;
      state.refreshFacility(items[i]);
    }
  }

  /**
   * Market `m` has producers a government floor may cover: those covered now run uncut, the
   * others keep `kept` of their output, and while it is glutted the payer takes what it holds
   * beyond its limit (`excess` tonnes). `kept` stays the market's oversupply signal: the price
   * falls as the glut says, and the payer tops the covered producers up to the floor.
   */
  private stepGuaranteed(m: number, kept: number, excess: number): void {
    const state = this.state;
    this.keptOutput[m] = kept;
    let floor = 0;
    const { start, items } = this.producersByMarket;
    for (let i = start[m]; i < start[m + 1]; i++) {
      const f = items[i];
      const guaranteed = this.floors.guaranteed[f];
      if (guaranteed > floor) floor = guaranteed;
      const share = guaranteed > 0 ? 1 : kept;
      if (state.facilities[f].throttle === share) continue;
      state.facilities[f].throttle = share;
      state.refreshFacility(f);
    }
    if (kept < 1 && floor > 0 && excess > DUST_TONNES) this.floors.take(m, excess, floor);
  }
}
