/**
 * Market response: the discrete clock on which markets answer scarcity. Every `priceStepDays`
 * (at the start of a day, never inside a rate solve), for each commodity with a response, it
 * calls each mechanism in turn; each lives in its own file under `response/`, with its state:
 *
 * 1. Prices (`response/prices.ts`): each market's price index steps toward the target its cover,
 *    its output cut and the controls it expects over a horizon imply (`response/expected-scarcity.ts`),
 *    or toward what its customers pay while its country controls none of the commodity's exports.
 * 2. Substitution (`response/substitution.ts`): the substituted share of demand grows or unwinds.
 *    Demand then follows: buyers want gross demand x min(1, price^elasticity) x (1 - substituted
 *    share) (`respondedDemandShare`, handed to Demand).
 * 3. Throttling (`response/throttling.ts`): producers whose market stores more than it may cut
 *    their output, and run at capacity again once it is below the limit.
 * 4. Restarts (`response/restarts.ts`): idle capacity outside the controlling countries restarts
 *    while prices stay high, and winds down once they are back at the baseline.
 * 5. Expansion (`response/expansion.ts`): producers outside the controlling countries with no
 *    idle capacity left add to their own (brownfield) at a share of capacity a year while prices
 *    stay high, each step's decision online after a lead time.
 * 6. Investment (`response/investment.ts`): producers outside the controlling countries decide
 *    new capacity (a new mine or plant) while prices stay high, online after a longer lead time.
 *
 * Price floors (`response/floors.ts`), refreshed at the start of each step, shape three of them:
 * a tariff floor holds its member markets' prices up (1), a government floor keeps its producers
 * uncut and buys their glut (3), and restarts, expansion and investment answer at least the
 * floors their producers have (4-6). Their cost accrues daily (`accrueFloorCosts`).
 *
 * Every loop runs over markets and facilities in index order, so the response is deterministic.
 */
import type { DailyRecord } from "./daily-record.js";
import type { Demand } from "./demand.js";
import { Expansion } from "./response/expansion.js";
import { Floors } from "./response/floors.js";
import { Investment } from "./response/investment.js";
import { Prices } from "./response/prices.js";
import { Restarts } from "./response/restarts.js";
import { Substitution } from "./response/substitution.js";
import { Throttling } from "./response/throttling.js";
import type { TradeDesk } from "./trade-desk.js";
import type { CommodityResponse, ResponseSpec, WorldSpec } from "./world-spec.js";
import type { WorldState } from "./world-state.js";

/**
 * Demand buyers want at `price` after substituting `substituted` of it away, per tonne of
 * gross demand. A price below the baseline creates no demand beyond the gross (within a
 * scenario's horizon, new uses do not appear because a stock is cheap), so this is at most 1.
 */
export function respondedDemandShare(response: CommodityResponse, price: number, substituted: number): number {
  const priceFactor = response.elasticity === 0 || price <= 1 ? 1 : Math.pow(price, response.elasticity);
  return priceFactor * (1 - substituted);
}

/** Steps the response's mechanisms on its clock. */
export class MarketResponse {
  private readonly state: WorldState;
  private readonly demand: Demand;
  private readonly spec: ResponseSpec;
  private readonly prices: Prices;
  private readonly substitution: Substitution;
  private readonly throttling: Throttling;
  private readonly restarts: Restarts;
  private readonly expansion: Expansion;
  private readonly investment: Investment;
  private readonly floors: Floors;

  constructor(state: WorldState, demand: Demand, trade: TradeDesk, spec: ResponseSpec) {
    this.state = state;
    this.demand = demand;
    this.spec = spec;
    const controlling = controllingKeys(state.spec);
    this.floors = new Floors(state, state.spec.floors);
    this.throttling = new Throttling(state, trade, this.floors);
    this.prices = new Prices(state, spec, trade, this.throttling, this.floors);
    this.substitution = new Substitution(state.markets.length, spec.priceStepDays);
    this.restarts = new Restarts(state, spec, this.prices, this.floors, controlling);
    this.expansion = new Expansion(state, spec, this.prices, this.floors, controlling);
    this.investment = new Investment(state, spec, this.prices, this.floors, controlling);
  }

  /** Days between steps of the clock (steps fall on simulation days that are multiples of it). */
  get stepDays(): number {
    return this.spec.priceStepDays;
  }

  /** Notes the world's output at the start (facilities' day-0 rates must be set). */
  start(): void {
    this.floors.update(this.state.env.now);
    this.restarts.start();
  }

  /** One step of the clock, at the current time; the caller settles the dirty groups. */
  step(): void {
    const { state, spec } = this;
    this.floors.update(state.env.now);
    this.prices.aim();
    for (const market of state.markets) {
      const response = spec.byCommodity[market.commodity];
      if (response === null) continue;
      const m = market.index;
      const price = this.prices.step(m, response);
      const substituted = this.substitution.step(m, response, price);
      this.demand.respond(m, respondedDemandShare(response, price, substituted));
      this.throttling.step(m, response);
    }
    for (let k = 0; k < spec.byCommodity.length; k++) {
      const response = spec.byCommodity[k];
      if (response === null) continue;
      this.restarts.step(k, response);
      this.expansion.step(k, response);
      this.investment.step(k, response);
    }
  }

  /** Adds day `day`'s cost of the floors in force (at the rates and prices now). */
  accrueFloorCosts(day: number): void {
    if (this.floors.isEmpty) return;
    this.floors.update(day);
    this.floors.accrueDay(day, this.prices.unfloored);
  }

  /** By market: what its floors cost over the reported period, US$. */
  get floorCostUsd(): Float64Array {
    return this.floors.costUsd;
  }

  /** Hands every market's price path to the record. */
  recordPrices(record: DailyRecord): void {
    this.prices.record(record);
  }
}

/**
 * 1 for each (country, commodity), by key country * commodity count + commodity, under a control
 * of that country (on all uses) at any time of the run; else 0. Restarts and investment leave these producers
 * out for the whole run; prices ask which controls are in force at each step.
 */
function controllingKeys(spec: WorldSpec): Uint8Array {
  const commodities = spec.commodities.length;
  const keys = new Uint8Array(spec.countries.length * commodities);
  // An end-use control leaves its exporter's civilian trade alone: it makes no controlling producer.
  for (const control of spec.controls) if (control.endUse === "all") for (const k of control.commodities) keys[control.exporter * commodities + k] = 1;
  return keys;
}
