import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/report/index.js";
import { roundTo } from "../../src/sweep/index.js";

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [1, "1"],
    [1.5, "1.5"],
    [10, "10"],
    [100.25, "100.25"],
    [0.1 + 0.2, "0.3"],
    [-0.0000001, "0"],
    [-2.5, "-2.5"],
    [123456789.123456789, "123456789.123457"],
    [1e-7, "0"],
  ])("%d prints as %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it("round-trips to within half a unit of the last decimal", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        const text = formatNumber(value);
        expect(text).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        expect(Math.abs(Number(text) - value)).toBeLessThanOrEqual(5e-7 + 1e-15 * Math.abs(value));
      }),
    );
  });

  it("respects the decimals asked for", () => {
    expect(formatNumber(2.345, 1)).toBe("2.3");
    expect(formatNumber(2, 0)).toBe("2");
    expect(formatNumber(20, 0)).toBe("20");
  });

  it("rounds for JSON without negative zero", () => {
    expect(roundTo(-0.0000001)).toBe(0);
    expect(Object.is(roundTo(-0.0000001), -0)).toBe(false);
    expect(roundTo(0.8416666666)).toBe(0.841667);
  });
});
