/** `chokepoint validate FILE...`: check scenario files (or shipped scenarios by name), listing every problem. */
import { formatIssue, nodeFileSource, parseScenario, shippedScenariosFolder } from "../../scenario/index.js";
import { ExitCode } from "../exit-codes.js";
import { resolveScenarioArgument } from "../load-scenario-or-exit.js";

/** Validates each file; prints one line per problem to stderr. Returns the exit code. */
export function validateCommand(files: readonly string[], out: (line: string) => void, err: (line: string) => void): number {
  const source = nodeFileSource();
  let failed = 0;
  for (const file of files) {
    const resolved = resolveScenarioArgument(file);
    if (!resolved.ok) {
      failed++;
      err(resolved.problem);
      continue;
    }
    const result = parseScenario(resolved.file, source, { shippedFolder: shippedScenariosFolder() });
    if (result.ok) {
      const { spec } = result.scenario;
      out(`${file}: ok (${result.scenario.name}: ${spec.commodities.length} commodities, ${spec.countries.length} countries, ${spec.facilities.length} facilities, ${spec.markets.length} markets)`);
    } else {
      failed++;
      for (const issue of result.issues) err(formatIssue(issue));
    }
  }
  if (failed > 0) err(`${failed} of ${files.length} file${files.length === 1 ? "" : "s"} invalid`);
  return failed > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}
