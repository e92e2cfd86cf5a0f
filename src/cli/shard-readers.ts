/**
 * ShardReaders: a merge's records (or an unsharded sweep's, when it finishes), shard by shard
 * in file order, for the main thread to take in replicate order. Reading is most of a merge's
 * work (inflating every record and counting every band cell), so it runs on threads of its
 * own (shard-record-thread.ts, each thread a share of the shards) beside the main thread's
 * statistics in replicate order: the threads count the bands and their extremes themselves
 * (counts add, least and greatest values merge, exactly) and hand over each replicate's KPI and
 * input values. Without a built thread file (running
 * from TypeScript sources), or asked for no thread, the records are read here the same way.
 *
 * An outcome taken from a reader holds no band bins (packed-outcomes.ts): they were counted
 * where they were read, and come back from `finish`.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { BandCounts, baseBandBinsBySeries, copyValues, payloadLayout, recordShape, type BandCountsData, type PayloadLayout, type RecordShape, type ReplicateOutcome, type SweepPlan } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";
import { unpackOutcome } from "./packed-outcomes.js";
import { RecordFilePayloads } from "./record-file.js";
import { ABANDONED, COUNTED, FINAL, POSTED, takenSlot, WAKE, type ShardThreadMessage, type ShardThreadSetup } from "./shard-record-thread.js";

const THREAD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "shard-record-thread.js");

/** Bytes a merge's threads may hold ahead of the main thread, over all shards (values posted, bins waiting for a stop rule). */
const AHEAD_BYTES = 64 << 20;
/** Replicates of one shard at most ahead, and at most per batch. */
const MAX_AHEAD = 256;
const MAX_BATCH = 16;
/** Bytes read from a records file at a time: 1 MB, less with many shards (64 MB over all, at least 64 kB each). */
const CHUNK_BYTES = 1 << 20;
const ALL_CHUNKS_BYTES = 64 << 20;
const MIN_CHUNK_BYTES = 64 << 10;
/** Reading threads at most. */
const MAX_THREADS = 4;
/** A thread that posts nothing for this long while the main thread waits has died. */
const STALL_MS = 120_000;

/** Shards' records, each in file order. */
export interface ShardReaders {
  /** The next outcome of shard `shard` (no band bins), or undefined at its end; exit 2 where its records are damaged or unreadable. */
  next(shard: number): ReplicateOutcome | undefined;
  /** After `next` gave undefined: the bytes after the shard's last good frame (a torn last write). */
  tornBytes(shard: number): number;
  /** Tells the readers that replicates 0 to `count` - 1 are counted (a stop rule has not settled before them). */
  counted(count: number): void;
  /** Records of shard `shard` taken so far. */
  taken(shard: number): number;
  /** The band counts of replicates 0 to `count` - 1 of the shards whose bands are counted here (none for a compare), when no more will be taken. */
  finish(count: number): BandCountsData[];
  /** Stops reading: files closed, threads ended. */
  close(): void;
}

/**
 * The threads a merge of `shards` shards reads on: one per core but one (the main thread has
 * the statistics, and replicates.parquet a thread of its own), at least one, at most
 * MAX_THREADS (more would only wait for the main thread) and one per shard.
 */
export function readerThreads(shards: number): number {
  return Math.max(1, Math.min(shards, MAX_THREADS, availableParallelism() - 1));
}

/**
 * Readers of the records files `files` (shard i's at i), on `threads` threads (at most one per
 * shard; 0: in this thread), counting the bands of the shards `countsBands` says (not those
 * whose counts a band-counts.bin holds).
 */
export function openShardReaders(plan: SweepPlan, files: readonly string[], countsBands: readonly boolean[], threads: number): ShardReaders {
  const chunkBytes = chunkBytesFor(files.length);
  if (threads <= 0 || !existsSync(THREAD_FILE)) return new ReadersInThisThread(plan, files, countsBands, chunkBytes);
  return new ReadersOnThreads(plan, files, countsBands, Math.min(threads, files.length), chunkBytes);
}

function chunkBytesFor(files: number): number {
  return Math.min(CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, Math.floor(ALL_CHUNKS_BYTES / Math.max(1, files))));
}

/**
 * The band counts of the replicates below `below` in the records file `file`, read in this
 * thread: a merge's second look at a shard whose band-counts.bin it could not use as it is (a
 * stop rule settled before the shard's end).
 */
export function countRecordedBands(plan: SweepPlan, file: string, below: number): BandCountsData {
  const shape = recordShape(plan);
  const layout = payloadLayout(shape);
  const bands = new BandCounts(shape.bandCells);
  const stocks = new Uint16Array(shape.bandCells);
  const payloads = new RecordFilePayloads(file, plan, chunkBytesFor(1));
  try {
    for (let payload = payloads.next(); payload !== undefined; payload = payloads.next()) {
      if (payload.replicate < below) bands.add(baseBandBinsBySeries(payload, layout, shape, stocks), stocks, payload.extremes);
    }
  } finally {
    payloads.close();
  }
  return bands.toData();
}

/** The records read in this thread, a shard's file opened when it is first read. */
class ReadersInThisThread implements ShardReaders {
  private readonly plan: SweepPlan;
  private readonly files: readonly string[];
  private readonly shape: RecordShape;
  private readonly layout: PayloadLayout;
  private readonly chunkBytes: number;
  private readonly payloads: (RecordFilePayloads | undefined)[];
  private readonly countsBands: readonly boolean[];
  private readonly frames: number[];
  private readonly bands: BandCounts | undefined;
  private readonly stocks: Uint16Array;

  constructor(plan: SweepPlan, files: readonly string[], countsBands: readonly boolean[], chunkBytes: number) {
    this.plan = plan;
    this.files = files;
    this.countsBands = countsBands;
    this.frames = files.map(() => 0);
    this.shape = recordShape(plan);
    this.layout = payloadLayout(this.shape);
    this.chunkBytes = chunkBytes;
    this.payloads = files.map(() => undefined);
    this.bands = plan.kind === "sweep" ? new BandCounts(this.shape.bandCells) : undefined;
    this.stocks = new Uint16Array(this.shape.bandCells);
  }

  next(shard: number): ReplicateOutcome | undefined {
    const payloads = (this.payloads[shard] ??= new RecordFilePayloads(this.files[shard], this.plan, this.chunkBytes));
    const payload = payloads.next();
    if (payload === undefined) return undefined;
    const values = new Float64Array(this.layout.values);
    copyValues(payload, this.layout, values, 0);
    this.frames[shard]++;
    // Read here, a record is always counted: the caller stops reading when a stop rule settles.
    if (this.countsBands[shard]) this.bands?.add(baseBandBinsBySeries(payload, this.layout, this.shape, this.stocks), this.stocks, payload.extremes);
    return unpackOutcome(payload.replicate, values, 0, this.shape);
  }

  taken(shard: number): number {
    return this.frames[shard];
  }

  tornBytes(shard: number): number {
    return this.payloads[shard]?.tornBytes ?? 0;
  }

  counted(): void {}

  finish(): BandCountsData[] {
    return this.bands === undefined ? [] : [this.bands.toData()];
  }

  close(): void {
    for (const payloads of this.payloads) payloads?.close();
  }
}

/** What the main thread holds of one shard: batches posted and not yet taken. */
interface ShardQueue {
  readonly items: Exclude<ShardThreadMessage, { kind: "bands" | "failed" }>[];
  batch: { readonly replicates: Int32Array; readonly values: Float64Array } | undefined;
  at: number;
  taken: number;
  tornBytes: number | undefined;
  refusal: string | undefined;
}

/** The records read on threads, shard i on thread i mod threads. */
class ReadersOnThreads implements ShardReaders {
  private readonly shape: RecordShape;
  private readonly layout: PayloadLayout;
  private readonly threads: number;
  private readonly state: Int32Array;
  private readonly workers: Worker[];
  private readonly ports: MessagePort[];
  private readonly queues: ShardQueue[];
  private readonly bands: (BandCountsData | undefined | null)[];

  constructor(plan: SweepPlan, files: readonly string[], countsBands: readonly boolean[], threads: number, chunkBytes: number) {
    this.shape = recordShape(plan);
    this.layout = payloadLayout(this.shape);
    this.threads = threads;
    this.state = new Int32Array(new SharedArrayBuffer(4 * (POSTED + threads + files.length)));
    this.state[FINAL] = -1;
    // A replicate's footprint ahead of the main thread: its values, and with a stop rule its bins waiting to be counted.
    const footprint = this.layout.values * 8 + (plan.until !== null ? this.shape.bandCells * 3 : 0);
    const ahead = Math.max(2, Math.min(MAX_AHEAD, Math.floor(AHEAD_BYTES / (files.length * Math.max(1, footprint)))));
    const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(ahead / 4)));
    this.queues = files.map(() => ({ items: [], batch: undefined, at: 0, taken: 0, tornBytes: undefined, refusal: undefined }));
    this.bands = Array.from({ length: threads }, () => null);
    this.ports = [];
    this.workers = Array.from({ length: threads }, (_, thread) => {
      const { port1, port2 } = new MessageChannel();
      this.ports.push(port1);
      const setup: ShardThreadSetup = {
        plan,
        thread,
        threads,
        shards: files.flatMap((file, index) => (index % threads === thread ? [{ index, file, countsBands: countsBands[index] }] : [])),
        shardCount: files.length,
        state: this.state.buffer as SharedArrayBuffer,
        port: port2,
        batch,
        ahead,
        chunkBytes,
      };
      const worker = new Worker(THREAD_FILE, { workerData: setup, transferList: [port2] });
      // A thread never keeps the process alive: an abandoned merge (a refusal) must not hang the exit.
      worker.unref();
      return worker;
    });
  }

  next(shard: number): ReplicateOutcome | undefined {
    const queue = this.queues[shard];
    while (queue.batch === undefined || queue.at === queue.batch.replicates.length) {
      if (queue.refusal !== undefined) throw new CliExit(ExitCode.BAD_INPUT, queue.refusal);
      if (queue.tornBytes !== undefined) return undefined;
      const item = queue.items.shift();
      if (item === undefined) this.receive(shard % this.threads);
      else if (item.kind === "batch") {
        queue.batch = item;
        queue.at = 0;
      } else if (item.kind === "end") queue.tornBytes = item.tornBytes;
      else queue.refusal = item.message;
    }
    const batch = queue.batch;
    const k = queue.at++;
    Atomics.store(this.state, takenSlot(this.threads, shard), ++queue.taken);
    // The thread reads on once a batch is taken.
    if (queue.at === batch.replicates.length) this.wake();
    return unpackOutcome(batch.replicates[k], batch.values, k * this.layout.values, this.shape);
  }

  tornBytes(shard: number): number {
    return this.queues[shard].tornBytes ?? 0;
  }

  taken(shard: number): number {
    return this.queues[shard].taken;
  }

  counted(count: number): void {
    Atomics.store(this.state, COUNTED, count);
  }

  finish(count: number): BandCountsData[] {
    Atomics.store(this.state, FINAL, count);
    this.wake();
    for (let thread = 0; thread < this.threads; thread++) {
      while (this.bands[thread] === null) this.receive(thread);
    }
    return this.bands.filter((data): data is BandCountsData => data !== undefined && data !== null);
  }

  close(): void {
    if (Atomics.load(this.state, FINAL) === -1) Atomics.store(this.state, FINAL, ABANDONED);
    this.wake();
    for (const worker of this.workers) void worker.terminate();
    for (const port of this.ports) port.close();
  }

  private wake(): void {
    Atomics.add(this.state, WAKE, 1);
    Atomics.notify(this.state, WAKE);
  }

  /** Takes the next message of thread `thread`, waiting for one; a thread's failure is an internal error. */
  private receive(thread: number): void {
    const slot = POSTED + thread;
    let seen = Atomics.load(this.state, slot);
    let since = performance.now();
    for (;;) {
      const received = receiveMessageOnPort(this.ports[thread]);
      if (received !== undefined) {
        this.dispatch(thread, received.message as ShardThreadMessage);
        return;
      }
      Atomics.wait(this.state, slot, seen, 1000);
      const now = Atomics.load(this.state, slot);
      if (now !== seen) {
        seen = now;
        since = performance.now();
      } else if (performance.now() - since > STALL_MS) {
        throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error: the thread reading records took no step for ${STALL_MS / 1000} s`);
      }
    }
  }

  private dispatch(thread: number, message: ShardThreadMessage): void {
    if (message.kind === "failed") throw new CliExit(ExitCode.INTERNAL, `chokepoint: internal error in a thread reading records: ${message.message}`);
    if (message.kind === "bands") this.bands[thread] = message.data;
    else this.queues[message.shard].items.push(message);
  }
}
