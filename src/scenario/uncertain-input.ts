/**
 * Uncertain inputs: a scenario field written as a distribution instead of a value. Validation
 * leaves an `Uncertain` tag at that place of the parsed document; `uncertainInputs` lists them
 * (named by their path in the file, which also names their random stream), and `concretize`
 * puts one drawn value in the place of each, giving the plain document the resolver turns into
 * a world. Nothing is drawn here: the caller (a run, a sweep's design) supplies the values.
 */
import type { Distribution } from "../engine/index.js";
import { formatPath, type FieldPath } from "./scenario-issue.js";

/** What validation leaves where a field is a distribution. */
export interface Uncertain<Value = number> {
  readonly uncertain: Distribution;
  /** The drawn value is wrapped as `{ [wrap]: value }` (reserve levels in tonnes or days of cover). */
  readonly wrap?: "tonnes" | "coverDays";
  /** The value is an epoch day (shown as a date). */
  readonly isDate?: boolean;
  /** Shown multiplied by this (rates: t/day in the model, t/yr as written). */
  readonly displayScale?: number;
  /** Type-level only: what the field holds once drawn. */
  readonly __value?: Value;
}

/** The parsed document with every uncertain field drawn: what the resolver reads. */
export type Concrete<T> =
  T extends Uncertain<infer V> ? V : T extends readonly (infer U)[] ? Concrete<U>[] : T extends object ? { [K in keyof T]: Concrete<T[K]> } : T;

/** One uncertain input of a scenario. */
export interface UncertainInput {
  /** Where it sits in the parsed document. */
  readonly path: FieldPath;
  /** Its path as written (`controls.x.approval`): the column of replicates.csv and the name of its random stream. */
  readonly name: string;
  readonly distribution: Distribution;
  readonly isDate: boolean;
  /** Model value x this = the value in the unit a plain number means in the file (t/yr for rates; 1 otherwise). */
  readonly displayScale: number;
}

/** Whether a parsed value is an uncertain tag. */
export function isUncertain(value: unknown): value is Uncertain<unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "uncertain");
}

/** Every uncertain field of a parsed document, sorted by name (so their order never depends on the file's). */
export function uncertainInputs(document: unknown): UncertainInput[] {
  const found: UncertainInput[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (isUncertain(value)) {
      found.push({ path: [...path], name: formatPath(path), distribution: value.uncertain, isDate: value.isDate === true, displayScale: value.displayScale ?? 1 });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (typeof value === "object" && value !== null) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(document, []);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The document with input i's place holding `values[i]` (wrapped where the tag says so).
 * Only the objects on the way to an uncertain field are copied; the rest is shared.
 */
export function concretize<T>(document: T, inputs: readonly UncertainInput[], values: readonly number[]): Concrete<T> {
  if (inputs.length === 0) return document as Concrete<T>;
  let root: unknown = document;
  inputs.forEach((input, i) => {
    root = setAt(root, input.path, 0, values[i]);
  });
  return root as Concrete<T>;
}

function setAt(node: unknown, path: FieldPath, depth: number, value: number): unknown {
  if (depth === path.length) {
    const tag = node as Uncertain<unknown>;
    return tag.wrap === undefined ? value : { [tag.wrap]: value };
  }
  const key = path[depth];
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[key as number] = setAt(node[key as number], path, depth + 1, value);
    return copy;
  }
  const object = node as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, String(key), { value: setAt(object[String(key)], path, depth + 1, value), enumerable: true, writable: true, configurable: true });
  return copy;
}
