/**
 * Market price: the scarcity price index of one market and the substitution it drives, as pure
 * step functions of the market response's discrete clock (never inside a rate solve).
 *
 * The index (1 = the scenario's baseline) moves toward a target set by the market's cover
 * ratio r: what it holds and has at sea, over its cover target at the demand it would have at
 * the baseline price. Below target the target price is r^-sensitivity (half the cover, twice
 * the price at sensitivity 1); at or above target it is 1, and a producer that has cut output
 * because its stock cannot be stored sees oversupply: r is then 1 / (share of output it keeps),
 * so a controlling exporter's domestic price falls while importers' prices rise. The index
 * closes the gap to its target by 1 - exp(-step / time) a step (in logarithms), with one time
 * rising and another falling back. With demand = base x price^elasticity and a fixed supply,
 * stock stops moving only where demand equals supply, so the price settles where the demand
 * curve says (the cover settles where the target equals that price).
 */
import { DAYS_PER_YEAR } from "./calendar.js";
import type { CommodityResponse } from "./world-spec.js";

/** The price a market's cover and output cut point to, within the response's bounds. */
export function targetPrice(response: CommodityResponse, coverRatio: number, keptOutputShare: number): number {
  const ratio = coverRatio < 1 ? coverRatio : keptOutputShare < 1 ? 1 / Math.max(keptOutputShare, 1e-9) : 1;
  const target = ratio <= 0 ? response.maxPrice : Math.pow(ratio, -response.coverSensitivity);
  return Math.min(response.maxPrice, Math.max(response.minPrice, target));
}

/** The price after one step of `stepDays` toward `target`. */
export function steppedPrice(response: CommodityResponse, price: number, target: number, stepDays: number): number {
  const time = target > price ? response.adjustmentDays : response.relaxationDays;
  const pull = time <= 0 ? 1 : 1 - Math.exp(-stepDays / time);
  return Math.exp(Math.log(price) + pull * (Math.log(target) - Math.log(price)));
}

/**
 * The substituted share of demand after one step: it grows by up to `substitutionPerYear` a
 * year while the price is above the threshold (in proportion to how far above, full at twice
 * the threshold's premium), up to its maximum, and falls back at `unwindPerYear` below it.
 */
export function steppedSubstitution(response: CommodityResponse, share: number, price: number, stepDays: number): number {
  const years = stepDays / DAYS_PER_YEAR;
  const threshold = response.substitutionThreshold;
  if (price > threshold) {
    const premium = threshold > 1 ? Math.min(1, (price - threshold) / (threshold - 1)) : 1;
    return Math.min(response.substitutionMax, share + response.substitutionPerYear * premium * years);
  }
  return Math.max(0, share - response.unwindPerYear * years);
}

/**
 * Demand buyers want at `price` after substituting `substituted` of it away, per tonne of
 * gross demand. A price below the baseline creates no demand beyond the gross (within a
 * scenario's horizon, new uses do not appear because a stock is cheap), so this is at most 1.
 */
export function respondedDemandShare(response: CommodityResponse, price: number, substituted: number): number {
  const priceFactor = response.elasticity === 0 || price <= 1 ? 1 : Math.pow(price, response.elasticity);
  return priceFactor * (1 - substituted);
}
