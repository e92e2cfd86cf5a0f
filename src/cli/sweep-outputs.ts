/**
 * A sweep's final outputs from its shard folders: checks that the shards belong together
 * (the same plan, one shard of each index), reads their records together in replicate order
 * (replicate r comes from shard r mod K; a replicate the shard's invalid-draws.jsonl names is
 * skipped: it adds to no statistic and is listed in invalid-draws.csv), streaming them into the
 * catalogue's replicate files (replicates.csv, replicates.parquet), then renders the catalogue's sweep files from the statistics (bands.csv,
 * compare.csv, sensitivity.csv, report.html, summary.json). The same code finishes an
 * unsharded sweep and merges a sharded one, so the two give the same bytes. The records are
 * read, and their bands counted, on threads of their own (shard-readers.ts); the statistics
 * that depend on order take the replicates here, in order.
 */
import path from "node:path";
import { analyseSensitivity, replicateCount, ReplicateSample, samePlan, SweepError, SweepTally, type BandCountsCover, type InvalidDraw, type SensitivityResult, type SweepPlan, type SweepStatistics } from "../sweep/index.js";
import { readBandCounts, readBandCountsCover } from "./band-counts-file.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { renderRecord, renderSet, replicateStreams, toBytes, type OutputFileName } from "./output-catalogue.js";
import { INVALID_DRAWS_FILE, readInvalidDraws } from "./invalid-draw-file.js";
import type { OutputSink } from "./output-sink.js";
import { damagedRecords, readManifest, RECORDS_FILE, type ShardManifest } from "./record-file.js";
import { countRecordedBands, openShardReaders, readerThreads, type ShardReaders } from "./shard-readers.js";
import type { RunLogFields } from "./run-log.js";
import { readSwings, SWING_FILE } from "./swing-file.js";

/** The shard folders, checked to make one whole sweep; their plan. */
export function checkShards(folders: readonly string[]): { plan: SweepPlan; byIndex: { folder: string; manifest: ShardManifest }[] } {
  if (folders.length === 0) throw new CliExit(ExitCode.BAD_INPUT, "merge needs at least one shard folder");
  const shards = folders.map((folder) => ({ folder, manifest: readManifest(folder) }));
  const first = shards[0];
  const count = first.manifest.shard.count;
  const byIndex = new Array<{ folder: string; manifest: ShardManifest } | undefined>(count);
  for (const shard of shards) {
    const difference = samePlan(first.manifest.plan, shard.manifest.plan);
    if (difference !== undefined) throw new CliExit(ExitCode.BAD_INPUT, `${shard.folder} is not a shard of the same sweep as ${first.folder}: ${difference}`);
    if (shard.manifest.shard.count !== count) {
      throw new CliExit(ExitCode.BAD_INPUT, `${shard.folder} is shard ${shard.manifest.shard.index}/${shard.manifest.shard.count}, ${first.folder} one of ${count} shards: all must be cut the same way`);
    }
    const index = shard.manifest.shard.index;
    const taken = byIndex[index];
    if (taken !== undefined) throw new CliExit(ExitCode.BAD_INPUT, `shard ${index}/${count} is given twice: ${taken.folder} and ${shard.folder}`);
    byIndex[index] = shard;
  }
  // Array.from, not map: map skips the holes of a sparse array, which are exactly the missing shards.
  const missing = Array.from({ length: count }, (_, i) => (byIndex[i] === undefined ? i : -1)).filter((i) => i >= 0);
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((i) => `${i}/${count}`).join(", ") + (missing.length > 10 ? `, and ${missing.length - 10} more` : "");
    throw new CliExit(ExitCode.BAD_INPUT, `shard${missing.length === 1 ? "" : "s"} ${shown} of the sweep ${missing.length === 1 ? "is" : "are"} missing`);
  }
  return { plan: first.manifest.plan, byIndex: byIndex as { folder: string; manifest: ShardManifest }[] };
}

/**
 * Reads every shard's records in replicate order into a tally, streaming the catalogue's
 * replicate files into `sink`; then commits the catalogue's sweep files (and, given `log`, the
 * run log rendered from it at that moment). Returns the names of every file written. The
 * records are read on `readerThreads` threads (default: readerThreads(); 0: this thread); the
 * bytes are the same whatever the number. A shard's bands come from its band-counts.bin when it
 * has them for its records (band-counts-file.ts), else from its records.
 */
export async function writeSweepOutputs(
  folders: readonly string[],
  sink: OutputSink,
  log?: () => RunLogFields,
  options: { readerThreads?: number } = {},
): Promise<{ plan: SweepPlan; statistics: SweepStatistics; sensitivity: SensitivityResult | undefined; written: OutputFileName[] }> {
  const { plan, byIndex } = checkShards(folders);
  const files = byIndex.map(({ folder }) => path.join(folder, RECORDS_FILE));
  // A shard whose session counted its bands (band-counts.bin, for these very records) needs only its KPIs read.
  const covers = byIndex.map(({ folder }, shard) => readBandCountsCover(folder, plan, files[shard]));
  const readers = openShardReaders(plan, files, covers.map((c) => c === undefined), options.readerThreads ?? readerThreads(byIndex.length));
  try {
    return await writeFromReaders(plan, byIndex, readers, sink, log, (tally) => addShardBands(plan, byIndex, files, covers, readers, tally));
  } finally {
    readers.close();
  }
}

/**
 * Adds to `tally` the bands the shards' sessions counted (one file at a time), for each shard
 * whose every record the tally took (the counts cover exactly those); counts the others'
 * records again up to where the tally stopped (a stop rule settled before the shard's end, or a
 * file that turns out damaged).
 */
function addShardBands(plan: SweepPlan, byIndex: readonly { folder: string }[], files: readonly string[], covers: readonly (BandCountsCover | undefined)[], readers: ShardReaders, tally: SweepTally): void {
  covers.forEach((cover, shard) => {
    if (cover === undefined) return;
    const data = readers.taken(shard) === cover.frames ? readBandCounts(byIndex[shard].folder, plan, cover) : undefined;
    tally.addBandCounts(data ?? countRecordedBands(plan, files[shard], tally.runs));
  });
}

async function writeFromReaders(
  plan: SweepPlan,
  byIndex: readonly { folder: string; manifest: ShardManifest }[],
  readers: ShardReaders,
  sink: OutputSink,
  log: (() => RunLogFields) | undefined,
  addCountedBands: (tally: SweepTally) => void,
): Promise<{ plan: SweepPlan; statistics: SweepStatistics; sensitivity: SensitivityResult | undefined; written: OutputFileName[] }> {
  const count = byIndex.length;
  const invalid = byIndex.map(({ folder, manifest }) => new Map(readInvalidDraws(folder, manifest.shard, false).map((d) => [d.replicate, d])));
  const skipped: InvalidDraw[] = [];
  // The readers count the bands where they read the records.
  const tally = new SweepTally(plan, { countsBands: false });
  const sample = new ReplicateSample(plan);
  const streams = replicateStreams(plan).map(({ name, stream }) => ({ name, stream, out: sink.stream(name) }));
  const write = (out: { write(bytes: Uint8Array): void }, content: string | Uint8Array) => {
    if (content.length > 0) out.write(toBytes(content));
  };
  for (const { stream, out } of streams) write(out, stream.begin());
  for (let r = 0; r < plan.runs && !tally.isStopped; r++) {
    const shard = r % count;
    const draw = invalid[shard].get(r);
    if (draw !== undefined) {
      invalid[shard].delete(r);
      skipped.push(draw);
      tally.skip(r);
      readers.counted(tally.runs);
      continue;
    }
    const outcome = readers.next(shard);
    if (outcome === undefined) {
      const folder = byIndex[shard].folder;
      const why = readers.tornBytes(shard) > 0 ? " (its last record is torn: the shard was killed; finish it with --resume)" : " (the shard has not finished: finish it, or resume it with --resume)";
      throw new CliExit(ExitCode.BAD_INPUT, `replicate ${r} is missing: ${folder} ends before it${why}`);
    }
    if (outcome.replicate !== r) throw damagedRecords(path.join(byIndex[shard].folder, RECORDS_FILE), outcome.replicate, r);
    try {
      tally.add(outcome);
    } catch (error) {
      if (error instanceof SweepError) throw new CliExit(ExitCode.BAD_INPUT, error.message);
      throw error;
    }
    readers.counted(tally.runs);
    sample.add(outcome);
    for (const { stream, out } of streams) write(out, stream.add(outcome));
  }
  // Every record read, unless a stop rule settled first: a shard holding more (a duplicate, say) is damaged, as --resume says.
  if (!tally.isStopped) checkNothingLeft(plan, byIndex, readers, invalid);
  for (const bands of readers.finish(tally.runs)) tally.addBandCounts(bands);
  addCountedBands(tally);
  for (const { stream, out } of streams) {
    write(out, stream.end());
    out.close();
  }
  let statistics: SweepStatistics;
  try {
    statistics = tally.finish();
  } catch (error) {
    if (error instanceof SweepError) throw new CliExit(ExitCode.BAD_INPUT, error.message);
    throw error;
  }
  const swings = byIndex.flatMap(({ folder, manifest }) => {
    if (plan.swingRuns === 0) return [];
    const found = readSwings(folder, plan, manifest.shard);
    if (found === undefined) throw new CliExit(ExitCode.BAD_INPUT, `${folder} has no tornado swings (${SWING_FILE}): the shard has not finished; resume it with --resume`);
    return found;
  });
  const kept = sample.finish();
  const sensitivity = plan.kind === "sweep" ? analyseSensitivity(plan, statistics, kept, swings) : undefined;
  const files = await renderSet("sweep", { plan, statistics, sample: kept, sensitivity, invalidDraws: skipped });
  if (log !== undefined) {
    const { name, bytes } = renderRecord("log", log());
    files.set(name, bytes);
  }
  sink.commit(files);
  return { plan, statistics, sensitivity, written: [...streams.map(({ name }) => name), ...files.keys()] };
}

/** Throws when a shard holds a record or an invalid draw past the sweep's runs: it is damaged. */
function checkNothingLeft(plan: SweepPlan, byIndex: readonly { folder: string; manifest: ShardManifest }[], readers: ShardReaders, invalid: readonly Map<number, InvalidDraw>[]): void {
  byIndex.forEach(({ folder, manifest }, shard) => {
    const extra = readers.next(shard);
    const count = replicateCount(manifest.shard, plan.runs);
    if (extra !== undefined) throw damagedRecords(path.join(folder, RECORDS_FILE), extra.replicate, undefined, manifest.shard.index + (count - 1) * manifest.shard.count);
    const left = [...invalid[shard].keys()];
    if (left.length > 0) throw new CliExit(ExitCode.BAD_INPUT, `${path.join(folder, INVALID_DRAWS_FILE)}: replicate ${left[0]} is not one of the sweep's ${plan.runs} runs: the records are damaged; start the shard again in a new folder`);
  });
}
