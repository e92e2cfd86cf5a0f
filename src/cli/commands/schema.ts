/** `chokepoint schema`: print the JSON Schema of scenario files. */
import { scenarioJsonSchema } from "../../scenario/index.js";

/** The schema as pretty JSON text. */
export function schemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}
