/**
 * run-log.json: how a sweep session went on this machine (wall-clock time, workers, rate,
 * peak memory, replicates resumed). It changes from run to run, so it is kept apart from the
 * result files, whose bytes never depend on the machine.
 */
import { hostname } from "node:os";
import path from "node:path";
import type { Shard } from "../sweep/index.js";
import { writeFileAtomically } from "./atomic-file.js";

/** What a session reports of itself. */
export interface RunLogEntry {
  readonly command: readonly string[];
  readonly shard: Shard;
  readonly shardFrom: string;
  readonly workers: number;
  readonly replicatesRun: number;
  readonly replicatesResumed: number;
  readonly tornBytesCut: number;
  readonly stoppedByRule: boolean;
  readonly seconds: number;
}

/** The run log's text: the entry plus the machine's own figures (peak memory, time, host). */
export function runLogText(entry: Readonly<Record<string, unknown>> & { readonly seconds: number; readonly replicatesRun?: number }): string {
  const document = {
    ...entry,
    seconds: Number(entry.seconds.toFixed(3)),
    runsPerSecond: entry.replicatesRun !== undefined && entry.seconds > 0 ? Number((entry.replicatesRun / entry.seconds).toFixed(2)) : null,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    finishedAt: new Date().toISOString(),
    host: hostname(),
    node: process.version,
  };
  return JSON.stringify(document, null, 2) + "\n";
}

/** Writes the session's run-log.json into `folder` (atomically). */
export function writeRunLog(folder: string, entry: RunLogEntry): void {
  writeFileAtomically(path.join(folder, "run-log.json"), runLogText({ ...entry }), "the shard's records are complete: free some space and run the same command with --resume");
}
