/**
 * ReplicateSample: the first replicates of a sweep kept whole (each alternative's input values
 * and the MEAN_KPIS of every series), for what needs the values themselves rather than bins:
 * rank correlations between inputs and KPIs, and histograms. Replicates are taken in replicate
 * order and the sample stops at a size set by the plan, so it is the same whatever the shards
 * and never grows past a few tens of megabytes.
 */
import { meanKpiValues } from "./mean-kpi-values.js";
import type { ReplicateOutcome } from "./replicate-outcome.js";
import type { SweepPlan } from "./sweep-plan.js";
import { MEAN_KPIS } from "./sweep-statistics.js";

/** Numbers kept at most, over all replicates (8 bytes each). */
const BUDGET = 4_000_000;
/** The sample holds at least this many replicates (when the sweep has them), at most the second. */
const MIN_SIZE = 200;
const MAX_SIZE = 20_000;

/** The values kept of one alternative: per replicate, its inputs and its MEAN_KPIS values. */
export interface AlternativeSample {
  readonly inputs: readonly Float64Array[];
  readonly kpis: readonly Float64Array[];
}

/** The kept replicates. */
export interface ReplicateSampleData {
  /** Replicates kept: 0 to size - 1. */
  readonly size: number;
  /** Replicates the sweep counted (size is smaller when it had more than the sample takes). */
  readonly of: number;
  readonly alternatives: readonly AlternativeSample[];
}

/** The number of replicates a plan's sample keeps. */
export function sampleSize(plan: SweepPlan): number {
  const perReplicate = plan.alternatives.reduce((sum, a) => sum + a.inputs.length + plan.series.length * MEAN_KPIS.length, 0);
  return Math.min(plan.runs, Math.max(MIN_SIZE, Math.min(MAX_SIZE, Math.floor(BUDGET / Math.max(1, perReplicate)))));
}

/** Keeps the first replicates of a sweep. */
export class ReplicateSample {
  private readonly plan: SweepPlan;
  private readonly capacity: number;
  private readonly kept: { inputs: Float64Array[]; kpis: Float64Array[] }[];
  private counted = 0;

  constructor(plan: SweepPlan) {
    this.plan = plan;
    this.capacity = sampleSize(plan);
    this.kept = plan.alternatives.map(() => ({ inputs: [], kpis: [] }));
  }

  /** Takes the next replicate (in replicate order) while there is room. */
  add(outcome: ReplicateOutcome): void {
    this.counted++;
    if (this.kept[0].kpis.length >= this.capacity) return;
    outcome.alternatives.forEach((alternative, a) => {
      this.kept[a].inputs.push(Float64Array.from(alternative.inputs));
      this.kept[a].kpis.push(meanKpiValues(alternative.kpis, this.plan.series.length));
    });
  }

  /** What was kept. */
  finish(): ReplicateSampleData {
    return { size: this.kept[0].kpis.length, of: this.counted, alternatives: this.kept };
  }
}
