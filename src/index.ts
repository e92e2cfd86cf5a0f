/**
 * chokepoint, the library: load a scenario, simulate it, sweep it, render the results.
 *
 *     import { loadScenario, simulate, sweep, renderTimelineCsv } from "chokepoint";
 *     const scenario = loadScenario("scenarios/reinstated-2026.yaml");
 *     const run = simulate(scenario, { seed: 7 });
 *     console.log(run.summary.kpis);
 *     const { statistics } = sweep(scenario, { runs: 100 });
 *
 * Nothing here writes files or prints; only loadScenario reads (through a FileSource you
 * may replace).
 */
import { loadScenarioFrom, nodeFileSource, shippedScenariosFolder, type FileSource, type Scenario } from "./scenario/index.js";

export * from "./engine/index.js";
export * from "./model/index.js";
export * from "./scenario/index.js";
export * from "./sweep/index.js";
export * from "./report/index.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";

/** Options for `loadScenario`. */
export interface LoadOptions {
  /** Where files are read from (default: the file system). */
  readonly source?: FileSource;
  /** What-if overlays, `path=value` each (as the CLI's `--set`). */
  readonly sets?: readonly string[];
}

/**
 * Loads and resolves a scenario file (and everything it extends, `chokepoint:NAME` naming the
 * shipped scenarios); throws ScenarioError listing every problem.
 */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return loadScenarioFrom(file, options.source ?? nodeFileSource(), { sets: options.sets, shippedFolder: shippedScenariosFolder() });
}
