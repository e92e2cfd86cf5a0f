/**
 * A file that cannot be written (a full disk, a quota, a failing device, a read-only file
 * system, a permission taken away), for every command that writes and every file it writes:
 * exit 2 and one line naming the file and the cause, no stack trace, and no half-written final
 * file (the old one intact, or none, and no temporary left). A sweep's folder then finishes
 * with --resume to the bytes of a sweep that never failed. The failures are injected into the
 * real CLI's file-system calls (support/fail-writes.mjs); tests/cli/full-disk.test.ts fills a
 * real disk.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const FAIL_WRITES = path.join(import.meta.dirname, "support/fail-writes.mjs");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-write-failures-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Code = "ENOSPC" | "EDQUOT" | "EIO" | "EACCES" | "EROFS";
type At = "open" | "write" | "fsync" | "rename";
const REASONS: Record<Code, string> = {
  ENOSPC: "no space left on the device (ENOSPC)",
  EDQUOT: "disk quota exceeded (EDQUOT)",
  EIO: "input/output error (EIO)",
  EACCES: "permission denied (EACCES)",
  EROFS: "the file system is read-only (EROFS)",
};

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; with `failure`, the given call on the given file fails with the given code. */
function cli(args: readonly string[], failure?: { file: string; at: At; code: Code }): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: "1" };
  const node = failure === undefined ? [CLI] : ["--import", FAIL_WRITES, CLI];
  if (failure !== undefined) Object.assign(env, { CHOKEPOINT_FAIL_FILE: failure.file, CHOKEPOINT_FAIL_AT: failure.at, CHOKEPOINT_FAIL_CODE: failure.code });
  return new Promise((resolve) => {
    execFile(process.execPath, [...node, ...args], { cwd: scratch, timeout: 120_000, killSignal: "SIGKILL", env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

/** A folder's files and their bytes (latin1 keeps every byte). */
function contentsOf(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(path.join(folder, name), "latin1")]));
}

const RESULT_FILES = ["replicates.csv", "bands.csv", "compare.csv", "sensitivity.csv", "summary.json", "report.html"];
let counter = 0;
const fresh = (name: string) => path.join(scratch, `${name}-${counter++}`);

const SWEEP = ["sweep", TINY, "--runs", "6", "--seed", "4", "--swing-runs", "2", "--workers", "1", "-q"];
const COMPARE = ["compare", TINY, "--alt", "higher=controls.licence.approval=90%", "--runs", "4", "--seed", "4", "--workers", "1", "-q"];
const SENSITIVITY = ["sensitivity", TINY, "--runs", "6", "--seed", "4", "--swing-runs", "2", "--workers", "1", "-q"];
const SHARD = ["sweep", TINY, "--runs", "6", "--seed", "5", "--swing-runs", "2", "--workers", "1", "--shard", "0/2", "-q"];
const references: Record<string, string> = {};
const shards = [path.join(scratch, "shard-0"), path.join(scratch, "shard-1")];
/** An old merged set (of another sweep) and an old run set, to be left intact. */
const oldMerged = path.join(scratch, "old-merged");
const oldRun = path.join(scratch, "old-run");

beforeAll(async () => {
  const runs: [string, string[]][] = [
    ["sweep", [...SWEEP, "--out", path.join(scratch, "reference-sweep")]],
    ["compare", [...COMPARE, "--out", path.join(scratch, "reference-compare")]],
    ["sensitivity", [...SENSITIVITY, "--out", path.join(scratch, "reference-sensitivity")]],
    ["shard", [...SHARD, "--out", shards[0]]],
    ["shard-1", ["sweep", TINY, "--runs", "6", "--seed", "5", "--swing-runs", "2", "--workers", "1", "--shard", "1/2", "-q", "--out", shards[1]]],
    ["run", ["run", TINY, "--seed", "1", "--out", oldRun, "-q"]],
  ];
  for (const [name, args] of runs) {
    const result = await cli(args);
    expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    references[name] = args[args.indexOf("--out") + 1];
  }
  const merged = await cli(["merge", references.sweep, "--out", oldMerged, "-q"]);
  expect(merged.code, merged.stderr).toBe(0);
}, 300_000);

/** Exit 2 with the one line expected, and nothing else on either stream. */
function expectRefusal(result: Outcome, line: string): void {
  expect(result.stderr, "a stack trace").not.toMatch(/^\s+at /m);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split("\n").filter((l) => !/ replicates(,| in )/.test(l))).toEqual([line]);
}

describe("a sweep, compare or sensitivity whose folder cannot be written", () => {
  const commands: Record<string, string[]> = { sweep: SWEEP, compare: COMPARE, sensitivity: SENSITIVITY };
  it.each<[string, string, At, Code, string]>([
    ["sweep", "shard.json", "open", "ENOSPC", "nothing has run yet: free some space (or make the folder writable) and run the command again"],
    ["sweep", "shard.json", "rename", "EROFS", "nothing has run yet: free some space (or make the folder writable) and run the command again"],
    ["sweep", "records.bin", "write", "ENOSPC", "the replicates recorded before it are kept: free some space and run the same command with --resume"],
    ["sweep", "records.bin", "open", "EACCES", "the replicates recorded before it are kept: free some space and run the same command with --resume"],
    ["sweep", "tornado.json", "write", "EDQUOT", "the shard's records are complete: free some space and run the same command with --resume (it runs the tornado swings again)"],
    ["sweep", "run-log.json", "fsync", "EIO", "the shard's records are complete: free some space and run the same command with --resume"],
    ["sweep", "replicates.csv", "write", "ENOSPC", "OUTPUTS"],
    ["sweep", "bands.csv", "fsync", "EDQUOT", "OUTPUTS"],
    ["sweep", "sensitivity.csv", "open", "EACCES", "OUTPUTS"],
    ["sweep", "report.html", "write", "ENOSPC", "OUTPUTS"],
    ["sweep", "summary.json", "write", "EROFS", "OUTPUTS"],
    ["sweep", "summary.json", "rename", "EIO", "OUTPUTS"],
    ["compare", "records.bin", "write", "EDQUOT", "the replicates recorded before it are kept: free some space and run the same command with --resume"],
    ["compare", "replicates.csv", "fsync", "EIO", "OUTPUTS"],
    ["compare", "compare.csv", "write", "ENOSPC", "OUTPUTS"],
    ["compare", "summary.json", "rename", "EROFS", "OUTPUTS"],
    ["sensitivity", "tornado.json", "rename", "EACCES", "the shard's records are complete: free some space and run the same command with --resume (it runs the tornado swings again)"],
    ["sensitivity", "sensitivity.csv", "write", "ENOSPC", "OUTPUTS"],
    ["sensitivity", "report.html", "fsync", "EDQUOT", "OUTPUTS"],
  ])("%s: %s fails at %s with %s", async (kind, file, at, code, then) => {
    const args = commands[kind];
    const folder = fresh(kind);
    const failed = await cli([...args, "--out", folder], { file, at, code });
    const left = then === "OUTPUTS" ? "the sweep's records are complete and its other files are whole (old or new): free some space and run the same command with --resume to write them" : then;
    expectRefusal(failed, `cannot write ${path.join(folder, file)}: ${REASONS[code]}; ${left}`);
    // No half-written file: every result file there is whole (the bytes of a sweep that never failed), no temporary is left.
    const reference = contentsOf(references[kind]);
    if (existsSync(folder)) {
      const after = contentsOf(folder);
      expect(Object.keys(after).filter((name) => name.endsWith(".tmp"))).toEqual([]);
      for (const name of RESULT_FILES.filter((n) => after[n] !== undefined)) expect(after[name] === reference[name], `${name} is not whole`).toBe(true);
    }
    // And the folder finishes with --resume to those bytes.
    const resumed = await cli([...args, "--out", folder, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const finished = contentsOf(folder);
    for (const name of RESULT_FILES.filter((n) => reference[n] !== undefined)) expect(finished[name] === reference[name], `${name} differs after --resume`).toBe(true);
  }, 120_000);
});

describe("a shard whose folder cannot be written", () => {
  it.each<[string, At, Code, string]>([
    ["shard.json", "write", "ENOSPC", "nothing has run yet: free some space (or make the folder writable) and run the command again"],
    ["records.bin", "fsync", "EIO", "the replicates recorded before it are kept: free some space and run the same command with --resume"],
    ["tornado.json", "write", "EROFS", "the shard's records are complete: free some space and run the same command with --resume (it runs the tornado swings again)"],
    ["run-log.json", "rename", "EDQUOT", "the shard's records are complete: free some space and run the same command with --resume"],
  ])("%s fails at %s with %s", async (file, at, code, then) => {
    const folder = fresh("shard");
    expectRefusal(await cli([...SHARD, "--out", folder], { file, at, code }), `cannot write ${path.join(folder, file)}: ${REASONS[code]}; ${then}`);
    if (existsSync(folder)) expect(readdirSync(folder).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const resumed = await cli([...SHARD, "--out", folder, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    for (const name of ["records.bin", "tornado.json"]) expect(readFileSync(path.join(folder, name)).equals(readFileSync(path.join(shards[0], name))), name).toBe(true);
  }, 120_000);
});

describe("run and merge whose output folder cannot be written", () => {
  it.each<[string, string, At, Code]>([
    ["run", "timeline.csv", "write", "ENOSPC"],
    ["run", "summary.json", "fsync", "EDQUOT"],
    ["run", "trade.csv", "open", "EACCES"],
    ["run", "licences.csv", "write", "EIO"],
    ["run", "report.html", "write", "EROFS"],
    ["merge", "replicates.csv", "write", "ENOSPC"],
    ["merge", "replicates.csv", "fsync", "EDQUOT"],
    ["merge", "bands.csv", "open", "EACCES"],
    ["merge", "sensitivity.csv", "write", "EIO"],
    ["merge", "report.html", "write", "EROFS"],
    ["merge", "summary.json", "fsync", "ENOSPC"],
    ["merge", "run-log.json", "write", "EDQUOT"],
  ])("%s: %s fails at %s with %s, and the old set stays whole", async (command, file, at, code) => {
    const folder = fresh(command);
    cpSync(command === "run" ? oldRun : oldMerged, folder, { recursive: true });
    const before = contentsOf(folder);
    const args = command === "run" ? ["run", TINY, "--seed", "2", "-q"] : ["merge", ...shards, "-q"];
    expectRefusal(await cli([...args, "--out", folder], { file, at, code }), `cannot write outputs to ${folder}: cannot write ${file}: ${REASONS[code]}; ${folder} is left as it was`);
    expect(contentsOf(folder)).toEqual(before);
    expect(readdirSync(scratch).filter((name) => name.startsWith(`.${path.basename(folder)}.`))).toEqual([]);
  }, 120_000);
});
