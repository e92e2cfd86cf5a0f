/**
 * Packed outcomes: replicates' KPI and input values in one Float64Array (per replicate, each
 * alternative's KPIs then its inputs: the layout copyValues gives a record's), so that many
 * replicates cross between threads in one transfer, and come out as outcomes whose arrays are
 * views of it, not copies. Band bins and values are not packed: what reads packed outcomes
 * counts no bands.
 */
import type { RecordShape, ReplicateOutcome } from "../sweep/index.js";

const NO_SHARE_BINS = new Uint8Array(0);
const NO_STOCK_BINS = new Uint16Array(0);
const NO_BAND_VALUES = new Float64Array(0);

/** Doubles one replicate takes. */
export function packedSize(shape: RecordShape): number {
  return shape.inputs.reduce((sum, inputs) => sum + shape.kpiValues + inputs, 0);
}

/** Copies `outcome`'s values into `into` from index `at`. */
export function packOutcome(outcome: ReplicateOutcome, into: Float64Array, at: number): void {
  for (const { kpis, inputs } of outcome.alternatives) {
    into.set(kpis, at);
    at += kpis.length;
    into.set(inputs, at);
    at += inputs.length;
  }
}

/** Replicate `replicate`'s outcome over `values` from index `at` (views; no band bins). */
export function unpackOutcome(replicate: number, values: Float64Array, at: number, shape: RecordShape): ReplicateOutcome {
  const alternatives = shape.inputs.map((inputs) => {
    const kpis = values.subarray(at, at + shape.kpiValues);
    at += shape.kpiValues;
    const taken = values.subarray(at, at + inputs);
    at += inputs;
    return { kpis, inputs: taken, shareBins: NO_SHARE_BINS, stockBins: NO_STOCK_BINS, bandLows: NO_BAND_VALUES, bandHighs: NO_BAND_VALUES };
  });
  return { replicate, alternatives };
}
