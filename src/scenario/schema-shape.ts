/**
 * Schema shape: what the scenario schema expects at a field path, read off the zod schema
 * itself so that it can never disagree with validation: the keys a mapping accepts (for "did
 * you mean" hints) and the kinds of value a field takes (mapping, list or single value, for
 * catching a value that replaces an inherited one of another kind).
 */
import { z } from "zod";
import type { FieldPath } from "./scenario-issue.js";

/** The three shapes a value in a data file can have. */
export type ValueKind = "mapping" | "list" | "value";

/** The kind of a plain value (null counts as a single value). */
export function kindOf(value: unknown): ValueKind {
  if (Array.isArray(value)) return "list";
  return typeof value === "object" && value !== null ? "mapping" : "value";
}

/** The keys a mapping at `path` accepts, given its value `input`, and where a key it does not accept would belong. */
export interface KeysInContext {
  readonly known: string[];
  /** For a key another branch of a discriminated union accepts: the discriminator and the values that accept it. */
  readonly elsewhere: (key: string) => { readonly discriminator: string; readonly values: string[] } | undefined;
}

/**
 * The keys a strict object accepts at `path` in `schema` (empty when unknown); where the mapping
 * is one of several shapes told apart by a literal field (a control's `measure`, an event's
 * `type`), only the shape `input` selects counts as known.
 */
export function keysInContext(schema: z.ZodType, path: FieldPath, input: unknown): KeysInContext {
  const objects = schemasAt(schema, path).filter((c): c is z.ZodObject => c instanceof z.ZodObject);
  const discriminator = discriminatorOf(objects);
  const chosen = discriminator === undefined || typeof input !== "object" || input === null ? undefined : (input as Record<string, unknown>)[discriminator];
  const selected = discriminator === undefined ? [] : objects.filter((o) => literalValues(o, discriminator).includes(chosen));
  if (discriminator === undefined || selected.length === 0) return { known: keysOf(objects), elsewhere: () => undefined };
  return {
    known: keysOf(selected),
    elsewhere: (key) => {
      const values = objects.filter((o) => Object.hasOwn(o.shape, key)).flatMap((o) => literalValues(o, discriminator).map(String));
      return values.length === 0 ? undefined : { discriminator, values };
    },
  };
}

function keysOf(objects: readonly z.ZodType[]): string[] {
  const keys = new Set<string>();
  for (const o of objects) if (o instanceof z.ZodObject) for (const key of Object.keys(o.shape)) keys.add(key);
  return [...keys];
}

/** The field every one of several object shapes has as a literal: what tells them apart. */
function discriminatorOf(objects: readonly z.ZodObject[]): string | undefined {
  if (objects.length < 2) return undefined;
  return Object.keys(objects[0].shape).find((key) => objects.every((o) => literalValues(o, key).length > 0));
}

function literalValues(object: z.ZodObject, key: string): unknown[] {
  const field = Object.hasOwn(object.shape, key) ? (object.shape as Record<string, z.ZodType>)[key] : undefined;
  return field instanceof z.ZodLiteral ? [...field.values] : [];
}

/**
 * The kinds of value the schema accepts at `path`, or undefined when the path is not part of
 * the format (an unknown key: validation reports it).
 */
export function acceptedKinds(schema: z.ZodType, path: FieldPath): Set<ValueKind> | undefined {
  const candidates = schemasAt(schema, path);
  if (candidates.length === 0) return undefined;
  const kinds = new Set<ValueKind>();
  for (const candidate of candidates) {
    if (candidate instanceof z.ZodObject || candidate instanceof z.ZodRecord) kinds.add("mapping");
    else if (candidate instanceof z.ZodArray || candidate instanceof z.ZodTuple) kinds.add("list");
    else kinds.add("value");
  }
  return kinds;
}

/** Every schema (unions opened up, wrappers removed) that can apply at `path`. */
function schemasAt(schema: z.ZodType, path: FieldPath): z.ZodType[] {
  let current = expand(schema);
  for (const part of path) {
    const next: z.ZodType[] = [];
    for (const candidate of current) {
      if (candidate instanceof z.ZodObject) {
        // An own key only: "__proto__" or "constructor" must not find Object.prototype's.
        const shape = candidate.shape as Record<string, z.ZodType>;
        if (Object.hasOwn(shape, String(part))) next.push(...expand(shape[String(part)]));
      } else if (candidate instanceof z.ZodRecord) next.push(...expand(candidate.valueType as z.ZodType));
      else if (candidate instanceof z.ZodArray && typeof part === "number") next.push(...expand(candidate.element as z.ZodType));
      else if (candidate instanceof z.ZodTuple && typeof part === "number") {
        const item = (candidate.def.items as z.ZodType[])[part];
        if (item !== undefined) next.push(...expand(item));
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** A schema without optional, nullable and pipe wrappers, with unions opened into their options. */
function expand(schema: z.ZodType): z.ZodType[] {
  let current: unknown = schema;
  for (let i = 0; i < 20; i++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else break;
  }
  if (current instanceof z.ZodUnion) return (current.options as z.ZodType[]).flatMap(expand);
  return [current as z.ZodType];
}
