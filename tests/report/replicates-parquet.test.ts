/**
 * ReplicatesParquet on its own: a file of several row groups (whole replicates each, the last
 * one short), streamed piece by piece, read back by DuckDB value for value, nulls included;
 * the same outcomes give the same bytes; and replicates.csv is streamed only while its rows fit
 * a spreadsheet, while replicates.parquet always is.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { replicateStreams } from "../../src/cli/output-catalogue.js";
import { loadScenario, sweep } from "../../src/index.js";
import { epochDayFromIso, isDateKpi, isoFromEpochDay, KPI_NAMES } from "../../src/model/index.js";
import { ReplicatesParquet, ROW_GROUP_ROWS, SPREADSHEET_ROWS } from "../../src/report/index.js";
import type { ReplicateOutcome, SweepPlan } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-parquet-unit-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base = sweep(loadScenario(TINY), { runs: 2, swingRuns: 0 }).plan;
const SERIES = 2_000;
const RUNS = 120;
/** The tiny fixture's plan (its inputs, a date among them) with 2,000 reported pairs: 50 replicates fill a row group. */
const plan: SweepPlan = { ...base, runs: RUNS, series: Array.from({ length: SERIES }, (_, s) => ({ country: `C${s}`, commodity: s % 2 === 0 ? "metal" : "ore" })) };
const inputs = plan.alternatives[0].inputs;
const dateInputs = new Set(plan.alternatives[0].dateInputs);

/** A KPI value with all 53 bits in use, or a date (null, as NaN, in a third of the cells). */
function kpiValue(r: number, s: number, k: number): number {
  if (isDateKpi(KPI_NAMES[k])) return (r + s + k) % 3 === 0 ? Number.NaN : (r * 7 + s) % 365;
  return (r * 1e5 + s * 11 + k) / 7 + 1 / (r + s + k + 3);
}
const inputValue = (r: number, i: number) => (dateInputs.has(inputs[i]) ? 20_150 + r + 0.75 : (r + 1) / (i + 3));

function outcome(r: number): ReplicateOutcome {
  const kpis = new Float64Array(SERIES * KPI_NAMES.length);
  for (let s = 0; s < SERIES; s++) for (let k = 0; k < KPI_NAMES.length; k++) kpis[s * KPI_NAMES.length + k] = kpiValue(r, s, k);
  const values = Float64Array.from(inputs, (_, i) => inputValue(r, i));
  return { replicate: r, alternatives: [{ kpis, inputs: values, shareBins: new Uint8Array(0), stockBins: new Uint16Array(0), bandLows: new Float64Array(0), bandHighs: new Float64Array(0) }] };
}

/** The file, streamed: the pieces each call gave. */
function stream(): Uint8Array[] {
  const writer = new ReplicatesParquet(plan);
  const pieces = [writer.begin()];
  for (let r = 0; r < RUNS; r++) pieces.push(writer.add(outcome(r)));
  pieces.push(writer.end());
  return pieces;
}

describe("replicates.parquet", () => {
  it("closes a row group at the replicate that fills it, and DuckDB reads every value back exactly", async () => {
    const pieces = stream();
    const perGroup = Math.ceil(ROW_GROUP_ROWS / SERIES);
    // Bytes come out only when a row group is full (and at the ends): memory holds one group.
    const nonEmpty = pieces.map((piece, i) => (piece.length > 0 ? i : -1)).filter((i) => i >= 0);
    expect(nonEmpty).toEqual([0, perGroup, 2 * perGroup, RUNS + 1]);
    const file = path.join(scratch, "groups.parquet");
    writeFileSync(file, Buffer.concat(pieces));

    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    const rowsOf = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJson() as Record<string, number | string | null>[];
    const [meta] = await rowsOf(`select num_rows, num_row_groups from parquet_file_metadata('${file}')`);
    expect(meta).toEqual({ num_rows: String(RUNS * SERIES), num_row_groups: String(Math.ceil(RUNS / perGroup)) });
    const groups = await rowsOf(`select distinct row_group_id, row_group_num_rows from parquet_metadata('${file}') order by 1`);
    expect(groups.map((g) => Number(g.row_group_num_rows))).toEqual([perGroup * SERIES, perGroup * SERIES, (RUNS - 2 * perGroup) * SERIES]);

    const startDay = epochDayFromIso(plan.start) as number;
    // Replicates on either side of each group's edge, and the last.
    const checked = [0, perGroup - 1, perGroup, 2 * perGroup - 1, 2 * perGroup, RUNS - 1];
    const rows = await rowsOf(`select * exclude (file_row_number) from read_parquet('${file}', file_row_number = true) where replicate in (${checked.join(",")}) order by file_row_number`);
    expect(rows.length).toBe(checked.length * SERIES);
    let nulls = 0;
    rows.forEach((row, at) => {
      const r = checked[Math.floor(at / SERIES)];
      const s = at % SERIES;
      expect([row.replicate, row.country, row.commodity]).toEqual([r, plan.series[s].country, plan.series[s].commodity]);
      KPI_NAMES.forEach((name, k) => {
        const value = kpiValue(r, s, k);
        if (!isDateKpi(name)) expect(Object.is(row[name], value), `${name} of replicate ${r}, pair ${s}`).toBe(true);
        else if (Number.isNaN(value)) expect(row[name], name).toBe(null), nulls++;
        else expect(row[name], name).toBe(isoFromEpochDay(startDay + value));
      });
      inputs.forEach((name, i) => {
        const value = inputValue(r, i);
        expect(row[name], name).toBe(dateInputs.has(name) ? isoFromEpochDay(value) : value * plan.alternatives[0].inputScales[i]);
      });
    });
    expect(nulls).toBeGreaterThan(0);
  });

  it("is the same bytes for the same outcomes", () => {
    expect(Buffer.concat(stream()).equals(Buffer.concat(stream()))).toBe(true);
  });
});

describe("which replicate files a sweep streams", () => {
  const names = (runs: number) => replicateStreams({ ...base, runs }).map(({ name }) => name);
  const rowsPerReplicate = base.alternatives.length * base.series.length;
  const fits = Math.floor((SPREADSHEET_ROWS - 1) / rowsPerReplicate);

  it("replicates.csv while its rows and header fit a spreadsheet, replicates.parquet always", () => {
    expect(names(fits)).toEqual(["replicates.csv", "replicates.parquet"]);
    expect(names(fits + 1)).toEqual(["replicates.parquet"]);
  });
});
