/** meanInterval: Student-t intervals from a count, a mean and squared deviations, against hand computations. */
import { describe, expect, it } from "vitest";
import { meanInterval, type Moments } from "../../src/sweep/mean-interval.js";
import { SweepError } from "../../src/sweep/sweep-error.js";

/** The moments of `values`, in two passes. */
const moments = (values: readonly number[]): Moments => {
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  return { count: values.length, mean, squaredDeviations: values.reduce((a, v) => a + (v - mean) ** 2, 0) };
};

describe("meanInterval", () => {
  it("values 1..10 at 95%: mean 5.5, half-width 2.1658 (t 2.262157162798, sd 3.02765)", () => {
    const interval = meanInterval(moments([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(interval.mean).toBe(5.5);
    expect(interval.standardDeviation).toBeCloseTo(Math.sqrt(55 / 6), 12);
    expect(Math.abs(interval.halfWidth - 2.1658)).toBeLessThan(1e-4);
    expect(interval.halfWidth).toBeCloseTo((2.262157162798205 * Math.sqrt(55 / 6)) / Math.sqrt(10), 10);
    expect(interval.low).toBeCloseTo(5.5 - interval.halfWidth, 12);
    expect(interval.high).toBeCloseTo(5.5 + interval.halfWidth, 12);
  });

  it("uses the t quantile of the confidence asked for", () => {
    // t(0.995, 9) = 3.249835541592
    const interval = meanInterval(moments([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.99);
    expect(interval.halfWidth).toBeCloseTo((3.249835541592 * Math.sqrt(55 / 6)) / Math.sqrt(10), 9);
    // Two values: t(0.975, 1) = 12.7062047361747
    expect(meanInterval(moments([0, 2])).halfWidth).toBeCloseTo((12.7062047361747 * Math.SQRT2) / Math.SQRT2, 9);
  });

  it("with one value: the mean, an unbounded interval and a standard deviation of 0", () => {
    expect(meanInterval({ count: 1, mean: 7, squaredDeviations: 0 })).toEqual({ mean: 7, low: -Infinity, high: Infinity, halfWidth: Infinity, standardDeviation: 0 });
  });

  it("with no spread: the mean exactly, ±0", () => {
    expect(meanInterval({ count: 1000, mean: 47_757_431.80245, squaredDeviations: 0 })).toEqual({ mean: 47_757_431.80245, low: 47_757_431.80245, high: 47_757_431.80245, halfWidth: 0, standardDeviation: 0 });
  });

  it.each<[() => unknown, RegExp]>([
    [() => meanInterval({ count: 0, mean: 0, squaredDeviations: 0 }), /count must be a whole number >= 1, got 0/],
    [() => meanInterval({ count: 2.5, mean: 1, squaredDeviations: 1 }), /count must be a whole number >= 1, got 2.5/],
    [() => meanInterval({ count: 3, mean: 1, squaredDeviations: 1 }, 1), /confidence must be in \(0, 1\), got 1/],
    [() => meanInterval({ count: 3, mean: 1, squaredDeviations: 1 }, Number.NaN), /confidence must be in \(0, 1\), got NaN/],
    [() => meanInterval({ count: 3, mean: 1, squaredDeviations: -1e-9 }), /the sum of squared deviations must be >= 0, got -1e-9/],
  ])("refuses %s", (call, rule) => {
    expect(call).toThrow(SweepError);
    expect(call).toThrow(rule);
  });
});
