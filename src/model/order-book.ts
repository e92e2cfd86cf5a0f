/**
 * OrderBook: one ordering round's orders of one commodity, from screening to shipment.
 *
 * Each order is screened once (ControlScreen): the refused share goes unfilled; the share that
 * needs licences ships against an open licence if the route has one, else goes to the licence
 * office; the rest waits to be filled. Filling is where quota logic lives: each quota's
 * remaining tonnes are shared pro rata among the orders it covers, then each supplier's spare
 * stock (above its own cover) pro rata among the orders it received, each origin component
 * (a controlling exporter's, or other) at most what the supplier's stock holds of it; what ships
 * is charged to its quotas and leaves with the origin content the screen allowed.
 */
import { ControlScreen } from "./control-screen.js";
import type { LicenceOffice } from "./licence-office.js";
import type { Market } from "./market.js";
import type { Quota } from "./measures/quota.js";
import type { Shipping } from "./shipping.js";
import { DUST_TONNES } from "./tolerance.js";
import type { WorldState } from "./world-state.js";

/** One order waiting to be filled in the current round. */
interface PendingOrder {
  market: number;
  supplier: number;
  /** The reserve it is bought for, or -1. */
  reserve: number;
  tonnes: number;
  allowed: number;
  /** The quotas that cover it, in `quotas[0 .. quotaCount)`. */
  readonly quotas: Quota[];
  quotaCount: number;
  /** The origin content it may ship with, by origin slot. */
  readonly content: Float64Array;
}

/** The orders of one round of one commodity. */
export class OrderBook {
  private readonly state: WorldState;
  private readonly shipping: Shipping;
  private readonly licences: LicenceOffice;
  private readonly screen: ControlScreen;
  private readonly pending: PendingOrder[] = [];
  private pendingCount = 0;
  /** Tonnes each market could not get this round (refused, or nothing to spare), by market. */
  readonly unfilledTonnes: Float64Array;
  /**
   * Tonnes each supplier market was asked for and may sell now (neither refused by a control
   * nor waiting for a licence), by market, since the trade desk last cleared them: what its
   * buyers want of it, whether or not its stock could fill it.
   */
  readonly askedTonnes: Float64Array;
  private readonly requestedBySupplier: Float64Array;
  private readonly fillShare: Float64Array;
  /** Per supplier and origin component (each tracked origin, then all other origin): tonnes the round's shipments ask of it, then the share of that it can give. */
  private readonly componentShare: Float64Array;
  /** Tonnes the round's orders ask of each quota (on its covered share). */
  private readonly quotaRequested = new Map<Quota, number>();
  /**
   * The controls that can ever govern each route's orders, by market * countries + supplier: of
   * those that may govern the supplier's exports of the market's commodity, the ones whose fixed
   * terms reach the market's country (ControlScreen.mayGovern). Most routes have none. Screening
   * with this shorter list gives the same screen, and skips testing controls that never apply.
   */
  private readonly routeControls: (readonly number[])[];
  private readonly countryCount: number;

  constructor(state: WorldState, shipping: Shipping, licences: LicenceOffice) {
    this.state = state;
    this.shipping = shipping;
    this.licences = licences;
    this.screen = new ControlScreen(state.originSlot, state.originCount);
    this.unfilledTonnes = new Float64Array(state.markets.length);
    this.askedTonnes = new Float64Array(state.markets.length);
    this.requestedBySupplier = new Float64Array(state.spec.countries.length);
    this.fillShare = new Float64Array(state.spec.countries.length);
    this.componentShare = new Float64Array(state.spec.countries.length * (state.originCount + 1));
    this.countryCount = state.spec.countries.length;
    const none: readonly number[] = [];
    this.routeControls = new Array<readonly number[]>(state.markets.length * this.countryCount).fill(none);
    // By exporter and commodity first: most exporters have no controls on a commodity, and the
    // table is built for every replicate.
    for (let k = 0; k < state.spec.commodities.length; k++) {
      for (let s = 0; s < this.countryCount; s++) {
        const candidates = state.controlsOn(s, k);
        if (candidates.length === 0) continue;
        for (const m of state.marketsByCommodity[k]) {
          const governing = candidates.filter((c) => ControlScreen.mayGovern(state.controls[c], k, s, state.markets[m].country, state.originSlot));
          if (governing.length > 0) this.routeControls[m * this.countryCount + s] = governing;
        }
      }
    }
  }

  /** The controls that can ever govern orders of `market` from country `supplier`, in control order (a subset of `controlsOn`). */
  controlsOnRoute(market: Market, supplier: number): readonly number[] {
    return this.routeControls[market.index * this.countryCount + supplier];
  }

  /**
   * Screens an order of `tonnes` by `market` from country `supplier` (for reserve `reserve`, or
   * -1), and queues what may ship, files what needs licences, and records the rest as unfilled.
   */
  place(market: Market, supplier: number, tonnes: number, t: number, reserve = -1): void {
    if (tonnes <= DUST_TONNES) return;
    const state = this.state;
    const k = market.commodity;
    const origin = state.marketAt(supplier, k);
    if (origin === undefined) {
      this.unfilledTonnes[market.index] += tonnes;
      return;
    }
    const screen = this.screen.evaluate(state.controls, this.controlsOnRoute(market, supplier), k, supplier, market.country, t, origin.content);
    const refused = tonnes * screen.refusedShare;
    if (refused > 0) this.unfilledTonnes[market.index] += refused;
    if (screen.isBanned) return;
    let free = tonnes - refused;
    if (screen.licensingCount > 0 && screen.licensedShare > 0) {
      const licensed = free * screen.licensedShare;
      const covered = this.licences.drawOnOpenLicence(market, supplier, licensed);
      const toApply = licensed - covered;
      free -= toApply;
      if (toApply > DUST_TONNES) this.licences.apply(market, supplier, toApply, screen);
    }
    // Tonnes awaiting a licence are not yet a sale: they count once they ship.
    this.askedTonnes[origin.index] += free;
    if (free <= DUST_TONNES) return;
    let order = this.pending[this.pendingCount];
    if (order === undefined) {
      order = { market: 0, supplier: 0, reserve: -1, tonnes: 0, allowed: 0, quotas: [], quotaCount: 0, content: new Float64Array(state.originCount) };
      this.pending.push(order);
    }
    this.pendingCount++;
    order.market = market.index;
    order.supplier = supplier;
    order.reserve = reserve;
    order.tonnes = free;
    order.allowed = free;
    order.quotaCount = screen.quotaCount;
    for (let q = 0; q < screen.quotaCount; q++) order.quotas[q] = screen.quotas[q];
    screen.shippedContent(origin.content, order.content);
  }

  /** Spare supply of country `s` that `market` could get now (0 if banned; a quota's allowance at most). */
  spareOf(s: number, market: Market, t: number): number {
    const k = market.commodity;
    const supplier = this.state.marketAt(s, k);
    if (supplier === undefined) return 0;
    const screen = this.screen.evaluate(this.state.controls, this.controlsOnRoute(market, s), k, s, market.country, t, supplier.content);
    if (screen.isBanned) return 0;
    return Math.min(supplier.exportableTonnes * (1 - screen.refusedShare), screen.quotaAllowanceTonnes);
  }

  /** Fills the queued orders of commodity `k`: quotas first, then suppliers' spare, pro rata; ships what it can. */
  fill(k: number): void {
    const state = this.state;
    const count = this.pendingCount;
    if (count === 0) return;
    this.applyQuotas();
    const requested = this.requestedBySupplier;
    requested.fill(0);
    for (let i = 0; i < count; i++) requested[this.pending[i].supplier] += this.pending[i].allowed;
    const fillShare = this.fillShare;
    for (let s = 0; s < fillShare.length; s++) {
      fillShare[s] = 0;
      if (requested[s] <= 0) continue;
      const supplier = state.marketAt(s, k);
      const exportable = supplier === undefined ? 0 : supplier.exportableTonnes;
      fillShare[s] = Math.min(1, exportable / requested[s]);
    }
    if (state.originCount > 0) this.conserveOrigin(k);
    for (let i = 0; i < count; i++) {
      const order = this.pending[i];
      const shipped = this.shippedTonnes(order, fillShare[order.supplier]);
      this.unfilledTonnes[order.market] += order.tonnes - shipped;
      if (shipped <= DUST_TONNES) continue;
      for (let q = 0; q < order.quotaCount; q++) order.quotas[q].charge(shipped);
      this.shipping.ship(order.supplier, order.market, shipped, order.content, order.reserve);
    }
    this.pendingCount = 0;
  }

  /**
   * Origin is conserved: what the round's shipments from one supplier take of each origin
   * component (each tracked origin, and all other origin) is at most what its stock holds of it.
   * An order refused an origin ships other origin in its place, and several such orders could
   * together ask for more other origin than the stock has; then every order's part of that
   * component is cut in proportion (the rest goes unfilled and is sought elsewhere), so no
   * tonne of an origin is created or lost. Sets `componentShare`, read by `shippedTonnes`.
   */
  private conserveOrigin(k: number): void {
    const state = this.state;
    const origins = state.originCount;
    const stride = origins + 1;
    const share = this.componentShare;
    share.fill(0);
    for (let i = 0; i < this.pendingCount; i++) {
      const order = this.pending[i];
      const tonnes = order.allowed * this.fillShare[order.supplier];
      const at = order.supplier * stride;
      let tracked = 0;
      for (let o = 0; o < origins; o++) {
        share[at + o] += tonnes * order.content[o];
        tracked += order.content[o];
      }
      share[at + origins] += tonnes * Math.max(0, 1 - tracked);
    }
    for (let s = 0; s < this.fillShare.length; s++) {
      // Only suppliers asked for something ship: the others' shares are never read.
      if (this.requestedBySupplier[s] <= 0) continue;
      const at = s * stride;
      const supplier = state.marketAt(s, k);
      const level = supplier === undefined ? 0 : supplier.level;
      let tracked = 0;
      for (let c = 0; c < stride; c++) {
        const held = c < origins ? level * (supplier?.content[c] ?? 0) : level * Math.max(0, 1 - tracked);
        if (c < origins) tracked += supplier?.content[c] ?? 0;
        const asked = share[at + c];
        share[at + c] = asked > held ? held / asked : 1;
      }
    }
  }

  /** Tonnes `order` ships at its supplier's fill share, each origin component cut to what the stock holds (its content set to match). */
  private shippedTonnes(order: PendingOrder, fillShare: number): number {
    const tonnes = order.allowed * fillShare;
    const origins = this.state.originCount;
    if (origins === 0 || tonnes <= 0) return tonnes;
    const at = order.supplier * (origins + 1);
    const share = this.componentShare;
    let isWhole = true;
    for (let c = 0; c <= origins; c++) if (share[at + c] < 1) isWhole = false;
    if (isWhole) return tonnes;
    let tracked = 0;
    let kept = 0;
    for (let o = 0; o < origins; o++) {
      tracked += order.content[o];
      kept += order.content[o] * share[at + o];
    }
    kept += Math.max(0, 1 - tracked) * share[at + origins];
    // Some component is short: the order keeps `kept` of its tonnes, with the content of what it keeps.
    if (kept > 0) for (let o = 0; o < origins; o++) order.content[o] = (order.content[o] * share[at + o]) / kept;
    return tonnes * kept;
  }

  /** Caps each order by its quotas: each quota's remaining tonnes shared pro rata among the orders it covers. */
  private applyQuotas(): void {
    const requested = this.quotaRequested;
    requested.clear();
    for (let i = 0; i < this.pendingCount; i++) {
      const order = this.pending[i];
      for (let q = 0; q < order.quotaCount; q++) {
        const quota = order.quotas[q];
        requested.set(quota, (requested.get(quota) ?? 0) + order.tonnes * quota.coverage);
      }
    }
    if (requested.size === 0) return;
    for (let i = 0; i < this.pendingCount; i++) {
      const order = this.pending[i];
      let share = 1;
      for (let q = 0; q < order.quotaCount; q++) {
        const asked = requested.get(order.quotas[q]) ?? 0;
        if (asked > 0) share = Math.min(share, order.quotas[q].remainingTonnes / asked);
      }
      // Only the covered share of an order is capped; the rest of it is free of the quota.
      let covered = 0;
      for (let q = 0; q < order.quotaCount; q++) covered = Math.max(covered, order.quotas[q].coverage);
      order.allowed = order.tonnes * (1 - covered + covered * Math.min(1, share));
    }
  }
}
