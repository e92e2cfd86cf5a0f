/**
 * The policy table of a compare: per alternative, best first by the value of the demand it
 * leaves unmet at reference prices (by its tonnes when some commodity has no price), that value and its tonnes; what it saves against the base
 * (paired on the same replicates, with the 95% interval); the demand given up; the reserves it
 * holds and what they and its projects cost over the horizon; what a dollar of extra cost
 * and a tonne of extra reserve buy; and whether the data can tell it from the best (the
 * ranking's Bonferroni-corrected comparisons). Tonnes of different commodities are summed only
 * beside their value, never ranked on.
 */
import type { AlternativeRanking, SweepPlan, SweepStatistics } from "../sweep/index.js";
import { formatMoney, formatNumber } from "./number-format.js";

/** One alternative's row, in numbers (undefined where a figure does not apply). */
export interface PolicyRow {
  readonly name: string;
  readonly title: string;
  readonly isBase: boolean;
  readonly unmetValue: number;
  readonly unmetTonnes: number;
  /** Value of unmet demand saved against the base (base minus it, replicate by replicate), with its interval. */
  readonly valueSaved: { readonly mean: number; readonly low: number; readonly high: number } | undefined;
  readonly tonnesSaved: number | undefined;
  readonly givenUpTonnes: number;
  readonly givenUpValue: number;
  readonly reserveTonnes: number;
  /** Its reserves' and price floors' cost over the horizon (`reserveCost`, mean over replicates) plus its projects', US$. */
  readonly cost: number;
  /** Cost minus the base's. */
  readonly extraCost: number | undefined;
  /** Value saved per dollar of extra cost (undefined unless the extra cost is positive and above MATERIAL_COST of the base's). */
  readonly valuePerDollar: number | undefined;
  /** Unmet tonnes saved per tonne of extra reserve (undefined unless it holds more than the base). */
  readonly tonnesPerTonneHeld: number | undefined;
  /** Whether the data cannot tell it from the best (true for the best). */
  readonly sameAsBest: boolean;
  readonly share: { readonly better: number; readonly worse: number } | undefined;
}

/**
 * An extra cost counts for "saved per $" only above this share of the base's cost: an
 * alternative that changes no reserve or project (a control's date) still differs by a few
 * refill purchases, and a saving divided by those would read as a bargain it is not.
 */
export const MATERIAL_COST = 1e-3;

/** The rows, best first as the ranking orders them. */
export function policyRows(plan: SweepPlan, statistics: SweepStatistics): PolicyRow[] {
  const ranking = statistics.ranking as AlternativeRanking;
  const overall = statistics.overall;
  const about = (name: string) => plan.alternativesAbout.find((a) => a.name === name);
  const costOf = (a: number) => overall[a].reserveCost.mean + (about(overall[a].name)?.projectCostUsd ?? 0);
  const baseCost = costOf(0);
  return ranking.rows.map((row) => {
    const a = overall.findIndex((o) => o.name === row.name);
    const o = overall[a];
    const isBase = a === 0;
    const valueSaved = o.valueDifference === undefined ? undefined : { mean: -o.valueDifference.mean, low: -o.valueDifference.ciHigh, high: -o.valueDifference.ciLow };
    const tonnesSaved = o.difference === undefined ? undefined : -o.difference.mean;
    const cost = costOf(a);
    const extraCost = isBase ? undefined : cost - baseCost;
    const extraHeld = o.reserveTonnes.mean - overall[0].reserveTonnes.mean;
    return {
      name: o.name,
      title: about(o.name)?.title ?? o.name,
      isBase,
      unmetValue: o.unmetValue.mean,
      unmetTonnes: o.unmetTonnes.mean,
      valueSaved,
      tonnesSaved,
      givenUpTonnes: o.givenUpTonnes.mean,
      givenUpValue: o.givenUpValue.mean,
      reserveTonnes: o.reserveTonnes.mean,
      cost,
      extraCost,
      valuePerDollar: valueSaved !== undefined && extraCost !== undefined && extraCost > MATERIAL_COST * baseCost && extraCost > 0 ? valueSaved.mean / extraCost : undefined,
      tonnesPerTonneHeld: tonnesSaved !== undefined && !isBase && extraHeld > 0 ? tonnesSaved / extraHeld : undefined,
      sameAsBest: row.indistinguishable,
      share: o.valueDifference === undefined ? undefined : { better: o.valueDifference.pBetter, worse: o.valueDifference.pWorse },
    };
  });
}

/** The columns of the policy table, as text (terminal and report). */
export const POLICY_COLUMNS = ["alternative", "unmet value", "unmet t", "saved vs base (95% interval)", "better / worse", "given up t", "reserves t", "cost", "extra cost", "saved per $", "t saved per t held", "vs best"];

/** The rows as text, in POLICY_COLUMNS order. */
export function policyCells(rows: readonly PolicyRow[]): string[][] {
  return rows.map((r) => [
    r.isBase ? `${r.name} (base)` : r.name,
    formatMoney(r.unmetValue),
    formatNumber(r.unmetTonnes, 0),
    r.valueSaved === undefined ? "" : `${formatMoney(r.valueSaved.mean)} (${formatMoney(r.valueSaved.low)} to ${formatMoney(r.valueSaved.high)})`,
    r.share === undefined ? "" : `${formatNumber(r.share.better * 100, 0)}% / ${formatNumber(r.share.worse * 100, 0)}%`,
    formatNumber(r.givenUpTonnes, 0),
    formatNumber(r.reserveTonnes, 0),
    formatMoney(r.cost),
    r.extraCost === undefined ? "" : formatMoney(r.extraCost),
    r.valuePerDollar === undefined ? "" : formatNumber(r.valuePerDollar, 2),
    r.tonnesPerTonneHeld === undefined ? "" : formatNumber(r.tonnesPerTonneHeld, 2),
    r.sameAsBest ? "tied with best" : "worse",
  ]);
}

/** The policy table for the terminal, with a line saying what "tied with best" means. */
export function renderPolicyTable(plan: SweepPlan, statistics: SweepStatistics): string {
  const ranking = statistics.ranking;
  if (ranking === undefined) return "";
  const rows = policyCells(policyRows(plan, statistics));
  const widths = POLICY_COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(POLICY_COLUMNS), ...rows.map(line), "", rankingNote(ranking, statistics.runs, plan.unpricedCommodities)].join("\n") + "\n";
}

/** What the ranking's last column means, and what it ranks on, in a few sentences. */
export function rankingNote(ranking: AlternativeRanking, runs: number, unpriced: readonly string[] = []): string {
  const tied = ranking.rows.filter((r) => r.indistinguishable).map((r) => r.name);
  const each = formatNumber(ranking.eachConfidence * 100, 2);
  const on = ranking.total === "unmetValue" ? "the mean value of unmet demand at reference prices" : `the mean unmet tonnes over every pair, not their value: ${unpriced.join(", ")} ${unpriced.length === 1 ? "has" : "have"} no reference price`;
  const verdict = tied.length === 1 ? `${tied[0]} leaves the least, and the data tell it from every other alternative.` : `${tied.join(", ")} cannot be told apart from the best on these ${runs} replicates: their order is noise.`;
  return `Ranked by ${on}. "tied with best": its paired difference from the best holds 0 at ${each}% (Bonferroni over ${ranking.rows.length - 1} comparisons, 95% together). ${verdict}`;
}
