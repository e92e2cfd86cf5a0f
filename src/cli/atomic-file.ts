/**
 * Files of a sweep folder replaced atomically: written whole under a temporary name beside the
 * file (`.NAME.PID.tmp`), flushed, then renamed over it, so the file is always complete, old or
 * new. A file-system failure removes the temporary and stops with exit 2 naming the file (the
 * old file, if any, is intact). Temporaries of killed processes are removed by the next
 * sweep opening the folder.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { writing } from "./write-failure.js";

/** The temporary name `file` is written under before it is renamed into place. */
export function temporaryOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

/** The file and process a temporary name (`.NAME.PID.tmp`) belongs to, or undefined for any other name. */
export function temporaryOwner(entry: string): { name: string; pid: number } | undefined {
  const match = /^\.(.+)\.(\d+)\.tmp$/.exec(entry);
  return match === null ? undefined : { name: match[1], pid: Number(match[2]) };
}

/** Writes all of `bytes` at the descriptor's position. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * Writes `bytes` to `file`'s temporary, flushed to disk (the file itself is untouched until
 * `putInPlace`). On failure: the temporary is removed and the exit names `file`, then `then`.
 */
export function writeTemporary(file: string, bytes: Uint8Array, then: string): void {
  const temporary = temporaryOf(file);
  writing(
    file,
    then,
    () => {
      const fd = openSync(temporary, "w");
      try {
        writeAll(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    () => rmSync(temporary, { force: true }),
  );
}

/** Renames `file`'s temporary over it. On failure: the temporary is removed and the exit names `file`, then `then`. */
export function putInPlace(file: string, then: string): void {
  const temporary = temporaryOf(file);
  writing(
    file,
    then,
    () => renameSync(temporary, file),
    () => rmSync(temporary, { force: true }),
  );
}

/** Replaces `file` with `bytes` atomically (see the module's note). */
export function writeFileAtomically(file: string, bytes: Uint8Array, then: string): void {
  writeTemporary(file, bytes, then);
  putInPlace(file, then);
}
