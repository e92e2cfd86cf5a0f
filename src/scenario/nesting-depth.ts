/**
 * Nesting depth: a quick lexical pass over a YAML or JSON text that finds where mappings and
 * lists nest deeper than a limit, before any parser or validator walks the tree (they recurse,
 * and thousands of levels overflow the call stack). Block nesting is counted by indentation
 * (each deeper indentation, and each "- " of a compact nested list, is a level), flow nesting
 * by brackets outside quoted strings and comments. The count is within a level or two of a
 * parser's (a list at its key's indentation reads a level lower; a line's own indentation
 * counts as a level even when the line opens a flow collection), which is all a bound against
 * stack overflow needs: real files stay far below it.
 */

/** Where the text first nests deeper than the limit (1-based), or undefined. */
export function findExcessiveNesting(text: string, maxDepth: number): { line: number; column: number } | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let line = 0;
  let lineStart = 0;
  // A block scalar (| or >) owns the lines indented deeper than the line that opened it.
  let blockScalarIndent = -1;
  // A quoted string may run over several lines.
  let quote = "";
  while (lineStart <= text.length) {
    line++;
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const isBlank = quote === "" && (i >= lineEnd || text[i] === "#" || text[i] === "\r");
    if (blockScalarIndent >= 0 && (isBlank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (isBlank) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (flowDepth === 0 && quote === "") {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      // Compact nested lists: "- - - x" opens a level per dash.
      while (text[i] === "-" && (i + 1 === lineEnd || text[i + 1] === " " || text[i + 1] === "\t")) {
        i++;
        while (i < lineEnd && (text[i] === " " || text[i] === "\t")) i++;
        const column = i - lineStart;
        while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
        indents.push(column);
      }
      if (indents.length > maxDepth) return { line, column: i - lineStart + 1 };
    }
    // The rest of the line: flow brackets outside quotes and comments, and block scalar headers.
    let atValueStart = true;
    for (; i < lineEnd; i++) {
      const ch = text[i];
      if (quote !== "") {
        if (quote === '"' && ch === "\\") i++;
        else if (ch === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = "";
        }
        continue;
      }
      if (ch === " " || ch === "\t") continue;
      if (ch === "#" && (i === lineStart || text[i - 1] === " " || text[i - 1] === "\t")) break;
      if ((ch === '"' || ch === "'") && (atValueStart || flowDepth > 0)) {
        quote = ch;
        continue;
      }
      if ((ch === "[" || ch === "{") && (atValueStart || flowDepth > 0)) {
        flowDepth++;
        if (indents.length + flowDepth > maxDepth) return { line, column: i - lineStart + 1 };
        atValueStart = true;
        continue;
      }
      if ((ch === "]" || ch === "}") && flowDepth > 0) {
        flowDepth--;
        continue;
      }
      if (flowDepth === 0 && atValueStart && (ch === "|" || ch === ">") && /^[|>][0-9+-]*\s*(#.*)?\r?$/.test(text.slice(i, lineEnd))) {
        blockScalarIndent = indent;
        break;
      }
      // A value starts after "key:" followed by a space, after "- ", and after "," in flow context.
      atValueStart = (ch === ":" && (text[i + 1] === " " || i + 1 === lineEnd)) || (ch === "," && flowDepth > 0);
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}
