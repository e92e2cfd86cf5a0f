/**
 * LicenceOffice: licence applications under export controls. Whether an application is
 * approved and how long the decision takes are drawn when it is filed, from draws keyed by
 * route, day and rank (see KeyedStream), so that policies compared on one seed meet the same
 * licensing luck. Importers count pending applications at their expected approval.
 */
import { Priority, type KeyedStream } from "../engine/index.js";
import { ControlScreen } from "./control-screen.js";
import { drawInput } from "./input-draw.js";
import type { Market } from "./market.js";
import type { Shipping } from "./shipping.js";
import { DUST_TONNES } from "./tolerance.js";
import type { WorldState } from "./world-state.js";


/** Files applications and carries out decisions. */
export class LicenceOffice {
  private readonly state: WorldState;
  private readonly shipping: Shipping;
  /** Called when an application ends with tonnes not shipped (refused, or nothing to spare). */
  private readonly onShortfall: (market: Market, t: number) => void;
  private readonly screen = new ControlScreen();
  private readonly applicationMarket: number[] = [];
  private readonly applicationSupplier: number[] = [];
  private readonly applicationTonnes: number[] = [];
  private readonly applicationApproved: boolean[] = [];
  private readonly applicationExpectedTonnes: number[] = [];
  private readonly freeApplications: number[] = [];
  /** Licence draws by (control, exporter, importer market), cached: names are built once. */
  private readonly licenceRoutes = new Map<number, { stream: KeyedStream; day: number; count: number }>();
  private readonly onDecision = (application: number): void => this.decide(application);

  constructor(state: WorldState, shipping: Shipping, onShortfall: (market: Market, t: number) => void) {
    this.state = state;
    this.shipping = shipping;
    this.onShortfall = onShortfall;
  }

  /** Files an application for the licences in `screen`: the decision and its date are drawn now. */
  apply(market: Market, supplier: number, tonnes: number, screen: ControlScreen): void {
    const state = this.state;
    let approved = true;
    let approvalProbability = 1;
    let processingDays = 0;
    for (let i = 0; i < screen.licensingCount; i++) {
      const control = screen.licensing[i];
      if (control.measure.kind !== "licensing") continue;
      const stream = this.licenceStream(control.index, supplier, market);
      const probability = control.measure.approvalByCountry[market.country];
      const isApproved = stream.bernoulli(probability);
      approvalProbability *= probability;
      const days = Math.max(0, drawInput(control.measure.processingDays, stream, ["controls", control.id, "processingTime"]));
      approved = approved && isApproved;
      processingDays = Math.max(processingDays, days);
    }
    const application = this.freeApplications.pop() ?? this.applicationMarket.length;
    this.applicationMarket[application] = market.index;
    this.applicationSupplier[application] = supplier;
    this.applicationTonnes[application] = tonnes;
    this.applicationApproved[application] = approved;
    // Counted at its expected value, so an importer facing refusals orders enough to make up for them.
    this.applicationExpectedTonnes[application] = tonnes * approvalProbability;
    market.expectedFromLicencesTonnes += tonnes * approvalProbability;
    state.env.scheduleIn(processingDays, this.onDecision, application, Priority.NORMAL);
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
    const state = this.state;
    const t = state.env.now;
    const market = state.markets[this.applicationMarket[application]];
    const supplier = this.applicationSupplier[application];
    const tonnes = this.applicationTonnes[application];
    const approved = this.applicationApproved[application];
    this.freeApplications.push(application);
    market.expectedFromLicencesTonnes = Math.max(0, market.expectedFromLicencesTonnes - this.applicationExpectedTonnes[application]);
    let shipped = 0;
    if (approved) {
      const origin = state.marketAt(supplier, market.commodity) as Market;
      origin.advanceTo(t);
      const screen = this.screen.evaluate(state.controls, state.controlsOn(supplier, market.commodity), market.commodity, market.country, t);
      shipped = screen.isBanned ? 0 : Math.min(tonnes, origin.exportableTonnes, screen.quotaAllowanceTonnes);
      if (shipped > DUST_TONNES) {
        screen.chargeQuotas(shipped);
        this.shipping.ship(supplier, market.index, shipped);
      } else {
        shipped = 0;
      }
    }
    if (tonnes - shipped > DUST_TONNES) this.onShortfall(market, t);
    state.settle();
  }
}

