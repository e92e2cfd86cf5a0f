/**
 * `npm run bench`: prints one JSON object per line.
 *
 *   engine-mm1      M/M/1 (arrival 0.9, service 1.0) on the kernel: customers per second and
 *                   the mean wait (analytic 9.0); median of 5 runs.
 *   reference-mm1   the same M/M/1 on the dependency-free bare event loop of
 *                   ../shared/reference/des-baseline.js, when that file is present, and the
 *                   kernel's speed as a share of it (measure both on the same machine, same minute).
 *   world-run       one run of the flagship scenario: median of 30 warm runs, after 10 runs
 *                   that let the JIT settle, as in a sweep ("seconds"), and the first, cold run
 *                   in this process, as in a one-off CLI call ("firstRunSeconds").
 *   scenario-run    the same for every shipped scenario (median of 5 after 3 warm-up runs).
 *   run-report      the flagship run's report.html rendered in-process (median of 5 warm), its
 *                   bytes and charts, its cost against world-run's, and `chokepoint run` end to end
 *                   through the CLI (median of 3; the CLI draws the charts on a second thread while
 *                   it simulates and writes the CSVs), also against world-run's first, cold run
 *                   (the simulation it contains; the speed issue's target is 2x).
 *   sweep           `chokepoint sweep` of the flagship through the CLI, at 1 and 2 workers and at
 *                   N and 10N replicates (BENCH_SWEEP_RUNS, default 100), the 10N pair run
 *                   BENCH_SWEEP_PAIRS times (default 2) alternating 1 and 2 workers (A B A B), so
 *                   that a drift of the machine's speed falls on both: the session's and the whole
 *                   command's seconds, replicates per second, peak memory, the start-up before the
 *                   first replicate, the load average. Then sweep-targets: the ratios the Monte
 *                   Carlo and speed issues set, measured in this same run (a replicate's cost
 *                   against world-run's and in kernel units, the start-up, the speed-up of 2
 *                   workers per pair, the memory growth at 10N).
 *   compare-targets `chokepoint compare` of the flagship and every shipped policy on one worker
 *                   (BENCH_COMPARE_RUNS replicates, default 20): its cost per replicate in
 *                   units of a flagship sweep replicate (K + 1 if the alternatives share
 *                   nothing), and where each policy's run first departs from the flagship's
 *                   (bench/compare.ts): what a compare forking alternatives could share at best.
 *   merge           `chokepoint merge` through the CLI of two shards of a flagship sweep of N
 *                   replicates (BENCH_MERGE_RUNS, default "500,2000"), made of a small real sweep's
 *                   records cloned (bench/merge.ts): the merge's wall-clock and CPU seconds, peak
 *                   memory, bytes of records. Then merge-targets: wall-clock and CPU seconds per
 *                   1,000 replicates (the slope between the sizes, so start-up and the report cancel
 *                   out), the fixed part, 100,000 replicates extrapolated, and the columnar write
 *                   cost (replicates.parquet's encoding per 1,000 replicates, in-process) and size.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { firstDifferences, timeCompare } from "./compare.js";
import { benchMerge, type MergeTiming } from "./merge.js";
import { runMM1 } from "./mm1.js";
import { timeRunReport } from "./report.js";
import { timeSweep } from "./sweep.js";
import { timeWorldRun, type WorldRunTiming } from "./world-run.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2_000_000);

function emit(record: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(record) + "\n");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const world = timeWorldRun(path.join(ROOT, "scenarios/reinstated-2026.yaml"), 30);

const timings: { seconds: number; meanWait: number; customers: number }[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const result = runMM1(CUSTOMERS, 42 + i);
  timings.push({ seconds: (performance.now() - started) / 1000, meanWait: result.meanWait, customers: result.customers });
}
const seconds = median(timings.map((t) => t.seconds));
const kernelRate = CUSTOMERS / seconds;
emit({
  name: "engine-mm1",
  customers: CUSTOMERS,
  seconds: Number(seconds.toFixed(4)),
  customersPerSecond: Math.round(kernelRate),
  meanWait: Number((timings.reduce((a, t) => a + t.meanWait, 0) / timings.length).toFixed(4)),
  analyticWait: 9,
  runs: timings.length,
});

const reference = path.resolve(ROOT, "../shared/reference/des-baseline.js");
if (existsSync(reference)) {
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = spawnSync(process.execPath, [reference, "--model", "mm1", "--style", "cb", "--heap", "soa", "--rng", "mulberry32", "--n", String(CUSTOMERS)], {
      encoding: "utf8",
    });
    if (out.status === 0) rates.push(JSON.parse(out.stdout).customers_per_s);
  }
  if (rates.length > 0) {
    const bare = median(rates);
    emit({ name: "reference-mm1", customers: CUSTOMERS, customersPerSecond: Math.round(bare), kernelShareOfBare: Number((kernelRate / bare).toFixed(3)) });
  }
}

/** The JSON line of one scenario's timing. */
function runRecord(name: string, timing: WorldRunTiming): Record<string, unknown> {
  return {
    name,
    scenario: timing.scenario,
    seconds: Number(timing.seconds.toFixed(4)),
    firstRunSeconds: Number(timing.firstRunSeconds.toFixed(4)),
    events: timing.events,
    days: timing.days,
    markets: timing.markets,
    runs: timing.runs,
  };
}

emit(runRecord("world-run", world));

// After the flagship, so that its timings are not coloured by the JIT having seen other worlds.
for (const file of readdirSync(path.join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml")).sort()) {
  emit(runRecord("scenario-run", timeWorldRun(path.join(ROOT, "scenarios", file), 5, 3)));
}

// Sweeps and the report: through the CLI, as users run them.
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const FLAGSHIP = path.join(ROOT, "scenarios/reinstated-2026.yaml");

const report = await timeRunReport(CLI, FLAGSHIP);
emit({
  name: "run-report",
  seconds: Number(report.seconds.toFixed(4)),
  bytes: report.bytes,
  charts: report.charts,
  shareOfWorldRun: Number((report.seconds / world.seconds).toFixed(3)),
  cliRunSeconds: Number(report.cliRunSeconds.toFixed(3)),
  // `chokepoint run` against the cold simulation it contains (world-run's first run in a fresh process).
  cliRunOverColdRun: Number((report.cliRunSeconds / world.firstRunSeconds).toFixed(2)),
  cliRunOverColdRunTarget: 2,
});
const SWEEP_RUNS = Number(process.env.BENCH_SWEEP_RUNS ?? 100);
const SWEEP_PAIRS = Math.max(1, Number(process.env.BENCH_SWEEP_PAIRS ?? 2));
const sweep = (runs: number, workers: number) => {
  const timing = timeSweep(CLI, FLAGSHIP, runs, workers);
  emit({ name: "sweep", ...timing });
  return timing;
};
const small1 = sweep(SWEEP_RUNS, 1);
const small2 = sweep(SWEEP_RUNS, 2);
// A B A B: each pair's ratio is measured within a minute or two, so the machine's drift (a
// neighbour's job starting) falls on both of its halves rather than on one worker count.
const pairs = Array.from({ length: SWEEP_PAIRS }, () => [sweep(SWEEP_RUNS * 10, 1), sweep(SWEEP_RUNS * 10, 2)] as const);
const [large1, large2] = pairs[0];
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
// One worker's seconds per replicate over the extra 9N replicates (start-up cancels out), against world-run.
const replicateSeconds = mean(pairs.map(([one]) => (one.seconds - small1.seconds) / (one.runs - small1.runs)));
const sessionRatios = pairs.map(([one, two]) => Number((one.seconds / two.seconds).toFixed(3)));
const commandRatios = pairs.map(([one, two]) => Number((one.commandSeconds / two.commandSeconds).toFixed(3)));
const startups = [small1, ...pairs.map(([one]) => one)].map((t) => t.secondsToFirstReplicate).filter((x): x is number => x !== null);
const workerStarts = [small1, small2, ...pairs.flat()].map((t) => t.workerStartSeconds).filter((x): x is number => x !== null);
emit({
  name: "sweep-targets",
  replicateSeconds: Number(replicateSeconds.toFixed(4)),
  worldRunSeconds: Number(world.seconds.toFixed(4)),
  replicateShareOfWorldRun: Number((replicateSeconds / world.seconds).toFixed(3)),
  replicateShareTarget: 0.333,
  // A replicate's seconds times the kernel's M/M/1 customers per second (engine-mm1 above): what a replicate costs in kernel events.
  replicateKernelUnits: Math.round(replicateSeconds * kernelRate),
  replicateKernelUnitsTarget: 100_000,
  // The process's fixed cost before its first replicate (process start to the first worker ready: module loading, loading the scenario, the worker's start), median over the 1-worker sweeps; and a worker's own, spawn to ready, the slowest seen.
  secondsToFirstReplicate: startups.length > 0 ? Number(median(startups).toFixed(3)) : null,
  workerStartSeconds: workerStarts.length > 0 ? Number(Math.max(...workerStarts).toFixed(3)) : null,
  // The whole 1-worker command's fixed part: its seconds less N replicates at replicateSeconds (start-up, the JIT's warm-up, the final outputs).
  commandFixedSeconds: Number((small1.commandSeconds - small1.runs * replicateSeconds).toFixed(3)),
  // 10N replicates, 1 then 2 workers, alternated (A B A B): the session's ratio per pair and the whole command's.
  speedupOf2Workers: Number(mean(sessionRatios).toFixed(3)),
  speedupOf2WorkersPerPair: sessionRatios,
  speedupOf2WorkersWholeCommand: Number(mean(commandRatios).toFixed(3)),
  speedupOf2WorkersWholeCommandPerPair: commandRatios,
  speedupTarget: 1.8,
  peakRssGrowthAt10x: Number((Math.max(large1.peakRssMb, large2.peakRssMb) / Math.max(small1.peakRssMb, small2.peakRssMb)).toFixed(3)),
  peakRssGrowthTarget: 1.2,
  loadAverages: [small1, small2, ...pairs.flat()].map((t) => t.loadAverage),
});

// A compare of the flagship and its shipped policies on one worker, against its replicates' cost
// in independent flagship replicates (the sweep's 1-worker replicate above): K + 1 when the
// alternatives share nothing. Then where each policy first departs from the flagship, and the
// share of a compare's events a fork at that point could share.
const COMPARE_RUNS = Number(process.env.BENCH_COMPARE_RUNS ?? 20);
const POLICIES = readdirSync(path.join(ROOT, "scenarios"))
  .filter((f) => f.startsWith("policy-") && f.endsWith(".yaml"))
  .sort()
  .map((f) => path.join(ROOT, "scenarios", f));
const comparison = timeCompare(CLI, FLAGSHIP, POLICIES, COMPARE_RUNS, 1);
const departures = firstDifferences(FLAGSHIP, POLICIES);
const shareable = departures.reduce((sum, d) => sum + d.sharedShare, 0);
emit({
  name: "compare-targets",
  ...comparison,
  // The compare's session seconds per replicate, in units of one flagship replicate on one worker.
  costInFlagshipReplicates: Number((comparison.seconds / COMPARE_RUNS / replicateSeconds).toFixed(2)),
  independentRuns: POLICIES.length + 1,
  firstDifferences: departures,
  // What a compare forking each alternative from the base at its first difference would cost, at best, in the same units (K + 1 less what it shares).
  forkedCostAtBest: Number((POLICIES.length + 1 - shareable).toFixed(2)),
});

// Merges: of cloned real records at BENCH_MERGE_RUNS replicates (default 500 and 2,000), in two shards.
const MERGE_SIZES = (process.env.BENCH_MERGE_RUNS ?? "500,2000").split(",").map(Number);
const { merges, columnar } = benchMerge(FLAGSHIP, MERGE_SIZES, Number(process.env.BENCH_MERGE_SEED_RUNS ?? 20));
for (const m of merges) {
  emit({ name: "merge", ...m, seconds: Number(m.seconds.toFixed(3)), wallSeconds: Number(m.wallSeconds.toFixed(3)), cpuSeconds: Number(m.cpuSeconds.toFixed(3)), recordBytesPerReplicate: Math.round(m.recordBytes / m.runs) });
}
const first = merges[0];
const last = merges[merges.length - 1];
// The slope between the smallest and largest merge: what each 1,000 replicates add (start-up and the report cancel out).
const slope = (of: (m: MergeTiming) => number) => (last.runs === first.runs ? of(last) / last.runs : (of(last) - of(first)) / (last.runs - first.runs));
const perReplicate = slope((m) => m.wallSeconds);
emit({
  name: "merge-targets",
  mergeSecondsPer1000: Number((perReplicate * 1000).toFixed(3)),
  mergeCpuSecondsPer1000: Number((slope((m) => m.cpuSeconds) * 1000).toFixed(3)),
  mergeFixedSeconds: Number((last.wallSeconds - perReplicate * last.runs).toFixed(3)),
  merge100kSecondsExtrapolated: Number((last.wallSeconds + perReplicate * (100_000 - last.runs)).toFixed(1)),
  columnarWriteSecondsPer1000: Number(columnar.secondsPer1000.toFixed(3)),
  parquetBytesPerReplicate: Math.round(columnar.bytesPerReplicate),
  recordBytesPerReplicate: Math.round(last.recordBytes / last.runs),
  peakRssMbAtLargest: last.peakRssMb,
});
