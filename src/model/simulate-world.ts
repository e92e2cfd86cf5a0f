/**
 * simulateWorld: one replicate of a resolved world, start to end, with its shortfall KPIs.
 */
import { RandomStreams } from "../engine/index.js";
import type { PeriodRecord } from "./daily-record.js";
import type { LicenceRow } from "./licence-log.js";
import type { ReserveOutcome } from "./reserve-outcome.js";
import type { RealizedEvent } from "./scripted-events.js";
import type { ShortfallKpi } from "./shortfall-kpi.js";
import type { TradeFlow } from "./shipping.js";
import type { Timeline } from "./timeline.js";
import { World, type RecordOptions } from "./world.js";
import type { WorldSpec } from "./world-spec.js";

/** Options for one run. */
export interface SimulateOptions extends RecordOptions {
  /** Master seed of all random streams. */
  readonly seed: number;
  /** Replicate number under that seed (streams differ per replicate). Default 0. */
  readonly replicate?: number;
}

/** The outcome of one run. */
export interface SimulationResult {
  readonly seed: number;
  readonly replicate: number;
  /** The full daily record (unless the options left it out). */
  readonly timeline: Timeline | undefined;
  /** Per-period figures of the demand markets, when asked for. */
  readonly periods: PeriodRecord | undefined;
  readonly kpis: readonly ShortfallKpi[];
  readonly events: readonly RealizedEvent[];
  /** Tonnes shipped per year and route over the reported period. */
  readonly trade: readonly TradeFlow[];
  /** Licensing by day and route (runs that keep their timeline). */
  readonly licences: readonly LicenceRow[] | undefined;
  /** What each reserve released in the reported period, and why one released nothing. */
  readonly reserves: readonly ReserveOutcome[];
  /** Kernel events processed (a measure of work done). */
  readonly eventCount: number;
}

/** A result that kept its full daily record. */
export type TimelineResult = SimulationResult & { readonly timeline: Timeline };

/** Runs `spec` once with the given seed and replicate. Pure: same inputs, same result. */
export function simulateWorld(spec: WorldSpec, options: SimulateOptions & { readonly timeline?: true }): TimelineResult;
export function simulateWorld(spec: WorldSpec, options: SimulateOptions): SimulationResult;
export function simulateWorld(spec: WorldSpec, options: SimulateOptions): SimulationResult {
  const replicate = options.replicate ?? 0;
  const world = new World(spec, new RandomStreams(options.seed, replicate), options);
  const record = world.run();
  return { seed: options.seed, replicate, ...record };
}
