/** meanInterval: Student-t intervals from running sums, against hand computations. */
import { describe, expect, it } from "vitest";
import { meanInterval } from "../../src/sweep/mean-interval.js";
import { SweepError } from "../../src/sweep/sweep-error.js";

const sums = (values: readonly number[]) => [values.length, values.reduce((a, v) => a + v, 0), values.reduce((a, v) => a + v * v, 0)] as const;

describe("meanInterval", () => {
  it("values 1..10 at 95%: mean 5.5, half-width 2.1658 (t 2.262157162798, sd 3.02765)", () => {
    const interval = meanInterval(...sums([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(interval.mean).toBe(5.5);
    expect(interval.standardDeviation).toBeCloseTo(Math.sqrt(55 / 6), 12);
    expect(Math.abs(interval.halfWidth - 2.1658)).toBeLessThan(1e-4);
    expect(interval.halfWidth).toBeCloseTo((2.262157162798205 * Math.sqrt(55 / 6)) / Math.sqrt(10), 10);
    expect(interval.low).toBeCloseTo(5.5 - interval.halfWidth, 12);
    expect(interval.high).toBeCloseTo(5.5 + interval.halfWidth, 12);
  });

  it("uses the t quantile of the confidence asked for", () => {
    // t(0.995, 9) = 3.249835541592
    const interval = meanInterval(...sums([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.99);
    expect(interval.halfWidth).toBeCloseTo((3.249835541592 * Math.sqrt(55 / 6)) / Math.sqrt(10), 9);
    // Two values: t(0.975, 1) = 12.7062047361747
    expect(meanInterval(...sums([0, 2])).halfWidth).toBeCloseTo((12.7062047361747 * Math.SQRT2) / Math.SQRT2, 9);
  });

  it("with one value: the mean, an unbounded interval and a standard deviation of 0", () => {
    expect(meanInterval(1, 7, 49)).toEqual({ mean: 7, low: -Infinity, high: Infinity, halfWidth: Infinity, standardDeviation: 0 });
  });

  it("with equal values: a zero-width interval, never a NaN from a slightly negative variance", () => {
    const interval = meanInterval(...sums(new Array<number>(1000).fill(0.1)));
    expect(interval.standardDeviation).toBeGreaterThanOrEqual(0);
    expect(interval.halfWidth).toBeLessThan(1e-7);
    expect(interval.low).not.toBeNaN();
  });

  it.each<[() => unknown, RegExp]>([
    [() => meanInterval(0, 0, 0), /count must be a whole number >= 1, got 0/],
    [() => meanInterval(2.5, 1, 1), /count must be a whole number >= 1, got 2.5/],
    [() => meanInterval(3, 1, 1, 1), /confidence must be in \(0, 1\), got 1/],
    [() => meanInterval(3, 1, 1, Number.NaN), /confidence must be in \(0, 1\), got NaN/],
  ])("refuses %s", (call, rule) => {
    expect(call).toThrow(SweepError);
    expect(call).toThrow(rule);
  });
});
