/**
 * summary.json: the summary document of a run, as pretty JSON. A run of the command line also
 * records, in its manifest, the `--set` overrides verbatim (`overrides`) and the `--vs` base
 * (`vs`: its argument, scenario and hash, or null), and with a base, the pairs whose shortfall
 * the change moved (`whatIf`).
 */
import type { Summary } from "../sweep/index.js";
import type { WhatIf } from "./what-if.js";

/** Renders a summary as pretty JSON text with a final newline; with `whatIf`, the manifest names the overrides and the base. */
export function renderSummaryJson(summary: Summary, whatIf?: WhatIf): string {
  if (whatIf === undefined) return JSON.stringify(summary, null, 2) + "\n";
  const { vs } = whatIf;
  const document = {
    ...summary,
    manifest: { ...summary.manifest, overrides: whatIf.overrides, vs: vs === null ? null : { file: vs.file, scenario: vs.scenario, scenarioHash: vs.scenarioHash } },
    ...(vs === null ? {} : { whatIf: vs.diff }),
  };
  return JSON.stringify(document, null, 2) + "\n";
}
