/**
 * Origin content: the share of a stock's mass that originates in each controlling exporter,
 * mixed proportionally. Between events a stock's inflow (production, releases) has a fixed
 * content and its outflow takes the stock's own, so the share moves toward the inflow's along
 * a closed form; shipments landing and leaving change it as lumps.
 */
import { EMPTY_TONNES, SHARE_TOLERANCE } from "./tolerance.js";

/**
 * The content share after `days` of a stock that held `level` tonnes with share `share`, taking
 * in `inflow` tonnes a day of content `inflowShare` and giving out `outflow` tonnes a day of its
 * own mix. Exact for constant rates: with L(t) = level + (in - out) t, the share's distance to
 * the inflow's shrinks by (level / L(t))^(in / (in - out)) (by exp(-in t / level) when in = out).
 */
export function mixedShare(share: number, level: number, inflowShare: number, inflow: number, outflow: number, days: number): number {
  return mixedWith(share, inflowShare, mixFactor(level, inflow, outflow, days));
}

/** mixFactor's answer when the stock was empty or empties: its share becomes the inflow's. */
const REPLACED = -1;

/**
 * What is left of the distance between a stock's share and its inflow's after `days` (see
 * mixedShare): the same for every origin, so a stock mixing several works it out once. NaN
 * when the share stays as it is (no inflow or no time), REPLACED when the inflow's replaces it.
 */
export function mixFactor(level: number, inflow: number, outflow: number, days: number): number {
  if (!(inflow > 0) || days <= 0) return NaN;
  if (!(level > 0)) return REPLACED;
  const net = inflow - outflow;
  const after = level + net * days;
  if (!(after > 0)) return REPLACED;
  return Math.abs(net) <= SHARE_TOLERANCE * inflow ? Math.exp((-inflow * days) / level) : Math.pow(level / after, inflow / net);
}

/** The share `share` mixed toward `inflowShare` by `factor` (from mixFactor). */
export function mixedWith(share: number, inflowShare: number, factor: number): number {
  if (Number.isNaN(factor)) return share;
  if (factor === REPLACED) return inflowShare;
  const mixed = inflowShare + (share - inflowShare) * factor;
  return mixed < 0 ? 0 : mixed > 1 ? 1 : mixed;
}

/** The share after `tonnes` of content `lumpShare` land on `level` tonnes of share `share`. */
export function addedShare(share: number, level: number, tonnes: number, lumpShare: number): number {
  const total = level + tonnes;
  if (!(total > 0)) return share;
  const mixed = (share * level + lumpShare * tonnes) / total;
  return mixed < 0 ? 0 : mixed > 1 ? 1 : mixed;
}

/** The share after `tonnes` of content `lumpShare` leave `level` tonnes of share `share`. */
export function removedShare(share: number, level: number, tonnes: number, lumpShare: number): number {
  const left = level - tonnes;
  if (!(left > EMPTY_TONNES)) return share;
  const mixed = (share * level - lumpShare * tonnes) / left;
  return mixed < 0 ? 0 : mixed > 1 ? 1 : mixed;
}
