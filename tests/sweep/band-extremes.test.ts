/**
 * Band percentiles held within each band cell's least and greatest value (issue 20): a cell
 * whose share or stock is the same in every replicate reads exactly that value at every
 * percentile, a near-constant one reads within its values, whether the replicates are counted
 * in one tally or written to the records of several shards (each record keeping only its
 * file's new extremes), read back and merged; format 1 records are refused with what to do.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KPI_NAMES } from "../../src/model/index.js";
import { shareBin, stockBin } from "../../src/sweep/band-bins.js";
import { BandCounts } from "../../src/sweep/band-counts.js";
import { BandExtremes, updatesFromBytes, updatesToBytes } from "../../src/sweep/band-extremes.js";
import { BandTally } from "../../src/sweep/band-tally.js";
import { baseBandBinsBySeries, encodeRecord, payloadLayout, RecordReader, type RecordShape } from "../../src/sweep/record-codec.js";
import type { ReplicateOutcome } from "../../src/sweep/replicate-outcome.js";
import type { BandRow, SweepPlan } from "../../src/sweep/index.js";

const SERIES = 2;
const PERIODS = 3;
const CELLS = SERIES * PERIODS;
const SHAPE: RecordShape = { alternatives: 1, kpiValues: SERIES * KPI_NAMES.length, inputs: [0], bandCells: CELLS, series: SERIES, bandValues: 2 * CELLS };
const PLAN = { series: [{ country: "AA", commodity: "metal" }, { country: "BB", commodity: "metal" }], periodCount: PERIODS, bandDays: 7 } as unknown as SweepPlan;

/** How a cell's values are drawn: the same in every replicate, within a hair of one value, or anything. */
type CellKind = { kind: "constant"; value: number } | { kind: "near"; value: number; spread: number } | { kind: "free" };

const shareValue = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 1e-7, max: 1, noNaN: true }));
const stockValue = fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 1e9, noNaN: true }));
function cellKind(value: fc.Arbitrary<number>): fc.Arbitrary<CellKind> {
  return fc.oneof(
    fc.record({ kind: fc.constant("constant" as const), value }),
    fc.record({ kind: fc.constant("near" as const), value, spread: fc.double({ min: 1e-12, max: 1e-3, noNaN: true }) }),
    fc.constant({ kind: "free" as const }),
  );
}

/** A cell's value in replicate r (u: a uniform draw for it), by its kind; shares stay within [0, 1]. */
function valueOf(kind: CellKind, u: number, free: number, isShare: boolean): number {
  const raw = kind.kind === "constant" ? kind.value : kind.kind === "near" ? kind.value * (1 + kind.spread * u) : free;
  return isShare ? Math.min(1, raw) : raw;
}

/** Replicate r's outcome: the band values, and the bins they fall in (as alternativeOutcome bins them). */
function outcome(replicate: number, values: Float64Array): ReplicateOutcome {
  const shareBins = new Uint8Array(CELLS);
  const stockBins = new Uint16Array(CELLS);
  for (let i = 0; i < CELLS; i++) {
    shareBins[i] = values[i] === 0 ? 0 : Math.max(1, shareBin(values[i]));
    stockBins[i] = stockBin(values[CELLS + i]);
  }
  return { replicate, alternatives: [{ kpis: new Float64Array(SHAPE.kpiValues), inputs: new Float64Array(0), shareBins, stockBins, bandLows: values, bandHighs: values }] };
}

interface Scenario {
  readonly shares: CellKind[];
  readonly stocks: CellKind[];
  /** Per replicate, four uniform draws per cell. */
  readonly draws: number[][];
  readonly shards: number;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  shares: fc.array(cellKind(shareValue), { minLength: CELLS, maxLength: CELLS }),
  stocks: fc.array(cellKind(stockValue), { minLength: CELLS, maxLength: CELLS }),
  draws: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4 * CELLS, maxLength: 4 * CELLS }), { minLength: 1, maxLength: 30 }),
  shards: fc.integer({ min: 1, max: 4 }),
});

/** The replicates' band values: shares then stocks, each cell by its kind. */
function bandValues(s: Scenario): Float64Array[] {
  return s.draws.map((u) => {
    const values = new Float64Array(2 * CELLS);
    for (let i = 0; i < CELLS; i++) {
      values[i] = valueOf(s.shares[i], u[i], u[CELLS + i], true);
      values[CELLS + i] = valueOf(s.stocks[i], u[2 * CELLS + i], u[3 * CELLS + i] * 1e6, false);
    }
    return values;
  });
}

/** Replicate r in shard r mod `shards`, each shard a file of records, read back and counted as a merge's threads count them. */
function mergedRows(list: readonly Float64Array[], shards: number): BandRow[] {
  const tally = new BandTally(CELLS);
  const layout = payloadLayout(SHAPE);
  for (let shard = 0; shard < shards; shard++) {
    const file = new BandExtremes(SHAPE.bandValues);
    const reader = new RecordReader(SHAPE);
    for (let r = shard; r < list.length; r += shards) reader.push(encodeRecord(outcome(r, list[r]), SHAPE, file));
    const counts = new BandCounts(CELLS);
    const stocks = new Uint16Array(CELLS);
    for (let payload = reader.nextPayload(); payload !== undefined; payload = reader.nextPayload()) counts.add(baseBandBinsBySeries(payload, layout, SHAPE, stocks), stocks, payload.extremes);
    tally.addCounts(counts.toData(), SERIES);
  }
  return tally.rows(PLAN, 20_000);
}

describe("band percentiles within each cell's values", () => {
  it("read a constant cell as exactly its value, and a near-constant one within its values, in one tally and merged from shards' records (fast-check)", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const list = bandValues(s);
        const whole = new BandTally(CELLS);
        list.forEach((values, r) => whole.add(outcome(r, values).alternatives[0]));
        const rows = whole.rows(PLAN, 20_000);
        expect(mergedRows(list, s.shards)).toEqual(rows);
        // rows: series by series, each period in turn.
        rows.forEach((row, k) => {
          const series = Math.floor(k / PERIODS);
          const cell = (k % PERIODS) * SERIES + series;
          for (const [read, offset] of [[row.shortfallShare, 0], [row.stockTonnes, CELLS]] as const) {
            const seen = list.map((values) => values[offset + cell]);
            const least = Math.min(...seen);
            const greatest = Math.max(...seen);
            for (const value of read) {
              expect(value).toBeGreaterThanOrEqual(least);
              expect(value).toBeLessThanOrEqual(greatest);
            }
            if (least === greatest) expect(read).toEqual(Array(read.length).fill(least));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps in a record only the values new to its file, and reads them back", () => {
    const file = new BandExtremes(3);
    const first = file.take(Float64Array.of(5, 0, 2), Float64Array.of(5, 0, 2));
    expect([...first.indexes]).toEqual([0, 1, 2]);
    expect([...first.kinds]).toEqual([3, 3, 3]);
    const second = file.take(Float64Array.of(5, -1, 3), Float64Array.of(5, -1, 3));
    expect([...second.indexes]).toEqual([1, 2]);
    expect([...second.kinds]).toEqual([1, 2]);
    expect([...second.values]).toEqual([-1, 3]);
    expect(updatesFromBytes(updatesToBytes(second))).toEqual(second);
    expect(updatesFromBytes(new Uint8Array(3))).toBeUndefined();
  });

  it("refuses records of format 1, saying what to do", () => {
    const reader = new RecordReader(SHAPE);
    const frame = encodeRecord(outcome(0, new Float64Array(2 * CELLS)), SHAPE, new BandExtremes(SHAPE.bandValues));
    // Format 1's magic, "CKR1".
    frame[3] = 0x31;
    reader.push(frame);
    expect(() => reader.nextPayload()).toThrow(
      "the records are of format 1, written by a chokepoint from before records kept band extremes; this one reads format 2: finish and merge the shards with the chokepoint that wrote them, or run them again in new folders",
    );
  });
});
