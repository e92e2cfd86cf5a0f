/**
 * Stop rules: `--until "unmetTonnes US antimony: mean ±2% @95%"` stops a sweep once the named
 * statistics are known to the precision asked, checked only at batch ends (every `batch`
 * replicates, counted from replicate 0), so that the number of replicates a rule settles on is
 * the same on any number of workers and shards. Several rules are joined by ";", all must hold.
 *
 *     unmetTonnes US antimony: mean ±2% @95%        half-width of the 95% t interval <= 2% of the mean
 *     shortfallDays JP y-oxide: mean ±5 @90%        half-width <= 5 days
 *     pShort KR ndfeb-magnet: ±2 points @95%        half-width of the share short's 95% Wilson interval <= 2 points
 *     ... min 100                                   and not before 100 replicates (default MIN_RUNS)
 *
 * No rule may stop before its minimum number of replicates: a handful of replicates that all
 * happen to be 0 has a standard deviation of 0 and an interval of 0 to 0, a false zero.
 */
import { KPI_CATALOGUE, type RuleKpi } from "../model/index.js";
import { suggestion } from "../scenario/index.js";
import { MAX_SWEEP_RUNS } from "./sweep-plan.js";
import { MEAN_KPIS } from "./sweep-statistics.js";

/** KPIs a mean rule may name (the catalogue's stopRule flag), in MEAN_KPIS order. */
export const RULE_KPIS: readonly RuleKpi[] = MEAN_KPIS.filter((name): name is RuleKpi => KPI_CATALOGUE[name].statistics.stopRule);

/** The statistic a rule on the share of replicates short names in place of a KPI. */
export const P_SHORT = "pShort";

/**
 * The fewest replicates a rule may stop at unless it says `min N`: a KPI that is non-zero in
 * one replicate in ten is still 0 in all of 30 replicates 4% of the time (0.9^30), so a rule
 * on it can settle on a false zero that rarely; and 30 is where Student's t interval from a
 * sample standard deviation is commonly taken to be trustworthy. Rare events want a pShort
 * rule, whose interval is never empty, or a larger minimum.
 */
export const MIN_RUNS = 30;

/** One precision target. */
export interface StopTarget {
  /** The KPI whose mean is watched, or P_SHORT for the share of replicates short. */
  readonly kpi: RuleKpi | typeof P_SHORT;
  readonly country: string;
  readonly commodity: string;
  /** Largest half-width of the interval: a share of |mean| when `isRelative`, else in the KPI's units (a share for pShort). */
  readonly halfWidth: number;
  readonly isRelative: boolean;
  readonly confidence: number;
  /** Replicates counted before the target can be met. */
  readonly minRuns: number;
}

const NUMBER = "([0-9]*\\.?[0-9]+(?:e[+-]?\\d+)?)";
const PLUS_MINUS = "(?:±|\\+-|\\+\\/-)";
const HEAD = /^([A-Za-z]+)\s+([A-Z][A-Z0-9]{1,3})\s+([a-z0-9][a-z0-9-]*)\s*:\s*(.*)$/i;
const MIN_CLAUSE = /\s*\bmin\s*(\S*)$/i;
const CONFIDENCE_CLAUSE = new RegExp(`\\s*@\\s*${NUMBER}\\s*%$`, "i");
const MEAN_BODY = new RegExp(`^mean\\s*${PLUS_MINUS}\\s*${NUMBER}\\s*(%?)$`, "i");
const SHARE_BODY = new RegExp(`^(mean\\s*)?${PLUS_MINUS}\\s*${NUMBER}\\s*(points?|%)?$`, "i");

/** A parsed rule, or what is wrong with it. */
export function parseStopRule(text: string): { ok: true; targets: StopTarget[] } | { ok: false; message: string } {
  const targets: StopTarget[] = [];
  for (const part of text.split(";").map((p) => p.trim()).filter((p) => p !== "")) {
    const target = parseTarget(part);
    if (typeof target === "string") return { ok: false, message: target };
    targets.push(target);
  }
  if (targets.length === 0) return { ok: false, message: "the stop rule is empty" };
  return { ok: true, targets };
}

/** One rule of `;`-joined ones, or what is wrong with it. */
function parseTarget(part: string): StopTarget | string {
  const notARule = `"${part}" is not a stop rule: write KPI COUNTRY COMMODITY: mean ±X% @95%, such as "unmetTonnes US antimony: mean ±2% @95%", or pShort COUNTRY COMMODITY: ±X points @95%, such as "pShort KR ndfeb-magnet: ±2 points @95%"; either may end in min N (at least N replicates first; default ${MIN_RUNS})`;
  const head = HEAD.exec(part);
  if (head === null) return notARule;
  let rest = head[4];
  let minRuns = MIN_RUNS;
  const min = MIN_CLAUSE.exec(rest);
  if (min !== null) {
    minRuns = /^\d+$/.test(min[1]) ? Number(min[1]) : Number.NaN;
    if (!(minRuns >= 2 && minRuns <= MAX_SWEEP_RUNS)) return `"${part}": min must be a whole number of replicates from 2 to ${MAX_SWEEP_RUNS}, got "${min[1]}"`;
    rest = rest.slice(0, min.index);
  }
  let confidence = 0.95;
  const at = CONFIDENCE_CLAUSE.exec(rest);
  if (at !== null) {
    confidence = Number(at[1]) / 100;
    rest = rest.slice(0, at.index);
  }
  if (!(confidence >= 0.5 && confidence < 1)) return `"${part}": the confidence must be at least 50% and below 100%`;
  const [, name, country, commodity] = head;
  const kpi = RULE_KPIS.find((k) => k === name);
  if (kpi === undefined && name !== P_SHORT) return `"${name}" is not a KPI a rule can name; use one of ${RULE_KPIS.join(", ")} (a mean), or ${P_SHORT} (the share of replicates short)`;
  if (kpi === undefined) {
    const share = SHARE_BODY.exec(rest);
    if (share === null) return notARule;
    if (share[1] !== undefined) return `"${part}": pShort is a share of replicates, not a KPI with a mean: write "${P_SHORT} ${country} ${commodity}: ±2 points"`;
    if (share[3]?.toLowerCase().startsWith("point") !== true) return `"${part}": a pShort precision is in percentage points of the share short: write ±${share[2]} points`;
    const points = Number(share[2]);
    if (!(points > 0 && points <= 50)) return `"${part}": a pShort precision must be more than 0 and at most 50 points`;
    return { kpi: P_SHORT, country, commodity, halfWidth: points / 100, isRelative: false, confidence, minRuns };
  }
  const mean = MEAN_BODY.exec(rest);
  if (mean === null) return notARule;
  const value = Number(mean[1]);
  if (!(value > 0)) return `"${part}": the precision must be > 0`;
  const isRelative = mean[2] === "%";
  return { kpi, country, commodity, halfWidth: isRelative ? value / 100 : value, isRelative, confidence, minRuns };
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
