/**
 * The chokepoint command line: parses arguments, runs a command, maps failures to exit codes:
 * 2 for bad input (with the problem, never a stack trace), 1 for bugs. `main` runs in-process
 * and returns the exit code; `bin.ts` is the executable that calls it.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ChokepointError } from "../engine/index.js";
import { TOOL_VERSION } from "../version.js";
import { lineWriter, type CliIo } from "./cli-io.js";
import { listCommand } from "./commands/list.js";
import { runCommand } from "./commands/run.js";
import { schemaText } from "./commands/schema.js";
import { MAJOR_CONSUMERS, summarizeCommand } from "./commands/summarize.js";
import { validateCommand } from "./commands/validate.js";
import { shippedScenariosFolder } from "../scenario/index.js";
import { defaultScenarioFile } from "./default-scenario.js";
import { CliExit, ExitCode } from "./exit-codes.js";

function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`the seed must be a whole number, got "${value}"`);
  }
  return Number(value);
}

/** Builds the program; each action stores its command's exit code through `done`. */
function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const out = lineWriter(io.stdout);
  const err = lineWriter(io.stderr);
  const program = new Command();
  program
    .name("chokepoint")
    .description("Discrete-event simulator of export-control shocks to critical-mineral supply chains.")
    .version(TOOL_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command("run")
    .description("Run one replicate of a scenario: writes timeline.csv, summary.json and trade.csv, prints the worst shortfalls.")
    .argument("[file]", "scenario file (YAML or JSON); default: the flagship scenarios/reinstated-2026.yaml")
    .option("--seed <n>", "random seed (default: the scenario's seed)", parseSeed)
    .option("--out <dir>", "output folder (default: out/<scenario-name>/); replaced as a whole, all or nothing")
    .option("-q, --quiet", "print nothing on success")
    .action((file: string | undefined, options: { seed?: number; out?: string; quiet?: boolean }) => {
      done(runCommand(file ?? defaultScenarioFile(), options, out));
    });

  program
    .command("validate")
    .description("Check scenario files; exit 0 if all are valid, else 2 with one line per problem: FILE:LINE:COL path: message.")
    .argument("<files...>", "scenario files")
    .action((files: string[]) => {
      done(validateCommand(files, out, err));
    });

  program
    .command("list")
    .description("List the scenarios in a folder (default: the shipped ones), each with the question it answers.")
    .argument("[dir]", "folder of scenario files")
    .action((dir: string | undefined) => {
      done(listCommand(dir ?? shippedScenariosFolder(), out, err));
    });

  program
    .command("summarize")
    .description("Run scenarios at their own seeds and print a Markdown table of each major consumer's first shortfall and unmet tonnes.")
    .argument("<files...>", "scenario files")
    .option("--countries <codes>", `comma-separated country codes (default: ${MAJOR_CONSUMERS.join(",")})`, (v: string) => v.split(",").map((c) => c.trim()))
    .option("--seed <n>", "one seed for every scenario (default: each scenario's own)", parseSeed)
    .action((files: string[], options: { countries?: string[]; seed?: number }) => {
      done(summarizeCommand(files, options, out));
    });

  program
    .command("schema")
    .description("Print the JSON Schema (draft-07) of scenario files, for editor autocompletion.")
    .action(() => {
      io.stdout(schemaText());
      done(ExitCode.OK);
    });
  return program;
}

/** Runs the CLI with `argv` (without node and script) on `io`. Returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const err = lineWriter(io.stderr);
  let exitCode: number = ExitCode.OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CliExit) {
      err(error.message);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      // Help and version end here too, with code 0; commander already printed them.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
    if (error instanceof ChokepointError) {
      err(`chokepoint: internal error (${error.code}): ${error.message}`);
      return ExitCode.INTERNAL;
    }
    err(`chokepoint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ExitCode.INTERNAL;
  }
}
