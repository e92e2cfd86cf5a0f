/**
 * Stop rules: `--until "unmetTonnes US antimony: mean ±2% @95%"` stops a sweep once the named
 * KPIs are known to the precision asked, checked only at batch ends (every `batch`
 * replicates, counted from replicate 0), so that the number of replicates a rule settles on is
 * the same on any number of workers and shards. Several rules are joined by ";", all must hold.
 *
 *     unmetTonnes US antimony: mean ±2% @95%        half-width of the 95% interval <= 2% of the mean
 *     shortfallDays JP y-oxide: mean ±5 @90%        half-width <= 5 days
 */
import { KPI_CATALOGUE, type RuleKpi } from "../model/index.js";
import { suggestion } from "../scenario/index.js";
import { meanInterval } from "./mean-interval.js";
import { MEAN_KPIS } from "./sweep-statistics.js";

/** KPIs a rule may name (the catalogue's stopRule flag), in MEAN_KPIS order. */
export const RULE_KPIS: readonly RuleKpi[] = MEAN_KPIS.filter((name): name is RuleKpi => KPI_CATALOGUE[name].statistics.stopRule);

/** One precision target. */
export interface StopTarget {
  readonly kpi: RuleKpi;
  readonly country: string;
  readonly commodity: string;
  /** Largest half-width of the interval: a share of |mean| when `isRelative`, else in the KPI's units. */
  readonly halfWidth: number;
  readonly isRelative: boolean;
  readonly confidence: number;
}

/** A parsed rule, or what is wrong with it. */
export function parseStopRule(text: string): { ok: true; targets: StopTarget[] } | { ok: false; message: string } {
  const targets: StopTarget[] = [];
  for (const part of text.split(";").map((p) => p.trim()).filter((p) => p !== "")) {
    const match = /^([A-Za-z]+)\s+([A-Z][A-Z0-9]{1,3})\s+([a-z0-9][a-z0-9-]*)\s*:\s*mean\s*(?:±|\+-|\+\/-)\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(%?)\s*(?:@\s*([0-9]*\.?[0-9]+)\s*%)?$/i.exec(part);
    if (match === null) {
      return { ok: false, message: `"${part}" is not a stop rule: write KPI COUNTRY COMMODITY: mean ±X% @95%, such as "unmetTonnes US antimony: mean ±2% @95%"` };
    }
    const kpi = RULE_KPIS.find((name) => name === match[1]);
    if (kpi === undefined) return { ok: false, message: `"${match[1]}" is not a KPI a rule can name; use one of ${RULE_KPIS.join(", ")}` };
    const value = Number(match[4]);
    const isRelative = match[5] === "%";
    const confidence = match[6] === undefined ? 0.95 : Number(match[6]) / 100;
    if (!(value > 0)) return { ok: false, message: `"${part}": the precision must be > 0` };
    if (!(confidence >= 0.5 && confidence < 1)) return { ok: false, message: `"${part}": the confidence must be at least 50% and below 100%` };
    targets.push({ kpi, country: match[2], commodity: match[3], halfWidth: isRelative ? value / 100 : value, isRelative, confidence });
  }
  if (targets.length === 0) return { ok: false, message: "the stop rule is empty" };
  return { ok: true, targets };
}

/**
 * What is wrong with a rule's targets for a sweep that reports `series` (the country and
 * commodity pairs with demand), or undefined when every target names a reported pair: the
 * unknown country or commodity (with the closest known one), or the pair that has no demand.
 */
export function unreportedTarget(targets: readonly StopTarget[], series: readonly { readonly country: string; readonly commodity: string }[]): string | undefined {
  const countries = new Set(series.map((s) => s.country));
  const commodities = new Set(series.map((s) => s.commodity));
  // The closest known id, or the list of them when none is close.
  const hint = (word: string, known: ReadonlySet<string>, what: string) => suggestion(word, known) || `; ${what}: ${[...known].sort().join(", ")}`;
  for (const t of targets) {
    const rule = `"${t.kpi} ${t.country} ${t.commodity}"`;
    if (!countries.has(t.country)) return `${rule} names the country "${t.country}", which has no demand for anything in this scenario${hint(t.country, countries, "the countries with demand are")}`;
    if (!commodities.has(t.commodity)) return `${rule} names the commodity "${t.commodity}", which no country has demand for in this scenario${hint(t.commodity, commodities, "the commodities with demand are")}`;
    if (!series.some((s) => s.country === t.country && s.commodity === t.commodity)) {
      const theirs = series.filter((s) => s.country === t.country).map((s) => s.commodity);
      return `${rule}: ${t.country} has no demand for ${t.commodity} in this scenario, so the sweep does not report it; ${t.country} has demand for ${theirs.join(", ")}`;
    }
  }
  return undefined;
}

/** Running sums of one target's KPI, in replicate order. */
export interface TargetSums {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/** Whether every target's interval is narrow enough (at least two replicates each). */
export function isPreciseEnough(targets: readonly StopTarget[], sums: readonly TargetSums[]): boolean {
  return targets.every((target, i) => {
    const s = sums[i];
    if (s.count < 2) return false;
    const interval = meanInterval(s.count, s.sum, s.sumOfSquares, target.confidence);
    const allowed = target.isRelative ? target.halfWidth * Math.abs(interval.mean) : target.halfWidth;
    return interval.halfWidth <= allowed;
  });
}
