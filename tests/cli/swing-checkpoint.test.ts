/**
 * The tornado's swings are checkpointed (issue 20): each swing replicate is appended to
 * tornado-progress.jsonl as it finishes, so a sweep killed during its swings resumes without
 * running the finished ones again, a torn last line is cut, and the results are the bytes of a
 * sweep never killed; progress counts a swing replicate as the runs it is (one per point).
 */
import { execFile, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const RESULTS = ["replicates.csv", "bands.csv", "summary.json", "sensitivity.csv", "report.html", "tornado.json"];
/** Swing replicates (at most --runs: the sweep runs as many replicates). */
const SWINGS = 30;
/** tiny.yaml's inputs: 5, so 11 points per swing replicate. */
const POINTS = 11;
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-swing-checkpoint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: 180_000, killSignal: "SIGKILL", maxBuffer: 64 << 20, env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

const sweepArgs = (out: string, workers: number) => ["sweep", TINY, "--runs", String(SWINGS), "--swing-runs", String(SWINGS), "--workers", String(workers), "--out", out];
const progressFile = (folder: string) => path.join(folder, "tornado-progress.jsonl");
const finishedLines = (folder: string) => (existsSync(progressFile(folder)) ? readFileSync(progressFile(folder), "utf8").split("\n").slice(0, -1) : []);
const log = (folder: string) => JSON.parse(readFileSync(path.join(folder, "run-log.json"), "utf8")) as Record<string, unknown>;

/** Starts the sweep, and kills it (SIGKILL) once `lines` swing replicates are in its progress file. */
async function killDuringSwings(folder: string, lines: number): Promise<string[]> {
  const child = spawn(process.execPath, [CLI, ...sweepArgs(folder, 1), "-q"], { cwd: scratch, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  for (let waited = 0; finishedLines(folder).length < lines; waited += 10) {
    if (waited > 120_000 || child.exitCode !== null) throw new Error(`the sweep ended before ${lines} swing replicates were recorded`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill("SIGKILL");
  await exited;
  return finishedLines(folder);
}

describe("swings killed part way", () => {
  const whole = path.join(scratch, "whole");
  beforeAll(async () => {
    const ran = await cli([...sweepArgs(whole, 2), "-q"]);
    expect(ran.code, ran.stderr).toBe(0);
  }, 180_000);

  it("resume without running the finished swing replicates again, to the bytes of a sweep never killed", async () => {
    const folder = path.join(scratch, "killed");
    const before = await killDuringSwings(folder, 3);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(SWINGS);
    expect(existsSync(path.join(folder, "tornado.json"))).toBe(false);
    // A kill mid-write leaves a torn last line: it is cut, not read.
    appendFileSync(progressFile(folder), '{"replicate":29,"points":[{"inp');
    const resumed = await cli([...sweepArgs(folder, 2), "--resume", "-q"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toBe("");
    const entry = log(folder);
    const finished = finishedLines(folder);
    expect(finished).toEqual([]);
    expect(existsSync(progressFile(folder))).toBe(false);
    // Every swing replicate finished before the kill (and any that finished between our look and the kill) was kept.
    expect(entry.swingReplicatesResumed as number).toBeGreaterThanOrEqual(before.length);
    expect((entry.swingReplicatesRun as number) + (entry.swingReplicatesResumed as number)).toBe(SWINGS);
    for (const name of RESULTS) expect(readFileSync(path.join(folder, name)).equals(readFileSync(path.join(whole, name))), name).toBe(true);
  }, 240_000);

  it("count a swing replicate as the runs it is in the progress lines", async () => {
    const folder = path.join(scratch, "progress");
    const ran = await cli(["sweep", TINY, "--runs", "6", "--swing-runs", "2", "--workers", "1", "--out", folder]);
    expect(ran.code, ran.stderr).toBe(0);
    const last = ran.stderr.trimEnd().split("\n").at(-1);
    expect(last).toMatch(new RegExp(`^sweep tiny \\+ ${2 * POINTS} tornado swing runs \\(2 replicates x ${POINTS} points\\): ${6 + 2 * POINTS}/${6 + 2 * POINTS} runs in \\d+\\.\\d s$`));
    expect(log(folder)).toMatchObject({ swingReplicatesRun: 2, swingReplicatesResumed: 0 });
    const tornado = JSON.parse(readFileSync(path.join(folder, "tornado.json"), "utf8")) as { points: string[] };
    expect(tornado.points.slice(0, 3)).toEqual(["every input at its median", "controls.licence.approval at its 10th percentile", "controls.licence.approval at its 90th percentile"]);
  }, 120_000);
});
