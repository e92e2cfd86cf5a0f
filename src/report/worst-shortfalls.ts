/**
 * The ranking of a run's shortfalls that every view of it shares (the terminal table, the HTML
 * report's headline table and its charts). Two rankings of the country-commodity pairs that ran
 * short, each telling what the other hides: by the share of demand left unmet (how deep, whatever
 * the market's size: 0.8 t of a 6 t market is a deep shortfall) and by the tonnes left unmet (how
 * much: 305 t of magnets is a small share of a large market). Pairs are listed by the better of
 * their two places, ties by the other place, then by country and commodity: so the first 2n rows
 * hold the n worst of each ranking, whichever measure puts a pair there.
 */
import type { ShortfallKpi } from "../model/index.js";

/** One pair that ran short, with its unmet share of demand and its place in both rankings. */
export interface RankedShortfall {
  readonly kpi: ShortfallKpi;
  /** Unmet tonnes over demand tonnes. */
  readonly share: number;
  /** Place by share of demand unmet (1: the largest share). */
  readonly shareRank: number;
  /** Place by tonnes unmet (1: the most tonnes). */
  readonly tonnesRank: number;
}

/** How the pairs are ordered, in a sentence (for the tables' titles and captions). */
export const RANKING_RULE = "by share of demand unmet (share #) and by tonnes unmet (t #), each pair at the better of its two ranks";

/** Every pair with unmet demand, in the shared order (see the module's header). */
export function rankShortfalls(kpis: readonly ShortfallKpi[]): RankedShortfall[] {
  const short = kpis.filter((k) => k.unmetTonnes > 0 && k.firstShortfallDate !== null).map((k) => ({ kpi: k, share: k.unmetTonnes / k.demandTonnes }));
  const byShare = [...short].sort((a, b) => b.share - a.share || compareIds(a.kpi, b.kpi));
  const byTonnes = [...short].sort((a, b) => b.kpi.unmetTonnes - a.kpi.unmetTonnes || compareIds(a.kpi, b.kpi));
  const shareRank = new Map(byShare.map((s, i) => [s, i + 1]));
  const tonnesRank = new Map(byTonnes.map((s, i) => [s, i + 1]));
  const ranked = short.map((s) => ({ ...s, shareRank: shareRank.get(s)!, tonnesRank: tonnesRank.get(s)! }));
  const best = (r: RankedShortfall) => Math.min(r.shareRank, r.tonnesRank);
  const other = (r: RankedShortfall) => Math.max(r.shareRank, r.tonnesRank);
  return ranked.sort((a, b) => best(a) - best(b) || other(a) - other(b) || compareIds(a.kpi, b.kpi));
}

/** What the "first short" column says of a pair: its first short day, or "at start" when it was already short on the period's first day `periodStart` (ISO). */
export function firstShortCell(kpi: ShortfallKpi, periodStart: string): string {
  return kpi.firstShortfallDate === periodStart ? "at start" : (kpi.firstShortfallDate ?? "");
}

/** The note under a table with an "at start" cell. */
export function atStartNote(periodStart: string): string {
  return `at start: already short when the period began (${periodStart}): the shortage started then or before.`;
}

function compareIds(a: ShortfallKpi, b: ShortfallKpi): number {
  return compare(a.country, b.country) || compare(a.commodity, b.commodity);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
