/** The earliest and latest day a date distribution can give, for ordering checks between dates. */
import type { Distribution } from "../engine/index.js";

/**
 * The earliest and latest day `distribution` can give. An unbounded one has neither, and both
 * come back as -Infinity, so that no ordering check is made against it.
 */
export function dayRange(distribution: Distribution): { earliest: number; latest: number } {
  switch (distribution.kind) {
    case "fixed":
      return { earliest: distribution.value, latest: distribution.value };
    case "uniform":
    case "triangular":
      return { earliest: distribution.min, latest: distribution.max };
    default:
      return { earliest: -Infinity, latest: -Infinity };
  }
}
