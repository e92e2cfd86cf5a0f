/**
 * freeProducers: the facilities that may answer a price with more output (restarts, expansion,
 * investment): those whose primary output is not a commodity their own country controls, and
 * whose commodity's response lets them, listed by that commodity; and the market each answers
 * the price of.
 */
import type { Facility } from "../facility.js";
import type { CommodityResponse, ResponseSpec } from "../world-spec.js";
import type { WorldState } from "../world-state.js";

/**
 * By commodity, the indices of `state`'s facilities making it as their primary output outside
 * the (country, commodity) keys `controlling` flags, with a response for which `answers` holds.
 */
export function freeProducers(state: WorldState, spec: ResponseSpec, controlling: Uint8Array, answers: (response: CommodityResponse, facility: Facility) => boolean): number[][] {
  const commodities = state.spec.commodities.length;
  const byCommodity: number[][] = Array.from({ length: commodities }, () => []);
  for (const facility of state.facilities) {
    const primary = facility.spec.outputs[0];
    if (primary === undefined) continue;
    if (controlling[facility.spec.country * commodities + primary.commodity] === 1) continue;
    const response = spec.byCommodity[primary.commodity];
    if (response !== null && answers(response, facility)) byCommodity[primary.commodity].push(facility.index);
  }
  return byCommodity;
}

/**
 * By facility: the index of its own country's market of its primary output (whose price it
 * answers), or -1 when there is none. Fixed for the run, so the mechanisms look it up once.
 */
export function primaryMarkets(state: WorldState): Int32Array {
  return Int32Array.from(state.facilities, (facility) => {
    const primary = facility.spec.outputs[0];
    return primary === undefined ? -1 : (state.marketAt(facility.spec.country, primary.commodity)?.index ?? -1);
  });
}
