/** The scenario format as JSON Schema (draft-07), for editor autocompletion and validation. */
import { z } from "zod";
import { scenarioSchema } from "./scenario-schema.js";

/** JSON Schema (draft-07) of scenario files as written (units as strings, dates as YYYY-MM-DD). */
export function scenarioJsonSchema(): Record<string, unknown> {
  // Schemas used more than once (quantities, distributions) go to `definitions` once, by reference:
  // inlined, the same unions repeat at every field and the file is three times larger.
  const schema = z.toJSONSchema(scenarioSchema, { target: "draft-7", io: "input", unrepresentable: "any", reused: "ref" }) as Record<string, unknown>;
  return { ...schema, title: "chokepoint scenario", $id: "https://chokepoint.dev/schema/scenario.json" };
}
