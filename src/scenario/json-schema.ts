/**
 * The scenario format as JSON Schema (draft-07), for editor autocompletion and validation. It
 * describes one file as written, not the composed scenario: a file may be a fragment that others
 * extend (a world without dates, a list of events), may override part of an inherited entry,
 * and may remove an inherited entry with null. So no field is required in the schema and every
 * entry of a mapping may be null; unknown keys and values of the wrong type are still refused.
 * Whether the composed scenario has everything it needs is for `chokepoint validate` to say.
 */
import { z } from "zod";
import { scenarioSchema } from "./scenario-schema.js";

/** A node of a JSON Schema document. */
type SchemaNode = { [key: string]: unknown };

/** JSON Schema (draft-07) of scenario files as written (units as strings, dates as YYYY-MM-DD). */
export function scenarioJsonSchema(): Record<string, unknown> {
  // Schemas used more than once (quantities, distributions) go to `definitions` once, by reference:
  // inlined, the same unions repeat at every field and the file is three times larger.
  const schema = z.toJSONSchema(scenarioSchema, { target: "draft-7", io: "input", unrepresentable: "any", reused: "ref" }) as SchemaNode;
  return { ...asFileSchema(schema), title: "chokepoint scenario", $id: "https://chokepoint.dev/schema/scenario.json" };
}

/**
 * The schema of the composed document turned into that of one file: every object's `required`
 * dropped (a field may come from a base), every property and mapping entry also allowed to be
 * null (removing an inherited entry), and `oneOf` made `anyOf` (a partial control or event
 * without its `measure` or `type` fits more than one shape).
 */
function asFileSchema(node: unknown): SchemaNode {
  return transform(node) as SchemaNode;
}

function transform(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(transform);
  if (typeof node !== "object" || node === null) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node as SchemaNode)) {
    if (key === "required") continue;
    if (key === "properties" && isNode(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, field]) => [name, orNull(transform(field))]));
    } else if (key === "additionalProperties" && isNode(value)) {
      out.additionalProperties = orNull(transform(value));
    } else out[key === "oneOf" ? "anyOf" : key] = transform(value);
  }
  return out;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `field`, or null; its description stays on top, where editors look for it. */
function orNull(field: unknown): SchemaNode {
  const description = isNode(field) && typeof field.description === "string" ? { description: field.description } : {};
  return { ...description, anyOf: [field, { type: "null" }] };
}
