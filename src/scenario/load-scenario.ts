/**
 * Loading a scenario: read and compose its files, validate the merged document against the
 * format, resolve it into a WorldSpec, and report every problem with its file, line and
 * column. Expected failures are values (`{ ok: false, issues }`); only bugs throw.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { WorldSpec } from "../model/index.js";
import { composeScenario } from "./compose.js";
import type { FileSource } from "./file-source.js";
import { SLUG } from "./field-schemas.js";
import { DEFAULTS, resolveWorld } from "./resolve-world.js";
import { ScenarioError } from "./scenario-error.js";
import type { Position } from "./position-map.js";
import { sortIssues, type FieldPath, type ScenarioIssue } from "./scenario-issue.js";
import { scenarioSchema } from "./scenario-schema.js";
import { translateZodIssues } from "./zod-issues.js";

/** A loaded, fully resolved scenario. */
export interface Scenario {
  /** Scenario id: its `name`, or the entry file's base name. */
  readonly name: string;
  readonly title: string;
  /** The one-line question it answers ("" when not given). */
  readonly question: string;
  readonly description: string;
  /** Seed used when the caller gives none. */
  readonly defaultSeed: number;
  readonly spec: WorldSpec;
  /** Every file it was composed from, entry file first. */
  readonly files: readonly string[];
  /** SHA-256 of the resolved spec: equal hashes mean equal worlds. */
  readonly hash: string;
  /** Where the field at `path` is written (the nearest enclosing field when it is not), for messages about an input. */
  locate(path: FieldPath): Position | undefined;
}

/** The outcome of parsing: a scenario, or every issue found. */
export type ParseResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Reads, validates and resolves the scenario at `file` through `source`. Never throws for bad input. */
export function parseScenario(file: string, source: FileSource): ParseResult {
  const composed = composeScenario(file, source);
  if (!composed.ok) return { ok: false, issues: sortIssues(composed.issues) };
  const { value, positions, files } = composed.document;
  const locate = (issuePath: FieldPath, code: string, message: string, atKey = false): ScenarioIssue => {
    const where = positions.find(issuePath, atKey) ?? { file, line: 1, column: 1 };
    return { code, path: issuePath, message, ...where };
  };

  const checked = scenarioSchema.safeParse(value, { reportInput: true });
  if (!checked.success) {
    const issues = translateZodIssues(scenarioSchema, checked.error.issues).map((i) => locate(i.path, i.code, i.message, i.atKey));
    return { ok: false, issues: sortIssues(dedupe(issues)) };
  }
  const doc = checked.data;
  const name = doc.name ?? nameFromFile(file);
  if (name === undefined) {
    const message = `the file name "${path.basename(file)}" gives no usable scenario id; add name: (lower-case letters, digits and dashes)`;
    return { ok: false, issues: [locate([], "no-name", message)] };
  }
  const issues: ScenarioIssue[] = [];
  const spec = resolveWorld(doc, name, (p, code, message, atKey) => issues.push(locate(p, code, message, atKey)));
  if (spec === undefined || issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  const hash = createHash("sha256").update(JSON.stringify(spec)).digest("hex");
  return {
    ok: true,
    scenario: {
      name,
      title: doc.title ?? name,
      question: doc.question ?? "",
      description: doc.description ?? "",
      defaultSeed: doc.seed ?? DEFAULTS.seed,
      spec,
      files,
      hash,
      locate: (p) => positions.find(p),
    },
  };
}

/** As `parseScenario`, but throws a ScenarioError listing every issue. */
export function loadScenarioFrom(file: string, source: FileSource): Scenario {
  const result = parseScenario(file, source);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
}

/**
 * The scenario id a file name gives when the file has no `name:`: its base name without the
 * extension, as a slug ("My Scenario.yaml" -> "my-scenario"); undefined when nothing is left
 * ("...yaml"), so that no id can be "..", name a parent folder, or hold a path separator.
 */
export function nameFromFile(file: string): string | undefined {
  const slug = path
    .basename(file)
    .replace(/\.(ya?ml|json)$/i, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return SLUG.test(slug) ? slug : undefined;
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.file}:${i.line}:${i.column}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

