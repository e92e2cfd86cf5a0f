/**
 * The date of an event that did not happen (issue 20): replicates.csv writes it empty and
 * replicates.parquet null, in the replicates where the event's yes/no input is 0; where it
 * happened, the date is there. The yes-no fixture's early lifting happens with probability 30%
 * at a date drawn in May or June 2025.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/index.js";
import { replicatesCsvHeader, replicatesCsvRows, ReplicatesParquet } from "../../src/report/index.js";
import { planSweep, ReplicateRunner, type ReplicateOutcome } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-breakdown-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scenario = loadScenario(path.join(ROOT, "tests/fixtures/sweep/yes-no.yaml"));
const plan = planSweep([scenario], { seed: 5, design: "mc", runs: 30, batch: 100, until: null, bandDays: 7 });
const runner = new ReplicateRunner([scenario], plan);
const outcomes: ReplicateOutcome[] = Array.from({ length: plan.runs }, (_, r) => runner.run(r));
const inputs = plan.alternatives[0].inputs;
const happens = inputs.indexOf("events.lifted-early.happens");

describe("the date of an event that did not happen", () => {
  const did = outcomes.map((o) => o.alternatives[0].inputs[happens] === 1);

  it("is drawn in both kinds of replicate (the sample has some of each)", () => {
    expect(did.some((d) => d)).toBe(true);
    expect(did.some((d) => !d)).toBe(true);
  });

  it("is an empty cell in replicates.csv, and a date where it happened", () => {
    const header = replicatesCsvHeader(plan).trimEnd().split(",");
    const column = header.indexOf("events.lifted-early.date");
    const other = header.indexOf("events.lifted-after-the-horizon.date");
    outcomes.forEach((o, r) => {
      for (const line of replicatesCsvRows(plan, o).trimEnd().split("\n")) {
        const cells = line.split(",");
        expect(cells[header.indexOf("events.lifted-early.happens")]).toBe(did[r] ? "1" : "0");
        if (did[r]) expect(cells[column]).toMatch(/^2025-0[56]-\d\d$|^2025-07-01$/);
        else expect(cells[column]).toBe("");
        // An event without a probability keeps its date in every replicate.
        expect(cells[other]).toMatch(/^202[78]-\d\d-\d\d$/);
      }
    });
  });

  it("is null in replicates.parquet, and the date where it happened", async () => {
    const parquet = new ReplicatesParquet(plan);
    const parts = [parquet.begin(), ...outcomes.map((o) => parquet.add(o)), parquet.end()];
    const file = path.join(scratch, "replicates.parquet");
    writeFileSync(file, Buffer.concat(parts));
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const rows = (await duck.runAndReadAll(`select replicate, "events.lifted-early.happens" as happens, cast("events.lifted-early.date" as varchar) as date from read_parquet('${file}') order by replicate`)).getRowObjectsJson() as { replicate: number; happens: number; date: string | null }[];
    expect(rows.length).toBe(plan.runs * plan.series.length);
    for (const row of rows) {
      expect(row.happens).toBe(did[row.replicate] ? 1 : 0);
      if (did[row.replicate]) expect(row.date).toMatch(/^2025-0[5-7]-\d\d$/);
      else expect(row.date).toBeNull();
    }
  });
});
