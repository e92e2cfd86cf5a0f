/**
 * StopTally: what a stop rule watches, fed the base's KPIs in replicate order: per target, the
 * running moments of its KPI (a mean rule) or the number of replicates short (a pShort rule,
 * short as summary.json's pShort counts it: a first shortfall within the horizon); and whether
 * every target is met, never before the target's minimum number of replicates.
 */
import { KPI_NAMES } from "../model/index.js";
import { proportionInterval } from "./proportion-interval.js";
import { KPI_INDEX, type KpiValues } from "./replicate-outcome.js";
import { RunningMoments } from "./running-moments.js";
import { P_SHORT, type StopTarget } from "./stop-rule.js";
import { SweepError } from "./sweep-error.js";
import type { PlannedSeries } from "./sweep-plan.js";

/** A stop rule's statistics over the replicates counted. */
export class StopTally {
  private readonly moments: RunningMoments;
  /** Per target: replicates short (pShort targets only). */
  private readonly shortCounts: Float64Array;
  /** Per target: where its KPI (a mean target) or its first shortfall day (pShort) sits in a replicate's KpiValues. */
  private readonly slots: Int32Array;

  /** Throws SweepError when a target names a pair not among `series` (checked before a sweep starts). */
  constructor(
    private readonly targets: readonly StopTarget[],
    series: readonly PlannedSeries[],
    private readonly dayCount: number,
  ) {
    this.moments = new RunningMoments(targets.length);
    this.shortCounts = new Float64Array(targets.length);
    this.slots = Int32Array.from(
      targets.map((t) => {
        const s = series.findIndex((pair) => pair.country === t.country && pair.commodity === t.commodity);
        if (s < 0) throw new SweepError("bad-stop-rule", `the stop rule names ${t.commodity} in ${t.country}, which the sweep does not report (no demand there)`);
        return s * KPI_NAMES.length + (t.kpi === P_SHORT ? KPI_INDEX.firstShortfallDate : KPI_INDEX[t.kpi]);
      }),
    );
  }

  /** Replicates counted. */
  get count(): number {
    return this.moments.count;
  }

  /** Counts the next replicate's base KPIs. */
  add(kpis: KpiValues): void {
    this.moments.count++;
    this.targets.forEach((target, i) => {
      const value = kpis[this.slots[i]];
      if (target.kpi !== P_SHORT) this.moments.add(i, value);
      else if (value < this.dayCount) this.shortCounts[i]++;
    });
  }

  /** Whether every target is met: at least its minimum of replicates, and its interval within the half-width asked. */
  isMet(): boolean {
    const n = this.moments.count;
    return this.targets.every((target, i) => {
      if (n < target.minRuns || n < 2) return false;
      if (target.kpi === P_SHORT) return proportionInterval(this.shortCounts[i], n, target.confidence).halfWidth <= target.halfWidth;
      const interval = this.moments.interval(i, target.confidence);
      const allowed = target.isRelative ? target.halfWidth * Math.abs(interval.mean) : target.halfWidth;
      return interval.halfWidth <= allowed;
    });
  }
}
