/**
 * replicates.parquet as a researcher reads it: DuckDB (through @duckdb/node-api, an independent
 * Parquet reader: DuckDB's own C++ reader, not the library that wrote the file) reads a real
 * sweep's and a real compare's file; its means per country and commodity are summary.json's
 * means, and its pShort summary.json's; every value, formatted as replicates.csv formats it, is
 * the CSV's cell, and at full precision is the double recorded in records.bin; a merge of shards
 * writes the unsharded file byte for byte, and the file carries nothing that varies between runs
 * (no time, no host, no library version). Real processes on the built CLI.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { epochDayFromIso, isDateKpi, isoFromEpochDay, KPI_NAMES } from "../../src/model/index.js";
import { formatNumber, inputColumns } from "../../src/report/index.js";
import { MEAN_KPIS, RecordReader, recordShape, type ReplicateOutcome, type SweepPlan } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-parquet-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Two reported pairs (AA and CC metal), a date input, an event that may not happen (events.outage.happens), dates that never come. */
const SCENARIO = readFileSync(path.join(ROOT, "tests/fixtures/sweep/two-markets.yaml"), "utf8").replace("name: exact", "name: columnar").replace("61.370417 t/yr", "60 t/yr");

function cli(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: 180_000, killSignal: "SIGKILL", env: { ...process.env, CI: "1" } }, (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stderr });
    });
  });
}

const SHARDS = 3;
/** Each folder: an unsharded run and the merge of its shards. */
const RUNS = {
  sweep: ["sweep", "columnar.yaml", "--runs", "40", "--seed", "11", "--swing-runs", "0", "--workers", "1", "-q"],
  // The alternative fixes the mine's capacity, so it lacks that input: its cells are null (empty in the CSV).
  compare: ["compare", "columnar.yaml", "--alt", "fixed=facilities.mine.capacity=300 t/yr", "--runs", "12", "--seed", "3", "--workers", "1", "-q"],
} as const;
type Kind = keyof typeof RUNS;
const KINDS = Object.keys(RUNS) as Kind[];
const folder = (kind: Kind, part: string) => path.join(scratch, kind, part);

let duck: DuckDBConnection;

beforeAll(async () => {
  writeFileSync(path.join(scratch, "columnar.yaml"), SCENARIO);
  const runs = KINDS.flatMap((kind) => {
    mkdirSync(path.join(scratch, kind));
    return [cli([...RUNS[kind], "--out", folder(kind, "whole")]), ...Array.from({ length: SHARDS }, (_, i) => cli([...RUNS[kind], "--shard", `${i}/${SHARDS}`, "--out", folder(kind, `shard-${i}`)]))];
  });
  for (const run of await Promise.all(runs)) expect(run.code, run.stderr).toBe(0);
  for (const kind of KINDS) {
    const merged = await cli(["merge", ...Array.from({ length: SHARDS }, (_, i) => folder(kind, `shard-${i}`)), "--out", folder(kind, "merged"), "-q"]);
    expect(merged.code, merged.stderr).toBe(0);
  }
  duck = await (await DuckDBInstance.create(":memory:")).connect();
}, 300_000);

/** Rows of a DuckDB query as plain values (numbers, strings, null; DATE as ISO text). */
async function query(sql: string): Promise<Record<string, number | string | null>[]> {
  const reader = await duck.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, number | string | null>[];
}

const parquetOf = (kind: Kind, part = "whole") => path.join(folder(kind, part), "replicates.parquet").replaceAll("'", "''");
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The outcomes recorded in an unsharded folder, in replicate order. */
function recordedOutcomes(dir: string, plan: SweepPlan): ReplicateOutcome[] {
  const reader = new RecordReader(recordShape(plan));
  reader.push(readFileSync(path.join(dir, "records.bin")));
  const outcomes: ReplicateOutcome[] = [];
  for (let outcome = reader.next(); outcome !== undefined; outcome = reader.next()) outcomes.push(outcome);
  return outcomes;
}

describe.each(KINDS)("a %s's replicates.parquet", (kind) => {
  const summary = () => JSON.parse(readFileSync(path.join(folder(kind, "whole"), "summary.json"), "utf8"));
  const plan = (): SweepPlan => JSON.parse(readFileSync(path.join(folder(kind, "whole"), "shard.json"), "utf8")).plan;

  it("in DuckDB gives summary.json's means and pShort for every country and commodity", async () => {
    const lead = kind === "compare" ? "alternative" : `'${summary().manifest.scenario}'`;
    const means = MEAN_KPIS.map((name) => `avg(${quoted(name)}) as ${quoted(name)}`).join(", ");
    const rows = await query(`select ${lead} as alternative, country, commodity, ${means}, avg(case when firstShortfallDate is null then 0 else 1 end) as pShort, count(*) as replicates from '${parquetOf(kind)}' group by all order by all`);
    const expected = summary().alternatives.flatMap((alternative: { name: string; kpis: Record<string, unknown>[] }) => alternative.kpis.map((pair) => ({ alternative: alternative.name, ...pair })));
    expect(rows.length).toBe(expected.length);
    let shortPairs = 0;
    for (const pair of expected) {
      const row = rows.find((r) => r.alternative === pair.alternative && r.country === pair.country && r.commodity === pair.commodity);
      expect(row, JSON.stringify(pair)).toBeDefined();
      expect(row!.replicates).toBe(String(summary().manifest.runs));
      // summary.json rounds to 6 decimals: DuckDB's mean (its own summation order) rounds to the same.
      for (const name of MEAN_KPIS) expect(Math.abs((row![name] as number) - pair[name].mean), `${pair.alternative} ${pair.country} ${pair.commodity} ${name}`).toBeLessThanOrEqual(5.000001e-7);
      expect(Math.abs((row!.pShort as number) - pair.pShort)).toBeLessThanOrEqual(5.000001e-7);
      if (pair.pShort > 0) shortPairs++;
    }
    // The sweep is one where some replicates go short (a mean of zeros would prove little).
    expect(shortPairs).toBeGreaterThan(0);
  });

  it("reads back exactly: each value is replicates.csv's cell as the CSV formats it, and the double records.bin holds", async () => {
    const p = plan();
    const rows = await query(`select * exclude (file_row_number) from read_parquet('${parquetOf(kind)}', file_row_number = true) order by file_row_number`);
    const csv = readFileSync(path.join(folder(kind, "whole"), "replicates.csv"), "utf8").trimEnd().split("\n");
    const columns = csv[0].split(",");
    expect(Object.keys(rows[0])).toEqual(columns);
    expect(rows.length).toBe(csv.length - 1);
    const inputs = inputColumns(p);
    const dateInputs = new Set(p.alternatives.flatMap((a) => a.dateInputs));
    const cell = (name: string, value: number | string | null): string => {
      if (value === null) return "";
      if (typeof value === "string") return value;
      return inputs.includes(name) ? formatNumber(value, 9) : formatNumber(value);
    };
    rows.forEach((row, i) => expect(columns.map((name) => cell(name, row[name])).join(","), `row ${i}`).toBe(csv[i + 1]));
    let nulls = 0;
    for (const row of rows) for (const name of columns) if (row[name] === null) nulls++;
    expect(nulls).toBeGreaterThan(0);

    const outcomes = recordedOutcomes(folder(kind, "whole"), p);
    const startDay = epochDayFromIso(p.start) as number;
    let at = 0;
    for (const outcome of outcomes) {
      p.alternatives.forEach((alternative, a) => {
        const kpis = outcome.alternatives[a].kpis;
        p.series.forEach((_, s) => {
          const row = rows[at++];
          expect(row.replicate).toBe(outcome.replicate);
          KPI_NAMES.forEach((name, k) => {
            const value = kpis[s * KPI_NAMES.length + k];
            if (isDateKpi(name)) expect(row[name]).toBe(Number.isNaN(value) ? null : isoFromEpochDay(startDay + value));
            else expect(Object.is(row[name], value), `${name}: ${row[name]} and ${value}`).toBe(true);
          });
          alternative.inputs.forEach((name, i) => {
            const value = outcome.alternatives[a].inputs[i];
            if (dateInputs.has(name)) expect(row[name]).toBe(isoFromEpochDay(value));
            else expect(row[name]).toBe(value * alternative.inputScales[i]);
          });
        });
      });
    }
    expect(at).toBe(rows.length);
  });

  it("is the same bytes from a merge of shards as from the unsharded run, and holds nothing that varies between runs", async () => {
    const whole = readFileSync(path.join(folder(kind, "whole"), "replicates.parquet"));
    const merged = readFileSync(path.join(folder(kind, "merged"), "replicates.parquet"));
    expect(merged.equals(whole)).toBe(true);
    const [meta] = await query(`select created_by, num_rows, num_row_groups, format_version from parquet_file_metadata('${parquetOf(kind)}')`);
    expect(meta).toEqual({ created_by: `chokepoint version ${plan().version}`, num_rows: String((kind === "compare" ? 2 : 1) * summary().manifest.runs * plan().series.length), num_row_groups: "1", format_version: "2" });
    expect(await query(`select * from parquet_kv_metadata('${parquetOf(kind)}')`)).toEqual([]);
  });
});
