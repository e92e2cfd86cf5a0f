/**
 * ExportControl: an exporter's rule at run time, with its legal life cycle.
 *
 * A control is in force at time t when it has been imposed (by its effective date or an
 * `impose` event), t is before its end date, it has not been lifted, and no suspension runs
 * past t. A suspension ends by itself at its `until` date (automatic reinstatement) unless an
 * `extend` event moves that date or a `lift` event ends the control. What it does to an order
 * is its measure's (measures/), and general licences exempt destinations for a while.
 *
 * Whether a control follows its exporter's goods abroad is decided here, once (`followsOrigin`):
 * by a re-export rule (third countries may not pass the exporter's origin on to the destinations
 * it names, where its measure allows) or by extraterritorial reach. The world screens other
 * countries' exports under such controls; the control screen applies them. An end-use control
 * (`endUse: defence`) follows no goods and screens no order: it acts where the goods are
 * consumed (end-use-rule.ts).
 */
import { createMeasure, mayRefuseReExports, type Measure } from "./measures/measure.js";
import type { ControlSpec } from "./world-spec.js";

/** Runtime state of one export control. */
export class ExportControl {
  readonly index: number;
  readonly id: string;
  readonly exporter: number;
  /** What it does to the orders it governs, with that measure's state (a quota's tonnes left, licensing's terms). */
  readonly measure: Measure;
  /** coversCommodity[k] is true when commodity k is controlled. */
  readonly coversCommodity: boolean[];
  /** coversDestination[c] is true when exports to country c are controlled. */
  readonly coversDestination: boolean[];
  /** Share of the covered trade the control applies to. */
  readonly coverage: number;
  /**
   * Whether it covers only military end users and uses (an end-use control): then it screens no
   * order, and the defence class of a covered market may not consume its exporter's origin.
   */
  readonly isDefenceOnly: boolean;
  /** Whether third countries' re-exports of the exporter's origin are refused somewhere. */
  readonly refusesReExports: boolean;
  /** refusesReExportTo[c] is true when third countries may not pass the exporter's origin on to country c. */
  readonly refusesReExportTo: boolean[];
  /** Extraterritorial threshold (share of a good's mass of the exporter's origin), or NaN without reach. */
  readonly reachThreshold: number;
  /** Whether it follows its exporter's goods abroad (a re-export rule or reach): the one place this is decided. */
  readonly followsOrigin: boolean;
  /** Whether it governs its exporter's own shipments (not a reach-only rule such as No. 61). */
  readonly governsOwnExports: boolean;
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
  /** General licence of each destination runs until this time (-Infinity: none). */
  readonly generalLicenceUntil: Float64Array;
  /** Share of the covered trade to each destination that its general licence exempts (the exporters holding one), while it runs. */
  readonly generalLicenceShare: Float64Array;
  private readonly originEpochDay: number;

  constructor(index: number, spec: ControlSpec, commodityCount: number, countryCount: number, originEpochDay: number) {
    this.index = index;
    this.id = spec.id;
    this.exporter = spec.exporter;
    this.coverage = spec.coverage;
    this.isDefenceOnly = spec.endUse === "defence";
    this.measure = createMeasure(spec.measure, this);
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
    const reExport = spec.reExport;
    const reExportListed = new Set(reExport.mode === "only" ? reExport.countries : []);
    const mayRefuse = mayRefuseReExports(spec.measure.kind);
    this.refusesReExportTo = Array.from({ length: countryCount }, (_, c) => {
      if (!mayRefuse || this.isDefenceOnly || c === spec.exporter || reExport.mode === "none") return false;
      return reExport.mode === "covered" ? this.coversDestination[c] : reExportListed.has(c);
    });
    this.refusesReExports = this.refusesReExportTo.includes(true);
    this.reachThreshold = spec.extraterritorial === null ? Number.NaN : spec.extraterritorial.thresholdShare;
    this.governsOwnExports = spec.extraterritorial === null || spec.extraterritorial.ownExports;
    this.followsOrigin = !this.isDefenceOnly && (this.refusesReExports || spec.extraterritorial !== null);
    this.announcedTime = spec.announcedEpochDay === null ? null : spec.announcedEpochDay - originEpochDay;
    this.frontRunCoverDays = spec.frontRunCoverDays;
    this.effectiveTime = spec.effectiveEpochDay === null ? null : spec.effectiveEpochDay - originEpochDay;
    this.endTime = spec.endEpochDay === null ? null : spec.endEpochDay - originEpochDay;
    this.generalLicenceUntil = new Float64Array(countryCount).fill(-Infinity);
    this.generalLicenceShare = new Float64Array(countryCount);
  }

  /**
   * Grants a general licence for exports to `destination` until `until`, held by exporters of
   * `share` of the covered trade (1: all of it, so the destination's orders need no licence).
   */
  grantGeneralLicence(destination: number, until: number, share: number): void {
    this.generalLicenceUntil[destination] = until;
    this.generalLicenceShare[destination] = share;
  }

  /** Whether a general licence exempts every covered order to `destination` at `t`. */
  private isWhollyLicensed(destination: number, t: number): boolean {
    return t < this.generalLicenceUntil[destination] && this.generalLicenceShare[destination] >= 1;
  }

  /**
   * Share of an order to `destination` at `t` it governs: its coverage, less the part whose
   * exporters hold a general licence for that destination while it runs.
   */
  governedShare(destination: number, t: number): number {
    return t < this.generalLicenceUntil[destination] ? this.coverage * (1 - this.generalLicenceShare[destination]) : this.coverage;
  }

  /**
   * Whether its terms, whenever in force, govern `exporter`'s own exports of `commodity` (to
   * `destination`, when given): fixed for the whole run, so callers may work it out once.
   */
  governsOwnRoute(exporter: number, commodity: number, destination: number | null = null): boolean {
    return this.exporter === exporter && this.governsOwnExports && this.coversCommodity[commodity] && (destination === null || this.coversDestination[destination]);
  }

  /** Whether the control is in force at time `t`. */
  isInForceAt(t: number): boolean {
    if (this.effectiveTime === null || t < this.effectiveTime || this.isLifted) return false;
    if (this.endTime !== null && t >= this.endTime) return false;
    return this.suspendedUntil === null || t >= this.suspendedUntil;
  }

  /** Whether it governs exports of `commodity` to `destination` at time `t` (a general licence held by every exporter exempts). */
  appliesTo(commodity: number, destination: number, t: number): boolean {
    if (!this.coversCommodity[commodity] || !this.coversDestination[destination] || !this.isInForceAt(t)) return false;
    return !this.isWhollyLicensed(destination, t);
  }

  /**
   * Whether it refuses, at `t`, third countries' re-exports of its exporter's origin of
   * `commodity` to `destination` (a general licence for that destination exempts them too).
   */
  refusesReExportAt(commodity: number, destination: number, t: number): boolean {
    if (!this.coversCommodity[commodity] || !this.refusesReExportTo[destination] || !this.isInForceAt(t)) return false;
    return !this.isWhollyLicensed(destination, t);
  }

  /** Whether, at `t`, it has been announced and is not yet in force: importers front-run. */
  isAnnouncedAt(t: number): boolean {
    return this.announcedTime !== null && this.effectiveTime !== null && t >= this.announcedTime && t < this.effectiveTime;
  }

  /**
   * Whether, at `t`, importers facing it know it is coming and front-run it: announced and not
   * yet effective, or suspended until a date on which it returns by itself (public from the day
   * the suspension is decided, as No. 70's 2026-11-10 was) and within its front-running days of
   * that date. They seek the extra cover over as many days as it is long: the announcement
   * windows of 2023-2025 (29-31 days) were about as long as the cover the world assumes.
   */
  isExpectedAt(t: number): boolean {
    if (this.isAnnouncedAt(t)) return true;
    if (this.effectiveTime === null || this.isLifted || this.suspendedUntil === null || t >= this.suspendedUntil) return false;
    if (t < this.suspendedUntil - this.frontRunCoverDays) return false;
    return t >= this.effectiveTime && (this.endTime === null || this.suspendedUntil < this.endTime);
  }

  /** Puts the control in force from time `t` (clearing any lift or suspension); its measure starts (a quota gets the rest of its year). */
  impose(t: number): void {
    this.effectiveTime = t;
    this.isLifted = false;
    this.suspendedUntil = null;
    this.startMeasure(t);
  }

  /** Its measure comes into force at time `t`: a quota is allowed the share of its annual tonnes left in that calendar year. */
  startMeasure(t: number): void {
    this.measure.takeEffect(this.originEpochDay + t);
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
