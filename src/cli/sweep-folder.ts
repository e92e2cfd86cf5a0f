/**
 * SweepFolder: a shard's working folder: its manifest, its append-only records, its run log
 * and (for an unsharded sweep) the final outputs. Opening one checks it before any replicate
 * runs: it must be new, empty, or hold this very shard of this very sweep (then only with
 * --resume, which keeps every whole record and cuts a torn last one); never a folder of the
 * user's own, another sweep's, or one holding the outputs of a run or a merge (a sweep adds
 * its files to the folder, so theirs would stay beside them).
 */
import { existsSync, lstatSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { replicateCount, samePlan, type ReplicateOutcome, type Shard, type SweepPlan } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { temporaryOwner } from "./atomic-file.js";
import { filesWrittenBy, filesWrittenOnlyBy, isOutputFileName, SWEEP_COMMANDS } from "./output-catalogue.js";
import { checkReplaceable, makeFolders, refuse } from "./output-folder.js";
import { cutTornTail, damagedRecords, MANIFEST_FILE, readManifest, readRecords, RECORDS_FILE, RecordAppender, writeManifest } from "./record-file.js";

/** The files a sweep's folder may hold: its records and its own outputs. */
const SWEEP_FOLDER_FILE_NAMES: ReadonlySet<string> = new Set(filesWrittenBy(SWEEP_COMMANDS));
/** Files only `run` writes. */
const RUN_FILE_NAMES: ReadonlySet<string> = new Set(filesWrittenOnlyBy("run"));

/** An opened shard folder. */
export interface OpenedSweepFolder {
  readonly folder: string;
  /** Replicates already recorded (resumed), in order. */
  readonly recorded: number;
  /** Bytes cut off a torn last record. */
  readonly tornBytes: number;
  readonly appender: RecordAppender;
}

/**
 * Opens `folder` for shard `shard` of `plan`; with `resume`, replays the recorded outcomes
 * into `replay` (in order) before returning.
 */
export function openSweepFolder(folder: string, plan: SweepPlan, shard: Shard, resume: boolean, replay: (outcome: ReplicateOutcome) => void): OpenedSweepFolder {
  const target = path.resolve(folder);
  makeFolders(path.dirname(target), folder);
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
  if (existsSync(manifestFile)) {
    const existing = readManifest(target);
    const difference = samePlan(existing.plan, plan) ?? (existing.shard.index !== shard.index || existing.shard.count !== shard.count ? `it is shard ${existing.shard.index}/${existing.shard.count}, this is ${shard.index}/${shard.count}` : undefined);
    if (difference !== undefined) throw refuse(folder, `it holds the records of another sweep (${difference}); name another folder`);
    if (!resume) throw refuse(folder, "it already holds this sweep's records; add --resume to finish it, or name another folder");
    let goodBytes = 0;
    const expected = (i: number) => shard.index + i * shard.count;
    const count = replicateCount(shard, plan.runs);
    for (const outcome of readRecords(recordsFile, plan, (good, torn) => {
      goodBytes = good;
      tornBytes = torn;
    })) {
      if (recorded >= count) throw damagedRecords(recordsFile, outcome.replicate, undefined, expected(count - 1));
      if (outcome.replicate !== expected(recorded)) throw damagedRecords(recordsFile, outcome.replicate, expected(recorded));
      replay(outcome);
      recorded++;
    }
    if (tornBytes > 0) cutTornTail(recordsFile, goodBytes);
  } else {
    if (existsSync(recordsFile)) throw refuse(folder, `it has ${RECORDS_FILE} but no ${MANIFEST_FILE}: the records cannot be trusted; name another folder`);
    writeManifest(target, { plan, shard });
  }
  return { folder: target, recorded, tornBytes, appender: new RecordAppender(recordsFile) };
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
