/** `chokepoint list [DIR]`: the scenarios in a folder, each with the question it answers. */
import { readdirSync } from "node:fs";
import path from "node:path";
import { formatIssue, nodeFileSource, parseScenario, shippedScenariosFolder } from "../../scenario/index.js";
import { ExitCode } from "../exit-codes.js";

/** Prints one line per scenario file in `directory`: name, then its one-line question. */
export function listCommand(directory: string, out: (line: string) => void, err: (line: string) => void): number {
  let files: string[];
  if (directory === "") {
    err('cannot list "": the folder name is empty');
    return ExitCode.BAD_INPUT;
  }
  try {
    files = readdirSync(directory).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
  } catch (error) {
    err(`cannot list ${directory}: ${whyNotListed(error as NodeJS.ErrnoException)}`);
    return ExitCode.BAD_INPUT;
  }
  if (files.length === 0) {
    err(`${directory} holds no scenario files (.yaml, .yml or .json)`);
    return ExitCode.OK;
  }
  const source = nodeFileSource();
  const rows = files.map((file) => {
    const result = parseScenario(path.join(directory, file), source, { shippedFolder: shippedScenariosFolder() });
    if (!result.ok) return { name: file, question: `(invalid: ${formatIssue(result.issues[0])})` };
    return { name: result.scenario.name, question: result.scenario.question || result.scenario.title };
  });
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const row of rows) out(`${row.name.padEnd(width)}  ${row.question}`);
  return ExitCode.OK;
}

/** Why a folder could not be read, in words (the system's message only for the rare causes). */
function whyNotListed(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "no such folder";
    case "ENOTDIR":
      return "it is a file, not a folder; give the folder that holds scenario files";
    case "EACCES":
    case "EPERM":
      return "permission denied (the folder cannot be read)";
    default:
      return `the folder cannot be read (${error.code ?? error.message})`;
  }
}
