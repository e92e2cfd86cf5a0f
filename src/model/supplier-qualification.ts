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
  private readonly onQualified = (key: number): void => {
    this.status[key] = QUALIFIED;
  };

  constructor(state: WorldState) {
    this.state = state;
    this.countryCount = state.spec.countries.length;
    this.status = new Uint8Array(state.markets.length * this.countryCount);
    for (const market of state.markets) for (const share of market.imports) this.status[market.index * this.countryCount + share.supplier] = QUALIFIED;
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

  /** Whether market `m` may buy from country `s`. */
  isQualified(m: number, s: number): boolean {
    return this.status[m * this.countryCount + s] === QUALIFIED;
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
