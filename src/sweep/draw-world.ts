/**
 * Drawing a replicate's world: every uncertain input of the scenario is drawn by inverse CDF
 * from the design's uniform number for (seed, input name, runs, replicate), so a replicate is a
 * pure function of the scenario, the seed, the design and its number: never of the worker,
 * the shard or the order in which replicates finish.
 */
// scenario-error.js, not the folder's index: a sweep's worker threads load this file, and the
// index would load the scenario format's parsers they never use (see cli/replicate-worker.ts).
import { ScenarioError } from "../scenario/scenario-error.js";
import type { DrawResult, Scenario } from "../scenario/index.js";
import { designUniform, type Design } from "./sampling-design.js";

/** Which replicate of which design. */
export interface ReplicateKey {
  readonly seed: number;
  readonly replicate: number;
  /** Monte Carlo (default) or Latin hypercube. */
  readonly design?: Design;
  /** Replicates in the design (a Latin hypercube stratifies over them; Monte Carlo ignores it). */
  readonly runs?: number;
}

/** The world of one replicate; issues when the draw breaks a rule of the format. */
export function drawWorld(scenario: Scenario, key: ReplicateKey): DrawResult {
  const design = key.design ?? "mc";
  const runs = key.runs ?? 1;
  return scenario.draw((name) => designUniform(design, key.seed, name, runs, key.replicate));
}

/** As `drawWorld`, but throws a ScenarioError (naming the seed and replicate) when the draw breaks a rule. */
export function drawWorldOrThrow(scenario: Scenario, key: ReplicateKey): Extract<DrawResult, { ok: true }> {
  const design = key.design ?? "mc";
  const runs = key.runs ?? 1;
  return drawWorldAtOrThrow(scenario, (name) => designUniform(design, key.seed, name, runs, key.replicate), `seed ${key.seed}, replicate ${key.replicate}${key.design === "lhs" ? `, design lhs of ${key.runs} runs` : ""}`);
}

/** The world with each input at the quantile `uniformOf(name)`; throws a ScenarioError (saying how it was `drawn`) when that breaks a rule. */
export function drawWorldAtOrThrow(scenario: Scenario, uniformOf: (name: string) => number, drawn: string): Extract<DrawResult, { ok: true }> {
  const result = scenario.draw(uniformOf);
  if (!result.ok) throw new ScenarioError(result.issues.map((issue) => ({ ...issue, message: `${issue.message} (drawn for ${drawn})` })));
  return result;
}
