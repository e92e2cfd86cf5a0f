/**
 * What the tests of a control's fields share: the minimal scenario they append controls to, and
 * parsing such a text as the file `s.yaml` (its issues formatted as the CLI prints them).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatIssue, memoryFileSource, parseScenario } from "../../src/scenario/index.js";

/** tests/fixtures/good/minimal.yaml: a valid scenario with gallium, CN and US, ending at line 20. */
export const minimal = readFileSync(path.resolve(import.meta.dirname, "../fixtures/good/minimal.yaml"), "utf8");

/** Parses `text` as the scenario file `s.yaml`. */
export function parse(text: string) {
  return parseScenario("s.yaml", memoryFileSource({ "s.yaml": text }), {});
}

/** The issues of `text` as FILE:LINE:COL path: message, or none. */
export function issuesOf(text: string): string[] {
  const result = parse(text);
  return result.ok ? [] : result.issues.map(formatIssue);
}

/** A `controls:` block of the entries given, one a line. */
export const controls = (...entries: string[]): string => `controls:\n${entries.map((e) => `  ${e}\n`).join("")}`;
