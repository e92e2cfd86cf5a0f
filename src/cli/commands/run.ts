/** `chokepoint run [FILE] [--seed N] [--out DIR]`: one replicate, written to timeline.csv, summary.json and trade.csv. */
import path from "node:path";
import { formatIssue, parseScenario, type Scenario } from "../../scenario/index.js";
import { renderShortfallTable, renderSummaryJson, renderTimelineCsv, renderTradeCsv } from "../../report/index.js";
import { simulate } from "../../index.js";
import { writeFilesAtomically } from "../atomic-write.js";
import { CliExit, ExitCode } from "../exit-codes.js";
import { nodeFileSource } from "../node-file-source.js";

/** Options of the run command. */
export interface RunCommandOptions {
  readonly seed?: number;
  readonly out?: string;
  readonly quiet?: boolean;
}

/** Loads a scenario or stops with its issues (exit 2). */
export function loadOrExit(file: string): Scenario {
  const result = parseScenario(file, nodeFileSource());
  if (!result.ok) throw new CliExit(ExitCode.BAD_INPUT, result.issues.map(formatIssue).join("\n"));
  return result.scenario;
}

/** Runs one replicate and writes its outputs. Returns the exit code. */
export function runCommand(file: string, options: RunCommandOptions, out: (line: string) => void): number {
  const scenario = loadOrExit(file);
  const seed = options.seed ?? scenario.defaultSeed;
  const started = performance.now();
  const run = simulate(scenario, { seed });
  const seconds = (performance.now() - started) / 1000;
  const directory = options.out ?? path.join("out", scenario.name);
  try {
    writeFilesAtomically(directory, {
      "timeline.csv": renderTimelineCsv(run.timeline),
      "summary.json": renderSummaryJson(run.summary),
      "trade.csv": renderTradeCsv(run.trade),
    });
  } catch (error) {
    throw new CliExit(ExitCode.BAD_INPUT, `cannot write outputs to ${directory}: ${(error as Error).message}`);
  }
  if (!options.quiet) {
    out(`${scenario.title} (seed ${seed})`);
    if (scenario.question !== "") out(scenario.question);
    out(`simulated ${run.timeline.dayCount} days, ${run.eventCount} events in ${(seconds * 1000).toFixed(0)} ms`);
    out("");
    out(renderShortfallTable(run.kpis).trimEnd());
    out("");
    out(`wrote ${["timeline.csv", "summary.json", "trade.csv"].map((f) => path.join(directory, f)).join(", ")}`);
  }
  return ExitCode.OK;
}
