/**
 * The output guarantee (README, "Output guarantee"): after any failure the output folder holds
 * the complete old set; after a kill, the complete old or new set (or, killed between the two
 * renames, no folder and the complete old set beside it, put back by the next write); leftovers
 * of killed writes are removed by the next write. Failures are injected at every file-system
 * call in turn; kills are real SIGKILLs of real runs.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliExit } from "../../src/cli/exit-codes.js";
import { toBytes, type OutputFileName } from "../../src/cli/output-catalogue.js";
import { OutputFolder, type FileSystem } from "../../src/cli/output-folder.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-output-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The files of a folder and their contents, or null when it is absent. */
function contentsOf(folder: string): Record<string, string> | null {
  if (!fs.existsSync(folder)) return null;
  return Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(path.join(folder, name), "utf8")]));
}

const OLD = { "timeline.csv": "old timeline\n", "summary.json": "{\"old\":true}\n", "trade.csv": "old trade\n" };
const NEW = { "timeline.csv": "new timeline\n".repeat(1000), "summary.json": "{\"new\":true}\n", "trade.csv": "new trade\n" };
/** A set of files as a sink takes them: bytes by name. */
const asFiles = (files: Partial<Record<OutputFileName, string>>) => new Map(Object.entries(files).map(([name, text]) => [name as OutputFileName, toBytes(text)]));

/** A file system that fails the `failAt`-th call (counting every call of the listed kinds) with EIO. */
function failingFs(failAt: number, kinds: readonly (keyof FileSystem)[]): { fs: FileSystem; calls: () => number } {
  let count = 0;
  const wrapped = { ...fs } as Record<string, unknown>;
  for (const kind of kinds) {
    const original = (fs as unknown as Record<string, (...args: unknown[]) => unknown>)[kind];
    wrapped[kind] = (...args: unknown[]) => {
      count++;
      if (count === failAt) throw Object.assign(new Error(`EIO: i/o error, ${kind}`), { code: "EIO", errno: -5, syscall: kind.replace(/Sync$/, "") });
      return original(...args);
    };
  }
  return { fs: wrapped as unknown as FileSystem, calls: () => count };
}

describe("OutputFolder", () => {
  it("writes a new folder whole", () => {
    const target = path.join(scratch, "fresh", "deeper", "out");
    OutputFolder.prepare(target).commit(asFiles(NEW));
    expect(contentsOf(target)).toEqual(NEW);
    expect(readdirSync(path.dirname(target))).toEqual(["out"]);
  });

  it("replaces an old set whole", () => {
    const target = path.join(scratch, "replace");
    OutputFolder.prepare(target).commit(asFiles(OLD));
    OutputFolder.prepare(target).commit(asFiles(NEW));
    expect(contentsOf(target)).toEqual(NEW);
    expect(readdirSync(scratch).filter((e) => e.startsWith(".replace."))).toEqual([]);
  });

  it("leaves the complete old set after a failure at any write, flush or rename", () => {
    const kinds = ["openSync", "writeSync", "fsyncSync", "closeSync", "renameSync"] as const;
    // Count the calls of a successful commit, then fail each one in turn.
    const probeTarget = path.join(scratch, "probe");
    OutputFolder.prepare(probeTarget).commit(asFiles(OLD));
    const probe = failingFs(-1, kinds);
    OutputFolder.prepare(probeTarget, probe.fs).commit(asFiles(NEW));
    const total = probe.calls();
    expect(total).toBeGreaterThan(10);
    for (let failAt = 1; failAt <= total; failAt++) {
      const target = path.join(scratch, `fail-${failAt}`);
      OutputFolder.prepare(target).commit(asFiles(OLD));
      const injected = failingFs(failAt, kinds);
      let error: unknown;
      try {
        OutputFolder.prepare(target, injected.fs).commit(asFiles(NEW));
      } catch (e) {
        error = e;
      }
      const after = contentsOf(target);
      // A failure after the swap (flushing the parent folder) is not an error: the new set is in place.
      if (error === undefined) expect(after, `call ${failAt}`).toEqual(NEW);
      else {
        expect(error, `call ${failAt}`).toBeInstanceOf(CliExit);
        expect((error as Error).message).toMatch(/^cannot write outputs to .*: (cannot write (timeline\.csv|summary\.json|trade\.csv): input\/output error \(EIO\); .* is left as it was|cannot (replace the old outputs|move the new outputs into place): input\/output error \(EIO\))$/);
        expect(after, `call ${failAt}`).toEqual(OLD);
      }
      expect(readdirSync(scratch).filter((e) => e.startsWith(`.fail-${failAt}.`)), `call ${failAt}`).toEqual([]);
    }
  });

  it("puts the old set back when killed between the two renames", () => {
    const target = path.join(scratch, "between");
    OutputFolder.prepare(target).commit(asFiles(OLD));
    // What a kill between the renames leaves: the old set aside under a dead process's id, no folder.
    const dead = deadPid();
    fs.renameSync(target, path.join(scratch, `.between.previous-${dead}-abc123`));
    fs.mkdirSync(path.join(scratch, `.between.staging-${dead}-abc123`));
    writeFileSync(path.join(scratch, `.between.staging-${dead}-abc123`, "timeline.csv"), "half");
    const folder = OutputFolder.prepare(target);
    expect(contentsOf(target)).toEqual(OLD);
    folder.discard();
    expect(readdirSync(scratch).filter((e) => e.startsWith(".between."))).toEqual([]);
  });

  it("leaves a running process's staging folder alone", () => {
    const target = path.join(scratch, "busy");
    const live = path.join(scratch, `.busy.staging-${process.ppid}-zzz999`);
    mkdirSync(live);
    OutputFolder.prepare(target).commit(asFiles(NEW));
    expect(fs.existsSync(live)).toBe(true);
  });

  it("refuses a folder holding files of the user's own, the current folder, and a file", () => {
    const mine = path.join(scratch, "mine");
    mkdirSync(mine);
    writeFileSync(path.join(mine, "notes.txt"), "mine");
    writeFileSync(path.join(mine, "timeline.csv"), "old");
    expect(() => OutputFolder.prepare(mine)).toThrow(/^cannot write outputs to .*mine: it holds files chokepoint did not write \(notes\.txt\), which replacing it would delete; name a new or empty folder$/);
    expect(() => OutputFolder.prepare(".")).toThrow(/^cannot write outputs to \.: it is, or holds, the current folder/);
    writeFileSync(path.join(scratch, "plain-file"), "x");
    expect(() => OutputFolder.prepare(path.join(scratch, "plain-file"))).toThrow(/it exists and is not a folder$/);
    expect(readFileSync(path.join(mine, "notes.txt"), "utf8")).toBe("mine");
  });
});

/** A process id that is not running (a child that has exited). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("chokepoint run killed at random moments", () => {
  it("always leaves the complete old set or the complete new set", async () => {
    const target = path.join(scratch, "killed");
    // The reference world without controls: the same 316 markets and a 25 MB timeline to write as the
    // flagship, in a fraction of its simulating and charting time.
    const world = path.join(ROOT, "scenarios/baseline-2024.yaml");
    const run = (seed: number) => spawnSync(process.execPath, [CLI, "run", world, "--seed", String(seed), "--out", target, "--quiet"], { cwd: scratch, encoding: "utf8" });
    expect(run(1).status).toBe(0);
    const oldSet = contentsOf(target);
    const started = performance.now();
    expect(run(2).status).toBe(0);
    // How long a whole run takes here and now: the kills are spread over that span (the write
    // phase is its last few tenths of a second), never timed by fixed numbers.
    const runMs = performance.now() - started;
    const newSet = contentsOf(target);
    expect(newSet).not.toEqual(oldSet);
    // Kill runs with seed 2 over an old set of seed 1 at moments spread over their whole life.
    const outcomes: string[] = [];
    expect(run(1).status).toBe(0);
    // Ten kills spread over the measured span; then, should the machine's load have moved the
    // write phase so that one outcome was never hit, up to eight more reaching later (no new set
    // yet) or earlier (no old set yet), so the test means the same on a busy machine.
    const delays = Array.from({ length: 10 }, (_, i) => runMs * (0.55 + (0.95 * i) / 9));
    for (let i = 0; i < delays.length; i++) {
      const delayMs = delays[i];
      const child = spawn(process.execPath, [CLI, "run", world, "--seed", "2", "--out", target, "--quiet"], { cwd: scratch, stdio: "ignore" });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
        child.on("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const after = contentsOf(target);
      if (after === null) {
        // Killed between the renames: the old set waits beside the folder, complete.
        const aside = readdirSync(scratch).filter((e) => e.startsWith(".killed.previous-"));
        expect(aside.length).toBe(1);
        expect(contentsOf(path.join(scratch, aside[0]))).toEqual(oldSet);
        outcomes.push("between");
      } else {
        expect([oldSet, newSet]).toContainEqual(after);
        outcomes.push(JSON.stringify(after) === JSON.stringify(newSet) ? "new" : "old");
      }
      // The next write cleans up whatever the killed run left (and puts the old set back for the next round).
      expect(run(1).status).toBe(0);
      expect(contentsOf(target)).toEqual(oldSet);
      expect(readdirSync(scratch).filter((e) => e.startsWith(".killed."))).toEqual([]);
      if (i === delays.length - 1 && delays.length < 18) {
        if (!outcomes.includes("new")) delays.push(Math.max(...delays) * 1.3);
        else if (!outcomes.includes("old")) delays.push(Math.min(...delays) * 0.7);
      }
    }
    if (process.env.KILL_LOG) console.log(outcomes.join(" "));
    // The kills must have hit both before and after the swap for the test to mean anything.
    expect(outcomes).toContain("old");
    expect(outcomes).toContain("new");
  }, 240_000);
});
