/**
 * Licensing: an export control's measure under which the orders it governs wait for a licence.
 * It carries the terms the licence office decides with: approval probability by importer and
 * review time (both may change by a licensing-change event), the authority whose queue reviews
 * applications, how long an approved licence stays valid and the tonnes of one application.
 * Licences forbid re-export: third countries' re-exports of the exporter's origin may be refused.
 */
import type { Distribution } from "../../engine/index.js";
import type { InputPath } from "../model-error.js";

/** A licensing measure as the scenario resolves it. */
export interface LicensingSpec {
  readonly kind: "licensing";
  /** Approval probability for each importer, indexed by country. */
  readonly approvalByCountry: readonly number[];
  /** Review time of one application, from the day the authority starts on it. */
  readonly processingDays: Distribution;
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

/** What licensing asks of the control screen: to record that a share of the order needs its licence. */
export interface LicensingScreen {
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
  readonly authority: number;
  readonly validityDays: number;
  readonly applicationTonnes: number;

  constructor(spec: LicensingSpec, controlIndex: number, controlId: string) {
    this.controlIndex = controlIndex;
    this.controlId = controlId;
    this.processingTimePath = ["controls", controlId, "processingTime"];
    this.approvalByCountry = spec.approvalByCountry;
    this.processingDays = spec.processingDays;
    this.authority = spec.authority;
    this.validityDays = spec.validityDays;
    this.applicationTonnes = spec.applicationTonnes;
  }

  /** The `share` of an order it governs needs its licence. */
  restrictOrder(screen: LicensingScreen, share: number): void {
    screen.requireLicence(this, share);
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
