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
import { DEFAULTS, resolveWorld } from "./resolve-world.js";
import { ScenarioError } from "./scenario-error.js";
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
  const name = doc.name ?? path.basename(file).replace(/\.(ya?ml|json)$/i, "");
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
    },
  };
}

/** As `parseScenario`, but throws a ScenarioError listing every issue. */
export function loadScenarioFrom(file: string, source: FileSource): Scenario {
  const result = parseScenario(file, source);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
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

