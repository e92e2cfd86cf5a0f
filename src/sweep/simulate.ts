/** simulate: one replicate of a loaded scenario, with the summary its outputs are built from. */
import { isoFromEpochDay, simulateWorld, type RecordOptions, type SimulationResult, type Timeline } from "../model/index.js";
import type { Scenario } from "../scenario/index.js";
import { buildSummary, type Summary } from "./run-summary.js";

/** Options for `simulate`. */
export interface RunOptions extends RecordOptions {
  /** Master seed (default: the scenario's seed). */
  readonly seed?: number;
  /** Replicate number under that seed (default 0). */
  readonly replicate?: number;
}

/** One run's results and its summary document. */
export interface RunResult extends SimulationResult {
  readonly summary: Summary;
}

/** Runs a loaded scenario once. Same scenario, seed and replicate: same result. */
export function simulate(scenario: Scenario, options?: RunOptions & { readonly timeline?: true }): RunResult & { readonly timeline: Timeline };
export function simulate(scenario: Scenario, options: RunOptions): RunResult;
export function simulate(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.defaultSeed;
  const replicate = options.replicate ?? 0;
  const result = simulateWorld(scenario.spec, { ...options, seed, replicate });
  const summary = buildSummary({
    scenario: scenario.name,
    scenarioHash: scenario.hash,
    seed,
    replicate,
    start: isoFromEpochDay(scenario.spec.startEpochDay),
    end: isoFromEpochDay(scenario.spec.endEpochDay),
    kpis: result.kpis,
    events: result.events,
  });
  return { ...result, summary };
}
