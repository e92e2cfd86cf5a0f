/**
 * Exact statistics on the built CLI (issue 20): in summary.json every KPI that is constant over
 * the replicates has sd 0, an interval of exactly ±0 and percentiles equal to the constant, and
 * no percentile falls outside the values replicates.csv holds, in an unsharded sweep and in the
 * merge of its shards 0/2 and 1/2 (the same bytes: fast-check over seeds and sizes); the stop
 * rule of the repro does not stop at 4 replicates on a false zero; a pShort rule stops
 * at the first batch end where the share short's Wilson interval is within the width; bad rules
 * are refused with their text, exit 2.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-exact-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** tiny.yaml with a second market whose demand is a constant (61.370417 t/yr) and an outage with a 40% chance. */
const SCENARIO = path.join(scratch, "exact.yaml");
writeFileSync(SCENARIO, readFileSync(path.join(ROOT, "tests/fixtures/sweep/two-markets.yaml"), "utf8"));

const MEAN_KPIS = ["unmetTonnes", "shortfallDays", "peakShortfallShare", "demandTonnes", "givenUpTonnes", "peakPriceIndex"] as const;
const LABELS = ["p5", "p25", "p50", "p75", "p95"] as const;
/** A sweep's results, which a merge writes as the unsharded sweep does. */
const RESULTS = ["replicates.csv", "replicates.parquet", "bands.csv", "summary.json", "sensitivity.csv", "report.html"];
const Z95 = 1.959963984540054;

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: 240_000, killSignal: "SIGKILL", env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

async function ok(args: readonly string[]): Promise<void> {
  const result = await cli(args);
  expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(0);
}

let folders = 0;
const fresh = (name: string) => path.join(scratch, `${name}-${folders++}`);

/** replicates.csv's rows as records of their cells. */
function replicates(folder: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(folder, "replicates.csv"), "utf8").trimEnd().split("\n");
  const columns = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [columns[i], cell])));
}

/** Checks summary.json against replicates.csv: constants exactly, every percentile within [min, max]. Returns the constant (pair, KPI)s. */
function checkAgainstReplicates(folder: string): string[] {
  const summary = JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8"));
  const rows = replicates(folder);
  const constants: string[] = [];
  for (const pair of summary.alternatives[0].kpis) {
    const mine = rows.filter((row) => row.country === pair.country && row.commodity === pair.commodity);
    expect(mine).toHaveLength(summary.manifest.runs);
    for (const kpi of MEAN_KPIS) {
      const values = mine.map((row) => Number(row[kpi]));
      const min = Math.min(...values);
      const max = Math.max(...values);
      const d = pair[kpi];
      const where = `${pair.country} ${pair.commodity} ${kpi}`;
      for (const label of LABELS) {
        expect(d[label], `${where} ${label} below the least value`).toBeGreaterThanOrEqual(min);
        expect(d[label], `${where} ${label} above the greatest value`).toBeLessThanOrEqual(max);
      }
      if (min !== max) continue;
      constants.push(where);
      expect({ mean: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh, sd: d.sd, percentiles: LABELS.map((l) => d[l]) }, where).toEqual({ mean: min, ciLow: min, ciHigh: min, sd: 0, percentiles: LABELS.map(() => min) });
    }
  }
  return constants;
}

describe("constant KPIs in summary.json, unsharded and merged from shards", () => {
  it("sd exactly 0, interval ±0, percentiles the constant, none outside the data; shards 0/2 and 1/2 merge to the unsharded bytes (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 3, max: 40 }), async (seed, runs) => {
        const args = ["sweep", SCENARIO, "--runs", String(runs), "--seed", String(seed), "--swing-runs", "2", "--workers", "1", "-q"];
        const whole = fresh("whole");
        const shards = [fresh("shard-0"), fresh("shard-1")];
        await Promise.all([ok([...args, "--out", whole]), ...shards.map((folder, i) => ok([...args, "--shard", `${i}/2`, "--out", folder]))]);
        const merged = fresh("merged");
        await ok(["merge", ...shards, "--out", merged, "-q"]);
        const results = readdirSync(whole).filter((name) => RESULTS.includes(name));
        expect(results).toContain("summary.json");
        for (const file of results) {
          expect(readFileSync(path.join(merged, file)).equals(readFileSync(path.join(whole, file))), `${file} differs from the unsharded sweep's (seed ${seed}, ${runs} runs)`).toBe(true);
        }
        const constants = checkAgainstReplicates(merged);
        // CC's demand and both price indices never move here.
        expect(constants).toEqual(expect.arrayContaining(["CC metal demandTonnes", "CC metal peakPriceIndex", "AA metal peakPriceIndex"]));
      }),
      { numRuns: 3, seed: 2020 },
    );
  }, 600_000);
});

describe("stop rules on the CLI", () => {
  it("the issue's repro: \"shortfallDays KR ndfeb-magnet: mean ±5% @95%\" --batch 4 no longer stops at 4 replicates on a false zero", async () => {
    const folder = fresh("repro");
    await ok(["sweep", "--runs", "8", "--batch", "4", "--until", "shortfallDays KR ndfeb-magnet: mean ±5% @95%", "--swing-runs", "0", "--out", folder, "-q"]);
    const summary = JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8"));
    // Before: runs 4, stoppedByRule true, KR magnets' mean 0 with an interval of 0 to 0.
    expect({ runs: summary.manifest.runs, stoppedByRule: summary.manifest.stoppedByRule }).toEqual({ runs: 8, stoppedByRule: false });
  }, 300_000);

  it("a pShort rule stops at the first batch end, past its minimum, where the share short's 95% Wilson interval is within ±15 points", async () => {
    const folder = fresh("p-short");
    await ok(["sweep", SCENARIO, "--runs", "400", "--seed", "11", "--batch", "5", "--until", "pShort CC metal: ±15 points @95% min 10", "--swing-runs", "0", "--workers", "2", "--out", folder, "-q"]);
    const summary = JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8"));
    expect(summary.manifest.stoppedByRule).toBe(true);
    const runs: number = summary.manifest.runs;
    const short = replicates(folder)
      .filter((row) => row.country === "CC" && row.commodity === "metal")
      .map((row) => row.firstShortfallDate !== "");
    expect(short).toHaveLength(runs);
    const wilsonHalfWidth = (k: number, n: number) => {
      const p = k / n;
      const zz = (Z95 * Z95) / n;
      return (Z95 / (1 + zz)) * Math.sqrt((p * (1 - p)) / n + zz / (4 * n));
    };
    const shortBy = (n: number) => short.slice(0, n).filter(Boolean).length;
    const checked = Array.from({ length: runs / 5 }, (_, b) => 5 * (b + 1));
    expect(checked.map((n) => n >= 10 && wilsonHalfWidth(shortBy(n), n) <= 0.15)).toEqual(checked.map((n) => n === runs));
    expect(summary.alternatives[0].kpis.find((k: { country: string }) => k.country === "CC").pShort).toBeCloseTo(shortBy(runs) / runs, 6);
  }, 300_000);

  it.each([
    ["pShort CC metal: ±2%", '--until: "pShort CC metal: ±2%": a pShort precision is in percentage points of the share short: write ±2 points'],
    ["unmetTonnes CC metal: mean ±2% min 1", '--until: "unmetTonnes CC metal: mean ±2% min 1": min must be a whole number of replicates from 2 to 100000000, got "1"'],
    ["pShort CC ore: ±2 points", '--until: "pShort CC ore" names the commodity "ore", which no country has demand for in this scenario; the commodities with demand are: metal'],
  ])("refuses %j with exit 2", async (rule, message) => {
    const result = await cli(["sweep", SCENARIO, "--runs", "4", "--until", rule, "--out", fresh("bad"), "-q"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `${message}\n` });
  }, 120_000);
});
