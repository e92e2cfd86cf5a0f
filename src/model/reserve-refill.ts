/**
 * ReserveRefill: reserves buying back toward their targets. A reserve with a refill rate (or a
 * purchase outstanding) that is not releasing, has no member short and whose host's price index
 * is not above its refill price ceiling orders, each round, up to
 * its rate over the round (and the purchase), less what is already on its way, from its host's
 * import sources like any order (screened by the same controls); the cargo lands in the reserve.
 * A host without import sources (a producer) moves into its reserve what it holds beyond its
 * users' whole commercial target instead, checked when its stock peaks (rounds and arrivals).
 */
import type { Market } from "./market.js";
import type { OrderBook } from "./order-book.js";
import { DUST_TONNES } from "./tolerance.js";
import type { WorldState } from "./world-state.js";

/** Refill orders, landings and moves. */
export class ReserveRefill {
  private readonly state: WorldState;
  /** Purchases still to be bought, tonnes, by reserve. */
  readonly purchaseOutstanding: Float64Array;
  /** Tonnes bought for each reserve and not yet landed (kept by shipping). */
  private readonly inTransit: Float64Array;
  /** Tonnes moved into each reserve from its host's stock since the last round. */
  private readonly movedThisRound: Float64Array;

  constructor(state: WorldState, inTransit: Float64Array) {
    this.state = state;
    this.purchaseOutstanding = new Float64Array(state.stockpiles.length);
    this.inTransit = inTransit;
    this.movedThisRound = new Float64Array(state.stockpiles.length);
  }

  /** Raises a reserve's target by `tonnes`, to be bought like any refill (a stockpile-purchase event). */
  purchase(s: number, tonnes: number): void {
    this.state.stockpiles[s].raiseTarget(tonnes);
    this.purchaseOutstanding[s] += tonnes;
  }

  /** Tonnes reserve `s` may still take this round: 0 while it releases, a member is short or its host's price is above its refill ceiling. */
  dueTonnes(s: number): number {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (stockpile.totalReleaseRate > 0) return 0;
    for (const m of stockpile.memberMarkets) if (state.isMarketDry(m)) return 0;
    if (state.priceIndex[stockpile.hostMarket] > stockpile.spec.refillPriceCeiling) return 0;
    const gap = stockpile.targetTonnes - stockpile.level - this.inTransit[s];
    if (gap <= DUST_TONNES) return 0;
    const allowance = stockpile.spec.refillTonnesPerDay * state.spec.trade.orderIntervalDays + this.purchaseOutstanding[s];
    return Math.max(0, Math.min(gap, allowance - this.movedThisRound[s]));
  }

  /** A round's refill orders: each importing host orders its reserves' due tonnes from its import sources. */
  placeOrders(k: number, book: OrderBook, t: number): void {
    const state = this.state;
    this.movedThisRound.fill(0);
    for (const stockpile of state.stockpiles) {
      if (stockpile.spec.commodity !== k) continue;
      const host = state.markets[stockpile.hostMarket];
      if (host.imports.length === 0) continue;
      const tonnes = this.dueTonnes(stockpile.index);
      if (tonnes <= DUST_TONNES) continue;
      for (const share of host.imports) book.place(host, share.supplier, tonnes * share.share, t, stockpile.index);
    }
  }

  /** Cargo bought for reserve `s` has landed (the host has counted it as an import): into the reserve. */
  land(s: number, tonnes: number, content: Float64Array): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    stockpile.advanceTo(state.env.now);
    stockpile.receive(tonnes, content);
    this.purchaseOutstanding[s] = Math.max(0, this.purchaseOutstanding[s] - tonnes);
    state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
  }

  /** Whether `host` moves its surplus into reserves: it hosts some and has no import sources to refill them from. */
  movesSurplus(host: Market): boolean {
    return host.hostedStockpiles.length > 0 && host.imports.length === 0;
  }

  /**
   * Moves into the reserves a producing host keeps what it holds beyond its users' whole
   * commercial target (`target`), up to what each is due.
   */
  moveSurplus(host: Market, target: number, t: number): void {
    if (!this.movesSurplus(host)) return;
    const state = this.state;
    for (const s of host.hostedStockpiles) {
      const tonnes = this.dueTonnes(s);
      if (tonnes <= DUST_TONNES) continue;
      const moved = Math.min(tonnes, host.level - target);
      if (moved <= DUST_TONNES) continue;
      const stockpile = state.stockpiles[s];
      stockpile.advanceTo(t);
      stockpile.receive(moved, host.content);
      host.draw(moved);
      this.movedThisRound[s] += moved;
      this.purchaseOutstanding[s] = Math.max(0, this.purchaseOutstanding[s] - moved);
      state.touchMarket(host.index);
      state.markGroupDirty(state.groupOfMarket(host.index));
    }
  }
}
