/**
 * Loading a scenario: read and compose its files, validate the merged document against the
 * format, resolve it into a WorldSpec, and report every problem with its file, line and
 * column. Expected failures are values (`{ ok: false, issues }`); only bugs throw.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { WorldSpec } from "../model/index.js";
import { checkCompoundLimits } from "./compound-limits.js";
import { composeScenario } from "./compose.js";
import type { FileSource } from "./file-source.js";
import { SLUG } from "./field-schemas.js";
import { resolveWorld } from "./resolve-world.js";
import { DEFAULTS } from "./scenario-defaults.js";
import { ScenarioError } from "./scenario-error.js";
import { sortIssues, type ScenarioIssue } from "./scenario-issue.js";
import { checkUncertainDateOrder } from "./date-order.js";
import type { Report } from "./reference-index.js";
import { assembleScenario, centralValues, chanceEvents, drawnWorldResolver, issueLocator } from "./portable-scenario.js";
import type { OccurrenceInput, PortableScenario, Scenario, ScenarioAbout } from "./scenario.js";

export type { DrawResult, OccurrenceInput, SampledValue, Scenario } from "./scenario.js";
import { applySets } from "./set-overlay.js";
import type { SourceDocumentCache } from "./source-document-cache.js";
import { uncertainInputs, type UncertainInput } from "./uncertain-input.js";
import { validateDocument } from "./validate-document.js";

/** The outcome of parsing: a scenario, or every issue found. */
export type ParseResult = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** How a scenario is loaded besides its files. */
export interface ParseOptions {
  /** What-if overlays, `path=value` each, applied on top of the files in order (as `--set` gives them). */
  readonly sets?: readonly string[];
  /** The folder `extends: chokepoint:NAME` names (the shipped scenarios). */
  readonly shippedFolder?: string;
  /** Files already parsed by this command (several scenarios extending the same bases parse each once). */
  readonly documents?: SourceDocumentCache;
}

/** Reads, validates and resolves the scenario at `file` through `source`. Never throws for bad input. */
export function parseScenario(file: string, source: FileSource, options: ParseOptions = {}): ParseResult {
  const composed = composeScenario(file, source, { shippedFolder: options.shippedFolder, documents: options.documents });
  if (!composed.ok) return { ok: false, issues: sortIssues(composed.issues) };
  const overlaid = applySets(composed.document, options.sets ?? []);
  if (!overlaid.ok) return { ok: false, issues: overlaid.issues };
  const { value, positions, files } = overlaid.document;
  const find = positions.find.bind(positions);
  const locate = issueLocator(file, find);

  // Every problem that can be found in one run: the format's, then date order, references and
  // the other rules on the parts that are valid (see validate-document.ts).
  const validated = validateDocument(value);
  const issues: ScenarioIssue[] = validated.issues.map((i) => locate(i.path, i.code, i.message, i.atKey));
  const doc = validated.doc;
  if (doc === undefined) return { ok: false, issues: sortIssues(dedupe(issues)) };
  const orderPaths = new Set<string>();
  const note: Report = (p, code, message, atKey, reference) => {
    if (validated.isConsequence(code, p, reference)) return;
    // A date pair whose ranges overlap is reported once, not again for its central dates.
    if (code === "date-order" && orderPaths.has(JSON.stringify(p))) return;
    issues.push(locate(p, code, message, atKey));
  };
  const name = doc.name ?? nameFromFile(file);
  if (name === undefined) {
    note([], "no-name", `the file name "${path.basename(file)}" gives no usable scenario id; add name: (lower-case letters, digits and dashes)`);
  }
  const inputs = uncertainInputs(doc);
  const occurrences = chanceEvents(doc);
  checkUncertainDateOrder(doc, (p, code, message, atKey) => {
    note(p, code, message, atKey);
    orderPaths.add(JSON.stringify(p));
  });

  const resolve = drawnWorldResolver(doc, inputs, occurrences, name ?? "scenario", find, resolveWorld);
  const central = resolve(
    centralValues(inputs),
    occurrences.map(() => true),
    note,
  );
  // Checked once, on the ranges of uncertain inputs, so that no draw can cross a compound limit.
  if (central !== undefined) checkCompoundLimits(central, doc, note);
  if (issues.length > 0 || central === undefined || name === undefined) return { ok: false, issues: sortIssues(dedupe(issues)) };
  const spec = central;
  const about: ScenarioAbout = {
    file,
    name,
    title: doc.title ?? name,
    question: doc.question ?? "",
    description: doc.description ?? "",
    defaultSeed: doc.seed ?? DEFAULTS.seed,
    files,
    labels: labelsOf(doc),
    spec,
    hash: scenarioHash(spec, inputs, occurrences),
    doc,
  };
  let portable: PortableScenario | undefined;
  const portableOf = () => (portable ??= { ...about, positions: positions.toText() });
  return { ok: true, scenario: assembleScenario({ about, portable: portableOf, find, inputs, occurrences, resolve }) };
}

/** The scenario's identity: its central world, its uncertain inputs' distributions and its chance events. */
function scenarioHash(spec: WorldSpec, inputs: readonly UncertainInput[], occurrences: readonly OccurrenceInput[]): string {
  return createHash("sha256")
    .update(JSON.stringify({ spec, inputs: inputs.map((i) => ({ name: i.name, distribution: i.distribution })), occurrences: occurrences.map((o) => o.name) }))
    .digest("hex");
}

/** The `name:` of each control and event that has one, by id. */
function labelsOf(doc: { controls?: Record<string, { name?: string }>; events?: Record<string, { name?: string }> }): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const section of [doc.controls ?? {}, doc.events ?? {}]) {
    for (const [id, entry] of Object.entries(section)) if (entry.name !== undefined) labels[id] = entry.name;
  }
  return labels;
}

/** As `parseScenario`, but throws a ScenarioError listing every issue. */
export function loadScenarioFrom(file: string, source: FileSource, options: ParseOptions = {}): Scenario {
  const result = parseScenario(file, source, options);
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

