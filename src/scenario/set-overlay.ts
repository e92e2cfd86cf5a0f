/**
 * What-if overlays: `--set path=value` replaces one value of a composed scenario before it is
 * validated, as if a last file held just that value. The path is written as in messages
 * (`controls.antimony-licensing-2024.approval`, `trade.routes[2].transit`); the value is YAML
 * (`50%`, `"{uniform: [40%, 80%]}"`, `2027-01-01`, `null` to remove an entry). The path must
 * lead through entries the scenario has, to a field the format knows; every problem is
 * reported against the `--set` argument itself.
 *
 * `path+=value`, `-=`, `*=` and `/=` change the value the scenario has instead of replacing it
 * (relative-edit.ts: `online+=1 year`, `capacity*=2`, a distribution parameter by parameter).
 * A path may start with a tag selector, `facilities[tag=allied-separation].online-=1 year`,
 * which makes the same edit on every entry of the collection with that tag, exactly as the
 * edits one by one would (tag-selector.ts).
 */
import type { ComposedDocument } from "./compose.js";
import { PositionMap } from "./position-map.js";
import { suggest } from "./reference-index.js";
import { scenarioSchema } from "./scenario-schema.js";
import type { FieldPath, ScenarioIssue } from "./scenario-issue.js";
import { acceptedKinds } from "./schema-shape.js";
import { fieldKinds } from "./field-kind.js";
import { editRelative, type RelativeOperator } from "./relative-edit.js";
import { parseSourceDocument, setOwn, type PlainValue } from "./source-document.js";
import { parseTagSelector, taggedIds, type TagSelector } from "./tag-selector.js";

/** The document with every overlay applied, or the issues of the first that fails. */
export function applySets(
  document: ComposedDocument,
  sets: readonly string[],
): { ok: true; document: ComposedDocument } | { ok: false; issues: ScenarioIssue[] } {
  let current = document;
  for (const set of sets) {
    const applied = applySet(current, set);
    if (!applied.ok) return applied;
    current = applied.document;
  }
  return { ok: true, document: current };
}

type Applied = { ok: true; document: ComposedDocument } | { ok: false; issues: ScenarioIssue[] };

/** One `--set` argument read: where its path ends, its operator and where its value starts. */
interface SetArgument {
  readonly pathText: string;
  readonly operator: "=" | RelativeOperator;
  /** The value (or operand) as written after the operator. */
  readonly valueText: string;
  /** 1-based column of the value in the argument. */
  readonly valueColumn: number;
}

function applySet(document: ComposedDocument, set: string): Applied {
  // Shown as written, on one line: a line break in the argument is shown as \n.
  const label = `--set ${set.replace(/\r/g, "\\r").replace(/\n/g, "\\n")}`;
  const fail = (message: string, column = 1): { ok: false; issues: ScenarioIssue[] } => ({
    ok: false,
    issues: [{ code: "bad-set", file: label, line: 1, column, path: [], message }],
  });
  const argument = readArgument(set);
  if (argument === undefined) return fail("must be path=value, such as controls.antimony-licensing-2024.approval=50%");
  // A value is one line: YAML would read what follows a line break as more keys, and drop them.
  const lineBreak = set.search(/[\r\n]/);
  if (lineBreak >= 0) return fail("must be on one line: the line break here would start a second entry, which --set does not take; give each change its own --set", lineBreak + 1);

  const targets = targetsOf(document.value, argument.pathText);
  if (!targets.ok) return fail(targets.message);
  const first = targets.paths[0];
  if (first[0] === "extends") return fail("extends cannot be set: --set changes values after the files are composed; name a base in a file's extends: instead");
  if (first.includes("__proto__")) return fail('"__proto__" is not a key of any scenario');

  // The value, read as YAML; its positions point into the --set argument.
  const parsed = parseSourceDocument(label, new TextEncoder().encode(`v: ${argument.valueText}`));
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((i) => ({ ...i, path: first, line: 1, column: Math.max(1, i.column - 3 + argument.valueColumn - 1) })) };
  const value = (parsed.value as { [key: string]: PlainValue }).v ?? null;

  const found = reachTargets(document.value, targets, argument.operator !== "=" || value === null, argument.operator);
  if (!found.ok) return fail(found.message);
  const written = writeTargets(document, found.targets, argument, value, label);
  return written.ok ? written : fail(written.message, argument.valueColumn);
}

/** The paths a `--set` path stands for: itself, or one per entry its tag selector reaches. */
interface Targets {
  readonly ok: true;
  readonly paths: (string | number)[][];
  /** The selector, for a group. */
  readonly selector: TagSelector | undefined;
  /** The path after the selector (or the whole path). */
  readonly field: FieldPath;
}

function targetsOf(root: PlainValue, pathText: string): Targets | { ok: false; message: string } {
  const selected = parseTagSelector(pathText, root);
  if (!selected.ok) return selected;
  const selector = selected.selector;
  const field = parsePath(selector === undefined ? pathText : selector.rest);
  if (field === undefined || (selector === undefined && field.length === 0)) {
    return { ok: false, message: `"${pathText}" is not a field path: write keys joined by dots, list positions as [n] (trade.routes[0].transit)` };
  }
  if (selector === undefined) return { ok: true, paths: [field], selector, field };
  const tagged = taggedIds(root, selector);
  if (!tagged.ok) return tagged;
  return { ok: true, paths: tagged.ids.map((id) => [selector.collection, id, ...field]), selector, field };
}

/**
 * Each target with the value it has: every step but the last must exist, and the last too when
 * its value is changed or removed (`needsValue`); a group names every entry that lacks one.
 */
function reachTargets(
  root: PlainValue,
  targets: Targets,
  needsValue: boolean,
  operator: SetArgument["operator"],
): { ok: true; targets: { path: FieldPath; current: PlainValue | undefined }[] } | { ok: false; message: string } {
  const { selector } = targets;
  const lacking: { id: string | number; missing: FieldPath }[] = [];
  const found: { path: FieldPath; current: PlainValue | undefined }[] = [];
  for (const path of targets.paths) {
    const reached = reach(root, path);
    if (!reached.ok) {
      if (selector === undefined) return reached;
      lacking.push({ id: path[1], missing: reached.missing });
      continue;
    }
    if (acceptedKinds(scenarioSchema, path) === undefined) {
      const last = path[path.length - 1];
      return { ok: false, message: `${formatSteps(path)} is not a field of the scenario format${typeof last === "string" ? suggest(last, keysOf(reached.parent)) : ""}` };
    }
    if (needsValue && reached.current === undefined) {
      if (selector === undefined) return { ok: false, message: noValueMessage(path, operator) };
      lacking.push({ id: path[1], missing: path });
      continue;
    }
    found.push({ path, current: reached.current });
  }
  if (selector === undefined || lacking.length === 0) return { ok: true, targets: found };
  // Named by the first entry's missing field, relative to the entry (`release` of `release.lag`).
  const missing = lacking[0].missing.slice(2);
  const field = missing.length === 0 ? "entry" : formatSteps(missing);
  const what = missing.length < targets.field.length ? "" : operator === "=" ? " to remove" : " to change";
  const ids = lacking.map((l) => String(l.id));
  const them = ids.length === 1 ? "it" : "them";
  return { ok: false, message: `${selector.collection}[tag=${selector.tag}]: ${listed(ids)} ${ids.length === 1 ? "has" : "have"} no ${field}${what}; edit the others one by one, or give ${them} one first` };
}

/** The document with each target holding the value written, or the value it had changed. */
function writeTargets(
  document: ComposedDocument,
  targets: readonly { path: FieldPath; current: PlainValue | undefined }[],
  argument: SetArgument,
  value: PlainValue,
  label: string,
): { ok: true; document: ComposedDocument } | { ok: false; message: string } {
  const { operator } = argument;
  let result = document.value as PlainValue;
  const positions = new PositionMap();
  positions.overlay(document.positions);
  for (const { path, current } of targets) {
    let next = value;
    if (operator !== "=") {
      const edited = editRelative(current as PlainValue, fieldKinds(scenarioSchema, path), operator, value, formatSteps(path));
      if (!edited.ok) return edited;
      next = edited.value;
    }
    result = replaceAt(result, path, 0, next) as PlainValue;
    positions.removeBelow(path);
    // Problems inside the value (a bad bound of a distribution) are reported at the value's start.
    positions.set(path, { file: label, line: 1, column: argument.valueColumn }, { file: label, line: 1, column: 1 });
  }
  return { ok: true, document: { value: result as { [key: string]: PlainValue }, positions, files: document.files } };
}

/**
 * The argument's path, operator and value: the operator is the first "=" outside brackets (a
 * tag selector's or a quoted key's), with a +, -, * or / before it for a relative edit.
 */
function readArgument(set: string): SetArgument | undefined {
  let equals = -1;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < set.length && equals < 0; i++) {
    const c = set[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth > 0) quoted = true;
    else if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === "=" && depth === 0) equals = i;
  }
  // An unclosed bracket: the first "=" anyway, so that the path is reported as not a path.
  if (equals < 0) equals = set.indexOf("=");
  if (equals <= 0) return undefined;
  const before = set[equals - 1];
  const isRelative = before === "+" || before === "-" || before === "*" || before === "/";
  const pathText = set.slice(0, isRelative ? equals - 1 : equals).trim();
  if (pathText === "") return undefined;
  return {
    pathText,
    operator: isRelative ? (`${before}=` as RelativeOperator) : "=",
    valueText: set.slice(equals + 1),
    valueColumn: equals + 2,
  };
}

/** How far `path` leads in `root`: every step but the last must exist; the last may not. */
function reach(
  root: PlainValue,
  path: FieldPath,
): { ok: true; parent: PlainValue; current: PlainValue | undefined } | { ok: false; missing: FieldPath; message: string } {
  let parent: PlainValue = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const next = childOf(parent, key);
    if (next === undefined || next === null || typeof next !== "object") {
      const at = path.slice(0, i + 1);
      const siblings = keysOf(parent);
      const hint = typeof key === "string" ? suggest(key, siblings) : "";
      const known = hint === "" && siblings.length > 0 ? ` (it has ${siblings.slice(0, 8).join(", ")}${siblings.length > 8 ? ", ..." : ""})` : "";
      return { ok: false, missing: at, message: `the scenario has no ${formatSteps(at)}${hint}${known}` };
    }
    parent = next;
  }
  return { ok: true, parent, current: childOf(parent, path[path.length - 1]) };
}

/** Why a field that is not written cannot be removed or changed. */
function noValueMessage(path: FieldPath, operator: SetArgument["operator"]): string {
  if (operator === "=") return `${formatSteps(path)} has no value to remove`;
  return `${formatSteps(path)} has no value to change: it is not written in the scenario (a default applies); give it one with = instead`;
}

function keysOf(node: PlainValue): string[] {
  return typeof node === "object" && node !== null && !Array.isArray(node) ? Object.keys(node) : [];
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** `a.b[2].c` or `a["x.y"]` -> ["a", "b", 2, "c"], or undefined. */
export function parsePath(text: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  const pattern = /(?:^|\.)([A-Za-z0-9_-]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(JSON.parse(`"${match[3]}"`) as string);
    at = pattern.lastIndex;
  }
  return steps;
}

function formatSteps(path: FieldPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function childOf(node: PlainValue, key: string | number): PlainValue | undefined {
  if (Array.isArray(node)) return typeof key === "number" ? node[key] : undefined;
  if (typeof node === "object" && node !== null && typeof key === "string") return Object.hasOwn(node, key) ? node[key] : undefined;
  return undefined;
}

/**
 * `node` with `value` at `path` (null at the end removes the entry). An entry keeps its place
 * among its siblings, as a file's override does when files are merged: moved to the end, an
 * edited reserve or facility would change the order the world is built in, and with it the run.
 */
function replaceAt(node: PlainValue, path: FieldPath, depth: number, value: PlainValue): PlainValue | undefined {
  if (depth === path.length) return value;
  const key = path[depth];
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[key as number] = replaceAt(node[key as number], path, depth + 1, value) as PlainValue;
    return copy;
  }
  const object = node as { [key: string]: PlainValue };
  const name = String(key);
  const child = Object.hasOwn(object, name) ? object[name] : undefined;
  const replaced = replaceAt(child ?? {}, path, depth + 1, value) as PlainValue;
  const isRemoved = replaced === null && depth + 1 === path.length;
  const copy: { [key: string]: PlainValue } = {};
  for (const [k, v] of Object.entries(object)) {
    if (k !== name) setOwn(copy, k, v);
    else if (!isRemoved) setOwn(copy, k, replaced);
  }
  if (child === undefined && !isRemoved) setOwn(copy, name, replaced);
  return copy;
}
