/**
 * The backtest: each recorded episode's scenario replayed over N replicates, the episode's model
 * series read off each replicate's daily record by month, every criterion measured in every
 * replicate, and each scored by the share of replicates that meet the record. Episodes that
 * replay the same scenario share its replicates. Replicate r of an episode is replicate r of its
 * scenario at its seed: the same numbers `chokepoint run FILE --seed S --replicate r` gives.
 */
import { quantileSorted } from "simple-statistics";
import { isoMonth, type WorldSpec } from "../../model/index.js";
import type { Episode, EpisodeCriterion, FieldPath, Scenario } from "../../scenario/index.js";
import { simulate } from "../run-scenario.js";
import { criterionValue, meets } from "./criterion-value.js";
import { monthlySeries, wholeMonths, type MonthlySeries } from "./monthly-series.js";

/** A criterion is met when at least this share of replicates meets it. */
export const MET_SHARE = 0.8;
/** A criterion is partly met when at least this share of replicates meets it. */
export const PARTLY_SHARE = 0.2;
/** Percentiles of the charts' fans. */
export const FAN_PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** How a criterion came out. */
export type Verdict = "met" | "partly" | "missed";

/** One criterion scored over the replicates. */
export interface CriterionScore {
  readonly criterion: EpisodeCriterion;
  /** The model's value in each replicate (NaN: undefined there). */
  readonly values: readonly number[];
  /** 5th, 50th and 95th percentiles of the values (NaN values left out). */
  readonly p5: number;
  readonly median: number;
  readonly p95: number;
  /** Share of replicates whose value meets the record. */
  readonly shareMet: number;
  readonly verdict: Verdict;
}

/** One episode scored. */
export interface EpisodeScore {
  readonly episode: Episode;
  readonly scenario: string;
  readonly seed: number;
  readonly runs: number;
  /** The charted series by month: `fan[i]` holds FAN_PERCENTILES of month `firstMonth + i` over the replicates. */
  readonly firstMonth: number;
  readonly fan: readonly (readonly number[])[];
  readonly criteria: readonly CriterionScore[];
}

/** An episode with the scenario that replays it (already loaded, overlays applied). */
export interface EpisodeRun {
  readonly episode: Episode;
  readonly scenario: Scenario;
}

/** A problem of an episode against its scenario's world, where it is written. */
export interface EpisodeProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * What in `episode` its scenario cannot answer: commodities or countries the world lacks, a
 * series that selects no market, months outside the reported whole months.
 */
export function checkEpisode(episode: Episode, scenario: Scenario): EpisodeProblem[] {
  const spec = scenario.spec;
  const problems: EpisodeProblem[] = [];
  const commodities = new Set(spec.commodities.map((c) => c.id));
  const countries = new Set(spec.countries.map((c) => c.id));
  for (const series of episode.series) {
    series.commodities.forEach((id, i) => {
      if (!commodities.has(id)) problems.push({ path: [...series.path, "commodities", i], message: `${scenario.name} has no commodity "${id}"` });
    });
    [...(series.countries ?? []), ...series.except].forEach((id) => {
      if (!countries.has(id)) problems.push({ path: [...series.path, series.countries === undefined ? "except" : "countries"], message: `${scenario.name} has no country "${id}"` });
    });
    if (!spec.markets.some((m) => series.commodities.includes(spec.commodities[m.commodity].id) && isSelected(spec, series, spec.countries[m.country].id))) {
      problems.push({ path: series.path, message: `no market of ${scenario.name} is in this series (no country of it has any of these commodities)` });
    }
  }
  const months = reportedMonths(spec);
  const inside = (path: FieldPath, first: number, last: number, what: string) => {
    if (first < months.first || last > months.last) problems.push({ path, message: `${what} reaches outside the months ${scenario.name} reports (${isoMonth(months.first)} to ${isoMonth(months.last)})` });
  };
  for (const series of episode.series) {
    if (series.baseline !== undefined && series.baseline !== "year-before") inside([...series.path, "baseline"], series.baseline.first, series.baseline.last, "the baseline");
  }
  for (const criterion of episode.criteria) {
    const series = episode.series[criterion.seriesIndex];
    const back = (criterion.kind === "level" ? (criterion.baseline ?? series.baseline) : series.baseline) === "year-before" ? 12 : 0;
    const spans = criterion.kind === "rise-per-year" ? [criterion.from, criterion.to] : [criterion.kind === "direction" || criterion.kind === "level" ? criterion.window : criterion.within];
    for (const span of spans) inside(criterion.path, span.first - back, span.last, back > 0 ? "with the year before it, the span" : "the span");
  }
  return problems;
}

function isSelected(spec: WorldSpec, series: Episode["series"][number], country: string): boolean {
  return series.countries === undefined ? !series.except.includes(country) : series.countries.includes(country);
}

function reportedMonths(spec: WorldSpec): { first: number; last: number } {
  return wholeMonths(spec.startEpochDay, spec.endEpochDay - spec.startEpochDay + 1);
}


/** Options of a backtest. */
export interface BacktestOptions {
  /** Replicates per scenario. */
  readonly runs: number;
  /** One seed for every scenario (default: each scenario's own). */
  readonly seed?: number;
  /** Called after each replicate of each scenario. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Replays every episode over `options.runs` replicates and scores its criteria. */
export function runBacktest(runs: readonly EpisodeRun[], options: BacktestOptions): EpisodeScore[] {
  // Episodes on the same loaded scenario share its replicates.
  const groups: { scenario: Scenario; members: number[] }[] = [];
  runs.forEach((run, i) => {
    const group = groups.find((g) => g.scenario === run.scenario);
    if (group === undefined) groups.push({ scenario: run.scenario, members: [i] });
    else group.members.push(i);
  });
  const values = runs.map((run) => run.episode.criteria.map(() => new Array<number>(options.runs)));
  const charted = runs.map(() => [] as MonthlySeries[]);
  const total = groups.length * options.runs;
  let done = 0;
  for (const { scenario, members } of groups) {
    const seed = options.seed ?? scenario.defaultSeed;
    for (let r = 0; r < options.runs; r++) {
      const run = simulate(scenario, { seed, replicate: r, timeline: true });
      for (const i of members) {
        const { episode } = runs[i];
        const monthly = episode.series.map((series) => monthlySeries(run.timeline, scenario.spec, series));
        charted[i].push(monthly[0]);
        episode.criteria.forEach((criterion, c) => {
          values[i][c][r] = criterionValue(criterion, episode.series[criterion.seriesIndex], monthly[criterion.seriesIndex]);
        });
      }
      options.onProgress?.(++done, total);
    }
  }
  return runs.map((run, i) => {
    const seed = options.seed ?? run.scenario.defaultSeed;
    const series = run.episode.series[0];
    const firstMonth = charted[i][0].firstMonth;
    const months = charted[i][0].num.length;
    const fan = Array.from({ length: months }, (_, k) => percentiles(charted[i].map((m) => m.view(series, firstMonth + k, firstMonth + k)), FAN_PERCENTILES));
    return {
      episode: run.episode,
      scenario: run.scenario.name,
      seed,
      runs: options.runs,
      firstMonth,
      fan,
      criteria: run.episode.criteria.map((criterion, c) => scoreCriterion(criterion, values[i][c])),
    };
  });
}

/** A criterion's values over the replicates, summarised and judged. */
export function scoreCriterion(criterion: EpisodeCriterion, values: readonly number[]): CriterionScore {
  const shareMet = values.filter((v) => meets(criterion, v)).length / values.length;
  const [p5, median, p95] = percentiles(values, [0.05, 0.5, 0.95]);
  return { criterion, values, p5, median, p95, shareMet, verdict: shareMet >= MET_SHARE ? "met" : shareMet >= PARTLY_SHARE ? "partly" : "missed" };
}

/** Percentiles of the values that are numbers (NaN each when none is). */
function percentiles(values: readonly number[], at: readonly number[]): number[] {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return at.map((p) => (sorted.length === 0 ? Number.NaN : quantileSorted(sorted, p)));
}
