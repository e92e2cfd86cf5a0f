/**
 * Memory does not grow with the number of replicates (README): a sweep of 10^8 replicates
 * starts recording under a heap far smaller than a list of 10^8 replicate numbers (the shard's
 * replicates are computed by position, never listed). No wall-clock bound: the child is
 * watched until it has recorded some replicates, or has died.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { replicateAt, replicateCount, replicatesOf } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-memory-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a shard's replicates by position", () => {
  it("are the replicates r < runs with r mod count = index, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(39), fc.integer({ min: 1, max: 500 }), (count, i, runs) => {
        const shard = { index: i % count, count };
        const byPosition = Array.from({ length: replicateCount(shard, runs) }, (_, k) => replicateAt(shard, k));
        expect(byPosition).toEqual([...replicatesOf(shard, runs)]);
      }),
    );
  });
});

describe("sweep --runs 100000000", () => {
  it("records its first replicates under a 128 MB heap (a list of its replicates alone would take 800 MB)", async () => {
    const folder = path.join(scratch, "huge");
    const records = path.join(folder, "records.bin");
    const child = spawn(process.execPath, ["--max-old-space-size=128", CLI, "sweep", TINY, "--runs", "100000000", "--swing-runs", "0", "--workers", "1", "--out", folder, "-q"], {
      cwd: scratch,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(`exited with ${code ?? signal}`)));
    // Three replicates recorded (the tiny world's records are about 150 bytes each), or the end of the child.
    const recorded = (async () => {
      for (;;) {
        if (existsSync(records) && statSync(records).size > 450) return "recording";
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const outcome = await Promise.race([recorded, exited]);
    child.kill("SIGKILL");
    await exited;
    expect(outcome, stderr.slice(0, 2000)).toBe("recording");
  }, 120_000);
});
