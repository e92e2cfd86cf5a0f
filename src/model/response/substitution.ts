/**
 * Substitution, a mechanism of the market response: while a market's price stays above the
 * substitution threshold, buyers substitute and thrift a growing share of its demand away (up
 * to a maximum), and that share unwinds once the price is back below it. Its state: each
 * market's substituted share.
 */
import { DAYS_PER_YEAR } from "../calendar.js";
import type { CommodityResponse } from "../world-spec.js";

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

/** The substituted share of every market's demand. */
export class Substitution {
  /** Substituted share of demand, by market. */
  private readonly substituted: Float64Array;
  private readonly stepDays: number;

  /** No substitution yet in any of `marketCount` markets; the clock steps every `stepDays`. */
  constructor(marketCount: number, stepDays: number) {
    this.substituted = new Float64Array(marketCount);
    this.stepDays = stepDays;
  }

  /** Steps market `m`'s substituted share at `price`; returns the new share. */
  step(m: number, response: CommodityResponse, price: number): number {
    const share = steppedSubstitution(response, this.substituted[m], price, this.stepDays);
    this.substituted[m] = share;
    return share;
  }
}
