/**
 * chokepoint, the library: load a scenario, simulate it, render the results.
 *
 *     import { loadScenario, simulate, renderTimelineCsv } from "chokepoint";
 *     const scenario = loadScenario("scenarios/reinstated-2026.yaml");
 *     const run = simulate(scenario, { seed: 7 });
 *     console.log(run.summary.kpis);
 *
 * Nothing here writes files or prints; only loadScenario reads (through a FileSource you
 * may replace).
 */
import { nodeFileSource } from "./cli/node-file-source.js";
import { isoFromEpochDay, simulateWorld, type SimulationResult } from "./model/index.js";
import { buildSummary, type Summary } from "./report/index.js";
import { loadScenarioFrom, type FileSource, type Scenario } from "./scenario/index.js";

export * from "./engine/index.js";
export * from "./model/index.js";
export * from "./scenario/index.js";
export * from "./report/index.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";

/** Options for `loadScenario`. */
export interface LoadOptions {
  /** Where files are read from (default: the file system). */
  readonly source?: FileSource;
}

/** Loads and resolves a scenario file (and everything it extends); throws ScenarioError listing every problem. */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return loadScenarioFrom(file, options.source ?? nodeFileSource());
}

/** Options for `simulate`. */
export interface RunOptions {
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
export function simulate(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.defaultSeed;
  const replicate = options.replicate ?? 0;
  const result = simulateWorld(scenario.spec, { seed, replicate });
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
