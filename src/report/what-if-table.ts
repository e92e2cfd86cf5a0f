/**
 * The what-if table printed after `run FILE --vs BASE`: the pairs (country and commodity) whose
 * shortfall the change moved, against the base run on the same random numbers: tonnes unmet in
 * the base and the what-if, the difference, days short and the first short date in each, and
 * what the change did (newly short, worse, moved in time, better, no longer short). An
 * identical what-if says "No difference".
 */
import type { WhatIfPair, WhatIfSide } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";
import { changeCounts, changeWord, type WhatIfBase } from "./what-if.js";

/** The columns of the what-if table, in the terminal and in the report. */
export const WHAT_IF_COLUMNS = ["country", "commodity", "change", "base unmet t", "what-if unmet t", "difference t", "base days short", "what-if days short", "base first short", "what-if first short"] as const;

/** Which of WHAT_IF_COLUMNS hold numbers. */
export const WHAT_IF_NUMERIC = [false, false, false, true, true, true, true, true, false, false] as const;

/** A pair's cells, in WHAT_IF_COLUMNS order (tonnes to 0.1 t, or to a millionth below 0.05 t; a signed difference; "never" for no first short date, "-" for a side without the market). */
export function whatIfCells(pair: WhatIfPair): string[] {
  const tonnes = (side: WhatIfSide | null) => (side === null ? "-" : tonnesText(side.unmetTonnes));
  const days = (side: WhatIfSide | null) => (side === null ? "-" : String(side.shortfallDays));
  const first = (side: WhatIfSide | null) => (side === null ? "-" : (side.firstShortfallDate ?? "never"));
  return [
    pair.country,
    pair.commodity,
    changeWord(pair.change),
    tonnes(pair.base),
    tonnes(pair.whatIf),
    signed(pair.unmetDifferenceTonnes),
    days(pair.base),
    days(pair.whatIf),
    first(pair.base),
    first(pair.whatIf),
  ];
}

/** The sentence that opens the comparison: against what, and how many pairs moved (or "No difference"). */
export function whatIfLead(base: WhatIfBase, seed: number, replicate: number): string {
  const named = base.file === base.scenario ? base.scenario : `${base.scenario} (${base.file})`;
  const against = `against ${named}, on the same random numbers (seed ${seed}, replicate ${replicate})`;
  const counts = changeCounts(base.diff);
  if (counts === "") return `No difference ${against}: no country-commodity pair's tonnes unmet, days short or first short date moved.`;
  return `What the change does ${against}: ${base.diff.pairs.length} pair${base.diff.pairs.length === 1 ? "" : "s"} moved (${counts}).`;
}

/** The notes under the table: unchanged shortfalls, and pairs whose other KPIs moved. */
export function whatIfNotes(base: WhatIfBase): string[] {
  const { unchangedShortPairs, otherKpisMoved } = base.diff;
  const notes: string[] = [];
  if (unchangedShortPairs > 0) notes.push(`${unchangedShortPairs} pair${unchangedShortPairs === 1 ? "" : "s"} short in both runs ${unchangedShortPairs === 1 ? "is" : "are"} unchanged.`);
  if (otherKpisMoved.length > 0) {
    const named = otherKpisMoved.slice(0, 8).map((p) => `${p.country} ${p.commodity}`);
    const more = otherKpisMoved.length > named.length ? ` and ${otherKpisMoved.length - named.length} more` : "";
    notes.push(`Shortfalls the same, other KPIs moved (tonnes given up, peak price, reserve dry date...): ${named.join(", ")}${more} (summary.json has every KPI).`);
  }
  return notes;
}

/** The terminal's columns: each figure as "base -> what-if" (a first short date once when it did not move). */
const TEXT_COLUMNS = ["country", "commodity", "change", "unmet t", "difference t", "days short", "first short"] as const;
const TEXT_NUMERIC = [false, false, false, true, true, true, false] as const;

/** A pair's cells in TEXT_COLUMNS order, from its WHAT_IF_COLUMNS cells. */
function textCells(pair: WhatIfPair): string[] {
  const [country, commodity, change, baseUnmet, whatIfUnmet, difference, baseDays, whatIfDays, baseFirst, whatIfFirst] = whatIfCells(pair);
  return [country, commodity, change, `${baseUnmet} -> ${whatIfUnmet}`, difference, `${baseDays} -> ${whatIfDays}`, baseFirst === whatIfFirst ? baseFirst : `${baseFirst} -> ${whatIfFirst}`];
}

/** Renders the comparison as aligned text: the lead, up to `limit` pairs (largest change in tonnes first), the notes. */
export function renderWhatIfTable(base: WhatIfBase, seed: number, replicate: number, limit = 20): string {
  const lines = [whatIfLead(base, seed, replicate)];
  const shown = base.diff.pairs.slice(0, limit);
  if (shown.length > 0) {
    const header = [...TEXT_COLUMNS];
    const rows = shown.map(textCells);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (TEXT_NUMERIC[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
    lines.push(line(header), ...rows.map(line));
    const hidden = base.diff.pairs.length - shown.length;
    if (hidden > 0) lines.push(`${hidden} more pairs moved, smaller in tonnes (report.html and summary.json list them all).`);
  }
  lines.push(...whatIfNotes(base));
  return lines.join("\n") + "\n";
}

/** Tonnes to 0.1 t, or to a millionth when smaller than 0.05 t, so that a change never reads as 0 t. */
function tonnesText(value: number): string {
  return formatNumber(value, Math.abs(value) < 0.05 ? 6 : 1);
}

/** A difference in tonnes with its sign: "+12.5", "-3", "0". */
function signed(value: number): string {
  const text = tonnesText(value);
  return value > 0 && text !== "0" ? `+${text}` : text;
}
