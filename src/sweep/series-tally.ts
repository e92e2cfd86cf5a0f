/**
 * SeriesTally: one alternative's statistics per reported series (a country and commodity with
 * demand), fed each replicate's KPIs in replicate order: for each KPI with a mean, running sums
 * (its mean and interval) and fixed-bin counts (its percentiles); and the day of the first
 * shortfall, counted by day (the share of replicates short by each date).
 */
import { epochDayFromIso, isoFromEpochDay, KPI_NAMES, type MeanKpi } from "../model/index.js";
import { CellHistograms } from "./cell-histograms.js";
import { kpiGrid } from "./kpi-bins.js";
import { KPI_INDEX, type KpiValues } from "./replicate-outcome.js";
import { RunningSums } from "./running-sums.js";
import type { SweepPlan } from "./sweep-plan.js";
import { MEAN_KPIS, PERCENTILES, type KpiDistribution, type SeriesStatistics } from "./sweep-statistics.js";

/** The grid of each MEAN_KPIS entry, by its index there. */
const MEAN_GRIDS = MEAN_KPIS.map(kpiGrid);

/** One alternative's KPI distributions and first shortfalls, per series. */
export class SeriesTally {
  /** Sums by (series, MEAN_KPIS index). */
  private readonly sums: RunningSums;
  /** Per MEAN_KPIS entry: histograms by series. */
  private readonly bins: CellHistograms[];
  /** First short day by series (bin = day; dayCount = never short). */
  private readonly firstShort: CellHistograms;

  constructor(
    private readonly seriesCount: number,
    private readonly dayCount: number,
  ) {
    this.sums = new RunningSums(seriesCount * MEAN_KPIS.length);
    this.bins = MEAN_KPIS.map(() => new CellHistograms(seriesCount));
    this.firstShort = new CellHistograms(seriesCount);
  }

  /** Counts one replicate's KPIs of this alternative. */
  add(kpis: KpiValues): void {
    this.sums.count++;
    for (let s = 0; s < this.seriesCount; s++) {
      const at = s * KPI_NAMES.length;
      MEAN_KPIS.forEach((name, j) => {
        const value = kpis[at + KPI_INDEX[name]];
        this.sums.add(s * MEAN_KPIS.length + j, value);
        this.bins[j].add(s, MEAN_GRIDS[j].bin(value));
      });
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
        const interval = this.sums.interval(s * MEAN_KPIS.length + j);
        const histogram = this.bins[j];
        return [name, { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, sd: interval.standardDeviation, percentiles: PERCENTILES.map((p) => MEAN_GRIDS[j].valueOfBin(histogram.quantileBin(s, p))) }];
      }),
    ) as unknown as Record<MeanKpi, KpiDistribution>;
  }
}
