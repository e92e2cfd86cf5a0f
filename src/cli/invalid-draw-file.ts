/**
 * invalid-draws.jsonl: a shard folder's invalid draws (sweep/invalid-draw.ts), one JSON line
 * per skipped replicate, appended in replicate order at the replicate's place among the
 * records (before any later replicate's frame), so --resume and merge know which replicates
 * records.bin lacks on purpose. A torn last line (a killed write) is cut off by --resume.
 */
import { closeSync, existsSync, openSync, readFileSync, truncateSync } from "node:fs";
import path from "node:path";
import type { InvalidDraw, Shard } from "../sweep/index.js";
import { writeAll } from "./atomic-file.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { recordFileName } from "./output-catalogue.js";
import { reason, writing } from "./write-failure.js";

/** The file's name in a shard folder (invalid-draws.jsonl). */
export const INVALID_DRAWS_FILE = recordFileName("invalidLines");

/**
 * The shard's invalid draws, in replicate order (none without a file). With `cutTorn`, a torn
 * last line is cut off the file (--resume); otherwise it is left and ignored (merge). Throws
 * CliExit (bad input) for a line that is not one of the shard's replicates in order.
 */
export function readInvalidDraws(folder: string, shard: Shard, cutTorn: boolean): InvalidDraw[] {
  const file = path.join(folder, INVALID_DRAWS_FILE);
  if (!existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliExit(ExitCode.BAD_INPUT, `cannot read ${file}: ${reason(error)}`);
  }
  const lines = text.split("\n");
  // The part after the last newline is a line a kill cut short (or nothing).
  const torn = lines.pop() as string;
  let previous = -1;
  const draws = lines.map((line, i) => {
    let draw: InvalidDraw | undefined;
    try {
      draw = JSON.parse(line) as InvalidDraw;
    } catch {
      draw = undefined;
    }
    const isOurs = draw !== undefined && Number.isSafeInteger(draw.replicate) && draw.replicate > previous && draw.replicate % shard.count === shard.index && typeof draw.field === "string" && typeof draw.message === "string";
    if (!isOurs) throw new CliExit(ExitCode.BAD_INPUT, `${file}: line ${i + 1} is not an invalid draw of shard ${shard.index}/${shard.count} after replicate ${previous}: the records are damaged; start the shard again in a new folder`);
    previous = (draw as InvalidDraw).replicate;
    return draw as InvalidDraw;
  });
  if (torn.length > 0 && cutTorn) {
    const good = Buffer.byteLength(text, "utf8") - Buffer.byteLength(torn, "utf8");
    writing(file, "its invalid draws are as they were: fix the cause and run the same command with --resume", () => truncateSync(file, good));
  }
  return draws;
}

/** Appends invalid draws to the shard folder's file, one whole line each. */
export class InvalidDrawAppender {
  private readonly file: string;
  private fd: number | undefined;

  constructor(folder: string) {
    this.file = path.join(folder, INVALID_DRAWS_FILE);
  }

  /** Appends one invalid draw. */
  append(draw: InvalidDraw): void {
    writing(this.file, "the replicates recorded before it are kept: free some space and run the same command with --resume", () => {
      this.fd ??= openSync(this.file, "a");
      writeAll(this.fd, Buffer.from(JSON.stringify({ replicate: draw.replicate, field: draw.field, message: draw.message }) + "\n", "utf8"));
    });
  }

  /** Closes the file (if it was opened). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
