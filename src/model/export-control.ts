/**
 * ExportControl: an exporter's rule at run time, with its legal life cycle.
 *
 * A control is in force at time t when it has been imposed (by its effective date or an
 * `impose` event), t is before its end date, it has not been lifted, and no suspension runs
 * past t. A suspension ends by itself at its `until` date (automatic reinstatement) unless an
 * `extend` event moves that date or a `lift` event ends the control. A licensing control's
 * approval rates and review time may change by events, and general licences exempt
 * destinations for a while.
 */
import type { Distribution } from "../engine/index.js";
import { yearShareLeft } from "./calendar.js";
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
  /** Share of the covered trade the control applies to. */
  readonly coverage: number;
  readonly refusesReExports: boolean;
  /** Extraterritorial threshold (share of a good's mass of the exporter's origin), or NaN without reach. */
  readonly reachThreshold: number;
  /** Announcement time (front-running starts), or null. */
  readonly announcedTime: number | null;
  readonly frontRunCoverDays: number;
  /** Simulation time it takes effect, or null while not imposed. */
  effectiveTime: number | null;
  /** Simulation time it ends by its own terms, or null. */
  endTime: number | null;
  /** Suspended until this time, or null. */
  suspendedUntil: number | null = null;
  isLifted = false;
  /** Tonnes still allowed this calendar year (quota controls only). */
  quotaRemainingTonnes: number;
  /** Licensing: approval probability by importer, and review time (both may change by events). */
  approvalByCountry: readonly number[];
  processingDays: Distribution;
  /** Licensing: general licence of each destination runs until this time (-Infinity: none). */
  readonly generalLicenceUntil: Float64Array;
  private readonly originEpochDay: number;

  constructor(index: number, spec: ControlSpec, commodityCount: number, countryCount: number, originEpochDay: number) {
    this.index = index;
    this.id = spec.id;
    this.exporter = spec.exporter;
    this.measure = spec.measure;
    this.originEpochDay = originEpochDay;
    this.coversCommodity = new Array<boolean>(commodityCount).fill(false);
    for (const k of spec.commodities) this.coversCommodity[k] = true;
    const listed = new Set(spec.destinations.countries);
    this.coversDestination = Array.from({ length: countryCount }, (_, c) => {
      // Exports back to the controlling country itself are never its concern.
      if (c === spec.exporter) return false;
      if (spec.destinations.mode === "all") return true;
      return spec.destinations.mode === "only" ? listed.has(c) : !listed.has(c);
    });
    this.coverage = spec.coverage;
    this.refusesReExports = spec.reExport === "refused" && spec.measure.kind !== "quota";
    this.reachThreshold = spec.extraterritorial === null ? Number.NaN : spec.extraterritorial.thresholdShare;
    this.announcedTime = spec.announcedEpochDay === null ? null : spec.announcedEpochDay - originEpochDay;
    this.frontRunCoverDays = spec.frontRunCoverDays;
    this.effectiveTime = spec.effectiveEpochDay === null ? null : spec.effectiveEpochDay - originEpochDay;
    this.endTime = spec.endEpochDay === null ? null : spec.endEpochDay - originEpochDay;
    this.quotaRemainingTonnes = spec.measure.kind === "quota" ? spec.measure.tonnesPerYear : Infinity;
    this.approvalByCountry = spec.measure.kind === "licensing" ? spec.measure.approvalByCountry : [];
    this.processingDays = spec.measure.kind === "licensing" ? spec.measure.processingDays : { kind: "fixed", value: 0 };
    this.generalLicenceUntil = new Float64Array(countryCount).fill(-Infinity);
  }

  /** Whether the control is in force at time `t`. */
  isInForceAt(t: number): boolean {
    if (this.effectiveTime === null || t < this.effectiveTime || this.isLifted) return false;
    if (this.endTime !== null && t >= this.endTime) return false;
    return this.suspendedUntil === null || t >= this.suspendedUntil;
  }

  /** Whether it governs exports of `commodity` to `destination` at time `t` (a general licence exempts). */
  appliesTo(commodity: number, destination: number, t: number): boolean {
    if (!this.coversCommodity[commodity] || !this.coversDestination[destination] || !this.isInForceAt(t)) return false;
    return !(t < this.generalLicenceUntil[destination]);
  }

  /** Whether, at `t`, it has been announced and is not yet in force: importers front-run. */
  isAnnouncedAt(t: number): boolean {
    return this.announcedTime !== null && this.effectiveTime !== null && t >= this.announcedTime && t < this.effectiveTime;
  }

  /** Puts the control in force from time `t` (clearing any lift or suspension); a quota gets the rest of its year. */
  impose(t: number): void {
    this.effectiveTime = t;
    this.isLifted = false;
    this.suspendedUntil = null;
    this.prorateQuota(t);
  }

  /** A quota coming into force at `t` is allowed the share of its annual tonnes left in that calendar year. */
  prorateQuota(t: number): void {
    if (this.measure.kind === "quota") this.quotaRemainingTonnes = this.measure.tonnesPerYear * yearShareLeft(this.originEpochDay + t);
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
