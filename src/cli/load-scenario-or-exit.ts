/** Loading a scenario for a command: its issues, if any, end the command with exit code 2. */
import { formatIssue, nodeFileSource, parseScenario, shippedScenariosFolder, type Scenario } from "../scenario/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";

/** Loads a scenario (with `--set` overlays) or stops with its issues, one `FILE:LINE:COL path: message` line each (exit 2). */
export function loadScenarioOrExit(file: string, sets: readonly string[] = []): Scenario {
  const result = parseScenario(file, nodeFileSource(), { sets, shippedFolder: shippedScenariosFolder() });
  if (!result.ok) throw new CliExit(ExitCode.BAD_INPUT, result.issues.map(formatIssue).join("\n"));
  return result.scenario;
}
