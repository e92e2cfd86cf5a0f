/**
 * RunningSums: per cell, the sum of a sweep's values and of their squares, with the number of
 * replicates counted, from which a mean and its interval follow (mean-interval.ts). Values
 * are added in replicate order, so the sums are the same bits however the sweep was split.
 */
import { meanInterval, type MeanInterval } from "./mean-interval.js";

/** Sums of values and squares by cell, over the replicates counted. */
export class RunningSums {
  /** Replicates counted (each adds at most one value per cell). */
  count = 0;
  readonly sum: Float64Array;
  readonly sumOfSquares: Float64Array;

  constructor(cells: number) {
    this.sum = new Float64Array(cells);
    this.sumOfSquares = new Float64Array(cells);
  }

  /** Adds `value` to cell `cell`. */
  add(cell: number, value: number): void {
    this.sum[cell] += value;
    this.sumOfSquares[cell] += value * value;
  }

  /** The mean of cell `cell` over the replicates counted, with its 95% interval. */
  interval(cell: number): MeanInterval {
    return meanInterval(this.count, this.sum[cell], this.sumOfSquares[cell]);
  }
}
