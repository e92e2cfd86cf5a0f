/**
 * The rate solver: given which markets hold stock, what facilities could run and what demand
 * is, it sets every flow rate of one group of countries until the next event.
 *
 * A market with stock on hand serves all claims in full. A dry market (no stock, production
 * below claims) first draws on its stockpiles (up to their release rates, shared reserves
 * split by deficit), then serves final demand and facility inputs pro rata to their nominal
 * claims. A facility runs at the smallest served share among its inputs, and its outputs
 * feed markets further down the chain, so markets are solved stage by stage in the
 * commodities' topological order (recipes never loop). Input a facility could not use
 * because another input limited it goes back to final demand; only what no one can use
 * stays in stock. Trade crosses borders as discrete shipments, so each group of countries
 * (countries joined by a shared reserve) is solved on its own.
 */
import type { Facility } from "./facility.js";
import type { Market } from "./market.js";
import type { Stockpile } from "./stockpile.js";
/** Levels at or below this many tonnes count as empty. */
export declare const EMPTY_TONNES = 1e-9;
/** A set of countries solved together, and its markets in solving order. */
export interface RateGroup {
    readonly index: number;
    /** Market indices grouped by commodity, in the commodities' topological order. */
    readonly layers: readonly (readonly number[])[];
    readonly facilities: readonly number[];
    /** Stockpiles by layer (same order as `layers`). */
    readonly stockpilesByLayer: readonly (readonly number[])[];
}
/** The run state the solver reads and writes. */
export interface SolverState {
    readonly markets: readonly Market[];
    readonly facilities: readonly Facility[];
    readonly stockpiles: readonly Stockpile[];
}
/**
 * Recomputes every rate in `group`. All of its markets and stockpiles must already be
 * advanced to the current time.
 */
export declare function solveRates(state: SolverState, group: RateGroup, isDry: boolean[], deficit: Float64Array): void;
