/** `chokepoint summarize FILE...`: run several scenarios and tabulate the major consumers' shortfalls. */
import { renderConsumerTable } from "../../report/index.js";
import { simulate } from "../../index.js";
import { ExitCode } from "../exit-codes.js";
import { loadOrExit } from "./run.js";

/** The major consumers tabulated unless told otherwise. */
export const MAJOR_CONSUMERS = ["US", "JP", "EU", "KR", "CN", "IN"];

/** Runs each file at its own seed (or `seed`) and prints the Markdown table. */
export function summarizeCommand(files: readonly string[], options: { countries?: string[]; seed?: number }, out: (line: string) => void): number {
  const runs = files.map((file) => {
    const scenario = loadOrExit(file);
    return { scenario: scenario.name, kpis: simulate(scenario, { seed: options.seed }).kpis };
  });
  out(renderConsumerTable(runs, options.countries ?? MAJOR_CONSUMERS).trimEnd());
  return ExitCode.OK;
}
