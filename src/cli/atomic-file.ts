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

/** Writes all of `bytes` at the descriptor's position. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * Writes `content` to `file`'s temporary, flushed to disk (the file itself is untouched until
 * `putInPlace`). On failure: the temporary is removed and the exit names `file`, then `then`.
 */
export function writeTemporary(file: string, content: string | Uint8Array, then: string): void {
  const temporary = temporaryOf(file);
  writing(
    file,
    then,
    () => {
      const fd = openSync(temporary, "w");
      try {
        writeAll(fd, typeof content === "string" ? Buffer.from(content, "utf8") : content);
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

/** Replaces `file` with `content` atomically (see the module's note). */
export function writeFileAtomically(file: string, content: string | Uint8Array, then: string): void {
  writeTemporary(file, content, then);
  putInPlace(file, then);
}
