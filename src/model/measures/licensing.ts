/**
 * Licensing: an export control's measure under which the orders it governs wait for a licence.
 * It carries the terms the licence office decides with: approval probability by importer and
 * review time (both may change by a licensing-change event), the share of the requested tonnes
 * an approval grants, the authority whose queue reviews applications, how long an approved
 * licence stays valid and the tonnes of one application. It also carries the share of buyers
 * that are deterred: while the regime is in force they stop applying and seek other suppliers,
 * so that share of the orders it governs is refused at once rather than filed.
 * A scenario may give licensing a re-export rule (third countries may not pass the exporter's
 * origin on to the destinations it names); by default it has none.
 */
import { meanOf, type Distribution } from "../../engine/index.js";
import type { InputPath } from "../model-error.js";

/** A licensing measure as the scenario resolves it. */
export interface LicensingSpec {
  readonly kind: "licensing";
  /** Approval probability for each importer, indexed by country. */
  readonly approvalByCountry: readonly number[];
  /** Review time of one application, from the day the authority starts on it. */
  readonly processingDays: Distribution;
  /**
   * Share of an approved application's tonnes the licence grants, drawn per application (the
   * rest is refused): licences granted for less than was asked. Fixed at 1 by default.
   */
  readonly approvedShare: Distribution;
  /** Share of the governed orders whose buyers do not apply while it is in force, by importer. */
  readonly deterredByCountry: readonly number[];
  /** The authority whose queue its applications join (index into WorldSpec.authorities). */
  readonly authority: number;
  /** Days an approved licence stays valid for its tonnes; 0: ship at once or lose it. */
  readonly validityDays: number;
  /**
   * Tonnes of one application: an order is filed as that many tonnes a piece, each decided
   * on its own (Infinity: the whole order is one application).
   */
  readonly applicationTonnes: number;
}

/** What licensing asks of the control screen: to refuse the deterred share and record that the rest needs its licence. */
export interface LicensingScreen {
  deter(share: number): void;
  requireLicence(licensing: Licensing, share: number): void;
}

/** A licensing measure at run time: its terms, as they stand after any licensing-change events. */
export class Licensing {
  /** A scenario may give licensing a re-export rule (licences whose conditions forbid passing the goods on). */
  static readonly mayRefuseReExports = true;
  /** A licensing regime licenses its exporter's own shipments: no re-export rule unless a scenario states one (`reExport: none`, the default). */
  static readonly defaultReExport = "none";
  readonly hasYearlyAllowance = false;
  /** The control it belongs to (index and id: licence draws and error messages name it). */
  readonly controlIndex: number;
  readonly controlId: string;
  /** Where a bad review-time draw points in the scenario: `controls.<id>.processingTime`. */
  readonly processingTimePath: InputPath;
  /** Approval probability by importer, indexed by country. */
  approvalByCountry: readonly number[];
  /** Review time of one application. */
  processingDays: Distribution;
  /** Share of an approved application's tonnes granted, per application. */
  readonly approvedShare: Distribution;
  /** Its mean: what importers and price expectations count an approval to bring. */
  readonly meanApprovedShare: number;
  /** Where a bad approved-share draw points in the scenario: `controls.<id>.approvedQuantity`. */
  readonly approvedSharePath: InputPath;
  /** Share of buyers deterred from applying, by importer. */
  readonly deterredByCountry: readonly number[];
  readonly authority: number;
  readonly validityDays: number;
  readonly applicationTonnes: number;

  constructor(spec: LicensingSpec, controlIndex: number, controlId: string) {
    this.controlIndex = controlIndex;
    this.controlId = controlId;
    this.processingTimePath = ["controls", controlId, "processingTime"];
    this.approvalByCountry = spec.approvalByCountry;
    this.processingDays = spec.processingDays;
    this.approvedShare = spec.approvedShare;
    this.meanApprovedShare = meanOf(spec.approvedShare);
    this.approvedSharePath = ["controls", controlId, "approvedQuantity"];
    this.deterredByCountry = spec.deterredByCountry;
    this.authority = spec.authority;
    this.validityDays = spec.validityDays;
    this.applicationTonnes = spec.applicationTonnes;
  }

  /**
   * Of the `share` of an order to `destination` it governs, the deterred buyers' part is refused
   * (they seek other suppliers) and the rest needs its licence.
   */
  restrictOrder(screen: LicensingScreen, share: number, destination: number): void {
    const deterred = this.deterredByCountry[destination];
    if (deterred <= 0) {
      screen.requireLicence(this, share);
      return;
    }
    screen.deter(share * deterred);
    // The screen's licensed share is of what is not refused: the governed rest, over what is left.
    if (deterred < 1) screen.requireLicence(this, (share * (1 - deterred)) / (1 - share * deterred));
  }

  /** Licensing has nothing to start. */
  takeEffect(_epochDay: number): void {}

  /** Licensing has nothing to renew. */
  startYear(): void {}

  /** A licensing-change event: new approval probabilities and/or review time (null keeps them). */
  change(approvalByCountry: readonly number[] | null, processingDays: Distribution | null): void {
    if (approvalByCountry !== null) this.approvalByCountry = approvalByCountry;
    if (processingDays !== null) this.processingDays = processingDays;
  }
}
