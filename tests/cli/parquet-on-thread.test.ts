/**
 * replicates.parquet encoded on its own thread (parquet-on-thread.ts, the built worker): the
 * bytes are ReplicatesParquet's, byte for byte, for no replicate, one, more than the thread may
 * fall behind by, and enough rows for several row groups (whose bytes come back before the end:
 * the file streams). The plan is a real sweep's (the built CLI on the tiny fixture); the values
 * are drawn, dates that never came (NaN) among them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isDateKpi, KPI_NAMES } from "../../src/model/index.js";
import type { ReplicateOutcome, SweepPlan } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-parquet-thread-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ByteStream {
  begin(): Uint8Array;
  add(outcome: ReplicateOutcome): Uint8Array;
  end(): Uint8Array;
}
// The built modules: the thread runs dist/src/cli/parquet-worker.js, which only the build has.
const { replicatesParquetStream } = (await import(path.join(ROOT, "dist/src/cli/parquet-on-thread.js"))) as { replicatesParquetStream: (plan: SweepPlan) => ByteStream };
const { ReplicatesParquet, ROW_GROUP_ROWS } = (await import(path.join(ROOT, "dist/src/report/replicates-parquet.js"))) as { ReplicatesParquet: new (plan: SweepPlan) => ByteStream; ROW_GROUP_ROWS: number };

const folder = path.join(scratch, "sweep");
execFileSync(process.execPath, [CLI, "sweep", path.join(ROOT, "tests/fixtures/sweep/tiny.yaml"), "--runs", "4", "--swing-runs", "0", "--workers", "1", "--out", folder, "-q"]);
const plan = (JSON.parse(readFileSync(path.join(folder, "shard.json"), "utf8")) as { plan: SweepPlan }).plan;

/** `count` outcomes of the plan's shape with values drawn from `seed`. */
function outcomes(count: number, seed: number): ReplicateOutcome[] {
  const [values] = fc.sample(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 61, maxLength: 61 }), { seed, numRuns: 1 });
  const [days] = fc.sample(fc.array(fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 400 })), { minLength: 37, maxLength: 37 }), { seed, numRuns: 1 });
  let k = 0;
  // A date KPI is a day of the run or NaN (it never came); the others any double.
  const kpi = (i: number) => (isDateKpi(KPI_NAMES[i % KPI_NAMES.length]) ? days[k++ % days.length] : values[k++ % values.length]);
  return Array.from({ length: count }, (_, replicate) => ({
    replicate,
    alternatives: plan.alternatives.map((alternative) => ({
      kpis: Float64Array.from({ length: plan.series.length * KPI_NAMES.length }, (_, i) => kpi(i)),
      inputs: Float64Array.from({ length: alternative.inputs.length }, () => Math.abs(values[k++ % values.length] % 1000)),
      shareBins: new Uint8Array(0),
      stockBins: new Uint16Array(0),
      bandLows: new Float64Array(0),
      bandHighs: new Float64Array(0),
    })),
  }));
}

/** The file a stream writes, and how many of its bytes came before `end`. */
function written(stream: ByteStream, list: readonly ReplicateOutcome[]): { bytes: Buffer; beforeEnd: number } {
  const parts = [stream.begin()];
  for (const outcome of list) parts.push(stream.add(outcome));
  const beforeEnd = parts.reduce((n, p) => n + p.length, 0);
  parts.push(stream.end());
  return { bytes: Buffer.concat(parts), beforeEnd };
}

describe("replicates.parquet on its own thread", () => {
  const rowsPerReplicate = plan.alternatives.length * plan.series.length;
  const severalGroups = Math.ceil((2.5 * ROW_GROUP_ROWS) / rowsPerReplicate);
  it.each([
    ["no replicate", 0],
    ["one replicate", 1],
    ["more replicates than the thread may fall behind by", 700],
    ["rows for several row groups", severalGroups],
  ])("writes ReplicatesParquet's bytes for %s", (_, count) => {
    const list = outcomes(count, count);
    const onThread = written(replicatesParquetStream(plan), list);
    const here = written(new ReplicatesParquet(plan), list);
    expect(onThread.bytes.equals(here.bytes)).toBe(true);
    expect(onThread.bytes.subarray(0, 4).toString()).toBe("PAR1");
    // Row groups come back as they fill: all but the last are out before the end.
    if (count === severalGroups) expect(onThread.beforeEnd).toBeGreaterThan(here.bytes.length / 2);
  });
});
