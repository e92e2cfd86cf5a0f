/**
 * Sweeps of the flagship through the real CLI (real worker threads, real record files):
 * wall-clock seconds of the session and of the whole command (process start to exit: module
 * loading, loading the scenario and writing the outputs included), replicates per second, peak
 * memory (resident set of the whole process, workers included), the start-up before the first
 * replicate, as run-log.json reports them, and the machine's load when it ran.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";

/** One sweep's figures. */
export interface SweepTiming {
  readonly scenario: string;
  readonly runs: number;
  readonly workers: number;
  /** The session's seconds (run-log.json): from the folder's opening to the last record, so without start-up and the final outputs. */
  readonly seconds: number;
  /** The whole command's seconds, process start to exit, as a user waits for it. */
  readonly commandSeconds: number;
  readonly runsPerSecond: number;
  readonly peakRssMb: number;
  /** Seconds from the process's start to the first worker ready to run its first replicate. */
  readonly secondsToFirstReplicate: number | null;
  /** The slowest worker's seconds from its spawn to ready. */
  readonly workerStartSeconds: number | null;
  /** The one-minute load average when the sweep started. */
  readonly loadAverage: number;
}

/** Runs `chokepoint sweep FILE --runs N --workers W` in a child process and reads its run log. */
export function timeSweep(cli: string, file: string, runs: number, workers: number): SweepTiming {
  const folder = mkdtempSync(path.join(tmpdir(), "chokepoint-bench-sweep-"));
  try {
    const loadAverage = Number(loadavg()[0].toFixed(2));
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, "sweep", file, "--runs", String(runs), "--workers", String(workers), "--out", path.join(folder, "out"), "-q"], {
      encoding: "utf8",
      env: { ...process.env, CI: "1" },
    });
    const commandSeconds = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`the bench sweep failed: ${result.stderr}`);
    const log = JSON.parse(readFileSync(path.join(folder, "out", "run-log.json"), "utf8")) as {
      seconds: number;
      runsPerSecond: number;
      peakRssMb: number;
      secondsToFirstReplicate?: number | null;
      workerStartSeconds?: number | null;
    };
    return {
      scenario: path.basename(file, ".yaml"),
      runs,
      workers,
      seconds: log.seconds,
      commandSeconds: Number(commandSeconds.toFixed(3)),
      runsPerSecond: log.runsPerSecond,
      peakRssMb: log.peakRssMb,
      secondsToFirstReplicate: log.secondsToFirstReplicate ?? null,
      workerStartSeconds: log.workerStartSeconds ?? null,
      loadAverage,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
