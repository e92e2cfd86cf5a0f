/**
 * The special functions distributions need (@stdlib's erfcinv, erfcx, the standard normal CDF
 * and the inverse incomplete beta), each loaded on its first call. The four packages are
 * several hundred small files that took about 0.15 s at every start of a process and of every
 * sweep worker thread, though only normal, lognormal and PERT inputs call them (the shipped
 * scenarios' triangular ones do not). Loading later changes no result: the same functions run.
 */
import { createRequire } from "node:module";

type Erfcinv = typeof import("@stdlib/math-base-special-erfcinv");
type Erfcx = typeof import("@stdlib/math-base-special-erfcx");
type InverseIncompleteBeta = typeof import("@stdlib/math-base-special-kernel-betaincinv");
type NormalCdf = typeof import("@stdlib/stats-base-dists-normal-cdf");

const load = createRequire(import.meta.url);
let erfcinvLoaded: Erfcinv | undefined;
let erfcxLoaded: Erfcx | undefined;
let inverseIncompleteBetaLoaded: InverseIncompleteBeta | undefined;
let normalCdfLoaded: NormalCdf | undefined;

/** The inverse complementary error function. */
export function erfcinv(x: number): number {
  erfcinvLoaded ??= load("@stdlib/math-base-special-erfcinv") as Erfcinv;
  return erfcinvLoaded(x);
}

/** The scaled complementary error function, exp(x^2) erfc(x). */
export function erfcx(x: number): number {
  erfcxLoaded ??= load("@stdlib/math-base-special-erfcx") as Erfcx;
  return erfcxLoaded(x);
}

/** The inverse of the regularized incomplete beta function: [x, 1 - x] for probability p (q = 1 - p). */
export function inverseIncompleteBeta(a: number, b: number, p: number, q: number): ReturnType<InverseIncompleteBeta> {
  inverseIncompleteBetaLoaded ??= load("@stdlib/math-base-special-kernel-betaincinv") as InverseIncompleteBeta;
  return inverseIncompleteBetaLoaded(a, b, p, q);
}

/** The normal distribution's CDF at x, for mean mu and standard deviation sigma. */
export function normalCdf(x: number, mu: number, sigma: number): number {
  normalCdfLoaded ??= load("@stdlib/stats-base-dists-normal-cdf") as NormalCdf;
  return normalCdfLoaded(x, mu, sigma);
}
