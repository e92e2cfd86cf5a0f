/**
 * SupplierQualification: which countries each market may buy from. Its baseline import
 * sources are qualified from the start; a market that cannot get what it orders starts
 * qualifying every other country that produces or holds spare supply, usable after the
 * qualification lag.
 */
import { Priority } from "../engine/index.js";
import type { Market } from "./market.js";
import { DUST_TONNES } from "./tolerance.js";
import type { WorldState } from "./world-state.js";

const UNKNOWN = 0;
const QUALIFYING = 1;
const QUALIFIED = 2;

/** Qualification state by (market, supplier country). */
export class SupplierQualification {
  private readonly state: WorldState;
  private readonly countryCount: number;
  /** status[m * countryCount + s]: whether market m may buy from country s. */
  private readonly status: Uint8Array;
  /**
   * Per market m, in `unknown[m * countryCount ..][0 .. unknownCount[m])`: the markets of its
   * commodity abroad whose country it has not started to qualify, by ascending country. A
   * country leaves the list when its qualification starts, so a market that has started every
   * one it can is done at once (shortfalls call `startFor` on every refused licence).
   */
  private readonly unknown: Int32Array;
  private readonly unknownCount: Int32Array;
  /**
   * Per market m, in `qualified[m * countryCount ..][0 .. qualifiedCount[m])`: the countries it
   * may buy from, ascending, so a round visits only those, in country order.
   */
  private readonly qualified: Int32Array;
  private readonly qualifiedCount: Int32Array;
  private readonly onQualified = (key: number): void => this.qualify(key);

  constructor(state: WorldState) {
    this.state = state;
    this.countryCount = state.spec.countries.length;
    this.status = new Uint8Array(state.markets.length * this.countryCount);
    for (const market of state.markets) for (const share of market.imports) this.status[market.index * this.countryCount + share.supplier] = QUALIFIED;
    this.qualified = new Int32Array(state.markets.length * this.countryCount);
    this.qualifiedCount = new Int32Array(state.markets.length);
    for (let m = 0; m < state.markets.length; m++) {
      const base = m * this.countryCount;
      for (let s = 0; s < this.countryCount; s++) if (this.status[base + s] === QUALIFIED) this.qualified[base + this.qualifiedCount[m]++] = s;
    }
    this.unknown = new Int32Array(state.markets.length * this.countryCount);
    this.unknownCount = new Int32Array(state.markets.length);
    for (const market of state.markets) {
      const base = market.index * this.countryCount;
      for (let s = 0; s < this.countryCount; s++) {
        if (s === market.country || this.status[base + s] !== UNKNOWN) continue;
        const candidate = state.marketAt(s, market.commodity);
        if (candidate !== undefined) this.unknown[base + this.unknownCount[market.index]++] = candidate.index;
      }
    }
  }

  /** How many countries market `m` may buy from (read them with `qualifiedSupplier`). */
  qualifiedSupplierCount(m: number): number {
    return this.qualifiedCount[m];
  }

  /** The `i`-th country market `m` may buy from, by ascending country (`i` below `qualifiedSupplierCount(m)`). */
  qualifiedSupplier(m: number, i: number): number {
    return this.qualified[m * this.countryCount + i];
  }

  /** A qualification has run its lag: market and country from `key`; the country joins the market's list in order. */
  private qualify(key: number): void {
    if (this.status[key] === QUALIFIED) return;
    this.status[key] = QUALIFIED;
    const m = Math.floor(key / this.countryCount);
    const s = key - m * this.countryCount;
    const base = m * this.countryCount;
    let i = this.qualifiedCount[m]++;
    for (; i > 0 && this.qualified[base + i - 1] > s; i--) this.qualified[base + i] = this.qualified[base + i - 1];
    this.qualified[base + i] = s;
  }

  /** Starts qualifying every other country that produces or holds spare supply of this commodity. */
  startFor(market: Market, t: number): void {
    const state = this.state;
    const base = market.index * this.countryCount;
    const lag = state.spec.trade.qualificationLagDays;
    const unknown = this.unknown;
    const count = this.unknownCount[market.index];
    // Walks the list in order, keeping (packed, in order) the candidates that have nothing to offer yet.
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const candidate = state.markets[unknown[base + i]];
      if (candidate.rates.production <= 0 && candidate.exportableTonnes <= DUST_TONNES) {
        unknown[base + kept++] = candidate.index;
        continue;
      }
      const s = candidate.country;
      this.status[base + s] = QUALIFYING;
      state.env.scheduleAt(t + lag, this.onQualified, base + s, Priority.EARLY);
    }
    this.unknownCount[market.index] = kept;
  }
}
