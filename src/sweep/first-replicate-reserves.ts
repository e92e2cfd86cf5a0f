/**
 * The reserves of a sweep's first replicate: what each of an alternative's reserves released in
 * replicate 0 and, for one that released nothing, why (it was empty, its trigger never fired,
 * each shortage ended before a release was decided, or the demand it serves was never short).
 * A compare prints it and writes it to summary.json and the report, so that a policy that
 * cannot act says why. It is part of the plan (a pure function of the scenario, seed, design
 * and runs), so every shard of a sweep carries the same account and a merge keeps it.
 */
import { ScenarioError, type Scenario } from "../scenario/index.js";
import { simulate } from "./run-scenario.js";
import type { ReserveSummary } from "./run-summary.js";
import type { Design } from "./sampling-design.js";

/** The reserves of replicate 0 of `scenario` (none without reserves, or when its draw breaks a rule: that replicate is skipped). */
export function firstReplicateReserves(scenario: Scenario, seed: number, design: Design, runs: number): readonly ReserveSummary[] {
  if (scenario.spec.stockpiles.length === 0) return [];
  try {
    return simulate(scenario, { seed, replicate: 0, design, runs }).summary.reserves;
  } catch (error) {
    if (error instanceof ScenarioError) return [];
    throw error;
  }
}
