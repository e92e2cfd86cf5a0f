/**
 * `chokepoint merge` of the flagship through the real CLI, at sizes that would take an hour to
 * simulate here: a small real sweep's replicates (BENCH_MERGE_SEED_RUNS, default 20, run in
 * this process) are cloned, renumbered and encoded into the two shard folders of a sweep of N
 * replicates (each N of BENCH_MERGE_RUNS, default "500,2000"), then merged. Every byte a merge
 * reads is a real record's shape, so reading, decoding, counting and writing cost about what
 * they cost in a real merge; what is not real is the spread of the band bins (20 distinct
 * replicates), which makes the bands' histograms narrower than a real sweep's, and the band
 * extremes, which a shard's records keep only while a value is new (all in its first 20
 * replicates here, a few in each record of a real shard): a real 10,000-replicate merge is the
 * README's check on this. Each shard has its band counts (band-counts.bin), as a sweep's session
 * leaves them, so the merge reads only the records' KPIs. Merge seconds per 1,000 replicates is the slope between the
 * sizes (start-up and the report, the same at any N, cancel out). The columnar write cost is
 * replicates.parquet's encoding alone, in this process, over the largest N.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDateKpi, KPI_NAMES } from "../src/model/index.js";
import { ReplicatesParquet } from "../src/report/index.js";
import { loadScenario } from "../src/index.js";
import { BandCounts, bandCountsToBytes, BandExtremes, newExtremes, recordBody, recordFrame, recordShape, sweep, type ReplicateOutcome, type SweepPlan } from "../src/sweep/index.js";

const TIMED_CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "timed-cli.js");

/** One merge's figures. */
export interface MergeTiming {
  readonly runs: number;
  readonly shards: number;
  /** The merge's own seconds (run-log.json: after start-up), the process's wall-clock seconds, and its CPU seconds (every thread, start-up included). */
  readonly seconds: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly recordBytes: number;
  readonly parquetBytes: number;
}

/** The columnar file's encoding cost. */
export interface ColumnarTiming {
  readonly runs: number;
  readonly secondsPer1000: number;
  readonly bytesPerReplicate: number;
}

/**
 * A real flagship sweep's plan and outcomes (`runs` replicates), run in this process by the
 * library, so that each outcome holds all its band values (a record keeps only its file's new
 * extremes).
 */
export function seedOutcomes(file: string, runs: number): SeedOutcomes {
  const outcomes: ReplicateOutcome[] = [];
  const { plan } = sweep(loadScenario(file), { runs, swingRuns: 0, onReplicate: (outcome) => outcomes.push(outcome) });
  return withVarying(plan, outcomes);
}

/**
 * Replicate r of an N-replicate sweep made of the seed's replicate r mod seed size. A value
 * that varies among the seed's replicates (a KPI of one series, an input) is scaled by
 * 1 + r / 2^30, so that it is as distinct from replicate to replicate as a real sweep's; one
 * the seed holds constant stays constant, and dates (whole days) stay as they are: the
 * columnar file's dictionaries and compression then cost about what they would.
 */
function cloned(seed: SeedOutcomes, r: number): ReplicateOutcome {
  const outcome = seed.outcomes[r % seed.outcomes.length];
  const scale = 1 + r / 2 ** 30;
  return {
    replicate: r,
    alternatives: outcome.alternatives.map((a, k) => ({
      ...a,
      kpis: a.kpis.map((value, i) => (seed.varies[k].kpis[i] ? value * scale : value)),
      inputs: a.inputs.map((value, i) => (seed.varies[k].inputs[i] ? value * scale : value)),
    })),
  };
}

/** A seed sweep's outcomes and, per alternative, which KPI and input values vary among them (dates never). */
export interface SeedOutcomes {
  readonly plan: SweepPlan;
  readonly outcomes: readonly ReplicateOutcome[];
  readonly varies: readonly { readonly kpis: readonly boolean[]; readonly inputs: readonly boolean[] }[];
}

function withVarying(plan: SweepPlan, outcomes: readonly ReplicateOutcome[]): SeedOutcomes {
  const kpiCount = KPI_NAMES.length;
  const varies = plan.alternatives.map((_, k) => {
    const first = outcomes[0].alternatives[k];
    const differs = (pick: (o: ReplicateOutcome) => Float64Array, i: number) => outcomes.some((o) => !Object.is(pick(o)[i], pick(outcomes[0])[i]));
    return {
      kpis: Array.from(first.kpis, (_, i) => !isDateKpi(KPI_NAMES[i % kpiCount]) && differs((o) => o.alternatives[k].kpis, i)),
      inputs: Array.from(first.inputs, (_, i) => differs((o) => o.alternatives[k].inputs, i)),
    };
  });
  return { plan, outcomes, varies };
}

/**
 * The shard folders of an N-replicate sweep whose records are the seed's, cloned (replicate r
 * in shard r mod K), each with its band counts (band-counts.bin), as a sweep's session leaves it.
 */
export function cloneShards(seed: SeedOutcomes, runs: number, shards: number, into: string): string[] {
  const planned: SweepPlan = { ...seed.plan, runs, swingRuns: 0 };
  const shape = recordShape(planned);
  return Array.from({ length: shards }, (_, index) => {
    const folder = path.join(into, `shard-${index}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "shard.json"), JSON.stringify({ plan: planned, shard: { index, count: shards } }, null, 2) + "\n");
    const frames: Uint8Array[] = [];
    const extremes = new BandExtremes(shape.bandValues);
    const counts = new BandCounts(shape.bandCells);
    for (let r = index; r < runs; r += shards) {
      const outcome = cloned(seed, r);
      const updates = newExtremes(outcome, shape, extremes);
      frames.push(recordFrame(recordBody(outcome, shape), updates));
      counts.addOutcome(outcome.alternatives[0], shape.series, updates);
    }
    const records = Buffer.concat(frames);
    writeFileSync(path.join(folder, "records.bin"), records);
    writeFileSync(path.join(folder, "band-counts.bin"), bandCountsToBytes(counts.toData(), { frames: frames.length, recordBytes: records.length }));
    return folder;
  });
}

/** Runs `chokepoint merge` on the folders in a child process (through timed-cli.js beside this file) and reads its run log. */
export function timeMerge(folders: readonly string[], runs: number, scratch: string): MergeTiming {
  const out = path.join(scratch, `merged-${runs}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [TIMED_CLI, "merge", ...folders, "--out", out, "-q"], { encoding: "utf8", env: { ...process.env, CI: "1" } });
  const wallSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`the bench merge failed: ${result.stderr}`);
  const usage = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as { cpuSeconds: number; peakRssMb: number };
  const log = JSON.parse(readFileSync(path.join(out, "run-log.json"), "utf8")) as { seconds: number };
  const recordBytes = folders.reduce((n, folder) => n + statSync(path.join(folder, "records.bin")).size, 0);
  const timing = { runs, shards: folders.length, seconds: log.seconds, wallSeconds, cpuSeconds: usage.cpuSeconds, peakRssMb: usage.peakRssMb, recordBytes, parquetBytes: statSync(path.join(out, "replicates.parquet")).size };
  rmSync(out, { recursive: true, force: true });
  return timing;
}

/** replicates.parquet's encoding of `runs` cloned replicates, in this process: seconds per 1,000 replicates. */
export function timeColumnar(seed: SeedOutcomes, runs: number): ColumnarTiming {
  const planned: SweepPlan = { ...seed.plan, runs };
  const started = performance.now();
  const stream = new ReplicatesParquet(planned);
  let bytes = stream.begin().length;
  for (let r = 0; r < runs; r++) bytes += stream.add(cloned(seed, r)).length;
  bytes += stream.end().length;
  const seconds = (performance.now() - started) / 1000;
  return { runs, secondsPer1000: (seconds / runs) * 1000, bytesPerReplicate: bytes / runs };
}

/** The merge bench: a line per size, then the slope (seconds per 1,000 replicates) and the columnar write cost. */
export function benchMerge(file: string, sizes: readonly number[], seedRuns: number): { merges: MergeTiming[]; columnar: ColumnarTiming } {
  const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-bench-merge-"));
  try {
    const seed = seedOutcomes(file, seedRuns);
    const merges = sizes.map((runs) => {
      const folders = cloneShards(seed, runs, 2, path.join(scratch, `shards-${runs}`));
      const timing = timeMerge(folders, runs, scratch);
      rmSync(path.join(scratch, `shards-${runs}`), { recursive: true, force: true });
      return timing;
    });
    return { merges, columnar: timeColumnar(seed, Math.max(...sizes)) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
