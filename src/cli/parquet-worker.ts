/**
 * The thread that encodes replicates.parquet while the main thread reads records and counts
 * statistics (see parquet-on-thread.ts). It is sent batches of replicates' KPI and input
 * values (packed-outcomes.ts, transferred) in replicate order and posts back, on its own port, the bytes ReplicatesParquet gives
 * for them (row groups as they fill), counting the replicates it has taken in a shared counter
 * so that the main thread can wait for it without an event loop.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { ReplicatesParquet } from "../report/replicates-parquet.js";
import { recordShape, type SweepPlan } from "../sweep/index.js";
import { packedSize, unpackOutcome } from "./packed-outcomes.js";

/** What the thread is started with. */
export interface ParquetThreadSetup {
  readonly plan: SweepPlan;
  /** Where the encoded bytes go, in order. */
  readonly port: MessagePort;
  /** Int32 slots: [PROGRESS_TAKEN] replicates taken, [PROGRESS_STATE] 0 running, 1 ended, 2 failed. */
  readonly progress: SharedArrayBuffer;
}

/** What the main thread sends: a batch of replicates, or the end of the file. */
export type ParquetThreadTask = { readonly kind: "add"; readonly replicates: Int32Array; readonly values: Float64Array } | { readonly kind: "end" };

/** What the thread posts on its port: bytes of the file, or why it failed. */
export type ParquetThreadMessage = { readonly kind: "bytes"; readonly bytes: Uint8Array } | { readonly kind: "failed"; readonly message: string };

/** Slots of the shared progress counter. */
export const PROGRESS_TAKEN = 0;
export const PROGRESS_STATE = 1;

if (parentPort !== null && workerData !== null && typeof workerData === "object" && "progress" in workerData) {
  const parent = parentPort;
  const { plan, port, progress } = workerData as ParquetThreadSetup;
  const counter = new Int32Array(progress);
  const post = (bytes: Uint8Array) => {
    if (bytes.length > 0) port.postMessage({ kind: "bytes", bytes } satisfies ParquetThreadMessage, [bytes.buffer as ArrayBuffer]);
  };
  const signal = (state: number) => {
    Atomics.store(counter, PROGRESS_STATE, state);
    Atomics.notify(counter, PROGRESS_STATE);
    Atomics.notify(counter, PROGRESS_TAKEN);
  };
  const shape = recordShape(plan);
  const size = packedSize(shape);
  try {
    const stream = new ReplicatesParquet(plan);
    post(stream.begin());
    parent.on("message", (task: ParquetThreadTask) => {
      try {
        if (task.kind === "add") {
          const count = task.replicates.length;
          for (let k = 0; k < count; k++) post(stream.add(unpackOutcome(task.replicates[k], task.values, k * size, shape)));
          Atomics.add(counter, PROGRESS_TAKEN, count);
          Atomics.notify(counter, PROGRESS_TAKEN);
        } else {
          post(stream.end());
          signal(1);
          parent.close();
        }
      } catch (error) {
        port.postMessage({ kind: "failed", message: (error as Error).message } satisfies ParquetThreadMessage);
        signal(2);
        parent.close();
      }
    });
  } catch (error) {
    port.postMessage({ kind: "failed", message: (error as Error).message } satisfies ParquetThreadMessage);
    signal(2);
  }
}
