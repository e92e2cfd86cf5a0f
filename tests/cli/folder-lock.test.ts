/**
 * Locks on output folders (src/cli/folder-lock.ts): while a sweep writes its folder, a second
 * sweep of the same folder (with --resume), a merge reading it and a run writing it are
 * refused at once with exit 2 naming the holder, and the first sweep's work ends intact; a
 * lock that a killed sweep left (SIGKILL) is stale and taken over by the next --resume; SIGTERM
 * releases the lock; a lock from another machine is refused with how to remove it; a reused
 * pid is not taken for the holder. Real processes on the built CLI, and FolderLock in-process.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliExit } from "../../src/cli/exit-codes.js";
import { FolderLock, lockFileOf, lockRefusal } from "../../src/cli/folder-lock.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-lock-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

/** A sweep long enough (a few seconds on a quiet machine) for other commands to start while it runs. */
const SWEEP = ["sweep", TINY, "--runs", "150", "--seed", "9", "--swing-runs", "0", "--workers", "1", "-q"];

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: readonly string[]): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch, env: { ...process.env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<Finished>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

function runCli(args: readonly string[]): Promise<Finished> {
  return start(args).done;
}

/** Waits until the sweep writing `folder` holds its lock and has recorded a replicate (it is mid-work). */
async function whenWriting(folder: string, child: ChildProcess): Promise<void> {
  const records = path.join(folder, "records.bin");
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("the sweep ended before it could be watched");
    if (existsSync(lockFileOf(folder)) && existsSync(records) && statSync(records).size > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${folder} was never being written`);
}

/** Every file of a folder but the run log, name -> bytes. */
function contents(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .filter((name) => name !== "run-log.json")
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name))]),
  );
}

function expectSameFiles(actual: string, expected: string): void {
  const a = contents(actual);
  const b = contents(expected);
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, bytes] of b) expect(a.get(name)?.equals(bytes), `${name} differs`).toBe(true);
}

const reference = path.join(scratch, "reference");
beforeAll(async () => {
  const made = await runCli([...SWEEP, "--out", reference]);
  expect(made.code, made.stderr).toBe(0);
}, 300_000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("a folder being written is locked", () => {
  it("refuses a second sweep, a merge and a run at once (exit 2, naming the holder), and the first sweep ends intact", async () => {
    const folder = path.join(scratch, "busy");
    const first = start([...SWEEP, "--out", folder]);
    await whenWriting(folder, first.child);
    // Paused mid-work, so that it still runs (and holds the lock) whatever the machine's speed.
    first.child.kill("SIGSTOP");
    const holder = `sweep writing its records: pid ${first.child.pid} on host ${hostname()} since \\S+; lock ${escape(lockFileOf(folder))}`;
    const [second, merge, run] = await Promise.all([
      runCli([...SWEEP, "--out", folder, "--resume"]),
      runCli(["merge", folder, "--out", path.join(scratch, "busy-merged"), "-q"]),
      runCli(["run", TINY, "--out", folder, "-q"]),
    ]);
    first.child.kill("SIGCONT");
    for (const refused of [second, merge, run]) {
      expect(refused.code, `${refused.stdout}${refused.stderr}`).toBe(2);
      expect(refused.stdout).toBe("");
    }
    expect(second.stderr).toMatch(new RegExp(`^cannot write outputs to ${escape(folder)}: it is in use by another chokepoint process \\(${holder}\\): wait for it to end, or stop it first\\n$`));
    expect(merge.stderr).toMatch(new RegExp(`^cannot merge ${escape(folder)}: it is in use by another chokepoint process \\(${holder}\\): wait for it to end, or stop it first\\n$`));
    expect(run.stderr).toMatch(new RegExp(`^cannot write outputs to ${escape(folder)}: it is in use by another chokepoint process \\(${holder}\\): wait for it to end, or stop it first\\n$`));
    expect(existsSync(path.join(scratch, "busy-merged"))).toBe(false);
    const finished = await first.done;
    expect(finished.code, finished.stderr).toBe(0);
    expectSameFiles(folder, reference);
    expect(existsSync(lockFileOf(folder))).toBe(false);
  }, 300_000);

  it("takes over the lock a killed sweep left (SIGKILL) and finishes its work", async () => {
    const folder = path.join(scratch, "killed");
    const first = start([...SWEEP, "--out", folder]);
    await whenWriting(folder, first.child);
    first.child.kill("SIGKILL");
    expect((await first.done).signal).toBe("SIGKILL");
    expect(JSON.parse(readFileSync(lockFileOf(folder), "utf8")).pid).toBe(first.child.pid);
    const resumed = await runCli([...SWEEP, "--out", folder, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectSameFiles(folder, reference);
    expect(existsSync(lockFileOf(folder))).toBe(false);
  }, 300_000);

  it("releases the lock on SIGTERM (the process still dies of it), and --resume finishes the work", async () => {
    const folder = path.join(scratch, "terminated");
    const first = start([...SWEEP, "--out", folder]);
    await whenWriting(folder, first.child);
    first.child.kill("SIGTERM");
    expect((await first.done).signal).toBe("SIGTERM");
    expect(existsSync(lockFileOf(folder))).toBe(false);
    const resumed = await runCli([...SWEEP, "--out", folder, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectSameFiles(folder, reference);
  }, 300_000);

  it("refuses a lock made on another machine, saying how to remove it, and goes ahead once it is removed", async () => {
    const folder = path.join(scratch, "elsewhere");
    const lock = lockFileOf(folder);
    const foreign = { purpose: "sweep writing its records", pid: 4711, host: "node-elsewhere", machine: "another-boot pid:[1]", processStart: "12", since: "2025-01-01T00:00:00.000Z" };
    writeFileSync(lock, JSON.stringify(foreign));
    const refused = await runCli([...SWEEP, "--out", folder, "--runs", "2"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `cannot write outputs to ${folder}: it is locked by a chokepoint process on another machine (sweep writing its records: pid 4711 on host node-elsewhere since 2025-01-01T00:00:00.000Z; lock ${lock}), whose process cannot be checked from here: if it no longer runs there (on node-elsewhere: ps -p 4711), remove ${lock} and run the command again\n`,
    );
    expect(existsSync(folder)).toBe(false);
    rmSync(lock);
    const after = await runCli([...SWEEP, "--out", folder, "--runs", "2"]);
    expect(after.code, after.stderr).toBe(0);
  }, 120_000);
});

describe("FolderLock", () => {
  const refuse = lockRefusal("cannot lock");
  const folder = (name: string) => {
    const made = path.join(scratch, "unit", name);
    mkdirSync(path.dirname(made), { recursive: true });
    return made;
  };
  /** This machine's lock record for `pid`, as a lock of this process writes it. */
  const recordOf = (target: string, changes: Record<string, unknown>) => {
    const lock = FolderLock.acquire(target, "test", refuse);
    const record = JSON.parse(readFileSync(lock.file, "utf8")) as Record<string, unknown>;
    lock.release();
    return JSON.stringify({ ...record, ...changes });
  };
  const startOf = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  };
  const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);

  it("is one file beside the folder, removed on release, and refuses this process twice", () => {
    const target = folder("twice");
    const lock = FolderLock.acquire(target, "test", refuse);
    expect(lock.file).toBe(path.join(path.dirname(target), ".twice.lock"));
    expect(() => FolderLock.acquire(target, "test", refuse)).toThrow(new CliExit(2, `cannot lock: this process already holds its lock ${lock.file}`));
    lock.release();
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    expect(readdirSync(path.dirname(target)).filter((name) => name.startsWith(".twice."))).toEqual([]);
  });

  it("takes over a lock of a process of this machine that no longer runs, or whose pid now belongs to another process", () => {
    if (!existsSync("/proc/self/stat")) return;
    const target = folder("stale");
    const file = lockFileOf(target);
    for (const changes of [{ pid: deadPid() }, { pid: process.ppid, processStart: String(Number(startOf(process.ppid)) + 1) }]) {
      writeFileSync(file, recordOf(target, changes));
      const lock = FolderLock.acquire(target, "test", refuse);
      expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
      lock.release();
    }
  });

  it("refuses the lock of a live process of this machine, and a lock it cannot read", () => {
    if (!existsSync("/proc/self/stat")) return;
    const target = folder("live");
    const file = lockFileOf(target);
    const live = recordOf(target, { pid: process.ppid, processStart: startOf(process.ppid), since: "2025-02-03T04:05:06.000Z", purpose: "merge reading its records" });
    writeFileSync(file, live);
    expect(() => FolderLock.acquire(target, "test", refuse)).toThrow(
      new CliExit(2, `cannot lock: it is in use by another chokepoint process (merge reading its records: pid ${process.ppid} on host ${hostname()} since 2025-02-03T04:05:06.000Z; lock ${file}): wait for it to end, or stop it first`),
    );
    expect(readFileSync(file, "utf8")).toBe(live);
    writeFileSync(file, "half a reco");
    expect(() => FolderLock.acquire(target, "test", refuse)).toThrow(new CliExit(2, `cannot lock: its lock ${file} cannot be read (it is not a lock chokepoint wrote): if no chokepoint is writing live, remove ${file} and run the command again`));
    rmSync(file);
  });
});
