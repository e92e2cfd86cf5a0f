/**
 * What-if overlays: `--set path=value` replaces one value of a composed scenario before it is
 * validated, as if a last file held just that value. The path is written as in messages
 * (`controls.antimony-licensing-2024.approval`, `trade.routes[2].transit`); the value is YAML
 * (`50%`, `"{uniform: [40%, 80%]}"`, `2027-01-01`, `null` to remove an entry). The path must
 * lead through entries the scenario has, to a field the format knows; every problem is
 * reported against the `--set` argument itself.
 */
import type { ComposedDocument } from "./compose.js";
import { PositionMap } from "./position-map.js";
import { suggest } from "./reference-index.js";
import { scenarioSchema } from "./scenario-schema.js";
import type { FieldPath, ScenarioIssue } from "./scenario-issue.js";
import { acceptedKinds } from "./schema-shape.js";
import { parseSourceDocument, setOwn, type PlainValue } from "./source-document.js";

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

function applySet(document: ComposedDocument, set: string): { ok: true; document: ComposedDocument } | { ok: false; issues: ScenarioIssue[] } {
  // Shown as written, on one line: a line break in the argument is shown as \n.
  const label = `--set ${set.replace(/\r/g, "\\r").replace(/\n/g, "\\n")}`;
  const fail = (message: string, column = 1): { ok: false; issues: ScenarioIssue[] } => ({
    ok: false,
    issues: [{ code: "bad-set", file: label, line: 1, column, path: [], message }],
  });
  const equals = set.indexOf("=");
  if (equals <= 0) return fail('must be path=value, such as controls.antimony-licensing-2024.approval=50%');
  // A value is one line: YAML would read what follows a line break as more keys, and drop them.
  const lineBreak = set.search(/[\r\n]/);
  if (lineBreak >= 0) return fail("must be on one line: the line break here would start a second entry, which --set does not take; give each change its own --set", lineBreak + 1);
  const pathText = set.slice(0, equals).trim();
  const path = parsePath(pathText);
  if (path === undefined || path.length === 0) return fail(`"${pathText}" is not a field path: write keys joined by dots, list positions as [n] (trade.routes[0].transit)`);
  if (path[0] === "extends") return fail("extends cannot be set: --set changes values after the files are composed; name a base in a file's extends: instead");
  if (path.includes("__proto__")) return fail('"__proto__" is not a key of any scenario');

  // The value, read as YAML; its positions point into the --set argument.
  const valueColumn = equals + 2;
  const parsed = parseSourceDocument(label, new TextEncoder().encode(`v: ${set.slice(equals + 1)}`));
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map((i) => ({ ...i, path, line: 1, column: Math.max(1, i.column - 3 + valueColumn - 1) })) };
  const value = (parsed.value as { [key: string]: PlainValue }).v ?? null;

  // Every step but the last must exist; the last must be a field the format knows.
  let parent: PlainValue = document.value;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const next = childOf(parent, key);
    if (next === undefined || next === null || typeof next !== "object") {
      const at = path.slice(0, i + 1);
      const siblings = typeof parent === "object" && parent !== null && !Array.isArray(parent) ? Object.keys(parent) : [];
      const hint = typeof key === "string" ? suggest(key, siblings) : "";
      const known = hint === "" && siblings.length > 0 ? ` (it has ${siblings.slice(0, 8).join(", ")}${siblings.length > 8 ? ", ..." : ""})` : "";
      return fail(`the scenario has no ${formatSteps(at)}${hint}${known}`);
    }
    parent = next;
  }
  const last = path[path.length - 1];
  if (acceptedKinds(scenarioSchema, path) === undefined) {
    const siblings = typeof parent === "object" && parent !== null && !Array.isArray(parent) ? Object.keys(parent) : [];
    return fail(`${formatSteps(path)} is not a field of the scenario format${typeof last === "string" ? suggest(last, siblings) : ""}`);
  }
  if (value === null && childOf(parent, last) === undefined) return fail(`${formatSteps(path)} has no value to remove`);

  const positions = new PositionMap();
  positions.overlay(document.positions);
  positions.removeBelow(path);
  const here = { file: label, line: 1, column: valueColumn };
  // Problems inside the value (a bad bound of a distribution) are reported at the value's start.
  positions.set(path, here, { file: label, line: 1, column: 1 });
  return { ok: true, document: { value: replaceAt(document.value, path, 0, value) as { [key: string]: PlainValue }, positions, files: document.files } };
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

function replaceAt(node: PlainValue, path: FieldPath, depth: number, value: PlainValue): PlainValue | undefined {
  if (depth === path.length) return value;
  const key = path[depth];
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[key as number] = replaceAt(node[key as number], path, depth + 1, value) as PlainValue;
    return copy;
  }
  const object = node as { [key: string]: PlainValue };
  const child = Object.hasOwn(object, String(key)) ? object[String(key)] : undefined;
  const replaced = replaceAt(child ?? {}, path, depth + 1, value);
  const copy: { [key: string]: PlainValue } = {};
  for (const [k, v] of Object.entries(object)) if (k !== String(key)) setOwn(copy, k, v);
  if (replaced !== null || depth + 1 < path.length) setOwn(copy, String(key), replaced as PlainValue);
  return copy;
}
