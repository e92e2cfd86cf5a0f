/**
 * ControlSpec: an export control as the scenario resolves it (its commodities, destinations,
 * measure, uses, re-export rule, reach and dates), and the licensing authorities whose queues
 * its applications join. Part of the resolved world (world-spec.ts re-exports it).
 */
import type { MeasureSpec } from "./measures/measure.js";

/** The uses a control covers: all of them, or only military end users and uses (`defence`). */
export type EndUse = "all" | "defence";

/** Where a control forbids third countries to pass on its exporter's origin. */
export type ReExportRule = { readonly mode: "none" } | { readonly mode: "covered" } | { readonly mode: "only"; readonly countries: readonly number[] };

/** Which importers a control applies to. */
export interface DestinationRule {
  readonly mode: "all" | "only" | "except";
  readonly countries: readonly number[];
}

/**
 * How fast a licensing authority starts reviewing applications: at most `perDay` a calendar day,
 * counted in applications or in tonnes applied for. Infinity: no limit (each application is
 * reviewed from the day it is filed).
 */
export interface LicensingCapacity {
  readonly unit: "applications" | "tonnes";
  readonly perDay: number;
}

/** An office that reviews licence applications, in one queue, first come first served. */
export interface AuthoritySpec {
  readonly id: string;
  readonly capacity: LicensingCapacity;
}

/** Extraterritorial reach: the control's rule follows its exporter's content into third countries' goods. */
export interface ExtraterritorialReach {
  /** Input commodities whose content counts (informational: content is tracked by origin, not by input). */
  readonly inputs: readonly number[];
  /** Share of a good's mass of the exporter's origin above which third countries' exports are governed. */
  readonly thresholdShare: number;
  /**
   * Whether the control also governs its exporter's own shipments (false for a rule that, like
   * MOFCOM No. 61 (2025), reaches only items made or held abroad; the exporter's own exports
   * are then left to its other controls).
   */
  readonly ownExports: boolean;
}

/** An exporter's rule on commodities to destinations, with its dates. */
export interface ControlSpec {
  readonly id: string;
  readonly exporter: number;
  /** Commodity indices covered (groups already expanded). */
  readonly commodities: readonly number[];
  readonly destinations: DestinationRule;
  /** What it does to the orders it governs: one of the measures of measures/ (ban, licensing, quota). */
  readonly measure: MeasureSpec;
  /** Share of the covered trade the control applies to (the rest flows as before), 0..1. */
  readonly coverage: number;
  /**
   * Which uses it covers: `all`, or `defence`: only military end users and uses in its
   * destinations (an end-use or end-user control). An end-use control screens no order: it acts
   * where the goods are consumed, as the defence class of a covered market may not consume the
   * exporter's origin (end-use-rule.ts). Only a ban may be limited to an end use.
   */
  readonly endUse: EndUse;
  /**
   * Where third countries' re-exports of the exporter's origin are refused: nowhere (`none`: a
   * licensing regime controls the exporter's own shipments), to the destinations the control
   * covers (`covered`: a ban that follows the goods, as MOFCOM No. 46 (2024) does for the US),
   * or to listed countries.
   */
  readonly reExport: ReExportRule;
  /** Epoch day it was announced (importers front-run from then to its effective date), or null. */
  readonly announcedEpochDay: number | null;
  /** Extra days of cover importers facing it seek between announcement and effect. */
  readonly frontRunCoverDays: number;
  /** Epoch day it takes effect, or null if it waits for an `impose` event. */
  readonly effectiveEpochDay: number | null;
  /** Epoch day it ends by its own terms, or null. */
  readonly endEpochDay: number | null;
  /** Reach over third countries' goods made with the exporter's content, or null. */
  readonly extraterritorial: ExtraterritorialReach | null;
}
