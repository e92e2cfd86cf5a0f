/**
 * BandCounts: a sweep's band bins counted as records hold them, series by series (cell
 * s * periods + p), with the band extremes the records keep, by whatever reads the records (a
 * merge's threads, one per few shards); the counts then add into the sweep's BandTally. Counts add exactly and in any order, so bands
 * counted in parts are the bands counted in one.
 *
 * Shares are counted sparsely: a replicate is short in a few band cells and not short (bin 0)
 * in the rest (98% of the flagship's), so only the cells short are counted one by one, found
 * four bytes at a time, and each cell's zeros are counted at once at the end (the replicates
 * counted less those short there).
 */
import { BandExtremes, NO_UPDATES, type ExtremeUpdates } from "./band-extremes.js";
import { CellHistograms, type HistogramData } from "./cell-histograms.js";
import type { AlternativeOutcome } from "./replicate-outcome.js";

/**
 * Band counts in a form that crosses threads: share and stock bin counts by cell, series by
 * series; and the least and greatest band values, as outcomes lay them out (period by period).
 */
export interface BandCountsData {
  readonly shares: HistogramData;
  readonly stocks: HistogramData;
  readonly least: Float64Array;
  readonly greatest: Float64Array;
}

/** The base alternative's band bins of replicates, counted series by series. */
export class BandCounts {
  readonly cellCount: number;
  private readonly shares: CellHistograms;
  private readonly stocks: CellHistograms;
  /** Replicates whose shares are counted only where not 0, and per cell how many of them were not 0 there. */
  private rows = 0;
  private readonly shortCounts: Uint32Array;
  /** An aligned copy of a replicate's share bins, read four at a time. */
  private readonly shareWords: Uint32Array;
  private readonly shareBytes: Uint8Array;
  private readonly extremes: BandExtremes;
  /** addOutcome's bins series by series, allocated at its first call. */
  private sharesBySeries: Uint8Array | undefined;
  private stocksBySeries: Uint16Array | undefined;

  constructor(cells: number) {
    this.cellCount = cells;
    this.extremes = new BandExtremes(2 * cells);
    this.shares = new CellHistograms(cells);
    this.stocks = new CellHistograms(cells);
    this.shortCounts = new Uint32Array(cells);
    this.shareWords = new Uint32Array(Math.ceil(cells / 4));
    this.shareBytes = new Uint8Array(this.shareWords.buffer);
  }

  /** Counts one replicate: its share and stock bins series by series (`shares` may be a view of a record), and its record's band extremes. */
  add(shares: Uint8Array, stocks: Uint16Array, extremes: ExtremeUpdates): void {
    this.extremes.addUpdates(extremes);
    const cells = this.cellCount;
    if (shares.length !== cells || stocks.length !== cells) throw new RangeError(`band bins of ${shares.length} and ${stocks.length} cells for ${cells} cells`);
    this.shareBytes.set(shares);
    const words = this.shareWords;
    const bytes = this.shareBytes;
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) continue;
      for (let cell = w * 4, end = Math.min(cells, cell + 4); cell < end; cell++) {
        const bin = bytes[cell];
        if (bin === 0) continue;
        this.shares.add(cell, bin);
        this.shortCounts[cell]++;
      }
    }
    this.rows++;
    this.stocks.addRow(stocks);
  }

  /**
   * Counts one replicate from its outcome (bins period by period, converted here): with
   * `extremes`, its record's band extremes; without, every band value of the outcome.
   */
  addOutcome(base: AlternativeOutcome, series: number, extremes?: ExtremeUpdates): void {
    const cells = this.cellCount;
    const periods = series === 0 ? 0 : cells / series;
    const shares = (this.sharesBySeries ??= new Uint8Array(cells));
    const stocks = (this.stocksBySeries ??= new Uint16Array(cells));
    for (let s = 0, k = 0; s < series; s++) {
      for (let p = 0, cell = s; p < periods; p++, k++, cell += series) {
        shares[k] = base.shareBins[cell];
        stocks[k] = base.stockBins[cell];
      }
    }
    if (extremes === undefined) this.extremes.add(base.bandLows, base.bandHighs);
    this.add(shares, stocks, extremes ?? NO_UPDATES);
  }

  /** The counts so far (each cell's zeros counted now), for BandTally.addCounts. */
  toData(): BandCountsData {
    for (let cell = 0; cell < this.cellCount; cell++) this.shares.addCount(cell, 0, this.rows - this.shortCounts[cell]);
    this.rows = 0;
    this.shortCounts.fill(0);
    return { shares: this.shares.toData(), stocks: this.stocks.toData(), least: this.extremes.least.slice(), greatest: this.extremes.greatest.slice() };
  }
}
