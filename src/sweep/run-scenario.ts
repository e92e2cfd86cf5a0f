/**
 * simulate: one run of a loaded scenario (`chokepoint run`, the library's `simulate`): its
 * uncertain inputs drawn for one replicate of a sampling design, then the world simulated
 * (model/simulate-world.ts), with the summary its outputs are built from (run-summary.ts). It
 * lives with the sweep because a run is a sweep's replicate: the same draw, so that
 * `run --seed S --replicate r` reproduces replicate r of a sweep exactly.
 */
import { isoFromEpochDay, simulateWorld, type RecordOptions, type SimulationResult, type Timeline } from "../model/index.js";
import type { SampledValue, Scenario } from "../scenario/index.js";
import { drawWorldOrThrow } from "./draw-world.js";
import { buildSummary, type Summary } from "./run-summary.js";
import type { Design } from "./sampling-design.js";

/** Options for `simulate`. */
export interface RunOptions extends RecordOptions {
  /** Master seed (default: the scenario's seed). */
  readonly seed?: number;
  /** Replicate number under that seed (default 0). */
  readonly replicate?: number;
  /** The design the replicate belongs to (default Monte Carlo): its uncertain inputs are drawn as in a sweep of that design. */
  readonly design?: Design;
  /** Replicates in that design (only a Latin hypercube depends on it). */
  readonly runs?: number;
}

/** One run's results and its summary document. */
export interface RunResult extends SimulationResult {
  readonly summary: Summary;
  /** The value each uncertain input took. */
  readonly inputs: readonly SampledValue[];
}

/**
 * Runs a loaded scenario once: draws its uncertain inputs for (seed, replicate), then the
 * world. Same scenario, seed and replicate: same result. Throws ScenarioError when the draw
 * breaks a rule of the format.
 */
export function simulate(scenario: Scenario, options?: RunOptions & { readonly timeline?: true }): RunResult & { readonly timeline: Timeline };
export function simulate(scenario: Scenario, options: RunOptions): RunResult;
export function simulate(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.defaultSeed;
  const replicate = options.replicate ?? 0;
  const drawn = drawWorldOrThrow(scenario, { seed, replicate, design: options.design, runs: options.runs });
  const result = simulateWorld(drawn.spec, { ...options, seed, replicate });
  const summary = buildSummary({
    scenario: scenario.name,
    scenarioHash: scenario.hash,
    seed,
    replicate,
    start: isoFromEpochDay(scenario.spec.startEpochDay),
    end: isoFromEpochDay(scenario.spec.endEpochDay),
    kpis: result.kpis,
    events: result.events,
    reserves: result.reserves,
    startEpochDay: scenario.spec.startEpochDay,
    inputs: drawn.values,
  });
  return { ...result, summary, inputs: drawn.values };
}
