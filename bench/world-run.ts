/**
 * One run of a shipped scenario, timed: the first run in a fresh process (cold: the JIT has
 * not warmed up, as in a one-off CLI call) and the median of later runs (warm: as in a sweep).
 */
import { loadScenario, simulate } from "../src/index.js";

/** Timing of repeated runs of one scenario. */
export interface WorldRunTiming {
  scenario: string;
  seconds: number;
  firstRunSeconds: number;
  runs: number;
  events: number;
  days: number;
  markets: number;
}

/**
 * Loads `file`, runs it once cold, then `warmUpRuns` more to let the JIT settle, then times
 * `runs` runs (same seed; only the simulation is timed) and reports their median.
 */
export function timeWorldRun(file: string, runs: number, warmUpRuns = 10): WorldRunTiming {
  const scenario = loadScenario(file);
  const time = () => {
    const started = performance.now();
    const result = simulate(scenario);
    return { seconds: (performance.now() - started) / 1000, result };
  };
  const first = time();
  for (let i = 0; i < warmUpRuns; i++) time();
  const seconds = Array.from({ length: runs }, () => time().seconds).sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    seconds: seconds[Math.floor(seconds.length / 2)],
    firstRunSeconds: first.seconds,
    runs,
    events: first.result.eventCount,
    days: first.result.timeline.dayCount,
    markets: scenario.spec.markets.length,
  };
}
