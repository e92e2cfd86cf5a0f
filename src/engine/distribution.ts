/**
 * Distribution: the closed set of probability distributions an uncertain input may take
 * instead of a fixed number, and what the kernel does with one: its inverse CDF (`quantile`),
 * its support (`bounds`), its mean (`meanOf`), and `sample`, which draws through the inverse
 * CDF. Whether parameters describe one is checked in distribution-check.ts.
 *
 * Every draw is the quantile of exactly one uniform number u, so a sweep may feed u from plain
 * Monte Carlo or from a Latin hypercube design and get the same family of draws. Truncated
 * normals and lognormals invert F^-1(F(a) + u (F(b) - F(a))), computed on whichever tail keeps
 * full relative precision, and in log space beyond FAR_TAIL standard deviations, so that no
 * u in [0, 1] and no truncation, however far out, gives NaN or a value outside the support.
 * The special functions are @stdlib's (erfcinv, erfcx, the normal CDF, the inverse incomplete
 * beta, loaded on first use: special-functions.ts); they are plain JavaScript over IEEE arithmetic and V8's fdlibm-based Math functions,
 * so the same inputs give the same bits on every machine.
 *
 * Distributions are plain data (hashed as JSON, sent to worker threads): no methods, no classes.
 */
import { EngineError } from "./chokepoint-error.js";
import type { RandomStream } from "./random-stream.js";
import { erfcinv, erfcx, inverseIncompleteBeta, normalCdf } from "./special-functions.js";

/**
 * A fixed value or a distribution to draw from. All parameters are in the caller's unit.
 *
 * - `fixed`: always `value`.
 * - `uniform`: flat on [min, max].
 * - `triangular`: on [min, max], peaking at `mode`.
 * - `pert`: Beta-PERT on [min, max] with the given `mode`; alpha = 1 + shape (mode - min) / (max - min),
 *   beta = 1 + shape (max - mode) / (max - min). The customary shape is 4; choosing it is the caller's job.
 * - `normal`: normal with `mean` and `standardDeviation`, truncated to [min, max] (either may be infinite).
 * - `lognormal`: exp of a normal with median `median` and log-spread `sigma`, truncated to [min, max]
 *   (min >= 0; max may be Infinity).
 * - `exponential`: exponential with the given `mean`.
 * - `discrete`: `values[i]` with probability weights[i] / sum(weights).
 */
export type Distribution =
  | { readonly kind: "fixed"; readonly value: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: "pert"; readonly min: number; readonly mode: number; readonly max: number; readonly shape: number }
  | { readonly kind: "normal"; readonly mean: number; readonly standardDeviation: number; readonly min: number; readonly max: number }
  | { readonly kind: "lognormal"; readonly median: number; readonly sigma: number; readonly min: number; readonly max: number }
  | { readonly kind: "exponential"; readonly mean: number }
  | { readonly kind: "discrete"; readonly values: readonly number[]; readonly weights: readonly number[] };

/** A distribution that always gives `value`. */
export function fixed(value: number): Distribution {
  return { kind: "fixed", value };
}

/**
 * Draws one value: `quantile(distribution, stream.next())`. Every kind draws exactly one
 * number from the stream, except `fixed`, which draws none, so later draws stay aligned
 * whatever the parameters are.
 */
export function sample(distribution: Distribution, stream: RandomStream): number {
  return distribution.kind === "fixed" ? distribution.value : quantile(distribution, stream.next());
}

/**
 * The inverse CDF at `u` in [0, 1]: the smallest x with F(x) >= u, so u = 0 gives the lower
 * end of the support (which is -Infinity for a normal unbounded below) and u = 1 the upper end.
 * Non-decreasing in u for every kind, up to the last bit of the special functions (erfcinv
 * and the inverse incomplete beta are not monotone to the last bit: two u within about 1e-15
 * of each other may give values a few ulps out of order). For `discrete`, the values are
 * walked in the order given, so it is the inverse CDF in the strict sense (and non-decreasing)
 * when they ascend. The result always lies inside `bounds(distribution)` and is never NaN.
 */
export function quantile(distribution: Distribution, u: number): number {
  if (!(u >= 0 && u <= 1)) throw new EngineError("bad-uniform", `quantile: u must be in [0, 1], got ${u}`);
  switch (distribution.kind) {
    case "fixed":
      return distribution.value;
    case "uniform":
      return uniformQuantile(distribution.min, distribution.max, u);
    case "triangular":
      return triangularQuantile(distribution.min, distribution.mode, distribution.max, u);
    case "pert":
      return pertQuantile(distribution.min, distribution.mode, distribution.max, distribution.shape, u);
    case "normal":
      return normalQuantile(distribution.mean, distribution.standardDeviation, distribution.min, distribution.max, u);
    case "lognormal":
      return lognormalQuantile(distribution.median, distribution.sigma, distribution.min, distribution.max, u);
    case "exponential":
      return clamp(-distribution.mean * Math.log1p(-u), 0, Infinity);
    case "discrete":
      return discreteQuantile(distribution.values, distribution.weights, u);
  }
}

/** The support after truncation: the least and greatest values a draw can take (±Infinity where unbounded). */
export function bounds(distribution: Distribution): { readonly min: number; readonly max: number } {
  switch (distribution.kind) {
    case "fixed":
      return { min: distribution.value, max: distribution.value };
    case "uniform":
    case "triangular":
    case "pert":
      return { min: distribution.min, max: distribution.max };
    case "normal":
      return spreadBounds(distribution.mean, distribution.standardDeviation, distribution.min, distribution.max);
    case "lognormal":
      return spreadBounds(distribution.median, distribution.sigma, distribution.min, distribution.max);
    case "exponential":
      return { min: 0, max: Infinity };
    case "discrete": {
      let min = Infinity;
      let max = -Infinity;
      distribution.values.forEach((value, i) => {
        if (distribution.weights[i] > 0) {
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      });
      return { min, max };
    }
  }
}

/** The mean of the distribution as drawn, truncation included (for expected lead times and planning). */
export function meanOf(distribution: Distribution): number {
  switch (distribution.kind) {
    case "fixed":
      return distribution.value;
    case "uniform":
      return (distribution.min + distribution.max) / 2;
    case "triangular":
      return (distribution.min + distribution.mode + distribution.max) / 3;
    case "pert": {
      const { min, mode, max, shape } = distribution;
      return clamp((min + shape * mode + max) / (shape + 2), min, max);
    }
    case "normal":
      return normalMean(distribution.mean, distribution.standardDeviation, distribution.min, distribution.max);
    case "lognormal":
      return lognormalMean(distribution.median, distribution.sigma, distribution.min, distribution.max);
    case "exponential":
      return distribution.mean;
    case "discrete": {
      const { values, weights } = distribution;
      let total = 0;
      for (const weight of weights) if (weight > 0) total += weight;
      // Shares first, so that tiny or huge weights neither underflow nor overflow the products.
      let mean = 0;
      values.forEach((value, i) => {
        if (weights[i] > 0) mean += (weights[i] / total) * value;
      });
      const support = bounds(distribution);
      return clamp(mean, support.min, support.max);
    }
  }
}

// Beyond this many standard deviations the tail mass (< 5e-198) is still a normal double, but
// past about 37.5 it would underflow: truncations lying wholly beyond it are inverted in log space.
const FAR_TAIL = 30;

// An interval of standard scores this narrow (scaled by its distance from 0) has a density
// that varies by less than 1e-9 across it; inside it the inverse CDF is linear to that precision,
// while differences of CDF values there would have lost most of their digits.
const NARROW = 1e-9;

// Newton's method in the far tail converges quadratically from its first step; this only bounds the loop.
const NEWTON_ITERATIONS = 40;

/** `x` limited to [min, max]; NaN becomes min, so a result is never NaN. */
function clamp(x: number, min: number, max: number): number {
  return x > min ? (x < max ? x : max) : min;
}

function uniformQuantile(min: number, max: number, u: number): number {
  const span = max - min;
  // The second form avoids max - min overflowing when the bounds are near ±1.8e308.
  return clamp(Number.isFinite(span) ? min + span * u : min * (1 - u) + max * u, min, max);
}

function triangularQuantile(min: number, mode: number, max: number, u: number): number {
  const span = max - min;
  if (!(span > 0)) return min;
  const cut = (mode - min) / span;
  // Square roots taken one factor at a time, so that no product under them underflows or
  // overflows; each side held to its own side of the mode, so that rounding near the mode
  // (max - span * ... cancels there) cannot break monotonicity.
  if (u <= cut) return clamp(min + span * (Math.sqrt(u) * Math.sqrt(cut)), min, mode);
  return clamp(max - span * (Math.sqrt(1 - u) * Math.sqrt((max - mode) / span)), mode, max);
}

function pertQuantile(min: number, mode: number, max: number, shape: number, u: number): number {
  const span = max - min;
  if (!(span > 0)) return min;
  const alpha = 1 + (shape * (mode - min)) / span;
  const beta = 1 + (shape * (max - mode)) / span;
  // The kernel returns both x and 1 - x, each to full relative precision; measuring from the
  // nearer end keeps draws near max as precise as draws near min.
  const [x, complement] = inverseIncompleteBeta(alpha, beta, u, 1 - u) as [number, number];
  return clamp(x <= 0.5 ? min + span * x : max - span * complement, min, max);
}

function discreteQuantile(values: readonly number[], weights: readonly number[], u: number): number {
  let total = 0;
  for (const weight of weights) if (weight > 0) total += weight;
  const target = u * total;
  let cumulative = 0;
  let last = values[0];
  for (let i = 0; i < values.length; i++) {
    if (!(weights[i] > 0)) continue;
    cumulative += weights[i];
    last = values[i];
    if (target < cumulative) return last;
  }
  // Only u = 1, or u * total rounding up to total: the last value that has weight.
  return last;
}

/** For normal and lognormal: the support is [min, max], or the one point the centre is clamped to when the spread is 0. */
function spreadBounds(centre: number, spread: number, min: number, max: number): { readonly min: number; readonly max: number } {
  if (spread > 0 && min < max) return { min, max };
  const point = clamp(centre, min, max);
  return { min: point, max: point };
}

function normalQuantile(mean: number, standardDeviation: number, min: number, max: number, u: number): number {
  if (!(standardDeviation > 0 && min < max)) return clamp(mean, min, max);
  // The ends exactly, not mean + sd * ((min - mean) / sd) with its rounding.
  if (u === 0) return min;
  if (u === 1) return max;
  const alpha = (min - mean) / standardDeviation;
  const beta = (max - mean) / standardDeviation;
  // Standard scores overflow only for a finite bound absurdly many deviations out: all mass sits on it.
  if (alpha === Infinity) return min;
  if (beta === -Infinity) return max;
  return clamp(mean + standardDeviation * standardQuantile(alpha, beta, u), min, max);
}

function lognormalQuantile(median: number, sigma: number, min: number, max: number, u: number): number {
  if (!(sigma > 0 && min < max)) return clamp(median, min, max);
  if (u === 0) return min;
  if (u === 1) return max;
  const mu = Math.log(median);
  const alpha = (Math.log(min) - mu) / sigma;
  const beta = (Math.log(max) - mu) / sigma;
  if (alpha === Infinity) return min;
  if (beta === -Infinity) return max;
  return clamp(median * Math.exp(sigma * standardQuantile(alpha, beta, u)), min, max);
}

function normalMean(mean: number, standardDeviation: number, min: number, max: number): number {
  if (!(standardDeviation > 0 && min < max)) return clamp(mean, min, max);
  const alpha = (min - mean) / standardDeviation;
  const beta = (max - mean) / standardDeviation;
  if (alpha === Infinity) return min;
  if (beta === -Infinity) return max;
  return clamp(mean + standardDeviation * standardTruncatedMean(alpha, beta), min, max);
}

function lognormalMean(median: number, sigma: number, min: number, max: number): number {
  if (!(sigma > 0 && min < max)) return clamp(median, min, max);
  const mu = Math.log(median);
  const alpha = (Math.log(min) - mu) / sigma;
  const beta = (Math.log(max) - mu) / sigma;
  if (alpha === Infinity) return min;
  if (beta === -Infinity) return max;
  if (isNarrow(alpha, beta)) return clamp(median * Math.exp((sigma * (alpha + beta)) / 2), min, max);
  // E[X] = median exp(sigma^2 / 2) P(alpha - sigma < Z < beta - sigma) / P(alpha < Z < beta), as one exponent so
  // that neither a large sigma nor a far-tail truncation overflows or underflows on the way.
  const exponent = (sigma * sigma) / 2 + logMass(alpha - sigma, beta - sigma) - logMass(alpha, beta);
  return clamp(median * Math.exp(exponent), min, max);
}

function isNarrow(alpha: number, beta: number): boolean {
  return (beta - alpha) * Math.max(1, Math.abs(alpha), Math.abs(beta)) <= NARROW;
}

/** Φ(x), accurate in relative terms for x <= 0. */
function lowerTail(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Q(x) = 1 - Φ(x) = Φ(-x), accurate in relative terms for x >= 0. */
function upperTail(x: number): number {
  return normalCdf(-x, 0, 1);
}

/** The x with Φ(x) = p, for p <= 0.5 (erfcinv keeps the relative precision of small p; erfinv(2p - 1) would not). */
function lowerTailInverse(p: number): number {
  return -Math.SQRT2 * erfcinv(2 * p);
}

/** The x with Q(x) = q, for q <= 0.5. */
function upperTailInverse(q: number): number {
  return Math.SQRT2 * erfcinv(2 * q);
}

/** Mills' ratio Q(x) / φ(x) for x >= 0, by the scaled complementary error function (no underflow). */
function millsRatio(x: number): number {
  return 0.5 * Math.sqrt(2 * Math.PI) * erfcx(x / Math.SQRT2);
}

/** log Q(x) for x >= 0, finite far beyond where Q(x) underflows. */
function logUpperTail(x: number): number {
  return Math.log(0.5 * erfcx(x / Math.SQRT2)) - 0.5 * x * x;
}

/** log(Q(alpha + t) / Q(alpha)) for alpha >= 0 and t >= 0, free of the cancellation of two large logarithms. */
function logTailShare(alpha: number, t: number): number {
  return Math.log(erfcx((alpha + t) / Math.SQRT2) / erfcx(alpha / Math.SQRT2)) - (t * (2 * alpha + t)) / 2;
}

/** log P(alpha < Z < beta) for the standard normal Z, alpha < beta. */
function logMass(alpha: number, beta: number): number {
  if (beta <= 0) return logMass(-beta, -alpha);
  if (alpha >= 0) return logUpperTail(alpha) + Math.log(-Math.expm1(logTailShare(alpha, beta - alpha)));
  return Math.log(lowerTail(beta) - lowerTail(alpha));
}

/** E[Z | alpha < Z < beta] for the standard normal Z, alpha < beta. */
function standardTruncatedMean(alpha: number, beta: number): number {
  if (isNarrow(alpha, beta)) return (alpha + beta) / 2;
  if (beta <= 0) return -standardTruncatedMean(-beta, -alpha);
  if (alpha >= 0) {
    // (φ(alpha) - φ(beta)) / (Q(alpha) - Q(beta)), each factored by its value at alpha.
    const t = beta - alpha;
    const densityShare = -Math.expm1(-(t * (2 * alpha + t)) / 2);
    const massShare = -Math.expm1(logTailShare(alpha, t));
    return clamp(densityShare / massShare / millsRatio(alpha), alpha, beta);
  }
  const density = (x: number) => (Number.isFinite(x) ? Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) : 0);
  return clamp((density(alpha) - density(beta)) / (lowerTail(beta) - lowerTail(alpha)), alpha, beta);
}

/**
 * The quantile at u of the standard normal truncated to [alpha, beta], alpha < beta.
 * Works on the side of 0 the interval lies on, so that the CDF values it interpolates between
 * are small numbers held to full relative precision, never numbers near 1. Each interpolation
 * is one formula, monotone in u, whatever u is: no switch of formula at some u that rounding
 * could turn into a step backwards.
 */
function standardQuantile(alpha: number, beta: number, u: number): number {
  if (isNarrow(alpha, beta)) return clamp(alpha + u * (beta - alpha), alpha, beta);
  // w, the share of the truncated mass above the result, is exact for every u on the 2^-53 grid a stream draws from.
  const w = 1 - u;
  if (alpha >= 0) return clamp(upperSideQuantile(alpha, beta, w), alpha, beta);
  // Mirrored: the interval lies below 0, and Z's quantile at u is minus (-Z)'s at 1 - u.
  if (beta <= 0) return clamp(-upperSideQuantile(-beta, -alpha, u), alpha, beta);
  if (alpha === -Infinity && beta === Infinity) return u <= 0.5 ? lowerTailInverse(u) : upperTailInverse(w);
  // The interval holds 0: below the median interpolate Φ, above it Q. Each side is held to its
  // sign, so the switch between them cannot step backwards either.
  const lowerAlpha = lowerTail(alpha);
  const p = lowerAlpha + u * (lowerTail(beta) - lowerAlpha);
  if (p <= 0.5) return clamp(lowerTailInverse(p), alpha, 0);
  const upperBeta = upperTail(beta);
  return clamp(upperTailInverse(upperBeta + w * (upperTail(alpha) - upperBeta)), 0, beta);
}

/**
 * The point of the standard normal truncated to [alpha, beta], 0 <= alpha < beta, with the
 * share w of the truncated mass above it, found on the upper tail Q.
 */
function upperSideQuantile(alpha: number, beta: number, w: number): number {
  if (alpha < FAR_TAIL) {
    const upperBeta = upperTail(beta);
    return upperTailInverse(upperBeta + w * (upperTail(alpha) - upperBeta));
  }
  // Far tail: solve log(Q(alpha + t) / Q(alpha)) = log(Q(beta) / Q(alpha) + w (1 - Q(beta) / Q(alpha))) for t.
  const logBetaShare = logTailShare(alpha, beta - alpha);
  const logTarget = Math.log(Math.exp(logBetaShare) - w * Math.expm1(logBetaShare));
  if (logTarget === -Infinity) return beta;
  // Newton's method on a concave decreasing function: after the first step (the exponential
  // approximation t = -logTarget / alpha, refined by Mills' ratio) the iterates descend
  // monotonically onto the root, and stop when a step no longer moves t down.
  let t = -logTarget * millsRatio(alpha);
  for (let i = 0; i < NEWTON_ITERATIONS; i++) {
    const next = t + (logTailShare(alpha, t) - logTarget) * millsRatio(alpha + t);
    if (!(next < t && next >= 0)) break;
    t = next;
  }
  return alpha + t;
}
