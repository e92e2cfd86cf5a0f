/**
 * A compare of the flagship and its shipped policies through the real CLI, against the same
 * replicates run one scenario at a time: how much a compare of K alternatives costs in units of
 * independent flagship replicates (K + 1 when the alternatives share nothing), and, measured
 * in-process on one replicate, how much of the flagship's event stream each policy shares with
 * it before their first difference (what a compare that forked alternatives from the base at
 * their first difference could at most save).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { loadScenario } from "../src/index.js";
import { Environment, type EventHandler } from "../src/engine/index.js";
import { simulateWorld } from "../src/model/index.js";

/** One compare's figures. */
export interface CompareTiming {
  readonly base: string;
  readonly alternatives: readonly string[];
  readonly runs: number;
  readonly workers: number;
  /** The session's seconds (run-log.json): the replicates of every scenario, without start-up and the final outputs. */
  readonly seconds: number;
  /** The whole command's seconds, process start to exit. */
  readonly commandSeconds: number;
  readonly loadAverage: number;
}

/** Runs `chokepoint compare BASE ALTERNATIVE... --runs N --workers W` in a child process and reads its run log. */
export function timeCompare(cli: string, base: string, alternatives: readonly string[], runs: number, workers: number): CompareTiming {
  const folder = mkdtempSync(path.join(tmpdir(), "chokepoint-bench-compare-"));
  try {
    const loadAverage = Number(loadavg()[0].toFixed(2));
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, "compare", base, ...alternatives, "--runs", String(runs), "--workers", String(workers), "--out", path.join(folder, "out"), "-q"], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    const commandSeconds = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`the bench compare failed: ${result.stderr}`);
    const log = JSON.parse(readFileSync(path.join(folder, "out", "run-log.json"), "utf8")) as { seconds: number };
    return {
      base: path.basename(base, ".yaml"),
      alternatives: alternatives.map((a) => path.basename(a, ".yaml")),
      runs,
      workers,
      seconds: log.seconds,
      commandSeconds: Number(commandSeconds.toFixed(3)),
      loadAverage,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Where one alternative's run first departs from the base's, on the same seed and replicate. */
export interface FirstDifference {
  readonly alternative: string;
  /** The date of the first event that differs (time, kind or payload), or null if none does. */
  readonly date: string | null;
  /** The share of the base's events that come before it: all a fork at that point could share. */
  readonly sharedShare: number;
}

/**
 * The first difference of each alternative from `base` (replicate `replicate` of seed 1): the
 * events each run fires, as (time, handler, payload), compared in order. Wraps the kernel's
 * scheduling for the length of the call (the bench's own process only).
 */
export function firstDifferences(base: string, alternatives: readonly string[], replicate = 0): FirstDifference[] {
  const trace = (file: string) => {
    const fired: [number, string, number][] = [];
    const proto = Environment.prototype;
    const { scheduleAt, scheduleIn } = proto;
    const wrapped = new WeakMap<EventHandler, EventHandler>();
    const wrap = (env: Environment, handler: EventHandler): EventHandler => {
      let w = wrapped.get(handler);
      if (w === undefined) {
        w = (payload: number) => {
          fired.push([env.now, handler.name, payload]);
          handler(payload);
        };
        wrapped.set(handler, w);
      }
      return w;
    };
    proto.scheduleAt = function (this: Environment, day, handler, ...rest) {
      return scheduleAt.call(this, day, wrap(this, handler), ...rest);
    };
    proto.scheduleIn = function (this: Environment, delay, handler, ...rest) {
      return scheduleIn.call(this, delay, wrap(this, handler), ...rest);
    };
    try {
      const scenario = loadScenario(file);
      simulateWorld(scenario.spec, { seed: 1, replicate, timeline: false });
      return { fired, originEpochDay: scenario.spec.startEpochDay - scenario.spec.warmUpDays };
    } finally {
      proto.scheduleAt = scheduleAt;
      proto.scheduleIn = scheduleIn;
    }
  };
  const reference = trace(base);
  return alternatives.map((file) => {
    const { fired } = trace(file);
    let i = 0;
    const shared = Math.min(fired.length, reference.fired.length);
    while (i < shared && fired[i][0] === reference.fired[i][0] && fired[i][1] === reference.fired[i][1] && fired[i][2] === reference.fired[i][2]) i++;
    const time = i < reference.fired.length ? reference.fired[i][0] : null;
    const date = time === null ? null : new Date((reference.originEpochDay + Math.floor(time)) * 86_400_000).toISOString().slice(0, 10);
    return { alternative: path.basename(file, ".yaml"), date, sharedShare: Number((i / reference.fired.length).toFixed(3)) };
  });
}
