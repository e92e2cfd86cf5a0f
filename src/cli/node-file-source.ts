/** A FileSource backed by the file system (the CLI's and the library's default). */
import { readFileSync, statSync } from "node:fs";
import type { FileSource } from "../scenario/index.js";

/** Reads scenario files from disk; a directory or missing file is reported, not thrown. */
export function nodeFileSource(): FileSource {
  return {
    read(path) {
      try {
        if (statSync(path).isDirectory()) return { ok: false, reason: "it is a directory, not a file" };
        return { ok: true, bytes: readFileSync(path) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message;
        return { ok: false, reason };
      }
    },
  };
}
