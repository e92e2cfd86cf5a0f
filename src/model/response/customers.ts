/**
 * Customers: for each market, the markets that import its commodity from it and the baseline
 * share of their imports it supplies. Prices use it: free trade ties a seller's price to what
 * its customers pay.
 */
import type { WorldState } from "../world-state.js";

/** One market's customers: their market indices and the share of each one's imports it supplies. */
export interface Customers {
  readonly markets: Int32Array;
  readonly shares: Float64Array;
}

/** Every market's customers, by market index, in the order of the world's markets. */
export function customersOf(state: WorldState): Customers[] {
  const lists: { m: number; share: number }[][] = state.markets.map(() => []);
  for (const market of state.markets) {
    for (const source of market.imports) {
      const supplier = state.marketAt(source.supplier, market.commodity);
      if (supplier !== undefined) lists[supplier.index].push({ m: market.index, share: source.share });
    }
  }
  return lists.map((list) => ({ markets: Int32Array.from(list, (x) => x.m), shares: Float64Array.from(list, (x) => x.share) }));
}
