/**
 * CountryTotals: each alternative's unmet tonnes summed over every reported commodity of a
 * country, and over every reported pair (the last slot), per replicate in series order; their
 * means and intervals, and in a compare each alternative's paired difference from the base
 * with the share of replicates in which it is lower.
 */
import { KPI_NAMES } from "../model/index.js";
import type { MeanInterval } from "./mean-interval.js";
import { KPI_INDEX, type ReplicateOutcome } from "./replicate-outcome.js";
import { pairedOutcome } from "./paired-outcome.js";
import { RunningMoments } from "./running-moments.js";
import type { PlannedAlternative, PlannedSeries } from "./sweep-plan.js";
import { ALL_COMMODITIES, type MeanDistribution, type PairedDifference, type SweepStatistics } from "./sweep-statistics.js";

/** Unmet tonnes by country and in all, per alternative, with paired differences from the base. */
export class CountryTotals {
  /** The countries of the series, in order. */
  readonly countries: readonly string[];
  /** Each series' country slot. */
  private readonly countryOf: Int32Array;
  /** Per alternative: moments by slot (countries, then all). */
  private readonly moments: RunningMoments[];
  /** Per alternative (the base's unused): moments of the differences from the base, and wins, by slot. */
  private readonly diffMoments: RunningMoments[];
  private readonly wins: Float64Array[];
  private readonly losses: Float64Array[];
  /** Per alternative: this replicate's totals, by slot. */
  private readonly totals: Float64Array[];

  constructor(series: readonly PlannedSeries[], alternatives: number) {
    this.countries = [...new Set(series.map((s) => s.country))];
    this.countryOf = Int32Array.from(series.map((s) => this.countries.indexOf(s.country)));
    // One slot per country, and a last one for the sum over every country (every reported pair).
    const slots = this.countries.length + 1;
    const perAlternative = Array.from({ length: alternatives });
    this.moments = perAlternative.map(() => new RunningMoments(slots));
    this.diffMoments = perAlternative.map(() => new RunningMoments(slots));
    this.wins = perAlternative.map(() => new Float64Array(slots));
    this.losses = perAlternative.map(() => new Float64Array(slots));
    this.totals = perAlternative.map(() => new Float64Array(slots));
  }

  /** Counts one replicate: each alternative's totals summed in series order, then their differences from the base's. */
  add(outcome: ReplicateOutcome): void {
    const unmet = KPI_INDEX.unmetTonnes;
    const all = this.countries.length;
    for (let a = 0; a < this.totals.length; a++) {
      const totals = this.totals[a];
      totals.fill(0);
      const kpis = outcome.alternatives[a].kpis;
      for (let s = 0; s < this.countryOf.length; s++) totals[this.countryOf[s]] += kpis[s * KPI_NAMES.length + unmet];
      for (let c = 0; c < all; c++) totals[all] += totals[c];
      const moments = this.moments[a];
      moments.count++;
      for (let c = 0; c < totals.length; c++) moments.add(c, totals[c]);
      if (a === 0) continue;
      const diffs = this.diffMoments[a];
      diffs.count++;
      for (let c = 0; c < totals.length; c++) {
        diffs.add(c, totals[c] - this.totals[0][c]);
        const outcome = pairedOutcome(totals[c], this.totals[0][c]);
        if (outcome < 0) this.wins[a][c]++;
        else if (outcome > 0) this.losses[a][c]++;
      }
    }
  }

  /** Alternative `a`'s total unmet tonnes of each country. */
  byCountry(a: number): SweepStatistics["alternatives"][number]["countryTotals"] {
    return this.countries.map((country, c) => ({ country, unmetTonnes: this.total(a, c) }));
  }

  /** Alternative `a`'s paired differences from the base in each country's total (a >= 1). */
  differences(a: number, alternative: string): PairedDifference[] {
    return this.countries.map((country, c): PairedDifference => {
      const diff = this.diffMoments[a].interval(c);
      return {
        alternative,
        country,
        commodity: ALL_COMMODITIES,
        kpi: "unmetTonnes",
        baseMean: this.total(0, c).mean,
        alternativeMean: this.total(a, c).mean,
        diffMean: diff.mean,
        diffCiLow: diff.low,
        diffCiHigh: diff.high,
        pBetter: this.wins[a][c] / this.diffMoments[a].count,
        pWorse: this.losses[a][c] / this.diffMoments[a].count,
      };
    });
  }

  /** Each alternative's unmet tonnes over every reported pair, and (but the base) its difference from the base's. */
  overall(alternatives: readonly PlannedAlternative[]): SweepStatistics["overall"] {
    const all = this.countries.length;
    return alternatives.map((alternative, a) => {
      if (a === 0) return { name: alternative.name, unmetTonnes: this.total(0, all), difference: undefined };
      const diff = this.diffMoments[a].interval(all);
      return { name: alternative.name, unmetTonnes: this.total(a, all), difference: { mean: diff.mean, ciLow: diff.low, ciHigh: diff.high, pBetter: this.wins[a][all] / this.diffMoments[a].count, pWorse: this.losses[a][all] / this.diffMoments[a].count } };
    });
  }

  private total(a: number, slot: number): MeanDistribution {
    return distribution(this.moments[a].interval(slot));
  }
}

function distribution(interval: MeanInterval): MeanDistribution {
  return { mean: interval.mean, ciLow: interval.low, ciHigh: interval.high, sd: interval.standardDeviation };
}
