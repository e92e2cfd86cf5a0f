/**
 * Field kinds: what sort of value a field of the scenario format holds (a date, a mass, a
 * rate, a duration, a share, a growth rate or a plain number), as a relative edit (`--set
 * PATH+=1 year`) needs to know. Read off the zod schema itself by trying one sample of each
 * kind on the field, so that it can never disagree with validation: a field that takes
 * "1 t/day" holds a rate, one that takes "50%" but not "1%/yr" a share. A field that takes
 * none of them holds text (or a list or a mapping).
 */
import { z } from "zod";
import type { FieldPath } from "./scenario-issue.js";

/** The kinds of value a relative edit can change. */
export type FieldKind = "date" | "mass" | "rate" | "duration" | "share" | "growth" | "number";

/** A sample each kind of field accepts, well inside every limit of the format. */
const SAMPLES: readonly (readonly [FieldKind, readonly unknown[]])[] = [
  ["date", ["2000-01-01"]],
  ["mass", ["1 t"]],
  ["rate", ["1 t/day"]],
  ["duration", ["1 day"]],
  ["share", ["50%"]],
  ["growth", ["1%/yr"]],
  // Plain numbers of every bounded field: 0 (elasticities are <= 0), 1, -1 and a fraction.
  ["number", [0, 1, -1, 0.5]],
];

/** What only a field of free text accepts. */
const TEXT_SAMPLE = "no value of any kind";

/**
 * The kinds of value the field at `path` of `schema` accepts, in the order above (empty for
 * text, lists, mappings and paths the format does not have). A growth field also takes shares
 * and a quantity field plain numbers: those kinds are left out, the field's own kind says how
 * a plain number reads in it.
 */
export function fieldKinds(schema: z.ZodType, path: FieldPath): FieldKind[] {
  const fields = fieldSchemasAt(schema, path);
  const accepts = (sample: unknown) => fields.some((field) => field.safeParse(sample).success);
  // A field that takes any text (a name, a note) takes every sample: it holds text.
  if (accepts(TEXT_SAMPLE)) return [];
  const kinds = SAMPLES.filter(([, samples]) => samples.some(accepts)).map(([kind]) => kind);
  if (kinds.includes("growth")) return kinds.filter((k) => k !== "share" && k !== "number");
  if (kinds.some((k) => k !== "number" && k !== "date")) return kinds.filter((k) => k !== "number");
  return kinds;
}

/** Every schema that can apply at `path`, as the field is declared (its own transforms kept). */
function fieldSchemasAt(schema: z.ZodType, path: FieldPath): z.ZodType[] {
  let current: z.ZodType[] = [schema];
  for (const part of path) {
    const next: z.ZodType[] = [];
    for (const candidate of current.flatMap(open)) {
      if (candidate instanceof z.ZodObject) {
        // An own key only: "__proto__" or "constructor" must not find Object.prototype's.
        const shape = candidate.shape as Record<string, z.ZodType>;
        if (Object.hasOwn(shape, String(part))) next.push(shape[String(part)]);
      } else if (candidate instanceof z.ZodRecord) next.push(candidate.valueType as z.ZodType);
      else if (candidate instanceof z.ZodArray && typeof part === "number") next.push(candidate.element as z.ZodType);
      else if (candidate instanceof z.ZodTuple && typeof part === "number") {
        const item = (candidate.def.items as z.ZodType[])[part];
        if (item !== undefined) next.push(item);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** The shapes a schema can take on the way down: wrappers removed, a transform's input, a union's options. */
function open(schema: z.ZodType): z.ZodType[] {
  let current: unknown = schema;
  for (let i = 0; i < 20; i++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap();
    else if (current instanceof z.ZodPipe) current = current.in;
    else break;
  }
  if (current instanceof z.ZodUnion) return (current.options as z.ZodType[]).flatMap(open);
  return [current as z.ZodType];
}
