/**
 * `chokepoint run [FILE] [--seed N] [--set PATH=VALUE]... [--vs BASE] [--out DIR]`: one
 * replicate, written to the catalogue's run files (timeline.csv, summary.json, trade.csv,
 * licences.csv and report.html). With `--vs BASE`, BASE runs too, on the same seed and
 * replicate (the same random numbers), and the outputs say which shortfalls the change causes
 * or removes, pair by pair. `--set` changes FILE only, so `run F --vs F --set X` is the what-if
 * of the override X against F as it is. Overrides name the default folder (default-folder.ts).
 */
import { NO_WHAT_IF, overridesNote, rankShortfalls, renderReserveTable, renderShortfallTable, renderWhatIfTable, type SvgDrawer, type WhatIf } from "../../report/index.js";
import type { Scenario } from "../../scenario/index.js";
import { isoFromEpochDay } from "../../model/index.js";
import { diffWhatIf, MAX_SWEEP_RUNS, whatIfMismatch, type ReportedPeriod, type RunResult } from "../../sweep/index.js";
import { defaultRunFolder } from "../default-folder.js";
import { startChartDrawing } from "../charts-on-thread.js";
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
  /** The base to compare with: a scenario file or a shipped scenario's name, run without the overrides. */
  readonly vs?: string;
  readonly out?: string;
  readonly quiet?: boolean;
}

/** Runs one replicate (and, with --vs, its base on the same random numbers) and writes its outputs. Returns the exit code. */
export async function runCommand(file: string, options: RunCommandOptions, out: (line: string) => void): Promise<number> {
  const design = checkOptions(options);
  // Vega loads on the chart thread while this one loads the scenario and simulates.
  const charts = startChartDrawing();
  try {
    return await runReplicate(file, options, design, charts.draw, out);
  } finally {
    charts.close();
  }
}

/** The run command after its options are checked: its charts drawn by `draw` (undefined: here). */
async function runReplicate(file: string, options: RunCommandOptions, design: "mc" | "lhs", draw: SvgDrawer | undefined, out: (line: string) => void): Promise<number> {
  const sets = options.set ?? [];
  const scenario = loadScenarioOrExit(file, sets);
  const base = options.vs === undefined ? undefined : loadScenarioOrExit(options.vs);
  const mismatch = base === undefined ? undefined : whatIfMismatch(reportedPeriod(base), reportedPeriod(scenario));
  if (mismatch !== undefined) throw new CliExit(ExitCode.BAD_INPUT, `--vs ${options.vs}: ${mismatch}`);
  const seed = options.seed ?? scenario.defaultSeed;
  const replicate = options.replicate ?? 0;
  // The folder is checked (and its staging folder made) before any simulating.
  const folder = OutputFolder.prepare(options.out ?? defaultRunFolder(scenario.name, sets));
  try {
    const started = performance.now();
    const runOptions = { seed, replicate, design, runs: options.runs } as const;
    const run = simulateOrExit(scenario, runOptions);
    const seconds = (performance.now() - started) / 1000;
    const baseRun = base === undefined ? undefined : simulateOrExit(base, runOptions);
    const whatIf = whatIfOf(sets, options.vs, base, baseRun, run);
    const ranked = rankShortfalls(run.kpis);
    const files = await renderSet("run", { scenario, run, ranked, command: rerunCommand(file, seed, replicate, design, options), whatIf, draw });
    folder.commit(files);
    if (!options.quiet) {
      out(`${scenario.title}${overridesNote(sets)} (seed ${seed}${replicate !== 0 ? `, replicate ${replicate}` : ""})`);
      if (scenario.question !== "") out(scenario.question);
      out(`simulated ${run.timeline.dayCount} days, ${run.eventCount} events in ${(seconds * 1000).toFixed(0)} ms${baseRun === undefined ? "" : `; the base, ${baseRun.eventCount} events`}`);
      out("");
      if (whatIf.vs !== null) {
        out(renderWhatIfTable(whatIf.vs, seed, replicate).trimEnd());
        out("");
      }
      out(renderShortfallTable(ranked, run.summary.manifest.start).trimEnd());
      out("");
      const reserves = renderReserveTable(run.summary.reserves);
      if (reserves !== "") out(reserves);
      for (const line of writtenLines("run", folder.directory, files.keys())) out(line);
    }
    return ExitCode.OK;
  } finally {
    folder.discard();
  }
}

/** Checks the options that need no scenario; returns the design. */
function checkOptions(options: RunCommandOptions): "mc" | "lhs" {
  const design = options.design ?? "mc";
  if (design !== "mc" && design !== "lhs") throw new CliExit(ExitCode.BAD_INPUT, `--design must be mc or lhs, got "${options.design}"`);
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs >= 1 && options.runs <= MAX_SWEEP_RUNS)) {
    throw new CliExit(ExitCode.BAD_INPUT, `--runs must be a whole number from 1 to ${MAX_SWEEP_RUNS}, got ${options.runs}`);
  }
  if (design === "lhs" && options.runs === undefined) throw new CliExit(ExitCode.BAD_INPUT, "--design lhs needs --runs (a Latin hypercube's replicates depend on how many there are)");
  if (options.runs !== undefined && options.replicate !== undefined && options.replicate >= options.runs) {
    throw new CliExit(ExitCode.BAD_INPUT, `--replicate ${options.replicate} is not below --runs ${options.runs}`);
  }
  return design;
}

/** A scenario's name and reported period, as its run's manifest will give them. */
function reportedPeriod(scenario: Scenario): ReportedPeriod {
  return { scenario: scenario.name, start: isoFromEpochDay(scenario.spec.startEpochDay), end: isoFromEpochDay(scenario.spec.endEpochDay) };
}

/** The run's overrides and, with a base, its differences from the base's run. */
function whatIfOf(sets: readonly string[], vs: string | undefined, base: Scenario | undefined, baseRun: RunResult | undefined, run: RunResult): WhatIf {
  if (vs === undefined || base === undefined || baseRun === undefined) return { ...NO_WHAT_IF, overrides: sets };
  const diff = diffWhatIf(baseRun.summary.kpis, run.summary.kpis);
  return { overrides: sets, vs: { file: vs, scenario: base.name, title: base.title, scenarioHash: base.hash, diff } };
}

/** The command that reruns this replicate (whatever defaults the user relied on, spelled out). */
function rerunCommand(file: string, seed: number, replicate: number, design: string, options: RunCommandOptions): string {
  const args = ["npx", "chokepoint", "run", file, "--seed", String(seed), "--replicate", String(replicate)];
  if (design !== "mc") args.push("--design", design);
  if (options.runs !== undefined) args.push("--runs", String(options.runs));
  for (const set of options.set ?? []) args.push("--set", set);
  if (options.vs !== undefined) args.push("--vs", options.vs);
  return shellCommand(args);
}
