/** Where the package's own scenarios are: the folder `extends: chokepoint:NAME` and `chokepoint list` use. */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's scenarios folder (this file is dist/src/scenario/ or src/scenario/ inside the package). */
export function shippedScenariosFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(path.dirname(path.dirname(here))) === "dist" ? path.resolve(here, "../../..") : path.resolve(here, "../..");
  return path.join(root, "scenarios");
}
