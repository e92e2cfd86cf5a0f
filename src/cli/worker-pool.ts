/**
 * WorkerPool: real worker threads running a sweep's tasks (replicates, and the points of its
 * tornado swings), each given the next task as soon as it is done with one. Results come back
 * in completion order; the caller puts them in order. A failure in any worker stops the pool
 * with that failure.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CliExit, ExitCode } from "./exit-codes.js";
import type { InvalidDraw, SwingPoint } from "../sweep/index.js";
import type { WorkerMessage, WorkerSetup, WorkerTask } from "./replicate-worker.js";

/** What the caller does with each result as it arrives. */
export interface PoolResults {
  /** A replicate's record body, band values and band bins (replicate-worker.ts). */
  record(replicate: number, parts: { readonly body: Uint8Array; readonly bandValues: Float64Array; readonly shareBins: Uint8Array; readonly stockBins: Uint16Array }): void;
  /** A replicate whose draw broke a rule: recorded and skipped. */
  invalid(draw: InvalidDraw): void;
  swing(replicate: number, point: number, result: SwingPoint): void;
}

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "replicate-worker.js");

/**
 * A worker's heap. The young generation is twice what V8 gives it by default (setting 48 MB
 * measured the same as not setting it): a replicate allocates mostly short-lived records, and
 * with the default its scavenges (run partly on V8's helper threads) cost about 15% more of a
 * replicate's CPU, measured alternating the two in one worker at load about 2.5 (164 and 154
 * ms against 182 and 187 ms of CPU a flagship replicate), and kept a single worker on 1.2
 * cores, leaving less of the second core to a second worker. It adds at most about 45 MB to a
 * worker's peak. Results are the same: the collector changes no value.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 96 };

/** How long the pool's workers took to start, for run-log.json. */
export interface PoolStartup {
  /** Milliseconds from the process's start (performance.now()) to the first worker ready to run a task. */
  readonly firstReadyAtMs: number;
  /** The slowest worker's milliseconds from its spawn to ready. */
  readonly slowestStartMs: number;
}

/** Runs replicates on `size` worker threads. */
export class WorkerPool {
  private readonly setup: WorkerSetup;
  private readonly size: number;
  private firstReadyAtMs: number | undefined;
  private slowestStartMs = 0;

  constructor(setup: WorkerSetup, size: number) {
    this.setup = setup;
    this.size = size;
  }

  /**
   * Runs every task `next()` gives (undefined: no more), handing each result to `results` as
   * it arrives. Resolves when all dispatched tasks are back.
   */
  async run(next: () => WorkerTask | undefined, results: PoolResults): Promise<void> {
    const spawnedAtMs = performance.now();
    const workers = Array.from({ length: this.size }, () => new Worker(WORKER_FILE, { workerData: this.setup, resourceLimits: WORKER_LIMITS }));
    try {
      await new Promise<void>((resolve, reject) => {
        let busy = 0;
        let isDone = false;
        const finish = (error?: unknown) => {
          if (isDone) return;
          if (error !== undefined) {
            isDone = true;
            reject(error);
          } else if (busy === 0) {
            isDone = true;
            resolve();
          }
        };
        const feed = (worker: Worker) => {
          if (isDone) return finish();
          const task = next();
          if (task === undefined) return finish();
          busy++;
          worker.postMessage(task);
        };
        for (const worker of workers) {
          worker.on("message", (message: WorkerMessage) => {
            if (message.kind === "ready") {
              const readyAtMs = performance.now();
              this.firstReadyAtMs ??= readyAtMs;
              this.slowestStartMs = Math.max(this.slowestStartMs, readyAtMs - spawnedAtMs);
              return feed(worker);
            }
            if (message.kind === "failed") {
              const where = message.replicate >= 0 ? ` (replicate ${message.replicate})` : "";
              return finish(new CliExit(message.isBadInput ? ExitCode.BAD_INPUT : ExitCode.INTERNAL, message.isBadInput ? message.message : `chokepoint: internal error in a sweep worker${where}: ${message.message}`));
            }
            busy--;
            try {
              if (message.kind === "record") results.record(message.replicate, message);
              else if (message.kind === "invalid") results.invalid(message.draw);
              else results.swing(message.replicate, message.point, message.result);
            } catch (error) {
              return finish(error);
            }
            feed(worker);
          });
          worker.on("error", (error) => finish(new CliExit(ExitCode.INTERNAL, `chokepoint: internal error in a sweep worker: ${error.stack ?? error.message}`)));
          worker.on("exit", (code) => {
            if (code !== 0 && !isDone) finish(new CliExit(ExitCode.INTERNAL, `chokepoint: a sweep worker exited with code ${code}`));
          });
        }
      });
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }

  /** How the workers started (undefined before any was ready). */
  startup(): PoolStartup | undefined {
    return this.firstReadyAtMs === undefined ? undefined : { firstReadyAtMs: this.firstReadyAtMs, slowestStartMs: this.slowestStartMs };
  }
}
