/**
 * `chokepoint sweep [FILE] --runs N ...` and `chokepoint compare BASE ALTERNATIVE... --runs N ...`:
 * Monte Carlo over a scenario's uncertain inputs and random events, one shard of it per
 * process (sharded by --shard or a scheduler's environment), on worker threads, resumable.
 * A compare runs every alternative on each replicate's random world (common random numbers).
 */
import path from "node:path";
import { eventMarks, renderCompareTable, renderIdleReserves, renderPolicyTable, renderSensitivityTable } from "../../report/index.js";
import { isoFromEpochDay } from "../../model/index.js";
import { SourceDocumentCache, type Scenario } from "../../scenario/index.js";
import {
  MAX_SWEEP_RUNS,
  MAX_SWING_RUNS,
  parseStopRule,
  planSweep,
  seriesByUnmet,
  SweepError,
  unreportedTarget,
  type Design,
  type SweepPlan,
  type SweepStatistics,
} from "../../sweep/index.js";
import type { CliIo } from "../cli-io.js";
import { lineWriter } from "../cli-io.js";
import { outputName } from "../default-folder.js";
import { CliExit, ExitCode } from "../exit-codes.js";
import { loadScenarioOrExit, scenarioFileOrExit } from "../load-scenario-or-exit.js";
import { writtenLines, type OutputFileName, type WritingCommand } from "../output-catalogue.js";
import { progressIo } from "../progress.js";
import { chooseShard } from "../shard-from-env.js";
import { runSession } from "../sweep-session.js";

/** Options of the sweep, compare and sensitivity commands (the library's own are sweep/sweep.ts's SweepOptions). */
export interface SweepCommandOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly design?: string;
  readonly workers?: number;
  readonly shard?: string;
  readonly shardCount?: number;
  readonly shardsFromEnv?: boolean;
  readonly resume?: boolean;
  readonly out?: string;
  readonly until?: string;
  readonly batch?: number;
  readonly bandDays?: number;
  /** sweep only: replicates that also run the tornado's one-at-a-time swings. */
  readonly swingRuns?: number;
  readonly set?: readonly string[];
  /** compare only: `NAME=path=value;path=value` overlays of the base. */
  readonly alt?: readonly string[];
  readonly quiet?: boolean;
}

/** Replicates of a sweep that also run the tornado's swings, unless --swing-runs says otherwise. */
export const DEFAULT_SWING_RUNS = 10;

/** Runs a sweep (one file) or a compare (a base and alternatives). Returns the exit code. */
export async function sweepCommand(kind: "sweep" | "compare" | "sensitivity", files: readonly string[], options: SweepCommandOptions, io: CliIo, argv: readonly string[]): Promise<number> {
  const out = lineWriter(io.stdout);
  const sets = options.set ?? [];
  if (!(Number.isInteger(options.runs) && options.runs >= 1 && options.runs <= MAX_SWEEP_RUNS)) throw new CliExit(ExitCode.BAD_INPUT, `--runs must be a whole number from 1 to ${MAX_SWEEP_RUNS}, got ${options.runs}`);
  const design = (options.design ?? "mc") as Design;
  if (design !== "mc" && design !== "lhs") throw new CliExit(ExitCode.BAD_INPUT, `--design must be mc or lhs, got "${options.design}"`);
  const batch = options.batch ?? 100;
  if (!(Number.isInteger(batch) && batch >= 1)) throw new CliExit(ExitCode.BAD_INPUT, `--batch must be a whole number >= 1, got ${options.batch}`);
  const bandDays = options.bandDays ?? 7;
  if (!(Number.isInteger(bandDays) && bandDays >= 1 && bandDays <= 366)) throw new CliExit(ExitCode.BAD_INPUT, `--band-days must be a whole number from 1 to 366, got ${options.bandDays}`);
  if (options.swingRuns !== undefined && !(Number.isInteger(options.swingRuns) && options.swingRuns >= 0 && options.swingRuns <= MAX_SWING_RUNS)) {
    throw new CliExit(ExitCode.BAD_INPUT, `--swing-runs must be a whole number from 0 to ${MAX_SWING_RUNS}, got ${options.swingRuns}`);
  }
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1 && options.workers <= 256)) {
    throw new CliExit(ExitCode.BAD_INPUT, `--workers must be a whole number from 1 to 256, got ${options.workers}`);
  }
  if (options.until !== undefined) {
    const rule = parseStopRule(options.until);
    if (!rule.ok) throw new CliExit(ExitCode.BAD_INPUT, `--until: ${rule.message}`);
    if (design === "lhs") throw new CliExit(ExitCode.BAD_INPUT, "--until cannot be used with --design lhs: a Latin hypercube is stratified over all its runs, so it cannot stop early");
  }

  // The alternatives: files that extend the base, and overlays of the base.
  const paths = files.map(scenarioFileOrExit);
  const sources: { file: string; sets: string[] }[] = paths.map((file) => ({ file, sets: [...sets] }));
  for (const alt of options.alt ?? []) {
    const match = /^([a-z0-9][a-z0-9-]*)=(.+)$/.exec(alt);
    if (match === null) throw new CliExit(ExitCode.BAD_INPUT, `--alt must be NAME=path=value[;path=value...], such as higher-approval=controls.antimony-licensing-2024.approval=90%; got "${alt}"`);
    sources.push({ file: paths[0], sets: [...sets, ...match[2].split(";").map((s) => s.trim()).filter((s) => s !== ""), `name=${match[1]}`] });
  }
  if (kind === "compare" && sources.length < 2) throw new CliExit(ExitCode.BAD_INPUT, "compare needs a base and at least one alternative (a file extending the base, or --alt NAME=path=value)");
  const documents = new SourceDocumentCache();
  const scenarios: Scenario[] = sources.map((s) => loadScenarioOrExit(s.file, s.sets, documents));
  if (kind === "sensitivity" && scenarios[0].inputs.length + scenarios[0].occurrences.length === 0) {
    throw new CliExit(ExitCode.BAD_INPUT, `${files[0]} has no uncertain inputs, so there is nothing to rank: write a field as a distribution (such as approval: { uniform: [30%, 80%] }) or give an event a probability`);
  }
  const seed = options.seed ?? scenarios[0].defaultSeed;

  let plan: SweepPlan;
  try {
    plan = planSweep(scenarios, { seed, design, runs: options.runs, batch, until: options.until ?? null, bandDays, swingRuns: options.swingRuns ?? DEFAULT_SWING_RUNS, markers: sharedMarks(scenarios[0]), overrides: sets });
  } catch (error) {
    if (error instanceof SweepError) throw new CliExit(ExitCode.BAD_INPUT, error.message);
    throw error;
  }
  // A rule must name pairs the sweep reports (checked before anything runs).
  const rule = options.until === undefined ? undefined : parseStopRule(options.until);
  const unreported = rule?.ok === true ? unreportedTarget(rule.targets, plan.series) : undefined;
  if (unreported !== undefined) throw new CliExit(ExitCode.BAD_INPUT, `--until: ${unreported}`);
  const { shard, from } = chooseShard(options.shard, options.shardCount, io.env, options.shardsFromEnv === true);
  if (shard.count > 1 && shard.index >= options.runs) throw new CliExit(ExitCode.BAD_INPUT, `shard ${shard.index}/${shard.count} has no replicates: --runs ${options.runs} is fewer than the shards`);
  // With --set, the scenario's name gains the overrides' hash (default-folder.ts): a what-if never replaces its base's folder.
  const folderName = `${outputName(plan.scenario, sets)}-${kind}`;
  const folder = options.out ?? (shard.count > 1 ? path.join("out", `${folderName}-shards`, `shard-${shard.index}-of-${shard.count}`) : path.join("out", folderName));

  const result = await runSession(
    { plan, shard, shardFrom: from, scenarios: scenarios.map((s) => s.portable()), folder, resume: options.resume === true, workers: options.workers, command: ["chokepoint", ...argv] },
    progressIo(io, options.quiet === true),
  );
  if (options.quiet) return ExitCode.OK;
  if (result.statistics === undefined) {
    const notes = [...(result.resumed > 0 ? [`${result.resumed} resumed`] : []), ...(result.runsBefore < plan.runs ? [`extended from ${result.runsBefore} to ${plan.runs} runs`] : [])];
    out(`shard ${shard.index}/${shard.count}: ${result.recorded} replicates recorded in ${folder}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`);
    out(`when every shard is done: chokepoint merge <the ${shard.count} shard folders> --out ${path.join("out", folderName)}`);
    return ExitCode.OK;
  }
  if (kind === "sensitivity" && result.sensitivity !== undefined) {
    out(renderSensitivityTable(plan, result.sensitivity).trimEnd());
    out("");
    for (const line of writtenLines(kind, folder, result.written)) out(line);
    return ExitCode.OK;
  }
  // A policy that cannot act says why: the reserves of each alternative's first replicate that released nothing.
  const idle = kind === "compare" ? renderIdleReserves(plan.alternativesAbout, 0) : "";
  printSummary(plan, result.statistics, kind, folder, result.written, out, idle);
  return ExitCode.OK;
}

/** The few lines a person reads after a sweep or compare (`command` wrote `written` into `folder`). */
export function printSummary(plan: SweepPlan, statistics: SweepStatistics, command: WritingCommand, folder: string, written: readonly OutputFileName[], out: (line: string) => void, idleReserves = ""): void {
  // Replicates whose draw broke a rule were skipped (invalid-draws.csv): without a stop rule, the planned runs less the valid ones.
  const skipped = written.includes("invalid-draws.csv") ? `; ${statistics.stoppedByRule ? "some" : plan.runs - statistics.runs} skipped for an invalid draw, listed in invalid-draws.csv` : "";
  const whatIf = plan.about.overrides.length === 0 ? "" : ` (what-if: ${plan.about.overrides.join("; ")})`;
  out(`${plan.kind} of ${plan.scenario}${whatIf}: ${statistics.runs} replicates (seed ${plan.seed}, design ${plan.design})${statistics.stoppedByRule ? `, stopped by the rule at ${statistics.runs} of ${plan.runs}` : ""}${skipped}`);
  if (plan.kind === "compare") {
    out("");
    out(renderPolicyTable(plan, statistics).trimEnd());
    out("");
    out(renderCompareTable(statistics.differences).trimEnd());
    if (idleReserves !== "") {
      out("");
      out(idleReserves.trimEnd());
    }
  } else {
    const series = statistics.alternatives[0].series;
    const base = seriesByUnmet(series)
      .slice(0, 10)
      .map((i) => series[i]);
    out("");
    if (base.length === 0) out("No replicate ran short anywhere.");
    else {
      out("Largest mean unmet tonnes (95% interval of the mean), share of replicates short:");
      for (const s of base) {
        const u = s.kpis.unmetTonnes;
        out(`  ${s.country} ${s.commodity}: ${u.mean.toFixed(0)} t (${u.ciLow.toFixed(0)} to ${u.ciHigh.toFixed(0)}), short in ${(s.pShort * 100).toFixed(0)}%`);
      }
    }
  }
  out("");
  for (const line of writtenLines(command, folder, written)) out(line);
}

/** The dates every replicate of the scenario shares, to mark on the report's time axes: events that surely happen on a fixed date, and the controls' own dates. */
function sharedMarks(scenario: Scenario) {
  const uncertain = new Set([...scenario.occurrences.map((o) => o.eventId), ...scenario.inputs.filter((i) => i.path[0] === "events").map((i) => String(i.path[1]))]);
  const events = scenario.spec.events.map((e) => ({ id: e.id, happened: e.probability === 1 && !uncertain.has(e.id), date: isoFromEpochDay(e.epochDay) }));
  return eventMarks(events, scenario.spec, isoFromEpochDay(scenario.spec.startEpochDay), isoFromEpochDay(scenario.spec.endEpochDay), scenario.labels);
}
