/**
 * Sweeps as users run them: real processes, real worker threads, real files. Any shard count
 * and any worker count give the same bytes; a sweep killed at a random moment (a real SIGKILL)
 * and resumed gives the same bytes; a stop rule settles on the same number of replicates on
 * 1 and 2 workers; bad requests are refused with exit 2 and leave existing outputs alone.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, sweep } from "../../src/index.js";
import { renderSensitivityCsv } from "../../src/report/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const RESULTS = ["replicates.csv", "replicates.parquet", "bands.csv", "summary.json", "sensitivity.csv", "report.html"];
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-sweep-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], timeoutMs = 120_000): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 << 20, env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

function bytesOf(folder: string): Record<string, Buffer> {
  return Object.fromEntries(RESULTS.filter((f) => existsSync(path.join(folder, f))).map((f) => [f, readFileSync(path.join(folder, f))]));
}

function expectSameBytes(a: string, b: string, context: string): void {
  const left = bytesOf(a);
  const right = bytesOf(b);
  expect(Object.keys(left).sort(), context).toEqual(RESULTS.slice().sort());
  for (const f of RESULTS) expect(left[f].equals(right[f]), `${f} differs: ${context}`).toBe(true);
}

let counter = 0;
const fresh = (name: string) => path.join(scratch, `${name}-${counter++}`);

/** A small random world: the tiny fixture with its numbers moved. */
const world = fc.record({
  mineLow: fc.integer({ min: 150, max: 300 }),
  mineSpan: fc.integer({ min: 0, max: 300 }),
  demand: fc.integer({ min: 200, max: 420 }),
  approvalLow: fc.integer({ min: 10, max: 60 }),
  perYear: fc.integer({ min: 0, max: 8 }),
});

function writeWorld(w: { mineLow: number; mineSpan: number; demand: number; approvalLow: number; perYear: number }): string {
  const text = readFileSync(TINY, "utf8")
    .replace("capacity: { uniform: [250 t/yr, 450 t/yr] }", `capacity: { uniform: [${w.mineLow} t/yr, ${w.mineLow + w.mineSpan} t/yr] }`)
    .replace("mean: 360 t/yr", `mean: ${w.demand} t/yr`)
    .replace("approval: { uniform: [30%, 80%] }", `approval: { uniform: [${w.approvalLow}%, ${w.approvalLow + 30}%] }`)
    .replace("outages: { perYear: 4,", `outages: { perYear: ${w.perYear},`);
  const file = path.join(fresh("world"), "world.yaml");
  mkdirSync(path.dirname(file));
  writeFileSync(file, text);
  return file;
}

describe("sweep and merge", () => {
  it("give the same bytes for any shard count 1..8 and any worker count", async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom("mc", "lhs"), async (w, seed, runs, shards, workers, design) => {
        const file = writeWorld(w);
        const context = JSON.stringify({ w, seed, runs, shards, workers, design });
        const whole = fresh("whole");
        const single = await cli(["sweep", file, "--runs", String(runs), "--seed", String(seed), "--design", design, "--workers", String(workers), "--out", whole, "-q"]);
        expect(single.code, `${context}\n${single.stderr}`).toBe(0);
        const count = Math.min(shards, runs);
        const folders = Array.from({ length: count }, (_, i) => path.join(fresh("shards"), `s${i}`));
        const results = await Promise.all(
          folders.map((folder, i) => cli(["sweep", file, "--runs", String(runs), "--seed", String(seed), "--design", design, "--workers", "1", "--shard", `${i}/${count}`, "--out", folder, "-q"])),
        );
        for (const r of results) expect(r.code, `${context}\n${r.stderr}`).toBe(0);
        const merged = fresh("merged");
        const merge = await cli(["merge", ...folders, "--out", merged, "-q"]);
        expect(merge.code, `${context}\n${merge.stderr}`).toBe(0);
        expectSameBytes(whole, merged, context);
      }),
      { numRuns: Number(process.env.SWEEP_RUNS ?? 3) },
    );
  }, 600_000);

  it("give the same bytes after a real SIGKILL at a random moment and --resume", async () => {
    const runs = 300;
    const reference = fresh("reference");
    const started = performance.now();
    expect((await cli(["sweep", TINY, "--runs", String(runs), "--seed", "77", "--workers", "2", "--out", reference, "-q"])).code).toBe(0);
    const wholeMs = performance.now() - started;
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0.3, max: 0.95, noNaN: true }), async (fraction) => {
        const folder = fresh("killed");
        const child = spawn(process.execPath, [CLI, "sweep", TINY, "--runs", String(runs), "--seed", "77", "--workers", "2", "--out", folder, "-q"], { cwd: scratch, stdio: "ignore" });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill("SIGKILL"), wholeMs * fraction);
          child.on("exit", () => {
            clearTimeout(timer);
            resolve();
          });
        });
        const resumed = await cli(["sweep", TINY, "--runs", String(runs), "--seed", "77", "--workers", "2", "--out", folder, "--resume", "-q"]);
        expect(resumed.code, resumed.stderr).toBe(0);
        expectSameBytes(reference, folder, `killed at ${(fraction * 100).toFixed(0)}% of ${wholeMs.toFixed(0)} ms`);
      }),
      { numRuns: Number(process.env.KILL_RUNS ?? 3) },
    );
  }, 600_000);

  it("stop at the same number of replicates on 1 and 2 workers", async () => {
    const until = "unmetTonnes AA metal: mean ±60% @90%";
    const run = async (workers: number) => {
      const folder = fresh(`until-${workers}`);
      const result = await cli(["sweep", TINY, "--runs", "2000", "--seed", "3", "--batch", "40", "--until", until, "--workers", String(workers), "--out", folder, "-q"]);
      expect(result.code, result.stderr).toBe(0);
      return { folder, summary: JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8")) };
    };
    const one = await run(1);
    const two = await run(2);
    expect(one.summary.manifest.stoppedByRule).toBe(true);
    expect(one.summary.manifest.runs % 40).toBe(0);
    expect(one.summary.manifest.runs).toBeLessThan(2000);
    expect(two.summary.manifest.runs).toBe(one.summary.manifest.runs);
    expectSameBytes(one.folder, two.folder, until);
  }, 300_000);
});

describe("bad sweep requests", () => {
  it.each([
    [["--shard", "5/3"], "--shard I must be below N (shards are numbered 0 to N-1); got \"5/3\""],
    [["--shard", "x"], "--shard must be I/N with 0 <= I < N, such as 3/8; got \"x\""],
    [["--runs", "0"], "--runs must be a whole number from 1 to 100000000, got 0"],
    [["--design", "sobol"], '--design must be mc or lhs, got "sobol"'],
    [["--set", "controls.nope.approval=50%"], "--set controls.nope.approval=50%:1:1: the scenario has no controls.nope (it has licence)"],
    [["--set", "controls.licence.aproval=50%"], /^--set controls\.licence\.aproval=50%:1:1: controls\.licence\.aproval is not a field of the scenario format; did you mean "approval"\?$/],
    [["--set", "controls.licence.approval=150%"], '--set controls.licence.approval=150%:1:27 controls.licence.approval: must be between 0 and 1 (0% and 100%), got "150%"'],
    [["--until", "unmetTonnes AA: mean ±2%"], /^--until: "unmetTonnes AA: mean ±2%" is not a stop rule/],
  ])("%j is refused", async (flags, message) => {
    const folder = fresh("bad");
    // A later --runs replaces the first.
    const result = await cli(["sweep", TINY, "--runs", "3", ...(flags as string[]), "--out", folder]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const line = result.stderr.trim().split("\n")[0];
    if (typeof message === "string") expect(line).toBe(message);
    else expect(line).toMatch(message);
    expect(existsSync(folder)).toBe(false);
  });

  it("merge refuses mismatched shards, an incomplete set, a damaged or a torn shard, and overwrites nothing", async () => {
    const base = fresh("shards");
    const sweep = (i: number, k: number, seed: string, folder = path.join(base, `s${i}of${k}-${seed}`)) =>
      cli(["sweep", TINY, "--runs", "9", "--seed", seed, "--shard", `${i}/${k}`, "--workers", "1", "--out", folder, "-q"]).then((r) => {
        expect(r.code, r.stderr).toBe(0);
        return folder;
      });
    const [a0, a1, a2] = await Promise.all([sweep(0, 3, "1"), sweep(1, 3, "1"), sweep(2, 3, "1")]);
    const other = await sweep(2, 3, "2");
    const out = fresh("merged");
    mkdirSync(out);
    writeFileSync(path.join(out, "summary.json"), "old\n");
    const merge = (...folders: string[]) => cli(["merge", ...folders, "--out", out, "-q"]);
    const expectRefusal = async (result: Promise<Outcome>, pattern: RegExp) => {
      const r = await result;
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(pattern);
      expect(readFileSync(path.join(out, "summary.json"), "utf8")).toBe("old\n");
    };
    await expectRefusal(merge(a0, a1, other), /is not a shard of the same sweep as .*: seed differs \(1 and 2\)$/);
    await expectRefusal(merge(a0, a1), /^shard 2\/3 of the sweep is missing$/);
    await expectRefusal(merge(a0, a1, a1, a2), /^shard 1\/3 is given twice/);
    // A damaged record in the middle of a shard.
    const damaged = path.join(base, "damaged");
    cpSync(a1, damaged, { recursive: true });
    const records = path.join(damaged, "records.bin");
    const bytes = readFileSync(records);
    bytes[20] ^= 0xff;
    writeFileSync(records, bytes);
    await expectRefusal(merge(a0, damaged, a2), /records\.bin: the record at byte 0 fails its checksum \(the file is damaged\)$/);
    // A shard whose last record is torn (killed mid-write).
    const torn = path.join(base, "torn");
    cpSync(a2, torn, { recursive: true });
    truncateSync(path.join(torn, "records.bin"), statSync(path.join(torn, "records.bin")).size - 7);
    await expectRefusal(merge(a0, a1, torn), /^replicate 8 is missing: .*torn ends before it \(its last record is torn: the shard was killed; finish it with --resume\)$/);
    // And the complete set merges.
    expect((await merge(a0, a1, a2)).code).toBe(0);
    expect(readFileSync(path.join(out, "summary.json"), "utf8")).toMatch(/"runs": 9/);
  }, 300_000);

  it("a second sweep into a sweep's folder needs --resume, and another sweep's folder is refused", async () => {
    const folder = fresh("again");
    expect((await cli(["sweep", TINY, "--runs", "4", "--out", folder, "-q"])).code).toBe(0);
    const before = readFileSync(path.join(folder, "summary.json"));
    const again = await cli(["sweep", TINY, "--runs", "4", "--out", folder, "-q"]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim()).toBe(`cannot write outputs to ${folder}: it already holds this sweep's records; add --resume to finish it, or name another folder`);
    const other = await cli(["sweep", TINY, "--runs", "4", "--seed", "12345", "--out", folder, "--resume", "-q"]);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toMatch(/it holds the records of another sweep \(seed differs \(-?\d+ and 12345\)\); name another folder$/);
    expect(readFileSync(path.join(folder, "summary.json")).equals(before)).toBe(true);
  }, 120_000);

  it("sensitivity prints the inputs most influential first and writes its report; a scenario without uncertain inputs is refused", async () => {
    const folder = fresh("sensitivity");
    const oneInput = path.join(ROOT, "tests/fixtures/sweep/one-input.yaml");
    const ran = await cli(["sensitivity", oneInput, "--runs", "60", "--swing-runs", "2", "--out", folder]);
    expect(ran.code, ran.stderr).toBe(0);
    const lines = ran.stdout.trimEnd().split("\n");
    const header = lines.findIndex((line) => line.startsWith("input "));
    expect(lines[header]).toMatch(/^input\s+low end\s+high end\s+KPI at low\s+KPI at high\s+swing \(95% interval\)\s+rho \(95% interval\)$/);
    expect(lines[header + 1]).toMatch(/^stockpiles\.reserve\.level\s+12\s+108\s/);
    expect(lines.at(-1)).toBe(`report: ${path.join(folder, "report.html")}`);
    const csv = readFileSync(path.join(folder, "sensitivity.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("input,kpi,low,high,input_low,input_centre,input_high,kpi_at_low,kpi_at_centre,kpi_at_high,swing,swing_low,swing_high,spearman,spearman_low,spearman_high,srrc,signs,replicates,swing_replicates");
    expect(csv[1]).toMatch(/^stockpiles\.reserve\.level,"unmet t, all pairs",10th percentile,90th percentile,12,60,108,/);
    expect(existsSync(path.join(folder, "report.html"))).toBe(true);

    const none = await cli(["sensitivity", path.join(ROOT, "scenarios/baseline-2024.yaml"), "--runs", "5", "--out", fresh("none")]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim()).toMatch(/baseline-2024\.yaml has no uncertain inputs, so there is nothing to rank: write a field as a distribution/);
  }, 120_000);

  it("runs the tornado's swings on worker threads to the same numbers as the library does in one thread", async () => {
    const folder = fresh("swings");
    expect((await cli(["sweep", TINY, "--runs", "12", "--swing-runs", "3", "--workers", "2", "--out", folder, "-q"])).code).toBe(0);
    const inThread = sweep(loadScenario(TINY), { runs: 12, swingRuns: 3 });
    expect(readFileSync(path.join(folder, "sensitivity.csv"), "utf8")).toBe(renderSensitivityCsv(inThread.plan, inThread.sensitivity!));
  }, 120_000);
});
