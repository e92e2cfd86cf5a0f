/**
 * A sweep's final outputs from its shard folders: checks that the shards belong together
 * (the same plan, one shard of each index), reads their records together in replicate order
 * (replicate r comes from shard r mod K), and writes replicates.csv (streamed), bands.csv,
 * summary.json and, for a compare, compare.csv. The same code finishes an unsharded sweep and
 * merges a sharded one, so the two give the same bytes.
 */
import { closeSync, fsyncSync, openSync, rmSync } from "node:fs";
import path from "node:path";
import { renderBandsCsv, renderCompareCsv, renderSensitivityCsv, renderSweepReport, renderSweepSummaryJson, replicatesCsvHeader, replicatesCsvRows } from "../report/index.js";
import { analyseSensitivity, replicateCount, ReplicateSample, samePlan, SweepError, SweepTally, type ReplicateOutcome, type SensitivityResult, type SweepPlan, type SweepStatistics } from "../sweep/index.js";
import { putInPlace, temporaryOf, writeAll, writeTemporary } from "./atomic-file.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { damagedRecords, readManifest, readRecords, RECORDS_FILE, type ShardManifest } from "./record-file.js";
import { readSwings } from "./swing-file.js";
import { writing } from "./write-failure.js";

/** Where final outputs go: whole files, or files written piece by piece. */
export interface OutputSink {
  stream(name: string): { write(text: string): void; close(): void };
  commit(files: Readonly<Record<string, string>>): void;
}

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
 * Reads every shard's records in replicate order into a tally, streaming replicates.csv into
 * `sink`; then writes the rest: bands.csv or compare.csv, sensitivity.csv (a sweep with
 * uncertain inputs), report.html and summary.json.
 */
export async function writeSweepOutputs(
  folders: readonly string[],
  sink: OutputSink,
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<{ plan: SweepPlan; statistics: SweepStatistics; sensitivity: SensitivityResult | undefined }> {
  const { plan, byIndex } = checkShards(folders);
  const count = byIndex.length;
  const torn: string[] = [];
  const readers = byIndex.map(({ folder }) =>
    readRecords(path.join(folder, RECORDS_FILE), plan, (_, tornBytes) => {
      if (tornBytes > 0) torn.push(folder);
    }),
  );
  const tally = new SweepTally(plan);
  const sample = new ReplicateSample(plan);
  const rows = sink.stream("replicates.csv");
  rows.write(replicatesCsvHeader(plan));
  for (let r = 0; r < plan.runs && !tally.isStopped; r++) {
    const shard = r % count;
    const next = readers[shard].next();
    if (next.done === true) {
      const folder = byIndex[shard].folder;
      const why = torn.includes(folder) ? " (its last record is torn: the shard was killed; finish it with --resume)" : " (the shard has not finished: finish it, or resume it with --resume)";
      throw new CliExit(ExitCode.BAD_INPUT, `replicate ${r} is missing: ${folder} ends before it${why}`);
    }
    const outcome: ReplicateOutcome = next.value;
    if (outcome.replicate !== r) throw damagedRecords(path.join(byIndex[shard].folder, RECORDS_FILE), outcome.replicate, r);
    try {
      tally.add(outcome);
    } catch (error) {
      if (error instanceof SweepError) throw new CliExit(ExitCode.BAD_INPUT, error.message);
      throw error;
    }
    sample.add(outcome);
    rows.write(replicatesCsvRows(plan, outcome));
  }
  // Every record read, unless a stop rule settled first: a shard holding more (a duplicate, say) is damaged, as --resume says.
  if (!tally.isStopped) {
    byIndex.forEach(({ folder, manifest }, shard) => {
      const extra = readers[shard].next();
      const count = replicateCount(manifest.shard, plan.runs);
      if (extra.done !== true) throw damagedRecords(path.join(folder, RECORDS_FILE), extra.value.replicate, undefined, manifest.shard.index + (count - 1) * manifest.shard.count);
    });
  }
  for (const reader of readers) reader.return(undefined);
  rows.close();
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
    if (found === undefined) throw new CliExit(ExitCode.BAD_INPUT, `${folder} has no tornado swings (tornado.json): the shard has not finished; resume it with --resume`);
    return found;
  });
  const kept = sample.finish();
  const sensitivity = plan.kind === "sweep" ? analyseSensitivity(plan, statistics, kept, swings) : undefined;
  const files: Record<string, string> = {};
  if (statistics.bands !== undefined) files["bands.csv"] = renderBandsCsv(statistics.bands);
  if (plan.kind === "compare") files["compare.csv"] = renderCompareCsv(statistics.differences);
  if (sensitivity !== undefined) files["sensitivity.csv"] = renderSensitivityCsv(plan, sensitivity);
  files["report.html"] = await renderSweepReport({ plan, statistics, sample: kept, sensitivity });
  Object.assign(files, extraFiles);
  files["summary.json"] = renderSweepSummaryJson(plan, statistics);
  sink.commit(files);
  return { plan, statistics, sensitivity };
}

/** What is left, and what to do, when a sweep's final outputs cannot be written. */
const OUTPUTS_LEFT = "the sweep's records are complete and its other files are whole (old or new): free some space and run the same command with --resume to write them";

/**
 * Final outputs written into a sweep's own folder beside its records, each file replaced
 * atomically (written under a temporary name, then renamed), summary.json last. Every file
 * of one sweep plan has the same content whenever it is written, so a kill between renames
 * can only leave complete files of that same sweep. A file that cannot be written stops
 * with exit 2 naming it, and no temporary file is left.
 */
export class InPlaceOutputs implements OutputSink {
  private readonly folder: string;
  /** Files written under their temporary names, not yet renamed into place. */
  private readonly pending: string[] = [];

  constructor(folder: string) {
    this.folder = folder;
  }

  stream(name: string): { write(text: string): void; close(): void } {
    const file = path.join(this.folder, name);
    const temporary = temporaryOf(file);
    this.pending.push(name);
    const fd = writing(file, OUTPUTS_LEFT, () => openSync(temporary, "w"), () => this.discard());
    let isOpen = true;
    const close = (sync: boolean) => {
      if (!isOpen) return;
      isOpen = false;
      try {
        if (sync) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    };
    const giveUp = () => {
      try {
        close(false);
      } finally {
        this.discard();
      }
    };
    return {
      write: (text) => writing(file, OUTPUTS_LEFT, () => writeAll(fd, Buffer.from(text, "utf8")), giveUp),
      close: () => writing(file, OUTPUTS_LEFT, () => close(true), () => this.discard()),
    };
  }

  commit(files: Readonly<Record<string, string>>): void {
    const names = Object.keys(files);
    try {
      for (const name of names) {
        this.pending.push(name);
        writeTemporary(path.join(this.folder, name), files[name], OUTPUTS_LEFT);
      }
      const order = [...this.pending.filter((name) => name !== "summary.json"), ...(this.pending.includes("summary.json") ? ["summary.json"] : [])];
      for (const name of order) putInPlace(path.join(this.folder, name), OUTPUTS_LEFT);
      this.pending.length = 0;
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** Removes the temporary files of a write that failed. */
  discard(): void {
    for (const name of this.pending) rmSync(temporaryOf(path.join(this.folder, name)), { force: true });
    this.pending.length = 0;
  }
}
