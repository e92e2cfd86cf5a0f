/**
 * Default output folders: where a command writes when no --out is given. A what-if never
 * lands in its base's folder: with `--set` overrides the scenario's name gains `+` and the
 * first 8 hex digits of the SHA-256 of the overrides as given (in order, as a JSON list), so
 * `run --set A` writes `out/<name>+<hash of A>/`, the same folder each time, and a run without
 * overrides keeps `out/<name>/`. Sweeps, compares and sensitivity analyses append their kind
 * (`out/<name>+<hash>-sweep/`).
 */
import { createHash } from "node:crypto";
import path from "node:path";

/** Hex digits of the overrides' hash in a folder name. */
const HASH_DIGITS = 8;

/** The name a scenario's outputs go by: the scenario's name, with `+HASH` of the overrides when there are any. */
export function outputName(scenarioName: string, overrides: readonly string[]): string {
  if (overrides.length === 0) return scenarioName;
  const hash = createHash("sha256").update(JSON.stringify(overrides)).digest("hex").slice(0, HASH_DIGITS);
  return `${scenarioName}+${hash}`;
}

/** The default folder of a run: `out/<name>/`, or `out/<name>+<hash of the overrides>/`. */
export function defaultRunFolder(scenarioName: string, overrides: readonly string[]): string {
  return path.join("out", outputName(scenarioName, overrides));
}
