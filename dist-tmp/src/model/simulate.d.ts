import { type ShortfallKpi } from "./kpis.js";
import type { RealizedEvent } from "./scripted-events.js";
import type { Timeline } from "./timeline.js";
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
    /** Kernel events processed (a measure of work done). */
    readonly eventCount: number;
}
/** Runs `spec` once with the given seed and replicate. Pure: same inputs, same result. */
export declare function simulateWorld(spec: WorldSpec, options: SimulateOptions): SimulationResult;
