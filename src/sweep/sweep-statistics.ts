/**
 * What a sweep's statistics are: the KPIs with a mean, percentiles and paired differences
 * (derived from the KPI catalogue's flags), and the shape of what a finished tally
 * (sweep-tally.ts) gives. Plain data, for the report and for library users.
 */
import { KPI_CATALOGUE, KPI_NAMES, type CompareKpi, type KpiName, type MeanKpi } from "../model/index.js";

/** The percentiles reported, as shares. */
export const PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

const hasMean = (name: KpiName): name is MeanKpi => KPI_CATALOGUE[name].statistics !== null;

/** KPIs with a mean (and an interval, and percentiles), in the catalogue's statistics order. */
export const MEAN_KPIS: readonly MeanKpi[] = KPI_NAMES.filter(hasMean).sort((a, b) => KPI_CATALOGUE[a].statistics.order - KPI_CATALOGUE[b].statistics.order);

/** KPIs a compare reports paired differences of (lower is better for each), in MEAN_KPIS order. */
export const COMPARE_KPIS: readonly CompareKpi[] = MEAN_KPIS.filter((name): name is CompareKpi => KPI_CATALOGUE[name].statistics.compare);

/** A mean over the replicates, with its 95% interval and the sample standard deviation (a constant: sd 0, interval ±0). */
export interface MeanDistribution {
  readonly mean: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly sd: number;
}

/** A KPI's distribution over the replicates. */
export interface KpiDistribution extends MeanDistribution {
  /** The least and greatest value any replicate had. */
  readonly min: number;
  readonly max: number;
  /**
   * Values at PERCENTILES (from bins: tonnes within 1%, shares within 0.25 points, days exact),
   * never below `min` or above `max`, so a constant reads as itself.
   */
  readonly percentiles: readonly number[];
}

/** One country and commodity's results in one alternative. */
export interface SeriesStatistics {
  readonly country: string;
  readonly commodity: string;
  /** Share of replicates with any shortfall. */
  readonly pShort: number;
  /** Share of replicates short on or before each date. */
  readonly pShortBy: readonly { readonly date: string; readonly p: number }[];
  /** Share of replicates short by the end of each band period (period p: its first bandDays * (p + 1) days), for charts. */
  readonly pShortByPeriod: readonly number[];
  /** First shortfall date at PERCENTILES (null: not short by then in that share of replicates). */
  readonly firstShortfallDate: readonly (string | null)[];
  readonly kpis: Readonly<Record<MeanKpi, KpiDistribution>>;
}

/** The commodity name of a country's total over all its reported commodities. */
export const ALL_COMMODITIES = "all";

/** A paired difference (alternative minus base) of one KPI. */
export interface PairedDifference {
  readonly alternative: string;
  readonly country: string;
  /** The commodity, or ALL_COMMODITIES for the country's total unmet tonnes. */
  readonly commodity: string;
  readonly kpi: CompareKpi;
  readonly baseMean: number;
  readonly alternativeMean: number;
  readonly diffMean: number;
  readonly diffCiLow: number;
  readonly diffCiHigh: number;
  /** Share of replicates where the alternative did better (lower), beyond rounding (paired-outcome.ts). */
  readonly pBetter: number;
  /** Share of replicates where it did worse (higher), beyond rounding; the rest are ties. */
  readonly pWorse: number;
}

/**
 * Quantiles of one band cell, at PERCENTILES: from bins (shares within 0.25 points, stocks within
 * 1%), never below the cell's least or above its greatest value, so a value that never moves
 * reads as itself.
 */
export interface BandRow {
  readonly date: string;
  readonly country: string;
  readonly commodity: string;
  readonly shortfallShare: readonly number[];
  readonly stockTonnes: readonly number[];
  readonly pShort: number;
}

/** What a finished tally gives. */
export interface SweepStatistics {
  /** Replicates counted (fewer than planned when a stop rule settled earlier). */
  readonly runs: number;
  /** Whether a stop rule ended the sweep before its planned runs. */
  readonly stoppedByRule: boolean;
  readonly alternatives: readonly {
    readonly name: string;
    readonly series: readonly SeriesStatistics[];
    /** Each country's unmet tonnes summed over its reported commodities. */
    readonly countryTotals: readonly { readonly country: string; readonly unmetTonnes: MeanDistribution }[];
  }[];
  readonly differences: readonly PairedDifference[];
  /**
   * Per alternative, the unmet tonnes summed over every reported pair: their distribution, and
   * (for alternatives after the base) the paired difference to the base, over every replicate.
   */
  readonly overall: readonly {
    readonly name: string;
    readonly unmetTonnes: MeanDistribution;
    readonly difference: { readonly mean: number; readonly ciLow: number; readonly ciHigh: number; readonly pBetter: number; readonly pWorse: number } | undefined;
  }[];
  /** Bands of the base (a sweep only; undefined for a compare). */
  readonly bands: readonly BandRow[] | undefined;
}
