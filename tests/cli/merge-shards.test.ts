/**
 * merge on shard sets that used to trip it: more shards than tornado swing runs (the shards
 * without swing replicates write no tornado.json), and shards whose records hold a replicate
 * twice or out of place (merge refuses them as --resume does, with the same message). Real
 * processes on the built CLI.
 */
import { execFile } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const RESULTS = ["replicates.csv", "replicates.parquet", "bands.csv", "summary.json", "sensitivity.csv", "report.html"];
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

describe("a shard whose records hold a replicate twice", () => {
  it("is refused by merge as by --resume, with the same message", async () => {
    const doubled = path.join(scratch, "doubled");
    cpSync(shardFolders[1], doubled, { recursive: true });
    // Shard 1/3 of 4 runs holds replicate 1 alone: its records file is one frame; append it again.
    const records = path.join(doubled, "records.bin");
    appendFileSync(records, readFileSync(records));
    const message = `${records}: replicate 1 after the shard's last replicate (1): the records are damaged; start the shard again in a new folder`;
    const merge = await cli(["merge", shardFolders[0], doubled, shardFolders[2], "--out", path.join(scratch, "merged-doubled"), "-q"]);
    expect(merge.code).toBe(2);
    expect(merge.stderr.trim()).toBe(message);
    expect(existsSync(path.join(scratch, "merged-doubled"))).toBe(false);
    const resume = await cli([...sweepArgs, "--shard", "1/3", "--out", doubled, "--resume"]);
    expect(resume.code).toBe(2);
    expect(resume.stderr.trim()).toBe(message);
  }, 120_000);

  it("refuses a replicate out of place with the message --resume gives", async () => {
    const swapped = path.join(scratch, "swapped");
    cpSync(shardFolders[0], swapped, { recursive: true });
    // Shard 0/3 holds replicates 0 and 3; put shard 1's replicate 1 in front.
    const records = path.join(swapped, "records.bin");
    writeFileSync(records, Buffer.concat([readFileSync(path.join(shardFolders[1], "records.bin")), readFileSync(records)]));
    const message = `${records}: replicate 1 where 0 belongs: the records are damaged; start the shard again in a new folder`;
    const merge = await cli(["merge", swapped, shardFolders[1], shardFolders[2], "--out", path.join(scratch, "merged-swapped"), "-q"]);
    expect(merge.code).toBe(2);
    expect(merge.stderr.trim()).toBe(message);
    const resume = await cli([...sweepArgs, "--shard", "0/3", "--out", swapped, "--resume"]);
    expect(resume.code).toBe(2);
    expect(resume.stderr.trim()).toBe(message);
  }, 120_000);
});
