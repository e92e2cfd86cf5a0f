/**
 * simulate: one replicate of a resolved world, start to end, with its shortfall KPIs.
 */
import { RandomStreams } from "../engine/index.js";
import { summarizeShortfalls, type ShortfallKpi } from "./kpis.js";
import type { RealizedEvent } from "./scripted-events.js";
import type { Timeline } from "./timeline.js";
import type { TradeFlow } from "./shipping.js";
import { World } from "./world.js";
import type { WorldSpec } from "./world-spec.js";

/** Options for one run. */
export interface SimulateOptions {
  /** Master seed of all random streams. */
  readonly seed: number;
  /** Replicate number under that seed (streams differ per replicate). Default 0. */
  readonly replicate?: number;
}

/** The outcome of one run. */
export interface SimulationResult {
  readonly seed: number;
  readonly replicate: number;
  readonly timeline: Timeline;
  readonly kpis: readonly ShortfallKpi[];
  readonly events: readonly RealizedEvent[];
  /** Tonnes shipped per year and route over the reported period. */
  readonly trade: readonly TradeFlow[];
  /** Kernel events processed (a measure of work done). */
  readonly eventCount: number;
}

/** Runs `spec` once with the given seed and replicate. Pure: same inputs, same result. */
export function simulateWorld(spec: WorldSpec, options: SimulateOptions): SimulationResult {
  const replicate = options.replicate ?? 0;
  const world = new World(spec, new RandomStreams(options.seed, replicate));
  const record = world.run();
  const kpis = summarizeShortfalls(record.timeline, record.stockpileEmptyDay);
  return { seed: options.seed, replicate, timeline: record.timeline, kpis, events: record.events, trade: record.trade, eventCount: record.eventCount };
}
