/**
 * Market rates: the records of a market's rates, tonnes/day, each written by one module and
 * read-only to the rest: its demand (set by Demand) and its flow rates (set by the rate solver).
 */

/** The flow rates of one market the rate solver sets, tonnes/day (a record it fills and reuses). */
export interface SolvedRates {
  production: number;
  /** Facility input requested at nominal rates (for planning orders). */
  nominalInput: number;
  inputUse: number;
  /** Final demand served. */
  consumed: number;
  /** Of `consumed`, what the defence and critical classes get (served first). */
  consumedDefence: number;
  consumedCritical: number;
  /** Stockpile releases into this inventory from reserves hosted in this country. */
  releaseIn: number;
  /** Releases from reserves hosted abroad, counted as imports. */
  transferIn: number;
  /** Releases from reserves hosted here to other members, counted as exports. */
  transferOut: number;
}

/** A market's flow rates as the last solve set them, tonnes/day. */
export interface MarketRates extends SolvedRates {
  /** Net change of inventory: production, releases and transfers in, less use. */
  net: number;
}

/** A market's final demand as the Demand module sets it. */
export interface MarketDemand {
  /** Gross demand, before any response to price (what `demand_t` reports), tonnes/day. */
  grossRate: number;
  /** What buyers want now (after price response and substitution; what the solver serves), tonnes/day. */
  wantedRate: number;
  /** Shares of final demand in the defence and critical civilian classes (served first, in that order). */
  defenceShare: number;
  criticalShare: number;
}
