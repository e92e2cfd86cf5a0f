/**
 * Record files: a shard's manifest (`shard.json`: the sweep plan and which shard) and its
 * append-only `records.bin` of replicate outcomes (framed by sweep/record-codec.ts), read in a
 * stream of fixed-size chunks so that memory stays flat however many replicates there are.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, truncateSync, writeSync } from "node:fs";
import path from "node:path";
import { RecordError, RecordReader, recordShape, type ReplicateOutcome, type SweepPlan } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { reason } from "./output-folder.js";
import { parseShardManifest, type ShardManifest } from "./shard-manifest.js";

export type { ShardManifest } from "./shard-manifest.js";

/** The manifest file of a shard folder. */
export const MANIFEST_FILE = "shard.json";
/** The records file of a shard folder. */
export const RECORDS_FILE = "records.bin";

const CHUNK_BYTES = 1 << 20;

/** The largest shard.json read: a real one is a few hundred kilobytes at most. */
const MAX_MANIFEST_BYTES = 64 << 20;

/** Reads a shard folder's manifest, checked field by field, or stops with every problem found (exit 2). */
export function readManifest(folder: string): ShardManifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!existsSync(file)) throw new CliExit(ExitCode.BAD_INPUT, `${folder} is not a sweep folder: it has no ${MANIFEST_FILE}`);
  let text: string;
  try {
    if (statSync(file).size > MAX_MANIFEST_BYTES) throw new CliExit(ExitCode.BAD_INPUT, `${file} is larger than any shard manifest (over ${MAX_MANIFEST_BYTES >> 20} MB): it is not one`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(ExitCode.BAD_INPUT, `${file} cannot be read: ${reason(error)}`);
  }
  const parsed = parseShardManifest(file, text);
  if (!parsed.ok) throw new CliExit(ExitCode.BAD_INPUT, `${parsed.problems.join("\n")}\n${file} is not a shard manifest chokepoint wrote: it is damaged or was edited; start the shard again in a new folder`);
  return parsed.manifest;
}

/** Writes a shard folder's manifest atomically. */
export function writeManifest(folder: string, manifest: ShardManifest): void {
  const file = path.join(folder, MANIFEST_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, JSON.stringify(manifest, null, 2) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/**
 * The outcomes of a records file, in file order. At the end, a torn last frame (a killed write)
 * ends the stream quietly and is reported through `onTail(bytes)`; damage elsewhere stops with
 * exit 2 naming the file.
 */
export function* readRecords(file: string, plan: SweepPlan, onTail: (goodBytes: number, tornBytes: number) => void = () => {}): Generator<ReplicateOutcome> {
  if (!existsSync(file)) {
    onTail(0, 0);
    return;
  }
  const reader = new RecordReader(recordShape(plan));
  const fd = openSync(file, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n > 0) reader.push(chunk.subarray(0, n));
      for (;;) {
        let outcome: ReplicateOutcome | undefined;
        try {
          outcome = reader.next();
        } catch (error) {
          if (error instanceof RecordError) throw new CliExit(ExitCode.BAD_INPUT, `${file}: ${error.message}`);
          throw error;
        }
        if (outcome === undefined) break;
        yield outcome;
      }
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  onTail(reader.goodBytes, reader.tail);
}

/** Cuts a records file after its last good frame (what a killed write left half done). */
export function cutTornTail(file: string, goodBytes: number): void {
  if (existsSync(file) && statSync(file).size > goodBytes) truncateSync(file, goodBytes);
}

/** Appends frames to a records file. */
export class RecordAppender {
  private readonly fd: number;
  private sinceSync = 0;

  constructor(file: string) {
    this.fd = openSync(file, "a");
  }

  /** Appends one frame (whole: a kill can tear at most the last). */
  append(frame: Uint8Array): void {
    let written = 0;
    while (written < frame.length) written += writeSync(this.fd, frame, written, frame.length - written);
    // A killed process loses nothing the kernel has; flushing now and then guards against a lost machine.
    if (++this.sinceSync >= 256) this.sync();
  }

  /** Flushes to disk. */
  sync(): void {
    fsyncSync(this.fd);
    this.sinceSync = 0;
  }

  /** Flushes and closes. */
  close(): void {
    try {
      this.sync();
    } finally {
      closeSync(this.fd);
    }
  }
}
