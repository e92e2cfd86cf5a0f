/**
 * RunningMoments: per cell, the running mean of a sweep's values and the sum of their squared
 * deviations from it, updated one value at a time by Welford's (1962) method, from which a mean
 * and its interval follow (mean-interval.ts). Unlike a sum of squares less the square of a
 * sum, it loses no digits when the values sit far from 0: a constant gives a standard deviation
 * of exactly 0. Values are added in replicate order, so the moments are the same bits however
 * the sweep was split (a merge reads the shards' records back in replicate order).
 */
import { meanInterval, type MeanInterval } from "./mean-interval.js";

/** Running means and squared deviations by cell, over the replicates counted. */
export class RunningMoments {
  /** Replicates counted (each adds at most one value per cell); raised before the replicate's values are added. */
  count = 0;
  readonly mean: Float64Array;
  readonly squaredDeviations: Float64Array;

  constructor(cells: number) {
    this.mean = new Float64Array(cells);
    this.squaredDeviations = new Float64Array(cells);
  }

  /** Adds `value` to cell `cell`, as the `count`th value (count already raised for this replicate). */
  add(cell: number, value: number): void {
    const before = value - this.mean[cell];
    const mean = this.mean[cell] + before / this.count;
    this.mean[cell] = mean;
    this.squaredDeviations[cell] += before * (value - mean);
  }

  /** The mean of cell `cell` over the replicates counted, with its interval at `confidence` (default 95%). */
  interval(cell: number, confidence?: number): MeanInterval {
    return meanInterval({ count: this.count, mean: this.mean[cell], squaredDeviations: this.squaredDeviations[cell] }, confidence);
  }
}
