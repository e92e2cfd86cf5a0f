/** `chokepoint summarize FILE...`: run several scenarios and tabulate the major consumers' shortfalls. */
import { renderConsumerTable } from "../../report/index.js";
import { suggestion } from "../../scenario/index.js";
import { CliExit, ExitCode } from "../exit-codes.js";
import { loadScenarioOrExit } from "../load-scenario-or-exit.js";
import { simulateOrExit } from "../simulate-or-exit.js";

/** The major consumers tabulated unless told otherwise. */
export const MAJOR_CONSUMERS = ["US", "JP", "EU", "KR", "CN", "IN"];

/** Runs each file at its own seed (or `seed`) and prints the Markdown table. */
export function summarizeCommand(files: readonly string[], options: { countries?: string[]; seed?: number }, out: (line: string) => void): number {
  const scenarios = files.map((file) => loadScenarioOrExit(file));
  const countries = options.countries ?? MAJOR_CONSUMERS;
  if (options.countries !== undefined) {
    // Every country asked for must exist in some scenario: a typo would otherwise read "never short".
    const known = new Set(scenarios.flatMap((s) => s.spec.countries.map((c) => c.id)));
    for (const country of countries) {
      if (country === "") throw new CliExit(ExitCode.BAD_INPUT, `--countries: an empty country code in "${options.countries.join(",")}"`);
      if (!known.has(country)) {
        throw new CliExit(ExitCode.BAD_INPUT, `--countries: unknown country "${country}"${suggestion(country, known)}. The scenarios have: ${[...known].sort().join(", ")}`);
      }
    }
  }
  const runs = scenarios.map((scenario) => ({ scenario: scenario.name, kpis: simulateOrExit(scenario, { seed: options.seed }).kpis }));
  out(renderConsumerTable(runs, countries).trimEnd());
  return ExitCode.OK;
}
