/**
 * The "What-if differences" section of a run's report (`run FILE --vs BASE`): the pairs whose
 * shortfall the change moved against the base run on the same random numbers, every one of
 * them, as the terminal's what-if table prints them, with what the change did to each; or
 * "No difference" when nothing moved.
 */
import { WHAT_IF_COLUMNS, WHAT_IF_NUMERIC, whatIfCells, whatIfLead, whatIfNotes } from "../what-if-table.js";
import type { WhatIfBase } from "../what-if.js";
import { paragraph, renderSection, renderTable } from "./html.js";

/** The section's id (the contents link to it). */
export const WHAT_IF_SECTION_ID = "what-if";

/** The section's heading. */
export const WHAT_IF_HEADING = "What-if differences";

/** Renders the section for a run against `base` at `seed` and `replicate`. */
export function renderWhatIfSection(base: WhatIfBase, seed: number, replicate: number): string {
  const { pairs } = base.diff;
  const parts = [paragraph(whatIfLead(base, seed, replicate))];
  if (pairs.length > 0) {
    parts.push(
      renderTable({
        columns: WHAT_IF_COLUMNS,
        rows: pairs.map(whatIfCells),
        numeric: WHAT_IF_NUMERIC,
        caption: "Pairs whose shortfall the change moved, largest change in tonnes unmet first",
      }),
    );
  }
  parts.push(
    paragraph(
      "Both runs draw the same random numbers (outages, licence decisions, uncertain inputs and event dates are keyed by seed, replicate and name), so every difference here is the change's, not luck's. " +
        "One replicate shows one possible world; chokepoint compare runs many and gives intervals.",
      "note",
    ),
    ...whatIfNotes(base).map((note) => paragraph(note, "note")),
  );
  return renderSection(2, WHAT_IF_SECTION_ID, WHAT_IF_HEADING, parts.join("\n"));
}
