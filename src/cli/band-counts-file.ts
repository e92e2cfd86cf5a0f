/**
 * A shard folder's band counts (band-counts.bin): the bins and band extremes of all its
 * records, counted by the session that wrote them as it appended them, and written once its
 * replicates are done, so that a merge adds them instead of counting every record's bins again
 * (most of a merge's work). They say what they cover (how many records, of a records.bin how
 * long): a merge uses them only with the records they were counted from, and counts the records
 * itself otherwise (no file, a damaged one, records grown since, a stop rule that settled
 * before the shard's end). A session that will append records removes the file first.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { BAND_COUNTS_HEADER_BYTES, bandCountsCover, bandCountsFromBytes, recordShape, type BandCountsCover, type BandCountsData, type SweepPlan } from "../sweep/index.js";
import { writeRecordInPlace } from "./in-place-outputs.js";
import { recordFileName } from "./output-catalogue.js";
import { writing } from "./write-failure.js";

/** The file's name in a shard folder (band-counts.bin). */
export const BAND_COUNTS_FILE = recordFileName("bandCounts");

/** Writes the folder's band counts, atomically. */
export function writeBandCounts(folder: string, data: BandCountsData, cover: BandCountsCover): void {
  writeRecordInPlace(folder, "bandCounts", { data, cover }, "the shard's records are complete: free some space and run the same command with --resume");
}

/** Removes the folder's band counts (before records are appended: they would cover only the old ones). */
export function removeBandCounts(folder: string): void {
  const file = path.join(folder, BAND_COUNTS_FILE);
  writing(file, "the shard's records are as they were: fix the cause and run the same command with --resume", () => rmSync(file, { force: true }));
}

/**
 * What the folder's band counts cover, from the file's header, when it has counts of `plan`'s
 * bands covering its records file as it is (`recordsFile`); undefined otherwise (then the merge
 * counts the records). The counts themselves are read, and checked, by `readBandCounts`.
 */
export function readBandCountsCover(folder: string, plan: SweepPlan, recordsFile: string): BandCountsCover | undefined {
  const file = path.join(folder, BAND_COUNTS_FILE);
  if (plan.kind !== "sweep" || !existsSync(file) || !existsSync(recordsFile)) return undefined;
  try {
    const header = Buffer.alloc(BAND_COUNTS_HEADER_BYTES);
    const fd = openSync(file, "r");
    try {
      readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
    const cover = bandCountsCover(header, recordShape(plan).bandCells);
    return cover !== undefined && cover.recordBytes === statSync(recordsFile).size ? cover : undefined;
  } catch {
    // Unreadable: the records are there to count.
    return undefined;
  }
}

/** The folder's band counts, checked whole, when they are `cover`'s (readBandCountsCover's); undefined when damaged or changed since. */
export function readBandCounts(folder: string, plan: SweepPlan, cover: BandCountsCover): BandCountsData | undefined {
  try {
    const found = bandCountsFromBytes(readFileSync(path.join(folder, BAND_COUNTS_FILE)), recordShape(plan).bandCells);
    return found !== undefined && found.cover.frames === cover.frames && found.cover.recordBytes === cover.recordBytes ? found.data : undefined;
  } catch {
    return undefined;
  }
}
