/**
 * Shipping: cargo between countries. A shipment leaves the exporter's stock at once and lands
 * in the importer's after the route's transit time; cargo landing in the same market at the
 * same moment travels as one shipment (one event). Records tonnes per year and route over the
 * reported period (trade.csv).
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
  private readonly shipmentMarket: number[] = [];
  private readonly shipmentTonnes: number[] = [];
  private readonly freeShipments: number[] = [];
  /** Per market: the latest shipment still at sea and its arrival time (-1 when none). */
  private readonly latestShipment: Int32Array;
  private readonly latestArrival: Float64Array;
  /** Tonnes shipped in the reported period, by route key (year, exporter, importer, commodity). */
  private readonly shippedByRoute = new Map<number, number>();
  private cachedYearDay = -1;
  private cachedYear = 0;
  private readonly onArrival = (shipment: number): void => this.arrive(shipment);

  constructor(state: WorldState, onLanded: (market: Market) => void) {
    this.state = state;
    this.onLanded = onLanded;
    const { spec, markets } = state;
    const countryCount = spec.countries.length;
    this.countryCount = countryCount;
    this.transitDays = new Float64Array(countryCount * countryCount).fill(spec.trade.defaultTransitDays);
    for (const route of spec.trade.routes) this.transitDays[route.from * countryCount + route.to] = route.transitDays;
    this.latestShipment = new Int32Array(markets.length).fill(-1);
    this.latestArrival = new Float64Array(markets.length).fill(-1);
  }

  /** Transit days from country `from` to country `to`. */
  transit(from: number, to: number): number {
    return this.transitDays[from * this.countryCount + to];
  }

  /** Sends `tonnes` from country `supplier` to market `m` now. */
  ship(supplier: number, m: number, tonnes: number): void {
    const state = this.state;
    const destination = state.markets[m];
    const origin = state.marketAt(supplier, destination.commodity) as Market;
    origin.advanceTo(state.env.now);
    origin.dispatch(tonnes);
    if (state.env.now >= state.spec.warmUpDays) {
      const year = this.yearAt(state.env.now);
      const key = this.routeKey(year, supplier, destination.country, destination.commodity);
      this.shippedByRoute.set(key, (this.shippedByRoute.get(key) ?? 0) + tonnes);
    }
    state.touchMarket(origin.index);
    destination.inTransitTonnes += tonnes;
    const arrival = state.env.now + this.transit(supplier, destination.country);
    // Cargo landing in the same market at the same moment travels as one shipment: one event.
    if (this.latestArrival[m] === arrival) {
      this.shipmentTonnes[this.latestShipment[m]] += tonnes;
      return;
    }
    const shipment = this.freeShipments.pop() ?? this.shipmentMarket.length;
    this.shipmentMarket[shipment] = m;
    this.shipmentTonnes[shipment] = tonnes;
    this.latestShipment[m] = shipment;
    this.latestArrival[m] = arrival;
    state.env.scheduleAt(arrival, this.onArrival, shipment, Priority.NORMAL);
  }

  private arrive(shipment: number): void {
    const state = this.state;
    const market = state.markets[this.shipmentMarket[shipment]];
    const tonnes = this.shipmentTonnes[shipment];
    this.freeShipments.push(shipment);
    if (this.latestShipment[market.index] === shipment) this.latestArrival[market.index] = -1;
    market.advanceTo(state.env.now);
    market.receive(tonnes);
    market.inTransitTonnes = Math.max(0, market.inTransitTonnes - tonnes);
    state.touchMarket(market.index);
    this.onLanded(market);
    state.settle();
  }

  /** Tonnes shipped per calendar year and route in the reported period, sorted. */
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
        return { year, exporter: spec.countries[from].id, importer: spec.countries[to].id, commodity: spec.commodities[k].id, tonnes };
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
