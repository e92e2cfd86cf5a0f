/**
 * merge on shard sets that used to trip it: more shards than tornado swing runs (the shards
 * without swing replicates write no tornado.json), and shards whose records hold more
 * replicates than the shard has (merge refuses them as --resume does). Real processes on
 * the built CLI.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const RESULTS = ["replicates.csv", "bands.csv", "summary.json", "sensitivity.csv", "report.html"];
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-merge-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: 120_000, killSignal: "SIGKILL", env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

const RUNS = 4;
const SHARDS = 3;
const sweepArgs = ["sweep", TINY, "--runs", String(RUNS), "--seed", "5", "--swing-runs", "1", "--workers", "1", "-q"];
const shardFolders = Array.from({ length: SHARDS }, (_, i) => path.join(scratch, "shards", `shard-${i}`));
const whole = path.join(scratch, "whole");

beforeAll(async () => {
  const results = await Promise.all([cli([...sweepArgs, "--out", whole]), ...shardFolders.map((folder, i) => cli([...sweepArgs, "--shard", `${i}/${SHARDS}`, "--out", folder]))]);
  for (const result of results) expect(result.code, result.stderr).toBe(0);
}, 180_000);

describe("merge with more shards than tornado swing runs", () => {
  it("merges shards that ran no swing replicate (and wrote no tornado.json) to the unsharded bytes", async () => {
    expect(existsSync(path.join(shardFolders[0], "tornado.json"))).toBe(true);
    expect(existsSync(path.join(shardFolders[1], "tornado.json"))).toBe(false);
    const merged = path.join(scratch, "merged");
    const merge = await cli(["merge", ...shardFolders, "--out", merged, "-q"]);
    expect(merge.code, merge.stderr).toBe(0);
    for (const file of RESULTS) expect(readFileSync(path.join(merged, file)).equals(readFileSync(path.join(whole, file))), `${file} differs`).toBe(true);
  }, 120_000);

  it("still refuses a shard that has swing replicates and lost its tornado.json", async () => {
    const lost = path.join(scratch, "lost-swings");
    cpSync(shardFolders[0], lost, { recursive: true });
    rmSync(path.join(lost, "tornado.json"));
    const merge = await cli(["merge", lost, shardFolders[1], shardFolders[2], "--out", path.join(scratch, "not-merged"), "-q"]);
    expect(merge.code).toBe(2);
    expect(merge.stderr.trim()).toBe(`${lost} has no tornado swings (tornado.json): the shard has not finished; resume it with --resume`);
  }, 120_000);
});
