/**
 * Shipping: cargo between countries. A shipment leaves the exporter's stock at once and lands
 * in the importer's (or, bought for a reserve, in the reserve) after the route's transit time,
 * carrying its origin content; commercial cargo landing in the same market at the same moment
 * travels as one shipment (one event). Records tonnes per year and route over the reported
 * period, and how many of them were of a controlling exporter's origin (trade.csv), in runs
 * that keep their timeline.
 */
import { Priority } from "../engine/index.js";
import { yearOfEpochDay } from "./calendar.js";
import type { Market } from "./market.js";
import type { WorldState } from "./world-state.js";

/** Tonnes shipped on one route in one calendar year (by departure date). */
export interface TradeFlow {
  readonly year: number;
  readonly exporter: string;
  readonly importer: string;
  readonly commodity: string;
  readonly tonnes: number;
  /** Of those, tonnes of a controlling exporter's origin (content tracked through stocks and recipes). */
  readonly controlledOriginTonnes: number;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ships cargo, lands it, and keeps the route record. */
export class Shipping {
  private readonly state: WorldState;
  private readonly countryCount: number;
  private readonly transitDays: Float64Array;
  /** Called after cargo lands in a market (already advanced and touched), before re-solving. */
  private readonly onLanded: (market: Market) => void;
  /** Called when cargo bought for a reserve lands (tonnes and origin content). */
  private readonly onReserveCargo: (reserve: number, tonnes: number, content: Float64Array) => void;
  private readonly shipmentMarket: number[] = [];
  private readonly shipmentTonnes: number[] = [];
  /** The reserve a shipment is bought for (it lands in the reserve), or -1. */
  private readonly shipmentReserve: number[] = [];
  /** Origin content of each shipment: origins values per shipment, flat. */
  private readonly shipmentContent: number[] = [];
  private readonly freeShipments: number[] = [];
  private readonly origins: number;
  private readonly landing: Float64Array;
  /** Tonnes bought for each reserve and at sea. */
  readonly reserveInTransit: Float64Array;
  /** Per market: the latest shipment still at sea and its arrival time (-1 when none). */
  private readonly latestShipment: Int32Array;
  private readonly latestArrival: Float64Array;
  /** Tonnes shipped in the reported period, by route key (year, exporter, importer, commodity), and of controlled origin. */
  private readonly shippedByRoute = new Map<number, number>();
  private readonly originByRoute = new Map<number, number>();
  /** Whether the route record is kept (runs that keep their timeline: a sweep's replicates do not read it). */
  private readonly recordsRoutes: boolean;
  private cachedYearDay = -1;
  private cachedYear = 0;
  private readonly onArrival = (shipment: number): void => this.arrive(shipment);

  constructor(state: WorldState, onLanded: (market: Market) => void, onReserveCargo: (reserve: number, tonnes: number, content: Float64Array) => void, recordsRoutes = true) {
    this.state = state;
    this.recordsRoutes = recordsRoutes;
    this.onLanded = onLanded;
    this.onReserveCargo = onReserveCargo;
    const { spec, markets } = state;
    const countryCount = spec.countries.length;
    this.countryCount = countryCount;
    this.transitDays = new Float64Array(countryCount * countryCount).fill(spec.trade.defaultTransitDays);
    for (const route of spec.trade.routes) this.transitDays[route.from * countryCount + route.to] = route.transitDays;
    this.latestShipment = new Int32Array(markets.length).fill(-1);
    this.latestArrival = new Float64Array(markets.length).fill(-1);
    this.origins = state.originCount;
    this.landing = new Float64Array(this.origins);
    this.reserveInTransit = new Float64Array(state.stockpiles.length);
  }

  /** Transit days from country `from` to country `to`. */
  transit(from: number, to: number): number {
    return this.transitDays[from * this.countryCount + to];
  }

  /**
   * Sends `tonnes` from country `supplier` to market `m` now, of origin content `content` (by
   * origin slot; default the supplier's stock's mix). For a reserve's refill, `reserve` names it:
   * the cargo lands in the reserve.
   */
  ship(supplier: number, m: number, tonnes: number, content?: Float64Array, reserve = -1): void {
    const state = this.state;
    const destination = state.markets[m];
    const origin = state.marketAt(supplier, destination.commodity) as Market;
    origin.advanceTo(state.env.now);
    const cargo = content ?? origin.content;
    origin.dispatch(tonnes, content);
    if (this.recordsRoutes && state.env.now >= state.spec.warmUpDays) {
      const year = this.yearAt(state.env.now);
      const key = this.routeKey(year, supplier, destination.country, destination.commodity);
      this.shippedByRoute.set(key, (this.shippedByRoute.get(key) ?? 0) + tonnes);
      let controlled = 0;
      for (let o = 0; o < this.origins; o++) controlled += cargo[o];
      if (controlled > 0) this.originByRoute.set(key, (this.originByRoute.get(key) ?? 0) + tonnes * Math.min(1, controlled));
    }
    state.touchMarket(origin.index);
    destination.expectCargo(tonnes);
    const arrival = state.env.now + this.transit(supplier, destination.country);
    // Commercial cargo landing in the same market at the same moment travels as one shipment: one event.
    if (reserve < 0 && this.latestArrival[m] === arrival) {
      const shipment = this.latestShipment[m];
      const before = this.shipmentTonnes[shipment];
      for (let o = 0; o < this.origins; o++) {
        const at = shipment * this.origins + o;
        this.shipmentContent[at] = (this.shipmentContent[at] * before + cargo[o] * tonnes) / (before + tonnes);
      }
      this.shipmentTonnes[shipment] = before + tonnes;
      return;
    }
    if (reserve >= 0) this.reserveInTransit[reserve] += tonnes;
    const shipment = this.freeShipments.pop() ?? this.shipmentMarket.length;
    this.shipmentMarket[shipment] = m;
    this.shipmentTonnes[shipment] = tonnes;
    this.shipmentReserve[shipment] = reserve;
    for (let o = 0; o < this.origins; o++) this.shipmentContent[shipment * this.origins + o] = cargo[o];
    if (reserve < 0) {
      this.latestShipment[m] = shipment;
      this.latestArrival[m] = arrival;
    }
    state.env.scheduleAt(arrival, this.onArrival, shipment, Priority.NORMAL);
  }

  private arrive(shipment: number): void {
    const state = this.state;
    const market = state.markets[this.shipmentMarket[shipment]];
    const tonnes = this.shipmentTonnes[shipment];
    const reserve = this.shipmentReserve[shipment];
    for (let o = 0; o < this.origins; o++) this.landing[o] = this.shipmentContent[shipment * this.origins + o];
    this.freeShipments.push(shipment);
    if (this.latestShipment[market.index] === shipment) this.latestArrival[market.index] = -1;
    market.advanceTo(state.env.now);
    if (reserve >= 0) {
      // Bought for the reserve: it lands there (the host records the import, the reserve the stock).
      market.receiveForReserve(tonnes);
      this.reserveInTransit[reserve] = Math.max(0, this.reserveInTransit[reserve] - tonnes);
      this.onReserveCargo(reserve, tonnes, this.landing);
      state.settle();
      return;
    }
    market.receive(tonnes, this.landing);
    state.touchMarket(market.index);
    this.onLanded(market);
    state.settle();
  }

  /** Tonnes shipped per calendar year and route in the reported period, sorted (none when routes are not recorded). */
  tradeFlows(): TradeFlow[] {
    const { spec } = this.state;
    const countries = spec.countries.length;
    const commodities = spec.commodities.length;
    return [...this.shippedByRoute.entries()]
      .map(([key, tonnes]) => {
        const k = key % commodities;
        const to = Math.floor(key / commodities) % countries;
        const from = Math.floor(key / (commodities * countries)) % countries;
        const year = Math.floor(key / (commodities * countries * countries));
        return {
          year,
          exporter: spec.countries[from].id,
          importer: spec.countries[to].id,
          commodity: spec.commodities[k].id,
          tonnes,
          controlledOriginTonnes: this.originByRoute.get(key) ?? 0,
        };
      })
      .sort(
        (a, b) =>
          a.year - b.year ||
          compare(a.commodity, b.commodity) ||
          compare(a.importer, b.importer) ||
          compare(a.exporter, b.exporter),
      );
  }

  /** Calendar year of simulation time `t` (cached: shipments come in runs on the same day). */
  private yearAt(t: number): number {
    const day = Math.floor(t);
    if (day !== this.cachedYearDay) {
      this.cachedYearDay = day;
      this.cachedYear = yearOfEpochDay(this.state.originEpochDay + day);
    }
    return this.cachedYear;
  }

  private routeKey(year: number, from: number, to: number, commodity: number): number {
    const countries = this.countryCount;
    return ((year * countries + from) * countries + to) * this.state.spec.commodities.length + commodity;
  }
}
