/**
 * CellHistograms: one histogram of bin counts per cell (a period of one country and
 * commodity), stored as a dense run of counts from the lowest to the highest bin the cell has
 * seen. Counts add, so merging is exact and order-free, and memory grows with the spread of
 * each cell's values, never with the number of replicates.
 *
 * Bins are counted a few at a time: each cell keeps its last PENDING_PER_CELL bins side by side
 * and counts them together, so a sweep's 26,000 band cells are not each visited once per
 * replicate (a merge spent most of its time there, on cache misses). A whole row (one bin for
 * every cell, as a replicate's bands give) is kept as it comes, one copy, and PENDING_ROWS rows
 * are counted cell by cell together, each cell's counts in place while its bins stay in its
 * span (the flagship's bands cost about half what a cell-by-cell add did). The counts are the
 * same in any order, so what a query reads is unchanged; every query counts what is pending
 * first.
 */

/** Bins a cell keeps before counting them (fewer when there are millions of cells, so the pending bins stay within 16 MB). */
const PENDING_PER_CELL = 64;
const PENDING_BUDGET = 1 << 22;
/**
 * Whole rows kept before counting them: fewer when there are millions of cells, so that they
 * stay within 8 million bins (16 MB of a replicate's u16 stock bins). Many rows make each
 * cell's walk long, which is what pays: 256 rows count the flagship's bands at a third of a
 * cell-by-cell add's cost, 64 rows at two thirds.
 */
const PENDING_ROWS = 256;
const ROWS_BUDGET = 1 << 23;

/**
 * Every cell's counts in three typed arrays (they cross threads): cell i counts bins low[i] to
 * low[i] + sizes[i] - 1, its counts at the sum of the sizes before it in `counts`.
 */
export interface HistogramData {
  readonly low: Int32Array;
  readonly sizes: Int32Array;
  readonly counts: Uint32Array;
}

/** Bin counts per cell. */
export class CellHistograms {
  readonly cellCount: number;
  private readonly low: Int32Array;
  private readonly counts: (Uint32Array | undefined)[];
  private total = 0;
  /** Per cell: its bins not yet counted, `batch` slots from cell * batch. */
  private readonly batch: number;
  /** Allocated at the first `add`: a histogram fed only whole rows or others' counts never needs them. */
  private pending: Int32Array | undefined;
  private pendingCounts: Uint8Array | undefined;
  private isPending = false;
  /** Whole rows not yet counted: `rowCount` of them, row k from k * cellCount; allocated at the first row. */
  private rows: Uint8Array | Uint16Array | Int32Array | undefined;
  private rowCount = 0;
  private readonly rowCapacity: number;

  constructor(cellCount: number) {
    this.cellCount = cellCount;
    this.low = new Int32Array(cellCount);
    this.counts = new Array<Uint32Array | undefined>(cellCount);
    this.batch = Math.max(1, Math.min(PENDING_PER_CELL, Math.floor(PENDING_BUDGET / Math.max(1, cellCount))));
    this.rowCapacity = Math.max(1, Math.min(PENDING_ROWS, Math.floor(ROWS_BUDGET / Math.max(1, cellCount))));
  }

  /** Observations added per cell (every cell gets one per replicate). */
  get observations(): number {
    return this.cellCount === 0 ? 0 : this.total / this.cellCount;
  }

  /** Counts one observation of `bin` (a whole number) in `cell`. */
  add(cell: number, bin: number): void {
    const pending = (this.pending ??= new Int32Array(this.cellCount * this.batch));
    const pendingCounts = (this.pendingCounts ??= new Uint8Array(this.cellCount));
    const k = pendingCounts[cell];
    pending[cell * this.batch + k] = bin;
    pendingCounts[cell] = k + 1;
    this.total++;
    this.isPending = true;
    if (k + 1 === this.batch) this.countPending(cell);
  }

  /** Counts one observation in every cell: `bins[cell]` (whole numbers, one per cell). */
  addRow(bins: ArrayLike<number>): void {
    if (bins.length !== this.cellCount) throw new RangeError(`a row of ${bins.length} bins for ${this.cellCount} cells`);
    // Kept in the row's own narrow type when it has one (a replicate's bins are bytes and u16): less memory to walk.
    const type = bins instanceof Uint8Array ? Uint8Array : bins instanceof Uint16Array ? Uint16Array : Int32Array;
    if (this.rows !== undefined && this.rows.constructor !== type) {
      this.countRows();
      this.rows = undefined;
    }
    this.rows ??= new type(this.rowCapacity * this.cellCount);
    this.rows.set(bins, this.rowCount * this.cellCount);
    this.total += this.cellCount;
    if (++this.rowCount === this.rowCapacity) this.countRows();
  }

  /** Counts `count` observations of `bin` in `cell` at once. */
  addCount(cell: number, bin: number, count: number): void {
    if (count === 0) return;
    const counts = this.spanning(cell, bin, bin);
    counts[bin - this.low[cell]] += count;
    this.total += count;
  }

  /** Every cell's counts (pending ones counted first), for `addData` elsewhere. */
  toData(): HistogramData {
    this.countAllPending();
    const low = new Int32Array(this.cellCount);
    const sizes = new Int32Array(this.cellCount);
    let size = 0;
    for (let cell = 0; cell < this.cellCount; cell++) {
      const counts = this.counts[cell];
      low[cell] = this.low[cell];
      sizes[cell] = counts === undefined ? 0 : counts.length;
      size += sizes[cell];
    }
    const all = new Uint32Array(size);
    for (let cell = 0, at = 0; cell < this.cellCount; at += sizes[cell], cell++) {
      const counts = this.counts[cell];
      if (counts !== undefined) all.set(counts, at);
    }
    return { low, sizes, counts: all };
  }

  /** Adds the counts of another's `toData`: its cell i into cell `cellOf(i)` here. Counts add, so the result is the same in any order. */
  addData(data: HistogramData, cellOf: (i: number) => number): void {
    if (data.low.length !== this.cellCount) throw new RangeError(`counts of ${data.low.length} cells for ${this.cellCount} cells`);
    for (let i = 0, at = 0; i < data.low.length; at += data.sizes[i], i++) {
      const size = data.sizes[i];
      if (size === 0) continue;
      const cell = cellOf(i);
      const low = data.low[i];
      const counts = this.spanning(cell, low, low + size - 1);
      const offset = low - this.low[cell];
      for (let k = 0; k < size; k++) {
        counts[offset + k] += data.counts[at + k];
        this.total += data.counts[at + k];
      }
    }
  }

  /** Counts the pending rows, cell by cell: each cell's run of counts grown once to hold its bins, then each counted. */
  private countRows(): void {
    const rows = this.rows;
    const n = this.rowCount;
    if (rows === undefined || n === 0) return;
    const stride = this.cellCount;
    const end = n * stride;
    for (let cell = 0; cell < stride; cell++) {
      let at = cell;
      const counts = this.counts[cell];
      if (counts !== undefined) {
        // Counted in place while the bins fall in the cell's span (almost always, once it has seen a few rows).
        const low = this.low[cell];
        const span = counts.length;
        for (; at < end; at += stride) {
          const i = rows[at] - low;
          if (i < 0 || i >= span) break;
          counts[i]++;
        }
      }
      if (at < end) this.countOutsideSpan(cell, rows, at, stride, end);
    }
    this.rowCount = 0;
  }

  /** Counts a cell's pending row bins from `at` on, after growing its span to hold them all. */
  private countOutsideSpan(cell: number, rows: Uint8Array | Uint16Array | Int32Array, from: number, stride: number, end: number): void {
    let lowest = rows[from];
    let highest = lowest;
    for (let at = from + stride; at < end; at += stride) {
      const bin = rows[at];
      if (bin < lowest) lowest = bin;
      else if (bin > highest) highest = bin;
    }
    const counts = this.spanning(cell, lowest, highest);
    const low = this.low[cell];
    for (let at = from; at < end; at += stride) counts[rows[at] - low]++;
  }

  /** The cell's run of counts, grown (to exactly the bins seen) to hold bins lowest to highest. */
  private spanning(cell: number, lowest: number, highest: number): Uint32Array {
    let counts = this.counts[cell];
    if (counts === undefined) {
      counts = new Uint32Array(highest - lowest + 1);
      this.counts[cell] = counts;
      this.low[cell] = lowest;
      return counts;
    }
    const low = this.low[cell];
    if (lowest < low || highest >= low + counts.length) {
      const newLow = Math.min(low, lowest);
      const newHigh = Math.max(low + counts.length, highest + 1);
      // Grown to exactly the bins seen: a cell's span is bounded by the grid, so copies are few.
      const grown = new Uint32Array(newHigh - newLow);
      grown.set(counts, low - newLow);
      this.counts[cell] = counts = grown;
      this.low[cell] = newLow;
    }
    return counts;
  }

  /** Counts a cell's pending bins: its run of counts grown once to hold them all, then each counted. */
  private countPending(cell: number): void {
    const pending = this.pending;
    const pendingCounts = this.pendingCounts;
    if (pending === undefined || pendingCounts === undefined) return;
    const n = pendingCounts[cell];
    if (n === 0) return;
    const from = cell * this.batch;
    let lowest = pending[from];
    let highest = lowest;
    for (let j = 1; j < n; j++) {
      const bin = pending[from + j];
      if (bin < lowest) lowest = bin;
      else if (bin > highest) highest = bin;
    }
    const counts = this.spanning(cell, lowest, highest);
    const low = this.low[cell];
    for (let j = 0; j < n; j++) counts[pending[from + j] - low]++;
    pendingCounts[cell] = 0;
  }

  /** Counts every cell's pending bins (before a query). */
  private countAllPending(): void {
    this.countRows();
    if (!this.isPending) return;
    for (let cell = 0; cell < this.cellCount; cell++) this.countPending(cell);
    this.isPending = false;
  }

  /**
   * The bin holding quantile `p` of `cell`: the smallest bin whose cumulative count reaches
   * p * n (the inverse of the empirical distribution, so the answer is a bin some replicate had).
   */
  quantileBin(cell: number, p: number): number {
    this.countAllPending();
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
    this.countAllPending();
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
    this.countAllPending();
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
