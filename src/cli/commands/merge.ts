/**
 * `chokepoint merge DIR... [--out DIR]`: the final outputs of a sharded sweep or compare, from
 * its shard folders: every shard of one sweep (same scenario hashes, seed, design, runs,
 * version), every replicate exactly once, the same bytes as an unsharded run. The output
 * folder is written all or nothing.
 */
import path from "node:path";
import { lineWriter, type CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { OutputFolder } from "../output-folder.js";
import { checkShards, writeSweepOutputs } from "../sweep-outputs.js";
import { printSummary } from "./sweep.js";

/** Merges shard folders. Returns the exit code. */
export async function mergeCommand(folders: readonly string[], options: { out?: string; quiet?: boolean }, io: CliIo): Promise<number> {
  const out = lineWriter(io.stdout);
  const { plan } = checkShards(folders);
  const directory = options.out ?? path.join("out", `${plan.scenario}-${plan.kind}`);
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
}

function refuseSelf(directory: string, io: CliIo): number {
  io.stderr(`cannot write outputs to ${directory}: it is one of the shard folders being merged; name another folder\n`);
  return ExitCode.BAD_INPUT;
}
