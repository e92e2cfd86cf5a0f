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
