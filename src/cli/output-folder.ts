/**
 * OutputFolder: the one way the CLI writes a set of output files, all or nothing.
 *
 * The new files are written (and flushed to disk) into a fresh hidden staging folder beside
 * the target, then the staging folder takes the target's place: the old folder is renamed
 * aside, the staging folder renamed into place, and the old one removed. So:
 *
 * - after any failure, the target holds the complete old set (or is absent if it was), and no
 *   staging folder is left behind;
 * - after a kill, the target holds the complete old set or the complete new set, except when
 *   the kill lands between the two renames (a few microseconds): then the target is absent
 *   and the complete old set waits beside it as `.NAME.previous-PID-*`, which the next write
 *   to the same target puts back before doing anything else;
 * - leftovers of killed writes (staging folders, set-aside folders) are removed by the next
 *   write to the same target, unless the process that made them is still running.
 *
 * The target is checked before anything is simulated: it must be absent, or a folder holding
 * only files chokepoint writes (the outputs catalogue's, so that `--out .` or `--out ~` can never replace a folder of
 * the user's own) and no sweep's records (a sweep's working folder is never replaced: its
 * records may be hours of work), and its parent must be creatable and writable. The folder
 * gets the permissions of any new folder (the umask decides), like the files in it. While a
 * command writes it, the target is locked (folder-lock.ts): a second writer is refused at once.
 */
import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs";
import path from "node:path";
import { CliExit, ExitCode } from "./exit-codes.js";
import { FolderLock } from "./folder-lock.js";
import { OUTPUT_FILE_NAMES, SWEEP_RECORD_FILE_NAMES, type OutputFileName } from "./output-catalogue.js";
import type { ByteStream, OutputSink } from "./output-sink.js";
import { isFileSystemError, reason } from "./write-failure.js";

export { reason } from "./write-failure.js";

/** The file-system calls the folder uses; tests pass a wrapper that fails on purpose. */
export type FileSystem = Pick<typeof nodeFs, "closeSync" | "fsyncSync" | "lstatSync" | "mkdirSync" | "openSync" | "readdirSync" | "renameSync" | "rmSync" | "writeSync">;

const STAGING = "staging";
const PREVIOUS = "previous";

/** A prepared output folder: checked, with its staging folder made; `commit` swaps the files in. */
export class OutputFolder implements OutputSink {
  /** The folder as the user named it (for messages). */
  readonly directory: string;
  private readonly target: string;
  private readonly staging: string;
  private readonly fs: FileSystem;
  private readonly lock: FolderLock;
  private isDone = false;

  private constructor(directory: string, target: string, staging: string, fs: FileSystem, lock: FolderLock) {
    this.directory = directory;
    this.target = target;
    this.staging = staging;
    this.fs = fs;
    this.lock = lock;
  }

  /**
   * Locks `directory`, checks that it may receive outputs and makes its staging folder; cleans
   * up (or restores) what killed writes left. Throws CliExit (bad input) with the reason
   * otherwise. The lock is released by `commit` and `discard`.
   */
  static prepare(directory: string, fs: FileSystem = nodeFs): OutputFolder {
    const target = path.resolve(directory);
    const parent = path.dirname(target);
    const name = path.basename(target);
    const cwd = process.cwd();
    if (target === parent || cwd === target || cwd.startsWith(target + path.sep)) {
      throw refuse(directory, "it is, or holds, the current folder; name a folder for the outputs");
    }
    makeFolders(parent, directory, fs);
    const lock = FolderLock.acquire(target, "writing outputs", (why) => refuse(directory, why));
    try {
      recoverLeftovers(parent, name, fs);
      const held = checkReplaceable(target, directory, fs);
      const records = held.filter((entry) => SWEEP_RECORD_FILE_NAMES.has(entry));
      if (records.length > 0) {
        throw refuse(directory, `it is a sweep's working folder (it holds ${records.join(", ")}), which replacing it would delete; name another folder`);
      }
      let staging: string;
      try {
        staging = makeStaging(parent, name, fs);
      } catch (error) {
        throw refuse(directory, `cannot write into ${parent}: ${reason(error)}`);
      }
      return new OutputFolder(directory, target, staging, fs, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /**
   * A file written piece by piece into the staging folder (for outputs too large to hold in
   * memory); it is swapped in with the others by `commit`. Close it before committing.
   */
  stream(name: OutputFileName): ByteStream {
    const fs = this.fs;
    const failed = (error: unknown) => this.failure(name, error);
    let fd: number;
    try {
      fd = fs.openSync(path.join(this.staging, name), "wx");
    } catch (error) {
      throw failed(error);
    }
    let isOpen = true;
    const close = (sync: boolean) => {
      if (!isOpen) return;
      isOpen = false;
      try {
        if (sync) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    };
    return {
      write: (bytes) => {
        let written = 0;
        try {
          while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
        } catch (error) {
          try {
            close(false);
          } catch {
            // The write's failure is the one to report.
          }
          throw failed(error);
        }
      },
      close: () => {
        try {
          close(true);
        } catch (error) {
          throw failed(error);
        }
      },
    };
  }

  /** Writes `files` (name -> bytes) and swaps them, with any streamed files, in as the folder's whole content. */
  commit(files: ReadonlyMap<OutputFileName, Uint8Array>): void {
    if (this.isDone) throw new CliExit(ExitCode.INTERNAL, "an OutputFolder commits once");
    this.isDone = true;
    try {
      this.swapIn(files);
    } finally {
      this.lock.release();
    }
  }

  private swapIn(files: ReadonlyMap<OutputFileName, Uint8Array>): void {
    const fs = this.fs;
    for (const [name, bytes] of files) {
      try {
        writeDurably(fs, path.join(this.staging, name), bytes);
      } catch (error) {
        this.removeStaging();
        throw this.failure(name, error);
      }
    }
    syncFolder(fs, this.staging);
    const parent = path.dirname(this.target);
    let aside: string | undefined;
    if (exists(fs, this.target)) {
      aside = path.join(parent, `.${path.basename(this.target)}.${PREVIOUS}-${process.pid}-${path.basename(this.staging).split("-").pop()}`);
      try {
        fs.renameSync(this.target, aside);
      } catch (error) {
        this.removeStaging();
        throw refuse(this.directory, `cannot replace the old outputs: ${reason(error)}`);
      }
    }
    try {
      fs.renameSync(this.staging, this.target);
    } catch (error) {
      // Put the old set back, so that the folder holds it complete.
      if (aside !== undefined) {
        try {
          fs.renameSync(aside, this.target);
        } catch {
          // The old set stays complete beside the target; the next write restores it.
        }
      }
      this.removeStaging();
      throw refuse(this.directory, `cannot move the new outputs into place: ${reason(error)}`);
    }
    if (aside !== undefined) fs.rmSync(aside, { recursive: true, force: true });
    syncFolder(fs, parent);
  }

  /** The exit for output file `name` that could not be written (a bug is passed on as it is). */
  private failure(name: string, error: unknown): unknown {
    if (!isFileSystemError(error)) return error;
    return refuse(this.directory, `cannot write ${name}: ${reason(error)}; ${this.directory} is left as it was`);
  }

  /** Gives up before committing: removes the staging folder (the target is untouched). */
  discard(): void {
    if (this.isDone) return;
    this.isDone = true;
    this.removeStaging();
    this.lock.release();
  }

  private removeStaging(): void {
    try {
      this.fs.rmSync(this.staging, { recursive: true, force: true });
    } catch {
      // Left for the next write to the same folder to remove.
    }
  }
}

/**
 * Makes the staging folder `.NAME.staging-PID-RANDOM` beside the target. Not mkdtemp: it makes
 * folders 0700, and the staging folder becomes the output folder, which should have the
 * permissions any new folder has.
 */
function makeStaging(parent: string, name: string, fs: FileSystem): string {
  for (let attempt = 1; ; attempt++) {
    const staging = path.join(parent, `.${name}.${STAGING}-${process.pid}-${randomBytes(6).toString("hex")}`);
    try {
      fs.mkdirSync(staging);
      return staging;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 8) throw error;
    }
  }
}

/** The error for an output folder that cannot be used. */
export function refuse(directory: string, why: string): CliExit {
  return new CliExit(ExitCode.BAD_INPUT, `cannot write outputs to ${directory}: ${why}`);
}

function exists(fs: FileSystem, file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `folder` and any missing parents one level at a time. (Node's recursive mkdir loops
 * forever under /proc, where every name "exists" and none can be made.)
 */
export function makeFolders(folder: string, directory: string, fs: FileSystem = nodeFs): void {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    let stat: nodeFs.Stats | undefined;
    try {
      stat = fs.lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw refuse(directory, `cannot use ${current}: ${reason(error)}`);
    }
    if (stat !== undefined) {
      if (!stat.isDirectory() && !(stat.isSymbolicLink() && isFolderBehindLink(current))) throw refuse(directory, `${current} is not a folder`);
      break;
    }
    missing.push(current);
    const up = path.dirname(current);
    if (up === current) break;
    current = up;
  }
  for (const next of missing.reverse()) {
    try {
      fs.mkdirSync(next);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw refuse(directory, `cannot create ${next}: ${reason(error)}`);
    }
  }
}

function isFolderBehindLink(file: string): boolean {
  try {
    return nodeFs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The target must be absent, or a folder holding only files chokepoint writes; throws CliExit
 * otherwise. Returns the names of the files it holds (none when absent), sorted.
 */
export function checkReplaceable(target: string, directory: string, fs: FileSystem = nodeFs): string[] {
  let stat: nodeFs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return [];
  }
  if (stat.isSymbolicLink()) throw refuse(directory, "it is a symbolic link; name the folder it points to");
  if (!stat.isDirectory()) throw refuse(directory, "it exists and is not a folder");
  const isOurs = (entry: string): boolean => {
    if (!OUTPUT_FILE_NAMES.has(entry)) return false;
    try {
      return fs.lstatSync(path.join(target, entry)).isFile();
    } catch {
      return false;
    }
  };
  let entries: string[];
  try {
    entries = (fs.readdirSync(target) as string[]).sort();
  } catch (error) {
    throw refuse(directory, `cannot read it: ${reason(error)}`);
  }
  const foreign = entries.filter((entry) => !isOurs(entry));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : "");
    throw refuse(directory, `it holds files chokepoint did not write (${shown}), which replacing it would delete; name a new or empty folder`);
  }
  return entries;
}

/** Removes (or restores) what killed writes to `parent/name` left behind; leaves a live process's alone. */
function recoverLeftovers(parent: string, name: string, fs: FileSystem): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(parent) as string[];
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  const leftovers = entries
    .filter((entry) => entry.startsWith(prefix))
    .map((entry) => ({ entry, match: /^(staging|previous)-(\d+)-/.exec(entry.slice(prefix.length)) }))
    .filter((l): l is { entry: string; match: RegExpExecArray } => l.match !== null && !isRunning(Number(l.match[2])))
    .sort((a, b) => (a.entry < b.entry ? -1 : 1));
  const target = path.join(parent, name);
  for (const { entry, match } of leftovers) {
    const leftover = path.join(parent, entry);
    if (match[1] === PREVIOUS && !exists(fs, target)) {
      // Killed between the two renames: the old set is complete here; put it back.
      try {
        fs.renameSync(leftover, target);
        continue;
      } catch {
        // Fall through: remove it like any other leftover.
      }
    }
    try {
      fs.rmSync(leftover, { recursive: true, force: true });
    } catch {
      // Not ours to remove after all (permissions): leave it.
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function writeDurably(fs: FileSystem, file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, "wx");
  try {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncFolder(fs: FileSystem, folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a folder; the renames are still atomic.
  } finally {
    try {
      if (fd !== undefined) fs.closeSync(fd);
    } catch {
      // As above: nothing was written through this descriptor.
    }
  }
}
