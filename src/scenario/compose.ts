/**
 * Composition: a scenario file may `extends:` one or more base files (paths relative to
 * itself). Bases are merged in order, then the file itself on top: mappings merge key by
 * key, lists and single values replace, and `null` removes an inherited entry. Paths may not
 * leave the folder tree of the file being loaded, and may not loop. A scenario's own
 * metadata (name, title, question, description) is never inherited.
 */
import path from "node:path";
import type { FileSource } from "./file-source.js";
import type { FieldPath, ScenarioIssue } from "./scenario-issue.js";
import { PositionMap, type Position } from "./position-map.js";
import { scenarioSchema } from "./scenario-schema.js";
import { acceptedKinds, kindOf, type ValueKind } from "./schema-shape.js";
import { parseSourceDocument, setOwn, type PlainValue } from "./source-document.js";

/** Keys that describe one scenario file and are not inherited from its bases. */
export const OWN_KEYS = ["name", "title", "question", "description"] as const;

/** A scenario's merged data with the position of every field, and the files it came from. */
export interface ComposedDocument {
  readonly value: { [key: string]: PlainValue };
  readonly positions: PositionMap;
  /** Every file read, entry file first, each once. */
  readonly files: readonly string[];
}

/** The prefix that names a shipped scenario instead of a path: `extends: chokepoint:reinstated-2026`. */
export const SHIPPED_PREFIX = "chokepoint:";

/**
 * Composes the file at `entry` with everything it extends. `shippedFolder` is where
 * `chokepoint:NAME` bases live; a shipped file's own bases must stay in that folder's tree.
 * Never throws for bad input.
 */
export function composeScenario(
  entry: string,
  source: FileSource,
  options: { shippedFolder?: string } = {},
): { ok: true; document: ComposedDocument } | { ok: false; issues: ScenarioIssue[] } {
  const realFolder = (folder: string) => source.realPath(folder) ?? folder;
  const entryRoot = realFolder(path.dirname(path.resolve(entry)));
  const issues: ScenarioIssue[] = [];
  const files: string[] = [];

  const load = (file: string, chain: readonly string[], referrer: BaseReference | undefined, root: string): ComposedDocument | undefined => {
    const read = source.read(file);
    if (!read.ok) {
      const where = referrer?.position ?? { file, line: 1, column: 1 };
      issues.push({ code: "unreadable", ...where, path: referrer?.path ?? [], message: `cannot read ${file}: ${read.reason}` });
      return undefined;
    }
    if (!files.includes(file)) files.push(file);
    const parsed = parseSourceDocument(file, read.bytes);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      return undefined;
    }
    const own = parsed.value as { [key: string]: PlainValue };
    const bases = extendsList(file, own, parsed.positions, issues);
    let merged: ComposedDocument | undefined;
    for (const base of bases) {
      if (base.target.startsWith(SHIPPED_PREFIX)) {
        const shipped = shippedBase(base, options.shippedFolder, issues);
        if (shipped === undefined) continue;
        if (chain.includes(shipped)) {
          issues.push({ code: "extends-cycle", ...base.position, path: base.path, message: `extends loops back to ${base.target}` });
          continue;
        }
        const loaded = load(shipped, [...chain, shipped], base, realFolder(options.shippedFolder as string));
        if (loaded !== undefined) merged = mergeBase(merged, loaded, files, issues);
        continue;
      }
      const resolved = path.resolve(path.dirname(path.resolve(file)), base.target);
      const display = path.normalize(path.join(path.dirname(file), base.target));
      // Symbolic links are followed before the check, so a link cannot lead out of the tree.
      const relative = path.relative(root, source.realPath(resolved) ?? resolved);
      const escapes = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
      if (path.isAbsolute(base.target) || escapes) {
        issues.push({
          code: "extends-escape",
          ...base.position,
          path: base.path,
          message: `"${base.target}" is outside the scenario's folder tree (${root}); extends may only name files in or below it`,
        });
        continue;
      }
      if (chain.includes(resolved)) {
        const loop = [...chain.slice(chain.indexOf(resolved)), resolved].map((p) => path.relative(root, p) || p);
        issues.push({ code: "extends-cycle", ...base.position, path: base.path, message: `extends loops: ${loop.join(" -> ")}` });
        continue;
      }
      const loaded = load(display, [...chain, resolved], base, root);
      if (loaded !== undefined) merged = mergeBase(merged, loaded, files, issues);
    }
    const ownValue = { ...own };
    delete ownValue.extends;
    const ownPositions = new PositionMap();
    ownPositions.overlay(parsed.positions);
    ownPositions.removeBelow(["extends"]);
    const self = { value: ownValue, positions: ownPositions, files };
    const orphans: FieldPath[] = [];
    const result = mergeDocuments(merged ?? { value: {}, positions: new PositionMap(), files }, self, orphans, issues);
    for (const orphan of orphans) {
      issues.push({
        code: "empty-value",
        ...(parsed.positions.find(orphan, true) ?? { file, line: 1, column: 1 }),
        path: orphan,
        message:
          /^\d/.test(String(orphan[orphan.length - 1]))
            ? 'has no value: inside { } a comma separates entries, so "13,500 t/yr" splits in two; quote it or write 13500'
            : "has no value; null (or an empty value) only removes an entry inherited through extends, and there is none here",
      });
    }
    return result;
  };

  const document = load(entry, [path.resolve(entry)], undefined, entryRoot);
  if (document === undefined || issues.length > 0) return { ok: false, issues };
  return { ok: true, document };
}

/** `merged` with one more base on top (its own name, title, question and description left out). */
function mergeBase(merged: ComposedDocument | undefined, loaded: ComposedDocument, files: string[], issues: ScenarioIssue[]): ComposedDocument {
  const baseValue = { ...loaded.value };
  const basePositions = new PositionMap();
  basePositions.overlay(loaded.positions);
  for (const key of OWN_KEYS) {
    delete baseValue[key];
    basePositions.removeBelow([key]);
  }
  const base = { value: baseValue, positions: basePositions, files };
  return merged === undefined ? base : mergeDocuments(merged, base, [], issues);
}

/** The file a `chokepoint:NAME` base names, or undefined (reported) when it names none. */
function shippedBase(base: BaseReference, shippedFolder: string | undefined, issues: ScenarioIssue[]): string | undefined {
  const name = base.target.slice(SHIPPED_PREFIX.length);
  const report = (message: string) => {
    issues.push({ code: "bad-extends", ...base.position, path: base.path, message });
    return undefined;
  };
  if (shippedFolder === undefined) return report(`"${base.target}" names a shipped scenario, but no folder of shipped scenarios is known here`);
  if (!/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/.test(name)) {
    return report(`"${base.target}" must name a shipped scenario, such as chokepoint:reinstated-2026 or chokepoint:world/base`);
  }
  return path.join(shippedFolder, `${name}.yaml`);
}

interface BaseReference {
  readonly target: string;
  readonly path: FieldPath;
  readonly position: Position;
}

function extendsList(file: string, own: { [key: string]: PlainValue }, positions: PositionMap, issues: ScenarioIssue[]): BaseReference[] {
  const value = own.extends;
  if (value === undefined || value === null) return [];
  const entries = typeof value === "string" ? [value] : Array.isArray(value) ? value : undefined;
  const where = (p: FieldPath) => positions.find(p) ?? { file, line: 1, column: 1 };
  if (entries === undefined) {
    issues.push({ code: "bad-extends", ...where(["extends"]), path: ["extends"], message: "must be a file path or a list of file paths" });
    return [];
  }
  const bases: BaseReference[] = [];
  entries.forEach((entry, i) => {
    const p: FieldPath = typeof value === "string" ? ["extends"] : ["extends", i];
    if (typeof entry !== "string" || entry.trim() === "") {
      issues.push({ code: "bad-extends", ...where(p), path: p, message: "must be a file path (a non-empty string)" });
      return;
    }
    bases.push({ target: entry, path: p, position: where(p) });
  });
  return bases;
}

/**
 * Merges `top` over `base`: mappings key by key, everything else replaced, null deletes.
 * Paths where `top` has null but `base` has nothing to delete are added to `orphans`; a value
 * that replaces an inherited one of another kind the field does not take (a mapping of 47
 * facilities replaced by `true`) is added to `clashes` with both places.
 */
export function mergeDocuments(base: ComposedDocument, top: ComposedDocument, orphans: FieldPath[] = [], clashes: ScenarioIssue[] = []): ComposedDocument {
  const positions = new PositionMap();
  positions.overlay(base.positions);
  const context: MergeContext = { positions, basePositions: base.positions, topPositions: top.positions, orphans, clashes };
  const value = mergeValue(base.value, top.value, [], context) as { [key: string]: PlainValue };
  positions.overlay(top.positions);
  return { value: value ?? {}, positions, files: base.files };
}

interface MergeContext {
  /** Positions of the merged document, being built. */
  readonly positions: PositionMap;
  readonly basePositions: PositionMap;
  readonly topPositions: PositionMap;
  readonly orphans: FieldPath[];
  readonly clashes: ScenarioIssue[];
}

function isMapping(v: PlainValue | undefined): v is { [key: string]: PlainValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const KIND_WORDS: Record<ValueKind, string> = { mapping: "a mapping", list: "a list", value: "a single value" };

function mergeValue(base: PlainValue | undefined, top: PlainValue, at: FieldPath, context: MergeContext): PlainValue | undefined {
  const { positions } = context;
  if (top === null) {
    if (base === undefined) context.orphans.push(at);
    positions.removeBelow(at);
    return undefined;
  }
  if (base !== undefined && base !== null) checkKinds(base, top, at, context);
  if (isMapping(top)) {
    const from = isMapping(base) ? base : {};
    if (!isMapping(base)) positions.removeBelow(at);
    const out: { [key: string]: PlainValue } = { ...from };
    for (const [key, value] of Object.entries(top)) {
      // Own keys only: a key written "toString" must not find Object.prototype's.
      const merged = mergeValue(Object.hasOwn(from, key) ? from[key] : undefined, value, [...at, key], context);
      if (merged === undefined) delete out[key];
      else setOwn(out, key, merged);
    }
    return out;
  }
  // Only a replaced mapping or list has positions below it to forget.
  positions.removeBelow(at, typeof base === "object" && base !== null);
  return top;
}

/** Reports a replacement whose old or new kind the field does not take. */
function checkKinds(base: PlainValue, top: PlainValue, at: FieldPath, context: MergeContext): void {
  const baseKind = kindOf(base);
  const topKind = kindOf(top);
  if (baseKind === topKind) return;
  const accepted = acceptedKinds(scenarioSchema, at);
  // A field that takes both (a fixed value or a distribution) may switch; unknown keys are reported by validation.
  if (accepted === undefined || (accepted.has(baseKind) && accepted.has(topKind))) return;
  const here = context.topPositions.find(at);
  const there = context.basePositions.find(at);
  if (here === undefined) return;
  const inherited = there === undefined ? "" : ` from ${there.file}:${there.line}:${there.column}`;
  const expected = [...accepted].map((k) => KIND_WORDS[k]).join(" or ");
  context.clashes.push({
    code: "merge-clash",
    ...here,
    path: at,
    message: `${KIND_WORDS[topKind]} here replaces ${KIND_WORDS[baseKind]} inherited${inherited}; this field takes ${expected}, so one of the two files is wrong (null removes an inherited entry)`,
  });
}
