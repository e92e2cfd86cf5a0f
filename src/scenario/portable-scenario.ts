/**
 * PortableScenario: a loaded scenario as plain data (structured-clone-able), and the scenario
 * rebuilt from it. A sweep's main thread loads its scenarios once and sends each worker thread
 * their portable form, so that a worker neither reads, composes nor validates the files again
 * (nor loads the parsers that do), and runs on exactly the world the main thread planned with.
 * The part of loading that both do, turning a validated document into a Scenario that draws
 * replicate worlds, is here; reading and validating stay in load-scenario.ts.
 */
import { ChokepointError, quantile } from "../engine/index.js";
import type { WorldSpec } from "../model/index.js";
import type { DrawResult, OccurrenceInput, PortableScenario, SampledValue, Scenario, ScenarioAbout } from "./scenario.js";

export type { PortableScenario, ScenarioAbout } from "./scenario.js";
import { PositionMap, type Position } from "./position-map.js";
import type { Report } from "./reference-index.js";
import type { resolveWorld } from "./resolve-world.js";
import { DEFAULTS } from "./scenario-defaults.js";
import { sortIssues, type FieldPath, type ScenarioIssue } from "./scenario-issue.js";
import type { ConcreteScenario, ParsedScenario } from "./scenario-schema.js";
import { concretize, isUncertain, uncertainInputs, type UncertainInput } from "./uncertain-input.js";

/** Where the field at a path is written (PositionMap's `find`). */
export type FindPosition = (path: FieldPath, preferKey?: boolean) => Position | undefined;

/** The world of a document with its uncertain inputs at `values` and its chance events decided by `happens`, problems reported to `report`. */
export type ResolveDrawn = (values: readonly number[], happens: readonly boolean[], report: Report) => WorldSpec | undefined;

/** Where an issue at `issuePath` is written, as an issue. */
type LocateIssue = (issuePath: FieldPath, code: string, message: string, atKey?: boolean) => ScenarioIssue;

/** The events that happen by chance (a probability below 1 or uncertain), by input name. */
export function chanceEvents(doc: ParsedScenario): OccurrenceInput[] {
  return Object.entries(doc.events ?? {})
    .filter(([, e]) => e.probability !== undefined && (isUncertain(e.probability) || e.probability < 1))
    .map(([id]) => ({ name: `events.${id}.happens`, eventId: id }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * The resolver of `doc`'s drawn worlds: its inputs at given values, its chance events decided,
 * then resolved by `resolve` (resolve-world.ts's `resolveWorld`, passed in: see restoreScenario).
 */
export function drawnWorldResolver(
  doc: ParsedScenario,
  inputs: readonly UncertainInput[],
  occurrences: readonly OccurrenceInput[],
  name: string,
  find: FindPosition,
  resolve: typeof resolveWorld,
): ResolveDrawn {
  return (values, happens, report) => {
    let concrete = concretize(doc, inputs, values);
    if (occurrences.length > 0) concrete = withOccurrences(concrete, occurrences, happens);
    return resolve(concrete, name, report, (p) => find(p, true));
  };
}

/** Each input at its median: the central world's values. */
export function centralValues(inputs: readonly UncertainInput[]): number[] {
  return inputs.map((input) => quantile(input.distribution, 0.5));
}

/** The issue-locating function of a document whose positions `find` gives (entry file `file`). */
export function issueLocator(file: string, find: FindPosition): LocateIssue {
  return (issuePath, code, message, atKey = false) => {
    const where = find(issuePath, atKey) ?? { file, line: 1, column: 1 };
    return { code, path: issuePath, message, ...where };
  };
}

/** What assembling a scenario needs. */
export interface ScenarioParts {
  readonly about: ScenarioAbout;
  /** The whole portable form (computed when first asked for: only a sweep sends one). */
  readonly portable: () => PortableScenario;
  readonly find: FindPosition;
  readonly inputs: readonly UncertainInput[];
  readonly occurrences: readonly OccurrenceInput[];
  readonly resolve: ResolveDrawn;
}

/** The Scenario of a loaded (or restored) document. */
export function assembleScenario(parts: ScenarioParts): Scenario {
  const { about, portable, find, inputs, occurrences, resolve } = parts;
  return {
    name: about.name,
    title: about.title,
    question: about.question,
    description: about.description,
    defaultSeed: about.defaultSeed,
    spec: about.spec,
    inputs,
    occurrences,
    files: about.files,
    hash: about.hash,
    draw: drawing(about.spec, about.doc, inputs, occurrences, resolve, issueLocator(about.file, find)),
    labels: about.labels,
    locate: (p) => find(p),
    portable,
  };
}

/**
 * The scenario `portable` holds (as `Scenario.portable()` gave it, possibly cloned to another
 * thread): its central world and hash as given, each replicate's world drawn and resolved from
 * its document as the loaded scenario draws it, so both draw the same worlds. The resolver
 * (and the format's schemas it imports) is loaded only for a scenario with something uncertain:
 * every world of the others is the central one.
 */
export async function restoreScenario(portable: PortableScenario): Promise<Scenario> {
  // Decoded when first asked for: a worker needs positions only to report a draw that breaks a rule.
  let positions: PositionMap | undefined;
  const find: FindPosition = (p, preferKey) => (positions ??= PositionMap.fromText(portable.positions)).find(p, preferKey);
  const inputs = uncertainInputs(portable.doc);
  const occurrences = chanceEvents(portable.doc);
  const resolveWorld = inputs.length + occurrences.length > 0 ? (await import("./resolve-world.js")).resolveWorld : centralOnly;
  const resolve = drawnWorldResolver(portable.doc, inputs, occurrences, portable.name, find, resolveWorld);
  return assembleScenario({ about: portable, portable: () => portable, find, inputs, occurrences, resolve });
}

/** The resolver of a scenario with nothing uncertain, which `draw` never calls. */
const centralOnly: typeof resolveWorld = () => {
  throw new ChokepointError("bug", "a scenario with nothing uncertain was asked to resolve a drawn world");
};

/**
 * The scenario's `draw`: its inputs at the quantiles `uniform` gives each by name, its chance
 * events happening when their uniform falls below their (drawn) probability, then resolved;
 * a scenario with nothing uncertain is its central world.
 */
function drawing(
  spec: WorldSpec,
  doc: ParsedScenario,
  inputs: readonly UncertainInput[],
  occurrences: readonly OccurrenceInput[],
  resolve: ResolveDrawn,
  locate: LocateIssue,
): Scenario["draw"] {
  return (uniform): DrawResult => {
    if (inputs.length === 0 && occurrences.length === 0) return { ok: true, spec, values: [] };
    const values = inputs.map((input) => quantile(input.distribution, uniform(input.name)));
    const drawnDoc = concretize(doc, inputs, values);
    const happens = occurrences.map((o) => uniform(o.name) < (drawnDoc.events?.[o.eventId]?.probability ?? DEFAULTS.probability));
    const drawIssues: ScenarioIssue[] = [];
    const drawn = resolve(values, happens, (p, code, message, atKey) => drawIssues.push(locate(p, code, message, atKey)));
    if (drawn === undefined) return { ok: false, issues: sortIssues(drawIssues) };
    const sampled: SampledValue[] = [
      ...inputs.map((input, i) => ({ name: input.name, value: values[i], isDate: input.isDate, displayScale: input.displayScale })),
      ...occurrences.map((o, i) => ({ name: o.name, value: happens[i] ? 1 : 0, isDate: false, displayScale: 1 })),
    ];
    return { ok: true, spec: drawn, values: sampled };
  };
}

/** The document with each uncertain event's probability replaced by whether it happens (1 or 0). */
function withOccurrences(doc: ConcreteScenario, occurrences: readonly OccurrenceInput[], happens: readonly boolean[]): ConcreteScenario {
  const events = { ...doc.events };
  occurrences.forEach((o, i) => {
    const event = events[o.eventId];
    if (event !== undefined) events[o.eventId] = { ...event, probability: happens[i] ? 1 : 0 };
  });
  return { ...doc, events };
}
