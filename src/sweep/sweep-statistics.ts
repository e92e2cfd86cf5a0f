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

/** The KPIs a sweep also sums over each country's commodities and over every pair (country-totals.ts). */
export type TotalKpi = "unmetTonnes" | "unmetValue" | "givenUpTonnes" | "givenUpValue" | "reserveTonnes" | "reserveCost";

/** A paired difference of a total (one alternative minus another, replicate by replicate), with the shares of replicates lower and higher beyond rounding. */
export interface PairedTotal {
  readonly mean: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly pBetter: number;
  readonly pWorse: number;
}

/** One alternative's totals over every reported pair, and (but the base) its paired differences from the base's. */
export type OverallTotals = { readonly name: string } & { readonly [K in TotalKpi]: MeanDistribution } & {
  /** Unmet tonnes minus the base's (undefined for the base). */
  readonly difference: PairedTotal | undefined;
  /** Value of unmet demand minus the base's (undefined for the base). */
  readonly valueDifference: PairedTotal | undefined;
};

/**
 * The alternatives (the base among them) ranked by the mean value of unmet demand over every
 * pair, and each one compared with the best on the same replicates: the paired difference
 * (it minus the best) with an interval corrected for the number of comparisons (Bonferroni:
 * each at 1 - 5% / comparisons, so that all hold together at 95%).
 */
export interface AlternativeRanking {
  /** What the alternatives are ranked on. */
  readonly total: TotalKpi;
  /** The family-wise confidence of the intervals together, and each one's own. */
  readonly familyConfidence: number;
  readonly eachConfidence: number;
  /** Best first (lowest mean); the best's own row has a zero difference. */
  readonly rows: readonly {
    readonly name: string;
    readonly mean: number;
    /** It minus the best, replicate by replicate. */
    readonly vsBest: PairedTotal;
    /** Whether its corrected interval holds 0 (or it ties the best in every replicate): the data cannot tell it from the best. */
    readonly indistinguishable: boolean;
  }[];
  /** The confidence of each interval between every two alternatives (Bonferroni over every pair, 95% together). */
  readonly pairConfidence: number;
  /** Every two alternatives, in ranking order (`worse` ranked after `better`): `worse` minus `better`, replicate by replicate. */
  readonly pairs: readonly { readonly better: string; readonly worse: string; readonly difference: PairedTotal }[];
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
    /** Each country's unmet tonnes, and their value, summed over its reported commodities. */
    readonly countryTotals: readonly { readonly country: string; readonly unmetTonnes: MeanDistribution; readonly unmetValue: MeanDistribution }[];
  }[];
  readonly differences: readonly PairedDifference[];
  /**
   * Per alternative, the totals over every reported pair (TotalKpi): their distributions, and
   * (for alternatives after the base) the paired differences to the base, over every replicate.
   */
  readonly overall: readonly OverallTotals[];
  /** A compare's alternatives ranked by the value of their unmet demand, with the set not distinguishable from the best (undefined for a sweep). */
  readonly ranking: AlternativeRanking | undefined;
  /** Bands of the base (a sweep only; undefined for a compare). */
  readonly bands: readonly BandRow[] | undefined;
}
