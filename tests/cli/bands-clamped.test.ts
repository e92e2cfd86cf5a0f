/**
 * bands.csv held within each band cell's values (issue 20), end to end on the built CLI: an
 * unsharded sweep and the merge of its shards write the bands.csv the library's in-process
 * sweep renders (which sees every replicate's values), a stock that is the same in every
 * replicate reads exactly that stock (to bands.csv's 4 digits) at every percentile, and no
 * percentile lies outside the cell's values (fast-check over seeds, sizes and shard counts).
 * The fixture's CC holds a stock that never moves in many periods.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario } from "../../src/index.js";
import { renderBandsCsv } from "../../src/report/index.js";
import { sweep, type ReplicateOutcome } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const FIXTURE = path.join(ROOT, "tests/fixtures/sweep/two-markets.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-bands-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let made = 0;
function cliSweep(args: readonly string[]): string {
  const out = path.join(scratch, `sweep-${made++}`);
  execFileSync(process.execPath, [CLI, "sweep", FIXTURE, ...args, "--swing-runs", "0", "--workers", "1", "--out", out, "-q"], { env: { ...process.env, CI: "1" } });
  return out;
}

/** bands.csv's stock percentiles by row (p5 to p95). */
function stockPercentiles(csv: string): number[][] {
  return csv
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",").slice(8, 13).map(Number));
}

describe("bands.csv within each cell's values", () => {
  it("unsharded and merged, as the library renders it; a stock that never moves reads as itself (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 3, max: 16 }), fc.constantFrom(2, 3), (seed, runs, shards) => {
        const outcomes: ReplicateOutcome[] = [];
        const library = sweep(loadScenario(FIXTURE), { runs, seed, onReplicate: (outcome) => outcomes.push(outcome) });
        const expected = renderBandsCsv(library.statistics.bands ?? []);
        const args = ["--runs", String(runs), "--seed", String(seed)];
        const whole = cliSweep(args);
        const parts = Array.from({ length: shards }, (_, i) => cliSweep([...args, "--shard", `${i}/${shards}`]));
        const merged = path.join(scratch, `merged-${made++}`);
        execFileSync(process.execPath, [CLI, "merge", ...parts, "--out", merged, "-q"]);
        const context = `seed ${seed}, ${runs} runs, ${shards} shards`;
        expect(readFileSync(path.join(whole, "bands.csv"), "utf8"), context).toBe(expected);
        expect(readFileSync(path.join(merged, "bands.csv"), "utf8"), context).toBe(expected);
        // Rows go series by series, period by period; a replicate's stocks sit after its shares.
        const { series, periodCount } = library.plan;
        const cells = series.length * periodCount;
        let constants = 0;
        stockPercentiles(expected).forEach((read, row) => {
          const cell = (row % periodCount) * series.length + Math.floor(row / periodCount);
          const seen = outcomes.map((o) => o.alternatives[0].bandLows[cells + cell]);
          // bands.csv prints stocks to 4 significant digits, a rounding that keeps order.
          const printed = (tonnes: number) => Number(tonnes.toPrecision(4));
          const least = printed(Math.min(...seen));
          const greatest = printed(Math.max(...seen));
          for (const value of read) {
            expect(value, context).toBeGreaterThanOrEqual(least);
            expect(value, context).toBeLessThanOrEqual(greatest);
          }
          if (Math.min(...seen) === Math.max(...seen) && seen[0] > 0) {
            constants++;
            expect(read, `${context}: row ${row + 1}`).toEqual(Array(5).fill(least));
          }
        });
        expect(constants, context).toBeGreaterThan(0);
      }),
      { numRuns: 3 },
    );
  }, 600_000);
});
