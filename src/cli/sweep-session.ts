/**
 * A sweep session: runs one shard of a sweep or compare plan on worker threads, its folder
 * locked throughout, appending each replicate's record in replicate order as soon as it and
 * those before it are done (so a kill loses only replicates in flight), then the shard's
 * tornado swings on the same workers (each swing replicate appended to tornado-progress.jsonl
 * as it finishes, so a kill loses only those in flight; written whole to tornado.json at the
 * end), with progress on stderr counted in runs (a swing replicate is one run per point); then,
 * for an unsharded sweep, writes the final outputs from its own records.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { RecordReader, recordFrame, recordShape, replicateAt, replicateCount, swingPointCount, SweepTally, type InvalidDraw, type RecordShape, type ReplicateOutcome, type SensitivityResult, type Shard, type SwingPoint, type SweepPlan, type SweepStatistics, type TornadoReplicate } from "../sweep/index.js";
import type { PortableScenario } from "../scenario/index.js";
import type { CliIo } from "./cli-io.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { InPlaceOutputs, writeRecordInPlace } from "./in-place-outputs.js";
import { InvalidDrawAppender } from "./invalid-draw-file.js";
import { recordFileName, type OutputFileName } from "./output-catalogue.js";
import { Progress } from "./progress.js";
import { RecordedBands, type BandParts } from "./recorded-bands.js";
import { removeBandCounts } from "./band-counts-file.js";
import type { RecordAppender } from "./record-file.js";
import { openSweepFolder, type OpenedSweepFolder } from "./sweep-folder.js";
import { writeSweepOutputs } from "./sweep-outputs.js";
import { readSwingProgress, readSwings, removeSwingProgress, SwingProgressAppender, swingReplicatesOf, writeSwings } from "./swing-file.js";
import { WorkerPool, type PoolStartup } from "./worker-pool.js";
import { isFileSystemError, writeFailure } from "./write-failure.js";

/** What a session is asked to do. */
export interface SessionRequest {
  readonly plan: SweepPlan;
  readonly shard: Shard;
  readonly shardFrom: string;
  /** Each alternative as loaded, as plain data: the workers rebuild it without loading its files again. */
  readonly scenarios: readonly PortableScenario[];
  readonly folder: string;
  readonly resume: boolean;
  readonly workers: number | undefined;
  readonly command: readonly string[];
}

/** What a session did. */
export interface SessionResult {
  readonly folder: string;
  readonly recorded: number;
  readonly resumed: number;
  /** The runs the folder's sweep had before this session (fewer than the plan's when it extended the sweep). */
  readonly runsBefore: number;
  /** The final statistics when the session wrote the final outputs (an unsharded sweep). */
  readonly statistics: SweepStatistics | undefined;
  /** Its sensitivity analysis (a sweep with uncertain inputs). */
  readonly sensitivity: SensitivityResult | undefined;
  /** The final outputs the session wrote: its run log, and an unsharded sweep's results. */
  readonly written: readonly OutputFileName[];
}

/** Runs the session: opens (and locks) the folder, runs the replicates and swings not yet done, writes the run log and, unsharded, the final outputs; then unlocks the folder. */
export async function runSession(request: SessionRequest, io: CliIo): Promise<SessionResult> {
  const { plan, shard } = request;
  const started = performance.now();
  // A stop rule needs the statistics as replicates arrive, in order; only an unsharded sweep can stop early.
  const tally = plan.until !== null && shard.count === 1 ? new SweepTally(plan) : undefined;
  // The bands of the records so far: their extremes (each new record keeps only the values that pass them) and counts.
  const bands = new RecordedBands(plan);
  const replay = {
    outcome: (outcome: ReplicateOutcome) => {
      bands.replay(outcome);
      tally?.add(outcome);
    },
    skipped: (replicate: number) => tally?.skip(replicate),
  };
  const opened = openSweepFolder(request.folder, plan, shard, request.resume, replay);
  try {
    return await runOpened(request, opened, tally, bands, started, io);
  } finally {
    opened.lock.release();
  }
}

async function runOpened(request: SessionRequest, opened: OpenedSweepFolder, tally: SweepTally | undefined, bands: RecordedBands, started: number, io: CliIo): Promise<SessionResult> {
  const { plan, shard } = request;
  const work = workToDo(request, opened);
  // Band counts cover the records they were counted from: gone before any record is added, written again after.
  removeBandCounts(opened.folder);
  const records = new InOrderRecords(shard, work.total, opened, tally, bands, recordShape(plan));
  const swingProgress = new SwingProgressAppender(opened.folder);
  const swings = new SwingResults(work.swingReplicates, work.points, (swing) => swingProgress.append(swing));
  const isInRuns = work.swingTasks.length > 0;
  const progress = new Progress(io, work.total + work.swingTasks.length, opened.recorded, progressLabel(plan, shard, work), isInRuns ? "runs" : "replicates");
  let startup: PoolStartup | undefined;
  try {
    startup = await runOnWorkers(request, work, records, swings, progress);
  } finally {
    opened.appender.close();
    records.close();
    swingProgress.close();
    progress.done(records.recorded + swings.pointsBack);
  }
  bands.write(opened.folder);
  if (work.needsSwingFile) writeSwings(opened.folder, plan, [...work.resumedSwings.values(), ...swings.all()]);
  const recorded = records.recorded;
  const resumed = opened.recorded;
  const log = {
    command: request.command,
    shard,
    shardFrom: request.shardFrom,
    workers: work.workers,
    replicatesRun: recorded - resumed,
    replicatesResumed: resumed,
    swingReplicatesRun: work.swingReplicates.length,
    swingReplicatesResumed: work.resumedSwings.size,
    tornBytesCut: opened.tornBytes,
    stoppedByRule: records.isStopped,
    seconds: (performance.now() - started) / 1000,
    // Start-up before the first replicate: from the process's start (module loading, loading the scenario) to the first worker ready, and the slowest worker's own.
    secondsToFirstReplicate: startup === undefined ? null : Number((startup.firstReadyAtMs / 1000).toFixed(3)),
    workerStartSeconds: startup === undefined ? null : Number((startup.slowestStartMs / 1000).toFixed(3)),
  };
  writeRecordInPlace(opened.folder, "log", log, "the shard's records are complete: free some space and run the same command with --resume");
  const done = { folder: opened.folder, recorded, resumed, runsBefore: opened.runsBefore };
  if (shard.count > 1) return { ...done, statistics: undefined, sensitivity: undefined, written: [recordFileName("log")] };
  const { statistics, sensitivity, written } = await writeFinalOutputs(opened.folder);
  return { ...done, statistics, sensitivity, written: [...written, recordFileName("log")] };
}

/** What is left to run in the shard, and on how many workers. */
interface Work {
  /** The shard's replicates (by position: replicateAt; never as a list, as a sweep of 10^8 replicates must not hold 10^8 numbers). */
  readonly total: number;
  /** The shard's tornado swing replicates still to run (none if its folder has them already). */
  readonly swingReplicates: readonly number[];
  /** Those a killed session finished (from the progress file), by replicate. */
  readonly resumedSwings: ReadonlyMap<number, TornadoReplicate>;
  /** Whether tornado.json is still to be written (the shard has swing replicates and no such file). */
  readonly needsSwingFile: boolean;
  /** Swing points per swing replicate. */
  readonly points: number;
  /** One task per swing point. */
  readonly swingTasks: readonly { readonly swing: number; readonly point: number }[];
  readonly workers: number;
}

function workToDo(request: SessionRequest, opened: OpenedSweepFolder): Work {
  const { plan, shard } = request;
  const total = replicateCount(shard, plan.runs);
  const finished = readSwings(opened.folder, plan, shard);
  // A session killed after writing tornado.json and before removing the progress file left it behind.
  if (finished !== undefined) removeSwingProgress(opened.folder);
  const resumedSwings = finished === undefined ? readSwingProgress(opened.folder, plan, shard) : new Map<number, TornadoReplicate>();
  const swingReplicates = finished === undefined ? swingReplicatesOf(plan, shard).filter((r) => !resumedSwings.has(r)) : [];
  const points = swingPointCount(plan);
  const swingTasks = swingReplicates.flatMap((swing) => Array.from({ length: points }, (_, point) => ({ swing, point })));
  const workers = Math.max(1, Math.min(request.workers ?? availableParallelism(), Math.max(1, total - opened.recorded + swingTasks.length)));
  return { total, swingReplicates, resumedSwings, needsSwingFile: finished === undefined, points, swingTasks, workers };
}

function progressLabel(plan: SweepPlan, shard: Shard, work: Work): string {
  const swingNote = work.swingTasks.length > 0 ? ` + ${work.swingTasks.length} tornado swing runs (${work.swingReplicates.length} replicates x ${work.points} points)` : "";
  return `${plan.kind} ${plan.scenario}${shard.count > 1 ? ` shard ${shard.index}/${shard.count}` : ""}${swingNote}`;
}

/** Runs the replicates not yet recorded (until a stop rule settles), then the swings, on the worker pool; says how its workers started (undefined: nothing to run). */
async function runOnWorkers(request: SessionRequest, work: Work, records: InOrderRecords, swings: SwingResults, progress: Progress): Promise<PoolStartup | undefined> {
  const { plan, shard } = request;
  if (!((work.total > records.recorded && !records.isStopped) || work.swingTasks.length > 0)) return undefined;
  let dispatched = records.recorded;
  let swingDispatched = 0;
  const next = () =>
    !records.isStopped && dispatched < work.total ? replicateAt(shard, dispatched++) : swingDispatched < work.swingTasks.length ? work.swingTasks[swingDispatched++] : undefined;
  const pool = new WorkerPool({ scenarios: request.scenarios, plan }, work.workers);
  await pool.run(next, {
    record: (replicate, parts) => {
      records.add(replicate, parts);
      progress.tick(records.recorded + swings.pointsBack);
    },
    invalid: (draw) => {
      records.add(draw.replicate, draw);
      progress.tick(records.recorded + swings.pointsBack);
    },
    swing: (replicate, point, result) => {
      swings.add(replicate, point, result);
      progress.tick(records.recorded + swings.pointsBack);
    },
  });
  return pool.startup();
}

/** A replicate back from a worker: its record body, and the base's band values and bins. */
interface RecordParts extends BandParts {
  readonly body: Uint8Array;
}

/**
 * The shard's records, appended in replicate order as the replicates arrive in any order (one
 * that arrives before those ahead of it waits until the gap closes), each framed with the band
 * values that are new extremes of the file (so in file order, here: RecordedBands, which counts
 * its bands too) and fed to a stop rule's tally when there is one. A replicate whose draw was invalid takes its place as a line of
 * invalid-draws.jsonl instead of a frame (written before any later frame).
 */
class InOrderRecords {
  /** Replicates recorded, resumed ones included. */
  recorded: number;
  /** Whether the stop rule has settled (no more replicates are needed). */
  isStopped: boolean;
  private readonly shard: Shard;
  private readonly total: number;
  private readonly appender: RecordAppender;
  private readonly tally: SweepTally | undefined;
  private readonly reader: RecordReader | undefined;
  private readonly waiting = new Map<number, RecordParts | InvalidDraw>();
  private readonly invalid: InvalidDrawAppender;
  private readonly bands: RecordedBands;

  constructor(shard: Shard, total: number, opened: OpenedSweepFolder, tally: SweepTally | undefined, bands: RecordedBands, shape: RecordShape) {
    this.shard = shard;
    this.bands = bands;
    this.total = total;
    this.appender = opened.appender;
    this.tally = tally;
    this.reader = tally === undefined ? undefined : new RecordReader(shape);
    this.recorded = opened.recorded;
    this.isStopped = tally?.isStopped ?? false;
    this.invalid = new InvalidDrawAppender(opened.folder);
  }

  /** Closes the invalid draws' file. */
  close(): void {
    this.invalid.close();
  }

  /** Takes replicate `replicate`'s record parts (or invalid draw); appends its record and any that waited for it. */
  add(replicate: number, result: RecordParts | InvalidDraw): void {
    this.waiting.set(replicate, result);
    while (!this.isStopped && this.recorded < this.total && this.waiting.has(replicateAt(this.shard, this.recorded))) {
      const next = replicateAt(this.shard, this.recorded);
      const ready = this.waiting.get(next) as RecordParts | InvalidDraw;
      this.waiting.delete(next);
      if (!("body" in ready)) {
        this.invalid.append(ready);
        this.recorded++;
        if (this.tally?.skip(next) === true && this.tally.isStopped) this.isStopped = true;
        continue;
      }
      const frame = recordFrame(ready.body, this.bands.frame(ready));
      this.appender.append(frame);
      this.recorded++;
      if (this.tally !== undefined && this.reader !== undefined) {
        this.reader.push(frame);
        const outcome = this.reader.next();
        if (outcome !== undefined) this.tally.add(outcome);
        if (this.tally.isStopped) this.isStopped = true;
      }
    }
  }
}

/** The swing points by swing replicate, as they arrive; a swing replicate with all its points back goes to `onComplete`. */
class SwingResults {
  /** Swing points (runs) back. */
  pointsBack = 0;
  private readonly replicates: readonly number[];
  private readonly points: Map<number, (SwingPoint | undefined)[]>;
  private readonly onComplete: (swing: TornadoReplicate) => void;

  constructor(replicates: readonly number[], points: number, onComplete: (swing: TornadoReplicate) => void) {
    this.replicates = replicates;
    this.points = new Map(replicates.map((r) => [r, Array.from({ length: points }, () => undefined)]));
    this.onComplete = onComplete;
  }

  add(replicate: number, point: number, result: SwingPoint): void {
    const got = this.points.get(replicate) as (SwingPoint | undefined)[];
    got[point] = result;
    this.pointsBack++;
    if (got.every((p) => p !== undefined)) this.onComplete({ replicate, points: got as SwingPoint[] });
  }

  /** Every swing replicate with its points (all back). */
  all(): { replicate: number; points: SwingPoint[] }[] {
    return this.replicates.map((replicate) => ({ replicate, points: this.points.get(replicate) as SwingPoint[] }));
  }
}

/** An unsharded sweep's final outputs, from its own records, written in place beside them. */
async function writeFinalOutputs(folder: string): Promise<{ statistics: SweepStatistics; sensitivity: SensitivityResult | undefined; written: OutputFileName[] }> {
  const sink = new InPlaceOutputs(folder);
  try {
    return await writeSweepOutputs([folder], sink);
  } catch (error) {
    sink.discard();
    if (error instanceof CliExit) throw error;
    // Every write names its file; a file-system call that fails unforeseen still exits 2, never with a stack.
    if (isFileSystemError(error)) throw writeFailure(error.path ?? folder, error, "the sweep's records are complete: fix the cause and run the same command with --resume");
    throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error writing the outputs of ${path.basename(folder)}: ${(error as Error).stack ?? String(error)}`);
  }
}
