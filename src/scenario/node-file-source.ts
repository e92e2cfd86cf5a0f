/**
 * A FileSource backed by the file system (the CLI's and the library's default). It reads
 * regular files only, up to a size cap: a FIFO would block forever and /dev/zero never ends.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import type { FileSource } from "./file-source.js";
import { MAX_SCENARIO_FILE_BYTES } from "./input-limits.js";

const MEGABYTE = 1024 * 1024;

/** Reads scenario files from disk; anything but a regular file of at most the cap is reported, not thrown. */
export function nodeFileSource(maxBytes = MAX_SCENARIO_FILE_BYTES): FileSource {
  return {
    read(path) {
      let fd: number | undefined;
      try {
        // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
        const stat = fstatSync(fd);
        if (stat.isDirectory()) return { ok: false, reason: "it is a directory, not a file" };
        if (!stat.isFile()) return { ok: false, reason: `it is not a regular file (${kindOf(stat)}); scenario files are regular YAML or JSON files` };
        if (stat.size > maxBytes) return { ok: false, reason: tooLarge(stat.size, maxBytes) };
        // Read to the end, but never past the cap: the file may grow while it is read.
        const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stat.size + 65536));
        let length = 0;
        for (;;) {
          if (length === buffer.length) break;
          const n = readSync(fd, buffer, length, buffer.length - length, null);
          if (n === 0) break;
          length += n;
        }
        if (length > maxBytes) return { ok: false, reason: tooLarge(length, maxBytes) };
        return { ok: true, bytes: buffer.subarray(0, length) };
      } catch (error) {
        return { ok: false, reason: describeError(error) };
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
    realPath(path) {
      try {
        return realpathSync(path);
      } catch {
        return undefined;
      }
    },
  };
}

function tooLarge(bytes: number, maxBytes: number): string {
  return `it is ${(bytes / MEGABYTE).toFixed(1)} MB; scenario files may be at most ${(maxBytes / MEGABYTE).toFixed(0)} MB`;
}

function kindOf(stat: import("node:fs").Stats): string {
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "a special file";
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory, not a file";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return (error as Error).message;
}
