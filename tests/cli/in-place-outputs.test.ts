/**
 * InPlaceOutputs leaves a sweep's folder holding this result's final files and no others: a
 * final file the result does not have (replicates.csv of a sweep extended past a spreadsheet's
 * rows) is removed, so it is never left beside outputs it no longer matches; the records and
 * files chokepoint did not write stay.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InPlaceOutputs } from "../../src/cli/in-place-outputs.js";
import type { OutputFileName } from "../../src/cli/output-catalogue.js";

const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-in-place-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("InPlaceOutputs", () => {
  it("removes a final file the new result does not have, and keeps the records", () => {
    const folder = path.join(scratch, "extended");
    mkdirSync(folder);
    for (const name of ["records.bin", "shard.json", "replicates.csv", "replicates.parquet", "summary.json"]) writeFileSync(path.join(folder, name), `old ${name}`);
    const sink = new InPlaceOutputs(folder);
    const parquet = sink.stream("replicates.parquet");
    parquet.write(new Uint8Array([1, 2, 3]));
    parquet.close();
    sink.commit(new Map<OutputFileName, Uint8Array>([["summary.json", new Uint8Array([4])]]));
    expect(readdirSync(folder).sort()).toEqual(["records.bin", "replicates.parquet", "shard.json", "summary.json"]);
    expect([...readFileSync(path.join(folder, "replicates.parquet"))]).toEqual([1, 2, 3]);
    expect(readFileSync(path.join(folder, "records.bin"), "utf8")).toBe("old records.bin");
    expect(existsSync(path.join(folder, "replicates.csv"))).toBe(false);
  });
});
