/**
 * `chokepoint backtest [--runs N] [--seed S] [--episode ID]... [--record FILE] [--out DIR]`:
 * replays the recorded episodes (validation/episodes.yaml, or a record file of one's own) over
 * N replicates each, scores the model against the record, prints the scorecard and writes
 * the catalogue's backtest files: backtest.csv and report.html (a fan chart per episode with
 * the record's points on it).
 */
import path from "node:path";
import { renderBacktestMarkdown, renderBacktestSummaryMarkdown, renderBacktestTable } from "../../report/index.js";
import { formatIssue, nodeFileSource, parseEpisodes, parseScenario, SHIPPED_PREFIX, shippedEpisodesFile, shippedScenarioFile, shippedScenariosFolder, suggestion, type Episode, type Scenario } from "../../scenario/index.js";
import { checkEpisode, runBacktest, type EpisodeRun } from "../../sweep/index.js";
import type { CliIo } from "../cli-io.js";
import { lineWriter } from "../cli-io.js";
import { displayPath } from "../default-scenario.js";
import { CliExit, ExitCode } from "../exit-codes.js";
import { renderSet, writtenLines } from "../output-catalogue.js";
import { OutputFolder } from "../output-folder.js";
import { Progress, progressIo } from "../progress.js";
import { shellCommand } from "../shell-command.js";

/** Options of the backtest command. */
export interface BacktestCommandOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly episode?: readonly string[];
  readonly record?: string;
  readonly out?: string;
  readonly markdown?: boolean;
  readonly quiet?: boolean;
}

/** Replicates per scenario when --runs is not given. */
export const DEFAULT_BACKTEST_RUNS = 20;
const MAX_BACKTEST_RUNS = 10_000;

/** Runs the backtest. Returns the exit code. */
export async function backtestCommand(options: BacktestCommandOptions, io: CliIo): Promise<number> {
  const out = lineWriter(io.stdout);
  if (!(Number.isInteger(options.runs) && options.runs >= 1 && options.runs <= MAX_BACKTEST_RUNS)) {
    throw new CliExit(ExitCode.BAD_INPUT, `--runs must be a whole number from 1 to ${MAX_BACKTEST_RUNS}, got ${options.runs}`);
  }
  const recordFile = options.record ?? displayPath(shippedEpisodesFile());
  const loaded = parseEpisodes(recordFile, nodeFileSource());
  if (!loaded.ok) throw new CliExit(ExitCode.BAD_INPUT, loaded.issues.map(formatIssue).join("\n"));
  const record = loaded.value;
  const episodes = chosenEpisodes(record.episodes, options.episode ?? []);

  // One loaded scenario per (scenario, overlays): episodes on it share its replicates.
  const scenarios = new Map<string, Scenario>();
  const runs: EpisodeRun[] = episodes.map((episode) => {
    const key = JSON.stringify([episode.scenario, episode.sets]);
    let scenario = scenarios.get(key);
    if (scenario === undefined) {
      scenario = loadEpisodeScenario(episode, recordFile);
      scenarios.set(key, scenario);
    }
    return { episode, scenario };
  });
  const problems = runs.flatMap(({ episode, scenario }) => checkEpisode(episode, scenario).map((p) => formatIssue({ code: "episode", ...record.locate(p.path), path: p.path, message: p.message })));
  if (problems.length > 0) throw new CliExit(ExitCode.BAD_INPUT, problems.join("\n"));

  const folder = OutputFolder.prepare(options.out ?? path.join("out", "backtest"));
  try {
    const progress = new Progress(progressIo(io, options.quiet === true), scenarios.size * options.runs, 0, "backtest");
    const scores = runBacktest(runs, { runs: options.runs, seed: options.seed, onProgress: (done) => progress.tick(done) });
    progress.done(scenarios.size * options.runs);
    const files = await renderSet("backtest", { scores, recordFile, command: rerunCommand(options) });
    folder.commit(files);
    if (!options.quiet) {
      out(options.markdown === true ? `${renderBacktestSummaryMarkdown(scores)}\n${renderBacktestMarkdown(scores)}`.trimEnd() : renderBacktestTable(scores).trimEnd());
      out("");
      for (const line of writtenLines("backtest", folder.directory, files.keys())) out(line);
    }
    return ExitCode.OK;
  } finally {
    folder.discard();
  }
}

/** The episodes --episode names (all when none), in the record's order; an unknown id stops with exit code 2. */
function chosenEpisodes(episodes: readonly Episode[], ids: readonly string[]): Episode[] {
  const known = episodes.map((e) => e.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new CliExit(ExitCode.BAD_INPUT, `--episode: "${id}" is not an episode of the record${suggestion(id, known) || `; it has ${known.join(", ")}`}`);
  }
  return ids.length === 0 ? [...episodes] : episodes.filter((e) => ids.includes(e.id));
}

/** The scenario an episode replays: `chokepoint:NAME` (shipped) or a path relative to the record file, with its overlays. */
function loadEpisodeScenario(episode: Episode, recordFile: string): Scenario {
  const file = episode.scenario.startsWith(SHIPPED_PREFIX) ? shippedScenarioFile(episode.scenario) : path.join(path.dirname(recordFile), episode.scenario);
  if (file === undefined) throw new CliExit(ExitCode.BAD_INPUT, `${recordFile}: episode ${episode.id}: "${episode.scenario}" names no shipped scenario`);
  const result = parseScenario(displayPath(path.resolve(file)), nodeFileSource(), { sets: episode.sets, shippedFolder: shippedScenariosFolder() });
  if (!result.ok) throw new CliExit(ExitCode.BAD_INPUT, [`episode ${episode.id} replays ${episode.scenario}, which has problems:`, ...result.issues.map(formatIssue)].join("\n"));
  return result.scenario;
}

/** The command that reproduces this backtest, every default spelled out. */
function rerunCommand(options: BacktestCommandOptions): string {
  const args = ["npx", "chokepoint", "backtest", "--runs", String(options.runs)];
  if (options.seed !== undefined) args.push("--seed", String(options.seed));
  for (const id of options.episode ?? []) args.push("--episode", id);
  if (options.record !== undefined) args.push("--record", options.record);
  return shellCommand(args);
}
