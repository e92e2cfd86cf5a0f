/**
 * sweep: a Monte Carlo sweep or compare in this thread, for library users (the CLI runs the
 * same replicates on worker threads and through record files, with the same results).
 */
import type { Scenario } from "../scenario/index.js";
import { ReplicateRunner } from "./replicate-runner.js";
import { ReplicateSample } from "./replicate-sample.js";
import { analyseSensitivity, type SensitivityResult } from "./sensitivity.js";
import { runTornadoReplicate } from "./tornado.js";
import type { ReplicateOutcome } from "./replicate-outcome.js";
import type { Design } from "./sampling-design.js";
import { planSweep, type SweepPlan } from "./sweep-plan.js";
import type { SweepStatistics } from "./sweep-statistics.js";
import { SweepTally } from "./sweep-tally.js";

/** What to sweep. */
export interface SweepOptions {
  readonly runs: number;
  /** Master seed (default: the base scenario's seed). */
  readonly seed?: number;
  readonly design?: Design;
  /** Days per band period (default 7). */
  readonly bandDays?: number;
  /** A stop rule such as "unmetTonnes US antimony: mean ±2% @95%" or "pShort KR ndfeb-magnet: ±2 points @95%", checked every `batch` replicates, never before its minimum (30, or "min N"). */
  readonly until?: string;
  readonly batch?: number;
  /** Replicates 0..swingRuns-1 also run the tornado's one-at-a-time swings (default 0; a sweep with uncertain inputs only). */
  readonly swingRuns?: number;
  /** Called with each replicate's outcome, in replicate order (to keep or write them). */
  readonly onReplicate?: (outcome: ReplicateOutcome) => void;
}

/**
 * Runs replicates 0..runs-1 of `scenarios` (one scenario: a sweep; a base and alternatives: a
 * compare on common random numbers) and returns the plan, the statistics and, for a sweep with
 * uncertain inputs, the sensitivity analysis.
 */
export function sweep(scenarios: Scenario | readonly Scenario[], options: SweepOptions): { plan: SweepPlan; statistics: SweepStatistics; sensitivity: SensitivityResult | undefined } {
  const list = Array.isArray(scenarios) ? (scenarios as readonly Scenario[]) : [scenarios as Scenario];
  const plan = planSweep(list, {
    seed: options.seed ?? list[0].defaultSeed,
    design: options.design ?? "mc",
    runs: options.runs,
    batch: options.batch ?? 100,
    until: options.until ?? null,
    bandDays: options.bandDays ?? 7,
    swingRuns: options.swingRuns ?? 0,
  });
  const runner = new ReplicateRunner(list, plan);
  const tally = new SweepTally(plan);
  const sample = new ReplicateSample(plan);
  for (let r = 0; r < plan.runs && !tally.isStopped; r++) {
    const outcome = runner.run(r);
    tally.add(outcome);
    sample.add(outcome);
    options.onReplicate?.(outcome);
  }
  const statistics = tally.finish();
  const swings = Array.from({ length: plan.swingRuns }, (_, r) => runTornadoReplicate(runner, plan, r));
  const sensitivity = plan.kind === "sweep" ? analyseSensitivity(plan, statistics, sample.finish(), swings) : undefined;
  return { plan, statistics, sensitivity };
}
