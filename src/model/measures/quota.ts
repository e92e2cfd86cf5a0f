/**
 * Quota: an export control's measure that caps the tonnes it governs per calendar year. It
 * carries the tonnes still allowed this year: a quota coming into force gets the share of its
 * annual tonnes left in that year, and the whole of them again each 1 January. Each shipment
 * is charged on the control's covered share. Tonnes shipped under a quota are free abroad: its
 * re-exports are never refused (extraterritorial reach still carries it into third countries).
 */
import { yearShareLeft } from "../calendar.js";
import { SHARE_TOLERANCE } from "../tolerance.js";

/** A quota as the scenario resolves it. */
export interface QuotaSpec {
  readonly kind: "quota";
  readonly tonnesPerYear: number;
}

/** What a quota asks of the control screen: to cap the order by its allowance. */
export interface QuotaScreen {
  capBy(quota: Quota): void;
}

/** A quota at run time, with the tonnes it still allows this year. */
export class Quota {
  /** What a quota lets out may be re-exported: a re-export rule is ignored. */
  static readonly mayRefuseReExports = false;
  /** A quota's tonnes are free abroad. */
  static readonly defaultReExport = "none";
  readonly hasYearlyAllowance = true;
  readonly tonnesPerYear: number;
  /** Share of the covered trade the control applies to: shipments are charged on that share. */
  readonly coverage: number;
  /** Tonnes still allowed this calendar year (of the covered share). */
  remainingTonnes: number;

  constructor(spec: QuotaSpec, coverage: number) {
    this.tonnesPerYear = spec.tonnesPerYear;
    this.coverage = coverage;
    this.remainingTonnes = spec.tonnesPerYear;
  }

  /** An order it governs is capped by its allowance (the share is its coverage, charged on shipment). */
  restrictOrder(screen: QuotaScreen, _share: number): void {
    screen.capBy(this);
  }

  /** Coming into force on `epochDay`: allowed the share of its annual tonnes left in that calendar year. */
  takeEffect(epochDay: number): void {
    this.remainingTonnes = this.tonnesPerYear * yearShareLeft(epochDay);
  }

  /** 1 January: the year's tonnes again. */
  startYear(): void {
    this.remainingTonnes = this.tonnesPerYear;
  }

  /** Deducts `tonnes` shipped under it (on its covered share). */
  charge(tonnes: number): void {
    this.remainingTonnes = Math.max(0, this.remainingTonnes - tonnes * this.coverage);
  }

  /** Tonnes of orders it still lets through: its remaining tonnes over its covered share. */
  get allowanceTonnes(): number {
    return this.remainingTonnes / Math.max(SHARE_TOLERANCE, this.coverage);
  }
}
