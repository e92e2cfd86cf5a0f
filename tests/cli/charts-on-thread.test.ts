/**
 * A run report's charts drawn on their own thread (charts-on-thread.ts, the built worker): the
 * report is the same bytes as when drawn in-process, and so is every file of `chokepoint run`
 * (the built CLI, which draws on the thread, against `main` run here from the sources, which
 * has no built worker and draws in-process). A chart that fails, a thread stopped with charts
 * pending, and a thread that dies in the CLI are internal errors (exit code 1, one line, no
 * stack trace) that leave the output folder as it was.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadScenario, rankShortfalls, renderRunReport, runReportInput, simulate, type SvgDrawer } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const BREAK_CHARTS = path.join(import.meta.dirname, "support/break-chart-thread.mjs");
const FLAGSHIP = "scenarios/reinstated-2026.yaml";
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-charts-thread-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ChartDrawing {
  readonly draw: SvgDrawer | undefined;
  close(): void;
}
// The built module: the thread runs dist/src/cli/chart-worker.js, which only the build has.
const { startChartDrawing } = (await import(path.join(ROOT, "dist/src/cli/charts-on-thread.js"))) as { startChartDrawing: (options?: { failWith?: string }) => ChartDrawing };

const SPEC = { data: { values: [{ x: 1, y: 2 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } } as TopLevelSpec;

/** The files of a folder, name to bytes. */
function filesOf(folder: string): Map<string, Buffer> {
  return new Map(readdirSync(folder).sort().map((name) => [name, readFileSync(path.join(folder, name))]));
}

function cli(args: readonly string[], env: Record<string, string> = {}, execArgv: readonly string[] = []) {
  const result = spawnSync(process.execPath, [...execArgv, CLI, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("a run report's charts on their own thread", () => {
  it("draws the flagship's report to the same bytes as in-process", async () => {
    const scenario = loadScenario(path.join(ROOT, FLAGSHIP));
    const run = simulate(scenario, { timeline: true });
    const input = runReportInput(scenario, run, rankShortfalls(run.kpis), "npx chokepoint run", ["timeline.csv"]);
    const charts = startChartDrawing();
    try {
      expect(charts.draw).toBeDefined();
      const onThread = await renderRunReport(input, charts.draw);
      expect(onThread).toBe(await renderRunReport(input));
      expect((onThread.match(/<figure class="chart"/g) ?? []).length).toBeGreaterThan(10);
    } finally {
      charts.close();
    }
  }, 120_000);

  it("a chart that fails to draw fails as an internal error, naming the cause", async () => {
    const charts = startChartDrawing({ failWith: "no Vega here" });
    try {
      await expect(charts.draw!(SPEC)).rejects.toMatchObject({ exitCode: 1, message: "chokepoint: internal error: drawing a chart of report.html failed: no Vega here" });
    } finally {
      charts.close();
    }
  });

  it("charts pending when the thread is stopped fail, and so do charts asked for after", async () => {
    const charts = startChartDrawing();
    const pending = charts.draw!(SPEC);
    charts.close();
    const stopped = { exitCode: 1, message: "chokepoint: internal error: the thread drawing report.html's charts was stopped before it drew them all" };
    await expect(pending).rejects.toMatchObject(stopped);
    await expect(charts.draw!(SPEC)).rejects.toMatchObject(stopped);
  });
});

describe("chokepoint run with its charts on a thread", () => {
  it("writes the same bytes as the in-process path, file by file", async () => {
    const inProcess = path.join(scratch, "in-process");
    let stderr = "";
    const code = await main(["run", FLAGSHIP, "--out", inProcess, "-q"], { stdout: () => undefined, stderr: (t) => (stderr += t), isErrorTerminal: false, env: {} });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const onThread = path.join(scratch, "on-thread");
    const result = cli(["run", FLAGSHIP, "--out", onThread, "-q"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const expected = filesOf(inProcess);
    expect([...filesOf(onThread).keys()]).toEqual(["licences.csv", "report.html", "summary.json", "timeline.csv", "trade.csv"]);
    for (const [name, bytes] of filesOf(onThread)) expect(bytes.equals(expected.get(name)!), name).toBe(true);
  }, 180_000);

  for (const [how, message] of [
    ["exit", "chokepoint: internal error: the thread drawing report.html's charts stopped (exit code 3)"],
    ["throw", "chokepoint: internal error: the thread drawing report.html's charts failed: the chart thread broke on purpose"],
  ] as const) {
    it(`a thread that dies (${how}) exits 1 with one line and leaves the output folder as it was`, () => {
      const parent = path.join(scratch, `broken-${how}`);
      mkdirSync(parent);
      const out = path.join(parent, "run");
      const fresh = cli(["run", "tests/fixtures/what-if/suspended-ban.yaml", "--out", out, "-q"]);
      expect(fresh.code).toBe(0);
      const before = filesOf(out);
      const broken = cli(["run", "tests/fixtures/what-if/suspended-ban.yaml", "--seed", "9", "--out", out, "-q"], { CHOKEPOINT_BREAK_CHARTS: how }, ["--import", BREAK_CHARTS]);
      expect(broken.stderr).toBe(`${message}\n`);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toBe("");
      expect(filesOf(out)).toEqual(before);
      expect(readdirSync(parent)).toEqual(["run"]);
      // Where there was no folder, none is made.
      const none = path.join(parent, "none");
      expect(cli(["run", "tests/fixtures/what-if/suspended-ban.yaml", "--out", none, "-q"], { CHOKEPOINT_BREAK_CHARTS: how }, ["--import", BREAK_CHARTS]).code).toBe(1);
      expect(existsSync(none)).toBe(false);
      expect(readdirSync(parent)).toEqual(["run"]);
    }, 60_000);
  }
});
