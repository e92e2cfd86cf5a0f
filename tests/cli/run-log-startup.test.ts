/**
 * run-log.json reports the sweep's start-up before its first replicate: from the process's start
 * to the first worker ready (secondsToFirstReplicate) and the slowest worker's spawn to ready
 * (workerStartSeconds); both null when a resumed sweep has nothing left to run.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-run-log-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function sweepLog(out: string, ...extra: string[]): Promise<Record<string, unknown>> {
  await promisify(execFile)(process.execPath, [CLI, "sweep", TINY, "--runs", "4", "--workers", "2", "--out", out, "-q", ...extra]);
  return JSON.parse(readFileSync(path.join(out, "run-log.json"), "utf8")) as Record<string, unknown>;
}

describe("run-log.json start-up figures", () => {
  it("gives the seconds to the first replicate and the slowest worker's start, then null when nothing ran", async () => {
    const out = path.join(scratch, "tiny");
    const log = await sweepLog(out);
    expect(log.replicatesRun).toBe(4);
    expect(log.secondsToFirstReplicate).toBeGreaterThan(0);
    expect(log.workerStartSeconds).toBeGreaterThan(0);
    const again = await sweepLog(out, "--resume");
    expect([again.replicatesRun, again.secondsToFirstReplicate, again.workerStartSeconds]).toEqual([0, null, null]);
  }, 120_000);
});
