/** `chokepoint run [FILE] [--seed N] [--out DIR]`: one replicate, written to timeline.csv, summary.json and trade.csv. */
import path from "node:path";
import { renderShortfallTable, renderSummaryJson, renderTimelineCsv, renderTradeCsv } from "../../report/index.js";
import { ExitCode } from "../exit-codes.js";
import { loadScenarioOrExit } from "../load-scenario-or-exit.js";
import { OutputFolder } from "../output-folder.js";
import { simulateOrExit } from "../simulate-or-exit.js";

/** Options of the run command. */
export interface RunCommandOptions {
  readonly seed?: number;
  readonly out?: string;
  readonly quiet?: boolean;
}

/** Runs one replicate and writes its outputs. Returns the exit code. */
export function runCommand(file: string, options: RunCommandOptions, out: (line: string) => void): number {
  const scenario = loadScenarioOrExit(file);
  const seed = options.seed ?? scenario.defaultSeed;
  // The folder is checked (and its staging folder made) before any simulating.
  const folder = OutputFolder.prepare(options.out ?? path.join("out", scenario.name));
  try {
    const started = performance.now();
    const run = simulateOrExit(scenario, { seed });
    const seconds = (performance.now() - started) / 1000;
    const files = {
      "timeline.csv": renderTimelineCsv(run.timeline),
      "summary.json": renderSummaryJson(run.summary),
      "trade.csv": renderTradeCsv(run.trade),
    };
    folder.commit(files);
    if (!options.quiet) {
      out(`${scenario.title} (seed ${seed})`);
      if (scenario.question !== "") out(scenario.question);
      out(`simulated ${run.timeline.dayCount} days, ${run.eventCount} events in ${(seconds * 1000).toFixed(0)} ms`);
      out("");
      out(renderShortfallTable(run.kpis).trimEnd());
      out("");
      out(`wrote ${Object.keys(files).map((f) => path.join(folder.directory, f)).join(", ")}`);
    }
    return ExitCode.OK;
  } finally {
    folder.discard();
  }
}
