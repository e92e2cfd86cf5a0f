/**
 * replicates.parquet encoded on a thread of its own: the same ReplicateStream as
 * ReplicatesParquet, and the same bytes, but `add` only hands the replicate's values to the
 * thread (parquet-worker.ts) in batches and returns whatever encoded bytes have come back so
 * far, so that encoding (a third of a merge's work per replicate) runs beside the reading and
 * counting. It stays synchronous, as the catalogue's streams are: bytes are taken from the
 * thread's port with receiveMessageOnPort, and when the thread falls behind by more than two
 * row groups' replicates (at most MAX_AHEAD replicates, AHEAD_BYTES of values; or at the end)
 * the main thread waits on a shared counter (Atomics.wait), so memory stays bounded. Two row groups, because the thread
 * takes no replicate while it encodes one: a smaller allowance stops the main thread (and the
 * reading behind it) for most of each row group's encoding. Without a built worker file (running from TypeScript sources) the file
 * is encoded here, as before.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { ReplicatesParquet, ROW_GROUP_ROWS } from "../report/index.js";
import { recordShape, type ReplicateOutcome, type SweepPlan } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { packedSize, packOutcome } from "./packed-outcomes.js";
import { PROGRESS_STATE, PROGRESS_TAKEN, type ParquetThreadMessage, type ParquetThreadSetup, type ParquetThreadTask } from "./parquet-worker.js";

/** The catalogue's ReplicateStream, for bytes (named here so that this file and the catalogue do not import each other). */
export interface ByteReplicateStream {
  begin(): Uint8Array;
  add(outcome: ReplicateOutcome): Uint8Array;
  end(): Uint8Array;
}

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "parquet-worker.js");
/** Replicates sent in one message (fewer messages; the thread is at most this far behind at the end). */
const BATCH = 16;
/** Replicates sent but not yet encoded before `add` waits, at most, and their values' bytes at most (the flagship's 2 row groups are 1,200 replicates, 18 MB). */
const MAX_AHEAD = 8192;
const AHEAD_BYTES = 64 << 20;
/** A thread that takes no replicate for this long has died (a row group of 100,000 rows encodes in about a second). */
const STALL_MS = 120_000;

/** replicates.parquet's stream: on its own thread when the worker file is built, else ReplicatesParquet itself. */
export function replicatesParquetStream(plan: SweepPlan): ByteReplicateStream {
  return existsSync(WORKER_FILE) ? new ParquetOnThread(plan) : new ReplicatesParquet(plan);
}

/** ReplicatesParquet's bytes, encoded on a worker thread. */
class ParquetOnThread implements ByteReplicateStream {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counter: Int32Array;
  private readonly size: number;
  /** Replicates sent but not yet encoded before `add` waits. */
  private readonly maxAhead: number;
  /** The batch being filled: its replicates' numbers and packed values (packed-outcomes.ts). */
  private replicates: Int32Array;
  private values: Float64Array;
  private count = 0;
  private sent = 0;

  constructor(plan: SweepPlan) {
    this.size = packedSize(recordShape(plan));
    const replicatesPerGroup = Math.ceil(ROW_GROUP_ROWS / Math.max(1, plan.alternatives.length * plan.series.length));
    this.maxAhead = Math.max(4 * BATCH, Math.min(2 * replicatesPerGroup + BATCH, MAX_AHEAD, Math.floor(AHEAD_BYTES / (8 * Math.max(1, this.size)))));
    this.replicates = new Int32Array(BATCH);
    this.values = new Float64Array(BATCH * this.size);
    const { port1, port2 } = new MessageChannel();
    const progress = new SharedArrayBuffer(8);
    this.port = port1;
    this.counter = new Int32Array(progress);
    const setup: ParquetThreadSetup = { plan, port: port2, progress };
    this.worker = new Worker(WORKER_FILE, { workerData: setup, transferList: [port2] });
    // The thread never keeps the process alive: the stream's end waits for it, and an abandoned stream (a failed merge) must not hang the exit.
    this.worker.unref();
  }

  begin(): Uint8Array {
    return this.received();
  }

  add(outcome: ReplicateOutcome): Uint8Array {
    // Only what the file reads: the replicate number and each alternative's KPI and input values, packed.
    this.replicates[this.count] = outcome.replicate;
    packOutcome(outcome, this.values, this.count * this.size);
    if (++this.count === BATCH) this.flush();
    if (this.sent - Atomics.load(this.counter, PROGRESS_TAKEN) > this.maxAhead) this.waitUntil(() => this.sent - Atomics.load(this.counter, PROGRESS_TAKEN) <= this.maxAhead / 2);
    return this.received();
  }

  end(): Uint8Array {
    this.flush();
    this.worker.postMessage({ kind: "end" } satisfies ParquetThreadTask);
    this.waitUntil(() => Atomics.load(this.counter, PROGRESS_STATE) !== 0);
    const bytes = this.received();
    void this.worker.terminate();
    this.port.close();
    return bytes;
  }

  private flush(): void {
    if (this.count === 0) return;
    const replicates = this.replicates.subarray(0, this.count);
    const values = this.values.subarray(0, this.count * this.size);
    this.worker.postMessage({ kind: "add", replicates, values } satisfies ParquetThreadTask, [replicates.buffer as ArrayBuffer, values.buffer as ArrayBuffer]);
    this.sent += this.count;
    this.count = 0;
    this.replicates = new Int32Array(BATCH);
    this.values = new Float64Array(BATCH * this.size);
  }

  /** Blocks until `isDone`, waking whenever the thread takes replicates or stops; a thread silent for STALL_MS has died. */
  private waitUntil(isDone: () => boolean): void {
    let taken = Atomics.load(this.counter, PROGRESS_TAKEN);
    let since = performance.now();
    while (!isDone()) {
      if (Atomics.load(this.counter, PROGRESS_STATE) === 2) break;
      Atomics.wait(this.counter, PROGRESS_TAKEN, taken, 1000);
      const now = Atomics.load(this.counter, PROGRESS_TAKEN);
      if (now !== taken) {
        taken = now;
        since = performance.now();
      } else if (performance.now() - since > STALL_MS) {
        throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error: the thread writing replicates.parquet took no replicate for ${STALL_MS / 1000} s`);
      }
    }
  }

  /** The bytes the thread has posted so far, in order; its failure as an internal error. */
  private received(): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let message = receiveMessageOnPort(this.port); message !== undefined; message = receiveMessageOnPort(this.port)) {
      const body = message.message as ParquetThreadMessage;
      if (body.kind === "failed") throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error: writing replicates.parquet failed: ${body.message}`);
      parts.push(body.bytes);
    }
    if (parts.length === 1) return parts[0];
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    return joined;
  }
}
