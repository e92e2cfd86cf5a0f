/**
 * ScenarioIssue: one problem found in a scenario file, with where it is, and the one-line
 * format users see: `FILE:LINE:COL path.to.field: message`.
 */

/** Path of a field inside a scenario document (keys and list indices). */
export type FieldPath = readonly (string | number)[];

/** One problem with a scenario, located in a file. */
export interface ScenarioIssue {
  /** Stable machine-readable kind, e.g. "syntax", "unknown-key", "unknown-reference". */
  readonly code: string;
  readonly file: string;
  /** Field path, empty for problems with the whole file. */
  readonly path: FieldPath;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Renders a field path as `a.b[2].c` (keys with dots or spaces are quoted). */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** One issue as `FILE:LINE:COL path: message` (the path is left out when empty). */
export function formatIssue(issue: ScenarioIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const path = formatPath(issue.path);
  return path === "" ? `${where}: ${issue.message}` : `${where} ${path}: ${issue.message}`;
}

/** Sorts issues by file, line, column, then message, so output order never depends on discovery order. */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
