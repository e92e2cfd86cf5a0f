/**
 * BandTally: a sweep's bands, the base's per-period share of demand unmet and stock at the
 * period's end for every reported series, counted on fixed bins (band-bins.ts) so that their
 * quantiles across replicates merge exactly, and read within each cell's least and greatest
 * value (band-extremes.ts), so that a cell whose value never moves reads exactly that value.
 */
import { isoFromEpochDay } from "../model/index.js";
import { shareOfBin, tonnesOfBin } from "./band-bins.js";
import type { BandCountsData } from "./band-counts.js";
import { BandExtremes } from "./band-extremes.js";
import { CellHistograms } from "./cell-histograms.js";
import type { AlternativeOutcome } from "./replicate-outcome.js";
import type { SweepPlan } from "./sweep-plan.js";
import { PERCENTILES, type BandRow } from "./sweep-statistics.js";

/** Bin counts, and least and greatest values, by (period, series) cell. */
export class BandTally {
  private readonly shares: CellHistograms;
  private readonly stocks: CellHistograms;
  /** Shares (index cell), then stocks (cells + cell). */
  private readonly extremes: BandExtremes;

  /** `cells`: periods times series. */
  constructor(cells: number) {
    this.shares = new CellHistograms(cells);
    this.stocks = new CellHistograms(cells);
    this.extremes = new BandExtremes(2 * cells);
  }

  /** Counts the base alternative's binned figures of one replicate, and its band values' extremes. */
  add(base: AlternativeOutcome): void {
    this.shares.addRow(base.shareBins);
    this.stocks.addRow(base.stockBins);
    this.extremes.add(base.bandLows, base.bandHighs);
  }

  /** Adds counts made elsewhere (BandCounts: cells series by series) for a plan of `series` series. */
  addCounts(data: BandCountsData, series: number): void {
    const periods = series === 0 ? 0 : this.shares.cellCount / series;
    // Cell s * periods + p there is cell p * series + s here.
    const cellOf = (i: number) => (i % periods) * series + Math.floor(i / periods);
    this.shares.addData(data.shares, cellOf);
    this.stocks.addData(data.stocks, cellOf);
    this.extremes.add(data.least, data.greatest);
  }

  /** A row per series and period: its percentiles and the share of replicates short in it. */
  rows(plan: SweepPlan, startDay: number): BandRow[] {
    const rows: BandRow[] = [];
    const cells = this.shares.cellCount;
    plan.series.forEach((series, s) => {
      for (let p = 0; p < plan.periodCount; p++) {
        const cell = p * plan.series.length + s;
        rows.push({
          date: isoFromEpochDay(startDay + p * plan.bandDays),
          ...series,
          // A bin reads as its middle, which may lie beyond every value in it: held within the values seen.
          shortfallShare: PERCENTILES.map((q) => this.extremes.clamp(cell, shareOfBin(this.shares.quantileBin(cell, q)))),
          stockTonnes: PERCENTILES.map((q) => this.extremes.clamp(cells + cell, tonnesOfBin(this.stocks.quantileBin(cell, q)))),
          pShort: this.shares.shareAboveZero(cell),
        });
      }
    });
    return rows;
  }
}
