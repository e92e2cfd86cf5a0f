/**
 * ExportControl: an exporter's rule at run time, with its legal life cycle.
 *
 * A control is in force at time t when it has been imposed (by its effective date or an
 * `impose` event), t is before its end date, it has not been lifted, and no suspension runs
 * past t. A suspension ends by itself at its `until` date (automatic reinstatement) unless an
 * `extend` event moves that date or a `lift` event ends the control.
 */
import type { ControlMeasure, ControlSpec } from "./world-spec.js";
/** Runtime state of one export control. */
export declare class ExportControl {
    readonly index: number;
    readonly id: string;
    readonly exporter: number;
    readonly measure: ControlMeasure;
    /** coversCommodity[k] is true when commodity k is controlled. */
    readonly coversCommodity: boolean[];
    /** coversDestination[c] is true when exports to country c are controlled. */
    readonly coversDestination: boolean[];
    /** Simulation time it takes effect, or null while not imposed. */
    effectiveTime: number | null;
    /** Simulation time it ends by its own terms, or null. */
    endTime: number | null;
    /** Suspended until this time, or null. */
    suspendedUntil: number | null;
    isLifted: boolean;
    /** Tonnes still allowed this calendar year (quota controls only). */
    quotaRemainingTonnes: number;
    constructor(index: number, spec: ControlSpec, commodityCount: number, countryCount: number, startEpochDay: number);
    /** Whether the control is in force at time `t`. */
    isInForceAt(t: number): boolean;
    /** Whether it governs exports of `commodity` to `destination` at time `t`. */
    appliesTo(commodity: number, destination: number, t: number): boolean;
    /** Puts the control in force from time `t` (clearing any lift or suspension). */
    impose(t: number): void;
    /** Suspends it until `until`, after which it returns by itself. */
    suspend(until: number): void;
    /** Moves the end of a suspension to `until` (or suspends it until then if it is in force). */
    extendSuspension(until: number): void;
    /** Ends the control for good. */
    lift(): void;
}
