/**
 * Atomic output: every file of a run is first written under a temporary name in the target
 * folder, and only renamed into place once all of them are written, so a failed run never
 * leaves a half-written or mixed set of outputs behind.
 */
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes `files` (name -> content) into `directory`, all or nothing. */
export function writeFilesAtomically(directory: string, files: Record<string, string>): void {
  mkdirSync(directory, { recursive: true });
  // Refuse before writing anything if a destination cannot be replaced by a file.
  for (const name of Object.keys(files)) {
    const final = path.join(directory, name);
    let isReplaceable = true;
    try {
      isReplaceable = lstatSync(final).isFile();
    } catch {
      // Not there yet: fine.
    }
    if (!isReplaceable) throw new Error(`${final} exists and is not a file`);
  }
  const staged: { temporary: string; final: string }[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const final = path.join(directory, name);
      const temporary = path.join(directory, `.${name}.${process.pid}.tmp`);
      staged.push({ temporary, final });
      writeFileSync(temporary, content);
    }
    for (const { temporary, final } of staged) renameSync(temporary, final);
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    throw error;
  }
}
