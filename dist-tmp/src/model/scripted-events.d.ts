import type { FacilityOperations } from "./facility-operations.js";
import type { TradeDesk } from "./trade-desk.js";
import type { WorldState } from "./world-state.js";
/** What became of one scripted event in this run. */
export interface RealizedEvent {
    readonly id: string;
    /** Whether it happened (its probability came up). */
    readonly happened: boolean;
    /** The date it happened or would have (ISO), or null when it did not happen. */
    readonly date: string | null;
}
/** Draws, schedules and applies the scenario's scripted events. */
export declare class ScriptedEvents {
    private readonly state;
    private readonly operations;
    private readonly trade;
    private readonly onEvent;
    /** Outcomes, in declaration order. */
    readonly realized: RealizedEvent[];
    constructor(state: WorldState, operations: FacilityOperations, trade: TradeDesk);
    /** Draws every event's outcome and schedules those that happen within the horizon. */
    start(horizonDays: number): void;
    private apply;
}
