/**
 * A worker thread of a sweep: loads the plan's scenarios from the same files and overlays as
 * the main thread (checking their hashes against the plan), then runs the tasks it is sent: a
 * replicate, posted back as its encoded record body with the band values whose new extremes the
 * main thread adds to its record (transferred, not copied), or as an invalid
 * draw (its drawn inputs break a rule of the format: the sweep records and skips it), or one
 * point of a tornado swing replicate, posted back as its values.
 */
import { parentPort, workerData } from "node:worker_threads";
import { formatIssue, nodeFileSource, parseScenario, shippedScenariosFolder } from "../scenario/index.js";
import { recordBody, recordShape, ReplicateRunner, runSwingPoint, type InvalidDraw, type SwingPoint, type SweepPlan } from "../sweep/index.js";

/** What a worker is started with. */
export interface WorkerSetup {
  readonly sources: readonly { readonly file: string; readonly sets: readonly string[] }[];
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
  const scenarios = setup.sources.map(({ file, sets }) => parseScenario(file, nodeFileSource(), { sets, shippedFolder: shippedScenariosFolder() }));
  const bad = scenarios.find((s) => !s.ok);
  if (bad !== undefined && !bad.ok) fail(-1, bad.issues.map(formatIssue).join("\n"), true);
  else {
    let runner: ReplicateRunner | undefined;
    try {
      runner = new ReplicateRunner(
        scenarios.map((s) => (s.ok ? s.scenario : (undefined as never))),
        setup.plan,
      );
    } catch (error) {
      fail(-1, (error as Error).message, true);
    }
    if (runner !== undefined) {
      const shape = recordShape(setup.plan);
      port.on("message", (task: WorkerTask) => {
        const replicate = typeof task === "number" ? task : task.swing;
        try {
          if (typeof task !== "number") {
            const result = runSwingPoint(runner as ReplicateRunner, setup.plan, task.swing, task.point);
            port.postMessage({ kind: "swing", replicate, point: task.point, result } satisfies WorkerMessage);
            return;
          }
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
          const e = error as Error & { issues?: unknown };
          const isBadInput = e.name === "ScenarioError" || e.name === "SweepError" || (e.name === "ModelError" && "inputPath" in e && e.inputPath !== undefined);
          const message = e.name === "ScenarioError" && Array.isArray(e.issues) ? e.issues.map((i) => formatIssue(i as Parameters<typeof formatIssue>[0])).join("\n") : `${e.name}: ${e.message}`;
          fail(replicate, message, isBadInput);
        }
      });
      port.postMessage({ kind: "ready" } satisfies WorkerMessage);
    }
  }
}
