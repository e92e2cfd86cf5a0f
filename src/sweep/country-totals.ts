/**
 * CountryTotals: per alternative and replicate, a few KPIs summed over every reported commodity
 * of a country and over every reported pair (the last slot): unmet and given-up tonnes and their
 * value, and the tonnes and cost of the reserves held. Their means and intervals; in a compare,
 * each alternative's paired difference from the base in the totals a compare ranks on, with the
 * shares of replicates in which it is lower and higher; and, for the value of unmet demand over
 * every pair, the paired difference between every two alternatives (what the ranking's
 * comparisons with the best are made of: alternative-ranking.ts).
 */
import { KPI_NAMES } from "../model/index.js";
import type { MeanInterval } from "./mean-interval.js";
import { KPI_INDEX, type ReplicateOutcome } from "./replicate-outcome.js";
import { pairedOutcome } from "./paired-outcome.js";
import { RunningMoments } from "./running-moments.js";
import type { PlannedAlternative, PlannedSeries } from "./sweep-plan.js";
import { ALL_COMMODITIES, type MeanDistribution, type OverallTotals, type PairedDifference, type PairedTotal, type SweepStatistics, type TotalKpi } from "./sweep-statistics.js";

/** The KPIs summed per country and over every pair, in this order. Tonnes of different commodities add up only here and in unmet value's column beside them. */
export const TOTAL_KPIS: readonly TotalKpi[] = ["unmetTonnes", "unmetValue", "givenUpTonnes", "givenUpValue", "reserveTonnes", "reserveCost"];

/** The totals a compare gives paired differences of (lower is better). */
const PAIRED_TOTALS = ["unmetTonnes", "unmetValue"] as const satisfies readonly TotalKpi[];

/** Totals by country and over all, per alternative, with paired differences from the base and between alternatives. */
export class CountryTotals {
  /** The countries of the series, in order. */
  readonly countries: readonly string[];
  /** Each series' country slot. */
  private readonly countryOf: Int32Array;
  /** Slots per KPI: one per country, and a last one for every reported pair. */
  private readonly slots: number;
  /** Per alternative: moments by cell (KPI * slots + slot). */
  private readonly moments: RunningMoments[];
  /** Per alternative (the base's unused): moments of the differences from the base, and wins and losses, by paired cell (PAIRED_TOTALS index * slots + slot). */
  private readonly diffMoments: RunningMoments[];
  private readonly wins: Float64Array[];
  private readonly losses: Float64Array[];
  /** Per alternative: this replicate's totals, by cell. */
  private readonly totals: Float64Array[];
  /** The ranking total over every pair, between alternatives i < j: moments of (j minus i), wins and losses of j, by cell i * count + j. */
  private readonly between: RunningMoments;
  private readonly betweenWins: Float64Array;
  private readonly betweenLosses: Float64Array;

  /** `rankedOn`: the total over every pair whose paired differences between alternatives are kept (what a compare ranks on). */
  constructor(
    series: readonly PlannedSeries[],
    alternatives: number,
    private readonly rankedOn: TotalKpi = "unmetValue",
  ) {
    this.countries = [...new Set(series.map((s) => s.country))];
    this.countryOf = Int32Array.from(series.map((s) => this.countries.indexOf(s.country)));
    this.slots = this.countries.length + 1;
    const cells = TOTAL_KPIS.length * this.slots;
    const perAlternative = Array.from({ length: alternatives });
    this.moments = perAlternative.map(() => new RunningMoments(cells));
    this.diffMoments = perAlternative.map(() => new RunningMoments(PAIRED_TOTALS.length * this.slots));
    this.wins = perAlternative.map(() => new Float64Array(PAIRED_TOTALS.length * this.slots));
    this.losses = perAlternative.map(() => new Float64Array(PAIRED_TOTALS.length * this.slots));
    this.totals = perAlternative.map(() => new Float64Array(cells));
    this.between = new RunningMoments(alternatives * alternatives);
    this.betweenWins = new Float64Array(alternatives * alternatives);
    this.betweenLosses = new Float64Array(alternatives * alternatives);
  }

  /** Counts one replicate: each alternative's totals summed in series order, then their differences from the base's and from each other's. */
  add(outcome: ReplicateOutcome): void {
    const all = this.countries.length;
    const slots = this.slots;
    for (let a = 0; a < this.totals.length; a++) {
      const totals = this.totals[a];
      totals.fill(0);
      const kpis = outcome.alternatives[a].kpis;
      for (let k = 0; k < TOTAL_KPIS.length; k++) {
        const at = k * slots;
        const index = KPI_INDEX[TOTAL_KPIS[k]];
        for (let s = 0; s < this.countryOf.length; s++) totals[at + this.countryOf[s]] += kpis[s * KPI_NAMES.length + index];
        for (let c = 0; c < all; c++) totals[at + all] += totals[at + c];
      }
      const moments = this.moments[a];
      moments.count++;
      for (let c = 0; c < totals.length; c++) moments.add(c, totals[c]);
      if (a === 0) continue;
      const diffs = this.diffMoments[a];
      diffs.count++;
      PAIRED_TOTALS.forEach((kpi, p) => {
        const at = TOTAL_KPIS.indexOf(kpi) * slots;
        for (let c = 0; c < slots; c++) {
          const cell = p * slots + c;
          diffs.add(cell, totals[at + c] - this.totals[0][at + c]);
          const outcome = pairedOutcome(totals[at + c], this.totals[0][at + c]);
          if (outcome < 0) this.wins[a][cell]++;
          else if (outcome > 0) this.losses[a][cell]++;
        }
      });
    }
    const count = this.totals.length;
    const overall = TOTAL_KPIS.indexOf(this.rankedOn) * slots + all;
    this.between.count++;
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const cell = i * count + j;
        const lower = this.totals[i][overall];
        const higher = this.totals[j][overall];
        this.between.add(cell, higher - lower);
        const outcome = pairedOutcome(higher, lower);
        if (outcome < 0) this.betweenWins[cell]++;
        else if (outcome > 0) this.betweenLosses[cell]++;
      }
    }
  }

  /** Alternative `a`'s total unmet tonnes and their value, by country. */
  byCountry(a: number): SweepStatistics["alternatives"][number]["countryTotals"] {
    return this.countries.map((country, c) => ({ country, unmetTonnes: this.total(a, "unmetTonnes", c), unmetValue: this.total(a, "unmetValue", c) }));
  }

  /** Alternative `a`'s paired differences from the base in each country's totals (a >= 1). */
  differences(a: number, alternative: string): PairedDifference[] {
    return PAIRED_TOTALS.flatMap((kpi, p) =>
      this.countries.map((country, c): PairedDifference => {
        const paired = this.paired(a, p, c);
        return {
          alternative,
          country,
          commodity: ALL_COMMODITIES,
          kpi,
          baseMean: this.total(0, kpi, c).mean,
          alternativeMean: this.total(a, kpi, c).mean,
          diffMean: paired.mean,
          diffCiLow: paired.ciLow,
          diffCiHigh: paired.ciHigh,
          pBetter: paired.pBetter,
          pWorse: paired.pWorse,
        };
      }),
    );
  }

  /** Each alternative's totals over every reported pair, and (but the base) its paired differences from the base's. */
  overall(alternatives: readonly PlannedAlternative[]): SweepStatistics["overall"] {
    const all = this.countries.length;
    return alternatives.map((alternative, a): OverallTotals => {
      const totals = Object.fromEntries(TOTAL_KPIS.map((kpi) => [kpi, this.total(a, kpi, all)])) as Record<TotalKpi, MeanDistribution>;
      const difference = a === 0 ? undefined : this.paired(a, PAIRED_TOTALS.indexOf("unmetTonnes"), all);
      const valueDifference = a === 0 ? undefined : this.paired(a, PAIRED_TOTALS.indexOf("unmetValue"), all);
      return { name: alternative.name, ...totals, difference, valueDifference };
    });
  }

  /**
   * The paired difference of the ranking total over every pair, alternative `j` minus
   * alternative `i`, at `confidence`: its mean and interval, and the shares of replicates where
   * `j` was lower and higher beyond rounding.
   */
  betweenAlternatives(i: number, j: number, confidence: number): PairedTotal {
    const count = this.totals.length;
    if (i === j) return { mean: 0, ciLow: 0, ciHigh: 0, pBetter: 0, pWorse: 0 };
    if (i > j) {
      const swapped = this.betweenAlternatives(j, i, confidence);
      return { mean: -swapped.mean, ciLow: -swapped.ciHigh, ciHigh: -swapped.ciLow, pBetter: swapped.pWorse, pWorse: swapped.pBetter };
    }
    const cell = i * count + j;
    const interval = this.between.interval(cell, confidence);
    return { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, pBetter: this.betweenWins[cell] / this.between.count, pWorse: this.betweenLosses[cell] / this.between.count };
  }

  private paired(a: number, p: number, slot: number): PairedTotal {
    const cell = p * this.slots + slot;
    const diff = this.diffMoments[a].interval(cell);
    return { mean: diff.mean, ciLow: diff.low, ciHigh: diff.high, pBetter: this.wins[a][cell] / this.diffMoments[a].count, pWorse: this.losses[a][cell] / this.diffMoments[a].count };
  }

  private total(a: number, kpi: TotalKpi, slot: number): MeanDistribution {
    return distribution(this.moments[a].interval(TOTAL_KPIS.indexOf(kpi) * this.slots + slot));
  }
}

function distribution(interval: MeanInterval): MeanDistribution {
  return { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, sd: interval.standardDeviation };
}
