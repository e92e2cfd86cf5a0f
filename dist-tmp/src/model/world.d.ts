/**
 * World: one run of a resolved world. It wires the parts (facility operations, trade,
 * scripted events) onto one environment, keeps the daily clock (demand growth, ramp-ups,
 * quota years, the daily record) and runs to the end of the horizon.
 */
import { type RandomStreams } from "../engine/index.js";
import { type RealizedEvent } from "./scripted-events.js";
import { Timeline } from "./timeline.js";
import type { WorldSpec } from "./world-spec.js";
/** What one run leaves behind. */
export interface RunRecord {
    readonly timeline: Timeline;
    /** Simulation day a reserve serving each market first hit its floor, or -1 (by market). */
    readonly stockpileEmptyDay: readonly number[];
    readonly events: readonly RealizedEvent[];
    /** Kernel events processed. */
    readonly eventCount: number;
}
/** A world ready to run once. */
export declare class World {
    private readonly state;
    private readonly operations;
    private readonly trade;
    private readonly scripted;
    private readonly timeline;
    private readonly dayCount;
    private readonly growingMarkets;
    private readonly onTick;
    private readonly onNewYear;
    private hasRun;
    constructor(spec: WorldSpec, streams: RandomStreams);
    /** Runs the whole horizon once and returns the record. */
    run(): RunRecord;
    private demandOn;
    /** At the start of `day`: closes the previous day's record, then moves demand and ramps. */
    private tick;
    private record;
    /** A quota starting mid-year gets the share of its annual tonnes left in that year. */
    private prorateQuotas;
    private resetQuotas;
}
