/**
 * Extendable sweeps: `sweep ... --resume --runs M` grows a Monte Carlo sweep of N < M runs (its
 * draws do not depend on N) to the bytes of the same sweep planned at M: every file of its
 * folder but run-log.json (replicates.csv, bands.csv, summary.json, report.html,
 * sensitivity.csv, compare.csv, and the records), unsharded and sharded then merged. A Latin
 * hypercube cannot grow (its strata depend on N), nor a sweep shrink: both refused with exit 2,
 * the folder untouched. Built CLI, run in-process on a worker thread (tests/cli/support).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { CliWorker, type CliOutcome } from "./support/cli-worker-pool.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORLDS = {
  tiny: path.join(ROOT, "tests/fixtures/sweep/tiny.yaml"),
  "one-input": path.join(ROOT, "tests/fixtures/sweep/one-input.yaml"),
} as const;
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-extend-"));
const worker = new CliWorker();
afterAll(async () => {
  await worker.close();
  rmSync(scratch, { recursive: true, force: true });
});

let folders = 0;
const fresh = (name: string) => path.join(scratch, `${name}-${folders++}`);

async function cli(args: readonly string[]): Promise<CliOutcome> {
  return worker.run(args, 120_000);
}

async function ok(args: readonly string[]): Promise<CliOutcome> {
  const outcome = await cli(args);
  expect(outcome.code, `chokepoint ${args.join(" ")}\n${outcome.stderr}`).toBe(0);
  return outcome;
}

/** Every file of a folder but the run log (the one file that differs between two runs of a sweep), name -> bytes. */
function contents(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .filter((name) => name !== "run-log.json")
      .sort()
      .map((name) => [name, readFileSync(path.join(folder, name))]),
  );
}

function expectSameFiles(actual: string, expected: string, context: string): void {
  const a = contents(actual);
  const b = contents(expected);
  expect([...a.keys()], context).toEqual([...b.keys()]);
  for (const [name, bytes] of b) expect(a.get(name)?.equals(bytes), `${name} differs: ${context}`).toBe(true);
}

/** One small sweep's settings, drawn by fast-check. */
interface Case {
  readonly world: keyof typeof WORLDS;
  readonly kind: "sweep" | "compare";
  readonly seed: number;
  readonly before: number;
  readonly after: number;
  readonly swingRuns: number | undefined;
  readonly bandDays: number;
  readonly until: boolean;
}

const caseArbitrary = fc
  .record({
    world: fc.constantFrom<keyof typeof WORLDS>("tiny", "one-input"),
    kind: fc.constantFrom<"sweep" | "compare">("sweep", "sweep", "compare"),
    seed: fc.integer({ min: 0, max: 10_000 }),
    before: fc.integer({ min: 1, max: 5 }),
    more: fc.integer({ min: 1, max: 5 }),
    swingRuns: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    bandDays: fc.constantFrom(7, 30, 91),
    until: fc.boolean(),
  })
  .map(({ more, ...rest }): Case => ({ ...rest, after: rest.before + more }));

/** The command line of a case's sweep at `runs` (without --out). */
function sweepArgs(c: Case, runs: number): string[] {
  const world = WORLDS[c.world];
  const args = c.kind === "compare" ? ["compare", world, "--alt", "other=stockpiles.reserve.level=5 days"] : ["sweep", world];
  args.push("--runs", String(runs), "--seed", String(c.seed), "--band-days", String(c.bandDays), "--workers", "2", "-q");
  if (c.kind === "sweep" && c.swingRuns !== undefined) args.push("--swing-runs", String(c.swingRuns));
  // A loose rule checked every 2 replicates from the second on (min 2): it may settle before the smaller size, between the two, or never.
  if (c.until) args.push("--until", "unmetTonnes AA metal: mean ±60% @80% min 2", "--batch", "2");
  return args;
}

describe("an extended Monte Carlo sweep is the sweep planned at the larger size", () => {
  it("unsharded: N runs, then --resume --runs M, equals M runs, byte for byte (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const grown = fresh("grown");
        const planned = fresh("planned");
        await ok([...sweepArgs(c, c.before), "--out", grown]);
        await ok([...sweepArgs(c, c.after), "--out", grown, "--resume"]);
        await ok([...sweepArgs(c, c.after), "--out", planned]);
        expectSameFiles(grown, planned, JSON.stringify(c));
      }),
      { numRuns: 6, seed: 20_251_207 },
    );
  }, 600_000);

  it("sharded: every shard extended, then merged, equals the unsharded sweep planned at M (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.integer({ min: 2, max: 3 }), async (c, shards) => {
        const before = Math.max(c.before, shards);
        const grown = Array.from({ length: shards }, (_, i) => fresh(`shard-${i}`));
        for (const [i, folder] of grown.entries()) await ok([...sweepArgs(c, before), "--shard", `${i}/${shards}`, "--out", folder]);
        for (const [i, folder] of grown.entries()) {
          const extended = await ok([...sweepArgs(c, c.after + shards), "--shard", `${i}/${shards}`, "--out", folder, "--resume"].filter((a) => a !== "-q"));
          expect(extended.stdout).toContain(`(${Math.ceil((before - i) / shards)} resumed, extended from ${before} to ${c.after + shards} runs)`);
        }
        const merged = fresh("merged");
        await ok(["merge", ...grown, "--out", merged, "-q"]);
        const planned = fresh("planned");
        await ok([...sweepArgs(c, c.after + shards), "--out", planned]);
        const compared = ["replicates.csv", "bands.csv", "summary.json", "report.html", "sensitivity.csv", "compare.csv"].filter((name) => contents(planned).has(name));
        for (const name of compared) expect(readFileSync(path.join(merged, name)).equals(readFileSync(path.join(planned, name))), `${name} differs: ${JSON.stringify(c)} in ${shards} shards`).toBe(true);
      }),
      { numRuns: 3, seed: 7 },
    );
  }, 600_000);
});

describe("what cannot grow, and half-extended shards", () => {
  const tiny = WORLDS.tiny;

  it("refuses to extend a Latin hypercube, saying why, and leaves its folder as it was", async () => {
    const folder = fresh("lhs");
    const base = ["sweep", tiny, "--design", "lhs", "--seed", "4", "--swing-runs", "0", "--workers", "1", "-q", "--out", folder];
    await ok([...base, "--runs", "4"]);
    const before = contents(folder);
    const refused = await cli([...base, "--runs", "6", "--resume"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `cannot write outputs to ${folder}: it holds a Latin hypercube sweep of 4 runs, which cannot be extended to 6: a Latin hypercube cuts each input into as many strata as runs, so every replicate's draws depend on the number of runs, and 6 runs would draw all of them anew; run --runs 6 in another folder (or use --design mc, whose sweeps extend)\n`,
    );
    expect(contents(folder)).toEqual(before);
  });

  it("refuses to shrink a sweep, and to extend one without --resume", async () => {
    const folder = fresh("sizes");
    const base = ["sweep", tiny, "--seed", "4", "--swing-runs", "0", "--workers", "1", "-q", "--out", folder];
    await ok([...base, "--runs", "4"]);
    const before = contents(folder);
    const shrink = await cli([...base, "--runs", "3", "--resume"]);
    expect(shrink.code).toBe(2);
    expect(shrink.stderr).toBe(`cannot write outputs to ${folder}: it holds a sweep of 4 runs, and --runs 3 would shrink it, which a sweep cannot do; give --runs 4 to finish it (or more, to extend it), or name another folder\n`);
    const withoutResume = await cli([...base, "--runs", "6"]);
    expect(withoutResume.code).toBe(2);
    expect(withoutResume.stderr).toBe(`cannot write outputs to ${folder}: it holds this sweep's records for 4 runs; add --resume to extend it to 6, or name another folder\n`);
    expect(contents(folder)).toEqual(before);
  });

  it("refuses other swing runs than the sweep was started with, unless the smaller size capped them", async () => {
    const capped = fresh("capped");
    const base = ["sweep", tiny, "--seed", "4", "--workers", "1", "-q"];
    await ok([...base, "--runs", "2", "--swing-runs", "5", "--out", capped]);
    await ok([...base, "--runs", "4", "--swing-runs", "3", "--out", capped, "--resume"]);
    const refused = await cli([...base, "--runs", "6", "--swing-runs", "2", "--out", capped, "--resume"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`cannot write outputs to ${capped}: it holds the records of another sweep (swingRuns differs (3 and 2): give the --swing-runs the sweep was started with); name another folder\n`);
  });

  it("a merge of shards extended to different sizes names what to do", async () => {
    const shards = [fresh("half-0"), fresh("half-1")];
    const base = ["sweep", tiny, "--seed", "4", "--swing-runs", "0", "--workers", "1", "-q"];
    await ok([...base, "--runs", "4", "--shard", "0/2", "--out", shards[0]]);
    await ok([...base, "--runs", "4", "--shard", "1/2", "--out", shards[1]]);
    await ok([...base, "--runs", "6", "--shard", "1/2", "--out", shards[1], "--resume"]);
    const merge = await cli(["merge", ...shards, "--out", fresh("half-merged"), "-q"]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toBe(`${shards[1]} is not a shard of the same sweep as ${shards[0]}: runs differs (4 and 6): a sweep extended with --resume --runs M must be extended in every shard\n`);
  });
});
