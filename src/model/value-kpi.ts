/**
 * Market values: what a market's tonnes are worth at its commodity's reference price, and what
 * the reserves it hosts cost over the reported period (the tonnes held at the start and every
 * tonne bought into them at that price, plus a yearly holding cost on the tonnes held day by
 * day), and what the price floors on it cost (response/floors.ts), counted with the reserves. A commodity without a reference price is worth 0: its value KPIs are 0, and reports
 * name it.
 */
import { DAYS_PER_YEAR } from "./calendar.js";
import type { MarketValue } from "./shortfall-kpi.js";
import type { WorldState } from "./world-state.js";

/**
 * By market: its commodity's price, and the tonnes and cost of the reserves it hosts (advanced
 * to the end of the run); `floorCostUsd` (by market) adds what its price floors cost.
 */
export function marketValues(state: WorldState, floorCostUsd?: Float64Array): MarketValue[] {
  const values = state.markets.map((market) => ({
    pricePerTonne: state.spec.commodities[market.commodity].referencePriceUsdPerTonne ?? 0,
    reserveTonnes: 0,
    reserveCost: floorCostUsd === undefined ? 0 : floorCostUsd[market.index],
  }));
  for (const stockpile of state.stockpiles) {
    const value = values[stockpile.hostMarket];
    const spec = stockpile.spec;
    value.reserveTonnes += spec.initialTonnes;
    value.reserveCost += value.pricePerTonne * (spec.initialTonnes + stockpile.tonnesBought + (spec.holdingCostPerYear * stockpile.tonneDaysHeld) / DAYS_PER_YEAR);
  }
  return values;
}
