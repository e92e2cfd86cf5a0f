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
export class ExportControl {
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
  suspendedUntil: number | null = null;
  isLifted = false;
  /** Tonnes still allowed this calendar year (quota controls only). */
  quotaRemainingTonnes: number;

  constructor(index: number, spec: ControlSpec, commodityCount: number, countryCount: number, originEpochDay: number) {
    this.index = index;
    this.id = spec.id;
    this.exporter = spec.exporter;
    this.measure = spec.measure;
    this.coversCommodity = new Array<boolean>(commodityCount).fill(false);
    for (const k of spec.commodities) this.coversCommodity[k] = true;
    const listed = new Set(spec.destinations.countries);
    this.coversDestination = Array.from({ length: countryCount }, (_, c) => {
      // Exports back to the controlling country itself are never its concern.
      if (c === spec.exporter) return false;
      if (spec.destinations.mode === "all") return true;
      return spec.destinations.mode === "only" ? listed.has(c) : !listed.has(c);
    });
    this.effectiveTime = spec.effectiveEpochDay === null ? null : spec.effectiveEpochDay - originEpochDay;
    this.endTime = spec.endEpochDay === null ? null : spec.endEpochDay - originEpochDay;
    this.quotaRemainingTonnes = spec.measure.kind === "quota" ? spec.measure.tonnesPerYear : Infinity;
  }

  /** Whether the control is in force at time `t`. */
  isInForceAt(t: number): boolean {
    if (this.effectiveTime === null || t < this.effectiveTime || this.isLifted) return false;
    if (this.endTime !== null && t >= this.endTime) return false;
    return this.suspendedUntil === null || t >= this.suspendedUntil;
  }

  /** Whether it governs exports of `commodity` to `destination` at time `t`. */
  appliesTo(commodity: number, destination: number, t: number): boolean {
    return this.coversCommodity[commodity] && this.coversDestination[destination] && this.isInForceAt(t);
  }

  /** Puts the control in force from time `t` (clearing any lift or suspension). */
  impose(t: number): void {
    this.effectiveTime = t;
    this.isLifted = false;
    this.suspendedUntil = null;
  }

  /**
   * Suspends it until `until`, after which it returns by itself. Also how a suspension is
   * extended: the new date replaces the old one (a control in force is suspended until then).
   */
  suspendUntil(until: number): void {
    this.suspendedUntil = until;
  }

  /** Ends the control for good. */
  lift(): void {
    this.isLifted = true;
  }
}
