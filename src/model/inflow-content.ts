/**
 * Inflow content: the origin content of what flows into each market between events, set after
 * every solve. What its facilities make is all of its own country's origin where that is
 * tracked, else the content of their inputs per tonne of output; what reserves release into it
 * has the reserve's content. The market mixes it into its stock as it advances.
 */
import type { Facility } from "./facility.js";
import type { Market } from "./market.js";
import type { RateGroup } from "./rate-solver.js";
import type { Stockpile } from "./stockpile.js";

/** The run state the inflow content is worked out from. */
export interface InflowState {
  readonly markets: readonly Market[];
  readonly facilities: readonly Facility[];
  readonly stockpiles: readonly Stockpile[];
  /** Each country's slot among the tracked origins (-1: not tracked). */
  readonly originSlot: Int32Array;
  readonly originCount: number;
  marketAt(country: number, commodity: number): Market | undefined;
}

/** Sets the inflow content of a group's markets after it is solved. */
export class InflowContent {
  private readonly state: InflowState;
  /** Tonnes of output per tonne of throughput, by facility (for content of what it makes). */
  private readonly facilityOutputTonnes: Float64Array;
  /** The content being worked out, by origin slot (reused). */
  private readonly into: Float64Array;

  constructor(state: InflowState) {
    this.state = state;
    this.facilityOutputTonnes = Float64Array.from(state.facilities, (f) => f.spec.outputs.reduce((sum, t) => sum + t.tonnesPerTonne, 0));
    this.into = new Float64Array(state.originCount);
  }

  /** Hands each market of `group` the content of its inflow at the rates just solved. */
  update(group: RateGroup): void {
    const { markets, facilities, stockpiles, originSlot, originCount: origins } = this.state;
    const into = this.into;
    const groupMarkets = group.markets;
    for (let i = 0; i < groupMarkets.length; i++) {
      const market = markets[groupMarkets[i]];
      const inflow = market.rates.production + market.rates.releaseIn + market.rates.transferIn;
      into.fill(0);
      if (inflow > 0) {
        const own = originSlot[market.country];
        for (let j = 0; j < market.producers.length; j++) {
          const link = market.producers[j];
          const facility = facilities[link.facility];
          const tonnes = facility.throughputRate * link.tonnesPerTonne;
          if (!(tonnes > 0)) continue;
          if (own >= 0) {
            into[own] += tonnes;
            continue;
          }
          const perOutput = 1 / this.facilityOutputTonnes[link.facility];
          for (const input of facility.spec.inputs) {
            const source = this.state.marketAt(market.country, input.commodity) as Market;
            for (let o = 0; o < origins; o++) into[o] += tonnes * Math.min(1, input.tonnesPerTonne * perOutput) * source.content[o];
          }
        }
        for (let j = 0; j < market.stockpiles.length; j++) {
          const stockpile = stockpiles[market.stockpiles[j]];
          const rate = stockpile.releaseRates[market.stockpileSlots[j]];
          if (rate > 0) for (let o = 0; o < origins; o++) into[o] += rate * stockpile.content[o];
        }
        for (let o = 0; o < origins; o++) into[o] = Math.min(1, into[o] / inflow);
      }
      market.setInflowContent(into);
    }
  }
}
