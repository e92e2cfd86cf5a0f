/**
 * The outputs catalogue: every file chokepoint writes, in one table. An entry says which
 * commands write the file, what renders it (a pure renderer of src/report, or a record's own
 * text), whether it is text or binary, and whether it is a final output (a folder holding
 * only catalogue files may be replaced whole) or a sweep's working record (its folder is never
 * replaced: the records may be hours of work). Writing, the output folder's check, the
 * cleanup of temporaries and the closing "wrote ..." lines all read this table, so a new
 * output file is one entry here plus its renderer (docs/architecture.md, "Outputs").
 *
 * Entries are in the order files are written and listed: a sweep's folder gets its final
 * files renamed into place in this order, summary.json last (tests/cli/output-catalogue.test.ts
 * holds it there).
 */
import path from "node:path";
import type { Timeline } from "../model/index.js";
import {
  renderBacktestCsv,
  renderBacktestReport,
  renderBandsCsv,
  renderCompareCsv,
  renderLicencesCsv,
  renderRunReport,
  renderInvalidDrawsCsv,
  renderSensitivityCsv,
  renderSummaryJson,
  renderSweepReport,
  renderSweepSummaryJson,
  renderTimelineCsv,
  renderTradeCsv,
  replicatesCsvHeader,
  replicatesCsvRows,
  runReportInput,
  writesReplicatesCsv,
  type BacktestReportInput,
  type RankedShortfall,
  type SvgDrawer,
  type SweepReportInput,
  type WhatIf,
} from "../report/index.js";
import type { Scenario } from "../scenario/index.js";
import { bandCountsToBytes, type BandCountsCover, type BandCountsData, type ReplicateOutcome, type RunResult, type SweepPlan, type TornadoReplicate } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { replicatesParquetStream } from "./parquet-on-thread.js";
import { runLogText, type RunLogFields } from "./run-log.js";
import type { ShardManifest } from "./shard-manifest.js";

/** The commands that write files. */
export type WritingCommand = "run" | "sweep" | "compare" | "sensitivity" | "merge" | "backtest";

/** The commands that run a sweep session into a working folder. */
export const SWEEP_COMMANDS = ["sweep", "compare", "sensitivity"] as const satisfies readonly WritingCommand[];

/** What a run's files are rendered from. */
export interface RunOutputs {
  readonly scenario: Scenario;
  readonly run: RunResult & { readonly timeline: Timeline };
  /** The run's shortfalls, ranked once for every view. */
  readonly ranked: readonly RankedShortfall[];
  /** The command that reruns this replicate exactly. */
  readonly command: string;
  /** Its --set overrides and --vs base (NO_WHAT_IF for a plain run). */
  readonly whatIf: WhatIf;
  /** What draws the report's charts (charts-on-thread.ts); undefined: Vega in this thread. */
  readonly draw?: SvgDrawer;
}

/** What each set of files is rendered from: the results of a command, or a record of a sweep session. */
export interface OutputSources {
  /** One replicate (`run`). */
  readonly run: RunOutputs;
  /** A whole sweep's or compare's statistics and sample (an unsharded sweep session, `merge`). */
  readonly sweep: SweepReportInput;
  /** The backtest's scores. */
  readonly backtest: BacktestReportInput;
  /** How a sweep session or a merge went on this machine. */
  readonly log: RunLogFields;
  /** A shard's plan and which shard it is. */
  readonly manifest: ShardManifest;
  /** A shard's tornado swings, with what each point of a swing replicate is. */
  readonly swings: { readonly points: readonly string[]; readonly replicates: readonly TornadoReplicate[] };
  /** A shard's band counts, and the records they cover. */
  readonly bandCounts: { readonly data: BandCountsData; readonly cover: BandCountsCover };
}

/** Sources whose files are rendered together, once a command has its results (a renderer may be async). */
export type SetSource = "run" | "sweep" | "backtest";
/** Sources rendered on the spot into a single file beside a sweep's records (synchronously). */
export type RecordSource = "log" | "manifest" | "swings" | "bandCounts";

/** A file fed each replicate's outcome in replicate order as a sweep's records are read (too large to hold whole). */
export interface ReplicateStream<C> {
  begin(): C;
  add(outcome: ReplicateOutcome): C;
  end(): C;
}

/** What renders a file, by source; `C` is string for a text file (encoded as UTF-8 once, when written) and bytes for a binary one. */
export type Renderers<C> = {
  /** Whole from a set's results; undefined: this file is not part of this result (bands.csv of a compare). */
  readonly [S in SetSource]?: (input: OutputSources[S]) => C | undefined | Promise<C | undefined>;
} & {
  readonly [S in RecordSource]?: (input: OutputSources[S]) => C;
} & {
  /** Piece by piece, replicate by replicate, from a sweep's records; undefined: not written for this plan (replicates.csv past a spreadsheet's rows). */
  readonly replicates?: (plan: SweepPlan) => ReplicateStream<C> | undefined;
  /** Frame by frame as replicates finish (records.bin: sweep/record-codec.ts frames, encoded by the workers). */
  readonly frames?: true;
  /** Line by line as a shard's swing replicates finish (one JSON line each: swing-file.ts). */
  readonly swingLines?: true;
  /** Line by line as replicates with an invalid draw take their place (one JSON line each: invalid-draw-file.ts). */
  readonly invalidLines?: true;
};

interface OutputFileCommon {
  /** The commands that write it. */
  readonly writtenBy: readonly WritingCommand[];
  /** final: an output, replaced whole by the next write; record: a sweep's working record, whose folder is never replaced. */
  readonly role: "final" | "record";
  /** How the closing lines name it: in "wrote ...", on its own "report: ..." line, or not at all. */
  readonly listed: "wrote" | "report" | "unlisted";
  /** Commands whose "wrote ..." line names it first (their headline file). */
  readonly listedFirstBy?: readonly WritingCommand[];
  /**
   * Its renderer hands work to another thread (a run report's charts): renderSet starts it
   * before the others, so that the thread works while they render here.
   */
  readonly startsFirst?: true;
}

/** One entry of the catalogue. */
export type OutputFile = (OutputFileCommon & { readonly encoding: "text"; readonly render: Renderers<string> }) | (OutputFileCommon & { readonly encoding: "binary"; readonly render: Renderers<Uint8Array> });

const SWEEPS_AND_MERGE = [...SWEEP_COMMANDS, "merge"] as const;

/** Every file chokepoint writes, in the order files are written and listed. */
export const OUTPUT_FILES = {
  "timeline.csv": { writtenBy: ["run"], encoding: "text", role: "final", listed: "wrote", render: { run: (r) => renderTimelineCsv(r.run.timeline) } },
  "replicates.csv": {
    writtenBy: SWEEPS_AND_MERGE,
    encoding: "text",
    role: "final",
    listed: "wrote",
    render: {
      replicates: (plan) => (writesReplicatesCsv(plan) ? { begin: () => replicatesCsvHeader(plan), add: (outcome) => replicatesCsvRows(plan, outcome), end: () => "" } : undefined),
    },
  },
  "replicates.parquet": { writtenBy: SWEEPS_AND_MERGE, encoding: "binary", role: "final", listed: "wrote", render: { replicates: (plan) => replicatesParquetStream(plan) } },
  "bands.csv": { writtenBy: ["sweep", "sensitivity", "merge"], encoding: "text", role: "final", listed: "wrote", render: { sweep: (s) => (s.statistics.bands === undefined ? undefined : renderBandsCsv(s.statistics.bands)) } },
  "compare.csv": { writtenBy: ["compare", "merge"], encoding: "text", role: "final", listed: "wrote", render: { sweep: (s) => (s.plan.kind === "compare" ? renderCompareCsv(s.statistics.differences) : undefined) } },
  "sensitivity.csv": {
    writtenBy: ["sweep", "sensitivity", "merge"],
    encoding: "text",
    role: "final",
    listed: "wrote",
    listedFirstBy: ["sensitivity"],
    render: { sweep: (s) => (s.sensitivity === undefined ? undefined : renderSensitivityCsv(s.plan, s.sensitivity)) },
  },
  "invalid-draws.csv": {
    writtenBy: SWEEPS_AND_MERGE,
    encoding: "text",
    role: "final",
    listed: "wrote",
    render: { sweep: (s) => (s.invalidDraws === undefined || s.invalidDraws.length === 0 ? undefined : renderInvalidDrawsCsv(s.invalidDraws)) },
  },
  "backtest.csv": { writtenBy: ["backtest"], encoding: "text", role: "final", listed: "wrote", render: { backtest: (b) => renderBacktestCsv(b.scores) } },
  "report.html": {
    writtenBy: ["run", ...SWEEPS_AND_MERGE, "backtest"],
    encoding: "text",
    role: "final",
    listed: "report",
    startsFirst: true,
    render: {
      run: (r) => renderRunReport(runReportInput(r.scenario, r.run, r.ranked, r.command, listedFiles("run"), r.whatIf), r.draw),
      sweep: (s) => renderSweepReport(s),
      backtest: (b) => renderBacktestReport(b),
    },
  },
  "summary.json": {
    writtenBy: ["run", ...SWEEPS_AND_MERGE],
    encoding: "text",
    role: "final",
    listed: "wrote",
    render: { run: (r) => renderSummaryJson(r.run.summary, r.whatIf), sweep: (s) => renderSweepSummaryJson(s.plan, s.statistics, s.invalidDraws?.length ?? 0) },
  },
  "trade.csv": { writtenBy: ["run"], encoding: "text", role: "final", listed: "wrote", render: { run: (r) => renderTradeCsv(r.run.trade) } },
  "licences.csv": { writtenBy: ["run"], encoding: "text", role: "final", listed: "wrote", render: { run: (r) => renderLicencesCsv(r.run.licences ?? [], r.scenario.spec) } },
  "run-log.json": { writtenBy: SWEEPS_AND_MERGE, encoding: "text", role: "final", listed: "wrote", render: { log: runLogText } },
  "shard.json": { writtenBy: SWEEP_COMMANDS, encoding: "text", role: "record", listed: "unlisted", render: { manifest: (manifest) => JSON.stringify(manifest, null, 2) + "\n" } },
  "records.bin": { writtenBy: SWEEP_COMMANDS, encoding: "binary", role: "record", listed: "unlisted", render: { frames: true } },
  "band-counts.bin": { writtenBy: SWEEP_COMMANDS, encoding: "binary", role: "record", listed: "unlisted", render: { bandCounts: ({ data, cover }) => bandCountsToBytes(data, cover) } },
  "invalid-draws.jsonl": { writtenBy: SWEEP_COMMANDS, encoding: "text", role: "record", listed: "unlisted", render: { invalidLines: true } },
  "tornado-progress.jsonl": { writtenBy: SWEEP_COMMANDS, encoding: "text", role: "record", listed: "unlisted", render: { swingLines: true } },
  "tornado.json": { writtenBy: SWEEP_COMMANDS, encoding: "text", role: "record", listed: "unlisted", render: { swings: (swings) => JSON.stringify({ points: swings.points, replicates: swings.replicates }) + "\n" } },
} as const satisfies Record<string, OutputFile>;

/** The name of a file chokepoint writes. */
export type OutputFileName = keyof typeof OUTPUT_FILES;

/** The catalogue's entries, in its order. */
const ENTRIES = Object.entries(OUTPUT_FILES) as [OutputFileName, OutputFile][];

/** The names of every file chokepoint writes: a folder holding only these may be replaced. */
export const OUTPUT_FILE_NAMES: ReadonlySet<string> = new Set(ENTRIES.map(([name]) => name));

/** The files of a sweep's working folder that hold its records: a folder holding any is never replaced. */
export const SWEEP_RECORD_FILE_NAMES: ReadonlySet<string> = new Set(ENTRIES.filter(([, file]) => file.role === "record").map(([name]) => name));

/** Whether `name` is a file chokepoint writes. */
export function isOutputFileName(name: string): name is OutputFileName {
  return OUTPUT_FILE_NAMES.has(name);
}

/** The files any of `commands` writes, in catalogue order. */
export function filesWrittenBy(commands: readonly WritingCommand[]): OutputFileName[] {
  return ENTRIES.filter(([, file]) => file.writtenBy.some((command) => commands.includes(command))).map(([name]) => name);
}

/** The files no command but `command` writes, in catalogue order. */
export function filesWrittenOnlyBy(command: WritingCommand): OutputFileName[] {
  return ENTRIES.filter(([, file]) => file.writtenBy.every((other) => other === command)).map(([name]) => name);
}

/** The files rendered from any of `sources` (or, with "replicates" and "frames", written piece by piece), in catalogue order. */
export function filesRenderedFrom(...sources: (keyof Renderers<string>)[]): OutputFileName[] {
  return ENTRIES.filter(([, file]) => sources.some((source) => file.render[source] !== undefined)).map(([name]) => name);
}

/** The one file a record source renders (shard.json from the manifest, records.bin from the frames...). */
export function recordFileName(source: RecordSource | "frames" | "swingLines" | "invalidLines"): OutputFileName {
  const names = filesRenderedFrom(source);
  if (names.length !== 1) throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error: the outputs catalogue renders ${names.length} files from ${source}, not one`);
  return names[0];
}

/** A file's content as written: text is encoded as UTF-8 here, once. */
export function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

/**
 * Renders every file of `source`'s set from `input` as bytes, in catalogue order (files that are
 * not part of this result are left out). Every renderer is started before any is awaited, those
 * that hand work to another thread (`startsFirst`) first, so that the other thread's work and
 * this one's overlap; the map is in catalogue order all the same.
 */
export async function renderSet<S extends SetSource>(source: S, input: OutputSources[S]): Promise<Map<OutputFileName, Uint8Array>> {
  const rendered = new Map<OutputFileName, string | Uint8Array | undefined | Promise<string | Uint8Array | undefined>>();
  const order = [...ENTRIES.filter(([, file]) => file.startsFirst === true), ...ENTRIES.filter(([, file]) => file.startsFirst !== true)];
  for (const [name, file] of order) {
    const render = file.render[source] as ((input: OutputSources[S]) => string | Uint8Array | undefined | Promise<string | Uint8Array | undefined>) | undefined;
    if (render === undefined) continue;
    let content: string | Uint8Array | undefined | Promise<string | Uint8Array | undefined>;
    try {
      content = render(input);
    } catch (error) {
      // Renderers started before this one may fail later, unawaited: not an unhandled rejection.
      for (const started of rendered.values()) if (started instanceof Promise) started.catch(() => undefined);
      throw error;
    }
    rendered.set(name, content);
  }
  const names = ENTRIES.map(([name]) => name).filter((name) => rendered.has(name));
  const contents = await Promise.all(names.map((name) => rendered.get(name)));
  const files = new Map<OutputFileName, Uint8Array>();
  for (const [i, name] of names.entries()) {
    const content = contents[i];
    if (content !== undefined) files.set(name, toBytes(content));
  }
  return files;
}

/** Renders the one file of a record source (shard.json, tornado.json, run-log.json): its name and bytes. */
export function renderRecord<S extends RecordSource>(source: S, input: OutputSources[S]): { name: OutputFileName; bytes: Uint8Array } {
  const name = recordFileName(source);
  const render = (OUTPUT_FILES[name] as OutputFile).render[source] as (input: OutputSources[S]) => string | Uint8Array;
  return { name, bytes: toBytes(render(input)) };
}

/** The files a sweep's records are streamed into for `plan`, each with its stream, in catalogue order. */
export function replicateStreams(plan: SweepPlan): { name: OutputFileName; stream: ReplicateStream<string | Uint8Array> }[] {
  return ENTRIES.flatMap(([name, file]) => {
    const open = file.render.replicates as ((plan: SweepPlan) => ReplicateStream<string | Uint8Array> | undefined) | undefined;
    const stream = open?.(plan);
    return stream === undefined ? [] : [{ name, stream }];
  });
}

/** The files `command`'s "wrote ..." line names when it writes them all, in catalogue order (the run's report lists them as the files beside it). */
export function listedFiles(command: WritingCommand): string[] {
  return ENTRIES.filter(([, file]) => file.listed === "wrote" && file.writtenBy.includes(command)).map(([name]) => name);
}

/**
 * The closing lines after `command` wrote `written` into `directory`: "wrote A, B, ..." (the
 * command's headline file first, the others in catalogue order) and "report: R".
 */
export function writtenLines(command: WritingCommand, directory: string, written: Iterable<OutputFileName>): string[] {
  const done = new Set(written);
  const listed = ENTRIES.filter(([name, file]) => done.has(name) && file.listed === "wrote");
  const first = listed.filter(([, file]) => (file.listedFirstBy ?? []).includes(command));
  const wrote = [...first, ...listed.filter((entry) => !first.includes(entry))].map(([name]) => path.join(directory, name));
  const reports = ENTRIES.filter(([name, file]) => done.has(name) && file.listed === "report").map(([name]) => `report: ${path.join(directory, name)}`);
  return [...(wrote.length > 0 ? [`wrote ${wrote.join(", ")}`] : []), ...reports];
}
