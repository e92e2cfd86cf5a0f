/**
 * Scenario defaults: the value an optional field of the scenario format takes where a file says
 * nothing, in model units (days, shares of 1, tonnes per day), each stated once. The resolvers
 * fill them in; the schema's descriptions (so the JSON Schema editors show, and `chokepoint
 * schema`) quote them from here, as they quote the input limits (input-limits.ts). A default
 * that is a rule rather than a value ("the members' daily use", "a queue of its own") belongs to
 * its resolver and is described in words.
 */
import { DAYS_PER_YEAR } from "../model/index.js";

/** Defaults used where a scenario says nothing. */
export const DEFAULTS = {
  // The run
  warmUpDays: 365,
  seed: 1,
  // Markets: the commercial cover target (`defaults.cover`) and the priority classes' shares
  coverDays: 30,
  defenceShare: 0,
  criticalShare: 0,
  // Trade
  orderIntervalDays: 30,
  transitDays: 30,
  qualificationLagDays: 180,
  frontRunningDays: 0,
  // Facilities
  utilization: 1,
  rampUpDays: 0,
  // Reserves and their release rule
  refillTonnesPerDay: 0,
  triggerShare: 0,
  sustainedDays: 0,
  decisionLagDays: 0,
  serves: "all",
  // A reserve's yearly holding cost, as a share of its value at the reference price (none unless a scenario says)
  holdingCostPerYear: 0,
  // Controls: coverage, the de-minimis share of extraterritorial reach (MOFCOM No. 61's 0.1%), a licence's validity
  coverage: 1,
  deMinimisShare: 0.001,
  validityDays: 0,
  // Events
  probability: 1,
} as const;

/** The defaults of the market response's fields (`response`, a commodity's `response`), in model units. */
export const RESPONSE_DEFAULTS = {
  priceStepDays: 7,
  adjustmentDays: 60,
  relaxationDays: 180,
  coverSensitivity: 1,
  /** The record's largest moves: cerium oxide about 30 times its 2008 price in mid-2011 (Lynas figures, Mining.com 2011). */
  maxPrice: 30,
  minPrice: 0.2,
  /** Assumption: half a year ahead, about an importer's cover plus one licence review (see `horizon`). */
  horizonDays: 180,
  elasticity: 0,
  substitutionThreshold: 1.5,
  substitutionPerYear: 0,
  substitutionMax: 0,
  supplyThreshold: 1.25,
  restartDays: 180,
  supplyRampPerYear: 0,
  investmentThreshold: 2,
  investmentAfterDays: 365,
  /** Seven years (a new mine, Keilhacker & Minner 2017), in whole days. */
  investmentLeadDays: Math.ceil(7 * DAYS_PER_YEAR),
  investmentShare: 0,
  investmentMax: 1,
  expansionThreshold: 1.5,
  expansionAfterDays: 365,
  /** Two years (a separation or refining expansion), in whole days. */
  expansionLeadDays: Math.ceil(2 * DAYS_PER_YEAR),
  expansionPerYear: 0,
  expansionMax: 0.5,
} as const;

/** Substitution without an `unwind` of its own unwinds this many times slower than its `perYear`. */
export const UNWIND_SLOWDOWN = 4;

/** A share as a description states it: 0.001 reads "0.1%". */
export function percentText(share: number): string {
  return `${share * 100}%`;
}

/** Whole years as a description states them (a default of 2,557 days reads "7 years"). */
export function yearsText(days: number): string {
  return `${Math.round(days / DAYS_PER_YEAR)} years`;
}
