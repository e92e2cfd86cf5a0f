/**
 * Loading a scenario for a command: the FILE argument is a file or a shipped scenario's name,
 * and the scenario's issues, if any, end the command with exit code 2.
 */
import { readdirSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { formatIssue, nodeFileSource, parseScenario, SHIPPED_PREFIX, shippedScenarioFile, shippedScenariosFolder, suggestion, type Scenario, type SourceDocumentCache } from "../scenario/index.js";
import { displayPath } from "./default-scenario.js";
import { CliExit, ExitCode } from "./exit-codes.js";

/**
 * The file a command's scenario argument names, or the problem line (`ARG:1:1: message`) when it
 * names none. A file at that path (from the current folder) wins; else a shipped scenario's name
 * as `chokepoint list` prints it (`extended-2026`) stands for that scenario; `chokepoint:NAME`
 * always means the shipped one. Anything else is returned as given, for the loader to report.
 */
export function resolveScenarioArgument(argument: string): { ok: true; file: string } | { ok: false; problem: string } {
  if (argument === "") return { ok: false, problem: `"": a scenario argument is empty; give a file or a shipped scenario's name (\`chokepoint list\` shows them)` };
  const isPrefixed = argument.startsWith(SHIPPED_PREFIX);
  const here = isPrefixed ? undefined : statOf(argument);
  if (here !== undefined && !here.isDirectory()) return { ok: true, file: argument };
  const shipped = shippedScenarioFile(argument);
  if (shipped !== undefined && statOf(shipped)?.isFile() === true) return { ok: true, file: displayPath(shipped) };
  // A folder, or a path that could not be a name: the loader says what is wrong with it.
  if (!isPrefixed && (here !== undefined || shipped === undefined)) return { ok: true, file: argument };
  const name = isPrefixed ? argument.slice(SHIPPED_PREFIX.length) : argument;
  const names = shippedNames();
  const hint = suggestion(name, names) || `; they are: ${names.join(", ")}`;
  const message = isPrefixed ? `"${argument}" names no shipped scenario${hint}` : `cannot read ${argument}: no such file, and no shipped scenario has that name${hint}`;
  return { ok: false, problem: `${argument}:1:1: ${message}` };
}

/** The file a command's scenario argument names (see resolveScenarioArgument), or stops with exit code 2. */
export function scenarioFileOrExit(argument: string): string {
  const resolved = resolveScenarioArgument(argument);
  if (!resolved.ok) throw new CliExit(ExitCode.BAD_INPUT, resolved.problem);
  return resolved.file;
}

/**
 * Loads a scenario (a file or a shipped scenario's name, with `--set` overlays) or stops with its issues, one `FILE:LINE:COL path: message` line each (exit 2).
 * A command loading several scenarios passes one `documents` cache, so that files they share are parsed once.
 */
export function loadScenarioOrExit(argument: string, sets: readonly string[] = [], documents?: SourceDocumentCache): Scenario {
  const result = parseScenario(scenarioFileOrExit(argument), nodeFileSource(), { sets, shippedFolder: shippedScenariosFolder(), documents });
  if (!result.ok) throw new CliExit(ExitCode.BAD_INPUT, result.issues.map(formatIssue).join("\n"));
  return result.scenario;
}

/** What is at `file`, or undefined when nothing (or nothing that can be looked at) is. */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The names `chokepoint list` prints for the shipped scenarios (their file names). */
function shippedNames(): string[] {
  try {
    return readdirSync(shippedScenariosFolder())
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => path.basename(f, ".yaml"))
      .sort();
  } catch {
    return [];
  }
}
