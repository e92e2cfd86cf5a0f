/**
 * Flag values and combinations of every command: each is accepted (exit 0) or refused with
 * exit 2 and a message, never exit 1 ("internal error") and never a stack trace. Pinned rows
 * for the cases that used to crash or pick silently (run --design lhs --runs 0, a stop rule
 * naming a pair nobody reports, --shard with --shard-count, two schedulers' variables), a
 * fast-check property over random flag lists (zero, negative, fractional, huge, empty,
 * non-numeric, repeated, conflicting), shipped scenarios run by the names `list` prints, and
 * quiet meaning quiet.
 *
 * Commands run in-process on the built CLI (dist/; `npm test` builds first). A sweep, compare or
 * sensitivity in the property writes to --out naming a regular file: once every flag is
 * accepted it stops there, at "cannot write outputs to ...", before anything is simulated, so
 * the property can try many flag lists; a few accepted combinations run for real below.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const MAIN = path.join(ROOT, "dist/src/cli/main.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-flags-"));
/** A regular file: outputs cannot be written to it, so an accepted sweep stops before simulating. */
const A_FILE = path.join(scratch, "a-file");
const EMPTY_DIR = path.join(scratch, "empty");
writeFileSync(A_FILE, "not a folder\n");
mkdirSync(EMPTY_DIR);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Main = (argv: readonly string[], io: { stdout: (t: string) => void; stderr: (t: string) => void; isErrorTerminal: boolean; env: Record<string, string> }) => Promise<number>;
let main: Main;
beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  main = ((await import(pathToFileURL(MAIN).href)) as { main: Main }).main;
});

/** Runs the CLI's main in this process with `env` as the environment. */
async function cli(argv: readonly string[], env: Record<string, string> = {}, isErrorTerminal = false): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isErrorTerminal, env });
  return { code, stdout, stderr };
}

let counter = 0;
const fresh = (name: string) => path.join(scratch, `${name}-${counter++}`);

/** Exit 0, or exit 2 with a message; no internal error, no stack trace, no exception's name. */
function expectAcceptedOrRefused(result: Outcome, context: string): void {
  for (const stream of [result.stdout, result.stderr]) {
    expect(stream, context).not.toMatch(/^\s+at /m);
    expect(stream, context).not.toMatch(/internal error/i);
    expect(stream, context).not.toMatch(/\b[A-Z][A-Za-z]*Error\b/);
  }
  expect([0, 2], `${context}: exit ${result.code}, ${result.stderr}`).toContain(result.code);
  if (result.code === 2) expect(result.stderr.trim(), context).not.toBe("");
}

/** Exit 2 with `first` (or a match of it) as the first line of stderr, nothing on stdout. */
function expectRefused(result: Outcome, first: string | RegExp): void {
  expectAcceptedOrRefused(result, first.toString());
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe("");
  const line = result.stderr.split("\n")[0];
  if (typeof first === "string") expect(line).toBe(first);
  else expect(line).toMatch(first);
}

describe("flag values that used to end in an internal error, or pick one silently", () => {
  const sweep = (...flags: string[]) => ["sweep", TINY, "--runs", "3", ...flags, "--out", A_FILE];
  const rows: [string, readonly string[], Record<string, string>, string | RegExp][] = [
    // Item 3: the Latin hypercube's --runs reached the sampler unchecked.
    ["run --design lhs --runs 0", ["run", TINY, "--design", "lhs", "--runs", "0"], {}, "--runs must be a whole number from 1 to 100000000, got 0"],
    ["run --runs 0", ["run", TINY, "--runs", "0"], {}, "--runs must be a whole number from 1 to 100000000, got 0"],
    ["run --design lhs, --runs beyond the limit", ["run", TINY, "--design", "lhs", "--runs", "9007199254740991", "--replicate", "3"], {}, "--runs must be a whole number from 1 to 100000000, got 9007199254740991"],
    ["run --design lhs without --runs", ["run", TINY, "--design", "lhs"], {}, "--design lhs needs --runs (a Latin hypercube's replicates depend on how many there are)"],
    ["run --replicate = --runs", ["run", TINY, "--replicate", "5", "--runs", "5"], {}, "--replicate 5 is not below --runs 5"],
    ["sweep --design lhs --until", sweep("--design", "lhs", "--until", "unmetTonnes AA metal: mean ±2%"), {}, /^--until cannot be used with --design lhs/],
    // Item 4: a stop rule naming what the sweep does not report.
    ["--until an unknown country", sweep("--until", "unmetTonnes XX metal: mean ±2%"), {}, '--until: "unmetTonnes XX metal" names the country "XX", which has no demand for anything in this scenario; the countries with demand are: AA'],
    ["--until a commodity nobody demands", sweep("--until", "unmetTonnes AA ore: mean ±2%"), {}, '--until: "unmetTonnes AA ore" names the commodity "ore", which no country has demand for in this scenario; the commodities with demand are: metal'],
    ["--until a misspelt commodity", sweep("--until", "shortfallDays AA metl: mean ±5"), {}, '--until: "shortfallDays AA metl" names the commodity "metl", which no country has demand for in this scenario; did you mean "metal"?'],
    [
      "compare --until an unknown country",
      ["compare", TINY, "--alt", "a=controls.licence.approval=90%", "--runs", "2", "--until", "unmetTonnes aa metal: mean ±2%", "--out", A_FILE],
      {},
      '--until: "unmetTonnes aa metal" names the country "aa", which has no demand for anything in this scenario; did you mean "AA"?',
    ],
    // Shards: conflicting flags and schedulers.
    ["--shard with --shard-count", sweep("--shard", "0/2", "--shard-count", "2"), {}, "--shard 0/2 and --shard-count 2 both give the number of shards: use --shard I/N alone (--shard-count goes with JOB_COMPLETION_INDEX)"],
    ["--shard with --shards-from-env", sweep("--shard", "0/2", "--shards-from-env"), { SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "2" }, /^--shard and --shards-from-env contradict each other/],
    ["--shard-count 0", sweep("--shard-count", "0"), { JOB_COMPLETION_INDEX: "0" }, "--shard-count must be a whole number >= 1, got 0"],
    [
      "--shard-count without JOB_COMPLETION_INDEX",
      sweep("--shard-count", "4"),
      {},
      "--shard-count 4 is the shard count for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs), which is not set; to run one shard by hand, give --shard I/4",
    ],
    [
      "--shard-count with Slurm's variables",
      sweep("--shard-count", "4"),
      { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "4" },
      "--shard-count 4 is the shard count for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs), which is not set (SLURM_ARRAY_TASK_ID is); to run one shard by hand, give --shard I/4",
    ],
    [
      "Slurm and AWS Batch both set",
      sweep(),
      { SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "2", AWS_BATCH_JOB_ARRAY_INDEX: "1", AWS_BATCH_JOB_ARRAY_SIZE: "2" },
      "SLURM_ARRAY_TASK_ID=0 and AWS_BATCH_JOB_ARRAY_INDEX=1 are both set, so which scheduler's shard this is cannot be told: unset all but one, or give --shard I/N",
    ],
    [
      "all three schedulers set",
      ["sensitivity", TINY, "--runs", "3", "--shards-from-env", "--out", A_FILE],
      { SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "2", JOB_COMPLETION_INDEX: "1", CHOKEPOINT_SHARD_COUNT: "2", AWS_BATCH_JOB_ARRAY_INDEX: "1", AWS_BATCH_JOB_ARRAY_SIZE: "2" },
      "SLURM_ARRAY_TASK_ID=0, JOB_COMPLETION_INDEX=1 and AWS_BATCH_JOB_ARRAY_INDEX=1 are all set, so which scheduler's shard this is cannot be told: unset all but one, or give --shard I/N",
    ],
    // list: the folder named is not there, or is a file.
    ["list a missing folder", ["list", path.join(scratch, "nope")], {}, `cannot list ${path.join(scratch, "nope")}: no such folder`],
    ["list a file", ["list", TINY], {}, `cannot list ${TINY}: it is a file, not a folder; give the folder that holds scenario files`],
    ["list an empty name", ["list", ""], {}, 'cannot list "": the folder name is empty'],
    // Scenario arguments: shipped names and their misspellings.
    ["run a misspelt shipped name", ["run", "extended-2062"], {}, 'extended-2062:1:1: cannot read extended-2062: no such file, and no shipped scenario has that name; did you mean "extended-2026"?'],
    ["sweep chokepoint:NAME of nothing", ["sweep", "chokepoint:reinstated-2062", "--runs", "2"], {}, 'chokepoint:reinstated-2062:1:1: "chokepoint:reinstated-2062" names no shipped scenario; did you mean "reinstated-2026"?'],
    ["run an empty scenario argument", ["run", ""], {}, "\"\": a scenario argument is empty; give a file or a shipped scenario's name (`chokepoint list` shows them)"],
  ];

  it.each(rows)("%s: exit 2 and a message", async (_name, argv, env, first) => {
    expectRefused(await cli(argv, env), first);
  });

  it("the shipped names in a validate are each resolved or reported, and the other files still checked", async () => {
    const result = await cli(["validate", TINY, "chokepoint:nope-2026", "extended-2062"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(`${TINY}: ok (tiny: 2 commodities, 3 countries, 3 facilities, 4 markets)\n`);
    expect(result.stderr.split("\n")).toEqual([
      expect.stringMatching(/^chokepoint:nope-2026:1:1: "chokepoint:nope-2026" names no shipped scenario; they are: baseline-2024, .*, us-ban-extended-2026$/),
      'extended-2062:1:1: cannot read extended-2062: no such file, and no shipped scenario has that name; did you mean "extended-2026"?',
      "2 of 3 files invalid",
      "",
    ]);
  });
});

/** Values of every kind for a flag that takes a number: mostly good ones, so that flag lists get past the first check and combinations are tried. */
const NUMBERS = ["0", "-1", "-0", "1.5", "2.0", "1e3", "0x10", " 3 ", "", "abc", "100000000", "100000001", "4294967297", "99999999999999999999", "Infinity", "NaN"];
const number = fc.oneof({ arbitrary: fc.constantFrom("1", "2", "3", "5"), weight: 3 }, { arbitrary: fc.constant("0"), weight: 1 }, { arbitrary: fc.constantFrom(...NUMBERS), weight: 1 });
const flagWith = (name: string, values: fc.Arbitrary<string>): fc.Arbitrary<string[]> => values.map((v) => [name, v]);
const bare = (name: string): fc.Arbitrary<string[]> => fc.constant([name]);

/** Flags of sweep, compare and sensitivity, with values good and bad. */
const SWEEP_FLAGS = [
  flagWith("--runs", number),
  flagWith("--seed", fc.oneof(number, fc.constantFrom("-5", "9007199254740992"))),
  flagWith("--design", fc.constantFrom("mc", "lhs", "", "LHS", "sobol")),
  flagWith("--workers", number),
  flagWith("--shard", fc.constantFrom("0/2", "1/2", "2/2", "0/1", "-1/2", "1/0", "a/b", "0", "1/2/3", " 1 / 2 ", "", "0/1000001")),
  flagWith("--shard-count", number),
  bare("--shards-from-env"),
  bare("--resume"),
  flagWith("--until", fc.constantFrom("unmetTonnes AA metal: mean ±50%", "unmetTonnes XX metal: mean ±2%", "unmetTonnes AA ore: mean ±2%", "demandTonnes AA metal: mean ±0%", "unmetTonnes AA metal: mean ±5% @100%", "", ";", "junk")),
  flagWith("--batch", number),
  flagWith("--band-days", fc.oneof(number, fc.constantFrom("366", "367"))),
  flagWith("--set", fc.constantFrom("seed=5", "controls.licence.approval=50%", "controls.licence.approval=150%", "nope=1", "extends=x", "", "=", "controls.licence.approval={uniform: [40%, 80%]}")),
  bare("-q"),
];
const SCHEDULER_ENV = fc.record(
  {
    SLURM_ARRAY_TASK_ID: fc.constantFrom("0", "1", "x", ""),
    SLURM_ARRAY_TASK_COUNT: fc.constantFrom("2", "0", ""),
    JOB_COMPLETION_INDEX: fc.constantFrom("0", "1", "-1"),
    CHOKEPOINT_SHARD_COUNT: fc.constantFrom("2", "0"),
    AWS_BATCH_JOB_ARRAY_INDEX: fc.constantFrom("0", "2"),
    AWS_BATCH_JOB_ARRAY_SIZE: fc.constantFrom("3", "1.5"),
  },
  { requiredKeys: [] },
);
const flags = (pool: readonly fc.Arbitrary<string[]>[], max: number) => fc.array(fc.oneof(...pool), { maxLength: max }).map((list) => list.flat());
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight });

/** One command line of any command, its environment, and whether it may simulate (a run or a summarize). */
const commandLine = fc.oneof(
  weighted(
    4,
    fc.record({
      argv: fc.tuple(fc.constantFrom("sweep", "sensitivity"), flags([...SWEEP_FLAGS, flagWith("--swing-runs", number)], 4)).map(([command, list]) => [command, TINY, ...list, "--out", A_FILE]),
      env: SCHEDULER_ENV,
    }),
  ),
  weighted(
    2,
    fc.record({
      argv: flags([...SWEEP_FLAGS, flagWith("--alt", fc.constantFrom("b=controls.licence.approval=90%", "c=seed=2;", "bad", "b=", "B=seed=1", "tiny=seed=3"))], 4).map((list) => ["compare", TINY, ...list, "--out", A_FILE]),
      env: SCHEDULER_ENV,
    }),
  ),
  weighted(
    3,
    fc.record({
      argv: flags(
        [flagWith("--seed", number), flagWith("--replicate", number), flagWith("--runs", number), flagWith("--design", fc.constantFrom("mc", "lhs", "lhs", "")), flagWith("--set", fc.constantFrom("seed=5", "nope=1", "")), bare("-q")],
        4,
      ).map((list) => ["run", TINY, ...list, "-q", "--out", fresh("run")]),
      env: fc.constant({}),
    }),
  ),
  fc.record({
    argv: flags([flagWith("--seed", number), flagWith("--countries", fc.constantFrom("AA", "AA,BB", "", ",", "XX", "aa", "AA,,BB"))], 3).map((list) => ["summarize", TINY, ...list]),
    env: fc.constant({}),
  }),
  fc.record({
    argv: fc.array(fc.constantFrom(TINY, "missing.yaml", "", ".", "extended-2062", "chokepoint:", "chokepoint:../x", "chokepoint:nope", A_FILE), { maxLength: 3 }).map((files) => ["validate", ...files]),
    env: fc.constant({}),
  }),
  fc.record({ argv: fc.array(fc.constantFrom("", ".", "nope", TINY, EMPTY_DIR, "extra"), { maxLength: 2 }).map((dirs) => ["list", ...dirs]), env: fc.constant({}) }),
  fc.record({
    argv: fc
      .tuple(fc.array(fc.constantFrom("", "nope", TINY, EMPTY_DIR, scratch), { maxLength: 3 }), flags([flagWith("--out", fc.constantFrom(A_FILE, EMPTY_DIR, "", ".")), bare("-q")], 2))
      .map(([dirs, list]) => ["merge", ...dirs, ...list]),
    env: fc.constant({}),
  }),
  fc.record({ argv: fc.array(fc.constantFrom("extra", "--runs", "3", "-q"), { maxLength: 2 }).map((rest) => ["schema", ...rest]), env: fc.constant({}) }),
);

describe("any flag values, of any command", () => {
  it("are accepted (exit 0) or refused with exit 2 and a message; never an internal error or a stack trace", async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, async ({ argv, env }) => {
        const result = await cli(argv, env as Record<string, string>);
        expectAcceptedOrRefused(result, `chokepoint ${JSON.stringify(argv)} with ${JSON.stringify(env)}`);
        // A sweep whose flags all pass stops at its output folder, a regular file: nothing runs.
        if (["sweep", "compare", "sensitivity"].includes(argv[0])) expect(result.code).toBe(2);
      }),
      { numRuns: 300 },
    );
  }, 300_000);
});

describe("accepted combinations run", () => {
  it("run --design lhs --runs N --replicate N-1: the last replicate of a Latin hypercube", async () => {
    const result = await cli(["run", TINY, "--design", "lhs", "--runs", "5", "--replicate", "4", "-q", "--out", fresh("lhs")]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("a Kubernetes shard (JOB_COMPLETION_INDEX with --shard-count), resumed on a fresh folder, quiet on a terminal: exit 0 and nothing printed", async () => {
    const folder = fresh("k8s");
    const result = await cli(["sweep", TINY, "--runs", "3", "--shard-count", "2", "--resume", "--swing-runs", "0", "--workers", "1", "-q", "--out", folder], { JOB_COMPLETION_INDEX: "1" }, true);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readdirSync(folder)).toContain("records.bin");
  }, 120_000);

  it("compare -q prints nothing on success", async () => {
    const result = await cli(["compare", TINY, "--alt", "b=controls.licence.approval=90%", "--runs", "2", "--workers", "1", "-q", "--out", fresh("compare")]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  }, 120_000);

  it("a sharded sweep with a stop rule (the rule is for the merge): exit 0", async () => {
    const result = await cli(["sweep", TINY, "--runs", "3", "--shard", "1/2", "--until", "unmetTonnes AA metal: mean ±50%", "--swing-runs", "0", "--workers", "1", "-q", "--out", fresh("until")]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  }, 120_000);
});

describe("help", () => {
  it("compare names the folder it writes, sensitivity states its default once, and no help shows an empty list as a default", async () => {
    const help = async (command: string) => (await cli([command, "--help"])).stdout.replace(/\s+/g, " ");
    expect(await help("compare")).toContain("output folder (default: out/<base-name>-compare/, or a shard folder beneath out/ when sharded; with --set, <base-name>+<hash of the --set list> names it, so a what-if never replaces its base's folder)");
    expect(await help("sensitivity")).toContain("--runs <n> replicates to run (default 200) --seed");
    expect(await help("sensitivity")).toContain("out/<scenario-name>-sensitivity/");
    for (const command of ["run", "sweep", "compare", "sensitivity", "merge", "validate", "list", "summarize", "schema"]) {
      const text = await help(command);
      expect(text, command).not.toContain("(default: [])");
      expect(text, command).not.toMatch(/\(default \d+\) \(default: \d+\)/);
    }
  });

  it("sensitivity without --runs runs 200 replicates", async () => {
    // Stopped at the output folder; the refusal is about the folder, so --runs was accepted as 200.
    const result = await cli(["sensitivity", TINY, "--out", A_FILE]);
    expectRefused(result, `cannot write outputs to ${A_FILE}: it exists and is not a folder`);
  });
});

describe("shipped scenarios by the names list prints", () => {
  it("every name list prints validates by that name, and as chokepoint:NAME", async () => {
    const listed = (await cli(["list"])).stdout.trim().split("\n").map((line) => line.split(/\s+/)[0]);
    expect(listed).toContain("extended-2026");
    const plain = await cli(["validate", ...listed]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.trim().split("\n").map((line) => line.split(": ok (")[0])).toEqual(listed);
    for (const line of plain.stdout.trim().split("\n")) expect(line).toMatch(/^([a-z0-9-]+): ok \(\1: /);
    const prefixed = await cli(["validate", ...listed.map((name) => `chokepoint:${name}`)]);
    expect(prefixed.code, prefixed.stderr).toBe(0);
  }, 120_000);

  it("run, sweep, compare and sensitivity take the names (each loads the shipped file, then stops at its output folder)", async () => {
    for (const argv of [
      ["run", "extended-2026"],
      ["run", "chokepoint:extended-2026"],
      ["sweep", "uncertain-2026", "--runs", "2"],
      ["compare", "reinstated-2026", "policy-180-days", "chokepoint:extended-2026", "--runs", "2"],
      ["sensitivity", "uncertain-2026"],
    ]) {
      expectRefused(await cli([...argv, "--out", A_FILE]), `cannot write outputs to ${A_FILE}: it exists and is not a folder`);
    }
  }, 120_000);

  it("a file of that name in the current folder wins over the shipped scenario; chokepoint:NAME still means the shipped one", async () => {
    const folder = fresh("cwd");
    mkdirSync(folder);
    copyFileSync(TINY, path.join(folder, "extended-2026"));
    const inFolder = (...args: string[]) =>
      new Promise<Outcome>((resolve) => {
        execFile(process.execPath, [CLI, ...args], { cwd: folder, timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
        });
      });
    expect(await inFolder("validate", "extended-2026", "chokepoint:extended-2026")).toEqual({
      code: 0,
      stdout: "extended-2026: ok (tiny: 2 commodities, 3 countries, 3 facilities, 4 markets)\nchokepoint:extended-2026: ok (extended-2026: 34 commodities, 42 countries, 194 facilities, 316 markets)\n",
      stderr: "",
    });
    const summary = await inFolder("summarize", "extended-2026", "--countries", "AA");
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toContain("| tiny | AA |");
  }, 120_000);
});
