/** Which scenario runs when no file is given. */
import path from "node:path";
import { shippedScenariosFolder } from "../scenario/index.js";

/** The flagship scenario: the October 2025 controls come back on 2026-11-10. */
export function defaultScenarioFile(): string {
  return shipped("reinstated-2026.yaml");
}

/** The scenario `sensitivity` ranks when no file is given: the flagship with the reinstatement's chance and date uncertain. */
export function sensitivityScenarioFile(): string {
  return shipped("uncertain-2026.yaml");
}

function shipped(name: string): string {
  const file = path.join(shippedScenariosFolder(), name);
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") ? file : relative;
}
