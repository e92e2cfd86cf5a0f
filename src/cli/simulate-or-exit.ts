/**
 * Simulating for a command: a model error about one input (a random draw the model cannot
 * use) ends the command with exit code 2 and the input's place in the scenario file.
 */
import { ModelError, type Timeline } from "../model/index.js";
import { formatIssue, ScenarioError, type Scenario } from "../scenario/index.js";
import { simulate, type RunOptions, type RunResult } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";

/** Runs `scenario` once (keeping its timeline), or stops with the input at fault located in its file. */
export function simulateOrExit(scenario: Scenario, options: Omit<RunOptions, "timeline">): RunResult & { readonly timeline: Timeline } {
  try {
    return simulate(scenario, options);
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliExit(ExitCode.BAD_INPUT, error.issues.map(formatIssue).join("\n"));
    if (error instanceof ModelError && error.inputPath !== undefined) {
      const where = scenario.locate(error.inputPath) ?? { file: scenario.files[0], line: 1, column: 1 };
      const seed = options.seed ?? scenario.defaultSeed;
      const line = formatIssue({ code: error.code, path: error.inputPath, ...where, message: `${error.message} (seed ${seed}, replicate ${options.replicate ?? 0})` });
      throw new CliExit(ExitCode.BAD_INPUT, line);
    }
    throw error;
  }
}
