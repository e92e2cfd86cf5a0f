/**
 * Compound limits at the command line: demand compounded past its limit by many demand changes
 * (each factor within its own limit) or by growth ends in exit 2 with one located line naming
 * the limit, from every command that loads a scenario, never in exit 1 ("internal error
 * (non-finite)"); compounding within the limit runs.
 *
 * Runs the built CLI (dist/); `npm test` builds first, or run `npm run build` before vitest.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const dir = mkdtempSync(path.join(tmpdir(), "chokepoint-compound-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIMIT_TEXT = "a market's demand, compounded by growth and by every demand-change factor above 1 that can apply to it, must be at most 10 Gt/yr (1e10 t/yr)";

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const demandChanges = (count: number, country: string, commodity: string, factor: number | string, date: string) =>
  `events:\n${Array.from({ length: count }, (_, i) => `  d${i}: { type: demand-change, date: ${date}, country: ${country}, commodity: ${commodity}, factor: ${factor} }`).join("\n")}\n`;

describe("compound limits at the command line", () => {
  it("forty factor-100 demand changes on US antimony in the flagship: exit 2, located, naming the limit, from run, validate and sweep", () => {
    const file = write("forty.yaml", `extends: chokepoint:extended-2026\nname: forty\n${demandChanges(40, "US", "antimony", 100, "2026-03-01")}`);
    const line = `${file}:6:90 events.d2.factor: US antimony's demand can compound to 2.9e+84 t/yr: 28600 t/yr x 1.0e+80 from 40 demand-change events (d0, d1, d2, ... d39); ${LIMIT_TEXT}`;
    for (const args of [["run", file, "--out", path.join(dir, "out-run")], ["validate", file], ["sweep", file, "--runs", "2", "--out", path.join(dir, "out-sweep")]]) {
      const result = cli(...args);
      // validate adds a tally line ("1 of 1 file invalid") after the problems.
      expect(result.stderr.split("\n")[0], args[0]).toBe(line);
      expect(result.stderr, args[0]).not.toMatch(/internal error|non-finite/);
      expect(result.status, args[0]).toBe(2);
    }
  });

  it("growth compounded over thirty years: exit 2 at the growth", () => {
    const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");
    const file = write("growth.yaml", minimal.replace("end: 2025-12-31", "end: 2054-12-31").replace("demand: 20 t/yr", "demand: 1e9\n      growth: 100%"));
    const result = cli("run", file, "--out", path.join(dir, "out-growth"));
    expect(result.stderr).toBe(
      `${file}:19:15 markets.US.gallium.growth: US gallium's demand can compound to 1.1e+18 t/yr: 1.0e+9 t/yr x 1.1e+9 from growth of +100%/yr over 30 years to the end; ${LIMIT_TEXT}\n`,
    );
    expect(result.status).toBe(2);
  });

  it("US antimony's demand compounded just under the limit in the flagship (28,600 t/yr x 100 x 100 x 34) runs to finite figures: exit 0", () => {
    const events = [100, 100, 34].map((f, i) => `  c${i}: { type: demand-change, date: 2026-0${i + 3}-01, country: US, commodity: antimony, factor: ${f} }`).join("\n");
    const file = write("edge.yaml", `extends: chokepoint:extended-2026\nname: edge\nevents:\n${events}\n`);
    const out = path.join(dir, "out-edge");
    const result = cli("run", file, "--out", out, "-q");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8")) as { kpis: { country: string; commodity: string; unmetTonnes: number }[] };
    const antimony = summary.kpis.find((k) => k.country === "US" && k.commodity === "antimony");
    expect(Number.isFinite(antimony?.unmetTonnes)).toBe(true);
    expect(antimony?.unmetTonnes).toBeGreaterThan(1e9);
  });

  it("demand changes that compound within the limit run: exit 0", () => {
    const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");
    const file = write("within.yaml", `${minimal}${demandChanges(4, "US", "gallium", 100, "2025-03-01")}`);
    const result = cli("run", file, "--out", path.join(dir, "out-within"), "-q");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
