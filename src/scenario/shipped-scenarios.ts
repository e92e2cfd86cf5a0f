/** Where the package's own scenarios are: the folder `extends: chokepoint:NAME` and `chokepoint list` use, and the file a shipped scenario's name stands for. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SHIPPED_PREFIX } from "./compose.js";

/** The package's root folder (this file is dist/src/scenario/ or src/scenario/ inside the package). */
function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(path.dirname(here))) === "dist" ? path.resolve(here, "../../..") : path.resolve(here, "../..");
}

/** The package's scenarios folder. */
export function shippedScenariosFolder(): string {
  return path.join(packageRoot(), "scenarios");
}

/** The package's record of past episodes, which `chokepoint backtest` scores the model against. */
export function shippedEpisodesFile(): string {
  return path.join(packageRoot(), "validation", "episodes.yaml");
}

/**
 * The file the shipped scenario `name` would be: `extended-2026` (as `chokepoint list` prints
 * it) or `chokepoint:extended-2026` (as `extends:` writes it) is `scenarios/extended-2026.yaml`
 * of the package. Undefined when `name` cannot name one (it is a path or a file name, such as
 * `my.yaml`). Whether the file exists is for the caller to find out.
 */
export function shippedScenarioFile(name: string): string | undefined {
  const bare = name.startsWith(SHIPPED_PREFIX) ? name.slice(SHIPPED_PREFIX.length) : name;
  if (!/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/.test(bare)) return undefined;
  return path.join(shippedScenariosFolder(), `${bare}.yaml`);
}
