/**
 * CellHistograms: one histogram of bin counts per cell (a period of one country and
 * commodity), stored as a dense run of counts from the lowest to the highest bin the cell has
 * seen. Counts add, so merging is exact and order-free, and memory grows with the spread of
 * each cell's values, never with the number of replicates.
 */

/** Bin counts per cell. */
export class CellHistograms {
  readonly cellCount: number;
  private readonly low: Int32Array;
  private readonly counts: (Uint32Array | undefined)[];
  private total = 0;

  constructor(cellCount: number) {
    this.cellCount = cellCount;
    this.low = new Int32Array(cellCount);
    this.counts = new Array<Uint32Array | undefined>(cellCount);
  }

  /** Observations added per cell (every cell gets one per replicate). */
  get observations(): number {
    return this.cellCount === 0 ? 0 : this.total / this.cellCount;
  }

  /** Counts one observation of `bin` in `cell`. */
  add(cell: number, bin: number): void {
    let counts = this.counts[cell];
    if (counts === undefined) {
      counts = new Uint32Array(1);
      this.counts[cell] = counts;
      this.low[cell] = bin;
    }
    let low = this.low[cell];
    if (bin < low || bin >= low + counts.length) {
      const newLow = Math.min(low, bin);
      const newHigh = Math.max(low + counts.length, bin + 1);
      // Grown to exactly the bins seen: a cell's span is bounded by the grid, so copies are few.
      const grown = new Uint32Array(newHigh - newLow);
      grown.set(counts, low - newLow);
      this.counts[cell] = counts = grown;
      this.low[cell] = low = newLow;
    }
    counts[bin - low]++;
    this.total++;
  }

  /**
   * The bin holding quantile `p` of `cell`: the smallest bin whose cumulative count reaches
   * p * n (the inverse of the empirical distribution, so the answer is a bin some replicate had).
   */
  quantileBin(cell: number, p: number): number {
    const counts = this.counts[cell];
    if (counts === undefined) return 0;
    let n = 0;
    for (let i = 0; i < counts.length; i++) n += counts[i];
    const target = Math.max(1, Math.ceil(p * n - 1e-9));
    let cumulative = 0;
    for (let i = 0; i < counts.length; i++) {
      cumulative += counts[i];
      if (cumulative >= target) return this.low[cell] + i;
    }
    return this.low[cell] + counts.length - 1;
  }

  /** Share of a cell's observations in bins below `bound`. */
  shareBelow(cell: number, bound: number): number {
    const counts = this.counts[cell];
    if (counts === undefined) return 0;
    let n = 0;
    let below = 0;
    for (let i = 0; i < counts.length; i++) {
      n += counts[i];
      if (this.low[cell] + i < bound) below += counts[i];
    }
    return n === 0 ? 0 : below / n;
  }

  /** Share of a cell's observations in bins other than 0. */
  shareAboveZero(cell: number): number {
    const counts = this.counts[cell];
    if (counts === undefined) return 0;
    let n = 0;
    let zero = 0;
    for (let i = 0; i < counts.length; i++) {
      n += counts[i];
      if (this.low[cell] + i === 0) zero = counts[i];
    }
    return n === 0 ? 0 : (n - zero) / n;
  }
}
