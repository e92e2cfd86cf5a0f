/**
 * What an output folder may already hold. A sweep adds its files to its folder, so a folder
 * holding a run's or a merge's outputs is refused (they would stay beside the sweep's own); a
 * run or a merge replaces its folder whole, so a sweep's working folder (its records) is
 * refused. Output folders get the permissions of any new folder: the umask decides.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-sweep-folder-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI under `umask` (octal text). */
function cli(args: readonly string[], umask = "022"): Promise<Outcome> {
  return new Promise((resolve) => {
    const command = `umask ${umask} && exec "$0" "$@"`;
    execFile("sh", ["-c", command, process.execPath, CLI, ...args], { cwd: scratch, timeout: 120_000, killSignal: "SIGKILL", env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

/** A folder's files and their bytes. */
function contentsOf(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(path.join(folder, name), "latin1")]));
}

const runFolder = path.join(scratch, "run");
const sweepFolder = path.join(scratch, "sweep");
const mergedFolder = path.join(scratch, "merged");

beforeAll(async () => {
  const [run, sweep] = await Promise.all([cli(["run", TINY, "--out", runFolder, "-q"]), cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--workers", "1", "--out", sweepFolder, "-q"])]);
  expect(run.code, run.stderr).toBe(0);
  expect(sweep.code, sweep.stderr).toBe(0);
  const merge = await cli(["merge", sweepFolder, "--out", mergedFolder, "-q"]);
  expect(merge.code, merge.stderr).toBe(0);
}, 120_000);

describe("a folder holding another command's outputs", () => {
  it("a sweep into a run's folder is refused, and the run's files stay as they were", async () => {
    const before = contentsOf(runFolder);
    const result = await cli(["sweep", TINY, "--runs", "2", "--out", runFolder, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `cannot write outputs to ${runFolder}: it holds the outputs of a run (licences.csv, report.html, summary.json, timeline.csv, trade.csv): a sweep would leave them beside its own files, mixing the two; name a new or empty folder`,
    );
    expect(contentsOf(runFolder)).toEqual(before);
  });

  it("a sweep into a merge's folder is refused", async () => {
    const before = contentsOf(mergedFolder);
    const result = await cli(["sweep", TINY, "--runs", "2", "--out", mergedFolder, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `cannot write outputs to ${mergedFolder}: it holds the outputs of a merge or of another command (bands.csv, replicates.csv, replicates.parquet, report.html, run-log.json, sensitivity.csv, summary.json): a sweep would leave them beside its own files, mixing the two; name a new or empty folder`,
    );
    expect(contentsOf(mergedFolder)).toEqual(before);
  });

  it("a run into a sweep's working folder is refused, and its records stay", async () => {
    const before = contentsOf(sweepFolder);
    const result = await cli(["run", TINY, "--out", sweepFolder, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`cannot write outputs to ${sweepFolder}: it is a sweep's working folder (it holds band-counts.bin, records.bin, shard.json), which replacing it would delete; name another folder`);
    expect(contentsOf(sweepFolder)).toEqual(before);
  });

  it("merge into another sweep's working folder is refused", async () => {
    const other = path.join(scratch, "other-sweep");
    expect((await cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--workers", "1", "--seed", "9", "--out", other, "-q"])).code).toBe(0);
    const before = contentsOf(sweepFolder);
    const result = await cli(["merge", other, "--out", sweepFolder, "-q"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`cannot write outputs to ${sweepFolder}: it is a sweep's working folder (it holds band-counts.bin, records.bin, shard.json), which replacing it would delete; name another folder`);
    expect(contentsOf(sweepFolder)).toEqual(before);
  }, 60_000);
});

describe("output folders follow the umask", () => {
  it.each([
    ["022", "755"],
    ["027", "750"],
    ["077", "700"],
  ])("under umask %s, run, sweep and merge folders are %s", async (umask, mode) => {
    const base = path.join(scratch, `umask-${umask}`);
    const made = [path.join(base, "run"), path.join(base, "sweep"), path.join(base, "merged")];
    for (const args of [
      ["run", TINY, "--out", made[0], "-q"],
      ["sweep", TINY, "--runs", "1", "--swing-runs", "0", "--workers", "1", "--out", made[1], "-q"],
      ["merge", made[1], "--out", made[2], "-q"],
    ]) {
      const result = await cli(args, umask);
      expect(result.code, result.stderr).toBe(0);
    }
    for (const folder of [base, ...made]) expect((statSync(folder).mode & 0o777).toString(8), folder).toBe(mode);
  }, 120_000);
});
