/**
 * shard.json is checked field by field whenever it is read (merge, --resume): a damaged or
 * edited manifest (a count of -1, 2.5 or "2", a missing plan field, a huge number, periods
 * that do not follow from the dates) is refused with exit 2 and FILE:LINE:COL field: what is
 * wrong, never a RangeError or a confused message. A table of hand-picked cases, a fast-check
 * property over every field and hostile values, and the real CLI on real shard folders.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseShardManifest } from "../../src/cli/shard-manifest.js";
import { loadScenario, planSweep, recordShape, SweepTally } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const FILE = "s/shard.json";
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-manifest-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const plan = planSweep([loadScenario(TINY)], { seed: 3, design: "mc", runs: 10, batch: 100, until: null, bandDays: 7, swingRuns: 2 });
const valid = { plan, shard: { index: 1, count: 2 } };
type Path = readonly (string | number)[];

/** The manifest with the value at `at` replaced (undefined: removed), as the text a file would hold. */
function mutated(at: Path, value: unknown): string {
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(copy, null, 2) + "\n";
}

function problems(text: string): string[] {
  const result = parseShardManifest(FILE, text);
  return result.ok ? [] : result.problems;
}

describe("parseShardManifest", () => {
  it("accepts what a sweep writes", () => {
    const result = parseShardManifest(FILE, JSON.stringify(valid, null, 2) + "\n");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.manifest).toEqual(valid);
  });

  it.each<[Path, unknown, string]>([
    [["shard", "count"], -1, "s/shard.json:NNN shard.count: must be a whole number from 1 to 1000000, got -1"],
    [["shard", "count"], 2.5, "s/shard.json:NNN shard.count: must be a whole number from 1 to 1000000, got 2.5"],
    [["shard", "count"], "2", 's/shard.json:NNN shard.count: must be a whole number from 1 to 1000000, got "2"'],
    [["shard", "count"], 1e300, "s/shard.json:NNN shard.count: must be a whole number from 1 to 1000000, got 1e+300"],
    [["shard", "count"], undefined, "s/shard.json:NNN shard.count: is missing"],
    [["shard", "index"], 2, "s/shard.json:NNN shard.index: must be below shard.count (2): shards are numbered 0 to count - 1, got 2"],
    [["shard", "index"], -1, "s/shard.json:NNN shard.index: must be a whole number from 0 to 999999, got -1"],
    [["shard", "index"], null, "s/shard.json:NNN shard.index: must be a whole number from 0 to 999999, got null"],
    [["plan", "runs"], 0, "s/shard.json:NNN plan.runs: must be a whole number from 1 to 100000000, got 0"],
    [["plan", "runs"], 1e9, "s/shard.json:NNN plan.runs: must be a whole number from 1 to 100000000, got 1000000000"],
    [["plan", "runs"], 1, "s/shard.json:NNN plan.swingRuns: must not exceed runs (1), got 2"],
    [["plan", "swingRuns"], 0.5, "s/shard.json:NNN plan.swingRuns: must be a whole number from 0 to 10000, got 0.5"],
    [["plan", "seed"], 1.5, "s/shard.json:NNN plan.seed: must be a whole number, got 1.5"],
    [["plan", "design"], "sobol", 's/shard.json:NNN plan.design: must be "mc" or "lhs", got "sobol"'],
    [["plan", "kind"], "sweep ", 's/shard.json:NNN plan.kind: must be "sweep" or "compare", got "sweep "'],
    [["plan", "tool"], "other", 's/shard.json:NNN plan.tool: must be "chokepoint", got "other"'],
    [["plan", "bandDays"], 400, "s/shard.json:NNN plan.bandDays: must be a whole number from 1 to 366, got 400"],
    [["plan", "periodCount"], 1e6, "s/shard.json:NNN plan.periodCount: must be a whole number from 1 to 10980, got 1000000"],
    [["plan", "periodCount"], 3, "s/shard.json:NNN plan.periodCount: must be dayCount / bandDays rounded up (53), got 3"],
    [["plan", "dayCount"], 364, "s/shard.json:NNN plan.dayCount: must be the days from start to end (365), got 364"],
    [["plan", "start"], "2025-02-30", 's/shard.json:NNN plan.start: must be a date written YYYY-MM-DD, got "2025-02-30"'],
    [["plan", "series"], "AA metal", 's/shard.json:NNN plan.series: must be a list, got "AA metal"'],
    [["plan", "series", 0, "country"], 7, "s/shard.json:NNN plan.series[0].country: must be text, got 7"],
    [["plan", "alternatives"], [], "s/shard.json:NNN plan.alternatives: must have at least 1 entries"],
    [["plan", "alternatives", 0, "inputScales"], [1], "s/shard.json:NNN plan.alternatives[0].inputScales: must have one entry per input (5), got 1"],
    [["plan", "until"], "unmetTonnes ZZ metal: mean ±2%", 's/shard.json:NNN plan.until: "unmetTonnes ZZ metal" names the country "ZZ", which has no demand for anything in this scenario; the countries with demand are: AA'],
    [["plan", "until"], 5, "s/shard.json:NNN plan.until: must be a stop rule or null, got 5"],
    [["plan", "extra"], 1, "s/shard.json:NNN plan.extra: is not a field chokepoint writes"],
    [["plan", "__proto__"], 1, "s/shard.json:NNN plan.__proto__: is not a field chokepoint writes"],
    [["plan"], undefined, "s/shard.json:NNN plan: is missing"],
  ])("%j = %j is refused: %s", (at, value, expected) => {
    const text = at[at.length - 1] === "__proto__" ? mutated(at.slice(0, -1), { ...plan }).replace('"tool"', '"__proto__": 1,\n    "tool"') : mutated(at, value);
    const found = problems(text);
    expect(found.map((line) => line.replace(/^s\/shard\.json:\d+:\d+/, "s/shard.json:NNN"))).toEqual([expected]);
  });

  it("says what the fields must agree on", () => {
    expect(problems(mutated(["plan", "kind"], "compare")).map((p) => p.replace(/^s\/shard\.json:\d+:\d+ /, ""))).toEqual([
      'plan.kind: must be "sweep" for a plan of 1 alternative, got "compare"',
      "plan.swingRuns: must be 0 in a compare, got 2",
    ]);
  });

  it("points at the line and column of the field", () => {
    const text = mutated(["shard", "count"], -1);
    const line = text.split("\n").findIndex((l) => l.includes('"count": -1')) + 1;
    const column = text.split("\n")[line - 1].indexOf("-1") + 1;
    expect(problems(text)).toEqual([`s/shard.json:${line}:${column} shard.count: must be a whole number from 1 to 1000000, got -1`]);
  });

  it("reports every problem at once, and damaged JSON at its place", () => {
    expect(problems(mutated(["shard"], { index: "0", count: 0 })).map((p) => p.replace(/^s\/shard\.json:\d+:\d+ /, ""))).toEqual([
      'shard.index: must be a whole number from 0 to 999999, got "0"',
      "shard.count: must be a whole number from 1 to 1000000, got 0",
    ]);
    expect(problems('{"plan": {"tool": "chokepoint",\n  "runs": 3,,\n')).toEqual(["s/shard.json:2:13: not valid JSON (PropertyNameExpected); the manifest is damaged: start the shard again in a new folder"]);
    expect(problems("")).toEqual(["s/shard.json:1:1: not valid JSON (ValueExpected); the manifest is damaged: start the shard again in a new folder"]);
  });

  it("never throws, and either accepts a manifest or names the field, for any field set to any value", () => {
    const paths: Path[] = [
      ["shard", "index"],
      ["shard", "count"],
      ...Object.keys(plan).map((key) => ["plan", key]),
      ["plan", "alternatives", 0, "inputs"],
      ["plan", "alternatives", 0, "inputScales", 0],
      ["plan", "series", 0],
      ["plan", "about", "markers"],
    ];
    const hostile = fc.oneof(
      fc.constantFrom(undefined, null, -1, 0, 1, 2, 2.5, -0.5, 1e300, -1e300, 2 ** 53, 1e6, 1e8 + 1, "2", "", true, [], {}, "2025-01-01"),
      fc.integer({ min: -10, max: 1_000_010 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), hostile, (at, value) => {
        const result = parseShardManifest(FILE, mutated(at, value));
        if (result.ok) {
          // What merge sizes from an accepted plan can be built.
          new SweepTally(result.manifest.plan);
          recordShape(result.manifest.plan);
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const line of result.problems) expect(line).toMatch(/^s\/shard\.json:\d+:\d+ (shard|plan)[.[:]/);
      }),
      { numRuns: 2000 },
    );
  });
});

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: 120_000, killSignal: "SIGKILL", env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });
}

describe("merge and --resume on an edited shard.json", () => {
  const shards = [path.join(scratch, "s0"), path.join(scratch, "s1")];
  beforeAll(async () => {
    const results = await Promise.all(shards.map((folder, i) => cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--workers", "1", "--shard", `${i}/2`, "--out", folder, "-q"])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  it.each<[string, unknown, string]>([
    ["count", -1, "shard.count: must be a whole number from 1 to 1000000, got -1"],
    ["count", 2.5, "shard.count: must be a whole number from 1 to 1000000, got 2.5"],
    ["count", "2", 'shard.count: must be a whole number from 1 to 1000000, got "2"'],
    ["index", 7, "shard.index: must be below shard.count (2): shards are numbered 0 to count - 1, got 7"],
  ])("a shard.count or index of %s = %j: exit 2 naming the file and field", async (field, value, message) => {
    const edited = path.join(scratch, `edited-${field}-${String(value)}`);
    cpSync(shards[1], edited, { recursive: true });
    const file = path.join(edited, "shard.json");
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    manifest.shard[field] = value;
    writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
    const tail = `${file} is not a shard manifest chokepoint wrote: it is damaged or was edited; start the shard again in a new folder`;
    const merge = await cli(["merge", shards[0], edited, "--out", path.join(scratch, "merged"), "-q"]);
    expect(merge.code, merge.stderr).toBe(2);
    expect(merge.stderr).not.toMatch(/^\s+at /m);
    expect(merge.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^${escape(file)}:\\d+:\\d+ ${escape(message)}$`)), tail]);
    const resume = await cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--shard", "1/2", "--out", edited, "--resume", "-q"]);
    expect(resume.code, resume.stderr).toBe(2);
    expect(resume.stderr.trim().split("\n").slice(-2)).toEqual([expect.stringMatching(new RegExp(`^${escape(file)}:\\d+:\\d+ ${escape(message)}$`)), tail]);
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
