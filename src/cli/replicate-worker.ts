/**
 * A worker thread of a sweep: rebuilds the plan's scenarios from the plain data the main thread
 * loaded them into (PortableScenario: no file is read, composed or validated again), then runs
 * the tasks it is sent: a replicate, posted back as its encoded record body with the band values
 * whose new extremes the main thread adds to its record (transferred, not copied), or as an
 * invalid draw (its drawn inputs break a rule of the format: the sweep records and skips it), or
 * one point of a tornado swing replicate, posted back as its values.
 *
 * Start-up is paid by every worker of every sweep, so this module imports the files it runs
 * rather than the folders' index.ts: an index loads its whole folder (the scenario format's
 * parsers, the sweep's statistics), which took most of a worker's time before its first
 * replicate. The tornado's module is loaded on the first swing task.
 */
import { parentPort, workerData } from "node:worker_threads";
import { restoreScenario, type PortableScenario } from "../scenario/portable-scenario.js";
import { formatIssue } from "../scenario/scenario-issue.js";
import { recordBody } from "../sweep/record-codec.js";
import { ReplicateRunner } from "../sweep/replicate-runner.js";
import { recordShape, type SweepPlan } from "../sweep/sweep-plan.js";
import type { InvalidDraw, SwingPoint } from "../sweep/index.js";

/** What a worker is started with. */
export interface WorkerSetup {
  /** The plan's alternatives, base first, as the main thread loaded them. */
  readonly scenarios: readonly PortableScenario[];
  readonly plan: SweepPlan;
}

/** What a worker is asked to run: a replicate, or point `point` of swing replicate `swing`. */
export type WorkerTask = number | { readonly swing: number; readonly point: number };

/** A message from a worker. */
export type WorkerMessage =
  | { readonly kind: "ready" }
  /**
   * A replicate's record body (recordBody's); the base's band values, whose new extremes the main
   * thread adds to the record in file order; and the base's band bins, which it counts (a compare: none).
   */
  | { readonly kind: "record"; readonly replicate: number; readonly body: Uint8Array; readonly bandValues: Float64Array; readonly shareBins: Uint8Array; readonly stockBins: Uint16Array }
  | { readonly kind: "swing"; readonly replicate: number; readonly point: number; readonly result: SwingPoint }
  | { readonly kind: "invalid"; readonly draw: InvalidDraw }
  | { readonly kind: "failed"; readonly replicate: number; readonly message: string; readonly isBadInput: boolean };

const port = parentPort;
if (port !== null) {
  const setup = workerData as WorkerSetup;
  const fail = (replicate: number, message: string, isBadInput: boolean) => port.postMessage({ kind: "failed", replicate, message, isBadInput } satisfies WorkerMessage);
  let runner: ReplicateRunner | undefined;
  try {
    runner = new ReplicateRunner(await Promise.all(setup.scenarios.map(restoreScenario)), setup.plan);
  } catch (error) {
    fail(-1, (error as Error).message, true);
  }
  if (runner !== undefined) {
    const shape = recordShape(setup.plan);
    let tornado: typeof import("../sweep/tornado.js") | undefined;
    const failed = (replicate: number, error: unknown) => {
      const e = error as Error & { issues?: unknown };
      const isBadInput = e.name === "ScenarioError" || e.name === "SweepError" || (e.name === "ModelError" && "inputPath" in e && e.inputPath !== undefined);
      const message = e.name === "ScenarioError" && Array.isArray(e.issues) ? e.issues.map((i) => formatIssue(i as Parameters<typeof formatIssue>[0])).join("\n") : `${e.name}: ${e.message}`;
      fail(replicate, message, isBadInput);
    };
    port.on("message", (task: WorkerTask) => {
      const replicate = typeof task === "number" ? task : task.swing;
      if (typeof task !== "number") {
        // One task at a time: the pool sends the next only when this one's result is back.
        void (async () => {
          try {
            tornado ??= await import("../sweep/tornado.js");
            const result = tornado.runSwingPoint(runner as ReplicateRunner, setup.plan, task.swing, task.point);
            port.postMessage({ kind: "swing", replicate, point: task.point, result } satisfies WorkerMessage);
          } catch (error) {
            failed(replicate, error);
          }
        })();
        return;
      }
      try {
        let outcome;
        try {
          outcome = (runner as ReplicateRunner).run(replicate);
        } catch (error) {
          // The scenarios loaded, so a ScenarioError here is the replicate's draw breaking a rule: recorded and skipped.
          const e = error as Error & { issues?: readonly Parameters<typeof formatIssue>[0][] };
          if (e.name !== "ScenarioError" || !Array.isArray(e.issues) || e.issues.length === 0) throw error;
          const draw: InvalidDraw = { replicate, field: e.issues[0].path.join("."), message: e.issues.map((i) => formatIssue(i)).join("\n") };
          port.postMessage({ kind: "invalid", draw } satisfies WorkerMessage);
          return;
        }
        const body = recordBody(outcome, shape);
        // A run's lows and highs are its band values, one array (alternativeOutcome); a compare has no bands.
        const base = outcome.alternatives[0];
        const hasBands = shape.bandValues > 0;
        const bandValues = hasBands ? base.bandLows : new Float64Array(0);
        const shareBins = hasBands ? base.shareBins : new Uint8Array(0);
        const stockBins = hasBands ? base.stockBins : new Uint16Array(0);
        const transfer = [body.buffer, bandValues.buffer, shareBins.buffer, stockBins.buffer] as ArrayBuffer[];
        port.postMessage({ kind: "record", replicate, body, bandValues, shareBins, stockBins } satisfies WorkerMessage, transfer);
      } catch (error) {
        failed(replicate, error);
      }
    });
    port.postMessage({ kind: "ready" } satisfies WorkerMessage);
  }
}
