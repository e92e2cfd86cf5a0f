/**
 * tQuantile: Student's t distribution's quantile (@stdlib's), loaded on its first call. The
 * package and its dependencies are about 400 small files that took about 0.14 s at every start
 * of the command line, before the first replicate, though only a sweep's statistics (computed
 * after the replicates) call it. Loading later changes no result: the same function runs.
 */
import { createRequire } from "node:module";

type TQuantile = typeof import("@stdlib/stats-base-dists-t-quantile");

let loaded: TQuantile | undefined;

/** The p-quantile of Student's t with `degreesOfFreedom` degrees of freedom. */
export function tQuantile(p: number, degreesOfFreedom: number): number {
  loaded ??= createRequire(import.meta.url)("@stdlib/stats-base-dists-t-quantile") as TQuantile;
  return loaded(p, degreesOfFreedom);
}
