/** Which scenario runs when no file is given, and how a shipped scenario's path is shown. */
import path from "node:path";
import { shippedScenariosFolder } from "../scenario/index.js";

/** The flagship scenario: the October 2025 controls come back on 2026-11-10. */
export function defaultScenarioFile(): string {
  return displayPath(path.join(shippedScenariosFolder(), "reinstated-2026.yaml"));
}

/** The scenario `sensitivity` ranks when no file is given: the flagship with the reinstatement's chance and date uncertain. */
export function sensitivityScenarioFile(): string {
  return displayPath(path.join(shippedScenariosFolder(), "uncertain-2026.yaml"));
}

/** A file's path as messages show it: relative to the current folder when inside it (scenarios/x.yaml in a checkout), else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
