/**
 * Release allocation: how the rate solver shares a decided release among a reserve's dry
 * members, and which part of a dry market's unmet final demand a reserve that serves only some
 * of it (defence, defence and critical civilian use, or participating buyers) may fill.
 */
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
 * What a reserve of `kind` may fill in a dry market whose claims are served at `servedShare`
 * by its general supply (production and the releases of reserves that serve all), tonnes/day:
 * the defence class's lack (defence is served first), defence and critical civilian use's, or
 * the participants' share of all unmet final demand.
 */
export function limitedLack(kind: ServedDemand, market: Market, servedShare: number, participantShare: number): number {
  const demand = market.demand;
  if (kind === "defence") return Math.max(0, (demand.defenceShare - servedShare) * demand.wantedRate);
  if (kind === "critical") return Math.max(0, (demand.defenceShare + demand.criticalShare - servedShare) * demand.wantedRate);
  return participantShare * Math.max(0, (1 - servedShare) * demand.wantedRate);
}

/**
 * What a market's limited reserves may fill once its general supply has served `general` of its
 * final demand (defence first): the largest need among the kinds releasing into it, tonnes/day.
 */
export function limitedCap(market: Market, stockpiles: readonly Stockpile[], general: number): number {
  const demand = market.demand;
  const wanted = demand.wantedRate;
  const defence = demand.defenceShare * wanted;
  const critical = defence + demand.criticalShare * wanted;
  let cap = 0;
  for (let i = 0; i < market.stockpiles.length; i++) {
    const stockpile = stockpiles[market.stockpiles[i]];
    if (!isLimited(stockpile) || stockpile.releaseRates[market.stockpileSlots[i]] <= 0) continue;
    const serves = stockpile.spec.serves;
    const gap = serves === "defence" ? defence - Math.min(defence, general) : serves === "critical" ? critical - Math.min(critical, general) : stockpile.spec.participantShare * (wanted - general);
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
