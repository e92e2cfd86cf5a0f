/**
 * Control screening: which export controls govern one prospective order, reduced to the shares
 * trade needs: the share refused, the share that needs licences (and under which controls), the
 * quotas that cap it, and the origin content of what may ship.
 *
 * Three ways a control governs an order of commodity k from supplier s to destination d:
 * - directly, when s is its exporter, on `coverage` of the order;
 * - as a re-export rule, when s is a third country and the control forbids passing its
 *   exporter's origin on to d (a ban that follows the goods, as No. 46 (2024) does to the US):
 *   the part of s's stock of that origin (times coverage) is refused;
 * - by extraterritorial reach, when more than its threshold of s's stock of k is of the
 *   exporter's origin: then its measure applies to the whole order (times coverage), as if
 *   the exporter shipped it.
 * What a measure does to the share it governs is the measure's (measures/): it calls back one of
 * this screen's verbs (refuse, deter, requireLicence, capBy). Restrictions are taken as independent: an
 * order survives each with the share it leaves free.
 */
import type { ExportControl } from "./export-control.js";
import type { BanScreen } from "./measures/ban.js";
import type { Licensing, LicensingScreen } from "./measures/licensing.js";
import type { Quota, QuotaScreen } from "./measures/quota.js";
import { SHARE_TOLERANCE } from "./tolerance.js";

/**
 * The controls in force on one order. One instance is reused for every screening: its lists
 * are overwritten in place, not reallocated.
 */
export class ControlScreen implements BanScreen, LicensingScreen, QuotaScreen {
  /** Share of the order refused outright (bans, forbidden re-exports, deterred buyers), 0..1. */
  refusedShare = 0;
  /**
   * Share refused by bans and forbidden re-exports only: what still stops a licensed order when
   * its licence is granted (its deterred buyers were already taken off when it was filed).
   */
  barredShare = 0;
  /** Share of what is not refused that needs licences, 0..1. */
  licensedShare = 0;
  /** Licensing measures that apply, in `licensing[0 .. licensingCount)` (each decides; all must approve). */
  readonly licensing: Licensing[] = [];
  licensingCount = 0;
  /** Quotas that apply, in `quotas[0 .. quotaCount)` (the tightest binds). */
  readonly quotas: Quota[] = [];
  quotaCount = 0;
  /** Per origin slot: the share of that origin's content refused as a forbidden re-export. */
  readonly originRefused: Float64Array;
  private readonly originSlot: Int32Array;
  /** Whether some entry of `originRefused` may be non-zero (set by the last screening): most screenings refuse no origin and need not clear it. */
  private hasOriginRefused = false;
  /** While screening: the share of the order no restriction has taken, and the share needing no licence. */
  private freeShare = 1;
  private unbarredShare = 1;
  private unlicensedShare = 1;

  /** `originSlot[c]` is country c's slot among the tracked origins, or -1. */
  constructor(originSlot: Int32Array, origins: number) {
    this.originSlot = originSlot;
    this.originRefused = new Float64Array(origins);
  }

  /**
   * Whether `control` can ever govern an order of `commodity` from `supplier` to `destination`,
   * by its fixed terms alone (`originSlot` as in the constructor). A control for which this is
   * false is passed over by `evaluate` at every time, whatever its state, so a route's screen may
   * leave it out of its list. Keep in step with `evaluate`.
   */
  static mayGovern(control: ExportControl, commodity: number, supplier: number, destination: number, originSlot: Int32Array): boolean {
    if (!control.coversCommodity[commodity]) return false;
    if (control.exporter === supplier) return control.governsOwnExports && control.coversDestination[destination];
    if (!Number.isNaN(control.reachThreshold)) return control.coversDestination[destination];
    return originSlot[control.exporter] >= 0 && control.refusesReExportTo[destination];
  }

  /** Whether nothing of the order may ship. */
  get isBanned(): boolean {
    return this.refusedShare >= 1 - SHARE_TOLERANCE;
  }

  /** Whether bans and forbidden re-exports alone stop the whole order (what a granted licence still meets). */
  get isBarred(): boolean {
    return this.barredShare >= 1 - SHARE_TOLERANCE;
  }

  /**
   * Fills this screen for an order of `commodity` from `supplier` to `destination` at `t`,
   * under the controls `controlIndices` (those that may govern the supplier's exports of it);
   * `content` is the supplier's stock's origin content by slot.
   */
  evaluate(
    controls: readonly ExportControl[],
    controlIndices: readonly number[],
    commodity: number,
    supplier: number,
    destination: number,
    t: number,
    content: Float64Array,
  ): this {
    this.licensingCount = 0;
    this.quotaCount = 0;
    if (this.hasOriginRefused) {
      this.originRefused.fill(0);
      this.hasOriginRefused = false;
    }
    this.freeShare = 1;
    this.unbarredShare = 1;
    this.unlicensedShare = 1;
    for (let i = 0; i < controlIndices.length; i++) {
      const control = controls[controlIndices[i]];
      const share = control.governedShare(destination, t);
      if (control.exporter !== supplier) {
        const slot = this.originSlot[control.exporter];
        const originShare = slot < 0 ? 0 : content[slot];
        if (!Number.isNaN(control.reachThreshold)) {
          // Extraterritorial reach: above the threshold the measure governs the whole order, as if
          // the exporter shipped it; below it (de minimis) the order is free of this control.
          if (!control.appliesTo(commodity, destination, t) || !(originShare > control.reachThreshold)) continue;
        } else {
          // A re-export rule: the exporter's origin may not be passed on to this destination.
          if (slot >= 0 && control.refusesReExportAt(commodity, destination, t)) {
            this.originRefused[slot] = 1 - (1 - this.originRefused[slot]) * (1 - share);
            this.hasOriginRefused = true;
            this.freeShare *= 1 - share * originShare;
            this.unbarredShare *= 1 - share * originShare;
          }
          continue;
        }
      } else if (!control.governsOwnExports || !control.appliesTo(commodity, destination, t)) continue;
      control.measure.restrictOrder(this, share, destination);
    }
    this.refusedShare = 1 - this.freeShare;
    this.barredShare = 1 - this.unbarredShare;
    this.licensedShare = 1 - this.unlicensedShare;
    return this;
  }

  /** A ban's verb: `share` of the order is refused. */
  refuse(share: number): void {
    this.freeShare *= 1 - share;
    this.unbarredShare *= 1 - share;
  }

  /** Licensing's verb for deterred buyers: `share` of the order is not applied for (refused when placed, not when a licence is decided). */
  deter(share: number): void {
    this.freeShare *= 1 - share;
  }

  /** Licensing's verb: `share` of the order needs `licensing`'s licence. */
  requireLicence(licensing: Licensing, share: number): void {
    this.licensing[this.licensingCount++] = licensing;
    this.unlicensedShare *= 1 - share;
  }

  /** A quota's verb: the order is capped by `quota`'s allowance. */
  capBy(quota: Quota): void {
    this.quotas[this.quotaCount++] = quota;
  }

  /**
   * The origin content of what ships (by slot), given the supplier's stock's `content`: an
   * origin whose re-export is refused ships less of itself, the rest in proportion.
   */
  shippedContent(content: Float64Array, out: Float64Array): Float64Array {
    for (let o = 0; o < content.length; o++) {
      const refused = this.originRefused[o];
      const c = content[o];
      out[o] = refused > 0 ? (c * (1 - refused)) / Math.max(SHARE_TOLERANCE, 1 - refused * c) : c;
    }
    return out;
  }

  /** Deducts shipped tonnes from every quota in this screen (each on its covered share). */
  chargeQuotas(tonnes: number): void {
    for (let i = 0; i < this.quotaCount; i++) this.quotas[i].charge(tonnes);
  }

  /** Tonnes the quotas still allow (Infinity when none applies). */
  get quotaAllowanceTonnes(): number {
    let allowance = Infinity;
    for (let i = 0; i < this.quotaCount; i++) allowance = Math.min(allowance, this.quotas[i].allowanceTonnes);
    return allowance;
  }
}
