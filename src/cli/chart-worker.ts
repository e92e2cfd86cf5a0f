/**
 * The thread that draws a run report's charts (see charts-on-thread.ts). As soon as it starts,
 * while the main thread loads the scenario and simulates, it loads Vega and Vega-Lite and draws
 * warm-up charts (warm-up-charts.ts, a few rounds at most, at a low priority) until the first
 * real chart comes, so that Vega is loaded and compiled by then. It is then sent Vega-Lite
 * specifications, each with a number, and posts back each one's SVG text (renderSvg's, the
 * same bytes as drawn on the main thread) or why it failed, one chart at a time, in the order
 * they came.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "../report/html/chart.js";
import { warmUpCharts } from "../report/html/warm-up-charts.js";

/** What the thread is started with (`drawsCharts` tells this thread's data from other threads'). */
export interface ChartThreadSetup {
  readonly drawsCharts: true;
  /** For tests: fail every chart with this message, as a broken Vega would. */
  readonly failWith?: string;
}

/** What the main thread sends: a chart to draw. */
export interface ChartThreadTask {
  readonly id: number;
  readonly spec: TopLevelSpec;
}

/** What the thread posts back: a chart's SVG text, or why it could not be drawn. */
export type ChartThreadMessage = { readonly id: number; readonly svg: string } | { readonly id: number; readonly failed: string };

/** The nice value of the thread (the main thread's is usually 0; 19 is the lowest priority). */
const THREAD_NICE = 10;

/** Rounds of the warm-up charts at most: each makes the report's charts faster to draw, less so each time, and costs a tenth of a second of a core the main thread may need when the machine is busy. */
const WARM_UP_ROUNDS = 2;

/**
 * Lowers this thread's scheduling priority (on Linux, where a thread has a nice value of its own):
 * on an idle machine it still has a core to itself, but on a busy one its warm-up does not
 * take the CPU time the main thread needs to load the scenario and simulate.
 */
function yieldToMainThread(): void {
  if (process.platform !== "linux") return;
  try {
    // Linux applies a nice value given for "process" 0 to the calling thread only.
    setPriority(0, THREAD_NICE);
  } catch {
    // Not allowed here: the thread runs at the main thread's priority, as it would elsewhere.
  }
}

if (parentPort !== null && workerData !== null && typeof workerData === "object" && "drawsCharts" in workerData) {
  const parent = parentPort;
  const setup = workerData as ChartThreadSetup;
  yieldToMainThread();
  const draw = setup.failWith === undefined ? renderSvg : () => Promise.reject(new Error(setup.failWith));
  let isAsked = false;
  // Warm-up rounds until the first chart is asked for. Their failure is not reported: the first real chart fails the same way, and says so.
  const warmUp = async () => {
    const specs = warmUpCharts().map((chart) => chart.spec);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const spec of specs) {
        if (isAsked) return;
        await renderSvg(spec);
      }
    }
  };
  let queue: Promise<unknown> = warmUp().catch(() => undefined);
  parent.on("message", (task: ChartThreadTask) => {
    isAsked = true;
    queue = queue.then(async () => {
      let message: ChartThreadMessage;
      try {
        message = { id: task.id, svg: await draw(task.spec) };
      } catch (error) {
        message = { id: task.id, failed: error instanceof Error ? error.message : String(error) };
      }
      parent.postMessage(message satisfies ChartThreadMessage);
    });
  });
}
