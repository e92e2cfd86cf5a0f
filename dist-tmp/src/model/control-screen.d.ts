/**
 * Control screening: which export controls govern one prospective shipment, reduced to the
 * outcome trade needs (banned, needs a licence, limited by quotas, or free).
 */
import type { ExportControl } from "./export-control.js";
/** The controls in force on one (exporter, commodity, destination) at one time. */
export declare class ControlScreen {
    isBanned: boolean;
    /** Licensing controls that apply (each decides independently; all must approve). */
    readonly licensing: ExportControl[];
    /** Quota controls that apply (the tightest binds). */
    readonly quotas: ExportControl[];
    /** Fills this screen for exports of `commodity` from the controls' exporter to `destination` at `t`. */
    evaluate(controls: readonly ExportControl[], controlIndices: readonly number[], commodity: number, destination: number, t: number): this;
    /** Tonnes the quotas still allow (Infinity when none applies). */
    get quotaAllowanceTonnes(): number;
}
