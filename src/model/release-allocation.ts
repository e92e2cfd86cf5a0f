/**
 * Release allocation: how the rate solver shares a decided release among a reserve's dry
 * members, and which part of a market's unmet final demand (a dry market's, or the defence class's
 * under end-use controls) a reserve that serves only some of it (defence, defence and critical
 * civilian use, or participating buyers) may fill.
 */
import { defenceServedRate } from "./end-use-rule.js";
import type { Market } from "./market.js";
import type { Stockpile } from "./stockpile.js";
import type { ServedDemand } from "./world-spec.js";

/** Kinds of limited reserve, in the order the solver allocates them (the narrowest need first). */
export const LIMITED_KINDS: readonly ServedDemand[] = ["defence", "critical", "participants"];

/** Whether a reserve serves only part of its members' demand (not every class). */
export function isLimited(stockpile: Stockpile): boolean {
  return stockpile.spec.serves !== "all";
}

/**
 * What a reserve of `kind` may fill in a market whose claims are served at `servedShare` by its
 * general supply (production and the releases of reserves that serve all; 1 for a market with
 * stock), its defence class taking at most `allowed` of final consumption (end-use controls; 1:
 * no limit), tonnes/day: the defence class's lack (defence is served first), defence and critical
 * civilian use's, or the participants' share of all unmet final demand.
 */
export function limitedLack(kind: ServedDemand, market: Market, servedShare: number, participantShare: number, allowed: number): number {
  const demand = market.demand;
  if (allowed < 1) {
    const wanted = demand.wantedRate;
    const defence = demand.defenceShare * wanted;
    const others = wanted - defence;
    const general = Math.min(1, servedShare) * wanted;
    const defenceServed = defenceServedRate(defence, others, general, allowed);
    const othersServed = Math.min(others, general - defenceServed);
    if (kind === "defence") return defence - defenceServed;
    if (kind === "critical") return defence - defenceServed + Math.max(0, demand.criticalShare * wanted - othersServed);
    return participantShare * Math.max(0, wanted - defenceServed - othersServed);
  }
  if (kind === "defence") return Math.max(0, (demand.defenceShare - servedShare) * demand.wantedRate);
  if (kind === "critical") return Math.max(0, (demand.defenceShare + demand.criticalShare - servedShare) * demand.wantedRate);
  return participantShare * Math.max(0, (1 - servedShare) * demand.wantedRate);
}

/**
 * What a market's limited reserves may fill once its general supply has served `defenceServed`
 * of its defence class, `defenceAndCriticalServed` of defence and critical civilian use together,
 * and `consumed` of all final demand: the largest need among the kinds releasing into it,
 * tonnes/day.
 */
export function limitedCap(market: Market, stockpiles: readonly Stockpile[], defenceServed: number, defenceAndCriticalServed: number, consumed: number): number {
  const demand = market.demand;
  const wanted = demand.wantedRate;
  const defence = demand.defenceShare * wanted;
  const critical = defence + demand.criticalShare * wanted;
  let cap = 0;
  for (let i = 0; i < market.stockpiles.length; i++) {
    const stockpile = stockpiles[market.stockpiles[i]];
    if (!isLimited(stockpile) || stockpile.releaseRates[market.stockpileSlots[i]] <= 0) continue;
    const serves = stockpile.spec.serves;
    const gap = serves === "defence" ? defence - defenceServed : serves === "critical" ? critical - defenceAndCriticalServed : stockpile.spec.participantShare * (wanted - consumed);
    if (gap > cap) cap = gap;
  }
  return cap;
}

/**
 * Splits a reserve's release among its dry members in proportion to their open deficits, at
 * most its rate and its share of the deficits; each member's deficit falls by what it gets.
 */
export function allocateRelease(stockpile: Stockpile, deficit: Float64Array): void {
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
  const share = stockpile.spec.release.shortfallShare;
  const release = Math.min(stockpile.spec.maxReleaseTonnesPerDay, share === 1 ? totalDeficit : totalDeficit * share);
  for (let j = 0; j < rates.length; j++) {
    const m = stockpile.memberMarkets[j];
    const rate = (release * deficit[m]) / totalDeficit;
    rates[j] = rate;
    // A later reserve serving the same market only covers what is still open (never less than
    // nothing: rounding must not leave a later reserve a negative deficit to release into).
    deficit[m] = Math.max(0, deficit[m] - rate);
  }
}

/** Release flowing into a market from the reserves serving it: those that serve every class, or the limited ones. */
export function releaseInto(market: Market, stockpiles: readonly Stockpile[], limited: boolean): number {
  let total = 0;
  for (let i = 0; i < market.stockpiles.length; i++) {
    const stockpile = stockpiles[market.stockpiles[i]];
    if (isLimited(stockpile) === limited) total += stockpile.releaseRates[market.stockpileSlots[i]];
  }
  return total;
}

/** Cuts `surplus` from the release of a market's reserves of one kind (limited or not), last reserve first. */
export function trimRelease(market: Market, stockpiles: readonly Stockpile[], limited: boolean, surplus: number): void {
  for (let i = market.stockpiles.length - 1; i >= 0 && surplus > 0; i--) {
    const stockpile = stockpiles[market.stockpiles[i]];
    if (isLimited(stockpile) !== limited) continue;
    const slot = market.stockpileSlots[i];
    const cut = Math.min(stockpile.releaseRates[slot], surplus);
    stockpile.releaseRates[slot] -= cut;
    surplus -= cut;
  }
}
