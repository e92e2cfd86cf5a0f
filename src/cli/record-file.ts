/**
 * Record files: a shard's manifest (`shard.json`: the sweep plan and which shard) and its
 * append-only `records.bin` of replicate outcomes (framed by sweep/record-codec.ts), read in a
 * stream of fixed-size chunks so that memory stays flat however many replicates there are.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, statSync, truncateSync } from "node:fs";
import path from "node:path";
import { decodeRecord, payloadLayout, RecordError, RecordReader, recordShape, type RecordPayload, type ReplicateOutcome, type SweepPlan } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { writeAll } from "./atomic-file.js";
import { writeRecordInPlace } from "./in-place-outputs.js";
import { recordFileName } from "./output-catalogue.js";
import { isFileSystemError, reason, writing } from "./write-failure.js";
import { parseShardManifest, type ShardManifest } from "./shard-manifest.js";

export type { ShardManifest } from "./shard-manifest.js";

/** The manifest file of a shard folder (shard.json). */
export const MANIFEST_FILE = recordFileName("manifest");
/** The records file of a shard folder (records.bin). */
export const RECORDS_FILE = recordFileName("frames");

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
  writeRecordInPlace(folder, "manifest", manifest, "nothing has run yet: free some space (or make the folder writable) and run the command again");
}

/**
 * The outcomes of a records file, in file order. At the end, a torn last frame (a killed write)
 * ends the stream quietly and is reported through `onTail(bytes)`; damage elsewhere stops with
 * exit 2 naming the file.
 */
export function* readRecords(file: string, plan: SweepPlan, onTail: (goodBytes: number, tornBytes: number) => void = () => {}): Generator<ReplicateOutcome> {
  const shape = recordShape(plan);
  const layout = payloadLayout(shape);
  const payloads = new RecordFilePayloads(file, plan);
  try {
    for (let payload = payloads.next(); payload !== undefined; payload = payloads.next()) yield decodeRecord(payload, shape, layout);
  } finally {
    payloads.close();
  }
  onTail(payloads.goodBytes, payloads.tornBytes);
}

/**
 * A records file's frames, inflated and checked, in file order, read in chunks of `chunkBytes`
 * (so that memory stays flat however many replicates there are): `next` gives each payload,
 * then undefined at the end, when `tornBytes` says how many bytes after the last good frame
 * were left over (a torn last write). A missing file holds no frame. Damage stops with exit 2
 * naming the file.
 */
export class RecordFilePayloads {
  /** Bytes of whole, good frames read. */
  goodBytes = 0;
  /** At the end: bytes after the last good frame. */
  tornBytes = 0;
  private readonly file: string;
  private readonly reader: RecordReader;
  private readonly chunk: Buffer;
  private fd: number | undefined;
  private isAtEnd = false;

  constructor(file: string, plan: SweepPlan, chunkBytes = CHUNK_BYTES) {
    this.file = file;
    this.reader = new RecordReader(recordShape(plan));
    this.chunk = Buffer.allocUnsafe(chunkBytes);
    if (!existsSync(file)) {
      this.isAtEnd = true;
      return;
    }
    try {
      this.fd = openSync(file, "r");
    } catch (error) {
      throw this.unreadable(error);
    }
  }

  /** The next payload, or undefined at the end of the file. */
  next(): RecordPayload | undefined {
    for (;;) {
      let payload: RecordPayload | undefined;
      try {
        payload = this.reader.nextPayload();
      } catch (error) {
        if (error instanceof RecordError) throw new CliExit(ExitCode.BAD_INPUT, `${this.file}: ${error.message}`);
        throw error;
      }
      if (payload !== undefined) return payload;
      if (this.isAtEnd || this.fd === undefined) return this.end();
      let n: number;
      try {
        n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      } catch (error) {
        throw this.unreadable(error);
      }
      if (n === 0) {
        this.isAtEnd = true;
        return this.end();
      }
      this.reader.push(this.chunk.subarray(0, n));
    }
  }

  /** Closes the file (at the end, or when the rest is not wanted). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private end(): undefined {
    this.goodBytes = this.reader.goodBytes;
    this.tornBytes = this.reader.tail;
    this.close();
    return undefined;
  }

  private unreadable(error: unknown): unknown {
    return isFileSystemError(error) ? new CliExit(ExitCode.BAD_INPUT, `cannot read ${this.file}: ${reason(error)}`) : error;
  }
}

/**
 * The exit for a records file that holds replicate `found` where `expected` belongs, or (with
 * `expected` undefined) one more replicate after the shard's last one, `last`: merge and
 * --resume refuse such a file alike.
 */
export function damagedRecords(file: string, found: number, expected: number | undefined, last?: number): CliExit {
  const where = expected === undefined ? `replicate ${found} after the shard's last replicate${last === undefined ? "" : ` (${last})`}` : `replicate ${found} where ${expected} belongs`;
  return new CliExit(ExitCode.BAD_INPUT, `${file}: ${where}: the records are damaged; start the shard again in a new folder`);
}

/** What a user does after records.bin could not be written: nothing recorded is lost. */
const RECORDS_KEPT = "the replicates recorded before it are kept: free some space and run the same command with --resume";

/** Cuts a records file after its last good frame (what a killed write left half done). */
export function cutTornTail(file: string, goodBytes: number): void {
  writing(file, "its records are as they were: fix the cause and run the same command with --resume", () => {
    if (existsSync(file) && statSync(file).size > goodBytes) truncateSync(file, goodBytes);
  });
}

/** Appends frames to a records file; a write that fails stops with exit 2 naming the file (a torn last frame is cut by --resume). */
export class RecordAppender {
  private readonly file: string;
  private readonly fd: number;
  private sinceSync = 0;
  private hasFailed = false;

  constructor(file: string) {
    this.file = file;
    this.fd = writing(file, RECORDS_KEPT, () => openSync(file, "a"));
  }

  /** Appends one frame (whole: a kill can tear at most the last). */
  append(frame: Uint8Array): void {
    this.guarded(() => {
      writeAll(this.fd, frame);
      // A killed process loses nothing the kernel has; flushing now and then guards against a lost machine.
      if (++this.sinceSync >= 256) this.flush();
    });
  }

  /** Flushes to disk. */
  sync(): void {
    this.guarded(() => this.flush());
  }

  /** Flushes and closes; after a failed write, only closes (the failure is what gets reported). */
  close(): void {
    if (this.hasFailed) {
      try {
        closeSync(this.fd);
      } catch {
        // Already reported: the write that failed.
      }
      return;
    }
    try {
      this.sync();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    fsyncSync(this.fd);
    this.sinceSync = 0;
  }

  private guarded(write: () => void): void {
    try {
      writing(this.file, RECORDS_KEPT, write);
    } catch (error) {
      this.hasFailed = true;
      throw error;
    }
  }
}
