/**
 * A sweep session: runs one shard of a sweep or compare plan on worker threads, appending each
 * replicate's record in replicate order as soon as it and those before it are done (so a kill
 * loses only replicates in flight), then the shard's tornado swings on the same workers
 * (written whole to tornado.json at the end), with progress on stderr; then, for an unsharded
 * sweep, writes the final outputs from its own records.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { RecordReader, recordShape, replicateAt, replicateCount, swingPointCount, SweepTally, type SensitivityResult, type Shard, type SwingPoint, type SweepPlan, type SweepStatistics } from "../sweep/index.js";
import type { CliIo } from "./cli-io.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { Progress } from "./progress.js";
import { writeRunLog } from "./run-log.js";
import { openSweepFolder } from "./sweep-folder.js";
import { readSwings, swingReplicatesOf, writeSwings } from "./swing-file.js";
import { InPlaceOutputs, writeSweepOutputs } from "./sweep-outputs.js";
import { WorkerPool } from "./worker-pool.js";
import { isFileSystemError, writeFailure } from "./write-failure.js";

/** What a session is asked to do. */
export interface SessionRequest {
  readonly plan: SweepPlan;
  readonly shard: Shard;
  readonly shardFrom: string;
  /** The files and overlays each alternative is loaded from (workers load them again). */
  readonly sources: readonly { readonly file: string; readonly sets: readonly string[] }[];
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
  /** The final statistics when the session wrote the final outputs (an unsharded sweep). */
  readonly statistics: SweepStatistics | undefined;
  /** Its sensitivity analysis (a sweep with uncertain inputs). */
  readonly sensitivity: SensitivityResult | undefined;
}

/** Runs the session. */
export async function runSession(request: SessionRequest, io: CliIo): Promise<SessionResult> {
  const { plan, shard } = request;
  const started = performance.now();
  // A stop rule needs the statistics as replicates arrive, in order; only an unsharded sweep can stop early.
  const tally = plan.until !== null && shard.count === 1 ? new SweepTally(plan) : undefined;
  const opened = openSweepFolder(request.folder, plan, shard, request.resume, (outcome) => tally?.add(outcome));
  const resumed = opened.recorded;
  // The shard's replicates by position (replicateAt), never as a list: a sweep of 10^8 replicates must not hold 10^8 numbers.
  const total = replicateCount(shard, plan.runs);
  // The shard's tornado swings, one task per point, unless its folder has them already.
  const swingReplicates = readSwings(opened.folder, plan, shard) === undefined ? swingReplicatesOf(plan, shard) : [];
  const points = swingPointCount(plan);
  const swingTasks = swingReplicates.flatMap((swing) => Array.from({ length: points }, (_, point) => ({ swing, point })));
  const workers = Math.max(1, Math.min(request.workers ?? availableParallelism(), Math.max(1, total - resumed + swingTasks.length)));
  const swingNote = swingReplicates.length > 0 ? ` + ${swingReplicates.length} tornado swing replicates` : "";
  const progress = new Progress(io, total + swingReplicates.length, resumed, `${plan.kind} ${plan.scenario}${shard.count > 1 ? ` shard ${shard.index}/${shard.count}` : ""}${swingNote}`);
  const reader = tally === undefined ? undefined : new RecordReader(recordShape(plan));
  let dispatched = resumed;
  let recorded = resumed;
  // Frames that arrived before those ahead of them: appended once the gap closes.
  const waiting = new Map<number, Uint8Array>();
  let stopped = tally?.isStopped ?? false;
  const appendInOrder = () => {
    while (!stopped && recorded < total && waiting.has(replicateAt(shard, recorded))) {
      const replicate = replicateAt(shard, recorded);
      const frame = waiting.get(replicate) as Uint8Array;
      waiting.delete(replicate);
      opened.appender.append(frame);
      recorded++;
      if (tally !== undefined && reader !== undefined) {
        reader.push(frame);
        const outcome = reader.next();
        if (outcome !== undefined) tally.add(outcome);
        if (tally.isStopped) stopped = true;
      }
    }
  };
  // Swing points by replicate, and how many replicates have all their points back.
  const swings = new Map<number, (SwingPoint | undefined)[]>(swingReplicates.map((r) => [r, Array.from({ length: points }, () => undefined)]));
  let swung = 0;
  let swingDispatched = 0;
  try {
    if ((total > resumed && !stopped) || swingTasks.length > 0) {
      const pool = new WorkerPool({ sources: request.sources, plan }, workers);
      await pool.run(
        // Replicates first (until a stop rule settles), then the swings.
        () => (!stopped && dispatched < total ? replicateAt(shard, dispatched++) : swingDispatched < swingTasks.length ? swingTasks[swingDispatched++] : undefined),
        {
          record: (replicate, frame) => {
            waiting.set(replicate, frame);
            appendInOrder();
            progress.tick(recorded + swung);
          },
          swing: (replicate, point, result) => {
            const got = swings.get(replicate) as (SwingPoint | undefined)[];
            got[point] = result;
            if (got.every((p) => p !== undefined)) swung++;
            progress.tick(recorded + swung);
          },
        },
      );
    }
  } finally {
    opened.appender.close();
    progress.done(recorded + swung);
  }
  if (swingReplicates.length > 0) writeSwings(opened.folder, swingReplicates.map((replicate) => ({ replicate, points: swings.get(replicate) as SwingPoint[] })));
  const seconds = (performance.now() - started) / 1000;
  writeRunLog(opened.folder, {
    command: request.command,
    shard,
    shardFrom: request.shardFrom,
    workers,
    replicatesRun: recorded - resumed,
    replicatesResumed: resumed,
    tornBytesCut: opened.tornBytes,
    stoppedByRule: stopped,
    seconds,
  });
  if (shard.count > 1) return { folder: opened.folder, recorded, resumed, statistics: undefined, sensitivity: undefined };
  const sink = new InPlaceOutputs(opened.folder);
  try {
    const { statistics, sensitivity } = await writeSweepOutputs([opened.folder], sink);
    return { folder: opened.folder, recorded, resumed, statistics, sensitivity };
  } catch (error) {
    sink.discard();
    if (error instanceof CliExit) throw error;
    // Every write names its file; a file-system call that fails unforeseen still exits 2, never with a stack.
    if (isFileSystemError(error)) throw writeFailure(error.path ?? opened.folder, error, "the sweep's records are complete: fix the cause and run the same command with --resume");
    throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error writing the outputs of ${path.basename(opened.folder)}: ${(error as Error).stack ?? String(error)}`);
  }
}
