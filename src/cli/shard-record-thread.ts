/**
 * A thread that reads shards' records for a merge (shard-readers.ts): for each of its shards,
 * frame after frame, it inflates the record, posts the replicate's KPI and input values back in
 * batches (transferred, in file order), and counts the base's band bins and their extremes
 * itself (BandCounts), which the main thread adds at the end. It never runs more than `ahead` replicates of a shard
 * ahead of what the main thread has taken, so memory stays bounded; with a stop rule it counts
 * a replicate's bands only once the main thread has counted the replicate (the rule may settle
 * before it), holding the bins until then.
 *
 * The shared Int32Array `state`: [WAKE] bumped by the main thread whenever it takes a batch or
 * settles, [COUNTED] replicates the main thread has counted, [FINAL] how many replicates the
 * sweep counted in all (-1 until known, -2 when the merge gave up), then [POSTED + thread]
 * messages each thread has posted, then [TAKEN + shard] replicates taken of each shard.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { BandCounts, baseBandBinsBySeries, copyValues, payloadLayout, recordShape, type BandCountsData, type ExtremeUpdates, type PayloadLayout, type RecordPayload, type RecordShape, type SweepPlan } from "../sweep/index.js";
import { CliExit } from "./exit-codes.js";
import { RecordFilePayloads } from "./record-file.js";

/** Slots of the shared state. */
export const WAKE = 0;
export const COUNTED = 1;
export const FINAL = 2;
export const POSTED = 3;
/** FINAL's value when the merge gave up. */
export const ABANDONED = -2;

/** What a thread is started with. */
export interface ShardThreadSetup {
  readonly plan: SweepPlan;
  readonly thread: number;
  readonly threads: number;
  /** Its shards: their index and records file. */
  readonly shards: readonly { readonly index: number; readonly file: string; readonly countsBands: boolean }[];
  readonly shardCount: number;
  readonly state: SharedArrayBuffer;
  readonly port: MessagePort;
  /** Replicates per batch, and at most this many replicates of a shard posted but not taken. */
  readonly batch: number;
  readonly ahead: number;
  readonly chunkBytes: number;
}

/** What a thread posts on its port. */
export type ShardThreadMessage =
  | { readonly kind: "batch"; readonly shard: number; readonly replicates: Int32Array; readonly values: Float64Array }
  | { readonly kind: "end"; readonly shard: number; readonly tornBytes: number }
  /** The shard's records stop being readable here (damage, a read error): exit 2 with `message` when the merge gets this far. */
  | { readonly kind: "refused"; readonly shard: number; readonly message: string }
  | { readonly kind: "bands"; readonly data: BandCountsData | undefined }
  | { readonly kind: "failed"; readonly message: string };

/** Where shard `shard`'s taken count lives in the state. */
export function takenSlot(threads: number, shard: number): number {
  return POSTED + threads + shard;
}

/** One shard being read. */
interface ShardReading {
  readonly index: number;
  /** Whether its bands are counted here (not when its folder's band-counts.bin has them). */
  readonly countsBands: boolean;
  readonly payloads: RecordFilePayloads | undefined;
  posted: number;
  isDone: boolean;
}

type Post = (message: ShardThreadMessage, transfer?: ArrayBuffer[]) => void;

/** The thread's work: its shards read batch by batch, never more than `ahead` replicates of one ahead of the main thread, then its band counts. */
class ShardThread {
  private readonly setup: ShardThreadSetup;
  private readonly state: Int32Array;
  private readonly post: Post;
  private readonly shape: RecordShape;
  private readonly layout: PayloadLayout;
  private readonly bands: BandCounts | undefined;
  private readonly stocks: Uint16Array;
  /** With a stop rule, a replicate's bins wait here until the main thread has counted it. */
  private readonly isGated: boolean;
  private readonly waiting: { replicate: number; shares: Uint8Array; stocks: Uint16Array; extremes: ExtremeUpdates }[] = [];
  private readonly shards: ShardReading[];

  constructor(setup: ShardThreadSetup, state: Int32Array, post: Post) {
    this.setup = setup;
    this.state = state;
    this.post = post;
    this.shape = recordShape(setup.plan);
    this.layout = payloadLayout(this.shape);
    this.bands = setup.plan.kind === "sweep" ? new BandCounts(this.shape.bandCells) : undefined;
    this.stocks = new Uint16Array(this.shape.bandCells);
    this.isGated = setup.plan.until !== null;
    this.shards = setup.shards.map(({ index, file, countsBands }) => {
      try {
        return { index, countsBands, payloads: new RecordFilePayloads(file, setup.plan, setup.chunkBytes), posted: 0, isDone: false };
      } catch (error) {
        if (!(error instanceof CliExit)) throw error;
        post({ kind: "refused", shard: index, message: error.message });
        return { index, countsBands, payloads: undefined, posted: 0, isDone: true };
      }
    });
  }

  /** Reads until the main thread says how many replicates the sweep counted, then posts the band counts of those. */
  run(): void {
    const { state, setup } = this;
    let final = Atomics.load(state, FINAL);
    while (final === -1) {
      const generation = Atomics.load(state, WAKE);
      let hasRead = false;
      for (const shard of this.shards) {
        if (shard.isDone || shard.posted - Atomics.load(state, takenSlot(setup.threads, shard.index)) >= setup.ahead) continue;
        this.readBatch(shard);
        hasRead = true;
      }
      if (this.isGated) this.countWaiting(Atomics.load(state, COUNTED));
      if (!hasRead) Atomics.wait(state, WAKE, generation, 1000);
      final = Atomics.load(state, FINAL);
    }
    for (const shard of this.shards) shard.payloads?.close();
    if (final === ABANDONED) return;
    if (this.isGated) this.countWaiting(final);
    const data = this.bands?.toData();
    const transfer = data === undefined ? [] : [...[data.shares, data.stocks].flatMap((h) => [h.low.buffer, h.sizes.buffer, h.counts.buffer] as ArrayBuffer[]), data.least.buffer as ArrayBuffer, data.greatest.buffer as ArrayBuffer];
    this.post({ kind: "bands", data }, transfer);
  }

  /** Reads and posts up to a batch of the shard's replicates, and its end or refusal when reached. */
  private readBatch(shard: ShardReading): void {
    const { batch } = this.setup;
    const payloads = shard.payloads as RecordFilePayloads;
    const replicates = new Int32Array(batch);
    const values = new Float64Array(batch * this.layout.values);
    let count = 0;
    let last: ShardThreadMessage | undefined;
    try {
      while (count < batch) {
        const payload = payloads.next();
        if (payload === undefined) {
          last = { kind: "end", shard: shard.index, tornBytes: payloads.tornBytes };
          break;
        }
        replicates[count] = payload.replicate;
        copyValues(payload, this.layout, values, count * this.layout.values);
        count++;
        if (shard.countsBands) this.countBands(payload);
      }
    } catch (error) {
      if (!(error instanceof CliExit)) throw error;
      last = { kind: "refused", shard: shard.index, message: error.message };
    }
    if (count > 0) {
      this.post({ kind: "batch", shard: shard.index, replicates: replicates.subarray(0, count), values: values.subarray(0, count * this.layout.values) }, [replicates.buffer, values.buffer]);
      shard.posted += count;
    }
    if (last !== undefined) {
      this.post(last);
      shard.isDone = true;
      payloads.close();
    }
  }

  /** Counts a replicate's bands now, or (with a stop rule) once the main thread has counted it. */
  private countBands(payload: RecordPayload): void {
    if (this.bands === undefined) return;
    const shares = baseBandBinsBySeries(payload, this.layout, this.shape, this.stocks);
    if (this.isGated) this.waiting.push({ replicate: payload.replicate, shares: shares.slice(), stocks: this.stocks.slice(), extremes: payload.extremes });
    else this.bands.add(shares, this.stocks, payload.extremes);
  }

  /** Counts the waiting replicates below `upTo` (they wait in each shard's file order, so every one is looked at). */
  private countWaiting(upTo: number): void {
    let kept = 0;
    for (const row of this.waiting) {
      if (row.replicate < upTo) this.bands?.add(row.shares, row.stocks, row.extremes);
      else this.waiting[kept++] = row;
    }
    this.waiting.length = kept;
  }
}

if (parentPort !== null && workerData !== null && typeof workerData === "object" && "shardCount" in workerData) {
  const setup = workerData as ShardThreadSetup;
  const state = new Int32Array(setup.state);
  const port = setup.port;
  const post: Post = (message, transfer = []) => {
    port.postMessage(message, transfer);
    Atomics.add(state, POSTED + setup.thread, 1);
    Atomics.notify(state, POSTED + setup.thread);
  };
  try {
    new ShardThread(setup, state, post).run();
  } catch (error) {
    post({ kind: "failed", message: (error as Error).stack ?? String(error) });
  }
}
