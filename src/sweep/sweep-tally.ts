/**
 * SweepTally: the statistics of a sweep, built from its replicate outcomes taken strictly in
 * replicate order (0, 1, 2, ...), whichever shards and workers produced them, so that every
 * sum is formed in the same order and the results are the same bytes however the sweep was
 * split. Memory does not grow with the number of replicates: KPI percentiles and bands come
 * from fixed-bin counts (band-bins.ts), means and intervals from running sums.
 */
import { KPI_NAMES, epochDayFromIso, isoFromEpochDay, type KpiName, type MeanKpi } from "../model/index.js";
import { shareOfBin, tonnesOfBin } from "./band-bins.js";
import { CellHistograms } from "./cell-histograms.js";
import { kpiGrid } from "./kpi-bins.js";
import { meanInterval } from "./mean-interval.js";
import type { ReplicateOutcome } from "./replicate-outcome.js";
import { isPreciseEnough, parseStopRule, type StopTarget, type TargetSums } from "./stop-rule.js";
import { SweepError } from "./sweep-error.js";
import type { SweepPlan } from "./sweep-plan.js";
import { ALL_COMMODITIES, COMPARE_KPIS, MEAN_KPIS, PERCENTILES, type BandRow, type KpiDistribution, type PairedDifference, type SeriesStatistics, type SweepStatistics } from "./sweep-statistics.js";

const KPI_INDEX = Object.fromEntries(KPI_NAMES.map((name, k) => [name, k])) as Record<KpiName, number>;
/** The grid of each MEAN_KPIS entry, by its index there. */
const MEAN_GRIDS = MEAN_KPIS.map(kpiGrid);

interface Sums {
  count: number;
  sum: Float64Array;
  sumOfSquares: Float64Array;
}

const sums = (size: number): Sums => ({ count: 0, sum: new Float64Array(size), sumOfSquares: new Float64Array(size) });

/** Statistics of a sweep, fed one outcome at a time in replicate order. */
export class SweepTally {
  readonly plan: SweepPlan;
  private counted = 0;
  private stopped = false;
  private readonly seriesCount: number;
  private readonly alternatives: number;
  /** Per alternative: sums by (series, MEAN_KPIS index). */
  private readonly kpiSums: Sums[];
  /** Per alternative and MEAN_KPI: histograms by series. */
  private readonly kpiBins: CellHistograms[][];
  /** Per alternative: first short day histograms by series (bin = day; dayCount = never). */
  private readonly firstShort: CellHistograms[];
  /** Per alternative >= 1: paired difference sums by (series, COMPARE_KPIS index), and strict wins. */
  private readonly diffSums: Sums[];
  private readonly wins: Float64Array[];
  /** The countries of the series, in order, and each series' country slot. */
  private readonly countries: readonly string[];
  private readonly countryOf: Int32Array;
  /** Per alternative: country totals of unmet tonnes; per alternative >= 1: their paired differences and wins. */
  private readonly totalSums: Sums[];
  private readonly totalDiffSums: Sums[];
  private readonly totalWins: Float64Array[];
  private readonly totals: Float64Array[];
  private readonly shareBands: CellHistograms | undefined;
  private readonly stockBands: CellHistograms | undefined;
  private readonly targets: readonly StopTarget[];
  private readonly targetSlots: readonly { series: number; kpi: number }[];
  private readonly targetSums: TargetSums[];

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.seriesCount = plan.series.length;
    this.alternatives = plan.alternatives.length;
    const n = this.seriesCount;
    this.kpiSums = plan.alternatives.map(() => sums(n * MEAN_KPIS.length));
    this.kpiBins = plan.alternatives.map(() => MEAN_KPIS.map(() => new CellHistograms(n)));
    this.firstShort = plan.alternatives.map(() => new CellHistograms(n));
    this.diffSums = plan.alternatives.map(() => sums(n * COMPARE_KPIS.length));
    this.wins = plan.alternatives.map(() => new Float64Array(n * COMPARE_KPIS.length));
    this.countries = [...new Set(plan.series.map((s) => s.country))];
    this.countryOf = Int32Array.from(plan.series.map((s) => this.countries.indexOf(s.country)));
    // One slot per country, and a last one for the sum over every country (every reported pair).
    const c = this.countries.length + 1;
    this.totalSums = plan.alternatives.map(() => sums(c));
    this.totalDiffSums = plan.alternatives.map(() => sums(c));
    this.totalWins = plan.alternatives.map(() => new Float64Array(c));
    this.totals = plan.alternatives.map(() => new Float64Array(c));
    if (plan.kind === "sweep") {
      this.shareBands = new CellHistograms(plan.periodCount * n);
      this.stockBands = new CellHistograms(plan.periodCount * n);
    }
    const rule = plan.until === null ? undefined : parseStopRule(plan.until);
    if (rule !== undefined && !rule.ok) throw new SweepError("bad-stop-rule", rule.message);
    this.targets = rule?.ok ? rule.targets : [];
    this.targetSlots = this.targets.map((t) => {
      const series = plan.series.findIndex((s) => s.country === t.country && s.commodity === t.commodity);
      if (series < 0) throw new SweepError("bad-stop-rule", `the stop rule names ${t.commodity} in ${t.country}, which the sweep does not report (no demand there)`);
      return { series, kpi: KPI_INDEX[t.kpi] };
    });
    this.targetSums = this.targets.map(() => ({ count: 0, sum: 0, sumOfSquares: 0 }));
  }

  /** Replicates counted so far. */
  get runs(): number {
    return this.counted;
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
    const n = this.seriesCount;
    const kpiCount = KPI_NAMES.length;
    for (let a = 0; a < this.alternatives; a++) {
      const alt = outcome.alternatives[a];
      const kpiSums = this.kpiSums[a];
      kpiSums.count++;
      for (let s = 0; s < n; s++) {
        const at = s * kpiCount;
        MEAN_KPIS.forEach((name, j) => {
          const value = alt.kpis[at + KPI_INDEX[name]];
          kpiSums.sum[s * MEAN_KPIS.length + j] += value;
          kpiSums.sumOfSquares[s * MEAN_KPIS.length + j] += value * value;
          this.kpiBins[a][j].add(s, MEAN_GRIDS[j].bin(value));
        });
        const first = alt.kpis[at + KPI_INDEX.firstShortfallDate];
        this.firstShort[a].add(s, Number.isNaN(first) ? this.plan.dayCount : first);
        if (a === 0) continue;
        const base = outcome.alternatives[0].kpis;
        const diffSums = this.diffSums[a];
        if (s === 0) diffSums.count++;
        COMPARE_KPIS.forEach((name, j) => {
          const diff = alt.kpis[at + KPI_INDEX[name]] - base[at + KPI_INDEX[name]];
          diffSums.sum[s * COMPARE_KPIS.length + j] += diff;
          diffSums.sumOfSquares[s * COMPARE_KPIS.length + j] += diff * diff;
          if (diff < 0) this.wins[a][s * COMPARE_KPIS.length + j]++;
        });
      }
    }
    // Country totals, summed in series order, then their paired differences.
    const unmet = KPI_INDEX.unmetTonnes;
    for (let a = 0; a < this.alternatives; a++) {
      const totals = this.totals[a];
      totals.fill(0);
      const kpis = outcome.alternatives[a].kpis;
      for (let s = 0; s < n; s++) totals[this.countryOf[s]] += kpis[s * kpiCount + unmet];
      const all = this.countries.length;
      for (let c = 0; c < all; c++) totals[all] += totals[c];
      const t = this.totalSums[a];
      t.count++;
      for (let c = 0; c < totals.length; c++) {
        t.sum[c] += totals[c];
        t.sumOfSquares[c] += totals[c] * totals[c];
      }
      if (a === 0) continue;
      const d = this.totalDiffSums[a];
      d.count++;
      for (let c = 0; c < totals.length; c++) {
        const diff = totals[c] - this.totals[0][c];
        d.sum[c] += diff;
        d.sumOfSquares[c] += diff * diff;
        if (diff < 0) this.totalWins[a][c]++;
      }
    }
    if (this.shareBands !== undefined && this.stockBands !== undefined) {
      const base = outcome.alternatives[0];
      for (let i = 0; i < base.shareBins.length; i++) {
        this.shareBands.add(i, base.shareBins[i]);
        this.stockBands.add(i, base.stockBins[i]);
      }
    }
    this.targets.forEach((_, i) => {
      const { series, kpi } = this.targetSlots[i];
      const value = outcome.alternatives[0].kpis[series * kpiCount + kpi];
      const t = this.targetSums[i];
      t.count++;
      t.sum += value;
      t.sumOfSquares += value * value;
    });
    this.counted++;
    // The rule is looked at only at batch ends, so the count it settles on never depends on how the work was split.
    if (this.targets.length > 0 && this.counted % this.plan.batch === 0 && isPreciseEnough(this.targets, this.targetSums)) this.stopped = true;
    return true;
  }

  /** The statistics of the replicates counted. Throws SweepError when fewer than planned arrived and no rule stopped the sweep. */
  finish(): SweepStatistics {
    if (!this.stopped && this.counted < this.plan.runs) {
      throw new SweepError("missing-replicate", `replicates ${this.counted} to ${this.plan.runs - 1} are missing (${this.plan.runs - this.counted} of ${this.plan.runs})`);
    }
    if (this.counted === 0) throw new SweepError("missing-replicate", "no replicate was run");
    const plan = this.plan;
    const startDay = epochDayFromIso(plan.start) as number;
    const byDates = datesToReport(plan);
    const totalOf = (a: number, c: number) => {
      const t = this.totalSums[a];
      const interval = meanInterval(t.count, t.sum[c], t.sumOfSquares[c]);
      return { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, sd: interval.standardDeviation };
    };
    const alternatives = plan.alternatives.map((alternative, a) => ({
      name: alternative.name,
      countryTotals: this.countries.map((country, c) => ({ country, unmetTonnes: totalOf(a, c) })),
      series: plan.series.map((series, s): SeriesStatistics => {
        const kpis = Object.fromEntries(
          MEAN_KPIS.map((name, j) => {
            const at = s * MEAN_KPIS.length + j;
            const interval = meanInterval(this.kpiSums[a].count, this.kpiSums[a].sum[at], this.kpiSums[a].sumOfSquares[at]);
            const histogram = this.kpiBins[a][j];
            return [name, { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, sd: interval.standardDeviation, percentiles: PERCENTILES.map((p) => MEAN_GRIDS[j].valueOfBin(histogram.quantileBin(s, p))) }];
          }),
        ) as unknown as Record<MeanKpi, KpiDistribution>;
        const first = this.firstShort[a];
        return {
          ...series,
          pShort: first.shareBelow(s, plan.dayCount),
          pShortBy: byDates.map((date) => ({ date, p: first.shareBelow(s, (epochDayFromIso(date) as number) - startDay + 1) })),
          pShortByPeriod: Array.from({ length: plan.periodCount }, (_, p) => first.shareBelow(s, Math.min(plan.dayCount, (p + 1) * plan.bandDays))),
          firstShortfallDate: PERCENTILES.map((p) => {
            const day = first.quantileBin(s, p);
            return day >= plan.dayCount ? null : isoFromEpochDay(startDay + day);
          }),
          kpis,
        };
      }),
    }));
    const differences: PairedDifference[] = [];
    for (let a = 1; a < this.alternatives; a++) {
      this.countries.forEach((country, c) => {
        const diff = meanInterval(this.totalDiffSums[a].count, this.totalDiffSums[a].sum[c], this.totalDiffSums[a].sumOfSquares[c]);
        differences.push({
          alternative: plan.alternatives[a].name,
          country,
          commodity: ALL_COMMODITIES,
          kpi: "unmetTonnes",
          baseMean: totalOf(0, c).mean,
          alternativeMean: totalOf(a, c).mean,
          diffMean: diff.mean,
          diffCiLow: diff.low,
          diffCiHigh: diff.high,
          pBetter: this.totalWins[a][c] / this.totalDiffSums[a].count,
        });
      });
      plan.series.forEach((series, s) => {
        COMPARE_KPIS.forEach((kpi, j) => {
          const at = s * COMPARE_KPIS.length + j;
          const diff = meanInterval(this.diffSums[a].count, this.diffSums[a].sum[at], this.diffSums[a].sumOfSquares[at]);
          differences.push({
            alternative: plan.alternatives[a].name,
            ...series,
            kpi,
            baseMean: alternatives[0].series[s].kpis[kpi].mean,
            alternativeMean: alternatives[a].series[s].kpis[kpi].mean,
            diffMean: diff.mean,
            diffCiLow: diff.low,
            diffCiHigh: diff.high,
            pBetter: this.wins[a][at] / this.diffSums[a].count,
          });
        });
      });
    }
    const all = this.countries.length;
    const overall = plan.alternatives.map((alternative, a) => {
      if (a === 0) return { name: alternative.name, unmetTonnes: totalOf(0, all), difference: undefined };
      const d = this.totalDiffSums[a];
      const diff = meanInterval(d.count, d.sum[all], d.sumOfSquares[all]);
      return { name: alternative.name, unmetTonnes: totalOf(a, all), difference: { mean: diff.mean, ciLow: diff.low, ciHigh: diff.high, pBetter: this.totalWins[a][all] / d.count } };
    });
    return { runs: this.counted, stoppedByRule: this.stopped && this.counted < plan.runs, alternatives, differences, overall, bands: this.bandRows(startDay) };
  }

  private bandRows(startDay: number): BandRow[] | undefined {
    const shares = this.shareBands;
    const stocks = this.stockBands;
    if (shares === undefined || stocks === undefined) return undefined;
    const plan = this.plan;
    const rows: BandRow[] = [];
    plan.series.forEach((series, s) => {
      for (let p = 0; p < plan.periodCount; p++) {
        const cell = p * plan.series.length + s;
        rows.push({
          date: isoFromEpochDay(startDay + p * plan.bandDays),
          ...series,
          shortfallShare: PERCENTILES.map((q) => shareOfBin(shares.quantileBin(cell, q))),
          stockTonnes: PERCENTILES.map((q) => tonnesOfBin(stocks.quantileBin(cell, q))),
          pShort: shares.shareAboveZero(cell),
        });
      }
    });
    return rows;
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
