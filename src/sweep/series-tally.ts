/**
 * SeriesTally: one alternative's statistics per reported series (a country and commodity with
 * demand), fed each replicate's KPIs in replicate order: for each KPI with a mean, running
 * moments (its mean and interval), fixed-bin counts and the least and greatest value (its
 * percentiles: a bin's reading held within the values seen, so a constant reads as itself);
 * and the day of the first shortfall, counted by day (the share of replicates short by each date).
 */
import { epochDayFromIso, isoFromEpochDay, KPI_NAMES, type MeanKpi } from "../model/index.js";
import { CellHistograms } from "./cell-histograms.js";
import { kpiGrid } from "./kpi-bins.js";
import { KPI_INDEX, type KpiValues } from "./replicate-outcome.js";
import { RunningMoments } from "./running-moments.js";
import type { SweepPlan } from "./sweep-plan.js";
import { MEAN_KPIS, PERCENTILES, type KpiDistribution, type SeriesStatistics } from "./sweep-statistics.js";

/** The grid of each MEAN_KPIS entry, by its index there. */
const MEAN_GRIDS = MEAN_KPIS.map(kpiGrid);
/** Each MEAN_KPIS entry's position among a series' KpiValues. */
const MEAN_KPI_POSITIONS = MEAN_KPIS.map((name) => KPI_INDEX[name]);

/** One alternative's KPI distributions and first shortfalls, per series. */
export class SeriesTally {
  /** Moments by (series, MEAN_KPIS index). */
  private readonly moments: RunningMoments;
  /** Per MEAN_KPIS entry: histograms by series. */
  private readonly bins: CellHistograms[];
  /** The least and greatest value by (series, MEAN_KPIS index), which percentiles are held within. */
  private readonly least: Float64Array;
  private readonly greatest: Float64Array;
  /** First short day by series (bin = day; dayCount = never short). */
  private readonly firstShort: CellHistograms;

  constructor(
    private readonly seriesCount: number,
    private readonly dayCount: number,
  ) {
    this.moments = new RunningMoments(seriesCount * MEAN_KPIS.length);
    this.bins = MEAN_KPIS.map(() => new CellHistograms(seriesCount));
    this.least = new Float64Array(seriesCount * MEAN_KPIS.length).fill(Infinity);
    this.greatest = new Float64Array(seriesCount * MEAN_KPIS.length).fill(-Infinity);
    this.firstShort = new CellHistograms(seriesCount);
  }

  /** Counts one replicate's KPIs of this alternative. */
  add(kpis: KpiValues): void {
    this.moments.count++;
    const kinds = MEAN_KPIS.length;
    // Plain loops over precomputed positions: this runs for every series of every replicate a merge reads.
    for (let s = 0; s < this.seriesCount; s++) {
      const at = s * KPI_NAMES.length;
      for (let j = 0; j < kinds; j++) {
        const value = kpis[at + MEAN_KPI_POSITIONS[j]];
        const cell = s * kinds + j;
        this.moments.add(cell, value);
        if (value < this.least[cell]) this.least[cell] = value;
        if (value > this.greatest[cell]) this.greatest[cell] = value;
        this.bins[j].add(s, MEAN_GRIDS[j].bin(value));
      }
      const first = kpis[at + KPI_INDEX.firstShortfallDate];
      this.firstShort.add(s, Number.isNaN(first) ? this.dayCount : first);
    }
  }

  /** The statistics of each series of `plan`; `byDates` are the dates pShortBy reports. */
  statistics(plan: SweepPlan, startDay: number, byDates: readonly string[]): SeriesStatistics[] {
    return plan.series.map((series, s): SeriesStatistics => {
      const first = this.firstShort;
      return {
        ...series,
        pShort: first.shareBelow(s, plan.dayCount),
        pShortBy: byDates.map((date) => ({ date, p: first.shareBelow(s, (epochDayFromIso(date) as number) - startDay + 1) })),
        pShortByPeriod: Array.from({ length: plan.periodCount }, (_, p) => first.shareBelow(s, Math.min(plan.dayCount, (p + 1) * plan.bandDays))),
        firstShortfallDate: PERCENTILES.map((p) => {
          const day = first.quantileBin(s, p);
          return day >= plan.dayCount ? null : isoFromEpochDay(startDay + day);
        }),
        kpis: this.distributions(s),
      };
    });
  }

  /** Series `s`'s distribution of each KPI with a mean. */
  private distributions(s: number): Record<MeanKpi, KpiDistribution> {
    return Object.fromEntries(
      MEAN_KPIS.map((name, j) => {
        const cell = s * MEAN_KPIS.length + j;
        const interval = this.moments.interval(cell);
        const histogram = this.bins[j];
        // A bin reads as its middle, which may lie beyond every value in it: held within the values seen.
        const percentiles = PERCENTILES.map((p) => Math.min(this.greatest[cell], Math.max(this.least[cell], MEAN_GRIDS[j].valueOfBin(histogram.quantileBin(s, p)))));
        return [name, { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, sd: interval.standardDeviation, min: this.least[cell], max: this.greatest[cell], percentiles }];
      }),
    ) as unknown as Record<MeanKpi, KpiDistribution>;
  }
}
