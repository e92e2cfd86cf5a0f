/**
 * run-log.json: how a sweep session or a merge went on this machine (wall-clock time, workers,
 * rate, peak memory, replicates resumed). It changes from run to run, so it is kept apart from
 * the result files, whose bytes never depend on the machine.
 */
import { hostname } from "node:os";
import type { Shard } from "../sweep/index.js";

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

/** What a run log is made from: a session's entry, or a merge's own fields. */
export type RunLogFields = Readonly<Record<string, unknown>> & { readonly seconds: number; readonly replicatesRun?: number };

/** The run log's text: the fields plus the machine's own figures (peak memory, time, host). */
export function runLogText(entry: RunLogFields): string {
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
