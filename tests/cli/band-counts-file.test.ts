/**
 * band-counts.bin (issue 20, merge speed): a sweep's session writes its records' band counts
 * beside them, and a merge adds those instead of counting the records' bins, with the same
 * bytes as an unsharded sweep; a merge uses a file only for the records it covers, and counts
 * the records itself when a shard has none, a damaged one, or one that covers other records.
 * Real shard folders from the built CLI.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bandCountsFromBytes, bandCountsToBytes } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const FIXTURE = path.join(ROOT, "tests/fixtures/sweep/two-markets.yaml");
const RESULTS = ["replicates.csv", "replicates.parquet", "bands.csv", "summary.json", "report.html"];
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-band-counts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: readonly string[]): void {
  execFileSync(process.execPath, [CLI, ...args, "-q"], { env: { ...process.env, CI: "1" } });
}

const whole = path.join(scratch, "whole");
const shards = [0, 1, 2].map((i) => path.join(scratch, `shard-${i}`));
const args = ["--runs", "29", "--seed", "12", "--swing-runs", "0", "--workers", "1"];

beforeAll(() => {
  cli(["sweep", FIXTURE, ...args, "--out", whole]);
  shards.forEach((folder, i) => cli(["sweep", FIXTURE, ...args, "--shard", `${i}/3`, "--out", folder]));
}, 180_000);

let merges = 0;
/** Merges copies of the shards, after `change` has its way with them; the merged folder. */
function mergeCopies(change: (copies: string[]) => void): string {
  const copies = shards.map((folder, i) => path.join(scratch, `copy-${merges}-${i}`));
  shards.forEach((folder, i) => cpSync(folder, copies[i], { recursive: true }));
  change(copies);
  const out = path.join(scratch, `merged-${merges++}`);
  cli(["merge", ...copies, "--out", out]);
  return out;
}

function differing(folder: string): string[] {
  return RESULTS.filter((name) => !readFileSync(path.join(folder, name)).equals(readFileSync(path.join(whole, name))));
}

describe("band-counts.bin", () => {
  it("is written by each shard's session, and a merge of the shards gives the unsharded sweep's bytes", () => {
    for (const folder of [whole, ...shards]) expect(existsSync(path.join(folder, "band-counts.bin")), folder).toBe(true);
    expect(differing(mergeCopies(() => {}))).toEqual([]);
  });

  it("is used by the merge for the records it covers: a file of other counts that claims to cover them changes the bands", () => {
    const merged = mergeCopies((copies) => {
      // Shard 0's counts, made to claim shard 1's records: readable, covering the right bytes, wrong.
      // The fixture reports 2 series over 53 weekly periods.
      const found = bandCountsFromBytes(readFileSync(path.join(copies[0], "band-counts.bin")), 2 * 53);
      if (found === undefined) throw new Error("shard 0's band-counts.bin does not read back");
      // Shard 1 holds replicates 1, 4, ..., 28: 10 records, which the counts must cover for the merge to take them.
      const cover = { frames: 10, recordBytes: statSync(path.join(copies[1], "records.bin")).size };
      writeFileSync(path.join(copies[1], "band-counts.bin"), bandCountsToBytes(found.data, cover));
    });
    expect(differing(merged)).toEqual(["bands.csv", "report.html"]);
  });

  it("is left aside when missing, damaged or covering other records, and the records are counted", () => {
    const merged = mergeCopies((copies) => {
      rmSync(path.join(copies[0], "band-counts.bin"));
      const damaged = readFileSync(path.join(copies[1], "band-counts.bin"));
      damaged[damaged.length - 3] ^= 0xff;
      writeFileSync(path.join(copies[1], "band-counts.bin"), damaged);
      // Shard 0's own file in shard 2: it covers shard 0's records, not these.
      copyFileSync(path.join(shards[0], "band-counts.bin"), path.join(copies[2], "band-counts.bin"));
    });
    expect(differing(merged)).toEqual([]);
  });
});
