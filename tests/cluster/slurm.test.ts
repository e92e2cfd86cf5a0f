// The shipped Slurm launcher (launchers/slurm/submit.sh, sweep.sbatch, merge.sbatch) on a real
// single-node Slurm cluster: a 4-task array sweep plus the dependent merge job give the same bytes
// as the same sweep run unsharded in one process. Runs after `npm run build` (as `npm test` does).
// Needs root and the Slurm packages (.ci/run installs them); without them the test is skipped
// with a warning on a developer's machine and fails in CI.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type SlurmCluster, slurmAvailability, startSlurmCluster } from "./slurm-cluster.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/src/cli/bin.js");
const submit = join(root, "launchers/slurm/submit.sh");
const scenario = join(root, "scenarios/uncertain-2026.yaml");
const RUNS = 24;
const SEED = 2026;
const SHARDS = 4;
const COMPARED = ["replicates.csv", "bands.csv", "summary.json"] as const;

const availability = slurmAvailability();
const inCI = Boolean(process.env.CI);
if (!availability.installed && !inCI) {
  console.warn(`tests/cluster/slurm.test.ts skipped: ${availability.reason}`);
}

describe.skipIf(!availability.installed && !inCI)("the Slurm launcher on a real single-node cluster", () => {
  let cluster: SlurmCluster | undefined;

  beforeAll(async () => {
    if (availability.installed) cluster = await startSlurmCluster();
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  test("a 4-shard job array and its merge job give the bytes of the unsharded sweep", async () => {
    if (!availability.installed) throw new Error(`Slurm is needed in CI: ${availability.reason}`);
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
    const c = cluster!;
    const out = join(c.dir, "sweep");
    const reference = join(c.dir, "reference");

    const started = Date.now();
    // As shipped: PROJECT and CHOKEPOINT left to their defaults (this checkout, its dist/ build).
    const submitted = await runCommand(submit, ["--wait"], {
      env: {
        ...withoutShardVariables(c.env),
        SCENARIO: scenario,
        RUNS: String(RUNS),
        SEED: String(SEED),
        SHARDS: String(SHARDS),
        OUT: out,
        POLL_SECONDS: "1",
      },
      timeoutMs: 150_000,
    });
    const slurmMs = Date.now() - started;
    const context = () => `${submitted.output}\n${logs(out)}\n${c.logs()}`;
    expect(submitted.status, context()).toBe(0);
    const arrayId = /^array job (\d+)/m.exec(submitted.stdout)?.[1];
    const mergeId = /^merge job (\d+)/m.exec(submitted.stdout)?.[1];
    expect(arrayId, submitted.output).toBeDefined();
    expect(mergeId, submitted.output).toBeDefined();
    expect(readdirSync(out).filter((name) => name.startsWith("shard-")).sort()).toEqual(
      Array.from({ length: SHARDS }, (_, i) => `shard-${i}`),
    );
    for (let i = 0; i < SHARDS; i++) expect(existsSync(join(out, `shard-${i}`, "shard.json")), context()).toBe(true);

    const unsharded = await runCommand(
      process.execPath,
      [cli, "sweep", scenario, "--runs", String(RUNS), "--seed", String(SEED), "--out", reference],
      { env: withoutShardVariables(process.env), timeoutMs: 120_000 },
    );
    expect(unsharded.status, unsharded.output).toBe(0);

    for (const file of COMPARED) {
      const merged = readFileSync(join(out, "merged", file));
      const expected = readFileSync(join(reference, file));
      expect(merged.toString("utf8"), `${file} differs`).toBe(expected.toString("utf8"));
      expect(merged.equals(expected), `${file} bytes differ`).toBe(true);
    }
    console.log(
      `slurm: submit.sh --wait (array ${arrayId} of ${SHARDS} tasks + merge ${mergeId}, ${RUNS} runs) ${slurmMs} ms; ` +
        `unsharded sweep ${unsharded.ms} ms`,
    );
  }, 240_000);

  test("more shards than tornado swing runs (the README's 16 shards and default 10): the shards without swings merge to the unsharded bytes", async () => {
    if (!availability.installed) throw new Error(`Slurm is needed in CI: ${availability.reason}`);
    const c = cluster!;
    const out = join(c.dir, "more-shards-than-swings");
    const reference = join(c.dir, "more-shards-than-swings-reference");
    // The small world keeps 12 tasks cheap; --swing-runs is left to its default (10), as the
    // launcher leaves it, so shards 10 and 11 run no swing replicate.
    const tiny = join(root, "tests/fixtures/sweep/tiny.yaml");
    const shards = 12;
    const runs = 24;
    const submitted = await runCommand(submit, ["--wait"], {
      env: { ...withoutShardVariables(c.env), SCENARIO: tiny, RUNS: String(runs), SEED: "14", SHARDS: String(shards), OUT: out, POLL_SECONDS: "1" },
      timeoutMs: 200_000,
    });
    expect(submitted.status, `${submitted.output}\n${logs(out)}\n${c.logs()}`).toBe(0);
    expect(existsSync(join(out, "shard-10", "tornado.json"))).toBe(false);
    expect(existsSync(join(out, "shard-9", "tornado.json"))).toBe(true);
    const unsharded = await runCommand(process.execPath, [cli, "sweep", tiny, "--runs", String(runs), "--seed", "14", "--out", reference, "-q"], {
      env: withoutShardVariables(process.env),
      timeoutMs: 120_000,
    });
    expect(unsharded.status, unsharded.output).toBe(0);
    for (const file of [...COMPARED, "sensitivity.csv", "report.html"]) {
      expect(readFileSync(join(out, "merged", file)).equals(readFileSync(join(reference, file))), `${file} bytes differ`).toBe(true);
    }
  }, 300_000);

  test("a shard that fails cancels the merge and submit.sh --wait exits with the shard's code", async () => {
    if (!availability.installed) throw new Error(`Slurm is needed in CI: ${availability.reason}`);
    const c = cluster!;
    const out = join(c.dir, "bad-sweep");
    mkdirSync(out);
    // A scenario file that exists but does not validate: every shard exits 2 (bad input).
    const badScenario = join(c.dir, "ends-before-it-starts.yaml");
    writeFileSync(badScenario, "start: 2025-01-01\nend: 2024-12-31\n");
    const submitted = await runCommand(submit, ["--wait"], {
      env: {
        ...withoutShardVariables(c.env),
        CHOKEPOINT: `${process.execPath} ${cli}`,
        SCENARIO: badScenario,
        RUNS: "4",
        SHARDS: "2",
        OUT: out,
        POLL_SECONDS: "1",
      },
      timeoutMs: 120_000,
    });
    expect(submitted.status, `${submitted.output}\n${logs(out)}`).toBe(2);
    expect(submitted.stderr).toMatch(/CANCELLED .*DependencyNeverSatisfied/);
    expect(existsSync(join(out, "merged"))).toBe(false);
  }, 180_000);
});

/**
 * The test's own environment may be a Slurm job or carry a developer's launcher settings: the
 * launchers and the reference sweep must see neither a shard nor those settings.
 */
function withoutShardVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  const launcherSettings = ["PROJECT", "CHOKEPOINT", "SCENARIO", "RUNS", "SEED", "DESIGN", "OUT", "MERGED", "SHARDS", "CPUS", "POLL_SECONDS"];
  for (const name of Object.keys(copy)) {
    if (
      /^(SLURM_(ARRAY|JOB|STEP|TASK|PROCID|CPUS|RESTART)|SBATCH_|JOB_COMPLETION_INDEX$|AWS_BATCH_JOB_ARRAY_)/.test(name) ||
      launcherSettings.includes(name)
    ) {
      delete copy[name];
    }
  }
  return copy;
}

function logs(out: string): string {
  const folder = join(out, "logs");
  if (!existsSync(folder)) return "(no job logs)";
  return readdirSync(folder)
    .sort()
    .map((name) => `--- ${name}\n${readFileSync(join(folder, name), "utf8").trimEnd()}`)
    .join("\n");
}

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
  ms: number;
}

function runCommand(command: string, args: string[], options: { env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${command} ${args.join(" ")} took over ${options.timeoutMs} ms\n${stdout}${stderr}`));
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr, output: `${stdout}${stderr}`, ms: Date.now() - started });
    });
  });
}
