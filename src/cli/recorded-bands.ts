/**
 * RecordedBands: what a shard's records hold of its bands, kept by the session that writes
 * them, in file order: the band values' least and greatest so far (each new record keeps only
 * the values that pass them: record-codec.ts) and, in a sweep, the bins' counts, which the
 * session writes to band-counts.bin once its replicates are done, for the merge to add instead
 * of counting every record again. Records read back on --resume are counted as new ones are.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { BandCounts, BandExtremes, NO_UPDATES, recordShape, type AlternativeOutcome, type ExtremeUpdates, type SweepPlan } from "../sweep/index.js";
import { writeBandCounts } from "./band-counts-file.js";
import { RECORDS_FILE } from "./record-file.js";

/** A replicate's band parts as a worker posts them: its band values and bins (empty in a compare). */
export interface BandParts {
  readonly bandValues: Float64Array;
  readonly shareBins: Uint8Array;
  readonly stockBins: Uint16Array;
}

const NOTHING = new Float64Array(0);

/** A shard's bands over its records so far. */
export class RecordedBands {
  /** Records counted (read back or framed here). */
  frames = 0;
  private readonly series: number;
  private readonly extremes: BandExtremes;
  private readonly counts: BandCounts | undefined;

  constructor(plan: SweepPlan) {
    const shape = recordShape(plan);
    this.series = shape.series;
    this.extremes = new BandExtremes(shape.bandValues);
    this.counts = shape.bandValues > 0 ? new BandCounts(shape.bandCells) : undefined;
  }

  /** Counts a record read back (in file order): its bins and the extremes it keeps. */
  replay(outcome: { readonly alternatives: readonly AlternativeOutcome[] }): void {
    this.frames++;
    if (this.counts === undefined) return;
    const base = outcome.alternatives[0];
    this.extremes.add(base.bandLows, base.bandHighs);
    this.counts.addOutcome(base, this.series);
  }

  /** The extremes the next record keeps (its values new to the file), and counts it. */
  frame(parts: BandParts): ExtremeUpdates {
    this.frames++;
    if (this.counts === undefined) return NO_UPDATES;
    const updates = this.extremes.take(parts.bandValues, parts.bandValues);
    const base: AlternativeOutcome = { kpis: NOTHING, inputs: NOTHING, shareBins: parts.shareBins, stockBins: parts.stockBins, bandLows: parts.bandValues, bandHighs: parts.bandValues };
    this.counts.addOutcome(base, this.series, updates);
    return updates;
  }

  /** Writes band-counts.bin for the folder's records as they are now (a sweep's; a compare has no bands). */
  write(folder: string): void {
    if (this.counts === undefined) return;
    writeBandCounts(folder, this.counts.toData(), { frames: this.frames, recordBytes: statSync(path.join(folder, RECORDS_FILE)).size });
  }
}
