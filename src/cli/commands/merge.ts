/**
 * `chokepoint merge DIR... [--out DIR]`: the final outputs of a sharded sweep or compare, from
 * its shard folders: every shard of one sweep (same scenario hashes, seed, design, runs,
 * version), every replicate exactly once, the same bytes as an unsharded run. The output
 * folder is written all or nothing; the shard folders and the output folder are locked while
 * the merge runs (a sweep writing a shard, or another merge, is refused, and refuses it).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { outputName } from "../default-folder.js";
import { lineWriter, type CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { FolderLock, lockRefusal } from "../folder-lock.js";
import { OutputFolder } from "../output-folder.js";
import { checkShards, writeSweepOutputs } from "../sweep-outputs.js";
import { printSummary } from "./sweep.js";

/** Merges shard folders. Returns the exit code. */
export async function mergeCommand(folders: readonly string[], options: { out?: string; quiet?: boolean }, io: CliIo): Promise<number> {
  const out = lineWriter(io.stdout);
  // The shards are locked while they are read: none may be written (resumed, extended) under the merge.
  const locks = lockShards(folders);
  try {
    const { plan } = checkShards(folders);
    // The folder the unsharded sweep would have written (a what-if's name carries its overrides' hash).
    const directory = options.out ?? path.join("out", `${outputName(plan.scenario, plan.about.overrides)}-${plan.kind}`);
    const resolved = path.resolve(directory);
    if (folders.some((f) => path.resolve(f) === resolved)) {
      return refuseSelf(directory, io);
    }
    const folder = OutputFolder.prepare(directory);
    const started = performance.now();
    try {
      const log = () => ({ command: ["chokepoint", "merge", ...folders], shards: folders.length, seconds: (performance.now() - started) / 1000 });
      const { statistics, written } = await writeSweepOutputs(folders, folder, log);
      if (!options.quiet) printSummary(plan, statistics, "merge", directory, written, out);
      return ExitCode.OK;
    } finally {
      folder.discard();
    }
  } finally {
    for (const lock of locks) lock.release();
  }
}

/** Locks each shard folder there is (once, however often it is named; a missing one is left to the shard checks, a read-only one is read as it is). */
function lockShards(folders: readonly string[]): FolderLock[] {
  const locks: FolderLock[] = [];
  const seen = new Set<string>();
  try {
    for (const folder of folders) {
      const resolved = path.resolve(folder);
      if (seen.has(resolved) || !existsSync(resolved)) continue;
      seen.add(resolved);
      // A shard folder this process cannot write beside (a read-only archive) is read unlocked: nobody can be writing it from here.
      const lock = FolderLock.acquire(resolved, "merge reading its records", lockRefusal(`cannot merge ${folder}`), { unlessReadOnly: true });
      if (lock !== undefined) locks.push(lock);
    }
    return locks;
  } catch (error) {
    for (const lock of locks) lock.release();
    throw error;
  }
}

function refuseSelf(directory: string, io: CliIo): number {
  io.stderr(`cannot write outputs to ${directory}: it is one of the shard folders being merged; name another folder\n`);
  return ExitCode.BAD_INPUT;
}
