import type { WorldState } from "./world-state.js";
/** Schedules and applies facility state changes. */
export declare class FacilityOperations {
    private readonly state;
    private readonly onOnline;
    private readonly onOutageStart;
    private readonly onOutageEnd;
    private readonly onScriptedReturn;
    constructor(state: WorldState);
    /** Sets day-0 rates and schedules online dates and first outages. */
    start(): void;
    /** Updates ramp shares for `day`, flagging the groups whose rates change. */
    updateRamps(day: number): void;
    /** Takes a facility offline by script, until `untilTime` if given. */
    takeOffline(f: number, untilTime: number | null): void;
    /** Brings a facility online by script; `commission` moves a later online date to now. */
    bringOnline(f: number, commission?: boolean): void;
    private refresh;
    private scheduleNextOutage;
    private startOutage;
    private endOutage;
}
