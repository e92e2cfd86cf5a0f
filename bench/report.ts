/**
 * The flagship run's report.html, timed: rendering it in-process (median of 5 after one
 * warm-up: a warm sweep of reports; its charts drawn by Vega in this thread, one after
 * another), its size, and `chokepoint run` end to end through the CLI as a user types it
 * (process start, simulation, every file written; median of 3). The CLI draws the charts on a
 * second thread (src/cli/charts-on-thread.ts), which loads Vega while the simulation runs and
 * draws while the CSVs are written, so on an idle machine the report adds less to the command
 * than the in-process figure.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { rankShortfalls, renderRunReport, runReportInput } from "../src/report/index.js";
import { loadScenario, simulate } from "../src/index.js";

/** Timing of the flagship's report. */
export interface ReportTiming {
  readonly seconds: number;
  readonly bytes: number;
  readonly charts: number;
  readonly cliRunSeconds: number;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Times the report of `file` and `chokepoint run` of it. */
export async function timeRunReport(cli: string, file: string): Promise<ReportTiming> {
  const scenario = loadScenario(file);
  const run = simulate(scenario, { timeline: true });
  const render = async () => {
    const started = performance.now();
    const html = await renderRunReport(runReportInput(scenario, run, rankShortfalls(run.kpis), "npx chokepoint run", []));
    return { seconds: (performance.now() - started) / 1000, html };
  };
  const first = await render();
  const seconds: number[] = [];
  for (let i = 0; i < 5; i++) seconds.push((await render()).seconds);
  const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-bench-report-"));
  const cliSeconds: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const out = path.join(scratch, `run-${i}`);
      const started = performance.now();
      const result = spawnSync(process.execPath, [cli, "run", file, "--out", out, "--quiet"], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`chokepoint run failed: ${result.stderr}`);
      cliSeconds.push((performance.now() - started) / 1000);
      statSync(path.join(out, "report.html"));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { seconds: median(seconds), bytes: Buffer.byteLength(first.html), charts: (first.html.match(/<figure class="chart"/g) ?? []).length, cliRunSeconds: median(cliSeconds) };
}
