/**
 * SweepTally: the statistics of a sweep, built from its replicate outcomes taken strictly in
 * replicate order (0, 1, 2, ...), whichever shards and workers produced them, so that every
 * sum is formed in the same order and the results are the same bytes however the sweep was
 * split. Memory does not grow with the number of replicates: KPI percentiles and bands come
 * from fixed-bin counts (band-bins.ts), means and intervals from running moments (Welford).
 */
import { epochDayFromIso } from "../model/index.js";
import type { BandCountsData } from "./band-counts.js";
import { BandTally } from "./band-tally.js";
import { rankAlternatives } from "./alternative-ranking.js";
import { CountryTotals } from "./country-totals.js";
import { PairedTally } from "./paired-tally.js";
import type { ReplicateOutcome } from "./replicate-outcome.js";
import { SeriesTally } from "./series-tally.js";
import { parseStopRule } from "./stop-rule.js";
import { StopTally } from "./stop-tally.js";
import { SweepError } from "./sweep-error.js";
import { rankingTotal, type SweepPlan } from "./sweep-plan.js";
import type { PairedDifference, SweepStatistics } from "./sweep-statistics.js";

/**
 * Statistics of a sweep, fed one outcome at a time in replicate order. Each kind of statistic
 * has its own accumulator: per alternative, the series' KPI distributions (SeriesTally); per
 * alternative but the base, their paired differences (PairedTally); the countries' totals
 * (CountryTotals); the bands (BandTally, a sweep's only); and the stop rule's (StopTally).
 */
export class SweepTally {
  readonly plan: SweepPlan;
  private counted = 0;
  /** Replicates skipped (invalid draws) among those counted. */
  private skipped = 0;
  private stopped = false;
  /** Per alternative. */
  private readonly series: SeriesTally[];
  /** Per alternative after the base (index a - 1). */
  private readonly paired: PairedTally[];
  private readonly totals: CountryTotals;
  private readonly bands: BandTally | undefined;
  private readonly stopRule: StopTally | undefined;
  private readonly countsBands: boolean;

  /**
   * With `countsBands: false`, `add` leaves the bands alone: they are counted from the records
   * by whoever reads them (BandCounts) and added with `addBandCounts` before `finish`.
   */
  constructor(plan: SweepPlan, options: { countsBands?: boolean } = {}) {
    this.plan = plan;
    this.countsBands = options.countsBands ?? true;
    const n = plan.series.length;
    this.series = plan.alternatives.map(() => new SeriesTally(n, plan.dayCount));
    this.paired = plan.alternatives.slice(1).map(() => new PairedTally(n));
    this.totals = new CountryTotals(plan.series, plan.alternatives.length, rankingTotal(plan));
    this.bands = plan.kind === "sweep" ? new BandTally(plan.periodCount * n) : undefined;
    const rule = plan.until === null ? undefined : parseStopRule(plan.until);
    if (rule !== undefined && !rule.ok) throw new SweepError("bad-stop-rule", rule.message);
    this.stopRule = rule?.ok ? new StopTally(rule.targets, plan.series, plan.dayCount) : undefined;
  }

  /** Replicates counted so far (skipped ones included: their place in replicate order). */
  get runs(): number {
    return this.counted;
  }

  /** Skips the next replicate (an invalid draw): it takes its place in replicate order and adds to no statistic. */
  skip(replicate: number): boolean {
    if (this.stopped) return false;
    if (replicate !== this.counted) throw new SweepError(replicate < this.counted ? "duplicate-replicate" : "missing-replicate", replicate < this.counted ? `replicate ${replicate} appears twice` : `replicate ${this.counted} is missing (the next one found is ${replicate})`);
    this.counted++;
    this.skipped++;
    if (this.stopRule !== undefined && this.counted % this.plan.batch === 0 && this.stopRule.isMet()) this.stopped = true;
    return true;
  }

  /** Whether the stop rule has been met (no more outcomes are taken). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Counts the next replicate; it must be replicate number `runs`. Returns false once stopped. */
  add(outcome: ReplicateOutcome): boolean {
    if (this.stopped) return false;
    if (outcome.replicate !== this.counted) {
      throw new SweepError(
        outcome.replicate < this.counted ? "duplicate-replicate" : "missing-replicate",
        outcome.replicate < this.counted ? `replicate ${outcome.replicate} appears twice` : `replicate ${this.counted} is missing (the next one found is ${outcome.replicate})`,
      );
    }
    const base = outcome.alternatives[0];
    for (let a = 0; a < this.series.length; a++) {
      this.series[a].add(outcome.alternatives[a].kpis);
      if (a > 0) this.paired[a - 1].add(outcome.alternatives[a].kpis, base.kpis);
    }
    this.totals.add(outcome);
    if (this.countsBands) this.bands?.add(base);
    this.stopRule?.add(base.kpis);
    this.counted++;
    // The rule is looked at only at batch ends, so the count it settles on never depends on how the work was split.
    if (this.stopRule !== undefined && this.counted % this.plan.batch === 0 && this.stopRule.isMet()) this.stopped = true;
    return true;
  }

  /** Adds band counts made from the records of replicates this tally counted (a tally made with `countsBands: false`). */
  addBandCounts(data: BandCountsData): void {
    this.bands?.addCounts(data, this.plan.series.length);
  }

  /** The statistics of the replicates counted. Throws SweepError when fewer than planned arrived and no rule stopped the sweep. */
  finish(): SweepStatistics {
    if (!this.stopped && this.counted < this.plan.runs) {
      throw new SweepError("missing-replicate", `replicates ${this.counted} to ${this.plan.runs - 1} are missing (${this.plan.runs - this.counted} of ${this.plan.runs})`);
    }
    if (this.counted === this.skipped) throw new SweepError("missing-replicate", this.counted === 0 ? "no replicate was run" : `every replicate's draw was invalid (${this.skipped} of ${this.counted}): the scenario's distributions reach values its rules forbid`);
    const plan = this.plan;
    const startDay = epochDayFromIso(plan.start) as number;
    const byDates = datesToReport(plan);
    const alternatives = plan.alternatives.map((alternative, a) => ({
      name: alternative.name,
      countryTotals: this.totals.byCountry(a),
      series: this.series[a].statistics(plan, startDay, byDates),
    }));
    const differences: PairedDifference[] = [];
    for (let a = 1; a < plan.alternatives.length; a++) {
      const name = plan.alternatives[a].name;
      differences.push(...this.totals.differences(a, name), ...this.paired[a - 1].differences(name, alternatives[0].series, alternatives[a].series, plan.series));
    }
    const overall = this.totals.overall(plan.alternatives);
    const ranking =
      plan.kind === "compare"
        ? rankAlternatives(
            rankingTotal(plan),
            overall.map((o) => o.name),
            overall.map((o) => o[rankingTotal(plan)].mean),
            (i, j, confidence) => this.totals.betweenAlternatives(i, j, confidence),
          )
        : undefined;
    return { runs: this.counted - this.skipped, stoppedByRule: this.stopped && this.counted < plan.runs, alternatives, differences, overall, ranking, bands: this.bands?.rows(plan, startDay) };
  }
}

/** January 1 of every year after the start, and the end: the dates pShortBy reports. */
function datesToReport(plan: SweepPlan): string[] {
  const dates: string[] = [];
  const startYear = Number(plan.start.slice(0, 4));
  const endYear = Number(plan.end.slice(0, 4));
  for (let year = startYear + 1; year <= endYear; year++) dates.push(`${year}-01-01`);
  if (!dates.includes(plan.end)) dates.push(plan.end);
  return dates;
}
