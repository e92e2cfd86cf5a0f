/** A seeded stream of uniform [0, 1) numbers with common variates on top. */
export declare class RandomStream {
    /** The stream's name, as given to `RandomStreams.stream`. */
    readonly name: string;
    /** Draws a uniform number in [0, 1). A plain function, cheap to call in hot loops. */
    readonly next: () => number;
    constructor(name: string, seedText: string);
    /** Uniform in [min, max). */
    uniform(min: number, max: number): number;
    /** Exponential with the given rate (mean 1/rate). */
    exponential(rate: number): number;
    /** True with probability `p`. Draws exactly one number whatever `p` is. */
    bernoulli(p: number): boolean;
    /** Normal by the Box-Muller transform; draws exactly two numbers. */
    normal(mean: number, standardDeviation: number): number;
    /** Triangular on [min, max] with the given mode, by inversion; draws one number. */
    triangular(min: number, mode: number, max: number): number;
}
/** Derives independent named streams for one replicate of one master seed. */
export declare class RandomStreams {
    readonly seed: number;
    readonly replicate: number;
    private readonly streams;
    constructor(seed: number, replicate?: number);
    /** The stream called `name`, created on first use; the same name always returns the same stream. */
    stream(name: string): RandomStream;
}
