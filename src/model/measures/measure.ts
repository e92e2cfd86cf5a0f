/**
 * Measure: what an export control does, one file per kind (ban.ts, licensing.ts, quota.ts), all
 * behind the small interface below and chosen here by one exhaustive switch.
 *
 * Adding a measure: its file (spec type, class), its spec in `MeasureSpec`; the compiler then
 * asks for its row in `MEASURE_CLASSES` and its case in `createMeasure`, and, on the scenario
 * side, for its case in `resolveMeasure` (src/scenario/control-schema.ts, beside its schema
 * branch). A measure that does something new to an order (beyond refusing, needing a licence or
 * a cap) declares the screen method it needs, which ControlScreen must then implement.
 */
import { assertNever } from "../../engine/index.js";
import { Ban, type BanSpec } from "./ban.js";
import { Licensing, type LicensingSpec } from "./licensing.js";
import { Quota, type QuotaSpec } from "./quota.js";

/** What an export control does to an order it applies to, as the scenario resolves it. */
export type MeasureSpec = BanSpec | LicensingSpec | QuotaSpec;

/** The measures' names, as scenarios write them (`measure: quota`). */
export type MeasureKind = MeasureSpec["kind"];

/**
 * What every measure does, whatever its kind. Orders reach it through the control screen
 * (`restrictOrder`); the world starts it when its control comes into force and at each new year.
 */
export interface MeasureBehaviour {
  /**
   * Records in `screen` what it does to the `share` of an order to `destination` it governs
   * (refuses it, needs a licence, caps it). `screen` is typed by each measure as the part of ControlScreen it uses.
   */
  restrictOrder(screen: never, share: number, destination: number): void;
  /** Its control comes into force on `epochDay` (a quota gets the share of its year left). */
  takeEffect(epochDay: number): void;
  /** 1 January, its control in force (a quota's tonnes are renewed). */
  startYear(): void;
  /** Whether it keeps a yearly allowance, so the world must start it on its control's effective day. */
  readonly hasYearlyAllowance: boolean;
}

/** A measure's class: whether third countries' re-exports may be refused under it, its default re-export rule, and its instances' behaviour. */
interface MeasureClass {
  /** Whether a re-export rule applies to it: what it lets out may stay controlled abroad (not a quota's tonnes). */
  readonly mayRefuseReExports: boolean;
  /** Its re-export rule where a scenario states none. */
  readonly defaultReExport: "none" | "covered";
  new (...args: never[]): MeasureBehaviour;
}

/** Each measure's class, by name: checked against MeasureBehaviour, and a row for every kind. */
const MEASURE_CLASSES = { ban: Ban, licensing: Licensing, quota: Quota } satisfies { readonly [K in MeasureKind]: MeasureClass };

/** A measure at run time. */
export type Measure = InstanceType<(typeof MEASURE_CLASSES)[MeasureKind]>;

/** Every measure's name, in declaration order. */
export const MEASURE_KINDS = Object.keys(MEASURE_CLASSES) as readonly MeasureKind[];

/**
 * Whether third countries' re-exports of the exporter's origin may be refused under a measure
 * of `kind` (ban, licensing); a quota's tonnes are free abroad, whatever its rule says.
 */
export function mayRefuseReExports(kind: MeasureKind): boolean {
  return MEASURE_CLASSES[kind].mayRefuseReExports;
}

/**
 * The re-export rule of a measure of `kind` where the scenario states none: a ban follows the
 * goods to the destinations it covers (MOFCOM No. 46 (2024) holds anyone who passes PRC-origin
 * gallium, germanium or antimony to the US liable); a licensing regime licenses the exporter's
 * own shipments against end-user declarations and reaches no further (MOFCOM/GAC Nos. 23/2023,
 * 33/2024, 18/2025); a quota's tonnes are free abroad.
 */
export function defaultReExport(kind: MeasureKind): "none" | "covered" {
  return MEASURE_CLASSES[kind].defaultReExport;
}

/** The control a measure belongs to: what a measure may need of it. */
export interface MeasureOwner {
  readonly index: number;
  readonly id: string;
  /** Share of the covered trade the control applies to. */
  readonly coverage: number;
}

/** The run-time measure of `spec`, for control `owner`. */
export function createMeasure(spec: MeasureSpec, owner: MeasureOwner): Measure {
  switch (spec.kind) {
    case "ban":
      return new Ban();
    case "licensing":
      return new Licensing(spec, owner.index, owner.id);
    case "quota":
      return new Quota(spec, owner.coverage);
    default:
      return assertNever(spec, "measure");
  }
}
