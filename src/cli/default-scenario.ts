/** Where the shipped scenarios live, and which one runs when no file is given. */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's scenarios folder (this file is dist/src/cli/ or src/cli/ inside the package). */
export function scenariosFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(path.dirname(path.dirname(here))) === "dist" ? path.resolve(here, "../../..") : path.resolve(here, "../..");
  return path.join(root, "scenarios");
}

/** The flagship scenario: the October 2025 controls come back on 2026-11-10. */
export function defaultScenarioFile(): string {
  const file = path.join(scenariosFolder(), "reinstated-2026.yaml");
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}
