/**
 * Runs and sweeps: one replicate of a scenario with its summary; (with the Monte Carlo issue)
 * replicate plans, seeds, workers, shards, merging, statistics and comparisons.
 */
export { simulate, type RunOptions, type RunResult } from "./simulate.js";
export { buildSummary, type Manifest, type Summary, type SummaryInput } from "./run-summary.js";
export { roundTo } from "./round-to.js";
