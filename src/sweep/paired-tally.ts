/**
 * PairedTally: in a compare, one alternative against the base on the same replicates (common
 * random numbers), per reported series: the running moments of each compared KPI's difference
 * (alternative minus base) and how often the alternative came out strictly lower.
 */
import { KPI_NAMES } from "../model/index.js";
import { KPI_INDEX, type KpiValues } from "./replicate-outcome.js";
import { RunningMoments } from "./running-moments.js";
import type { PlannedSeries } from "./sweep-plan.js";
import { pairedOutcome } from "./paired-outcome.js";
import { COMPARE_KPIS, type PairedDifference, type SeriesStatistics } from "./sweep-statistics.js";

/** One alternative's paired differences from the base, per series and compared KPI. */
export class PairedTally {
  /** Moments of the differences by (series, COMPARE_KPIS index). */
  private readonly moments: RunningMoments;
  /** Replicates in which the alternative's value was lower, by the same cells. */
  private readonly wins: Float64Array;
  private readonly losses: Float64Array;

  constructor(private readonly seriesCount: number) {
    this.moments = new RunningMoments(seriesCount * COMPARE_KPIS.length);
    this.wins = new Float64Array(seriesCount * COMPARE_KPIS.length);
    this.losses = new Float64Array(seriesCount * COMPARE_KPIS.length);
  }

  /** Counts one replicate: the alternative's KPIs and the base's. */
  add(kpis: KpiValues, base: KpiValues): void {
    this.moments.count++;
    for (let s = 0; s < this.seriesCount; s++) {
      const at = s * KPI_NAMES.length;
      COMPARE_KPIS.forEach((name, j) => {
        const alternative = kpis[at + KPI_INDEX[name]];
        const baseValue = base[at + KPI_INDEX[name]];
        this.moments.add(s * COMPARE_KPIS.length + j, alternative - baseValue);
        const outcome = pairedOutcome(alternative, baseValue);
        if (outcome < 0) this.wins[s * COMPARE_KPIS.length + j]++;
        else if (outcome > 0) this.losses[s * COMPARE_KPIS.length + j]++;
      });
    }
  }

  /** The differences of each series and compared KPI, with both sides' means (from their series statistics). */
  differences(alternative: string, base: readonly SeriesStatistics[], compared: readonly SeriesStatistics[], series: readonly PlannedSeries[]): PairedDifference[] {
    return series.flatMap((pair, s) =>
      COMPARE_KPIS.map((kpi, j): PairedDifference => {
        const at = s * COMPARE_KPIS.length + j;
        const diff = this.moments.interval(at);
        return {
          alternative,
          ...pair,
          kpi,
          baseMean: base[s].kpis[kpi].mean,
          alternativeMean: compared[s].kpis[kpi].mean,
          diffMean: diff.mean,
          diffCiLow: diff.low,
          diffCiHigh: diff.high,
          pBetter: this.wins[at] / this.moments.count,
          pWorse: this.losses[at] / this.moments.count,
        };
      }),
    );
  }
}
