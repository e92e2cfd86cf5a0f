/**
 * CellHistograms: whatever way the bins come (one cell at a time, whole rows of bytes, u16 or
 * whole numbers, mixed, past the pending rows' capacity) and whenever a query looks, every
 * query reads what plain counting gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellHistograms } from "../../src/sweep/cell-histograms.js";

/** Plain counts per cell, the reference. */
class PlainCounts {
  readonly bins: number[][];
  constructor(cells: number) {
    this.bins = Array.from({ length: cells }, () => []);
  }
  quantileBin(cell: number, p: number): number {
    const sorted = [...this.bins[cell]].sort((a, b) => a - b);
    if (sorted.length === 0) return 0;
    const target = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
    return sorted[Math.min(sorted.length, target) - 1];
  }
  shareBelow(cell: number, bound: number): number {
    const all = this.bins[cell];
    return all.length === 0 ? 0 : all.filter((b) => b < bound).length / all.length;
  }
  shareAboveZero(cell: number): number {
    const all = this.bins[cell];
    return all.length === 0 ? 0 : all.filter((b) => b !== 0).length / all.length;
  }
}

type Step =
  | { kind: "row"; type: "u8" | "u16" | "i32" | "plain"; bins: number[]; times: number }
  | { kind: "cell"; cell: number; bin: number }
  | { kind: "query"; cell: number; p: number; bound: number };

function steps(cells: number): fc.Arbitrary<Step[]> {
  const row = fc.record({
    kind: fc.constant("row" as const),
    type: fc.constantFrom("u8" as const, "u16" as const, "i32" as const, "plain" as const),
    bins: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: cells, maxLength: cells }),
    // A row repeated many times runs past the pending rows' capacity (256), so they are counted mid-way.
    times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 300 })),
  });
  const cell = fc.record({ kind: fc.constant("cell" as const), cell: fc.integer({ min: 0, max: cells - 1 }), bin: fc.integer({ min: -5, max: 300 }) });
  const query = fc.record({ kind: fc.constant("query" as const), cell: fc.integer({ min: 0, max: cells - 1 }), p: fc.double({ min: 0, max: 1, noNaN: true }), bound: fc.integer({ min: -5, max: 45 }) });
  return fc.array(fc.oneof({ arbitrary: row, weight: 3 }, { arbitrary: cell, weight: 2 }, { arbitrary: query, weight: 1 }), { maxLength: 30 });
}

function asRow(type: "u8" | "u16" | "i32" | "plain", bins: number[]): ArrayLike<number> {
  return type === "u8" ? Uint8Array.from(bins) : type === "u16" ? Uint16Array.from(bins) : type === "i32" ? Int32Array.from(bins) : bins;
}

function expectSame(histograms: CellHistograms, plain: PlainCounts, cell: number, p: number, bound: number): void {
  expect(histograms.quantileBin(cell, p)).toBe(plain.quantileBin(cell, p));
  expect(histograms.shareBelow(cell, bound)).toBe(plain.shareBelow(cell, bound));
  expect(histograms.shareAboveZero(cell)).toBe(plain.shareAboveZero(cell));
}

describe("CellHistograms", () => {
  it("reads what plain counting gives, for rows and single cells in any mix, queried at any time", () => {
    const cases = fc.integer({ min: 1, max: 6 }).chain((cells) => fc.tuple(fc.constant(cells), steps(cells)));
    fc.assert(
      fc.property(cases, ([cells, list]) => {
        const histograms = new CellHistograms(cells);
        const plain = new PlainCounts(cells);
        for (const step of list) {
          if (step.kind === "row") {
            for (let t = 0; t < step.times; t++) {
              histograms.addRow(asRow(step.type, step.bins));
              step.bins.forEach((bin, cell) => plain.bins[cell].push(bin));
            }
          } else if (step.kind === "cell") {
            histograms.add(step.cell, step.bin);
            plain.bins[step.cell].push(step.bin);
          } else {
            expectSame(histograms, plain, step.cell, step.p, step.bound);
          }
        }
        for (let cell = 0; cell < cells; cell++) for (const p of [0, 0.05, 0.5, 0.95, 1]) expectSame(histograms, plain, cell, p, 10);
        expect(histograms.observations).toBe(cells === 0 ? 0 : plain.bins.reduce((n, b) => n + b.length, 0) / cells);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a row whose length is not the number of cells", () => {
    expect(() => new CellHistograms(3).addRow([1, 2])).toThrow("a row of 2 bins for 3 cells");
  });
});
