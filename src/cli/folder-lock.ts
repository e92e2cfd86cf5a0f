/**
 * FolderLock: one writer at a time per output folder. Before a command writes a folder (a
 * sweep's shard folder, a run's, merge's or backtest's outputs) or a merge reads a shard
 * folder, it creates `.NAME.lock` beside the folder: a small JSON record of who holds it (pid,
 * host, the machine's boot and process namespace, the process's start, since when), written
 * whole under a temporary name and hard-linked into place, which fails when the name exists
 * (an atomic create, on NFS too). A second process is refused at once, naming the holder. The
 * lock is removed when the command ends, whether it succeeds or fails, at exit, and on SIGINT,
 * SIGTERM or SIGHUP (then the process dies of the signal, as it would have).
 *
 * A lock that a killed process left (SIGKILL, a machine that went down) is stale when its
 * process no longer runs: on the machine that made it (the same host, boot and process
 * namespace, so that its pid means something here), that is checked, and a stale lock is taken
 * over. A lock made on another machine is refused, with how to remove it after checking: a pid
 * cannot be checked from another host, and taking over a lock whose writer still runs is the
 * one mistake that loses work (two writers interleave their records), where refusing costs a
 * command.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { writeAll } from "./atomic-file.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { reason } from "./write-failure.js";

/** Who holds a lock: the JSON the lock file holds. */
export interface LockHolder {
  /** What the holder does with the folder ("sweep writing its records", "merge reading its records", "writing outputs"). */
  readonly purpose: string;
  readonly pid: number;
  readonly host: string;
  /** The machine's boot id and the process's pid namespace: where `pid` can be checked ("" where /proc is not). */
  readonly machine: string;
  /** The process's start in clock ticks after boot (/proc/PID/stat), so that a reused pid is not taken for the holder ("" where /proc is not). */
  readonly processStart: string;
  /** When the lock was taken (ISO 8601, UTC). */
  readonly since: string;
}

/** The lock file of `folder` (a path as resolved): `.NAME.lock` beside it. */
export function lockFileOf(folder: string): string {
  const target = path.resolve(folder);
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

/** The locks this process holds, released together at exit or on a signal. */
const held = new Set<FolderLock>();
const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** An acquired lock on one folder. */
export class FolderLock {
  /** The lock file. */
  readonly file: string;
  private readonly text: string;
  private isHeld = true;

  private constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
  }

  /**
   * Locks `folder` for `purpose`, taking over a stale lock; refuses (throws what `refuse` makes
   * of the reason, exit 2) when a live process holds it, or a process on another machine.
   * `folder`'s parent must exist. With `unlessReadOnly` (a reader), a lock that cannot be created
   * because the parent cannot be written is no lock (undefined) rather than a refusal.
   */
  static acquire(folder: string, purpose: string, refuse: (why: string) => CliExit): FolderLock;
  static acquire(folder: string, purpose: string, refuse: (why: string) => CliExit, options: { unlessReadOnly: true }): FolderLock | undefined;
  static acquire(folder: string, purpose: string, refuse: (why: string) => CliExit, options?: { unlessReadOnly: true }): FolderLock | undefined {
    const file = lockFileOf(folder);
    removeDeadTemporaries(file);
    const me: LockHolder = { purpose, pid: process.pid, host: hostname(), machine: machineId(), processStart: processStartOf(process.pid) ?? "", since: new Date().toISOString() };
    const text = `${JSON.stringify(me, null, 2)}\n`;
    // A stale lock is taken over, then the create is tried again: a few rounds cover two processes taking over the same stale lock at once.
    for (let attempt = 0; attempt < 4; attempt++) {
      let isReadOnly = false;
      try {
        createWhole(file, text);
        const lock = new FolderLock(file, text);
        hold(lock);
        return lock;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        isReadOnly = options?.unlessReadOnly === true && (code === "EROFS" || code === "EACCES" || code === "EPERM");
        if (code !== "EEXIST" && !isReadOnly) throw refuse(`cannot write into ${path.dirname(file)}: ${reason(error)}`);
      }
      const found = readHolder(file);
      // A reader that cannot lock still respects a live lock of a process that can.
      if (isReadOnly && (found === "gone" || typeof found === "string")) return undefined;
      if (found === "gone") continue;
      if (typeof found === "string") throw refuse(`its lock ${file} cannot be read (${found}): if no chokepoint is writing ${path.basename(path.resolve(folder))}, remove ${file} and run the command again`);
      if ([...held].some((lock) => lock.file === file)) throw refuse(`this process already holds its lock ${file}`);
      const { holder, text: holderText } = found;
      if (!isSameMachine(holder, me)) {
        throw refuse(`it is locked by a chokepoint process on another machine (${describe(holder)}; lock ${file}), whose process cannot be checked from here: if it no longer runs there (on ${holder.host}: ps -p ${holder.pid}), remove ${file} and run the command again`);
      }
      if (isRunning(holder.pid, holder.processStart)) throw refuse(`it is in use by another chokepoint process (${describe(holder)}; lock ${file}): wait for it to end, or stop it first`);
      if (isReadOnly) return undefined;
      takeOverStale(file, holderText);
    }
    throw refuse(`its lock ${file} keeps changing hands: other chokepoint processes are starting on it; try again`);
  }

  /** Removes the lock file, if it is still this lock's (a process that took it over as stale keeps its own). Idempotent. */
  release(): void {
    if (!this.isHeld) return;
    this.isHeld = false;
    held.delete(this);
    if (held.size === 0) {
      process.removeListener("exit", releaseAll);
      for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    }
    try {
      if (readFileSync(this.file, "utf8") === this.text) unlinkSync(this.file);
    } catch {
      // Already gone, or unreadable: nothing of ours to remove.
    }
  }
}

function hold(lock: FolderLock): void {
  if (held.size === 0) {
    process.on("exit", releaseAll);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  held.add(lock);
}

function releaseAll(): void {
  for (const lock of [...held]) lock.release();
}

/** Releases every lock, then dies of the signal as the process would have without a handler. */
function onSignal(signal: NodeJS.Signals): void {
  releaseAll();
  process.kill(process.pid, signal);
}

/** Creates `file` holding `text`, whole, or fails with EEXIST: a temporary hard-linked into place (a plain exclusive create where links are not supported). */
function createWhole(file: string, text: string): void {
  const temporary = `${file}.${hostname()}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeDurably(temporary, text, "w");
  try {
    linkSync(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    // No hard links here (some FUSE and SMB mounts): an exclusive create, whose record is written just after.
    writeDurably(file, text, "wx");
  } finally {
    rmSync(temporary, { force: true });
  }
}

function writeDurably(file: string, text: string, flags: "w" | "wx"): void {
  const fd = openSync(file, flags);
  try {
    writeAll(fd, Buffer.from(text, "utf8"));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The lock's holder and its exact text; "gone" when the file vanished; else why it cannot be read. */
function readHolder(file: string): { holder: LockHolder; text: string } | "gone" | string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : reason(error);
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isSafeInteger(value.pid) && typeof value.host === "string" && typeof value.since === "string") {
      return { holder: { purpose: String(value.purpose ?? "process"), pid: value.pid as number, host: value.host, machine: String(value.machine ?? ""), processStart: String(value.processStart ?? ""), since: value.since }, text };
    }
  } catch {
    // Reported below.
  }
  return text === "" ? "it is empty" : "it is not a lock chokepoint wrote";
}

/**
 * Removes a stale lock whose text is `staleText`: renamed aside first, so that of two processes
 * taking it over at once only one removes it; if what was renamed is not the stale lock (another
 * process took it over in between), it is put back.
 */
function takeOverStale(file: string, staleText: string): void {
  const aside = `${file}.${hostname()}.${process.pid}.${randomBytes(4).toString("hex")}.stale.tmp`;
  try {
    renameSync(file, aside);
  } catch {
    return; // Gone already: another process took it over; the next create decides.
  }
  let moved = "";
  try {
    moved = readFileSync(aside, "utf8");
  } catch {
    // Unreadable: treated as not the stale one, put back.
  }
  if (moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // A third process locked meanwhile: its lock stands.
    }
  }
  rmSync(aside, { force: true });
}

/** Removes lock temporaries (`.NAME.lock.HOST.PID.*.tmp`) that a process of this machine killed mid-create left. */
function removeDeadTemporaries(file: string): void {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.${hostname()}.`;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith(".tmp")) continue;
    const pid = Number(entry.slice(prefix.length).split(".")[0]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || isRunning(pid, "")) continue;
    rmSync(path.join(folder, entry), { force: true });
  }
}

/** "sweep writing its records: pid 4711 on host node7 since 2025-12-07T09:15:02.000Z". */
function describe(holder: LockHolder): string {
  return `${holder.purpose}: pid ${holder.pid} on host ${holder.host} since ${holder.since}`;
}

function isSameMachine(holder: LockHolder, me: LockHolder): boolean {
  return holder.host === me.host && holder.machine === me.machine;
}

/** Whether process `pid` runs on this machine, not a zombie, and (given `processStart`) is the process that started then. */
function isRunning(pid: number, processStart: string): boolean {
  // This very process holding a lock it does not know: a former process with the same pid (containers restart at the same pids).
  if (pid === process.pid) return false;
  const start = processStartOf(pid);
  if (start !== undefined) return processStart === "" || start === processStart;
  if (procIsReadable()) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process's start (clock ticks after boot) if it runs and is not a zombie, from /proc; undefined otherwise. */
function processStartOf(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields after it start past the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return undefined;
  return fields[19];
}

function procIsReadable(): boolean {
  return processStartOf(process.pid) !== undefined;
}

/** This machine as a pid's scope: its boot and this process's pid namespace ("" where /proc is not). */
function machineId(): string {
  const parts: string[] = [];
  try {
    parts.push(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
  } catch {
    // Not Linux: the host name alone tells machines apart.
  }
  try {
    parts.push(readlinkSync("/proc/self/ns/pid"));
  } catch {
    // As above.
  }
  return parts.join(" ");
}

/** The exit for a folder that cannot be locked (bad input: another process's, or a lock to remove). */
export function lockRefusal(prefix: string): (why: string) => CliExit {
  return (why) => new CliExit(ExitCode.BAD_INPUT, `${prefix}: ${why}`);
}
