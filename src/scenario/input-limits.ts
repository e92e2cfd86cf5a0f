/**
 * Input limits: the largest (and smallest) values the scenario format accepts, in model units.
 * Every bound exists to keep a run finite: finite in time (horizon, warm-up, the ordering
 * clock), in memory (the daily record grows with the horizon), and in arithmetic (magnitudes
 * whose products and sums stay far from floating-point overflow). Each is generous next to
 * any real figure, and each is stated in the schema's descriptions and in
 * docs/scenario-format.md ("Limits"). Limits on what several inputs make together (a market's
 * demand compounded by growth and demand changes) are stated here too and checked once the
 * scenario is resolved (compound-limits.ts).
 */
import { DAYS_PER_YEAR } from "../model/index.js";

/** Bounds of one kind of input, with the reason given to users who cross them. */
export interface Limit {
  readonly min: number;
  readonly max: number;
  /** How the bound reads in messages and docs, e.g. "at most 10 years (3,653 days)". */
  readonly text: string;
}

const limit = (min: number, max: number, text: string): Limit => ({ min, max, text });

/** Ten years in days, rounded up. */
const TEN_YEARS_DAYS = Math.ceil(10 * DAYS_PER_YEAR);

/** The bounds, by what they bound. */
export const LIMITS = {
  /** Reported days, start to end inclusive: the daily record holds one row per day and market. */
  horizonDays: limit(1, 30 * 366, "at most 30 years (10,980 days)"),
  /** Warm-up simulated before the start. */
  warmUpDays: limit(0, TEN_YEARS_DAYS, "at most 10 years (3,653 days)"),
  /** Days between ordering rounds: every round visits every market, so this sets the event rate. */
  orderIntervalDays: limit(1, 366, "at least 1 day and at most 366 days"),
  /** Transit time of a route. */
  transitDays: limit(0, 730, "at most 2 years (730 days)"),
  /** Any other lag or duration (cover, ramp-up, qualification, processing and outage times). */
  durationDays: limit(0, TEN_YEARS_DAYS, "at most 10 years (3,653 days)"),
  /** Masses: stock levels, amounts bought or released. World copper mine output is about 23 Mt/yr. */
  tonnes: limit(0, 1e10, "at most 10 Gt (1e10 t)"),
  /** Rates: capacities, demand, quotas, release and refill rates, in tonnes per day (1e10 t/yr). */
  tonnesPerDay: limit(0, 1e10 / DAYS_PER_YEAR, "at most 10 Gt/yr (1e10 t/yr)"),
  /** US dollars: reference prices per tonne, reserve and project costs. */
  money: limit(0, 1e15, "at most US$1,000 trillion (1e15)"),
  /** Tonnes of a commodity per tonne of a facility's throughput. */
  recipeRatio: limit(0, 1e6, "at most 1,000,000 t per t of throughput"),
  /** Random outages per year. */
  outagesPerYear: limit(0, 365, "at most 365 a year"),
  /** A demand-change event's factor. */
  demandFactor: limit(0, 100, "at most 100"),
  /**
   * A market's demand as it can compound, in tonnes per day: its demand x its growth over the
   * simulated days (warm-up included) x every demand-change factor above 1 that can apply to it.
   * The same bound as a rate written in the file: what compounds must stay within it too.
   */
  compoundDemandTonnesPerDay: limit(0, 1e10 / DAYS_PER_YEAR, "at most 10 Gt/yr (1e10 t/yr)"),
  /**
   * Spread (sigma) of a lognormal: at 3, the 99.9th percentile is already 10,000 times the
   * median; larger values only produce overflowing draws.
   */
  lognormalSigma: limit(0, 3, "at most 3"),
  /** Bounds and thresholds of a price index (1 = baseline). */
  priceIndex: limit(0.001, 1000, "at most 1000 (times the baseline)"),
  /** Short-run price elasticity of demand. */
  elasticity: limit(-5, 0, "at most 0 (demand falls as the price rises)"),
  /** Exponent of the target price in the cover ratio. */
  coverSensitivity: limit(0, 10, "at most 10"),
  /** Capacity added by investment, as a share of a facility's nameplate capacity. */
  capacityShare: limit(0, 10, "at most 10 (ten times the nameplate capacity)"),
} as const;

/** Largest nesting of mappings and lists a scenario file may have (real files need about 8). */
export const MAX_NESTING_DEPTH = 64;

/** Largest scenario file read, in bytes (the shipped world's largest file is about 40 kB). */
export const MAX_SCENARIO_FILE_BYTES = 8 * 1024 * 1024;
