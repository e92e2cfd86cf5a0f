/**
 * Validation that goes on past the first problems: the composed document is checked against the
 * format, and when some of it fails, the failing parts are set aside (an unknown key, an entry
 * with a bad value) and the rest is validated again, so that date order, references and every
 * other rule can still be checked on what is valid in the same run. Problems that may only
 * follow from an entry set aside (a reference to it, shares that no longer add up without it)
 * are held back: they are reported, if still there, once the entry is fixed.
 */
import type { FieldPath } from "./scenario-issue.js";
import type { Reference } from "./reference-index.js";
import { scenarioSchema, type ParsedScenario } from "./scenario-schema.js";
import { setOwn, type PlainValue } from "./source-document.js";
import { translateZodIssues, type PlainIssue } from "./zod-issues.js";

/** The outcome of validating a composed document. */
export interface ValidatedDocument {
  /** Every problem the format finds in the document as written. */
  readonly issues: readonly PlainIssue[];
  /** The document without the parts set aside, validated; undefined when a required part failed (start, end, a whole section). */
  readonly doc: ParsedScenario | undefined;
  /** Whether a later problem may only follow from a part set aside, and is to be held back. */
  isConsequence(code: string, path: FieldPath, reference?: Reference): boolean;
}

const PROTO_MESSAGE = 'key "__proto__" is not allowed: JavaScript reads it as an object\'s prototype, so the entry would be lost';

/** Sections whose entries are named by id: an entry that fails is set aside whole. */
const KEYED_SECTIONS = new Set(["commodities", "countries", "facilities", "stockpiles", "floors", "controls", "authorities", "events", "sources"]);
/** Top-level fields without which nothing can be resolved. */
const REQUIRED = new Set(["start", "end", "commodities", "countries"]);
/** What refers to the entries of a section, by the kind of reference. */
const REFERENCE_KIND: Record<string, Reference["kind"]> = {
  commodities: "commodity",
  countries: "country",
  facilities: "facility",
  stockpiles: "stockpile",
  controls: "control",
  authorities: "authority",
};
/** Checks whose outcome depends on the entries of a section (or a field), besides references to them. */
const DEPENDENT_CHECKS: Record<string, readonly string[]> = {
  // Imports from a country set aside drop out of the sum; markets of it are skipped.
  countries: ["shares-sum", "no-demand", "floor-above-level", "empty"],
  commodities: ["no-demand", "floor-above-level", "empty"],
  // Demand and facilities' use size reserves given in days of cover.
  markets: ["no-demand", "floor-above-level"],
  facilities: ["floor-above-level"],
  warmUp: ["floor-above-level"],
};

/** Validates `value`; see the module comment. Never throws for bad input. */
export function validateDocument(value: { [key: string]: PlainValue }): ValidatedDocument {
  const checked = scenarioSchema.safeParse(value, { reportInput: true });
  const formatIssues = checked.success ? [] : translateZodIssues(scenarioSchema, checked.error.issues);
  // zod leaves a "__proto__" key out of a mapping of ids without a word (JavaScript would read it
  // as the prototype); where it is not reported as an unknown key already, it is here.
  const reported = new Set(formatIssues.map((i) => JSON.stringify(i.path)));
  const protoKeys = pathsOfKey(value, "__proto__", [])
    .filter((p) => !reported.has(JSON.stringify(p)))
    .map((p): PlainIssue => ({ code: "bad-key", path: p, message: PROTO_MESSAGE, atKey: true }));
  const issues = [...formatIssues, ...protoKeys];
  if (checked.success) return { issues, doc: checked.data, isConsequence: () => false };
  const failed = { issues, doc: undefined, isConsequence: () => false };

  const asideEntries: FieldPath[] = [];
  const unknownKeys: FieldPath[] = [];
  for (const issue of issues) {
    if (issue.code === "unknown-key" || issue.code === "misplaced-key" || issue.message === PROTO_MESSAGE) {
      unknownKeys.push(issue.path);
      continue;
    }
    const entry = entryOf(issue.path);
    if (entry === undefined) return failed;
    if (!asideEntries.some((p) => samePath(p, entry))) asideEntries.push(entry);
  }
  let rest: PlainValue = value;
  for (const p of [...unknownKeys, ...asideEntries]) rest = without(rest, p, 0);
  const again = scenarioSchema.safeParse(rest);
  // Setting parts aside can only remove problems; if it did not, report what was found.
  if (!again.success) return failed;

  const asideReferences = new Set<string>();
  const dependentChecks = new Set<string>();
  for (const entry of asideEntries) {
    const [section, id] = entry;
    for (const code of DEPENDENT_CHECKS[String(section)] ?? []) dependentChecks.add(code === "empty" ? `empty:${String(section)}` : code);
    const kind = REFERENCE_KIND[String(section)];
    if (kind === undefined || typeof id !== "string") continue;
    asideReferences.add(`${kind}:${id}`);
    // Groups an entry set aside declared are unknown without it.
    const declared = childOf(childOf(childOf(value, section), id), "groups");
    if (Array.isArray(declared)) for (const group of declared) if (typeof group === "string") asideReferences.add(`${kind}:${group}`);
  }
  return {
    issues,
    doc: again.data,
    isConsequence: (code, path, reference) =>
      (reference !== undefined && asideReferences.has(`${reference.kind}:${reference.id}`)) ||
      (code === "empty" ? path.length === 1 && dependentChecks.has(`empty:${String(path[0])}`) : dependentChecks.has(code)),
  };
}

/**
 * The part of the document set aside for a problem at `path`: an entry of a keyed section, a
 * market, or an optional top-level field; undefined when the problem is with something required.
 */
function entryOf(path: FieldPath): FieldPath | undefined {
  const [head] = path;
  if (typeof head !== "string") return undefined;
  if (KEYED_SECTIONS.has(head)) return path.length >= 2 ? path.slice(0, 2) : undefined;
  if (head === "markets") return path.length >= 2 ? path.slice(0, Math.min(3, path.length)) : undefined;
  return REQUIRED.has(head) ? undefined : [head];
}

/** Paths of every mapping key named `key`, at any depth. */
function pathsOfKey(node: PlainValue, key: string, at: FieldPath): FieldPath[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => pathsOfKey(item, key, [...at, i]));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) => [...(k === key ? [[...at, k]] : []), ...pathsOfKey(v, key, [...at, k])]);
}

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function childOf(node: PlainValue | undefined, key: string | number): PlainValue | undefined {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  return Object.hasOwn(node, String(key)) ? node[String(key)] : undefined;
}

/** `node` without the entry at `path` (copied along the way; the rest shared). */
function without(node: PlainValue, path: FieldPath, depth: number): PlainValue {
  if (Array.isArray(node)) {
    const index = path[depth];
    // Only keys are set aside, never list items: a path through a list goes on below it.
    if (typeof index !== "number" || index >= node.length || depth + 1 >= path.length) return node;
    const copy = [...node];
    copy[index] = without(node[index], path, depth + 1);
    return copy;
  }
  if (typeof node !== "object" || node === null) return node;
  const key = String(path[depth]);
  if (!Object.hasOwn(node, key)) return node;
  const copy: { [key: string]: PlainValue } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k !== key) setOwn(copy, k, v);
    else if (depth + 1 < path.length) setOwn(copy, k, without(v, path, depth + 1));
  }
  return copy;
}
