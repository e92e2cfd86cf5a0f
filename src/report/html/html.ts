/**
 * The few HTML pieces every report is built of: escaped text, tables (the text behind each
 * chart, and the headline tables), and sections. Plain strings in, strings out.
 */

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** One cell: text, or a number already formatted by the caller. */
export type Cell = string;

/** A table with a header row; columns flagged numeric are right-aligned. */
export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Per column, whether it holds numbers (default: none do). */
  readonly numeric?: readonly boolean[];
  readonly caption?: string;
}

/** Renders a table (every cell escaped). */
export function renderTable(table: TableData, className = "data"): string {
  const align = (i: number) => (table.numeric?.[i] === true ? ' class="num"' : "");
  const head = table.columns.map((c, i) => `<th scope="col"${align(i)}>${escapeHtml(c)}</th>`).join("");
  const body = table.rows.map((row) => `<tr>${row.map((cell, i) => `<td${align(i)}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("\n");
  const caption = table.caption === undefined ? "" : `<caption>${escapeHtml(table.caption)}</caption>`;
  return `<table class="${className}">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** A section with a heading (level 2 or 3), an id for links, and already-rendered content. */
export function renderSection(level: 2 | 3, id: string, heading: string, content: string): string {
  return `<section id="${escapeHtml(id)}">\n<h${level}>${escapeHtml(heading)}</h${level}>\n${content}\n</section>`;
}

/** A paragraph of escaped text. */
export function paragraph(text: string, className?: string): string {
  return `<p${className === undefined ? "" : ` class="${className}"`}>${escapeHtml(text)}</p>`;
}

/** An id made of words: lower-case letters, digits and dashes. */
export function slug(...parts: readonly string[]): string {
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
