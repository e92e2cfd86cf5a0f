// Loaded with `node --import` into a CLI process (and so into each of its threads), this breaks
// the thread that draws a run report's charts (src/cli/chart-worker.ts) as it starts, as a crash
// would: CHOKEPOINT_BREAK_CHARTS=exit ends it with exit code 3, =throw throws an error in it.
// Every other thread, and the main one, is untouched.
import { isMainThread, workerData } from "node:worker_threads";

if (!isMainThread && workerData !== null && typeof workerData === "object" && workerData.drawsCharts === true) {
  if (process.env.CHOKEPOINT_BREAK_CHARTS === "throw") throw new Error("the chart thread broke on purpose");
  if (process.env.CHOKEPOINT_BREAK_CHARTS === "exit") process.exit(3);
}
