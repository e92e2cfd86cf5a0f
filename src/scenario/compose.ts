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
import type { SourceDocumentCache } from "./source-document-cache.js";

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
  options: { shippedFolder?: string; documents?: SourceDocumentCache } = {},
): { ok: true; document: ComposedDocument } | { ok: false; issues: ScenarioIssue[] } {
  const composer = new Composer(source, options.shippedFolder, options.documents);
  const document = composer.load(entry, [path.resolve(entry)], undefined, composer.realFolder(path.dirname(path.resolve(entry))));
  if (document === undefined || composer.issues.length > 0) return { ok: false, issues: composer.issues };
  return { ok: true, document };
}

/** A file's own data, as parsed. */
interface OwnDocument {
  readonly value: { [key: string]: PlainValue };
  readonly positions: PositionMap;
}

/** One composition: the files read so far, in order, and the problems found. */
class Composer {
  readonly issues: ScenarioIssue[] = [];
  private readonly files: string[] = [];

  constructor(
    private readonly source: FileSource,
    private readonly shippedFolder: string | undefined,
    private readonly documents: SourceDocumentCache | undefined,
  ) {}

  /** A folder with its symbolic links followed. */
  realFolder(folder: string): string {
    return this.source.realPath(folder) ?? folder;
  }

  /**
   * `file` composed with its bases, or undefined (reported) when it cannot be read or parsed.
   * `chain`: the resolved paths of the files that led here, entry first (a base among them is a
   * loop); `referrer`: the base reference that named it; `root`: the folder tree its bases must
   * stay in.
   */
  load(file: string, chain: readonly string[], referrer: BaseReference | undefined, root: string): ComposedDocument | undefined {
    const own = this.parse(file, referrer);
    if (own === undefined) return undefined;
    let merged: ComposedDocument | undefined;
    for (const base of extendsList(file, own.value, own.positions, this.issues)) {
      const loaded = this.loadBase(base, file, chain, root);
      if (loaded !== undefined) merged = mergeBase(merged, loaded, this.files, this.issues);
    }
    return this.withOwnOnTop(merged, file, own);
  }

  /** The data of `file`, noted among the files read; undefined (reported) when it cannot be read or parsed. */
  private parse(file: string, referrer: BaseReference | undefined): OwnDocument | undefined {
    const read = this.source.read(file);
    if (!read.ok) {
      const where = referrer?.position ?? { file, line: 1, column: 1 };
      this.issues.push({ code: "unreadable", ...where, path: referrer?.path ?? [], message: `cannot read ${file}: ${read.reason}` });
      return undefined;
    }
    if (!this.files.includes(file)) this.files.push(file);
    const parsed = this.documents?.parse(file, read.bytes) ?? parseSourceDocument(file, read.bytes);
    if (!parsed.ok) {
      this.issues.push(...parsed.issues);
      return undefined;
    }
    return { value: parsed.value as { [key: string]: PlainValue }, positions: parsed.positions };
  }

  /**
   * The base that `base` (written in `file`) names, composed; undefined (reported) when it names
   * no shipped scenario, leaves the folder tree, loops back, or cannot be loaded.
   */
  private loadBase(base: BaseReference, file: string, chain: readonly string[], root: string): ComposedDocument | undefined {
    if (base.target.startsWith(SHIPPED_PREFIX)) {
      const shipped = shippedBase(base, this.shippedFolder, this.issues);
      if (shipped === undefined) return undefined;
      if (chain.includes(shipped)) {
        this.issues.push({ code: "extends-cycle", ...base.position, path: base.path, message: `extends loops back to ${base.target}` });
        return undefined;
      }
      return this.load(shipped, [...chain, shipped], base, this.realFolder(this.shippedFolder as string));
    }
    const resolved = path.resolve(path.dirname(path.resolve(file)), base.target);
    const display = path.normalize(path.join(path.dirname(file), base.target));
    // Symbolic links are followed before the check, so a link cannot lead out of the tree.
    const relative = path.relative(root, this.source.realPath(resolved) ?? resolved);
    const escapes = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    if (path.isAbsolute(base.target) || escapes) {
      this.issues.push({
        code: "extends-escape",
        ...base.position,
        path: base.path,
        message: `"${base.target}" is outside the scenario's folder tree (${root}); extends may only name files in or below it`,
      });
      return undefined;
    }
    if (chain.includes(resolved)) {
      const loop = [...chain.slice(chain.indexOf(resolved)), resolved].map((p) => path.relative(root, p) || p);
      this.issues.push({ code: "extends-cycle", ...base.position, path: base.path, message: `extends loops: ${loop.join(" -> ")}` });
      return undefined;
    }
    return this.load(display, [...chain, resolved], base, root);
  }

  /** The file's own data (without `extends`) merged over its bases; a null that removes nothing is reported. */
  private withOwnOnTop(merged: ComposedDocument | undefined, file: string, own: OwnDocument): ComposedDocument {
    const ownValue = { ...own.value };
    delete ownValue.extends;
    const ownPositions = new PositionMap();
    ownPositions.overlay(own.positions);
    ownPositions.removeBelow(["extends"]);
    const self = { value: ownValue, positions: ownPositions, files: this.files };
    const orphans: FieldPath[] = [];
    const result = mergeDocuments(merged ?? { value: {}, positions: new PositionMap(), files: this.files }, self, orphans, this.issues);
    for (const orphan of orphans) {
      this.issues.push({
        code: "empty-value",
        ...(own.positions.find(orphan, true) ?? { file, line: 1, column: 1 }),
        path: orphan,
        message:
          /^\d/.test(String(orphan[orphan.length - 1]))
            ? 'has no value: inside { } a comma separates entries, so "13,500 t/yr" splits in two; quote it or write 13500'
            : "has no value; null (or an empty value) only removes an entry inherited through extends, and there is none here",
      });
    }
    return result;
  }
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
