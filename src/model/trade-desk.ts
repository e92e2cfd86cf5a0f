/**
 * TradeDesk: how importers buy. Every ordering round, each market orders up to its target
 * (commercial cover, plus what it uses and sells on, net of its own production, over the round
 * and the lead time, plus any reserve refill), split among its suppliers by baseline shares.
 * Export controls screen each order: bans refuse it, licences (LicenceOffice) hold it for a
 * drawn processing time and approve it with a probability, quotas cap it. Suppliers fill what
 * they can spare above their own cover, pro rata when short, and ship it (Shipping). Unfilled
 * tonnes go to every qualified supplier with spare supply (pro rata to that spare) and start
 * the qualification of new suppliers, usable after the qualification lag. Reserves due a
 * refill take what their host holds beyond its users' needs.
 */
import { meanOf, Priority } from "../engine/index.js";
import { ControlScreen } from "./control-screen.js";
import { LicenceOffice } from "./licence-office.js";
import type { Market } from "./market.js";
import { Shipping, type TradeFlow } from "./shipping.js";
import { DUST_TONNES } from "./tolerance.js";
import type { WorldState } from "./world-state.js";

const UNKNOWN = 0;
const QUALIFYING = 1;
const QUALIFIED = 2;

/** One order waiting to be filled in the current round. */
interface PendingOrder {
  market: number;
  supplier: number;
  tonnes: number;
  allowed: number;
}

/** Runs ordering rounds, supplier qualification and reserve refills. */
export class TradeDesk {
  private readonly state: WorldState;
  private readonly shipping: Shipping;
  private readonly licences: LicenceOffice;
  private readonly countryCount: number;
  private readonly expectedLeadDays: Float64Array;
  /** supplierState[m * countryCount + s]: whether market m may buy from country s. */
  private readonly supplierState: Uint8Array;
  private readonly unfilledTonnes: Float64Array;
  private readonly pending: PendingOrder[] = [];
  private pendingCount = 0;
  private readonly screen = new ControlScreen();
  private readonly requestedBySupplier: Float64Array;
  private readonly quotaRequested = new Map<number, number>();
  private readonly hasQuotas: boolean;
  private readonly fillShare: Float64Array;
  /** Stockpile purchases still to be bought, tonnes, by stockpile. */
  readonly purchaseOutstanding: Float64Array;
  /** Tonnes moved into each reserve since the last ordering round. */
  private readonly refilledThisRound: Float64Array;

  private readonly onRound = (): void => this.runRound();
  private readonly onQualified = (key: number): void => {
    this.supplierState[key] = QUALIFIED;
  };

  constructor(state: WorldState) {
    this.state = state;
    const { spec, markets } = state;
    const countryCount = spec.countries.length;
    this.countryCount = countryCount;
    this.shipping = new Shipping(state, (market) => this.refillFrom(market, state.env.now));
    this.licences = new LicenceOffice(state, this.shipping, (market, t) => this.startQualification(market, t));
    this.supplierState = new Uint8Array(markets.length * countryCount);
    this.expectedLeadDays = new Float64Array(markets.length);
    for (const market of markets) {
      let lead = market.imports.length === 0 ? spec.trade.defaultTransitDays : 0;
      for (const share of market.imports) {
        this.supplierState[market.index * countryCount + share.supplier] = QUALIFIED;
        lead += share.share * this.shipping.transit(share.supplier, market.country);
      }
      this.expectedLeadDays[market.index] = lead;
    }
    this.unfilledTonnes = new Float64Array(markets.length);
    this.requestedBySupplier = new Float64Array(countryCount);
    this.purchaseOutstanding = new Float64Array(state.stockpiles.length);
    this.refilledThisRound = new Float64Array(state.stockpiles.length);
    this.hasQuotas = state.controls.some((c) => c.measure.kind === "quota");
    this.fillShare = new Float64Array(countryCount);
  }

  /**
   * Sets the starting stock of markets that start in steady state (at their order-up-to
   * level, from nominal rates), then schedules the first ordering round.
   */
  start(): void {
    const { spec, markets, facilities } = this.state;
    spec.markets.forEach((marketSpec, m) => {
      if (marketSpec.initialInventoryTonnes !== null) return;
      const market = markets[m];
      let production = 0;
      for (const link of market.producers) production += facilities[link.facility].nominalRate * link.tonnesPerTonne;
      let claims = 0;
      for (const link of market.consumers) claims += facilities[link.facility].nominalRate * link.tonnesPerTonne;
      const use = market.demandRate + claims;
      const cycleDays = spec.trade.orderIntervalDays + this.expectedLeadDays[m];
      market.level = market.coverDays * use + Math.max(0, use - production) * cycleDays;
    });
    this.state.env.scheduleAt(0, this.onRound, 0, Priority.LATE);
  }

  private runRound(): void {
    const state = this.state;
    const t = state.env.now;
    state.advanceAll(t);
    const interval = state.spec.trade.orderIntervalDays;
    for (const market of state.markets) {
      // Exponential smoothing over rounds: a re-exporter keeps buying what it sells on.
      market.exportRateEstimate = 0.5 * market.exportRateEstimate + 0.5 * (market.exportedSinceRound / interval);
      market.exportedSinceRound = 0;
    }
    for (let k = 0; k < state.spec.commodities.length; k++) this.tradeCommodity(k, t);
    this.refilledThisRound.fill(0);
    for (const market of state.markets) this.refillFrom(market, t);
    state.settle();
    const next = t + state.spec.trade.orderIntervalDays;
    state.env.scheduleAt(next, this.onRound, 0, Priority.LATE);
  }

  /**
   * Days from ordering to delivery an importer plans with: transit from each baseline source,
   * plus the mean licence processing time where a licence is needed now, weighted by share.
   */
  private plannedLeadDays(market: Market, t: number): number {
    if (market.imports.length === 0) return this.expectedLeadDays[market.index];
    const state = this.state;
    let lead = 0;
    for (const share of market.imports) {
      const screen = this.screen.evaluate(state.controls, state.controlsOn(share.supplier, market.commodity), market.commodity, market.country, t);
      let licenceDays = 0;
      for (let i = 0; i < screen.licensingCount; i++) {
        const measure = screen.licensing[i].measure;
        if (measure.kind === "licensing") licenceDays = Math.max(licenceDays, meanOf(measure.processingDays));
      }
      lead += share.share * (this.shipping.transit(share.supplier, market.country) + licenceDays);
    }
    return lead;
  }

  /**
   * Tonnes market `m` orders this round: up to its cover plus what it uses and sells on, net of
   * its own production, over the round and the lead time, less what it holds and has coming.
   */
  private orderTonnes(market: Market, t: number): number {
    return Math.max(0, this.commercialTarget(market, t) + this.refillAllowance(market) - this.position(market));
  }

  /** What a market holds and has coming: stock, cargo at sea, expected licensed tonnes. */
  private position(market: Market): number {
    return market.level + market.inTransitTonnes + market.expectedFromLicencesTonnes;
  }

  /** The position a market's users need: cover plus net use over the round and the lead time. */
  private commercialTarget(market: Market, t: number): number {
    const use = market.useRate;
    const netUse = Math.max(0, use + market.exportRateEstimate - market.productionRate);
    if (netUse <= 0) return market.coverDays * use;
    const cycleDays = this.state.spec.trade.orderIntervalDays + this.plannedLeadDays(market, t);
    return market.coverDays * use + netUse * cycleDays;
  }

  private tradeCommodity(k: number, t: number): void {
    const { markets } = this.state;
    const marketIndices = this.state.marketsByCommodity[k];
    const unfilled = this.unfilledTonnes;

    this.pendingCount = 0;
    for (const m of marketIndices) {
      unfilled[m] = 0;
      const market = markets[m];
      const tonnes = this.orderTonnes(market, t);
      if (tonnes <= DUST_TONNES) continue;
      if (market.imports.length === 0) unfilled[m] = tonnes;
      for (const share of market.imports) this.placeOrder(market, share.supplier, tonnes * share.share, t);
    }
    this.fillPending(k);

    // Second pass: what baseline suppliers could not ship goes to any qualified supplier
    // with spare supply, in proportion to that spare.
    this.pendingCount = 0;
    const carried: number[] = [];
    for (const m of marketIndices) {
      if (unfilled[m] <= DUST_TONNES) continue;
      carried.push(m);
    }
    for (const m of carried) {
      const market = markets[m];
      const tonnes = unfilled[m];
      unfilled[m] = 0;
      let totalSpare = 0;
      const base = m * this.countryCount;
      for (let s = 0; s < this.countryCount; s++) {
        if (this.supplierState[base + s] !== QUALIFIED || s === market.country) continue;
        totalSpare += this.spareOf(s, k, market.country, t);
      }
      if (totalSpare <= DUST_TONNES) {
        unfilled[m] = tonnes;
        continue;
      }
      for (let s = 0; s < this.countryCount; s++) {
        if (this.supplierState[base + s] !== QUALIFIED || s === market.country) continue;
        const spare = this.spareOf(s, k, market.country, t);
        if (spare > 0) this.placeOrder(market, s, (tonnes * spare) / totalSpare, t);
      }
    }
    this.fillPending(k);
    for (const m of carried) if (unfilled[m] > DUST_TONNES) this.startQualification(markets[m], t);
  }

  /** Spare supply of country `s` that `destination` could buy now (0 if banned). */
  private spareOf(s: number, k: number, destination: number, t: number): number {
    const supplier = this.state.marketAt(s, k);
    if (supplier === undefined) return 0;
    const screen = this.screen.evaluate(this.state.controls, this.state.controlsOn(s, k), k, destination, t);
    if (screen.isBanned) return 0;
    return Math.min(supplier.exportableTonnes, screen.quotaAllowanceTonnes);
  }

  /** Screens one order against controls; queues it for filling, a licence, or records it unfilled. */
  private placeOrder(market: Market, supplier: number, tonnes: number, t: number): void {
    if (tonnes <= DUST_TONNES) return;
    const state = this.state;
    const screen = this.screen.evaluate(state.controls, state.controlsOn(supplier, market.commodity), market.commodity, market.country, t);
    if (screen.isBanned) {
      this.unfilledTonnes[market.index] += tonnes;
      return;
    }
    if (screen.licensingCount > 0) {
      this.licences.apply(market, supplier, tonnes, screen);
      return;
    }
    let order = this.pending[this.pendingCount];
    if (order === undefined) {
      order = { market: 0, supplier: 0, tonnes: 0, allowed: 0 };
      this.pending.push(order);
    }
    this.pendingCount++;
    order.market = market.index;
    order.supplier = supplier;
    order.tonnes = tonnes;
    order.allowed = tonnes;
  }

  /** Fills the round's pending orders of commodity `k`: quotas first, then suppliers' spare, pro rata. */
  private fillPending(k: number): void {
    const state = this.state;
    const t = state.env.now;
    const count = this.pendingCount;
    if (count === 0) return;
    const hasQuotas = this.hasQuotas;
    if (hasQuotas) this.applyQuotas(k, t);

    const requested = this.requestedBySupplier;
    requested.fill(0);
    for (let i = 0; i < count; i++) requested[this.pending[i].supplier] += this.pending[i].allowed;
    const fillShare = this.fillShare;
    for (let s = 0; s < this.countryCount; s++) {
      fillShare[s] = 0;
      if (requested[s] <= 0) continue;
      const supplier = state.marketAt(s, k);
      const exportable = supplier === undefined ? 0 : supplier.exportableTonnes;
      fillShare[s] = Math.min(1, exportable / requested[s]);
    }
    for (let i = 0; i < count; i++) {
      const order = this.pending[i];
      const shipped = order.allowed * fillShare[order.supplier];
      this.unfilledTonnes[order.market] += order.tonnes - shipped;
      if (shipped > DUST_TONNES) {
        if (hasQuotas) {
          this.screen.evaluate(state.controls, state.controlsOn(order.supplier, k), k, state.markets[order.market].country, t);
          this.screen.chargeQuotas(shipped);
        }
        this.shipping.ship(order.supplier, order.market, shipped);
      }
    }
    this.pendingCount = 0;
  }

  private applyQuotas(k: number, t: number): void {
    const state = this.state;
    const requested = this.quotaRequested;
    requested.clear();
    for (let i = 0; i < this.pendingCount; i++) {
      const order = this.pending[i];
      this.screen.evaluate(state.controls, state.controlsOn(order.supplier, k), k, state.markets[order.market].country, t);
      for (let q = 0; q < this.screen.quotaCount; q++) {
        const quota = this.screen.quotas[q];
        requested.set(quota.index, (requested.get(quota.index) ?? 0) + order.tonnes);
      }
    }
    if (requested.size === 0) return;
    for (let i = 0; i < this.pendingCount; i++) {
      const order = this.pending[i];
      this.screen.evaluate(state.controls, state.controlsOn(order.supplier, k), k, state.markets[order.market].country, t);
      let share = 1;
      for (let q = 0; q < this.screen.quotaCount; q++) {
        const quota = this.screen.quotas[q];
        const asked = requested.get(quota.index) ?? 0;
        if (asked > 0) share = Math.min(share, quota.quotaRemainingTonnes / asked);
      }
      order.allowed = order.tonnes * Math.min(1, share);
    }
  }

  /** Starts qualifying every other country that produces or holds spare supply of this commodity. */
  private startQualification(market: Market, t: number): void {
    const state = this.state;
    const base = market.index * this.countryCount;
    const lag = state.spec.trade.qualificationLagDays;
    for (let s = 0; s < this.countryCount; s++) {
      if (s === market.country || this.supplierState[base + s] !== UNKNOWN) continue;
      const candidate = state.marketAt(s, market.commodity);
      if (candidate === undefined) continue;
      if (candidate.productionRate <= 0 && candidate.exportableTonnes <= DUST_TONNES) continue;
      this.supplierState[base + s] = QUALIFYING;
      state.env.scheduleAt(t + lag, this.onQualified, base + s, Priority.EARLY);
    }
  }

  /** Tonnes shipped per calendar year and route in the reported period, sorted. */
  tradeFlows(): TradeFlow[] {
    return this.shipping.tradeFlows();
  }

  /** Raises a reserve's target by `tonnes`, to be bought through trade like any refill. */
  purchase(s: number, tonnes: number): void {
    this.state.stockpiles[s].targetTonnes += tonnes;
    this.purchaseOutstanding[s] += tonnes;
  }

  /** Tonnes a market orders this round on behalf of its hosted reserves. */
  private refillAllowance(market: Market): number {
    let allowance = 0;
    for (const s of market.hostedStockpiles) allowance += this.refillTonnes(s);
    return allowance;
  }

  /** Tonnes a reserve may still take in this round (0 while any member is short or it releases). */
  private refillTonnes(s: number): number {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (stockpile.totalReleaseRate > 0) return 0;
    for (const m of stockpile.memberMarkets) if (state.isMarketDry(m)) return 0;
    const gap = stockpile.targetTonnes - stockpile.level;
    if (gap <= DUST_TONNES) return 0;
    const allowance = stockpile.spec.refillTonnesPerDay * state.spec.trade.orderIntervalDays + this.purchaseOutstanding[s];
    return Math.max(0, Math.min(gap, allowance - this.refilledThisRound[s]));
  }

  /**
   * Moves into the reserves a market hosts what it holds beyond everything its users need
   * until the next delivery and beyond: only stock above its whole commercial target (the
   * extra bought for a reserve once it has landed, or a producer's surplus). Checked at each
   * ordering round and each arrival, when stock peaks.
   */
  private refillFrom(host: Market, t: number): void {
    if (host.hostedStockpiles.length === 0) return;
    const state = this.state;
    for (const s of host.hostedStockpiles) {
      const tonnes = this.refillTonnes(s);
      if (tonnes <= DUST_TONNES) continue;
      const surplus = host.level - this.commercialTarget(host, t);
      const moved = Math.min(tonnes, surplus);
      if (moved <= DUST_TONNES) continue;
      const stockpile = state.stockpiles[s];
      stockpile.advanceTo(t);
      host.level -= moved;
      stockpile.level += moved;
      this.refilledThisRound[s] += moved;
      this.purchaseOutstanding[s] = Math.max(0, this.purchaseOutstanding[s] - moved);
      state.touchMarket(host.index);
      state.markGroupDirty(state.groupOfMarket(host.index));
    }
  }
}
