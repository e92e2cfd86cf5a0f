/**
 * TradeDesk: how importers buy. Every ordering round, each market orders up to its target
 * (commercial cover, raised while a control it faces is announced but not yet in force, plus
 * what it uses and sells on, net of its own production, over the round and the lead time), split
 * among its suppliers by baseline shares (OrderBook screens and fills them). Unfilled tonnes go
 * to every qualified supplier with spare supply (pro rata to that spare) and start the
 * qualification of new suppliers (SupplierQualification). Reserves due a refill order through
 * the same book last, from what is left (ReserveRefill).
 *
 * Rounds run every `orderInterval` days, and importers also re-plan when the rules change: at a
 * control's announcement, effect and end, and when it is imposed, suspended, lifted or its
 * suspension ends. A re-plan runs a round that day and the grid of rounds restarts from it.
 */
import { meanOf, Priority, type EventId } from "../engine/index.js";
import { ControlScreen } from "./control-screen.js";
import type { ExportControl } from "./export-control.js";
import { LicenceOffice } from "./licence-office.js";
import type { LicenceLog } from "./licence-log.js";
import type { Market } from "./market.js";
import { OrderBook } from "./order-book.js";
import { ReserveRefill } from "./reserve-refill.js";
import { Shipping, type TradeFlow } from "./shipping.js";
import { SupplierQualification } from "./supplier-qualification.js";
import { DUST_TONNES } from "./tolerance.js";
import type { WorldState } from "./world-state.js";

/**
 * Weight of the last estimate of a market's export rate when a round's exports are added to
 * it (exponential smoothing, the new round weighing the rest). Exports leave as whole shipments,
 * so one round's tonnes are lumpy: at a half each round's weight halves with every round after
 * it, enough to damp a single lump while following a lasting change in what a re-exporter
 * sells on within a few rounds.
 */
const EXPORT_RATE_SMOOTHING = 0.5;

/** One baseline import source of a market, with what planning orders on it needs that never changes. */
interface ImportRoute {
  /** Its share of the market's imports. */
  readonly share: number;
  readonly supplier: number;
  readonly transitDays: number;
  /** The supplier's stock's origin content (none tracked if it has no market of the commodity). */
  readonly content: Float64Array;
  /** The controls that can ever govern the route's orders (OrderBook.controlsOnRoute). */
  readonly controls: readonly number[];
  /** The controls importers on the route may front-run: the supplier's own, covering the market, with front-running days. */
  readonly frontRunControls: readonly ExportControl[];
}

/** Runs ordering rounds. */
export class TradeDesk {
  private readonly state: WorldState;
  private readonly shipping: Shipping;
  readonly licences: LicenceOffice;
  private readonly qualification: SupplierQualification;
  private readonly book: OrderBook;
  readonly refill: ReserveRefill;
  private readonly countryCount: number;
  private readonly expectedLeadDays: Float64Array;
  private readonly screen: ControlScreen;
  /** Each market's baseline import sources, in the order of its imports. */
  private readonly importRoutes: (readonly ImportRoute[])[];
  /** Each market's import sources with controls it may front-run (most have none). */
  private readonly frontRunRoutes: (readonly ImportRoute[])[];
  /** Scratch for a round's second pass: each qualified supplier's spare for the market at hand, by country. */
  private readonly spareBySupplier: Float64Array;
  /** Smoothed export rate, tonnes/day, by market: what it sells on, which it must also buy or make. */
  private readonly exportRate: Float64Array;
  /** Smoothed rate of the orders each market receives from abroad and may fill, tonnes/day, by market. */
  private readonly orderRate: Float64Array;
  private readonly onRound = (): void => this.runRound();
  /** A dated re-plan; for a suspension's end (`control` >= 0), only if that control is still suspended until now. */
  private readonly onReplan = (control: number): void => {
    if (control >= 0 && this.state.controls[control].suspendedUntil !== this.state.env.now) return;
    this.replan();
  };
  /** Time of the last round (-Infinity before the first), and the next round's event and time. */
  private lastRoundTime = -Infinity;
  private nextRound: EventId | undefined;
  private nextRoundTime = -Infinity;

  constructor(state: WorldState, log: LicenceLog | undefined) {
    this.state = state;
    const { spec, markets } = state;
    this.countryCount = spec.countries.length;
    // Shipping lands reserve cargo through the refill, which is made just below.
    let refill: ReserveRefill | undefined;
    this.shipping = new Shipping(
      state,
      (market) => this.moveSurplus(market, state.env.now),
      (s, tonnes, content) => (refill as ReserveRefill).land(s, tonnes, content),
      log !== undefined,
    );
    refill = new ReserveRefill(state, this.shipping.reserveInTransit);
    this.refill = refill;
    this.qualification = new SupplierQualification(state);
    this.licences = new LicenceOffice(state, this.shipping, (market, t) => this.qualification.startFor(market, t), log);
    this.book = new OrderBook(state, this.shipping, this.licences);
    this.screen = new ControlScreen(state.originSlot, state.originCount);
    const noContent = new Float64Array(state.originCount);
    this.importRoutes = markets.map((market) =>
      market.imports.map((share): ImportRoute => {
        const k = market.commodity;
        const frontRunControls = state
          .controlsOn(share.supplier, k)
          .map((c) => state.controls[c])
          .filter((control) => control.frontRunCoverDays > 0 && control.governsOwnRoute(share.supplier, k, market.country));
        return {
          share: share.share,
          supplier: share.supplier,
          transitDays: this.shipping.transit(share.supplier, market.country),
          content: state.marketAt(share.supplier, k)?.content ?? noContent,
          controls: this.book.controlsOnRoute(market, share.supplier),
          frontRunControls,
        };
      }),
    );
    this.frontRunRoutes = this.importRoutes.map((routes) => routes.filter((route) => route.frontRunControls.length > 0));
    this.spareBySupplier = new Float64Array(this.countryCount);
    this.expectedLeadDays = new Float64Array(markets.length);
    this.exportRate = new Float64Array(markets.length);
    this.orderRate = new Float64Array(markets.length);
    for (const market of markets) {
      let lead = market.imports.length === 0 ? spec.trade.defaultTransitDays : 0;
      for (const share of market.imports) lead += share.share * this.shipping.transit(share.supplier, market.country);
      this.expectedLeadDays[market.index] = lead;
    }
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
      const use = market.demand.wantedRate + claims;
      const cycleDays = spec.trade.orderIntervalDays + this.expectedLeadDays[m];
      market.setOpeningStock(market.coverDays * use + Math.max(0, use - production) * cycleDays);
    });
    this.scheduleRound(0);
    // Importers re-plan on the dates a control's own terms set (announcement, effect, end); an
    // end-use control screens no order, so its dates change no one's plan.
    for (const control of this.state.controls) {
      if (control.isDefenceOnly) continue;
      for (const time of [control.announcedTime, control.effectiveTime, control.endTime]) if (time !== null && time > 0) this.replanAt(time);
    }
  }

  /**
   * Importers re-plan at `time`: a round then, and the grid restarts from it. For the end of
   * `control`'s suspension, give the control: a suspension extended meanwhile moves the date.
   */
  replanAt(time: number, control = -1): void {
    if (control >= 0 && this.state.controls[control].isDefenceOnly) return;
    if (time > this.state.env.now) this.state.env.scheduleAt(time, this.onReplan, control, Priority.EARLY);
  }

  /**
   * Importers re-plan now: a round runs today (after the day's other events), unless one ran or
   * is due today, or every control of `controls` (when given) is an end-use control.
   */
  replan(controls?: readonly number[]): void {
    if (controls !== undefined && controls.every((c) => this.state.controls[c].isDefenceOnly)) return;
    const now = this.state.env.now;
    if (this.lastRoundTime === now || this.nextRoundTime === now) return;
    if (this.nextRound !== undefined) this.state.env.cancel(this.nextRound);
    this.scheduleRound(now);
  }

  private scheduleRound(time: number): void {
    this.nextRoundTime = time;
    this.nextRound = this.state.env.scheduleAt(time, this.onRound, 0, Priority.LATE);
  }

  private runRound(): void {
    const state = this.state;
    const t = state.env.now;
    state.advanceAll(t);
    const interval = state.spec.trade.orderIntervalDays;
    // A round after a re-plan may come sooner than the interval: the rate is over the days since
    // the last round, and the last estimate weighs as it would after that share of an interval.
    const elapsed = this.lastRoundTime === -Infinity ? interval : t - this.lastRoundTime;
    const weight = elapsed === interval ? EXPORT_RATE_SMOOTHING : Math.pow(EXPORT_RATE_SMOOTHING, elapsed / interval);
    this.lastRoundTime = t;
    for (const market of state.markets) {
      // Smoothed over rounds: a re-exporter keeps buying what it sells on.
      const m = market.index;
      const exported = market.takeExportedTonnes();
      if (elapsed > 0) this.exportRate[m] = weight * this.exportRate[m] + (1 - weight) * (exported / elapsed);
    }
    const asked = this.book.askedTonnes;
    asked.fill(0);
    for (let k = 0; k < state.spec.commodities.length; k++) this.tradeCommodity(k, t);
    // Smoothed like exports, so one round's lump (a buyer's first order fills its whole cover) fades.
    for (let m = 0; m < asked.length; m++) this.orderRate[m] = EXPORT_RATE_SMOOTHING * this.orderRate[m] + (1 - EXPORT_RATE_SMOOTHING) * (asked[m] / interval);
    for (const market of state.markets) this.moveSurplus(market, t);
    state.settle();
    this.scheduleRound(t + interval);
  }

  /**
   * A producing host moves what it holds beyond its users' commercial target into its reserves.
   * The target is worked out only for such hosts: every other market (most cargo lands in
   * importers) would compute it for nothing.
   */
  private moveSurplus(market: Market, t: number): void {
    if (this.refill.movesSurplus(market)) this.refill.moveSurplus(market, this.commercialTarget(market, t), t);
  }

  /**
   * Days from ordering to delivery an importer plans with: transit from each baseline source,
   * plus, where a licence is needed now, the mean review time and the authority's present
   * backlog, weighted by share.
   */
  private plannedLeadDays(market: Market, t: number): number {
    if (market.imports.length === 0) return this.expectedLeadDays[market.index];
    const state = this.state;
    let lead = 0;
    for (const route of this.importRoutes[market.index]) {
      let licenceDays = 0;
      let licensedShare = 0;
      // A route no control can govern needs no licence: its screen would be empty.
      if (route.controls.length > 0) {
        const screen = this.screen.evaluate(state.controls, route.controls, market.commodity, route.supplier, market.country, t, route.content);
        for (let i = 0; i < screen.licensingCount; i++) {
          const licensing = screen.licensing[i];
          const authority = this.licences.authorities[licensing.authority];
          licenceDays = Math.max(licenceDays, meanOf(licensing.processingDays) + authority.backlogDays);
        }
        licensedShare = screen.licensedShare;
      }
      lead += route.share * (route.transitDays + licenceDays * licensedShare);
    }
    return lead;
  }

  /** Tonnes market `m` orders this round: up to its target, less what it holds and has coming. */
  private orderTonnes(market: Market, t: number): number {
    return Math.max(0, this.commercialTarget(market, t) - this.position(market));
  }

  /** What a market holds and has coming: stock, cargo at sea, expected licensed tonnes. */
  private position(market: Market): number {
    return market.level + market.inTransitTonnes + market.expectedFromLicencesTonnes;
  }

  /**
   * The position a market's users need: cover (plus the front-running cover of announced
   * controls it faces) plus net use over the round and the lead time.
   */
  private commercialTarget(market: Market, t: number): number {
    const use = market.useRate;
    const cover = market.coverDays + this.frontRunDays(market, t);
    const netUse = Math.max(0, use + this.exportRate[market.index] - market.rates.production);
    if (netUse <= 0) return cover * use;
    const cycleDays = this.state.spec.trade.orderIntervalDays + this.plannedLeadDays(market, t);
    return cover * use + netUse * cycleDays;
  }

  /** What market `m` sells abroad, smoothed over ordering rounds, tonnes/day. */
  exportRateOf(m: number): number {
    return this.exportRate[m];
  }

  /**
   * What buyers abroad ask of market `m` and its controls let it sell now (not waiting for a
   * licence), smoothed over ordering rounds, tonnes/day: its sales had its stock been enough to
   * fill every order.
   */
  orderRateOf(m: number): number {
    return this.orderRate[m];
  }

  /**
   * Extra days of cover a market seeks because controls it faces are expected and not in force
   * (announced and not yet effective, or suspended until a known date): each such control's front-running days, weighted by the share of imports it would
   * govern (its baseline sources that are the control's exporter). Suppliers fill it only from
   * what they can spare, so the rule is bounded by them.
   */
  frontRunDays(market: Market, t: number): number {
    let days = 0;
    // Only sources with such controls are visited: the others add nothing (their share times 0).
    for (const route of this.frontRunRoutes[market.index]) {
      const controls = route.frontRunControls;
      let extra = 0;
      for (let i = 0; i < controls.length; i++) {
        const control = controls[i];
        if (!control.isExpectedAt(t)) continue;
        extra = Math.max(extra, control.frontRunCoverDays * control.coverage);
      }
      days += route.share * extra;
    }
    return days;
  }

  private tradeCommodity(k: number, t: number): void {
    const { markets } = this.state;
    const marketIndices = this.state.marketsByCommodity[k];
    const book = this.book;
    const unfilled = book.unfilledTonnes;
    for (const m of marketIndices) {
      unfilled[m] = 0;
      const market = markets[m];
      const tonnes = this.orderTonnes(market, t);
      if (tonnes <= DUST_TONNES) continue;
      if (market.imports.length === 0) unfilled[m] = tonnes;
      for (const share of market.imports) book.place(market, share.supplier, tonnes * share.share, t);
    }
    book.fill(k);

    // Second pass: what baseline suppliers could not ship goes to any qualified supplier with
    // spare supply, in proportion to that spare.
    const carried: number[] = [];
    for (const m of marketIndices) if (unfilled[m] > DUST_TONNES) carried.push(m);
    // Each supplier's spare is worked out once per market: placing orders files applications
    // and queues orders but moves no stock, so it is the same when the orders are placed.
    // Qualified suppliers are visited by ascending country, as the sums and orders require.
    const spareOf = this.spareBySupplier;
    const qualification = this.qualification;
    for (const m of carried) {
      const market = markets[m];
      const tonnes = unfilled[m];
      unfilled[m] = 0;
      const suppliers = qualification.qualifiedSupplierCount(m);
      let totalSpare = 0;
      for (let i = 0; i < suppliers; i++) {
        const s = qualification.qualifiedSupplier(m, i);
        if (s === market.country) continue;
        spareOf[s] = book.spareOf(s, market, t);
        totalSpare += spareOf[s];
      }
      if (totalSpare <= DUST_TONNES) {
        unfilled[m] = tonnes;
        continue;
      }
      for (let i = 0; i < suppliers; i++) {
        const s = qualification.qualifiedSupplier(m, i);
        if (s === market.country) continue;
        const spare = spareOf[s];
        if (spare > 0) book.place(market, s, (tonnes * spare) / totalSpare, t);
      }
    }
    book.fill(k);
    for (const m of carried) if (unfilled[m] > DUST_TONNES) this.qualification.startFor(markets[m], t);
    // Reserves buy last, from what suppliers have left once every commercial order is filled:
    // a refill never takes supply that users anywhere could have had this round.
    this.refill.placeOrders(k, book, t);
    book.fill(k);
    for (const m of marketIndices) unfilled[m] = 0;
  }

  /** Tonnes shipped per calendar year and route in the reported period, sorted. */
  tradeFlows(): TradeFlow[] {
    return this.shipping.tradeFlows();
  }

  /** Raises a reserve's target by `tonnes`, to be bought through trade like any refill. */
  purchase(s: number, tonnes: number): void {
    this.refill.purchase(s, tonnes);
  }
}
