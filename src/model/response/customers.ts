/**
 * Customers: for each market, the markets that import its commodity from it and the baseline
 * share of their imports it supplies. Prices use it: free trade ties a seller's price to what
 * its customers pay.
 */
import type { WorldState } from "../world-state.js";
import { packLists, type PackedLists } from "./packed-lists.js";

/**
 * Every market's customers: market `m`'s are `items[start[m] .. start[m + 1])` of the lists
 * (market indices, in the order of the world's markets), and `shares` at the same positions the
 * share of each one's imports `m` supplies.
 */
export interface Customers extends PackedLists {
  readonly shares: Float64Array;
}

/** Every market's customers, by market index. */
export function customersOf(state: WorldState): Customers {
  const lists: { m: number; share: number }[][] = state.markets.map(() => []);
  for (const market of state.markets) {
    for (const source of market.imports) {
      const supplier = state.marketAt(source.supplier, market.commodity);
      if (supplier !== undefined) lists[supplier.index].push({ m: market.index, share: source.share });
    }
  }
  const { start, items } = packLists(lists.map((list) => list.map((x) => x.m)));
  return { start, items, shares: Float64Array.from(lists.flat(), (x) => x.share) };
}
