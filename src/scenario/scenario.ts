/**
 * Scenario: what a loaded scenario is, as types only: the resolved scenario a run or sweep
 * draws replicate worlds from, the values a draw takes, and its portable (plain-data) form.
 * Loading (load-scenario.ts) and rebuilding from plain data (portable-scenario.ts) both make
 * one; keeping the types here lets neither import the other.
 */
import type { WorldSpec } from "../model/index.js";
import type { Position } from "./position-map.js";
import type { FieldPath, ScenarioIssue } from "./scenario-issue.js";
import type { ParsedScenario } from "./scenario-schema.js";
import type { UncertainInput } from "./uncertain-input.js";

/** One sampled input's value in a drawn world (a date's epoch day, an occurrence's 0 or 1). */
export interface SampledValue {
  readonly name: string;
  /** In model units (t/day, days, epoch days). */
  readonly value: number;
  readonly isDate: boolean;
  /** value x displayScale = the value in the unit a plain number means in the file (t/yr for rates). */
  readonly displayScale: number;
}

/** A world drawn for one replicate, with the value each uncertain input took. */
export type DrawResult =
  | { readonly ok: true; readonly spec: WorldSpec; readonly values: readonly SampledValue[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/**
 * Whether an event with a probability below 1 happens is an input of its own, drawn per
 * replicate like any other: its column in replicates.csv is `events.<id>.happens` (0 or 1).
 */
export interface OccurrenceInput {
  readonly name: string;
  readonly eventId: string;
}

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
  /**
   * The central world: every uncertain input at its median, every uncertain event happening.
   * A run draws its own world with `draw`; this one is for counting and inspection.
   */
  readonly spec: WorldSpec;
  /** Inputs written as distributions, sorted by name. */
  readonly inputs: readonly UncertainInput[];
  /** Events that happen with a probability below 1, sorted by name. */
  readonly occurrences: readonly OccurrenceInput[];
  /** Every file it was composed from, entry file first. */
  readonly files: readonly string[];
  /** SHA-256 of the central world and of every input's distribution: equal hashes mean equal scenarios. */
  readonly hash: string;
  /**
   * The world for one replicate: `uniform(name)` gives the number in [0, 1) an input (or an
   * occurrence) is drawn from, by inverse CDF. Issues when the drawn values break a rule.
   */
  draw(uniform: (inputName: string) => number): DrawResult;
  /**
   * What reports call the scenario's controls and events, by id (their `name:`); those without
   * one are left out. Names are for people: they are not part of the hash.
   */
  readonly labels: Readonly<Record<string, string>>;
  /** Where the field at `path` is written (the nearest enclosing field when it is not), for messages about an input. */
  locate(path: FieldPath): Position | undefined;
  /** The scenario as plain data, for a worker thread to rebuild with `restoreScenario` (portable-scenario.ts). */
  portable(): PortableScenario;
}

/** A loaded scenario as plain data: what `Scenario.portable()` gives and `restoreScenario` takes. */
export interface PortableScenario {
  /** The entry file: where an issue with no position of its own is reported. */
  readonly file: string;
  readonly name: string;
  readonly title: string;
  readonly question: string;
  readonly description: string;
  readonly defaultSeed: number;
  readonly files: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** The central world and the hash, as loading computed them (not computed again). */
  readonly spec: WorldSpec;
  readonly hash: string;
  /** The validated document, from which each replicate's world is drawn and resolved. */
  readonly doc: ParsedScenario;
  /** Where each field is written (PositionMap's `toText()`). */
  readonly positions: string;
}

/** A portable scenario without its positions: what a Scenario is besides where its fields are written. */
export type ScenarioAbout = Omit<PortableScenario, "positions">;
