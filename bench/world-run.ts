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

/** Loads `file` and runs it `runs` times with the same seed; times only the simulation. */
export function timeWorldRun(file: string, runs: number): WorldRunTiming {
  const scenario = loadScenario(file);
  const seconds: number[] = [];
  let events = 0;
  let days = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = simulate(scenario);
    seconds.push((performance.now() - started) / 1000);
    events = result.eventCount;
    days = result.timeline.dayCount;
  }
  const later = seconds.slice(1).sort((a, b) => a - b);
  const median = later.length === 0 ? seconds[0] : later[Math.floor(later.length / 2)];
  return { scenario: scenario.name, seconds: median, firstRunSeconds: seconds[0], runs, events, days, markets: scenario.spec.markets.length };
}
