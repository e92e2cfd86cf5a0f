/** The scenario format as JSON Schema (draft-07), for editor autocompletion and validation. */
import { z } from "zod";
import { scenarioSchema } from "./scenario-schema.js";

/** JSON Schema (draft-07) of scenario files as written (units as strings, dates as YYYY-MM-DD). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: "draft-7", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "chokepoint scenario", $id: "https://chokepoint.dev/schema/scenario.json" };
}
