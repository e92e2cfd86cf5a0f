/**
 * Distribution: a small closed set of probability distributions that model parameters may
 * take instead of a fixed number, and `sample`, which draws from one with a RandomStream.
 */
import { EngineError } from "./chokepoint-error.js";
import type { RandomStream } from "./random-stream.js";

/** A fixed value or a distribution to draw from. All parameters are in the caller's unit. */
export type Distribution =
  | { readonly kind: "fixed"; readonly value: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: "normal"; readonly mean: number; readonly standardDeviation: number; readonly min: number }
  | { readonly kind: "lognormal"; readonly median: number; readonly sigma: number }
  | { readonly kind: "exponential"; readonly mean: number };

/** A distribution that always gives `value`. */
export function fixed(value: number): Distribution {
  return { kind: "fixed", value };
}

/**
 * Draws one value. A fixed distribution draws nothing from the stream; every other kind
 * draws a fixed count (1, or 2 for normal and lognormal), so later draws stay aligned.
 * Normal draws are truncated below at `min` by clamping.
 */
export function sample(distribution: Distribution, stream: RandomStream): number {
  switch (distribution.kind) {
    case "fixed":
      return distribution.value;
    case "uniform":
      return stream.uniform(distribution.min, distribution.max);
    case "triangular":
      return stream.triangular(distribution.min, distribution.mode, distribution.max);
    case "normal":
      return Math.max(distribution.min, stream.normal(distribution.mean, distribution.standardDeviation));
    case "lognormal":
      return distribution.median * Math.exp(stream.normal(0, distribution.sigma));
    case "exponential":
      return stream.exponential(1 / distribution.mean);
  }
}

/** The distribution's mean (for expected lead times and planning). */
export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case "fixed":
      return distribution.value;
    case "uniform":
      return (distribution.min + distribution.max) / 2;
    case "triangular":
      return (distribution.min + distribution.mode + distribution.max) / 3;
    case "normal":
      // Not the mean of the clamped draw: the mean as written, raised to min. The two agree
      // when min lies several standard deviations below the mean, the only case planners use.
      return Math.max(distribution.min, distribution.mean);
    case "lognormal":
      return distribution.median * Math.exp((distribution.sigma * distribution.sigma) / 2);
    case "exponential":
      return distribution.mean;
  }
}

/** Throws unless every parameter is finite and ordered (min <= mode <= max, spreads >= 0). */
export function checkDistribution(distribution: Distribution, what: string): void {
  const bad = (rule: string) => {
    throw new EngineError("bad-distribution", `${what}: ${rule}, got ${JSON.stringify(distribution)}`);
  };
  const values = Object.values(distribution).filter((v): v is number => typeof v === "number");
  if (values.some((v) => !Number.isFinite(v))) bad("all parameters must be finite numbers");
  switch (distribution.kind) {
    case "uniform":
      if (distribution.min > distribution.max) bad("min must be <= max");
      break;
    case "triangular":
      if (!(distribution.min <= distribution.mode && distribution.mode <= distribution.max)) bad("min <= mode <= max must hold");
      break;
    case "normal":
      if (distribution.standardDeviation < 0) bad("standardDeviation must be >= 0");
      break;
    case "lognormal":
      if (distribution.median <= 0 || distribution.sigma < 0) bad("median must be > 0 and sigma >= 0");
      break;
    case "exponential":
      if (distribution.mean <= 0) bad("mean must be > 0");
      break;
    case "fixed":
      break;
  }
}
