/**
 * The rate solver: given which markets hold stock, what facilities could run and what demand
 * is, it sets every flow rate of one group of markets until the next event.
 *
 * A market with stock on hand serves all claims in full. A dry market (no stock, production
 * below claims) first draws on its stockpiles (up to their release rates, shared reserves
 * split by deficit), then serves final demand and facility inputs pro rata to their nominal
 * claims; within final demand, the defence class first, then critical civilian, then the rest
 * (a defence-only reserve tops up what defence lacks, and serves nothing else). A facility runs at the smallest served share among its inputs, and its outputs
 * feed markets further down the chain, so markets are solved stage by stage in the
 * commodities' topological order (recipes never loop). Input a facility could not use
 * because another input limited it goes back to final demand; only what no one can use
 * stays in stock. Trade crosses borders as discrete shipments, so each group of markets
 * joined by facilities (a country's recipe chains) or by a reserve (its host and members) is
 * solved on its own: a change in antimony never re-solves the same country's copper.
 */
import type { Facility } from "./facility.js";
import type { Market } from "./market.js";
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
}

/**
 * Recomputes every rate in `group`. All of its markets and stockpiles must already be
 * advanced to the current time.
 */
export function solveRates(state: SolverState, group: RateGroup, isDry: boolean[], deficit: Float64Array): void {
  const { markets, facilities, stockpiles } = state;
  // Indexed loops throughout: this runs for most events.
  const groupFacilities = group.facilities;
  for (let i = 0; i < groupFacilities.length; i++) facilities[groupFacilities[i]].inputShare = 1;

  const layers = group.layers;
  for (let layerIndex = 0; layerIndex < layers.length; layerIndex++) {
    const layer = layers[layerIndex];
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
      market.productionRate = production;
      market.nominalInputRate = claims;
      const need = market.demandRate + claims;
      const dry = isDryWith(market.level, market.isDrained, production, need);
      if (!dry) market.isDrained = false;
      isDry[m] = dry;
      deficit[m] = dry ? need - production : 0;
      market.releaseInRate = 0;
      market.transferInRate = 0;
      market.transferOutRate = 0;
    }

    // Reserves that serve every class first; then those that serve defence only, into what
    // defence still lacks once the general supply is shared out (defence is served first).
    const layerStockpiles = group.stockpilesByLayer[layerIndex];
    let defenceOnly = 0;
    for (let i = 0; i < layerStockpiles.length; i++) {
      const stockpile = stockpiles[layerStockpiles[i]];
      if (stockpile.spec.serves === "defence") defenceOnly++;
      else allocateRelease(stockpile, deficit);
    }
    if (defenceOnly > 0) {
      for (let i = 0; i < layer.length; i++) {
        const m = layer[i];
        if (!isDry[m]) continue;
        const market = markets[m];
        const need = market.demandRate + market.nominalInputRate;
        const share = need > 0 ? Math.min(1, (market.productionRate + releaseInto(market, stockpiles, false)) / need) : 1;
        deficit[m] = Math.max(0, (market.defenceShare - share) * market.demandRate);
      }
      for (let i = 0; i < layerStockpiles.length; i++) {
        const stockpile = stockpiles[layerStockpiles[i]];
        if (stockpile.spec.serves === "defence") allocateRelease(stockpile, deficit);
      }
    }

    for (let i = 0; i < layer.length; i++) {
      const m = layer[i];
      const market = markets[m];
      let share = 1;
      if (isDry[m]) {
        const need = market.demandRate + market.nominalInputRate;
        const supply = market.productionRate + releaseInto(market, stockpiles, false);
        share = need > 0 ? Math.min(1, supply / need) : 1;
      }
      const consumers = market.consumers;
      for (let j = 0; j < consumers.length; j++) {
        const facility = facilities[consumers[j].facility];
        if (share < facility.inputShare) facility.inputShare = share;
      }
    }
  }

  for (let i = 0; i < groupFacilities.length; i++) {
    const facility = facilities[groupFacilities[i]];
    facility.throughputRate = facility.nominalRate * facility.inputShare;
  }

  const groupMarkets = group.markets;
  for (let i = 0; i < groupMarkets.length; i++) settleMarket(markets[groupMarkets[i]], isDry[groupMarkets[i]], facilities, stockpiles);
  const groupStockpiles = group.stockpiles;
  for (let i = 0; i < groupStockpiles.length; i++) {
    const stockpile = stockpiles[groupStockpiles[i]];
    let total = 0;
    for (let j = 0; j < stockpile.releaseRates.length; j++) {
      const rate = stockpile.releaseRates[j];
      total += rate;
      const member = markets[stockpile.memberMarkets[j]];
      if (stockpile.memberMarkets[j] === stockpile.hostMarket) member.releaseInRate += rate;
      else {
        member.transferInRate += rate;
        markets[stockpile.hostMarket].transferOutRate += rate;
      }
    }
    stockpile.totalReleaseRate = total;
  }
  for (let i = 0; i < groupMarkets.length; i++) {
    const market = markets[groupMarkets[i]];
    market.netRate = market.productionRate + market.releaseInRate + market.transferInRate - market.inputUseRate - market.consumedRate;
  }
}

/** Splits a reserve's release among its dry members in proportion to their open deficits. */
function allocateRelease(stockpile: Stockpile, deficit: Float64Array): void {
  const rates = stockpile.releaseRates;
  if (!stockpile.canRelease) {
    rates.fill(0);
    return;
  }
  let totalDeficit = 0;
  const members = stockpile.memberMarkets;
  for (let i = 0; i < members.length; i++) totalDeficit += deficit[members[i]];
  if (totalDeficit <= 0) {
    rates.fill(0);
    return;
  }
  const release = Math.min(stockpile.spec.maxReleaseTonnesPerDay, totalDeficit);
  for (let j = 0; j < rates.length; j++) {
    const m = stockpile.memberMarkets[j];
    const rate = (release * deficit[m]) / totalDeficit;
    rates[j] = rate;
    // A later reserve serving the same market only covers what is still open (never less than
    // nothing: rounding must not leave a later reserve a negative deficit to release into).
    deficit[m] = Math.max(0, deficit[m] - rate);
  }
}

/** Release flowing into a market from the reserves serving it: those that serve every class, or the defence-only ones. */
function releaseInto(market: Market, stockpiles: readonly Stockpile[], defenceOnly: boolean): number {
  let total = 0;
  for (let i = 0; i < market.stockpiles.length; i++) {
    const stockpile = stockpiles[market.stockpiles[i]];
    if ((stockpile.spec.serves === "defence") === defenceOnly) total += stockpile.releaseRates[market.stockpileSlots[i]];
  }
  return total;
}

/**
 * Sets consumption and input use of one market from final facility throughputs. Final demand
 * is served in priority order: defence, then critical civilian, then the rest; a defence-only
 * reserve serves what defence still lacks after the general supply.
 */
function settleMarket(market: Market, dry: boolean, facilities: readonly Facility[], stockpiles: readonly Stockpile[]): void {
  let inputUse = 0;
  const consumers = market.consumers;
  for (let i = 0; i < consumers.length; i++) inputUse += facilities[consumers[i].facility].throughputRate * consumers[i].tonnesPerTonne;
  market.inputUseRate = inputUse;
  const demand = market.demandRate;
  const defence = market.defenceShare * demand;
  const critical = market.criticalShare * demand;
  if (!dry) {
    market.consumedRate = demand;
    market.consumedDefenceRate = defence;
    market.consumedCriticalRate = critical;
    return;
  }
  const supply = market.productionRate + releaseInto(market, stockpiles, false);
  const general = Math.min(demand, Math.max(0, supply - inputUse));
  // Release nobody can use stays in the reserve: trim it, last reserve first.
  trimRelease(market, stockpiles, false, supply - inputUse - general);
  const defenceFromGeneral = Math.min(defence, general);
  const defenceRelease = releaseInto(market, stockpiles, true);
  const defenceFromReserve = defenceRelease > 0 ? Math.min(defenceRelease, defence - defenceFromGeneral) : 0;
  if (defenceRelease > 0) trimRelease(market, stockpiles, true, defenceRelease - defenceFromReserve);
  market.consumedRate = general + defenceFromReserve;
  market.consumedDefenceRate = defenceFromGeneral + defenceFromReserve;
  market.consumedCriticalRate = Math.min(critical, general - defenceFromGeneral);
}

/** Cuts `surplus` from the release of a market's reserves of one kind, last reserve first. */
function trimRelease(market: Market, stockpiles: readonly Stockpile[], defenceOnly: boolean, surplus: number): void {
  for (let i = market.stockpiles.length - 1; i >= 0 && surplus > 0; i--) {
    const stockpile = stockpiles[market.stockpiles[i]];
    if ((stockpile.spec.serves === "defence") !== defenceOnly) continue;
    const slot = market.stockpileSlots[i];
    const cut = Math.min(stockpile.releaseRates[slot], surplus);
    stockpile.releaseRates[slot] -= cut;
    surplus -= cut;
  }
}
