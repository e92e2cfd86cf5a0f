/**
 * What a criterion measures in one replicate, and whether that meets the record: the direction
 * of a window's change, the month and depth of the trough, the month the series came back within
 * a band of its baseline, the first month above a threshold, a window's level, the highest
 * twelve-month level, and the rise per year between two windows. Months are month numbers;
 * "none" (no such month within the span) is +Infinity on both sides.
 */
import type { EpisodeCriterion, EpisodeSeries } from "../../scenario/index.js";
import type { MonthlySeries } from "./monthly-series.js";

/** Months between the starts of two years' windows. */
const MONTHS_PER_YEAR = 12;

/** Whether a criterion's value is a month (scored by months apart) rather than a change or a share. */
export function isMonthCriterion(criterion: EpisodeCriterion): boolean {
  return criterion.kind === "trough-month" || criterion.kind === "recovery-month" || criterion.kind === "first-above";
}

/** The record's value of a criterion, on the same footing as `criterionValue` (direction: +1 up, -1 down). */
export function recordValue(criterion: EpisodeCriterion): number {
  switch (criterion.kind) {
    case "direction":
      return criterion.record === "up" ? 1 : -1;
    case "recovery-month":
    case "first-above":
      return criterion.record === "none" ? Infinity : criterion.record;
    default:
      return criterion.record;
  }
}

/** The band around the record a value must fall in to meet it: [low, high]. */
export function acceptedRange(criterion: EpisodeCriterion): readonly [number, number] {
  const record = recordValue(criterion);
  switch (criterion.kind) {
    case "direction":
      return record > 0 ? [Number.MIN_VALUE, Infinity] : [-Infinity, -Number.MIN_VALUE];
    case "trough-month":
    case "recovery-month":
    case "first-above":
      return record === Infinity ? [Infinity, Infinity] : [record - criterion.tolerance, record + criterion.tolerance];
    default:
      return criterion.range ?? [record - (criterion.tolerance ?? 0), record + (criterion.tolerance ?? 0)];
  }
}

/** Whether `value` meets the criterion (NaN never does). */
export function meets(criterion: EpisodeCriterion, value: number): boolean {
  const [low, high] = acceptedRange(criterion);
  // A hair of slack for changes computed as sums of doubles (a -100% that comes out -0.99999999...);
  // none for months and directions, which are exact (a flat series has no direction).
  const slack = isMonthCriterion(criterion) || criterion.kind === "direction" ? 0 : 1e-9;
  return value >= low - slack && value <= high + slack;
}

/** The criterion's value in one replicate's series. NaN when the series is undefined there (no baseline flow). */
export function criterionValue(criterion: EpisodeCriterion, series: EpisodeSeries, monthly: MonthlySeries): number {
  const at = (month: number) => monthly.view(series, month, month);
  switch (criterion.kind) {
    case "direction": {
      const change = monthly.view(series, criterion.window.first, criterion.window.last);
      return Number.isNaN(change) ? Number.NaN : Math.sign(change);
    }
    case "trough-month":
    case "trough-depth": {
      let month = Number.NaN;
      let lowest = Infinity;
      for (let m = criterion.within.first; m <= criterion.within.last; m++) {
        const value = at(m);
        if (value < lowest) {
          lowest = value;
          month = m;
        }
      }
      if (lowest === Infinity) return Number.NaN;
      return criterion.kind === "trough-month" ? month : lowest;
    }
    case "level":
      return monthly.view(series, criterion.window.first, criterion.window.last, criterion.baseline ?? series.baseline);
    case "recovery-month":
      return recoveryMonth(criterion.within.first, criterion.within.last, criterion.band, at);
    case "first-above": {
      for (let m = criterion.within.first; m <= criterion.within.last; m++) if (at(m) >= criterion.threshold) return m;
      return Infinity;
    }
    case "peak-year": {
      let peak = -Infinity;
      for (let m = criterion.within.first; m + MONTHS_PER_YEAR - 1 <= criterion.within.last; m++) {
        const value = monthly.view(series, m, m + MONTHS_PER_YEAR - 1);
        if (value > peak) peak = value;
      }
      return peak === -Infinity ? Number.NaN : peak;
    }
    case "rise-per-year": {
      const from = monthly.view(series, criterion.from.first, criterion.from.last);
      const to = monthly.view(series, criterion.to.first, criterion.to.last);
      return ((to - from) * MONTHS_PER_YEAR) / (criterion.to.first - criterion.from.first);
    }
  }
}

/**
 * The first month after the largest departure from the baseline within `first`..`last` in which
 * the series is back within `band` of it: for a trough, no more than `band` below; for a peak
 * (prices), no more than `band` above. +Infinity when it never comes back within the span; the
 * month of the departure itself when it never left the band.
 */
export function recoveryMonth(first: number, last: number, band: number, at: (month: number) => number): number {
  let extreme = first;
  let largest = -1;
  for (let m = first; m <= last; m++) {
    const value = at(m);
    if (Math.abs(value) > largest) {
      largest = Math.abs(value);
      extreme = m;
    }
  }
  if (largest < 0) return Number.NaN;
  const isTrough = at(extreme) < 0;
  for (let m = extreme; m <= last; m++) {
    const value = at(m);
    if (isTrough ? value >= -band : value <= band) return m;
  }
  return Infinity;
}
