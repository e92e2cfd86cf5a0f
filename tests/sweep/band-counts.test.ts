/**
 * BandCounts: band bins counted as records hold them (series by series, shares sparsely), with
 * the band extremes records keep (only a file's new ones), in any number of parts, added into a
 * BandTally give the bands a BandTally counting every replicate itself gives; and
 * CellHistograms' counts cross over (toData, addData, addCount) exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BandCounts } from "../../src/sweep/band-counts.js";
import { bandCountsFromBytes, bandCountsToBytes } from "../../src/sweep/band-counts-codec.js";
import { BandExtremes } from "../../src/sweep/band-extremes.js";
import { BandTally } from "../../src/sweep/band-tally.js";
import { CellHistograms } from "../../src/sweep/cell-histograms.js";
import type { SweepPlan } from "../../src/sweep/index.js";

interface Replicate {
  /** Period by period (cell p * series + s), as an outcome holds them. */
  readonly shares: Uint8Array;
  readonly stocks: Uint16Array;
  /** Band values: the shares, then the stocks. */
  readonly values: Float64Array;
}

/** Replicates of `series` x `periods` band cells: shares mostly 0 (not short), stocks near a level, as a sweep's are. */
function replicates(series: number, periods: number): fc.Arbitrary<Replicate[]> {
  const cells = series * periods;
  const share = fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, { arbitrary: fc.integer({ min: 1, max: 200 }), weight: 2 });
  const stock = fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 700, max: 705 }));
  const replicate = fc.record({ shares: fc.array(share, { minLength: cells, maxLength: cells }), stocks: fc.array(stock, { minLength: cells, maxLength: cells }) });
  // The values the bins stand for, give or take: a share in its bin, a stock a little off its bin's number.
  const values = (r: { shares: number[]; stocks: number[] }) => Float64Array.from([...r.shares.map((bin) => (bin === 0 ? 0 : (bin - 0.3) / 200)), ...r.stocks.map((bin) => bin * 1.01)]);
  return fc.array(replicate.map((r) => ({ shares: Uint8Array.from(r.shares), stocks: Uint16Array.from(r.stocks), values: values(r) })), { minLength: 1, maxLength: 40 });
}

/** A replicate's bins series by series (cell s * periods + p), as records hold them. */
function bySeries(bins: Uint8Array | Uint16Array, series: number, periods: number): Uint8Array | Uint16Array {
  const out = new (bins.constructor as Uint8ArrayConstructor | Uint16ArrayConstructor)(bins.length);
  for (let s = 0; s < series; s++) for (let p = 0; p < periods; p++) out[s * periods + p] = bins[p * series + s];
  return out;
}

function planOf(series: number, periods: number): SweepPlan {
  return { series: Array.from({ length: series }, (_, s) => ({ country: `C${s}`, commodity: "metal" })), periodCount: periods, bandDays: 7 } as unknown as SweepPlan;
}

describe("BandCounts", () => {
  it("counted in parts and added, gives the bands of every replicate counted in one BandTally (fast-check)", () => {
    const shapes = fc.record({ series: fc.integer({ min: 1, max: 5 }), periods: fc.integer({ min: 1, max: 9 }) });
    fc.assert(
      fc.property(
        shapes.chain(({ series, periods }) => fc.record({ series: fc.constant(series), periods: fc.constant(periods), list: replicates(series, periods), parts: fc.integer({ min: 1, max: 4 }) })),
        ({ series, periods, list, parts }) => {
          const cells = series * periods;
          const plan = planOf(series, periods);
          const whole = new BandTally(cells);
          for (const r of list) whole.add({ kpis: new Float64Array(0), inputs: new Float64Array(0), shareBins: r.shares, stockBins: r.stocks, bandLows: r.values, bandHighs: r.values });
          const merged = new BandTally(cells);
          for (let part = 0; part < parts; part++) {
            const counts = new BandCounts(cells);
            // Each part a file of records: each keeps only the values new to its file.
            const file = new BandExtremes(2 * cells);
            list.forEach((r, i) => {
              if (i % parts === part) counts.add(bySeries(r.shares, series, periods) as Uint8Array, bySeries(r.stocks, series, periods) as Uint16Array, file.take(r.values, r.values));
            });
            merged.addCounts(counts.toData(), series);
          }
          expect(merged.rows(plan, 20_000)).toEqual(whole.rows(plan, 20_000));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("counts a cell short in no replicate as not short, and one short in all as short", () => {
    const counts = new BandCounts(2);
    const file = new BandExtremes(4);
    for (let r = 0; r < 300; r++) counts.add(Uint8Array.of(0, 7), Uint16Array.of(5, 5), file.take(Float64Array.of(0, 0.033, 1e-3, 1e-3), Float64Array.of(0, 0.033, 1e-3, 1e-3)));
    const tally = new BandTally(2);
    tally.addCounts(counts.toData(), 1);
    const rows = tally.rows(planOf(1, 2), 20_000);
    expect(rows.map((row) => row.pShort)).toEqual([0, 1]);
  });
});

describe("CellHistograms counts crossing over", () => {
  it("toData then addData (in any cell order) and addCount read as counting each bin (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 50 }), (rows, extra) => {
        const direct = new CellHistograms(4);
        const part = new CellHistograms(4);
        for (const row of rows) {
          direct.addRow(Uint16Array.from(row));
          part.addRow(Uint16Array.from(row).reverse());
        }
        direct.addCount(2, 61, extra);
        for (let k = 0; k < extra; k++) part.add(1, 61);
        const whole = new CellHistograms(4);
        // The part's cells are the direct's reversed: cell i there is 3 - i here.
        whole.addData(part.toData(), (i) => 3 - i);
        for (let cell = 0; cell < 4; cell++) {
          for (const p of [0.05, 0.25, 0.5, 0.75, 0.95]) expect(whole.quantileBin(cell, p)).toBe(direct.quantileBin(cell, p));
          expect(whole.shareAboveZero(cell)).toBe(direct.shareAboveZero(cell));
        }
        expect(whole.observations).toBe(direct.observations);
      }),
    );
  });
});

describe("band counts as bytes", () => {
  it("read back as written, with what they cover; damaged or of another shape, as nothing (fast-check)", () => {
    fc.assert(
      fc.property(replicates(2, 3), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(), (list, frames, recordBytes, flip) => {
        const counts = new BandCounts(6);
        const file = new BandExtremes(12);
        for (const r of list) counts.add(bySeries(r.shares, 2, 3) as Uint8Array, bySeries(r.stocks, 2, 3) as Uint16Array, file.take(r.values, r.values));
        const data = counts.toData();
        const bytes = bandCountsToBytes(data, { frames, recordBytes });
        expect(bandCountsFromBytes(bytes, 6)).toEqual({ data, cover: { frames, recordBytes } });
        expect(bandCountsFromBytes(bytes, 7)).toBeUndefined();
        const damaged = bytes.slice();
        damaged[flip % damaged.length] ^= 0x10;
        expect(bandCountsFromBytes(damaged, 6)).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});
