/**
 * The chokepoint command line: parses arguments, runs a command, maps failures to exit codes:
 * 2 for bad input (with the problem, never a stack trace), 1 for bugs. `main` runs in-process
 * and returns the exit code; `bin.ts` is the executable that calls it.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ChokepointError } from "../engine/index.js";
import { TOOL_VERSION } from "../version.js";
import { lineWriter, type CliIo } from "./cli-io.js";
import { backtestCommand, DEFAULT_BACKTEST_RUNS, type BacktestCommandOptions } from "./commands/backtest.js";
import { listCommand } from "./commands/list.js";
import { mergeCommand } from "./commands/merge.js";
import { runCommand, type RunCommandOptions } from "./commands/run.js";
import { sweepCommand, type SweepCommandOptions } from "./commands/sweep.js";
import { schemaText } from "./commands/schema.js";
import { MAJOR_CONSUMERS, summarizeCommand } from "./commands/summarize.js";
import { validateCommand } from "./commands/validate.js";
import { shippedScenariosFolder } from "../scenario/index.js";
import { defaultScenarioFile, sensitivityScenarioFile } from "./default-scenario.js";
import { CliExit, ExitCode } from "./exit-codes.js";

/** Collects a repeatable option's values (no default, so that help shows none). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A parser of a whole-number option. */
function wholeNumber(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
}

function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`the seed must be a whole number, got "${value}"`);
  }
  return Number(value);
}

/** How every scenario argument may also be given. */
const OR_NAME = ", or a shipped scenario's name as `chokepoint list` prints it (a file of that name in the current folder wins)";
const OR_NAMES = ", or shipped scenarios' names as `chokepoint list` prints them (a file of that name in the current folder wins)";

/** Replicates `sensitivity` runs unless --runs says otherwise. */
const SENSITIVITY_RUNS = 200;

/** What every command's action is given: the io, its line writers, where its exit code goes, the arguments. */
interface ActionContext {
  readonly io: CliIo;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Stores the command's exit code. */
  readonly done: (code: number) => void;
  readonly argv: readonly string[];
}

/** Builds the program, its commands in the order help lists them; each action stores its command's exit code through `done`. */
function buildProgram(io: CliIo, done: (code: number) => void, argv: readonly string[]): Command {
  const context: ActionContext = { io, out: lineWriter(io.stdout), err: lineWriter(io.stderr), done, argv };
  const program = new Command();
  program
    .name("chokepoint")
    .description("Discrete-event simulator of export-control shocks to critical-mineral supply chains.")
    .version(TOOL_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  addRunCommand(program, context);
  addSweepCommands(program, context);
  addMergeCommand(program, context);
  addScenarioCommands(program, context);
  addBacktestCommand(program, context);
  addSchemaCommand(program, context);
  return program;
}

/** `run`: one replicate. */
function addRunCommand(program: Command, { out, done }: ActionContext): void {
  program
    .command("run")
    .description("Run one replicate of a scenario: writes timeline.csv, summary.json, trade.csv, licences.csv and report.html (charts, offline), prints the worst shortfalls (with --vs BASE, first what the change does against BASE).")
    .argument("[file]", `scenario file (YAML or JSON)${OR_NAME}; default: the flagship scenarios/reinstated-2026.yaml`)
    .option("--seed <n>", "random seed (default: the scenario's seed)", parseSeed)
    .option("--replicate <r>", "replicate number: reproduces replicate r of a sweep with the same seed (default 0)", wholeNumber("--replicate"))
    .option("--design <mc|lhs>", "the design of the sweep the replicate belongs to (default mc)")
    .option("--runs <n>", "with --design lhs: the sweep's number of runs", wholeNumber("--runs"))
    .option("--set <path=value>", "what-if: replace one value of the scenario FILE (repeatable), e.g. controls.antimony-licensing-2024.approval=50%; PATH+=VALUE, -=, *=, /= change the value it has, in its units (facilities.us-mp-10x.online+=1 year, capacity*=2, a distribution parameter by parameter); COLLECTION[tag=NAME] in place of an id edits every tagged entry ('facilities[tag=allied-separation].online-=1 year')", collect)
    .option(
      "--vs <base>",
      "also run BASE (a scenario file or a shipped scenario's name) on the same random numbers (same seed, replicate and design) and show, pair by pair, the shortfalls the change causes or removes. --set changes FILE only: `run F --vs F --set PATH=VALUE` is that override's what-if against F as it is. One replicate; for many, with intervals, use compare",
    )
    .option("--out <dir>", "output folder (default: out/<scenario-name>/, or out/<scenario-name>+<hash of the --set list>/ with --set); replaced as a whole, all or nothing")
    .option("-q, --quiet", "print nothing on success")
    .action(async (file: string | undefined, options: RunCommandOptions) => {
      done(await runCommand(file ?? defaultScenarioFile(), options, out));
    });
}

/** The options sweep, compare and sensitivity share. The default of --runs (sensitivity's) is applied in the action, so that help states it once. */
function sweepOptions(command: Command, kind: "sweep" | "compare" | "sensitivity", defaults: { runs?: number } = {}): Command {
  return (defaults.runs === undefined
    ? command.requiredOption("--runs <n>", "replicates to run (with --until: the most to run)", wholeNumber("--runs"))
    : command.option("--runs <n>", `replicates to run (default ${defaults.runs})`, wholeNumber("--runs"))
  )
    .option("--seed <n>", "master seed (default: the scenario's seed)", parseSeed)
    .option("--design <mc|lhs>", "Monte Carlo (mc, default) or Latin hypercube (lhs) draws of the uncertain inputs")
    .option("--workers <w>", "worker threads (default: one per core)", wholeNumber("--workers"))
    .option("--shard <I/N>", "run the replicates r with r mod N = I (default: from SLURM_ARRAY_TASK_ID/COUNT, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX/SIZE)")
    .option("--shard-count <K>", "the number of shards, for Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX gives only the index)", wholeNumber("--shard-count"))
    .option("--shards-from-env", "require the shard to come from the scheduler's environment")
    .option("--resume", "finish a sweep whose folder holds some of its records, without redoing them; with a larger --runs, grow a Monte Carlo sweep to it")
    .option("--until <rule>", 'stop once KPIs are precise enough, checked every --batch replicates, never before 30 (or "min N"), e.g. "unmetTonnes US antimony: mean ±2% @95%" or "pShort KR ndfeb-magnet: ±2 points @95% min 100"')
    .option("--batch <n>", "replicates between checks of --until (default 100)", wholeNumber("--batch"))
    .option("--band-days <n>", "days per period of bands.csv (default 7)", wholeNumber("--band-days"))
    .option("--set <path=value>", "what-if: replace one value of the scenario (repeatable); PATH+=VALUE, -=, *=, /= change the value it has (online+=1 year, capacity*=2); COLLECTION[tag=NAME] in place of an id edits every tagged entry ('stockpiles[tag=jp-reserves].level*=2')", collect)
    .option("--out <dir>", `output folder (default: out/<${kind === "compare" ? "base" : "scenario"}-name>-${kind}/, or a shard folder beneath out/ when sharded; with --set, <${kind === "compare" ? "base" : "scenario"}-name>+<hash of the --set list> names it, so a what-if never replaces its base's folder)`)
    .option("-q, --quiet", "print nothing on success");
}

/** `sweep`, `compare` and `sensitivity`: sweep sessions. */
function addSweepCommands(program: Command, { io, done, argv }: ActionContext): void {
  sweepOptions(
    program
      .command("sweep")
      .description("Monte Carlo over a scenario's uncertain inputs and random events: replicates.parquet (and replicates.csv while it fits a spreadsheet), bands.csv, sensitivity.csv, invalid-draws.csv (replicates skipped because their draw broke a rule), summary.json, report.html (and run-log.json).")
      .argument("[file]", `scenario file${OR_NAME}; default: the flagship`)
      .option("--swing-runs <n>", "replicates that also run the tornado's one-at-a-time swings of each uncertain input (default 10; 0: none)", wholeNumber("--swing-runs")),
    "sweep",
  ).action(async (file: string | undefined, options: SweepCommandOptions) => {
    done(await sweepCommand("sweep", [file ?? defaultScenarioFile()], options, io, argv));
  });

  sweepOptions(
    program
      .command("compare")
      .description("Policies on common random numbers: every replicate runs the base and each alternative on the same random world; compare.csv, replicates.parquet (and .csv), summary.json, report.html.")
      .argument("<base>", `the base scenario file${OR_NAME}`)
      .argument("[alternatives...]", "scenario files (or shipped names) that extend the base (the shipped policy-* are such files)")
      .option("--alt <name=path=value;...>", "an alternative made of --set overlays of the base (repeatable)", collect),
    "compare",
  ).action(async (base: string, alternatives: string[], options: SweepCommandOptions) => {
    done(await sweepCommand("compare", [base, ...alternatives], options, io, argv));
  });

  sweepOptions(
    program
      .command("sensitivity")
      .description(
        "Which uncertain inputs drive the shortfalls: a tornado of one-at-a-time swings (each input at its 10th and 90th percentile, an event with a probability not happening and happening, the others at their medians, common random numbers; each swing with its 95% interval) and Monte Carlo rank correlations of every input with the headline KPIs; sensitivity.csv, report.html and a sweep's files.",
      )
      .argument("[file]", `scenario file with uncertain inputs${OR_NAME}; default: scenarios/uncertain-2026.yaml`)
      .option("--swing-runs <n>", "replicates whose random streams the tornado's swings run on (default 20)", wholeNumber("--swing-runs")),
    "sensitivity",
    { runs: SENSITIVITY_RUNS },
  ).action(async (file: string | undefined, options: SweepCommandOptions) => {
    done(await sweepCommand("sensitivity", [file ?? sensitivityScenarioFile()], { ...options, runs: options.runs ?? SENSITIVITY_RUNS, swingRuns: options.swingRuns ?? 20 }, io, argv));
  });
}

/** `merge`: a sharded sweep's final outputs. */
function addMergeCommand(program: Command, { io, done }: ActionContext): void {
  program
    .command("merge")
    .description("Merge the shard folders of a sweep or compare into its final outputs (the same bytes as an unsharded run).")
    .argument("<dirs...>", "shard folders")
    .option("--out <dir>", "output folder (default: out/<scenario-name>-sweep/); replaced as a whole, all or nothing")
    .option("-q, --quiet", "print nothing on success")
    .action(async (dirs: string[], options: { out?: string; quiet?: boolean }) => {
      done(await mergeCommand(dirs, options, io));
    });
}

/** `validate`, `list` and `summarize`: commands that read scenarios and write no files. */
function addScenarioCommands(program: Command, { out, err, done }: ActionContext): void {
  program
    .command("validate")
    .description("Check scenario files; exit 0 if all are valid, else 2 with one line per problem: FILE:LINE:COL path: message.")
    .argument("<files...>", `scenario files${OR_NAMES}`)
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
    .description("Run scenarios at their own seeds and print a Markdown table of each major consumer's first shortfall, unmet tonnes and tonnes given up in answer to price.")
    .argument("<files...>", `scenario files${OR_NAMES}`)
    .option("--countries <codes>", `comma-separated country codes (default: ${MAJOR_CONSUMERS.join(",")})`, (v: string) => v.split(",").map((c) => c.trim()))
    .option("--seed <n>", "one seed for every scenario (default: each scenario's own)", parseSeed)
    .action((files: string[], options: { countries?: string[]; seed?: number }) => {
      done(summarizeCommand(files, options, out));
    });
}

/** `backtest`: the model scored against the record. */
function addBacktestCommand(program: Command, { io, done }: ActionContext): void {
  program
    .command("backtest")
    .description("Replay the recorded episodes (China's controls of 2023-2025, the 2010 crisis) and score the model against the record: prints the scorecard, writes backtest.csv and report.html (a fan chart per episode with the record's points).")
    .option("--runs <n>", `replicates of each episode's scenario (default ${DEFAULT_BACKTEST_RUNS})`, wholeNumber("--runs"), DEFAULT_BACKTEST_RUNS)
    .option("--seed <n>", "one seed for every scenario (default: each scenario's own)", parseSeed)
    .option("--episode <id>", "score only this episode (repeatable; default: all)", collect, [])
    .option("--record <file>", "a record file of one's own (default: the shipped validation/episodes.yaml)")
    .option("--markdown", "print the scorecard as Markdown: verdicts per episode, then every criterion")
    .option("--out <dir>", "output folder (default: out/backtest/); replaced as a whole, all or nothing")
    .option("-q, --quiet", "print nothing on success")
    .action(async (options: BacktestCommandOptions) => {
      done(await backtestCommand(options, io));
    });
}

/** `schema`: the scenario format's JSON Schema. */
function addSchemaCommand(program: Command, { io, done }: ActionContext): void {
  program
    .command("schema")
    .description("Print the JSON Schema (draft-07) of scenario files, for editor autocompletion.")
    .action(() => {
      io.stdout(schemaText());
      done(ExitCode.OK);
    });
}

/** Runs the CLI with `argv` (without node and script) on `io`. Returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const err = lineWriter(io.stderr);
  let exitCode: number = ExitCode.OK;
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    argv,
  );
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
