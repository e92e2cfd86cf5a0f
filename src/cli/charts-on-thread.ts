/**
 * A run report's charts drawn on a thread of their own (chart-worker.ts): the thread starts
 * when the run command does, so that loading Vega and Vega-Lite (most of a cold report's time)
 * happens on the second core while this thread loads the scenario and simulates; the report
 * then asks for all its charts at once and this thread renders the CSVs while they are drawn.
 * The SVG text is renderSvg's, so the report's bytes are the same as when drawn here. Without
 * a built worker file (running from TypeScript sources) there is no thread and the report
 * draws its charts itself, as before.
 *
 * A chart that fails to draw, or a thread that stops, fails the charts asked for (and any
 * asked for later) with an internal error (exit code 1); the command's output folder is then
 * left as it was, as for any failure before the files are in place.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SvgDrawer } from "../report/index.js";
import type { ChartThreadMessage, ChartThreadSetup, ChartThreadTask } from "./chart-worker.js";
import { CliExit, ExitCode } from "./exit-codes.js";

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "chart-worker.js");

/** Where a report's charts are drawn: `draw` on the thread, or undefined to draw them in this thread (no built worker file). */
export interface ChartDrawing {
  readonly draw: SvgDrawer | undefined;
  /** Stops the thread; charts not yet drawn fail. */
  close(): void;
}

/** Starts the chart thread when the worker file is built (`failWith`: for tests, a thread whose every chart fails with that message). */
export function startChartDrawing(options: { readonly failWith?: string } = {}): ChartDrawing {
  if (!existsSync(WORKER_FILE)) return { draw: undefined, close: () => undefined };
  const thread = new ChartThread({ drawsCharts: true, failWith: options.failWith });
  return { draw: (spec) => thread.draw(spec), close: () => thread.close() };
}

interface Pending {
  readonly resolve: (svg: string) => void;
  readonly reject: (error: unknown) => void;
}

/** The thread and the charts asked of it and not yet drawn. */
class ChartThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: CliExit | undefined;
  private isClosed = false;

  constructor(setup: ChartThreadSetup) {
    this.worker = new Worker(WORKER_FILE, { workerData: setup });
    // Only charts asked for and not yet drawn keep the process alive (draw refs it): a command that fails before its report must not wait for Vega to load.
    this.worker.unref();
    this.worker.on("message", (message: ChartThreadMessage) => this.settle(message));
    this.worker.on("error", (error: Error) => this.fail(`the thread drawing report.html's charts failed: ${error.message}`));
    this.worker.on("exit", (code: number) => this.fail(`the thread drawing report.html's charts stopped (exit code ${code})`));
  }

  draw(spec: ChartThreadTask["spec"]): Promise<string> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.worker.postMessage({ id, spec } satisfies ChartThreadTask);
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  close(): void {
    if (this.isClosed) return;
    this.fail("the thread drawing report.html's charts was stopped before it drew them all");
    this.isClosed = true;
    void this.worker.terminate();
  }

  private settle(message: ChartThreadMessage): void {
    const waiting = this.pending.get(message.id);
    if (waiting === undefined) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker.unref();
    if ("svg" in message) waiting.resolve(message.svg);
    else waiting.reject(internal(`drawing a chart of report.html failed: ${message.failed}`));
  }

  /** Fails every chart asked for, and every one asked for from now on. */
  private fail(why: string): void {
    if (this.isClosed) return;
    this.failure ??= internal(why);
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
    this.worker.unref();
  }
}

function internal(why: string): CliExit {
  return new CliExit(ExitCode.INTERNAL, `chokepoint: internal error: ${why}`);
}
