/**
 * A really full disk: sweep, run and merge write into a small tmpfs, of sizes from a few pages
 * to enough. Whatever the size, a command either succeeds with complete outputs or exits 2
 * with "cannot write FILE: no space left on the device (ENOSPC)", no stack trace, and no
 * half-written final file: a run's or merge's old set stays whole; a sweep's result files are
 * whole (the bytes of a sweep on a roomy disk) and its records a prefix of that sweep's; once
 * the disk is made larger, --resume finishes the sweep to those bytes. Needs root and a kernel
 * that lets it mount tmpfs; skipped with a warning otherwise (tests/cli/write-failures.test.ts
 * injects the same failures everywhere).
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-full-disk-"));
const mounted = new Set<string>();

function mount(dir: string, kilobytes: number): boolean {
  mkdirSync(dir, { recursive: true });
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k,mode=0755`, "tmpfs", dir], { encoding: "utf8" });
  if (result.status === 0) mounted.add(dir);
  return result.status === 0;
}

function resize(dir: string, kilobytes: number): void {
  const result = spawnSync("mount", ["-o", `remount,size=${kilobytes}k`, dir], { encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}

function unmount(dir: string): void {
  if (!mounted.has(dir)) return;
  spawnSync("umount", [dir]);
  mounted.delete(dir);
}

/** Whether this process may mount a tmpfs here (root, and a kernel or container that allows it). */
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = path.join(scratch, "probe");
  const ok = mount(probe, 64);
  unmount(probe);
  return ok;
})();
if (!canMount) console.warn("tests/cli/full-disk.test.ts skipped: mounting a tmpfs needs root (and a container that allows mount)");

afterAll(() => {
  for (const dir of [...mounted]) unmount(dir);
  rmSync(scratch, { recursive: true, force: true });
});

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

function contentsOf(folder: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(path.join(folder, name))]));
}

const RESULT_FILES = ["replicates.csv", "bands.csv", "sensitivity.csv", "summary.json", "report.html", "tornado.json"];
const SWEEP = ["sweep", TINY, "--runs", "6", "--seed", "4", "--swing-runs", "2", "--workers", "1", "-q"];
const reference = path.join(scratch, "reference");
const shards = [path.join(scratch, "shard-0"), path.join(scratch, "shard-1")];

/** Exit 0, or exit 2 with one line saying the disk is full, naming a file (under `under`). Returns whether it failed. */
function expectFullOrDone(result: Outcome, pattern: RegExp): boolean {
  expect(result.stderr, "a stack trace").not.toMatch(/^\s+at /m);
  if (result.code === 0) return false;
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split("\n").filter((l) => !/ replicates(,| in )/.test(l))).toEqual([expect.stringMatching(pattern)]);
  return true;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe.skipIf(!canMount)("on a full disk", () => {
  beforeAll(async () => {
    for (const [args, out] of [
      [SWEEP, reference],
      [["sweep", TINY, "--runs", "6", "--seed", "4", "--swing-runs", "2", "--workers", "1", "--shard", "0/2", "-q"], shards[0]],
      [["sweep", TINY, "--runs", "6", "--seed", "4", "--swing-runs", "2", "--workers", "1", "--shard", "1/2", "-q"], shards[1]],
    ] as const) {
      const result = await cli([...args, "--out", out]);
      expect(result.code, result.stderr).toBe(0);
    }
  }, 120_000);

  it("a sweep leaves whole files and resumes to the same bytes once there is room", async () => {
    const expected = contentsOf(reference);
    const failedAt: string[] = [];
    for (const kilobytes of [4, 8, 12, 16, 24, 32, 48, 96, 160, 176, 192, 1024]) {
      const disk = path.join(scratch, `sweep-disk-${kilobytes}`);
      expect(mount(disk, kilobytes)).toBe(true);
      const folder = path.join(disk, "sweep");
      const result = await cli([...SWEEP, "--out", folder]);
      const isFull = expectFullOrDone(result, new RegExp(`^cannot write ${escape(folder)}/([a-z-]+\\.[a-z]+): no space left on the device \\(ENOSPC\\); `));
      if (isFull) failedAt.push(`${kilobytes} KB: ${/cannot write \S+\/([a-z-]+\.[a-z]+)/.exec(result.stderr)?.[1]}`);
      if (existsSync(folder)) {
        const after = contentsOf(folder);
        expect(Object.keys(after).filter((name) => name.endsWith(".tmp")), `${kilobytes} KB`).toEqual([]);
        for (const name of RESULT_FILES.filter((n) => after[n] !== undefined)) expect(after[name].equals(expected[name]), `${name} is not whole at ${kilobytes} KB`).toBe(true);
        if (after["records.bin"] !== undefined) expect(expected["records.bin"].subarray(0, after["records.bin"].length).equals(after["records.bin"].subarray(0, Math.min(after["records.bin"].length, expected["records.bin"].length))), `records.bin at ${kilobytes} KB`).toBe(true);
      }
      if (isFull) {
        resize(disk, 1024);
        const resumed = await cli([...SWEEP, "--out", folder, "--resume"]);
        expect(resumed.code, resumed.stderr).toBe(0);
        const finished = contentsOf(folder);
        for (const name of [...RESULT_FILES, "records.bin"]) expect(finished[name].equals(expected[name]), `${name} after --resume at ${kilobytes} KB`).toBe(true);
      }
      unmount(disk);
    }
    // The sizes must have filled the disk at several different files for the test to mean anything.
    expect(new Set(failedAt.map((f) => f.split(": ")[1])).size, failedAt.join(", ")).toBeGreaterThanOrEqual(3);
  }, 600_000);

  it("a run keeps its old set whole when the new one does not fit", async () => {
    let full = 0;
    for (const kilobytes of [120, 140, 160, 180, 200, 1024]) {
      const disk = path.join(scratch, `run-disk-${kilobytes}`);
      expect(mount(disk, kilobytes)).toBe(true);
      const folder = path.join(disk, "run");
      expect((await cli(["run", TINY, "--seed", "1", "--out", folder, "-q"])).code, `${kilobytes} KB`).toBe(0);
      const before = contentsOf(folder);
      const result = await cli(["run", TINY, "--seed", "2", "--out", folder, "-q"]);
      if (expectFullOrDone(result, new RegExp(`^cannot write outputs to ${escape(folder)}: cannot write [a-z]+\\.[a-z]+: no space left on the device \\(ENOSPC\\); ${escape(folder)} is left as it was$`))) {
        full++;
        expect(contentsOf(folder), `${kilobytes} KB`).toEqual(before);
      } else expect(contentsOf(folder)).not.toEqual(before);
      expect(readdirSync(disk), `${kilobytes} KB`).toEqual(["run"]);
      unmount(disk);
    }
    expect(full).toBeGreaterThan(0);
  }, 300_000);

  it("a merge writes its whole set or nothing", async () => {
    let full = 0;
    for (const kilobytes of [8, 64, 160, 1024]) {
      const disk = path.join(scratch, `merge-disk-${kilobytes}`);
      expect(mount(disk, kilobytes)).toBe(true);
      const folder = path.join(disk, "merged");
      const result = await cli(["merge", ...shards, "--out", folder, "-q"]);
      if (expectFullOrDone(result, new RegExp(`^cannot write outputs to ${escape(folder)}: cannot write [a-z-]+\\.[a-z]+: no space left on the device \\(ENOSPC\\); ${escape(folder)} is left as it was$`))) {
        full++;
        expect(readdirSync(disk), `${kilobytes} KB`).toEqual([]);
      } else {
        const merged = contentsOf(folder);
        const expected = contentsOf(reference);
        for (const name of ["replicates.csv", "bands.csv", "sensitivity.csv", "summary.json", "report.html"]) expect(merged[name].equals(expected[name]), name).toBe(true);
      }
      unmount(disk);
    }
    expect(full).toBeGreaterThan(0);
  }, 300_000);
});
