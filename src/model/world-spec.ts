/**
 * WorldSpec: the fully resolved description of a world that the model simulates.
 *
 * Every field is present and in model units: tonnes, tonnes per day, days, epoch days
 * (whole days since 1970-01-01) and probabilities. References are indices into the spec's
 * arrays. The scenario layer produces it from files; the model never sees optional or
 * unit-bearing input.
 */
import type { Distribution } from "../engine/index.js";
import type { AuthoritySpec, ControlSpec, LicensingCapacity } from "./control-spec.js";
import type { FloorSpec } from "./floor-spec.js";

export type { FloorSpec } from "./floor-spec.js";

export type { MeasureKind, MeasureSpec } from "./measures/measure.js";
export type { AuthoritySpec, ControlSpec, DestinationRule, EndUse, ExtraterritorialReach, LicensingCapacity, ReExportRule } from "./control-spec.js";

/** A material at one stage of the chain. */
export interface CommoditySpec {
  readonly id: string;
  readonly name: string;
  /** Group ids this commodity belongs to (for reporting; controls are already expanded). */
  readonly groups: readonly string[];
  /** What a tonne is worth, US$ (values demand unmet and given up and reserves), or null when the scenario gives no price. */
  readonly referencePriceUsdPerTonne: number | null;
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
  /** What building it costs the policy that adds it, US$ (0 when not given); the model does not use it. */
  readonly costUsd: number;
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
  /**
   * Shares of final demand in the priority classes served before the rest when the market
   * rations: defence first, then critical civilian; the remainder is "other". Each 0..1, sum <= 1.
   */
  readonly priority: PriorityShares;
}

/** Shares of a market's final demand by priority class (the rest is "other"). */
export interface PriorityShares {
  readonly defence: number;
  readonly critical: number;
}

/** The priority classes, in the order they are served. */
export const PRIORITY_CLASSES = ["defence", "critical", "other"] as const;
/** One priority class. */
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

/**
 * How one commodity's markets respond to scarcity: a price index per market (1 = the scenario's
 * baseline) that moves toward the level its cover implies, demand that bends with the price
 * and substitutes away while it stays high, producers outside a controlling country that
 * restart idle capacity, expand their own (brownfield) and invest in new capacity, and producers
 * that cut output when their stock passes a storage limit.
 */
export interface CommodityResponse {
  /** Days for the price to close 63% of its gap to the target while rising. */
  readonly adjustmentDays: number;
  /** The same while falling back. */
  readonly relaxationDays: number;
  /** Exponent of the target price in the cover ratio: target = ratio^-sensitivity. */
  readonly coverSensitivity: number;
  /** Highest price index (the record's largest moves set it: rare-earth oxides rose more than tenfold in 2010-2011). */
  readonly maxPrice: number;
  readonly minPrice: number;
  /** Days ahead over which a market prices the controls it knows of (announced or in force); 0: no expectations. */
  readonly horizonDays: number;
  /** Short-run price elasticity of demand (<= 0): demand x price^elasticity. */
  readonly elasticity: number;
  /** Price index above which substitution and thrifting grow. */
  readonly substitutionThreshold: number;
  /** Largest growth of the substituted share per year (share of demand). */
  readonly substitutionPerYear: number;
  /** Largest substituted share of demand. */
  readonly substitutionMax: number;
  /** How fast the substituted share falls back per year once the price is below the threshold. */
  readonly unwindPerYear: number;
  /** Price index above which idle capacity outside the controlling countries restarts. */
  readonly supplyThreshold: number;
  /** Days the price must stay above the threshold before idle capacity restarts. */
  readonly restartDays: number;
  /** Largest rise of all restarted output per year, as a share of the world's output at the start. */
  readonly supplyRampPerYear: number;
  /** Days of its producers' output a market stores before they cut output to what it uses and sells (Infinity: never). */
  readonly storageDays: number;
  /** Price index above which producers outside the controlling countries invest in new capacity. */
  readonly investmentThreshold: number;
  /** Days the price must stay above it before each investment is decided. */
  readonly investmentAfterDays: number;
  /** Days from the decision until the new capacity produces. */
  readonly investmentLeadDays: number;
  /** Capacity each investment adds, as a share of the facility's nameplate capacity (0: no investment). */
  readonly investmentShare: number;
  /** Most capacity all investments together may add to a facility, as a share of its nameplate capacity (expansions count too). */
  readonly investmentMax: number;
  /** Price index at or above which producers outside the controlling countries expand their own capacity (brownfield). */
  readonly expansionThreshold: number;
  /** Days the price must stay at or above it before expansions are decided. */
  readonly expansionAfterDays: number;
  /** Days from an expansion's decision until its capacity produces. */
  readonly expansionLeadDays: number;
  /** Capacity decided per year while the price holds, as a share of the facility's nameplate capacity (0: no expansion). */
  readonly expansionPerYear: number;
  /** Most capacity expansions together may add to a facility, as a share of its nameplate capacity. */
  readonly expansionMax: number;
}

/** The market response of a world. */
export interface ResponseSpec {
  /** Days between price updates (the response's discrete clock). */
  readonly priceStepDays: number;
  /** Per commodity index, or null where the commodity's markets do not respond. */
  readonly byCommodity: readonly (CommodityResponse | null)[];
}

/**
 * When a reserve may release: a government decision, not a reflex. A release episode opens
 * when a trigger holds for any member (from `fromEpochDay` on): a shortage of at least
 * `triggerShare` of its use, and where set, a price index above `priceAbove`, commercial stock
 * below `coverBelowDays` of use, or a control on the commodity that covers the member as an
 * importer (announced, or in force). It closes only once no trigger has held for `clearedDays`,
 * so dry spells between deliveries count as one episode. A release is decided
 * `sustainedDays + decisionLagDays` after the episode opened, if it is still open, and lasts
 * until the episode closes or `maxDurationDays` after the decision; a new episode needs a new
 * decision. A decided release flows into what its members cannot get (see StockpileSpec.serves),
 * at most `shortfallShare` of it. All zero, no date and no other trigger is a reserve that
 * releases the moment a member runs dry.
 */
export interface ReleasePolicy {
  /** Share of a member's use (final demand plus facility input) it cannot get, 0..1, that counts as a shortage. */
  readonly triggerShare: number;
  readonly sustainedDays: number;
  readonly decisionLagDays: number;
  /** Epoch day before which it never releases, or null. */
  readonly fromEpochDay: number | null;
  /** A member's price index above which a release episode opens (Infinity: no price trigger). */
  readonly priceAbove: number;
  /** Days of use below which a member's commercial stock opens an episode (0: no cover trigger). */
  readonly coverBelowDays: number;
  /** A control on the commodity covering a member opens an episode: once announced, once in force, or never (null). */
  readonly onControl: "announced" | "in-force" | null;
  /** Days without any trigger after which the episode closes and a decided release lapses. */
  readonly clearedDays: number;
  /** Days after its decision at which a release lapses whatever the triggers (Infinity: none). */
  readonly maxDurationDays: number;
  /** Largest share of what its members cannot get that it releases, 0..1 (with the rate cap). */
  readonly shortfallShare: number;
}

/**
 * The demand a reserve serves: every class (`all`); the defence class (`defence`, such as the
 * NDS); defence and critical civilian use (`critical`); or its participating buyers, a share of
 * each member's final demand across classes (`participants`, an industry reserve).
 */
export type ServedDemand = "all" | "defence" | "critical" | "participants";

/** A government reserve with a release policy and an optional refill rule. */
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
  /** No refill buying while the host's price index is above this (Infinity: no ceiling). */
  readonly refillPriceCeiling: number;
  readonly release: ReleasePolicy;
  /** The demand it may serve. */
  readonly serves: ServedDemand;
  /** Participants' share of each member's final demand (1 unless it serves participants). */
  readonly participantShare: number;
  /** Yearly cost of holding it, as a share of its value at the reference price. */
  readonly holdingCostPerYear: number;
}

/** What a scripted event does when it happens. */
export type EventAction =
  | { readonly kind: "impose"; readonly controls: readonly number[] }
  | { readonly kind: "suspend"; readonly controls: readonly number[]; readonly untilEpochDay: number }
  | { readonly kind: "extend"; readonly controls: readonly number[]; readonly untilEpochDay: number }
  | { readonly kind: "lift"; readonly controls: readonly number[] }
  | { readonly kind: "facility-offline"; readonly facility: number; readonly untilEpochDay: number | null }
  | { readonly kind: "facility-online"; readonly facility: number }
  | {
      readonly kind: "demand-change";
      readonly markets: readonly number[];
      readonly factor: number;
      /** Only this priority class's demand changes (the class shares move with it), or null: all of it. */
      readonly priorityClass: PriorityClass | null;
    }
  | { readonly kind: "stockpile-release"; readonly stockpile: number; readonly tonnes: number }
  | { readonly kind: "stockpile-purchase"; readonly stockpile: number; readonly tonnes: number }
  | {
      readonly kind: "licensing-change";
      readonly controls: readonly number[];
      /** New approval probabilities by importer, or null to keep them. */
      readonly approvalByCountry: readonly number[] | null;
      readonly processingDays: Distribution | null;
      /** New capacity of the controls' authorities, or null. */
      readonly capacity: LicensingCapacity | null;
    }
  | {
      /**
       * A general licence: covered destinations' orders from the exporters holding one (`share`
       * of the covered trade; 1: all) ship without applications until the date.
       */
      readonly kind: "general-licence";
      readonly controls: readonly number[];
      readonly destinations: readonly number[];
      readonly untilEpochDay: number | null;
      readonly share: number;
    };

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
  /** Price floors, in force between their dates; they act through the market response. */
  readonly floors: readonly FloorSpec[];
  readonly controls: readonly ControlSpec[];
  /** Licensing authorities; every licensing control names one (its own when it shares none). */
  readonly authorities: readonly AuthoritySpec[];
  readonly events: readonly EventSpec[];
  readonly trade: TradeSpec;
  /** The market response, or null: no prices move, demand responds to nothing, producers never throttle. */
  readonly response: ResponseSpec | null;
}
