import type { RandomStream } from "./random-stream.js";
/** A fixed value or a distribution to draw from. All parameters are in the caller's unit. */
export type Distribution = {
    readonly kind: "fixed";
    readonly value: number;
} | {
    readonly kind: "uniform";
    readonly min: number;
    readonly max: number;
} | {
    readonly kind: "triangular";
    readonly min: number;
    readonly mode: number;
    readonly max: number;
} | {
    readonly kind: "normal";
    readonly mean: number;
    readonly standardDeviation: number;
    readonly min: number;
} | {
    readonly kind: "lognormal";
    readonly median: number;
    readonly sigma: number;
} | {
    readonly kind: "exponential";
    readonly mean: number;
};
/** A distribution that always gives `value`. */
export declare function fixed(value: number): Distribution;
/**
 * Draws one value. A fixed distribution draws nothing from the stream; every other kind
 * draws a fixed count (1, or 2 for normal and lognormal), so later draws stay aligned.
 * Normal draws are truncated below at `min` by clamping.
 */
export declare function sample(distribution: Distribution, stream: RandomStream): number;
/** The distribution's mean (for expected lead times and planning). */
export declare function meanOf(distribution: Distribution): number;
/** Throws unless every parameter is finite and ordered (min <= mode <= max, spreads >= 0). */
export declare function checkDistribution(distribution: Distribution, what: string): void;
