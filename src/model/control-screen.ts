/**
 * Control screening: which export controls govern one prospective shipment, reduced to the
 * outcome trade needs (banned, needs a licence, limited by quotas, or free).
 */
import type { ExportControl } from "./export-control.js";

/**
 * The controls in force on one (exporter, commodity, destination) at one time. One instance
 * is reused for every screening: its lists are overwritten in place, not reallocated.
 */
export class ControlScreen {
  isBanned = false;
  /** Licensing controls that apply, in `licensing[0 .. licensingCount)` (each decides; all must approve). */
  readonly licensing: ExportControl[] = [];
  licensingCount = 0;
  /** Quota controls that apply, in `quotas[0 .. quotaCount)` (the tightest binds). */
  readonly quotas: ExportControl[] = [];
  quotaCount = 0;

  /** Fills this screen for exports of `commodity` governed by `controlIndices`, to `destination` at `t`. */
  evaluate(controls: readonly ExportControl[], controlIndices: readonly number[], commodity: number, destination: number, t: number): this {
    this.isBanned = false;
    this.licensingCount = 0;
    this.quotaCount = 0;
    for (let i = 0; i < controlIndices.length; i++) {
      const control = controls[controlIndices[i]];
      if (!control.appliesTo(commodity, destination, t)) continue;
      switch (control.measure.kind) {
        case "ban":
          this.isBanned = true;
          break;
        case "licensing":
          this.licensing[this.licensingCount++] = control;
          break;
        case "quota":
          this.quotas[this.quotaCount++] = control;
          break;
      }
    }
    return this;
  }

  /** Deducts shipped tonnes from every quota in this screen. */
  chargeQuotas(tonnes: number): void {
    for (let i = 0; i < this.quotaCount; i++) {
      const quota = this.quotas[i];
      quota.quotaRemainingTonnes = Math.max(0, quota.quotaRemainingTonnes - tonnes);
    }
  }

  /** Tonnes the quotas still allow (Infinity when none applies). */
  get quotaAllowanceTonnes(): number {
    let allowance = Infinity;
    for (let i = 0; i < this.quotaCount; i++) allowance = Math.min(allowance, this.quotas[i].quotaRemainingTonnes);
    return allowance;
  }
}
