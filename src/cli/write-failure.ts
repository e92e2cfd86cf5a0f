/**
 * File-system failures as the CLI reports them: a file that cannot be written or read (a full
 * disk, a quota, a read-only or failing device, a permission taken away) stops the command
 * with exit 2 and one line naming the file, the cause and what to do, never a stack trace.
 * The writers themselves make sure that no half-written final file is left behind.
 */
import { CliExit, ExitCode } from "./exit-codes.js";

/** Whether `error` is a failure of a file-system call (it carries the call and an error code), not a bug. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.code === "string" && typeof e.syscall === "string";
}

/** A file-system error in words ("no space left on the device (ENOSPC)"). */
export function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const codes: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "the file is too large for the file system",
    ENOTDIR: "a part of the path is a file, not a folder",
    EISDIR: "it is a folder",
    EIO: "input/output error",
    ENOENT: "the file system refuses new entries there",
    EMFILE: "too many open files",
    ENFILE: "too many open files",
  };
  if (e?.code !== undefined && codes[e.code] !== undefined) return `${codes[e.code]} (${e.code})`;
  // Node's messages end with the call and its paths ("..., mkdtemp '/x'"): the start says it all.
  return typeof e?.message === "string" ? e.message.split(", ")[0] : String(error);
}

/** The exit for `file` that could not be written: what failed, why, and `then` (what is left and what to do). */
export function writeFailure(file: string, error: unknown, then: string): CliExit {
  return new CliExit(ExitCode.BAD_INPUT, `cannot write ${file}: ${reason(error)}; ${then}`);
}

/**
 * Runs `write` (which writes `file`); a file-system failure becomes `writeFailure(file, ...)`,
 * after `cleanUp` (which removes what the write left half done) has run. Anything else is
 * passed on as it is.
 */
export function writing<T>(file: string, then: string, write: () => T, cleanUp: () => void = () => {}): T {
  try {
    return write();
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    try {
      cleanUp();
    } catch {
      // The failure being reported matters more; a temporary file left over is removed by the next write.
    }
    throw writeFailure(file, error, then);
  }
}
