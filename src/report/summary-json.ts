/** summary.json: the summary document of a run, as pretty JSON. */
import type { Summary } from "../sweep/index.js";

/** Renders a summary as pretty JSON text with a final newline. */
export function renderSummaryJson(summary: Summary): string {
  return JSON.stringify(summary, null, 2) + "\n";
}
