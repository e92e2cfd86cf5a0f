/**
 * LicenceLog: the daily record of licensing per route (exporter, commodity, destination):
 * tonnes applied for, approved and refused that day, and what is still pending at its end, in
 * tonnes and applications. One row per reported day and route with anything pending or decided.
 */

/** One day of one route's licensing. */
export interface LicenceRow {
  /** Reported day (0 = the start date). */
  readonly day: number;
  readonly exporter: number;
  readonly commodity: number;
  readonly destination: number;
  readonly appliedTonnes: number;
  readonly approvedTonnes: number;
  readonly refusedTonnes: number;
  readonly pendingTonnes: number;
  readonly pendingApplications: number;
}

interface RouteState {
  readonly exporter: number;
  readonly commodity: number;
  readonly destination: number;
  /** The simulation day being accumulated. */
  day: number;
  applied: number;
  approved: number;
  refused: number;
  pendingTonnes: number;
  pendingApplications: number;
}

/** Accumulates licensing by route and day. */
export class LicenceLog {
  private readonly firstDay: number;
  private readonly dayCount: number;
  private readonly routes = new Map<number, RouteState>();
  private readonly rows: LicenceRow[] = [];
  private readonly countryCount: number;
  private readonly commodityCount: number;

  constructor(firstDay: number, dayCount: number, countryCount: number, commodityCount: number) {
    this.firstDay = firstDay;
    this.dayCount = dayCount;
    this.countryCount = countryCount;
    this.commodityCount = commodityCount;
  }

  /** An application of `tonnes` filed at time `t`. */
  applied(t: number, exporter: number, commodity: number, destination: number, tonnes: number): void {
    const route = this.routeAt(t, exporter, commodity, destination);
    route.applied += tonnes;
    route.pendingTonnes += tonnes;
    route.pendingApplications++;
  }

  /** A decision at time `t` on an application of `tonnes`. */
  decided(t: number, exporter: number, commodity: number, destination: number, tonnes: number, approved: boolean): void {
    const route = this.routeAt(t, exporter, commodity, destination);
    if (approved) route.approved += tonnes;
    else route.refused += tonnes;
    route.pendingTonnes = Math.max(0, route.pendingTonnes - tonnes);
    route.pendingApplications--;
  }

  /** Every row up to the end of the reported period, sorted by exporter, commodity, destination and day. */
  finish(endDay: number): LicenceRow[] {
    for (const route of this.routes.values()) this.flush(route, endDay);
    return [...this.rows].sort((a, b) => a.exporter - b.exporter || a.commodity - b.commodity || a.destination - b.destination || a.day - b.day);
  }

  private routeAt(t: number, exporter: number, commodity: number, destination: number): RouteState {
    const key = (exporter * this.commodityCount + commodity) * this.countryCount + destination;
    let route = this.routes.get(key);
    const day = Math.floor(t);
    if (route === undefined) {
      route = { exporter, commodity, destination, day, applied: 0, approved: 0, refused: 0, pendingTonnes: 0, pendingApplications: 0 };
      this.routes.set(key, route);
    } else if (day > route.day) this.flush(route, day);
    return route;
  }

  /** Writes the route's days from its open day up to (not including) `until`. */
  private flush(route: RouteState, until: number): void {
    while (route.day < until) {
      const isEventful = route.applied > 0 || route.approved > 0 || route.refused > 0 || route.pendingApplications > 0;
      const reported = route.day - this.firstDay;
      if (isEventful && reported >= 0 && reported < this.dayCount) {
        this.rows.push({
          day: reported,
          exporter: route.exporter,
          commodity: route.commodity,
          destination: route.destination,
          appliedTonnes: route.applied,
          approvedTonnes: route.approved,
          refusedTonnes: route.refused,
          pendingTonnes: route.pendingTonnes,
          pendingApplications: route.pendingApplications,
        });
      }
      route.applied = 0;
      route.approved = 0;
      route.refused = 0;
      // Days with nothing pending and nothing decided leave no row: skip them at once.
      route.day = route.pendingApplications === 0 ? until : route.day + 1;
    }
  }
}
