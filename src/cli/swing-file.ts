/**
 * tornado.json: a shard folder's tornado swings (sweep/tornado.ts), one entry per swing
 * replicate of the shard, written once the shard's records are done, atomically (a temporary
 * file renamed into place), so a folder holds all of its shard's swings or none. A shard
 * with no swing replicates (swing runs fewer than shards) has nothing to write and needs no
 * file. JSON keeps every double exactly, so a merge computes the same tornado as one process.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { replicatesOf, type Shard, type SweepPlan, type TornadoReplicate } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { writeRecordInPlace } from "./in-place-outputs.js";
import { recordFileName } from "./output-catalogue.js";
import { reason } from "./write-failure.js";

/** The file's name in a shard folder (tornado.json). */
export const SWING_FILE = recordFileName("swings");

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
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliExit(ExitCode.BAD_INPUT, `cannot read ${file}: ${reason(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw damaged("not valid JSON");
  }
  const replicates = (document as { replicates?: unknown }).replicates;
  if (!Array.isArray(replicates)) throw damaged("no replicates list");
  const expected = swingReplicatesOf(plan, shard);
  const points = 1 + 2 * plan.alternatives[0].inputs.length;
  if (replicates.length !== expected.length) throw damaged(`${replicates.length} swing replicates where the shard has ${expected.length}`);
  replicates.forEach((r: TornadoReplicate, i) => {
    if (r.replicate !== expected[i] || !Array.isArray(r.points) || r.points.length !== points) throw damaged(`entry ${i} is not swing replicate ${expected[i]} with ${points} points`);
  });
  return replicates as TornadoReplicate[];
}

/** Writes the folder's swings atomically. */
export function writeSwings(folder: string, swings: readonly TornadoReplicate[]): void {
  writeRecordInPlace(
    folder,
    "swings",
    swings,
    "the shard's records are complete: free some space and run the same command with --resume (it runs the tornado swings again)",
  );
}
