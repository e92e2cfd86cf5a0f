/** `chokepoint run [FILE] [--seed N] [--out DIR]`: one replicate, written to the catalogue's run files (timeline.csv, summary.json, trade.csv, licences.csv and report.html). */
import path from "node:path";
import { rankShortfalls, renderShortfallTable } from "../../report/index.js";
import { MAX_SWEEP_RUNS } from "../../sweep/index.js";
import { CliExit, ExitCode } from "../exit-codes.js";
import { loadScenarioOrExit } from "../load-scenario-or-exit.js";
import { renderSet, writtenLines } from "../output-catalogue.js";
import { OutputFolder } from "../output-folder.js";
import { shellCommand } from "../shell-command.js";
import { simulateOrExit } from "../simulate-or-exit.js";

/** Options of the run command. */
export interface RunCommandOptions {
  readonly seed?: number;
  readonly replicate?: number;
  readonly design?: string;
  readonly runs?: number;
  readonly set?: readonly string[];
  readonly out?: string;
  readonly quiet?: boolean;
}

/** Runs one replicate and writes its outputs. Returns the exit code. */
export async function runCommand(file: string, options: RunCommandOptions, out: (line: string) => void): Promise<number> {
  const design = options.design ?? "mc";
  if (design !== "mc" && design !== "lhs") throw new CliExit(ExitCode.BAD_INPUT, `--design must be mc or lhs, got "${options.design}"`);
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs >= 1 && options.runs <= MAX_SWEEP_RUNS)) {
    throw new CliExit(ExitCode.BAD_INPUT, `--runs must be a whole number from 1 to ${MAX_SWEEP_RUNS}, got ${options.runs}`);
  }
  if (design === "lhs" && options.runs === undefined) throw new CliExit(ExitCode.BAD_INPUT, "--design lhs needs --runs (a Latin hypercube's replicates depend on how many there are)");
  if (options.runs !== undefined && options.replicate !== undefined && options.replicate >= options.runs) {
    throw new CliExit(ExitCode.BAD_INPUT, `--replicate ${options.replicate} is not below --runs ${options.runs}`);
  }
  const scenario = loadScenarioOrExit(file, options.set ?? []);
  const seed = options.seed ?? scenario.defaultSeed;
  const replicate = options.replicate ?? 0;
  // The folder is checked (and its staging folder made) before any simulating.
  const folder = OutputFolder.prepare(options.out ?? path.join("out", scenario.name));
  try {
    const started = performance.now();
    const run = simulateOrExit(scenario, { seed, replicate, design, runs: options.runs });
    const seconds = (performance.now() - started) / 1000;
    const ranked = rankShortfalls(run.kpis);
    const files = await renderSet("run", { scenario, run, ranked, command: rerunCommand(file, seed, replicate, design, options) });
    folder.commit(files);
    if (!options.quiet) {
      out(`${scenario.title} (seed ${seed}${replicate !== 0 ? `, replicate ${replicate}` : ""})`);
      if (scenario.question !== "") out(scenario.question);
      out(`simulated ${run.timeline.dayCount} days, ${run.eventCount} events in ${(seconds * 1000).toFixed(0)} ms`);
      out("");
      out(renderShortfallTable(ranked, run.summary.manifest.start).trimEnd());
      out("");
      for (const line of writtenLines("run", folder.directory, files.keys())) out(line);
    }
    return ExitCode.OK;
  } finally {
    folder.discard();
  }
}

/** The command that reruns this replicate (whatever defaults the user relied on, spelled out). */
function rerunCommand(file: string, seed: number, replicate: number, design: string, options: RunCommandOptions): string {
  const args = ["npx", "chokepoint", "run", file, "--seed", String(seed), "--replicate", String(replicate)];
  if (design !== "mc") args.push("--design", design);
  if (options.runs !== undefined) args.push("--runs", String(options.runs));
  for (const set of options.set ?? []) args.push("--set", set);
  return shellCommand(args);
}
