/** The price floor of a world spec (`floors:` in a scenario; the mechanism is response/floors.ts). */

/**
 * A price floor on a commodity: a price index below which the covered producers do not see
 * their price fall. Paid by a government (`government`: the payer tops up the covered producers'
 * sales to the floor and buys at the floor what their market does not take, so they never cut
 * output for want of buyers) or enforced by a tariff (`tariff`: the member countries' markets
 * never price the commodity below the floor; their buyers pay the difference).
 */
export interface FloorSpec {
  readonly id: string;
  readonly commodity: number;
  /** The floor as a price index: its price over the commodity's reference price. */
  readonly priceIndex: number;
  readonly paidBy: "government" | "tariff";
  /** Facilities covered, each making the commodity as its primary output (a tariff's: every one in a member country). */
  readonly facilities: readonly number[];
  /** Member countries whose markets the tariff holds at the floor (none for a government floor). */
  readonly countries: readonly number[];
  /** First day in force (epoch day). */
  readonly fromEpochDay: number;
  /** Last day in force, inclusive (epoch day), or null: to the end of the run. */
  readonly untilEpochDay: number | null;
}
