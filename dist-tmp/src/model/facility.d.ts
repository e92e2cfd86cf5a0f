/**
 * Facility: a mine, refinery or plant at run time. Its nominal rate is what it would run at
 * with every input on hand: capacity x utilization x ramp-up, zero while offline (an outage,
 * a scripted shutdown, or before its online date). The rate solver then limits it by inputs.
 */
import type { FacilitySpec } from "./world-spec.js";
/** Runtime state of one facility. */
export declare class Facility {
    readonly index: number;
    readonly spec: FacilitySpec;
    /** Online time in simulation days (may be negative: online before the start). */
    onlineTime: number;
    /** Down because of a random outage. */
    isInOutage: boolean;
    /** Down because a scripted event took it offline. */
    isScriptedOffline: boolean;
    /** Ramp-up fraction in force for the current day. */
    rampShare: number;
    /** Throughput with all inputs available, tonnes/day. */
    nominalRate: number;
    /** Share of the nominal rate its inputs allow (set by the solver). */
    inputShare: number;
    /** Actual throughput, tonnes/day. */
    throughputRate: number;
    constructor(index: number, spec: FacilitySpec, onlineTime: number);
    /** Ramp-up share for the day starting at `day`: linear over rampUpDays, at mid-day. */
    rampShareOn(day: number): number;
    /** Whether the ramp is still rising on `day` (so daily updates are needed). */
    isRampingOn(day: number): boolean;
    /** Recomputes the nominal rate at time `t`; returns true if it changed. */
    refreshNominal(t: number): boolean;
}
