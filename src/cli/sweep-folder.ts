/**
 * SweepFolder: a shard's working folder: its manifest, its append-only records, its run log
 * and (for an unsharded sweep) the final outputs. Opening one locks it (folder-lock.ts: a
 * second process is refused at once) and checks it before any replicate runs: it must be new,
 * empty, or hold this very shard of this very sweep (then only with --resume, which keeps
 * every whole record and cuts a torn last one, and may extend a Monte Carlo sweep to more
 * runs); never a folder of the user's own, another sweep's, or one holding the outputs of a
 * run or a merge (a sweep adds its files to the folder, so theirs would stay beside them).
 */
import { existsSync, lstatSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { continuationOf, replicateCount, type ReplicateOutcome, type Shard, type SweepPlan } from "../sweep/index.js";
import { temporaryOwner } from "./atomic-file.js";
import { FolderLock } from "./folder-lock.js";
import { filesRenderedFrom, filesWrittenBy, filesWrittenOnlyBy, isOutputFileName, SWEEP_COMMANDS } from "./output-catalogue.js";
import { checkReplaceable, makeFolders, refuse } from "./output-folder.js";
import { cutTornTail, damagedRecords, MANIFEST_FILE, readManifest, readRecords, RECORDS_FILE, RecordAppender, writeManifest } from "./record-file.js";
import { readInvalidDraws } from "./invalid-draw-file.js";
import { SWING_FILE, SWING_PROGRESS_FILE } from "./swing-file.js";
import { writing } from "./write-failure.js";

/** The files a sweep's folder may hold: its records and its own outputs. */
const SWEEP_FOLDER_FILE_NAMES: ReadonlySet<string> = new Set(filesWrittenBy(SWEEP_COMMANDS));
/** Files only `run` writes. */
const RUN_FILE_NAMES: ReadonlySet<string> = new Set(filesWrittenOnlyBy("run"));
/** A sweep's final outputs written beside its records, summary.json last. */
const FINAL_OUTPUT_NAMES = filesRenderedFrom("replicates", "sweep");

/** What --resume replays, in replicate order: each recorded outcome, and each replicate skipped for an invalid draw. */
export interface Replay {
  outcome(outcome: ReplicateOutcome): void;
  skipped(replicate: number): void;
}

/** An opened shard folder, locked until `lock` is released. */
export interface OpenedSweepFolder {
  readonly folder: string;
  /** Replicates already recorded (resumed), in order: outcomes in records.bin and invalid draws in invalid-draws.jsonl. */
  readonly recorded: number;
  /** Bytes cut off a torn last record. */
  readonly tornBytes: number;
  /** The runs the folder's sweep had before this session extended it (its plan's runs when not extended). */
  readonly runsBefore: number;
  readonly appender: RecordAppender;
  readonly lock: FolderLock;
}

/**
 * Opens `folder` for shard `shard` of `plan`; with `resume`, replays the recorded outcomes
 * into `replay` (in order) before returning, and extends a recorded sweep of fewer runs to
 * `plan`'s. The folder stays locked until the returned lock is released.
 */
export function openSweepFolder(folder: string, plan: SweepPlan, shard: Shard, resume: boolean, replay: Replay): OpenedSweepFolder {
  const target = path.resolve(folder);
  makeFolders(path.dirname(target), folder);
  const lock = FolderLock.acquire(target, `${plan.kind} writing its records`, (why) => refuse(folder, why));
  try {
    return { ...openLocked(folder, target, plan, shard, resume, replay), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function openLocked(folder: string, target: string, plan: SweepPlan, shard: Shard, resume: boolean, replay: Replay): Omit<OpenedSweepFolder, "lock"> {
  removeDeadTemporaries(target);
  const held = checkReplaceable(target, folder);
  const manifestFile = path.join(target, MANIFEST_FILE);
  const recordsFile = path.join(target, RECORDS_FILE);
  // A sweep adds to its folder rather than replacing it: files of another command would stay beside its own.
  const strangers = held.includes(MANIFEST_FILE) ? held.filter((entry) => !SWEEP_FOLDER_FILE_NAMES.has(entry)) : held.filter((entry) => entry !== RECORDS_FILE);
  if (strangers.length > 0) {
    const what = strangers.some((entry) => RUN_FILE_NAMES.has(entry)) ? "the outputs of a run" : "the outputs of a merge or of another command";
    throw refuse(folder, `it holds ${what} (${strangers.join(", ")}): a sweep would leave them beside its own files, mixing the two; name a new or empty folder`);
  }
  makeFolders(target, folder);
  let recorded = 0;
  let tornBytes = 0;
  if (!existsSync(manifestFile)) {
    if (existsSync(recordsFile)) throw refuse(folder, `it has ${RECORDS_FILE} but no ${MANIFEST_FILE}: the records cannot be trusted; name another folder`);
    writeManifest(target, { plan, shard });
    return { folder: target, recorded, tornBytes, runsBefore: plan.runs, appender: new RecordAppender(recordsFile) };
  }
  const existing = readManifest(target);
  if (existing.shard.index !== shard.index || existing.shard.count !== shard.count) {
    throw refuse(folder, `it holds the records of another sweep (it is shard ${existing.shard.index}/${existing.shard.count}, this is ${shard.index}/${shard.count}); name another folder`);
  }
  const continuation = continuationOf(existing.plan, plan);
  if (continuation.kind === "another") throw refuse(folder, `it holds the records of another sweep (${continuation.why}); name another folder`);
  if (continuation.kind === "refused") throw refuse(folder, continuation.why);
  if (!resume) {
    throw refuse(folder, continuation.kind === "extend" ? `it holds this sweep's records for ${existing.plan.runs} runs; add --resume to extend it to ${plan.runs}, or name another folder` : "it already holds this sweep's records; add --resume to finish it, or name another folder");
  }
  // The records are checked against the runs they were made for; an extension only adds replicates after them.
  let goodBytes = 0;
  const expected = (i: number) => shard.index + i * shard.count;
  const count = replicateCount(shard, existing.plan.runs);
  // Replicates skipped for an invalid draw hold their places in replicate order without a frame.
  const invalid = new Set(readInvalidDraws(target, shard, true).map((d) => d.replicate));
  const skipInvalid = () => {
    while (recorded < count && invalid.delete(expected(recorded))) replay.skipped(expected(recorded++));
  };
  for (const outcome of readRecords(recordsFile, plan, (good, torn) => {
    goodBytes = good;
    tornBytes = torn;
  })) {
    skipInvalid();
    if (recorded >= count) throw damagedRecords(recordsFile, outcome.replicate, undefined, expected(count - 1));
    if (outcome.replicate !== expected(recorded)) throw damagedRecords(recordsFile, outcome.replicate, expected(recorded));
    replay.outcome(outcome);
    recorded++;
  }
  skipInvalid();
  if (invalid.size > 0) throw refuse(folder, `its invalid draws name replicate ${Math.min(...invalid)}, which is not next after the records: the records are damaged; start the shard again in a new folder`);
  if (tornBytes > 0) cutTornTail(recordsFile, goodBytes);
  if (continuation.kind === "extend") extend(target, existing.plan, plan, shard);
  return { folder: target, recorded, tornBytes, runsBefore: existing.plan.runs, appender: new RecordAppender(recordsFile) };
}

/**
 * Makes the folder's sweep one of `plan.runs` runs: its final outputs (of the smaller sweep) go,
 * summary.json first, so that no file of the old size is left beside the new; the tornado
 * swings go when the larger sweep runs more of them (they are run again, all of them); then the
 * manifest says the new size. A kill anywhere in between leaves an unfinished sweep of the old
 * or the new size, which --resume with the new --runs finishes.
 */
function extend(folder: string, before: SweepPlan, plan: SweepPlan, shard: Shard): void {
  const then = "the records are intact: fix the cause and run the same command again";
  for (const name of [...FINAL_OUTPUT_NAMES].reverse()) {
    const file = path.join(folder, name);
    writing(file, then, () => rmSync(file, { force: true }));
  }
  if (plan.swingRuns !== before.swingRuns) {
    for (const name of [SWING_FILE, SWING_PROGRESS_FILE]) {
      const file = path.join(folder, name);
      writing(file, then, () => rmSync(file, { force: true }));
    }
  }
  writeManifest(folder, { plan, shard });
}

/**
 * Removes temporary files (`.NAME.PID.tmp`, NAME a file of the outputs catalogue) that a killed
 * write of a process no longer running left in `folder`; any other file is left to the folder check.
 */
function removeDeadTemporaries(folder: string): void {
  let entries: string[];
  try {
    if (!lstatSync(folder).isDirectory()) return;
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    const owner = temporaryOwner(entry);
    if (owner === undefined || !isOutputFileName(owner.name) || isRunning(owner.pid)) continue;
    rmSync(path.join(folder, entry), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
