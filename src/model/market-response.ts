/**
 * Market response: the discrete clock on which markets answer scarcity. Every `priceStepDays`
 * (at the start of a day, never inside a rate solve), for each commodity with a response:
 *
 * 1. Each market's price index steps toward the target its cover ratio (stock and cargo at
 *    sea over the cover its buyers seek, which rises while a control they face is announced;
 *    tonnes waiting for licences do not count) or its output cut implies (market-price.ts), or toward what its customers pay if that is higher and it does
 *    not control the commodity's exports (free trade ties prices together; a control cuts the
 *    tie, so a controlling exporter's glut gives a two-tier price), and its substituted share
 *    of demand grows or unwinds.
 * 2. Demand: buyers want gross demand x min(1, price^elasticity) x (1 - substituted share).
 * 3. Producers whose market holds more than `storageDays` of their output cut it to what the
 *    market uses and sells (the output they keep is the oversupply signal of its price), and run
 *    at capacity again once the stock is below the limit.
 * 4. Idle capacity (capacity x (1 - utilization)) of producers outside the countries that
 *    control the commodity restarts once their market's price has stayed above the supply
 *    threshold for `restartDays`: all restarted output of a commodity grows by at most `supplyRampPerYear`
 *    of the world's output at the start, shared in proportion to each producer's idle capacity,
 *    and winds down the same way once the price is back at or below the baseline.
 * 5. Investment (off unless `investmentShare` > 0): producers outside the controlling countries
 *    whose price stays above the investment threshold decide new capacity, online after a lead
 *    time (years for mines, less for refineries and plants: set per commodity).
 *
 * Every loop runs over markets and facilities in index order, so the response is deterministic.
 */
import { Priority } from "../engine/index.js";
import { DAYS_PER_YEAR } from "./calendar.js";
import type { DailyRecord } from "./daily-record.js";
import type { Demand } from "./demand.js";
import { respondedDemandShare, steppedPrice, steppedSubstitution, targetPrice } from "./market-price.js";
import type { TradeDesk } from "./trade-desk.js";
import type { CommodityResponse, ResponseSpec } from "./world-spec.js";
import type { WorldState } from "./world-state.js";

/** Updates prices, demand response, throttles and restarted capacity on the response's clock. */
export class MarketResponse {
  private readonly state: WorldState;
  private readonly demand: Demand;
  private readonly trade: TradeDesk;
  private readonly spec: ResponseSpec;
  /** Substituted share of demand, by market. */
  private readonly substituted: Float64Array;
  /** Share of its producers' output a market keeps (1: no cut), by market. */
  private readonly keptOutput: Float64Array;
  /** Facilities by primary output market (outputs[0]), by market. */
  private readonly producersByMarket: number[][];
  /** Facilities that may restart idle capacity, by commodity. */
  private readonly restartable: number[][];
  /** Time since which the price a facility sees has stayed above the supply threshold (NaN: not above). */
  private readonly highSince: Float64Array;
  /** Time since which it has stayed above the investment threshold, or the last investment decision (NaN: not above). */
  private readonly investSince: Float64Array;
  /** Capacity share decided and not yet online, by facility. */
  private readonly committed: Float64Array;
  /** Producers outside the controlling countries, by commodity (candidates for investment). */
  private readonly investable: number[][];
  private readonly onCapacityOnline = (f: number): void => this.addCapacity(f);
  /** World output of each commodity at the start, tonnes/day. */
  private readonly worldOutput: Float64Array;
  /** Each market's price steps: the day of each and the price from then on. */
  private readonly priceDays: number[][];
  private readonly priceSteps: number[][];
  /** Each market's customers (markets that import from it) and their baseline shares of it. */
  private readonly customers: { readonly markets: Int32Array; readonly shares: Float64Array }[];
  /** Whether a market's country controls exports of its commodity (its price is not tied to its customers'). */
  private readonly isControlling: Uint8Array;
  /** Target prices of this step, by market. */
  private readonly targets: Float64Array;
  /** Commercial stock at this step, by market (levels move linearly between events). */
  private readonly levels: Float64Array;

  constructor(state: WorldState, demand: Demand, trade: TradeDesk, spec: ResponseSpec) {
    this.state = state;
    this.demand = demand;
    this.trade = trade;
    this.spec = spec;
    const markets = state.markets.length;
    const commodities = state.spec.commodities.length;
    this.substituted = new Float64Array(markets);
    this.keptOutput = new Float64Array(markets).fill(1);
    this.producersByMarket = Array.from({ length: markets }, () => []);
    this.restartable = Array.from({ length: commodities }, () => []);
    this.highSince = new Float64Array(state.facilities.length).fill(Number.NaN);
    this.investSince = new Float64Array(state.facilities.length).fill(Number.NaN);
    this.committed = new Float64Array(state.facilities.length);
    this.investable = Array.from({ length: commodities }, () => []);
    this.worldOutput = new Float64Array(commodities);
    this.priceDays = Array.from({ length: markets }, () => []);
    this.priceSteps = Array.from({ length: markets }, () => []);
    const customers: { m: number; share: number }[][] = state.markets.map(() => []);
    for (const market of state.markets) {
      for (const source of market.imports) {
        const supplier = state.marketAt(source.supplier, market.commodity);
        if (supplier !== undefined) customers[supplier.index].push({ m: market.index, share: source.share });
      }
    }
    this.customers = customers.map((list) => ({ markets: Int32Array.from(list, (x) => x.m), shares: Float64Array.from(list, (x) => x.share) }));
    this.targets = new Float64Array(markets);
    this.levels = new Float64Array(markets);
    const controls = new Set(state.spec.controls.flatMap((c) => c.commodities.map((k) => c.exporter * commodities + k)));
    this.isControlling = Uint8Array.from(state.markets, (m) => (controls.has(m.country * commodities + m.commodity) ? 1 : 0));
    for (const facility of state.facilities) {
      const primary = facility.spec.outputs[0];
      if (primary === undefined) continue;
      const market = state.marketAt(facility.spec.country, primary.commodity);
      if (market !== undefined) this.producersByMarket[market.index].push(facility.index);
      const controlling = controls.has(facility.spec.country * commodities + primary.commodity);
      const response = spec.byCommodity[primary.commodity];
      if (!controlling && facility.spec.utilization < 1 && response !== null) this.restartable[primary.commodity].push(facility.index);
      if (!controlling && response !== null && response.investmentShare > 0) this.investable[primary.commodity].push(facility.index);
    }
  }

  /** Days between steps of the clock (steps fall on simulation days that are multiples of it). */
  get stepDays(): number {
    return this.spec.priceStepDays;
  }

  /** Notes the world's output at the start (facilities' day-0 rates must be set). */
  start(): void {
    for (const facility of this.state.facilities) {
      for (const term of facility.spec.outputs) this.worldOutput[term.commodity] += facility.nominalRate * term.tonnesPerTonne;
    }
  }

  /** One step of the clock, at the current time; the caller settles the dirty groups. */
  step(): void {
    const { state, spec, targets, levels } = this;
    const now = state.env.now;
    // Targets first, all from the prices as the last step left them (so market order does not matter).
    for (const market of state.markets) {
      const response = spec.byCommodity[market.commodity];
      if (response === null) continue;
      const m = market.index;
      const use = market.grossDemandRate + market.nominalInputRate;
      const level = Math.max(0, market.level + market.netRate * (now - market.lastTime));
      levels[m] = level;
      // The cover buyers seek now: their own, plus front-running cover while a control they face is announced.
      const cover = market.coverDays + this.trade.frontRunDays(market, now);
      // A market that keeps no cover measures scarcity by the share of its use it is served.
      const served = use > 0 ? Math.min(1, (market.consumedRate + market.inputUseRate) / use) : 1;
      const ratio = use > 0 && cover > 0 ? (level + market.inTransitTonnes) / (cover * use) : served;
      const own = targetPrice(response, ratio, this.keptOutput[m]);
      targets[m] = this.isControlling[m] === 1 ? own : Math.max(own, this.customersPrice(m));
    }
    for (const market of state.markets) {
      const response = spec.byCommodity[market.commodity];
      if (response === null) continue;
      const m = market.index;
      const price = steppedPrice(response, market.priceIndex, targets[m], spec.priceStepDays);
      this.substituted[m] = steppedSubstitution(response, this.substituted[m], price, spec.priceStepDays);
      if (price !== market.priceIndex) {
        market.priceIndex = price;
        this.priceDays[m].push(now);
        this.priceSteps[m].push(price);
      }
      this.demand.respond(m, respondedDemandShare(response, price, this.substituted[m]));
      if (Number.isFinite(response.storageDays)) this.throttle(m, response, levels[m]);
    }
    for (let k = 0; k < this.restartable.length; k++) {
      const response = spec.byCommodity[k];
      if (response !== null && this.restartable[k].length > 0) this.restart(k, response);
      if (response !== null && this.investable[k].length > 0) this.invest(k, response);
    }
  }

  /**
   * Investment: a producer outside the controlling countries whose market's price has stayed
   * above the investment threshold for `investmentAfterDays` decides to add `investmentShare` of
   * its nameplate capacity, online `investmentLeadDays` later; while the price stays high it
   * decides again every `investmentAfterDays`, up to `investmentMax` in all (decisions made
   * count before their capacity arrives, so a long lead time can overshoot, as real cycles do).
   */
  private invest(k: number, response: CommodityResponse): void {
    const state = this.state;
    const now = state.env.now;
    for (const f of this.investable[k]) {
      const facility = state.facilities[f];
      const price = state.marketAt(facility.spec.country, k)?.priceIndex ?? 1;
      if (price < response.investmentThreshold) {
        this.investSince[f] = Number.NaN;
        continue;
      }
      if (Number.isNaN(this.investSince[f])) this.investSince[f] = now;
      if (now - this.investSince[f] < response.investmentAfterDays) continue;
      const share = Math.min(response.investmentShare, response.investmentMax - facility.addedCapacity - this.committed[f]);
      if (share <= 0) continue;
      this.committed[f] += share;
      this.investSince[f] = now;
      state.env.scheduleAt(now + response.investmentLeadDays, this.onCapacityOnline, f, Priority.EARLY);
    }
  }

  /** The capacity of the earliest decision of facility `f` comes online. */
  private addCapacity(f: number): void {
    const state = this.state;
    const facility = state.facilities[f];
    const response = this.spec.byCommodity[facility.spec.outputs[0].commodity] as CommodityResponse;
    const share = Math.min(response.investmentShare, this.committed[f]);
    this.committed[f] -= share;
    facility.addedCapacity += share;
    if (facility.refreshNominal(state.env.now)) {
      state.markGroupDirty(state.groupOfFacility(f));
      state.settle();
    }
  }

  /**
   * The price a market's customers pay, weighted by what each buys from it now (its share of
   * their use): a seller that may sell abroad freely does not sell at home for less (arbitrage
   * ties the markets of free trade together; 0 without customers).
   */
  private customersPrice(m: number): number {
    const { markets, shares } = this.customers[m];
    let total = 0;
    let weighted = 0;
    for (let i = 0; i < markets.length; i++) {
      const customer = this.state.markets[markets[i]];
      const weight = shares[i] * (customer.grossDemandRate + customer.nominalInputRate);
      total += weight;
      weighted += weight * customer.priceIndex;
    }
    return total > 0 ? weighted / total : 0;
  }

  /** Cuts a market's producers to what it uses and sells while it stores more than its limit. */
  private throttle(m: number, response: CommodityResponse, level: number): void {
    const state = this.state;
    const market = state.markets[m];
    const producers = this.producersByMarket[m];
    if (producers.length === 0) return;
    // Uncut producers make at least what the market produces now when they are all it has (no
    // by-product makers): below that many days of it, no cut, and no need to add them up.
    if (this.keptOutput[m] === 1 && producers.length === market.producers.length && level <= response.storageDays * market.productionRate) return;
    let potential = 0;
    for (const f of producers) potential += state.facilities[f].unthrottledRate(state.env.now) * state.facilities[f].spec.outputs[0].tonnesPerTonne;
    if (potential <= 0) return;
    const sales = market.demandRate + market.nominalInputRate + market.exportRateEstimate;
    const kept = level > response.storageDays * potential ? Math.min(1, sales / potential) : 1;
    if (kept === this.keptOutput[m]) return;
    this.keptOutput[m] = kept;
    for (const f of producers) this.refresh(f, () => (state.facilities[f].throttle = kept));
  }

  /** Restarts (or winds down) idle capacity of commodity `k` as the prices its producers see say. */
  private restart(k: number, response: CommodityResponse): void {
    const state = this.state;
    const now = state.env.now;
    const allowance = response.supplyRampPerYear * this.worldOutput[k] * (this.spec.priceStepDays / DAYS_PER_YEAR);
    if (!(allowance > 0)) return;
    const up: number[] = [];
    const down: number[] = [];
    let idle = 0;
    let restarted = 0;
    for (const f of this.restartable[k]) {
      const facility = state.facilities[f];
      const price = state.marketAt(facility.spec.country, k)?.priceIndex ?? 1;
      if (price < response.supplyThreshold) this.highSince[f] = Number.NaN;
      else if (Number.isNaN(this.highSince[f])) this.highSince[f] = now;
      const tonnes = facility.spec.capacityTonnesPerDay * facility.spec.outputs[0].tonnesPerTonne;
      if (!Number.isNaN(this.highSince[f]) && now - this.highSince[f] >= response.restartDays) {
        const spare = tonnes * (1 - facility.spec.utilization - facility.extraUtilization);
        if (spare > 0) {
          up.push(f);
          idle += spare;
        }
      } else if (price <= 1 && facility.extraUtilization > 0) {
        down.push(f);
        restarted += tonnes * facility.extraUtilization;
      }
    }
    // Each moves by the same share of its idle (or restarted) capacity: together at most the allowance.
    const upShare = idle > 0 ? Math.min(1, allowance / idle) : 0;
    for (const f of up) {
      const facility = state.facilities[f];
      const extra = facility.extraUtilization + upShare * (1 - facility.spec.utilization - facility.extraUtilization);
      this.refresh(f, () => (facility.extraUtilization = Math.min(1 - facility.spec.utilization, extra)));
    }
    const downShare = restarted > 0 ? Math.min(1, allowance / restarted) : 0;
    for (const f of down) {
      const facility = state.facilities[f];
      this.refresh(f, () => (facility.extraUtilization = downShare >= 1 ? 0 : facility.extraUtilization * (1 - downShare)));
    }
  }

  /** Hands every market's price path to the record. */
  recordPrices(record: DailyRecord): void {
    for (let m = 0; m < this.priceDays.length; m++) record.prices(m, this.priceDays[m], this.priceSteps[m]);
  }

  /**
   * Changes a facility's response state and flags its group when its rate changes (solving the
   * group advances its markets to now before the new rate takes effect).
   */
  private refresh(f: number, change: () => void): void {
    const state = this.state;
    change();
    if (state.facilities[f].refreshNominal(state.env.now)) state.markGroupDirty(state.groupOfFacility(f));
  }
}
