/**
 * A pool of one worker thread running the built CLI in-process (see cli-worker.mjs): each call
 * resolves with the command's exit code and output, or rejects when the command does not finish
 * within its time bound (the worker is then terminated and replaced).
 */
import path from "node:path";
import { Worker } from "node:worker_threads";

/** What one command printed and returned. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const WORKER = path.join(import.meta.dirname, "cli-worker.mjs");

/** Runs CLI commands one at a time on a worker thread. */
export class CliWorker {
  private worker = new Worker(WORKER);
  private nextId = 0;

  /** Runs `argv`; rejects with "timed out" after `timeoutMs`. */
  run(argv: readonly string[], timeoutMs: number): Promise<CliOutcome> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.worker.removeListener("message", onMessage);
        void this.worker.terminate();
        this.worker = new Worker(WORKER);
        reject(new Error(`chokepoint ${argv.join(" ")}: no answer in ${timeoutMs} ms (a hang)`));
      }, timeoutMs);
      const onMessage = (message: { id: number } & CliOutcome) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        this.worker.removeListener("message", onMessage);
        resolve({ code: message.code, stdout: message.stdout, stderr: message.stderr });
      };
      this.worker.on("message", onMessage);
      this.worker.postMessage({ id, argv: [...argv] });
    });
  }

  /** Stops the worker. */
  close(): Promise<number> {
    return this.worker.terminate();
  }
}
