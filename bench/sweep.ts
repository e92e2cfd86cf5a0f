/**
 * Sweeps of the flagship through the real CLI (real worker threads, real record files):
 * wall-clock seconds, replicates per second and peak memory (resident set of the whole
 * process, workers included), as run-log.json reports them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** One sweep's figures. */
export interface SweepTiming {
  readonly scenario: string;
  readonly runs: number;
  readonly workers: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
  readonly peakRssMb: number;
}

/** Runs `chokepoint sweep FILE --runs N --workers W` in a child process and reads its run log. */
export function timeSweep(cli: string, file: string, runs: number, workers: number): SweepTiming {
  const folder = mkdtempSync(path.join(tmpdir(), "chokepoint-bench-sweep-"));
  try {
    const result = spawnSync(process.execPath, [cli, "sweep", file, "--runs", String(runs), "--workers", String(workers), "--out", path.join(folder, "out"), "-q"], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    if (result.status !== 0) throw new Error(`the bench sweep failed: ${result.stderr}`);
    const log = JSON.parse(readFileSync(path.join(folder, "out", "run-log.json"), "utf8")) as { seconds: number; runsPerSecond: number; peakRssMb: number };
    return { scenario: path.basename(file, ".yaml"), runs, workers, seconds: log.seconds, runsPerSecond: log.runsPerSecond, peakRssMb: log.peakRssMb };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
