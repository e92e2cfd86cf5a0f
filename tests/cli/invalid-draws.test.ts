/**
 * Invalid draws (issue 20): a replicate whose drawn inputs break a rule of the format (here a
 * reserve level drawn below its floor) no longer stops the sweep: it is recorded (replicate,
 * field, message) in the shard folder and in invalid-draws.csv, counted in summary.json
 * (`invalidDraws`), and excluded from every statistic (`runs` counts the valid replicates).
 * Which replicates are skipped depends only on the plan, so 1 and 2 workers, two shards merged,
 * and a sweep grown with --resume all give the same bytes.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/index.js";
import { drawWorld } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const FIXTURE = path.join(ROOT, "tests/fixtures/sweep/invalid-draws.yaml");
const RUNS = 40;
const RESULTS = ["replicates.csv", "replicates.parquet", "bands.csv", "sensitivity.csv", "invalid-draws.csv", "summary.json", "report.html"];
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-invalid-draws-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: 180_000, killSignal: "SIGKILL", maxBuffer: 64 << 20, env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

const read = (folder: string, name: string) => readFileSync(path.join(folder, name));
const sweepArgs = (out: string, ...more: string[]) => ["sweep", "tests/fixtures/sweep/invalid-draws.yaml", "--runs", String(RUNS), "--swing-runs", "2", "--seed", "1", ...more, "--out", out];

/** The replicates whose draw breaks a rule, found with the library (seed 1, Monte Carlo). */
const scenario = loadScenario(FIXTURE);
const invalid = Array.from({ length: RUNS }, (_, r) => r).filter((r) => !drawWorld(scenario, { seed: 1, replicate: r }).ok);

describe("a sweep with invalid draws", () => {
  const one = path.join(scratch, "one-worker");
  let ran: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    ran = await cli(sweepArgs(one, "--workers", "1"));
  }, 180_000);

  it("has some (the fixture draws a level below the floor now and then)", () => {
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeLessThan(RUNS / 2);
  });

  it("records and skips them, and says so", () => {
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.split("\n")[0]).toBe(`sweep of invalid-draws: ${RUNS - invalid.length} replicates (seed 1, design mc); ${invalid.length} skipped for an invalid draw, listed in invalid-draws.csv`);
    const csv = read(one, "invalid-draws.csv").toString("utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("replicate,field,message");
    expect(csv.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(invalid);
    expect(csv[1]).toMatch(
      new RegExp(`^${invalid[0]},stockpiles\\.reserve\\.floor,"tests/fixtures/sweep/invalid-draws\\.yaml:\\d+:\\d+ stockpiles\\.reserve\\.floor: floor \\([\\d.]+ t\\) must not exceed the level \\([\\d.]+ t\\) \\(drawn for seed 1, replicate ${invalid[0]}\\)"$`),
    );
    const summary = JSON.parse(read(one, "summary.json").toString("utf8")) as { manifest: { runs: number; invalidDraws: number; plannedRuns: number } };
    expect(summary.manifest).toMatchObject({ runs: RUNS - invalid.length, invalidDraws: invalid.length, plannedRuns: RUNS });
  });

  it("excludes them from every result: no rows, and the means are those of the valid replicates", () => {
    const rows = read(one, "replicates.csv").toString("utf8").trimEnd().split("\n");
    const header = rows[0].split(",");
    const replicates = rows.slice(1).map((line) => Number(line.split(",")[0]));
    expect([...new Set(replicates)]).toEqual(Array.from({ length: RUNS }, (_, r) => r).filter((r) => !invalid.includes(r)));
    const unmet = header.indexOf("unmetTonnes");
    const values = rows.slice(1).map((line) => Number(line.split(",")[unmet]));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const summary = JSON.parse(read(one, "summary.json").toString("utf8")) as { alternatives: { kpis: { unmetTonnes: { mean: number } }[] }[] };
    expect(summary.alternatives[0].kpis[0].unmetTonnes.mean).toBeCloseTo(mean, 4);
  });

  it("gives the same bytes with 2 workers, with 2 shards merged, and grown from fewer runs with --resume", async () => {
    const two = path.join(scratch, "two-workers");
    expect((await cli(sweepArgs(two, "--workers", "2", "-q"))).code).toBe(0);
    const shards = [0, 1].map((i) => path.join(scratch, `shard-${i}`));
    for (const [i, folder] of shards.entries()) expect((await cli(sweepArgs(folder, "--shard", `${i}/2`, "--workers", "1", "-q"))).code).toBe(0);
    const merged = path.join(scratch, "merged");
    const merge = await cli(["merge", ...shards, "--out", merged, "-q"]);
    expect(merge.code, merge.stderr).toBe(0);
    // Grown: 17 runs first (so the records end after some skipped replicates), then 40 with --resume.
    const grown = path.join(scratch, "grown");
    const first = sweepArgs(grown, "--workers", "2", "-q").map((a) => (a === String(RUNS) ? "17" : a));
    expect((await cli(first)).code).toBe(0);
    const resumed = await cli(sweepArgs(grown, "--workers", "2", "--resume", "-q"));
    expect(resumed.code, resumed.stderr).toBe(0);
    for (const folder of [two, merged, grown]) {
      for (const name of RESULTS) expect(read(folder, name).equals(read(one, name)), `${name} of ${path.basename(folder)}`).toBe(true);
    }
  }, 300_000);
});
