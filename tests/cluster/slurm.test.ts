// The shipped Slurm launcher (launchers/slurm/submit.sh, sweep.sbatch, merge.sbatch) on a real
// single-node Slurm cluster: a 4-task array sweep plus the dependent merge job give the same bytes
// as the same sweep run unsharded in one process. Runs after `npm run build` (as `npm test` does).
// Needs root and the Slurm packages (.ci/run installs them); without them the test is skipped
// with a warning on a developer's machine and fails in CI.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

  test("a task retried alone (sbatch --array=2) runs its own shard, with the submission's sweep flags and SETUP, and the merge then gives the unsharded bytes", async () => {
    if (!availability.installed) throw new Error(`Slurm is needed in CI: ${availability.reason}`);
    const c = cluster!;
    const out = join(c.dir, "retried");
    const reference = join(c.dir, "retried-reference");
    const tiny = join(root, "tests/fixtures/sweep/tiny.yaml");
    const flags = ["--swing-runs", "2", "--band-days", "30", "--set", "controls.licence.approval={uniform: [20%, 60%]}"];
    // Shard 2 fails at once: its folder is locked by a process on another machine (as after a node loss).
    mkdirSync(out, { recursive: true });
    const lock = join(out, ".shard-2.lock");
    writeFileSync(lock, JSON.stringify({ purpose: "sweep writing its records", pid: 4711, host: "lost-node", machine: "x", processStart: "1", since: "2025-01-01T00:00:00.000Z" }));
    const setup = 'echo "setup ran in job $SLURM_JOB_ID" && export CHOKEPOINT_TEST_SETUP=1';
    const env = { ...withoutShardVariables(c.env), SCENARIO: tiny, RUNS: "9", SEED: "21", SHARDS: "3", OUT: out, POLL_SECONDS: "1", SETUP: setup };
    const submitted = await runCommand(submit, ["--wait", "--", ...flags], { env, timeoutMs: 150_000 });
    expect(submitted.status, `${submitted.output}\n${logs(out)}`).toBe(2);
    expect(submitted.stderr).toMatch(/task 2: FAILED \(exit code 2:0\)/);
    expect(submitted.stdout).toContain(`retry a failed task I alone: cd ${root} && OUT=${out} sbatch --array=I ${join(root, "launchers/slurm")}/sweep.sbatch; then OUT=${out} sbatch ${join(root, "launchers/slurm")}/merge.sbatch`);
    expect(logs(out)).toContain("it is locked by a chokepoint process on another machine (sweep writing its records: pid 4711 on host lost-node");
    expect(existsSync(join(out, "merged"))).toBe(false);

    // The node is back: the lock goes (after checking, as the message says), and task 2 alone is
    // resubmitted, as a user does: an array of one task, with nothing else set but OUT.
    rmSync(lock);
    const retryEnv = { ...withoutShardVariables(c.env), OUT: out };
    const retried = await runCommand("sbatch", ["--wait", "--array=2", `--output=${join(out, "logs", "retry-%A_%a.out")}`, "launchers/slurm/sweep.sbatch"], { env: retryEnv, timeoutMs: 150_000 });
    expect(retried.status, `${retried.output}\n${logs(out)}`).toBe(0);
    const retryLog = readdirSync(join(out, "logs")).filter((name) => name.startsWith("retry-")).map((name) => readFileSync(join(out, "logs", name), "utf8")).join("\n");
    expect(retryLog).toMatch(/^shard 2 of 3 \(task 2\) on .*--swing-runs 2 --band-days 30 --set controls\.licence\.approval=\{uniform: \[20%, 60%\]\} --shard 2\/3 /m);
    expect(retryLog).toMatch(/^setup ran in job \d+$/m);
    const merged = await runCommand("sbatch", ["--wait", `--output=${join(out, "logs", "remerge-%j.out")}`, "launchers/slurm/merge.sbatch"], { env: retryEnv, timeoutMs: 150_000 });
    expect(merged.status, `${merged.output}\n${logs(out)}`).toBe(0);

    const unsharded = await runCommand(process.execPath, [cli, "sweep", tiny, "--runs", "9", "--seed", "21", ...flags, "--out", reference, "-q"], { env: withoutShardVariables(process.env), timeoutMs: 120_000 });
    expect(unsharded.status, unsharded.output).toBe(0);
    for (const file of [...COMPARED, "sensitivity.csv", "report.html"]) {
      expect(readFileSync(join(out, "merged", file)).equals(readFileSync(join(reference, file))), `${file} bytes differ`).toBe(true);
    }
  }, 420_000);

  test("past the cluster's MaxArraySize submit.sh says what to do; SHARDS_PER_TASK runs several shards per task", async () => {
    if (!availability.installed) throw new Error(`Slurm is needed in CI: ${availability.reason}`);
    const c = cluster!;
    const out = join(c.dir, "per-task");
    const tiny = join(root, "tests/fixtures/sweep/tiny.yaml");
    const base = { ...withoutShardVariables(c.env), SCENARIO: tiny, RUNS: "5", SEED: "3", OUT: out, POLL_SECONDS: "1" };
    const refused = await runCommand(submit, ["--wait"], { env: { ...base, SHARDS: "2500" }, timeoutMs: 60_000 });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      "submit.sh: SHARDS=2500 with SHARDS_PER_TASK=1 is an array of 2500 tasks (0-2499), past this cluster's MaxArraySize of 1001 (task indices up to 1000): run several shards per task with SHARDS_PER_TASK=3 (834 tasks), or ask the cluster's administrators to raise MaxArraySize in slurm.conf\n",
    );
    expect(existsSync(join(out, "submission.sh"))).toBe(false);

    const submitted = await runCommand(submit, ["--wait", "--", "--swing-runs", "0"], { env: { ...base, SHARDS: "5", SHARDS_PER_TASK: "2" }, timeoutMs: 200_000 });
    expect(submitted.status, `${submitted.output}\n${logs(out)}\n${c.logs()}`).toBe(0);
    expect(submitted.stdout).toMatch(/^array job \d+ \(5 shards in 3 tasks\)/m);
    const reference = join(c.dir, "per-task-reference");
    const unsharded = await runCommand(process.execPath, [cli, "sweep", tiny, "--runs", "5", "--seed", "3", "--swing-runs", "0", "--out", reference, "-q"], { env: withoutShardVariables(process.env), timeoutMs: 120_000 });
    expect(unsharded.status, unsharded.output).toBe(0);
    for (const file of COMPARED) expect(readFileSync(join(out, "merged", file)).equals(readFileSync(join(reference, file))), `${file} bytes differ`).toBe(true);
  }, 300_000);

  test("a stop rule across shards in rounds (ROUND_RUNS): extended and merged until the rule is met, the bytes of the unsharded sweep of the last round's size", async () => {
    if (!availability.installed) throw new Error(`Slurm is needed in CI: ${availability.reason}`);
    const c = cluster!;
    const out = join(c.dir, "rounds");
    const tiny = join(root, "tests/fixtures/sweep/tiny.yaml");
    const rule = ["--until", "demandTonnes AA metal: mean ±5% @95%", "--batch", "4", "--swing-runs", "0"];
    const env = { ...withoutShardVariables(c.env), SCENARIO: tiny, RUNS: "64", SEED: "14", SHARDS: "2", ROUND_RUNS: "10", OUT: out, POLL_SECONDS: "1" };
    const submitted = await runCommand(submit, ["--wait", "--", ...rule], { env, timeoutMs: 400_000 });
    expect(submitted.status, `${submitted.output}\n${logs(out)}\n${c.logs()}`).toBe(0);
    const rounds = [...submitted.stdout.matchAll(/^round of (\d+) replicates/gm)].map((m) => Number(m[1]));
    expect(rounds.length, submitted.stdout).toBeGreaterThan(1);
    expect(rounds).toEqual(rounds.map((_, i) => 10 * (i + 1)));
    const last = rounds.at(-1)!;
    const summary = JSON.parse(readFileSync(join(out, "merged", "summary.json"), "utf8"));
    expect(summary.manifest.stoppedByRule).toBe(true);
    expect(submitted.stdout).toContain(`the stop rule is met at ${summary.manifest.runs} replicates (of the ${last} run)`);

    const reference = join(c.dir, "rounds-reference");
    const unsharded = await runCommand(process.execPath, [cli, "sweep", tiny, "--runs", String(last), "--seed", "14", ...rule, "--out", reference, "-q"], { env: withoutShardVariables(process.env), timeoutMs: 120_000 });
    expect(unsharded.status, unsharded.output).toBe(0);
    for (const file of [...COMPARED, "report.html"]) expect(readFileSync(join(out, "merged", file)).equals(readFileSync(join(reference, file))), `${file} bytes differ`).toBe(true);
    // The same replicates and figures as the rule with the largest size in one process (only the planned size differs).
    const whole = join(c.dir, "rounds-whole");
    const planned = await runCommand(process.execPath, [cli, "sweep", tiny, "--runs", "64", "--seed", "14", ...rule, "--out", whole, "-q"], { env: withoutShardVariables(process.env), timeoutMs: 120_000 });
    expect(planned.status, planned.output).toBe(0);
    for (const file of ["replicates.csv", "bands.csv"]) expect(readFileSync(join(out, "merged", file)).equals(readFileSync(join(whole, file))), `${file} bytes differ`).toBe(true);
  }, 600_000);

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
  const launcherSettings = ["PROJECT", "CHOKEPOINT", "SCENARIO", "RUNS", "SEED", "DESIGN", "OUT", "MERGED", "SHARDS", "SHARDS_PER_TASK", "CPUS", "POLL_SECONDS", "SETUP", "ROUND_RUNS"];
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
