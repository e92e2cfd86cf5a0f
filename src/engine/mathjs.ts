/**
 * mathjs, loaded on first use from its single-file bundle (`mathjs/lib/browser/math.js`, the
 * same library and version as the package's entry point). The package's module entry imports
 * several hundred files and cost 0.6 s on a quiet machine (2.5 s on a busy one) at every start
 * of the command line; the bundle loads in about a twentieth of that.
 */
import { createRequire } from "node:module";

type MathJs = typeof import("mathjs");
let loaded: MathJs | undefined;

/** The mathjs library (its whole API, as the package's types describe it), loaded on the first call. */
export function mathjs(): MathJs {
  loaded ??= createRequire(import.meta.url)("mathjs/lib/browser/math.js") as MathJs;
  return loaded;
}
