/**
 * invalid-draws.csv: the replicates a sweep skipped because their drawn inputs broke a rule of
 * the scenario format, one row each in replicate order: the replicate, the field whose rule
 * broke, and the message (every issue, with its file, line and column). Written only when a
 * sweep skipped some; summary.json counts them as `invalidDraws`.
 */
import type { InvalidDraw } from "../sweep/index.js";

/** The header's columns. */
export const INVALID_DRAWS_CSV_COLUMNS = ["replicate", "field", "message"];

/** Renders the invalid draws. */
export function renderInvalidDrawsCsv(draws: readonly InvalidDraw[]): string {
  const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [INVALID_DRAWS_CSV_COLUMNS.join(","), ...draws.map((d) => [String(d.replicate), quote(d.field), quote(d.message)].join(","))].join("\n") + "\n";
}
