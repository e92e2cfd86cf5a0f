/**
 * SourceDocument: the data of one scenario file (YAML, or JSON, which YAML 1.2 reads too)
 * as plain values, with the line and column of every key and value, so that problems found
 * later can be reported where they are written. Nothing in the file is evaluated: anchors,
 * aliases and custom tags are refused, not expanded.
 */
import { parse as parseJson, printParseErrorCode, type ParseError } from "jsonc-parser";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { MAX_NESTING_DEPTH } from "./input-limits.js";
import { findExcessiveNesting } from "./nesting-depth.js";
import { PositionMap, type Position } from "./position-map.js";
import type { FieldPath, ScenarioIssue } from "./scenario-issue.js";

export { PositionMap, type Position } from "./position-map.js";

/** A plain data value as read from a file. */
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/** A parsed file: its data and positions, or the issues that stopped it. */
export type SourceDocument =
  | { readonly ok: true; readonly value: PlainValue; readonly positions: PositionMap }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/** Tags of YAML's core schema: the only ones a data file needs. */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

const JSON_ERRORS: Record<string, string> = {
  InvalidCommentToken: "comments are not allowed in JSON",
  PropertyNameExpected: "a property name in double quotes is expected here (a trailing comma?)",
  ValueExpected: "a value is expected here (a trailing comma?)",
  CommaExpected: "a comma is expected here",
  ColonExpected: "a colon is expected here",
  CloseBraceExpected: "a closing } is expected here",
  CloseBracketExpected: "a closing ] is expected here",
  EndOfFileExpected: "nothing may follow the top-level value",
  InvalidSymbol: "this is not valid JSON (strings need double quotes)",
  UnexpectedEndOfString: "this string is not closed",
  UnexpectedEndOfComment: "this comment is not closed",
  InvalidEscapeCharacter: "this escape sequence is not valid JSON",
  InvalidNumberFormat: "this number is not valid JSON",
  InvalidUnicode: "this unicode escape is not valid",
  InvalidCharacter: "this character is not allowed in a JSON string",
};

/** Decodes and parses one file's bytes (JSON rules for .json files, YAML 1.2 otherwise). Never throws for bad input. */
export function parseSourceDocument(file: string, bytes: Uint8Array): SourceDocument {
  const text = decodeText(file, bytes);
  if (typeof text !== "string") return text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: "1.2" });
  const at: LineColumnOf = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const refused = syntaxFailure(file, text, doc, at);
  if (refused !== undefined) return refused;
  return new PlainValueReader(file, text, at).read(doc.contents as Node);
}

/** The line and column (1-based) of a character offset in the file. */
type LineColumnOf = (offset: number) => { line: number; column: number };

/** A document that failed as a whole, with one issue at the top of the file or at `line`:`column`. */
function failure(file: string, code: string, message: string, line = 1, column = 1): SourceDocument {
  return { ok: false, issues: [{ code, file, path: [], line, column, message }] };
}

/**
 * The file's text: UTF-8 without a byte-order mark, nested no deeper than a parser's stack can
 * take; or why it is not a text file the parsers may read.
 */
function decodeText(file: string, bytes: Uint8Array): string | SourceDocument {
  if (bytes.includes(0)) return failure(file, "binary", "this is a binary file, not YAML or JSON text");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return failure(file, "binary", "this file is not UTF-8 text (a binary file?); scenario files are YAML or JSON text");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Checked before parsing: parsers and validators recurse, and deep enough nesting overflows the stack.
  const deep = findExcessiveNesting(text, MAX_NESTING_DEPTH);
  if (deep !== undefined) {
    return failure(file, "too-deep", `mappings and lists nest more than ${MAX_NESTING_DEPTH} levels deep here; a scenario needs fewer than 10`, deep.line, deep.column);
  }
  return text;
}

/**
 * Why a parsed document is no scenario data, or undefined when it is a mapping: JSON's stricter
 * rules for a .json file, keys given twice, the first syntax error, an empty file, a top level
 * that is not a mapping.
 */
function syntaxFailure(file: string, text: string, doc: Document.Parsed, at: LineColumnOf): SourceDocument | undefined {
  if (/\.json$/i.test(file)) {
    // JSON is stricter than YAML (no comments, no trailing commas, double quotes only).
    const errors: ParseError[] = [];
    parseJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
    const first = errors[0];
    if (first !== undefined) {
      const { line, column } = at(first.offset);
      const code = printParseErrorCode(first.error);
      return failure(file, "syntax", `JSON syntax: ${JSON_ERRORS[code] ?? code}`, line, column);
    }
  }
  const duplicates = doc.errors.some((e) => e.code === "DUPLICATE_KEY") ? duplicateKeys(doc.contents, file, at) : [];
  if (duplicates.length > 0) return { ok: false, issues: duplicates };
  // Later syntax errors usually follow from the first: report that one only.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    const { line, column } = at(problem.pos[0]);
    return failure(file, "syntax", `YAML syntax: ${firstLine(problem.message)}`, line, column);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return /\S/.test(text)
      ? failure(file, "empty", "the file has no data, only comments; a scenario is a mapping of keys such as name, start, end, commodities")
      : failure(file, "empty", "the file is empty; a scenario is a mapping of keys such as name, start, end, commodities");
  }
  if (!isMap(doc.contents)) {
    const { line, column } = at(doc.contents.range?.[0] ?? 0);
    return failure(file, "not-a-mapping", "the top level must be a mapping of keys (name, start, end, ...), not a list or a single value", line, column);
  }
  return undefined;
}

/**
 * Turns a document's nodes into plain values, noting where each key and value is written and
 * refusing what plain data has no use for: aliases, anchors, custom tags, keys that are not
 * names, numbers that are not finite.
 */
class PlainValueReader {
  private readonly positions = new PositionMap();
  private readonly issues: ScenarioIssue[] = [];

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly at: LineColumnOf,
  ) {}

  /** The document's value and positions, or every issue found in it. */
  read(contents: Node): SourceDocument {
    const top: Position = { file: this.file, line: 1, column: 1 };
    this.positions.set([], this.positionOf(contents, top));
    const value = this.convert(contents, [], top);
    if (this.issues.length > 0) return { ok: false, issues: this.issues };
    return { ok: true, value, positions: this.positions };
  }

  private positionOf(node: Node | null | undefined, fallback: Position): Position {
    const offset = node?.range?.[0];
    if (offset === undefined) return fallback;
    return { file: this.file, ...this.at(offset) };
  }

  private convert(node: Node | null, path: FieldPath, here: Position): PlainValue {
    if (node === null) return null;
    if (isAlias(node)) {
      this.issues.push({ code: "alias", path, ...this.positionOf(node, here), message: "YAML aliases (*name) are not supported: write the value out" });
      return null;
    }
    if (node.anchor !== undefined) {
      this.issues.push({ code: "anchor", path, ...this.positionOf(node, here), message: `YAML anchors (&${node.anchor}) are not supported: scenario files are plain data` });
      return null;
    }
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      this.issues.push({ code: "tag", path, ...this.positionOf(node, here), message: `custom YAML tags are not supported (${node.tag})` });
      return null;
    }
    if (isMap(node)) return this.mapping(node, path, here);
    if (isSeq(node)) return this.sequence(node, path, here);
    if (isScalar(node)) return this.scalar(node, path, here);
    return null;
  }

  private mapping(node: YAMLMap, path: FieldPath, here: Position): PlainValue {
    const out: { [key: string]: PlainValue } = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const rawKey = isScalar(keyNode) ? keyNode.value : undefined;
      const keyPosition = this.positionOf(keyNode, here);
      if (rawKey === null || rawKey === undefined || typeof rawKey === "object") {
        this.issues.push({ code: "bad-key", path, ...keyPosition, message: "mapping keys must be plain names" });
        continue;
      }
      const key = String(rawKey);
      const childPath = [...path, key];
      const valueNode = pair.value as Node | null;
      const valuePosition = this.positionOf(valueNode, keyPosition);
      this.positions.set(childPath, valuePosition, keyPosition);
      setOwn(out, key, this.convert(valueNode, childPath, valuePosition));
    }
    return out;
  }

  private sequence(node: YAMLSeq, path: FieldPath, here: Position): PlainValue {
    return node.items.map((item, i) => {
      const childPath = [...path, i];
      const itemPosition = this.positionOf(item as Node, here);
      this.positions.set(childPath, itemPosition);
      return this.convert(item as Node, childPath, itemPosition);
    });
  }

  private scalar(node: Scalar, path: FieldPath, here: Position): PlainValue {
    const v = node.value;
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        const written = node.range === undefined || node.range === null ? String(v) : this.text.slice(node.range[0], node.range[1]);
        this.issues.push({ code: "not-finite", path, ...this.positionOf(node, here), message: notFinite(v, written) });
      }
      return v;
    }
    return String(v);
  }
}

/** Issues for every key given twice in one mapping, with its path and where it first appeared. */
function duplicateKeys(root: unknown, file: string, at: LineColumnOf): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const visit = (node: unknown, path: FieldPath): void => {
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
        if (key === undefined) continue;
        const first = seen.get(key);
        if (first !== undefined) {
          issues.push({
            code: "duplicate-key",
            file,
            path: [...path, key],
            ...at(offset),
            message: `duplicate key "${key}" (first given on line ${at(first).line}); each key may appear once`,
          });
        } else seen.set(key, offset);
        visit(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    }
  };
  visit(root, []);
  return issues;
}

/** What is wrong with a number that is not finite, naming it as written (".nan", ".inf", "1e400"). */
function notFinite(value: number, written: string): string {
  if (Number.isNaN(value)) return `${written} is not a number; write a number, or a quantity with a unit`;
  if (/inf/i.test(written)) return `${written} is infinite; write a finite number`;
  return `${written} is too large: it overflows to infinity; write a finite number`;
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * Sets `object[key]` as an own data property. Plain assignment would treat a key written
 * "__proto__" as the object's prototype and drop it silently; as an own key it is validated
 * (and refused as unknown) like any other.
 */
export function setOwn(object: { [key: string]: PlainValue }, key: string, value: PlainValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
