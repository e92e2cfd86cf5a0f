/** Which scenario runs when no file is given. */
import path from "node:path";
import { shippedScenariosFolder } from "../scenario/index.js";

/** The flagship scenario: the October 2025 controls come back on 2026-11-10. */
export function defaultScenarioFile(): string {
  const file = path.join(shippedScenariosFolder(), "reinstated-2026.yaml");
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}
