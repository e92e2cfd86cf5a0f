/**
 * KPI bins: each KPI with a mean is counted on its kind's grid, so a share is never binned as
 * tonnes: a bin reads back within the grid's resolution (days exact, shares within 0.25
 * points, tonnes and indices within 1%), as summary.json's `resolution` states.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kpiKindOf, type MeanKpi } from "../../src/model/index.js";
import { shareBin, stockBin } from "../../src/sweep/band-bins.js";
import { MEAN_KPIS } from "../../src/sweep/index.js";
import { kpiGrid } from "../../src/sweep/kpi-bins.js";

/** Values of each binning and how far a bin may read from them. */
const CASES = {
  exact: { values: fc.integer({ min: 0, max: 4000 }), within: (v: number, read: number) => read === v },
  share: { values: fc.double({ min: 0, max: 1, noNaN: true }), within: (v: number, read: number) => (v <= 1e-6 ? read === 0 : Math.abs(read - v) <= 0.0025 + 1e-12) },
  geometric: { values: fc.double({ min: 1e-2, max: 1e11, noNaN: true }), within: (v: number, read: number) => Math.abs(read - v) <= 0.01 * v },
} as const;

describe("kpiGrid", () => {
  it.each(MEAN_KPIS.map((name) => [name]))("reads %s's bins back within its grid's resolution", (name: MeanKpi) => {
    const grid = kpiGrid(name);
    const { values, within } = CASES[kpiKindOf(name).binning];
    fc.assert(fc.property(values, (v) => within(v, grid.valueOfBin(grid.bin(v)))));
  });

  it("bins the peak share on the share grid, days exactly, and tonnes and the price index on the geometric grid", () => {
    expect(kpiGrid("peakShortfallShare").bin(0.5)).toBe(shareBin(0.5));
    expect(kpiGrid("peakShortfallShare").valueOfBin(shareBin(1))).toBe(1);
    expect(kpiGrid("shortfallDays").bin(131)).toBe(131);
    for (const name of ["unmetTonnes", "demandTonnes", "givenUpTonnes", "peakPriceIndex"] as const) expect(kpiGrid(name).bin(5374.67)).toBe(stockBin(5374.67));
  });
});
