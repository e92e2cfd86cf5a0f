/**
 * WorldSpec: the fully resolved description of a world that the model simulates.
 *
 * Every field is present and in model units: tonnes, tonnes per day, days, epoch days
 * (whole days since 1970-01-01) and probabilities. References are indices into the spec's
 * arrays. The scenario layer produces it from files; the model never sees optional or
 * unit-bearing input.
 */
import type { Distribution } from "../engine/index.js";

/** A material at one stage of the chain. */
export interface CommoditySpec {
  readonly id: string;
  readonly name: string;
  /** Group ids this commodity belongs to (for reporting; controls are already expanded). */
  readonly groups: readonly string[];
}

/** A country or bloc (EU, ROW). */
export interface CountrySpec {
  readonly id: string;
  readonly name: string;
  readonly groups: readonly string[];
}

/** One input or output of a recipe: tonnes of `commodity` per tonne of facility throughput. */
export interface RecipeTerm {
  readonly commodity: number;
  readonly tonnesPerTonne: number;
}

/** Random outages: Poisson arrivals, durations drawn from a distribution (days). */
export interface OutageSpec {
  readonly ratePerYear: number;
  readonly durationDays: Distribution;
}

/** A mine, refinery or plant. */
export interface FacilitySpec {
  readonly id: string;
  readonly country: number;
  /** Nameplate throughput, tonnes per day. */
  readonly capacityTonnesPerDay: number;
  /** Share of capacity used in normal operation, in [0, 1]. */
  readonly utilization: number;
  /**
   * Epoch day the facility starts producing (may lie before the scenario start). An uncertain
   * date is drawn per replicate by the scenario layer, before the model sees the world.
   */
  readonly onlineEpochDay: number;
  /** Days from going online to full rate, rising linearly; 0 means at once. */
  readonly rampUpDays: number;
  readonly inputs: readonly RecipeTerm[];
  readonly outputs: readonly RecipeTerm[];
  readonly outages: OutageSpec | null;
}

/** A baseline import source and its share of the importer's orders. */
export interface ImportShare {
  readonly supplier: number;
  readonly share: number;
}

/** One country's position in one commodity: demand, commercial stock, import sources. */
export interface MarketSpec {
  readonly country: number;
  readonly commodity: number;
  /** Final demand at the start date, tonnes per day. */
  readonly demandTonnesPerDay: number;
  /** Annual growth of demand, as a fraction (0.03 = 3% a year). */
  readonly demandGrowthPerYear: number;
  /** Commercial inventory target, in days of use (final demand plus facility input). */
  readonly coverDays: number;
  /**
   * Commercial inventory at the start, tonnes; null starts the market at its order-up-to
   * level (cover plus one ordering cycle of net use), a steady state with no start-up gap.
   */
  readonly initialInventoryTonnes: number | null;
  /** Baseline import sources; shares sum to 1 (or the list is empty). */
  readonly imports: readonly ImportShare[];
}

/** A government reserve with a release rule (on shortfall) and an optional refill rule. */
export interface StockpileSpec {
  readonly id: string;
  /** Where it is held; its level is reported under this country. */
  readonly country: number;
  readonly commodity: number;
  /** Countries it may release to (includes the host). */
  readonly members: readonly number[];
  readonly initialTonnes: number;
  readonly floorTonnes: number;
  readonly maxReleaseTonnesPerDay: number;
  /** Refill: buy back toward the target at this rate once no member is short. 0 = never. */
  readonly refillTonnesPerDay: number;
  readonly targetTonnes: number;
}

/** Which importers a control applies to. */
export interface DestinationRule {
  readonly mode: "all" | "only" | "except";
  readonly countries: readonly number[];
}

/** What an export control does to an order it applies to. */
export type ControlMeasure =
  | { readonly kind: "ban" }
  | {
      readonly kind: "licensing";
      /** Approval probability for each importer, indexed by country. */
      readonly approvalByCountry: readonly number[];
      readonly processingDays: Distribution;
    }
  | { readonly kind: "quota"; readonly tonnesPerYear: number };

/** An exporter's rule on commodities to destinations, with its dates. */
export interface ControlSpec {
  readonly id: string;
  readonly exporter: number;
  /** Commodity indices covered (groups already expanded). */
  readonly commodities: readonly number[];
  readonly destinations: DestinationRule;
  readonly measure: ControlMeasure;
  /** Epoch day it takes effect, or null if it waits for an `impose` event. */
  readonly effectiveEpochDay: number | null;
  /** Epoch day it ends by its own terms, or null. */
  readonly endEpochDay: number | null;
  /**
   * Extraterritorial reach (like the 0.1% de-minimis rule of MOFCOM No. 61): the control also
   * governs exports of its commodities by any other country that buys any of these input
   * commodities from the exporter. Empty for an ordinary control.
   */
  readonly extraterritorialInputs: readonly number[];
}

/** What a scripted event does when it happens. */
export type EventAction =
  | { readonly kind: "impose"; readonly controls: readonly number[] }
  | { readonly kind: "suspend"; readonly controls: readonly number[]; readonly untilEpochDay: number }
  | { readonly kind: "extend"; readonly controls: readonly number[]; readonly untilEpochDay: number }
  | { readonly kind: "lift"; readonly controls: readonly number[] }
  | { readonly kind: "facility-offline"; readonly facility: number; readonly untilEpochDay: number | null }
  | { readonly kind: "facility-online"; readonly facility: number }
  | { readonly kind: "demand-change"; readonly markets: readonly number[]; readonly factor: number }
  | { readonly kind: "stockpile-release"; readonly stockpile: number; readonly tonnes: number }
  | { readonly kind: "stockpile-purchase"; readonly stockpile: number; readonly tonnes: number };

/** A dated change, possibly uncertain in whether it happens. */
export interface EventSpec {
  readonly id: string;
  /** Epoch day it happens (an uncertain date is drawn per replicate by the scenario layer). */
  readonly epochDay: number;
  /**
   * Probability it happens at all, in [0, 1]. The scenario layer draws whether it happens per
   * replicate and hands over 0 or 1; a value between is drawn by the model from the event's stream.
   */
  readonly probability: number;
  readonly action: EventAction;
}

/** How importers buy. */
export interface TradeSpec {
  /** Days between ordering rounds. */
  readonly orderIntervalDays: number;
  /** Transit days for routes without their own figure. */
  readonly defaultTransitDays: number;
  /** Per-route transit days. */
  readonly routes: readonly { readonly from: number; readonly to: number; readonly transitDays: number }[];
  /** Days before an importer can buy from a new supplier. */
  readonly qualificationLagDays: number;
}

/** The whole resolved world. */
export interface WorldSpec {
  readonly name: string;
  readonly description: string;
  /** First reported day (epoch day); the simulation itself begins `warmUpDays` earlier. */
  readonly startEpochDay: number;
  /** Last simulated and reported day, inclusive (epoch day). */
  readonly endEpochDay: number;
  /**
   * Days simulated before the start and not reported, so that pipelines (shipments in transit,
   * licences pending) and stocks settle under the regime in force before the start.
   * Starting levels apply at the beginning of the warm-up; demand figures apply at the start.
   */
  readonly warmUpDays: number;
  readonly commodities: readonly CommoditySpec[];
  readonly countries: readonly CountrySpec[];
  readonly facilities: readonly FacilitySpec[];
  readonly markets: readonly MarketSpec[];
  readonly stockpiles: readonly StockpileSpec[];
  readonly controls: readonly ControlSpec[];
  readonly events: readonly EventSpec[];
  readonly trade: TradeSpec;
}
