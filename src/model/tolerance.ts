/**
 * Tolerances: the thresholds below which the model treats a quantity as nothing, each named
 * once so that every part of the model agrees on what "empty" and "negligible" mean.
 */

/** Stock levels at or below this many tonnes count as empty. */
export const EMPTY_TONNES = 1e-9;

/** Trade volumes (orders, shipments, refills) at or below this many tonnes are rounding dust and ignored. */
export const DUST_TONNES = 1e-9;

/**
 * Relative tolerance on event times: a stock due to run out within this share of the current
 * time (or of one day, near day 0) runs out now, up to floating-point rounding.
 */
export const TIME_TOLERANCE = 1e-9;

/**
 * Relative rounding: two results of floating-point arithmetic on the same quantity (integrals
 * over a day, a ratio of tonnes) that differ by less than this share of it are equal.
 */
export const ROUNDING_SHARE = 1e-9;

/**
 * Shares (of an order, of a stock's content, of a flow) within this of 0 or 1 are 0 or 1; it is
 * also the smallest share divided by, so that a share near 0 never divides to infinity.
 */
export const SHARE_TOLERANCE = 1e-12;
