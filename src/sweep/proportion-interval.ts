/**
 * proportionInterval: Wilson's (1927) score interval for a share of replicates (such as the
 * share short), the interval Brown, Cai and DasGupta (2001, Statistical Science 16:101-133)
 * recommend over the textbook Wald interval p ± z sqrt(p(1 - p) / n): Wald's has zero width
 * when no replicate (or every replicate) was short, however few were run, which is the false
 * zero a stop rule must not accept. Wilson's is never empty: with 0 of n short it runs from 0
 * to z^2 / (n + z^2).
 */
import { erfcinv } from "../engine/index.js";
import { SweepError } from "./sweep-error.js";

/** A share with its two-sided interval. */
export interface ProportionInterval {
  /** successes / trials. */
  readonly share: number;
  readonly low: number;
  readonly high: number;
  /** (high - low) / 2: the interval is not symmetric about the share. */
  readonly halfWidth: number;
}

/** Wilson's score interval at `confidence` (default 95%) for `successes` of `trials`. */
export function proportionInterval(successes: number, trials: number, confidence = 0.95): ProportionInterval {
  if (!Number.isSafeInteger(trials) || trials < 1) throw new SweepError("bad-interval", `proportionInterval: trials must be a whole number >= 1, got ${trials}`);
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) throw new SweepError("bad-interval", `proportionInterval: successes must be a whole number from 0 to ${trials}, got ${successes}`);
  if (!(confidence > 0 && confidence < 1)) throw new SweepError("bad-interval", `proportionInterval: confidence must be in (0, 1), got ${confidence}`);
  // The normal quantile at 1 - (1 - confidence) / 2, from erfcinv so that the tail is held to full precision.
  const z = Math.SQRT2 * erfcinv(1 - confidence);
  const share = successes / trials;
  const zz = (z * z) / trials;
  const centre = (share + zz / 2) / (1 + zz);
  const spread = (z / (1 + zz)) * Math.sqrt((share * (1 - share)) / trials + zz / (4 * trials));
  const low = successes === 0 ? 0 : Math.max(0, centre - spread);
  const high = successes === trials ? 1 : Math.min(1, centre + spread);
  return { share, low, high, halfWidth: (high - low) / 2 };
}
