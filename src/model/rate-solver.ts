/**
 * The rate solver: given which markets hold stock, what facilities could run and what demand
 * is, it sets every flow rate of one group of markets until the next event.
 *
 * A market with stock on hand serves all claims in full. A dry market (no stock, production
 * below claims) first draws on its stockpiles (up to their release rates, shared reserves
 * split by deficit), then serves final demand and facility inputs pro rata to their nominal
 * claims; within final demand, the defence class first, then critical civilian, then the rest
 * (a reserve that serves only defence, defence and critical use, or participating buyers tops
 * up what they lack, and serves nothing else: see release-allocation.ts). Where an end-use
 * control applies, the defence class may take only the part of final consumption that is not of
 * the controlling exporter's origin, in a market with stock on hand as in a dry one: what it
 * cannot take goes to the other classes up to their own demand, and a reserve that serves defence
 * fills its gap (end-use-rule.ts). A facility runs
 * at the smallest served share among its inputs, and its outputs feed markets further down the
 * chain, so markets are solved stage by stage in the commodities' topological order (recipes
 * never loop). Input a facility could not use because another input limited it goes back to
 * final demand; only what no one can use stays in stock. Trade crosses borders as discrete
 * shipments, so each group of markets joined by facilities (a country's recipe chains) or by a
 * reserve (its host and members) is solved on its own: a change in antimony never re-solves the
 * same country's copper.
 *
 * The solver works in its own arrays, by market, and hands each market its rates once at the
 * end (`Market.setRates`): nothing is allocated per solve.
 */
import type { Facility } from "./facility.js";
import type { Market } from "./market.js";
import type { SolvedRates } from "./market-rates.js";
import type { ServedDemand } from "./world-spec.js";
import { defenceServedRate, type EndUseRule } from "./end-use-rule.js";
import { allocateRelease, isLimited, LIMITED_KINDS, limitedCap, limitedLack, releaseInto, trimRelease } from "./release-allocation.js";
import type { Stockpile } from "./stockpile.js";
import { EMPTY_TONNES } from "./tolerance.js";

/**
 * Whether a market is dry: no stock on hand (or only the rounding residue of a stock that ran
 * out, `drained`) and production below its claims.
 */
export function isDryWith(level: number, drained: boolean, production: number, claims: number): boolean {
  return (level <= EMPTY_TONNES || drained) && production < claims;
}

/** A set of countries solved together, and its markets in solving order. */
export interface RateGroup {
  readonly index: number;
  /** Market indices grouped by commodity, in the commodities' topological order. */
  readonly layers: readonly Int32Array[];
  readonly facilities: Int32Array;
  /** Stockpiles by layer (same order as `layers`). */
  readonly stockpilesByLayer: readonly Int32Array[];
  /** Every market of the group, layer by layer (for loops that need no layers). */
  readonly markets: Int32Array;
  /** Every stockpile of the group. */
  readonly stockpiles: Int32Array;
}

/** The run state the solver reads and writes. */
export interface SolverState {
  readonly markets: readonly Market[];
  readonly facilities: readonly Facility[];
  readonly stockpiles: readonly Stockpile[];
  readonly endUse: EndUseRule;
}

/** Solves the rates of one group at a time, in arrays it keeps between solves. */
export class RateSolver {
  private readonly markets: readonly Market[];
  private readonly facilities: readonly Facility[];
  private readonly stockpiles: readonly Stockpile[];
  private readonly endUse: EndUseRule;
  /** Share of each market's final consumption its defence class may take under end-use controls (1: no limit), at its group's last solve. */
  private readonly allowed: Float64Array;
  /** Defence demand of each market with stock on hand that end-use controls leave unserved by its stock, tonnes/day (0 in dry markets). */
  private readonly refusedDefence: Float64Array;
  /** Whether each market was dry at its group's last solve (1) or not (0). */
  private readonly dry: Uint8Array;
  /** Open deficit of each dry market, tonnes/day, while releases are shared out. */
  private readonly deficit: Float64Array;
  /** Share of each dry market's claims its general supply serves, and what limited reserves have given it, while they are shared out. */
  private readonly servedShare: Float64Array;
  private readonly limitedGiven: Float64Array;
  // Each market's rates as the solve works them out, tonnes/day.
  private readonly production: Float64Array;
  private readonly claims: Float64Array;
  private readonly inputUse: Float64Array;
  private readonly consumed: Float64Array;
  private readonly consumedDefence: Float64Array;
  private readonly consumedCritical: Float64Array;
  private readonly releaseIn: Float64Array;
  private readonly transferIn: Float64Array;
  private readonly transferOut: Float64Array;
  /** The record each market's rates are handed over in. */
  private readonly solved: SolvedRates = { production: 0, nominalInput: 0, inputUse: 0, consumed: 0, consumedDefence: 0, consumedCritical: 0, releaseIn: 0, transferIn: 0, transferOut: 0 };

  constructor(state: SolverState) {
    this.markets = state.markets;
    this.facilities = state.facilities;
    this.stockpiles = state.stockpiles;
    this.endUse = state.endUse;
    const n = state.markets.length;
    this.allowed = new Float64Array(n).fill(1);
    this.refusedDefence = new Float64Array(n);
    this.dry = new Uint8Array(n);
    this.deficit = new Float64Array(n);
    this.servedShare = new Float64Array(n);
    this.limitedGiven = new Float64Array(n);
    this.production = new Float64Array(n);
    this.claims = new Float64Array(n);
    this.inputUse = new Float64Array(n);
    this.consumed = new Float64Array(n);
    this.consumedDefence = new Float64Array(n);
    this.consumedCritical = new Float64Array(n);
    this.releaseIn = new Float64Array(n);
    this.transferIn = new Float64Array(n);
    this.transferOut = new Float64Array(n);
  }

  /** Whether market `m` was dry at its group's last solve. */
  isDry(m: number): boolean {
    return this.dry[m] === 1;
  }

  /**
   * The defence demand of market `m`, holding stock, that end-use controls left unserved by its
   * stock at the last solve, tonnes/day (before reserves; 0 in a dry market, whose shortage is
   * its own).
   */
  refusedDefenceRate(m: number): number {
    return this.refusedDefence[m];
  }

  /**
   * Recomputes every rate in `group` at time `t`. All of its markets and stockpiles must already
   * be advanced to `t`.
   */
  solve(group: RateGroup, t: number): void {
    // Indexed loops throughout: this runs for most events.
    const facilities = this.facilities;
    const groupFacilities = group.facilities;
    for (let i = 0; i < groupFacilities.length; i++) facilities[groupFacilities[i]].inputShare = 1;
    const layers = group.layers;
    for (let layerIndex = 0; layerIndex < layers.length; layerIndex++) {
      const layer = layers[layerIndex];
      this.supplyLayer(layer, t);
      this.allocateReleases(layer, group.stockpilesByLayer[layerIndex]);
      this.limitConsumers(layer);
    }
    for (let i = 0; i < groupFacilities.length; i++) {
      const facility = facilities[groupFacilities[i]];
      facility.throughputRate = facility.nominalRate * facility.inputShare;
    }
    const groupMarkets = group.markets;
    for (let i = 0; i < groupMarkets.length; i++) this.serveMarket(groupMarkets[i]);
    this.flowReleases(group.stockpiles);
    this.handOver(groupMarkets);
  }

  /**
   * Step 1 of a layer: what its markets' producers make (at the input shares the layers above
   * left them), what their consumers claim at nominal rates, which markets are dry and by how
   * much, and the share of final consumption each one's defence class may take at `t`; releases
   * start at nothing.
   */
  private supplyLayer(layer: Int32Array, t: number): void {
    const { markets, facilities } = this;
    const endUse = this.endUse.hasAny ? this.endUse : undefined;
    for (let i = 0; i < layer.length; i++) {
      const m = layer[i];
      const market = markets[m];
      let production = 0;
      const producers = market.producers;
      for (let j = 0; j < producers.length; j++) {
        const link = producers[j];
        const facility = facilities[link.facility];
        facility.throughputRate = facility.nominalRate * facility.inputShare;
        production += facility.throughputRate * link.tonnesPerTonne;
      }
      let claims = 0;
      const consumers = market.consumers;
      for (let j = 0; j < consumers.length; j++) claims += facilities[consumers[j].facility].nominalRate * consumers[j].tonnesPerTonne;
      this.production[m] = production;
      this.claims[m] = claims;
      const need = market.demand.wantedRate + claims;
      const dry = isDryWith(market.level, market.isDrained, production, need);
      this.dry[m] = dry ? 1 : 0;
      this.deficit[m] = dry ? need - production : 0;
      this.allowed[m] = endUse === undefined ? 1 : endUse.allowedShare(m, t);
      this.releaseIn[m] = 0;
      this.transferIn[m] = 0;
      this.transferOut[m] = 0;
    }
  }

  /**
   * Step 2 of a layer: reserves that serve every class release into their dry members' deficits
   * first; then the limited ones, kind by kind (defence, critical, participants), into what
   * their demand still lacks once the general supply is shared out (defence is served first).
   */
  private allocateReleases(layer: Int32Array, layerStockpiles: Int32Array): void {
    const { markets, stockpiles, deficit } = this;
    let limited = 0;
    for (let i = 0; i < layerStockpiles.length; i++) {
      const stockpile = stockpiles[layerStockpiles[i]];
      if (isLimited(stockpile)) limited++;
      else allocateRelease(stockpile, deficit);
    }
    if (limited === 0) return;
    for (let i = 0; i < layer.length; i++) {
      const m = layer[i];
      this.limitedGiven[m] = 0;
      if (this.dry[m] === 0) {
        // A market with stock serves all its claims (its defence class only as end-use controls allow).
        this.servedShare[m] = 1;
        continue;
      }
      const need = markets[m].demand.wantedRate + this.claims[m];
      this.servedShare[m] = need > 0 ? Math.min(1, (this.production[m] + releaseInto(markets[m], stockpiles, false)) / need) : 1;
    }
    for (const kind of LIMITED_KINDS) this.allocateLimited(kind, layer, layerStockpiles);
  }

  /** Releases of one kind of limited reserve into what their demand lacks, less what narrower kinds gave. */
  private allocateLimited(kind: ServedDemand, layer: Int32Array, layerStockpiles: Int32Array): void {
    const { markets, stockpiles, deficit, limitedGiven } = this;
    let participantShare = -1;
    for (let i = 0; i < layerStockpiles.length; i++) {
      const stockpile = stockpiles[layerStockpiles[i]];
      if (stockpile.spec.serves !== kind) continue;
      // Participants' reserves of different shares each see their own lack.
      if (participantShare !== stockpile.spec.participantShare) {
        participantShare = stockpile.spec.participantShare;
        for (let j = 0; j < layer.length; j++) {
          const m = layer[j];
          const lack = this.dry[m] === 0 && !(this.allowed[m] < 1) ? 0 : limitedLack(kind, markets[m], this.servedShare[m], participantShare, this.allowed[m]);
          deficit[m] = limitedGiven[m] > 0 ? Math.max(0, lack - limitedGiven[m]) : lack;
        }
      }
      allocateRelease(stockpile, deficit);
      for (let j = 0; j < stockpile.memberMarkets.length; j++) limitedGiven[stockpile.memberMarkets[j]] += stockpile.releaseRates[j];
    }
  }

  /** Step 3 of a layer: each consumer of a dry market runs at most at the share of claims it serves. */
  private limitConsumers(layer: Int32Array): void {
    const { markets, facilities, stockpiles } = this;
    for (let i = 0; i < layer.length; i++) {
      const m = layer[i];
      const market = markets[m];
      let share = 1;
      if (this.dry[m] === 1) {
        const need = market.demand.wantedRate + this.claims[m];
        const supply = this.production[m] + releaseInto(market, stockpiles, false);
        share = need > 0 ? Math.min(1, supply / need) : 1;
      }
      const consumers = market.consumers;
      for (let j = 0; j < consumers.length; j++) {
        const facility = facilities[consumers[j].facility];
        if (share < facility.inputShare) facility.inputShare = share;
      }
    }
  }

  /**
   * Sets consumption and input use of one market from final facility throughputs. Final demand
   * is served in priority order: defence, then critical civilian, then the rest; a limited
   * reserve serves what its demand still lacks after the general supply. Under end-use controls
   * the defence class takes at most its allowed share of what final demand consumes from the
   * general supply (`defenceServedRate`), in a market with stock as in a dry one; the other
   * classes take what it cannot, up to their own demand, and what nobody may take stays in stock.
   */
  private serveMarket(m: number): void {
    const { facilities, stockpiles } = this;
    const market = this.markets[m];
    let inputUse = 0;
    const consumers = market.consumers;
    for (let i = 0; i < consumers.length; i++) inputUse += facilities[consumers[i].facility].throughputRate * consumers[i].tonnesPerTonne;
    this.inputUse[m] = inputUse;
    const demand = market.demand.wantedRate;
    const defence = market.demand.defenceShare * demand;
    const critical = market.demand.criticalShare * demand;
    const allowed = this.allowed[m];
    this.refusedDefence[m] = 0;
    if (this.dry[m] === 0 && !(allowed < 1)) {
      this.consumed[m] = demand;
      this.consumedDefence[m] = defence;
      this.consumedCritical[m] = critical;
      return;
    }
    let general: number;
    let defenceFromGeneral: number;
    // What final demand consumes of the general supply: all of it, unless end-use controls leave
    // some that no class may take.
    let consumedGeneral: number;
    // Whether end-use controls hold defence below what it would otherwise get.
    let isCapped = false;
    if (this.dry[m] === 1) {
      const supply = this.production[m] + releaseInto(market, stockpiles, false);
      general = Math.min(demand, Math.max(0, supply - inputUse));
      defenceFromGeneral = Math.min(defence, general);
      consumedGeneral = general;
      if (allowed < 1) {
        const capped = defenceServedRate(defence, demand - defence, general, allowed);
        if (capped < defenceFromGeneral) {
          isCapped = true;
          defenceFromGeneral = capped;
          consumedGeneral = capped + Math.min(demand - defence, general - capped);
        }
      }
      // Release nobody can use stays in the reserve: trim it, last reserve first.
      trimRelease(market, stockpiles, false, supply - inputUse - consumedGeneral);
    } else {
      general = demand;
      defenceFromGeneral = defenceServedRate(defence, demand - defence, demand, allowed);
      isCapped = defenceFromGeneral < defence;
      consumedGeneral = isCapped ? defenceFromGeneral + (demand - defence) : demand;
      this.refusedDefence[m] = defence - defenceFromGeneral;
    }
    const criticalFromGeneral = Math.min(critical, consumedGeneral - defenceFromGeneral);
    const limitedRelease = releaseInto(market, stockpiles, true);
    let fromReserve = 0;
    if (limitedRelease > 0) {
      // What the classes still lack (defence and critical use served first).
      const defenceAndCriticalServed = isCapped ? defenceFromGeneral + criticalFromGeneral : Math.min(defence + critical, general);
      fromReserve = Math.min(limitedRelease, limitedCap(market, stockpiles, defenceFromGeneral, defenceAndCriticalServed, consumedGeneral));
      trimRelease(market, stockpiles, true, limitedRelease - fromReserve);
    }
    // What limited reserves give fills the classes' gaps in the order they are served.
    const defenceFromReserve = Math.min(fromReserve, defence - defenceFromGeneral);
    const criticalFromReserve = fromReserve > defenceFromReserve ? Math.min(fromReserve - defenceFromReserve, critical - criticalFromGeneral) : 0;
    this.consumed[m] = consumedGeneral + fromReserve;
    this.consumedDefence[m] = defenceFromGeneral + defenceFromReserve;
    this.consumedCritical[m] = criticalFromGeneral + criticalFromReserve;
  }

  /** Each reserve's final release rates flow into its members: into its host's stock, or across a border. */
  private flowReleases(groupStockpiles: Int32Array): void {
    const stockpiles = this.stockpiles;
    for (let i = 0; i < groupStockpiles.length; i++) {
      const stockpile = stockpiles[groupStockpiles[i]];
      let total = 0;
      for (let j = 0; j < stockpile.releaseRates.length; j++) {
        const rate = stockpile.releaseRates[j];
        total += rate;
        const member = stockpile.memberMarkets[j];
        if (member === stockpile.hostMarket) this.releaseIn[member] += rate;
        else {
          this.transferIn[member] += rate;
          this.transferOut[stockpile.hostMarket] += rate;
        }
      }
      stockpile.totalReleaseRate = total;
    }
  }

  /** Hands each market of the group its rates. */
  private handOver(groupMarkets: Int32Array): void {
    const solved = this.solved;
    for (let i = 0; i < groupMarkets.length; i++) {
      const m = groupMarkets[i];
      solved.production = this.production[m];
      solved.nominalInput = this.claims[m];
      solved.inputUse = this.inputUse[m];
      solved.consumed = this.consumed[m];
      solved.consumedDefence = this.consumedDefence[m];
      solved.consumedCritical = this.consumedCritical[m];
      solved.releaseIn = this.releaseIn[m];
      solved.transferIn = this.transferIn[m];
      solved.transferOut = this.transferOut[m];
      this.markets[m].setRates(solved, this.dry[m] === 1);
    }
  }
}
