/**
 * A shard folder's tornado swings (sweep/tornado.ts). While they run, each swing replicate is
 * appended as one JSON line to tornado-progress.jsonl the moment all its points are back, so a
 * kill loses only the swing replicates in flight: --resume reads the finished ones (cutting a
 * torn last line) and runs the rest. Once all are done, tornado.json is written whole,
 * atomically (a temporary file renamed into place), with the shard's swing replicates in order
 * and what each point is ("every input at its median", "X at its 10th percentile",
 * "events.e.happens: does not happen"), and the progress file goes; a folder with tornado.json
 * holds all of its shard's swings. A shard with no swing replicates (swing runs fewer than
 * shards) has nothing to write and needs no file. JSON keeps every double exactly, so a merge
 * computes the same tornado as one process.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, truncateSync } from "node:fs";
import path from "node:path";
import { replicatesOf, swingPointCount, swingPointLabel, type Shard, type SweepPlan, type TornadoReplicate } from "../sweep/index.js";
import { writeAll } from "./atomic-file.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { writeRecordInPlace } from "./in-place-outputs.js";
import { recordFileName } from "./output-catalogue.js";
import { reason, writing } from "./write-failure.js";

/** The file's name in a shard folder (tornado.json). */
export const SWING_FILE = recordFileName("swings");
/** The swing replicates finished so far, while the shard's swings run (tornado-progress.jsonl). */
export const SWING_PROGRESS_FILE = recordFileName("swingLines");

/** The swing replicates shard `shard` runs. */
export function swingReplicatesOf(plan: SweepPlan, shard: Shard): number[] {
  return [...replicatesOf(shard, plan.swingRuns)];
}

/**
 * The folder's swings: an empty list for a shard that has no swing replicates (it needs no
 * file), undefined when the shard has some and they are not written yet. Throws CliExit (bad
 * input) when the file is damaged or is not the shard's.
 */
export function readSwings(folder: string, plan: SweepPlan, shard: Shard): TornadoReplicate[] | undefined {
  const file = path.join(folder, SWING_FILE);
  if (!existsSync(file)) return swingReplicatesOf(plan, shard).length === 0 ? [] : undefined;
  const damaged = (why: string) => new CliExit(ExitCode.BAD_INPUT, `${file}: ${why}; delete it and resume the shard (--resume) to run its swings again`);
  let document: unknown;
  try {
    document = JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw damaged("not valid JSON");
  }
  const replicates = (document as { replicates?: unknown }).replicates;
  if (!Array.isArray(replicates)) throw damaged("no replicates list");
  const expected = swingReplicatesOf(plan, shard);
  const points = swingPointCount(plan);
  if (replicates.length !== expected.length) throw damaged(`${replicates.length} swing replicates where the shard has ${expected.length}`);
  replicates.forEach((r: TornadoReplicate, i) => {
    if (!isSwingReplicate(r, points) || r.replicate !== expected[i]) throw damaged(`entry ${i} is not swing replicate ${expected[i]} with ${points} points`);
  });
  return replicates as TornadoReplicate[];
}

/** Writes the folder's swings atomically (in the shard's order, whatever order they finished in), then removes the progress file. */
export function writeSwings(folder: string, plan: SweepPlan, swings: readonly TornadoReplicate[]): void {
  const points = Array.from({ length: swingPointCount(plan) }, (_, p) => swingPointLabel(plan, p));
  writeRecordInPlace(
    folder,
    "swings",
    { points, replicates: [...swings].sort((a, b) => a.replicate - b.replicate) },
    "the shard's records are complete: free some space and run the same command with --resume (it runs the tornado swings again)",
  );
  removeSwingProgress(folder);
}

/** Removes the progress file (its swings are in tornado.json, or are to be run again). */
export function removeSwingProgress(folder: string): void {
  const file = path.join(folder, SWING_PROGRESS_FILE);
  writing(file, "the shard's swings are complete in tornado.json: remove the file by hand", () => rmSync(file, { force: true }));
}

/**
 * The swing replicates the progress file holds, by replicate (none when there is no file); a
 * torn last line (a killed write) is cut off. Throws CliExit (bad input) for a line that is not
 * one of the shard's swing replicates.
 */
export function readSwingProgress(folder: string, plan: SweepPlan, shard: Shard): Map<number, TornadoReplicate> {
  const file = path.join(folder, SWING_PROGRESS_FILE);
  const done = new Map<number, TornadoReplicate>();
  if (!existsSync(file)) return done;
  const text = readText(file);
  const expected = new Set(swingReplicatesOf(plan, shard));
  const points = swingPointCount(plan);
  const lines = text.split("\n");
  // The part after the last newline is a line a kill cut short (or nothing).
  const torn = lines.pop() as string;
  lines.forEach((line, i) => {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = undefined;
    }
    if (!isSwingReplicate(entry, points) || !expected.has(entry.replicate)) {
      throw new CliExit(ExitCode.BAD_INPUT, `${file}: line ${i + 1} is not one of the shard's swing replicates with ${points} points; delete the file and resume the shard (--resume) to run its swings again`);
    }
    done.set(entry.replicate, entry);
  });
  if (torn.length > 0) {
    const good = Buffer.byteLength(text, "utf8") - Buffer.byteLength(torn, "utf8");
    writing(file, "its finished swings are as they were: fix the cause and run the same command with --resume", () => truncateSync(file, good));
  }
  return done;
}

/** Appends finished swing replicates to the progress file, each line whole and flushed. */
export class SwingProgressAppender {
  private readonly file: string;
  private fd: number | undefined;

  constructor(folder: string) {
    this.file = path.join(folder, SWING_PROGRESS_FILE);
  }

  /** Appends swing replicate `swing` (all its points back). */
  append(swing: TornadoReplicate): void {
    writing(this.file, KEPT, () => {
      this.fd ??= openSync(this.file, "a");
      writeAll(this.fd, Buffer.from(JSON.stringify(swing) + "\n", "utf8"));
      // A swing replicate is many runs' work: flushed at once, so a lost machine loses none that finished.
      fsyncSync(this.fd);
    });
  }

  /** Closes the file (if it was opened). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

const KEPT = "the swing replicates finished before it are kept: free some space and run the same command with --resume";

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CliExit(ExitCode.BAD_INPUT, `cannot read ${file}: ${reason(error)}`);
  }
}

function isSwingReplicate(entry: unknown, points: number): entry is TornadoReplicate {
  const r = entry as TornadoReplicate | undefined;
  return typeof r === "object" && r !== null && Number.isSafeInteger(r.replicate) && Array.isArray(r.points) && r.points.length === points;
}
