/**
 * LicenceOffice: licence applications under export controls, from filing to shipment.
 *
 * Whether an application is approved and how long its review takes are drawn when it is filed,
 * from draws keyed by route, day and rank (see KeyedStream), so that policies compared on one
 * seed meet the same licensing luck. It then joins its authority's queue (LicensingAuthority),
 * whose capacity decides when its review starts; the decision comes its review time later.
 * An approval may grant less than was asked (the licence's approved share, drawn per
 * application); the rest is refused. An approved licence ships what the exporter can spare; with
 * a validity period the rest stays licensed on that route until it expires, and later orders
 * ship against it before anyone applies again. Importers count pending applications at their
 * expected outcome (approval probability times the mean approved share).
 */
import { Priority, type Distribution, type KeyedStream } from "../engine/index.js";
import { ControlScreen } from "./control-screen.js";
import type { ExportControl } from "./export-control.js";
import { drawInput } from "./input-draw.js";
import type { LicenceLog } from "./licence-log.js";
import { LicensingAuthority } from "./licensing-authority.js";
import type { Market } from "./market.js";
import { Licensing } from "./measures/licensing.js";
import type { Shipping } from "./shipping.js";
import { DUST_TONNES, ROUNDING_SHARE } from "./tolerance.js";
import type { WorldState } from "./world-state.js";

/**
 * Most applications one order is split into (a larger order files bigger ones). A grain, not a
 * rule of any office: 16 spreads a route's approvals over the review times about as well as 64
 * (the graphite check of docs/validation.md passes in every replicate at both), at a quarter of
 * the events.
 */
const MAX_APPLICATIONS_PER_ORDER = 16;

/** Tonnes licensed on one route (supplier to market) and the time the licence lapses. */
interface OpenLicence {
  tonnes: number;
  expires: number;
}

/** Files applications, runs the authorities' queues and carries out decisions. */
export class LicenceOffice {
  private readonly state: WorldState;
  private readonly shipping: Shipping;
  /** Called when an application ends with tonnes not shipped (refused, or nothing to spare). */
  private readonly onShortfall: (market: Market, t: number) => void;
  private readonly log: LicenceLog | undefined;
  readonly authorities: LicensingAuthority[];
  private readonly screen: ControlScreen;
  private readonly content: Float64Array;
  private readonly applicationMarket: number[] = [];
  private readonly applicationSupplier: number[] = [];
  private readonly applicationTonnes: number[] = [];
  private readonly applicationApproved: boolean[] = [];
  /** Tonnes an approval grants (the approved share of those asked; 0 if refused). */
  private readonly applicationGranted: number[] = [];
  private readonly applicationDays: number[] = [];
  private readonly applicationValidity: number[] = [];
  private readonly applicationExpectedTonnes: number[] = [];
  /** Id of each application's pending decision event, or -1. */
  private readonly applicationDecision: number[] = [];
  private readonly freeApplications: number[] = [];
  /** Licence draws by (control, exporter, importer market), cached: names are built once. */
  private readonly licenceRoutes = new Map<number, { stream: KeyedStream; day: number; count: number }>();
  /** Open licences by route key supplier * markets + market. */
  private readonly openLicences = new Map<number, OpenLicence>();
  private readonly onDecision = (application: number): void => this.decide(application);

  constructor(state: WorldState, shipping: Shipping, onShortfall: (market: Market, t: number) => void, log: LicenceLog | undefined) {
    this.state = state;
    this.shipping = shipping;
    this.onShortfall = onShortfall;
    this.log = log;
    this.screen = new ControlScreen(state.originSlot, state.originCount);
    this.content = new Float64Array(state.originCount);
    this.authorities = state.spec.authorities.map(
      (a, i) => new LicensingAuthority(i, a.id, a.capacity, state.env, (application, start) => this.startReview(application, start)),
    );
  }

  /**
   * Tonnes of an order on this route that an open licence covers: taken off the licence (they
   * ship as if free). Expired licences are dropped.
   */
  drawOnOpenLicence(market: Market, supplier: number, tonnes: number): number {
    if (this.openLicences.size === 0) return 0;
    const key = supplier * this.state.markets.length + market.index;
    const licence = this.openLicences.get(key);
    if (licence === undefined) return 0;
    if (licence.expires <= this.state.env.now) {
      this.openLicences.delete(key);
      return 0;
    }
    const covered = Math.min(tonnes, licence.tonnes);
    licence.tonnes -= covered;
    if (licence.tonnes <= DUST_TONNES) this.openLicences.delete(key);
    return covered;
  }

  /**
   * Files an order's applications for the licences in `screen`: one, or, where the controls
   * say how many tonnes an application covers, as many as the order holds (at most
   * MAX_APPLICATIONS_PER_ORDER), each decided on its own. Approvals and review times are drawn now.
   */
  apply(market: Market, supplier: number, tonnes: number, screen: ControlScreen): void {
    let size = Infinity;
    for (let i = 0; i < screen.licensingCount; i++) size = Math.min(size, screen.licensing[i].applicationTonnes);
    const count = Number.isFinite(size) ? Math.min(MAX_APPLICATIONS_PER_ORDER, Math.max(1, Math.ceil(tonnes / size - ROUNDING_SHARE))) : 1;
    for (let k = 0; k < count; k++) this.file(market, supplier, tonnes / count, screen);
  }

  private file(market: Market, supplier: number, tonnes: number, screen: ControlScreen): void {
    const state = this.state;
    let approved = true;
    let approvalProbability = 1;
    let grantedShare = 1;
    let expectedShare = 1;
    let processingDays = 0;
    let validityDays = Infinity;
    let authority = -1;
    for (let i = 0; i < screen.licensingCount; i++) {
      const licensing = screen.licensing[i];
      const stream = this.licenceStream(licensing.controlIndex, supplier, market);
      const probability = licensing.approvalByCountry[market.country];
      const isApproved = stream.bernoulli(probability);
      approvalProbability *= probability;
      const days = Math.max(0, drawInput(licensing.processingDays, stream, licensing.processingTimePath));
      // A fixed share (1 by default) draws nothing, so the draws above are as they were without it.
      grantedShare = Math.min(grantedShare, Math.min(1, Math.max(0, drawInput(licensing.approvedShare, stream, licensing.approvedSharePath))));
      expectedShare = Math.min(expectedShare, licensing.meanApprovedShare);
      approved = approved && isApproved;
      processingDays = Math.max(processingDays, days);
      validityDays = Math.min(validityDays, licensing.validityDays);
      // The first licensing control's authority reviews the application.
      if (authority < 0) authority = licensing.authority;
    }
    const application = this.freeApplications.pop() ?? this.applicationMarket.length;
    this.applicationMarket[application] = market.index;
    this.applicationSupplier[application] = supplier;
    this.applicationTonnes[application] = tonnes;
    this.applicationGranted[application] = approved ? tonnes * grantedShare : 0;
    this.applicationApproved[application] = approved;
    this.applicationDays[application] = processingDays;
    this.applicationValidity[application] = Number.isFinite(validityDays) ? validityDays : 0;
    // Counted at its expected value, so an importer facing refusals orders enough to make up for them.
    this.applicationExpectedTonnes[application] = tonnes * approvalProbability * expectedShare;
    this.applicationDecision[application] = -1;
    market.applicationFiled(this.applicationExpectedTonnes[application]);
    this.log?.applied(state.env.now, supplier, market.commodity, market.country, tonnes);
    this.authorities[authority < 0 ? 0 : authority].file(application, tonnes);
  }

  /** Its authority starts the review: the decision comes the review time later. */
  /** Its review starts at `start` (now or later; again, later, if the office's pace changes): the decision comes the review time after. */
  private startReview(application: number, start: number): void {
    const env = this.state.env;
    if (this.applicationDecision[application] !== -1) env.cancel(this.applicationDecision[application]);
    this.applicationDecision[application] = env.scheduleAt(start + this.applicationDays[application], this.onDecision, application, Priority.NORMAL);
  }

  /**
   * The draws deciding one application under one control on one route: keyed by the day and
   * the application's rank that day, so a policy that files more or fewer applications
   * elsewhere, or earlier on another day, leaves this decision's numbers unchanged.
   */
  private licenceStream(control: number, supplier: number, market: Market): KeyedStream {
    const key = (control * this.state.spec.countries.length + supplier) * this.state.markets.length + market.index;
    let route = this.licenceRoutes.get(key);
    if (route === undefined) {
      const { spec } = this.state;
      const name = `licence/${spec.controls[control].id}/${spec.countries[supplier].id}/${spec.countries[market.country].id}/${spec.commodities[market.commodity].id}`;
      route = { stream: this.state.streams.keyed(name), day: -1, count: 0 };
      this.licenceRoutes.set(key, route);
    }
    const day = Math.floor(this.state.env.now);
    if (route.day !== day) {
      route.day = day;
      route.count = 0;
    }
    return route.stream.at(day, route.count++);
  }

  private decide(application: number): void {
    this.applicationDecision[application] = -1;
    const state = this.state;
    const t = state.env.now;
    const market = state.markets[this.applicationMarket[application]];
    const supplier = this.applicationSupplier[application];
    const tonnes = this.applicationTonnes[application];
    const approved = this.applicationApproved[application];
    const granted = this.applicationGranted[application];
    const validity = this.applicationValidity[application];
    this.freeApplications.push(application);
    market.applicationDecided(this.applicationExpectedTonnes[application]);
    this.log?.decided(t, supplier, market.commodity, market.country, tonnes, approved);
    let shipped = 0;
    if (approved) {
      const origin = state.marketAt(supplier, market.commodity) as Market;
      origin.advanceTo(t);
      const screen = this.screen.evaluate(state.controls, state.controlsOn(supplier, market.commodity), market.commodity, supplier, market.country, t, origin.content);
      if (!screen.isBarred) {
        shipped = Math.min(granted * (1 - screen.barredShare), origin.exportableTonnes, screen.quotaAllowanceTonnes);
        if (shipped > DUST_TONNES) {
          screen.chargeQuotas(shipped);
          this.shipping.ship(supplier, market.index, shipped, screen.shippedContent(origin.content, this.content));
        } else shipped = 0;
      }
      // The rest of what was granted stays licensed on the route for the licence's validity;
      // what it did not grant is refused.
      const rest = granted - shipped;
      const keepsRest = validity > 0 && rest > DUST_TONNES && !screen.isBarred;
      if (keepsRest) this.addOpenLicence(supplier, market.index, rest, t + validity);
      if ((rest > DUST_TONNES && !keepsRest) || tonnes - granted > DUST_TONNES) this.onShortfall(market, t);
    } else this.onShortfall(market, t);
    state.settle();
  }

  private addOpenLicence(supplier: number, m: number, tonnes: number, expires: number): void {
    const key = supplier * this.state.markets.length + m;
    const licence = this.openLicences.get(key);
    if (licence === undefined || licence.expires <= this.state.env.now) this.openLicences.set(key, { tonnes, expires });
    else {
      licence.tonnes += tonnes;
      licence.expires = Math.max(licence.expires, expires);
    }
  }

  /** The licensing controls' new approval rates, review time or authority capacity (a licensing-change event). */
  change(controls: readonly ExportControl[], approvalByCountry: readonly number[] | null, processingDays: Distribution | null, capacity: LicensingAuthority["capacity"] | null): void {
    const authorities = new Set<number>();
    for (const { measure } of controls) {
      // The scenario lets the event name licensing controls only; any other has no terms to change.
      if (!(measure instanceof Licensing)) continue;
      measure.change(approvalByCountry, processingDays);
      authorities.add(measure.authority);
    }
    if (capacity !== null) for (const a of [...authorities].sort((x, y) => x - y)) this.authorities[a].setCapacity(capacity);
  }
}
