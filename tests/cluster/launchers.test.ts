// The launchers that cannot run on a real scheduler here (Kubernetes, AWS Batch, GNU parallel):
// they parse, the Kubernetes Job writes its shard count once (kustomize copies it to the pods),
// retries only once a pod is gone and is waited for by a script that ends on failure; and their
// commands, run here as the scheduler would run them, merge to the unsharded sweep's bytes. Every
// shell launcher passes `bash -n`.
import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const launchers = join(root, "launchers");

function yamlDocuments(file: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(join(launchers, file), "utf8"));
  for (const document of documents) expect(document.errors, file).toEqual([]);
  return documents.map((document) => document.toJS());
}

const hasKubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

// Parsed YAML, read field by field.
type Loose = any;

describe("launchers", () => {
  test.each(["slurm/submit.sh", "slurm/sweep.sbatch", "slurm/merge.sbatch", "gnu-parallel.sh", "kubernetes/wait-job.sh"])(
    "%s is executable bash that parses",
    (file) => {
      const path = join(launchers, file);
      accessSync(path, constants.X_OK);
      const check = spawnSync("bash", ["-n", path], { encoding: "utf8" });
      expect(check.status, check.stderr).toBe(0);
      expect(readFileSync(path, "utf8")).toMatch(/^#!.*bash\n/);
      expect(readFileSync(path, "utf8")).toContain("set -euo pipefail");
    },
  );

  test("the Kubernetes Indexed Job writes K once (completions), retries only once a pod is gone, and merges every shard folder", () => {
    const [job] = yamlDocuments("kubernetes/indexed-job.yaml") as Loose[];
    expect(job.kind).toBe("Job");
    expect(job.spec.completionMode).toBe("Indexed");
    expect(job.spec.podReplacementPolicy).toBe("Failed");
    const k = job.spec.completions;
    expect(Number.isInteger(k) && k > 0).toBe(true);
    expect(job.spec.parallelism).toBeLessThanOrEqual(k);
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe("node:20");
    const command = [...container.command, ...container.args].join(" ");
    expect(command).not.toContain("--shard-count");
    expect(command).toContain("--shards-from-env");
    expect(command).toContain("shard-$JOB_COMPLETION_INDEX");
    // The count itself appears once in the file: as completions.
    const text = readFileSync(join(launchers, "kubernetes/indexed-job.yaml"), "utf8");
    expect(text.split("\n").filter((line) => !line.trimStart().startsWith("#") && new RegExp(`\\b${k}\\b`).test(line.replace(/#.*/, "")))).toEqual([`  completions: ${k} # K, the shard count: the one place it is written`, `  parallelism: ${k} # how many shards run at once (at most K)`]);

    const [merge] = yamlDocuments("kubernetes/merge-job.yaml") as Loose[];
    const mergeCommand = [...merge.spec.template.spec.containers[0].command, ...merge.spec.template.spec.containers[0].args].join(" ");
    expect(mergeCommand).toContain("merge /work/out/sweep/shard-* --out /work/out/sweep/merged");
  });

  test.skipIf(!hasKubectl)("kubectl kustomize copies completions into the pods' CHOKEPOINT_SHARD_COUNT", () => {
    const rendered = spawnSync("kubectl", ["kustomize", join(launchers, "kubernetes")], { encoding: "utf8" });
    expect(rendered.status, rendered.stderr).toBe(0);
    const [job] = parseAllDocuments(rendered.stdout).map((d) => d.toJS()) as Loose[];
    const env = job.spec.template.spec.containers[0].env;
    expect(env).toEqual([{ name: "CHOKEPOINT_SHARD_COUNT", value: String(job.spec.completions) }]);
    expect(job.spec.podReplacementPolicy).toBe("Failed");
  });

  test("wait-job.sh ends on a complete Job (0), on a failed one at once naming its failed indexes (1), and after its timeout (1)", () => {
    const dir = mkdtempSync(join(tmpdir(), "chokepoint-wait-job-"));
    try {
      // A kubectl that answers `get job` from a file: the Job's conditions, or its failure's details.
      const stub = join(dir, "kubectl");
      writeFileSync(
        stub,
        `#!/usr/bin/env bash
case "$*" in
  *failedIndexes*) printf '%s' "$FAILED_INDEXES" ;;
  *'type=="Failed"'*) printf '%s' "FailedIndexes: Job has failed indexes" ;;
  *) printf '%s' "$CONDITIONS" ;;
esac
`,
      );
      chmodSync(stub, 0o755);
      const wait = (conditions: string, timeout: string) =>
        spawnSync(join(launchers, "kubernetes/wait-job.sh"), ["chokepoint-sweep", timeout], {
          encoding: "utf8",
          env: { ...process.env, KUBECTL: stub, CONDITIONS: conditions, FAILED_INDEXES: "2,5", POLL_SECONDS: "1" },
          timeout: 30_000,
        });
      const complete = wait("SuccessCriteriaMet=True;Complete=True;", "60");
      expect(complete.status, complete.stderr).toBe(0);
      expect(complete.stdout).toBe("job/chokepoint-sweep complete\n");
      const failed = wait("FailureTarget=True;Failed=True;", "86400");
      expect(failed.status).toBe(1);
      expect(failed.stderr).toBe(
        "job/chokepoint-sweep failed (FailedIndexes: Job has failed indexes); failed indexes: 2,5; logs: kubectl logs job/chokepoint-sweep, or of one index: kubectl logs -l batch.kubernetes.io/job-completion-index=I,job-name=chokepoint-sweep\n",
      );
      const running = wait("", "2");
      expect(running.status).toBe(1);
      expect(running.stderr).toBe("wait-job.sh: job/chokepoint-sweep has neither completed nor failed after 2 s (conditions: none)\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the AWS Batch job definition is JSON that writes shard-$AWS_BATCH_JOB_ARRAY_INDEX", () => {
    const definition = JSON.parse(readFileSync(join(launchers, "aws-batch/array-job.json"), "utf8"));
    expect(definition.type).toBe("container");
    expect(definition.containerProperties.image).toBe("node:20");
    const command = definition.containerProperties.command.join(" ");
    expect(command).toContain("sweep");
    expect(command).toContain("shard-$AWS_BATCH_JOB_ARRAY_INDEX");
    expect(command).not.toContain("--shard "); // the shard comes from the array's environment
  });

  test("the README shows each launcher and names only files that exist", () => {
    const readme = readFileSync(join(launchers, "README.md"), "utf8");
    const named = new Set(readme.match(/launchers\/[\w./-]+\.(?:sh|sbatch|yaml|json)/g));
    expect([...named].sort()).toEqual(
      [
        "launchers/aws-batch/array-job.json",
        "launchers/gnu-parallel.sh",
        "launchers/kubernetes/indexed-job.yaml",
        "launchers/kubernetes/kustomization.yaml",
        "launchers/kubernetes/merge-job.yaml",
        "launchers/kubernetes/wait-job.sh",
        "launchers/slurm/merge.sbatch",
        "launchers/slurm/submit.sh",
        "launchers/slurm/sweep.sbatch",
      ].sort(),
    );
    for (const file of named) accessSync(join(root, file));
  });
});

// The launchers' own commands, run here as their schedulers would run them (each pod's or child's
// command with its index in the environment, GNU parallel by a stand-in that runs its jobs one by
// one), on a small world: the merged outputs are the unsharded sweep's bytes. What this needs of a
// real cluster (the volume, the image) is configuration, not chokepoint's.
describe("the launchers' commands, run here", () => {
  const cli = join(root, "dist/src/cli/bin.js");
  const tiny = join(root, "tests/fixtures/sweep/tiny.yaml");
  const COMPARED = ["replicates.csv", "bands.csv", "summary.json", "report.html"];
  let scratch = "";
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "chokepoint-launchers-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const run = (command: string, args: string[], env: Record<string, string>) => {
    const result = spawnSync(command, args, { cwd: root, encoding: "utf8", env: { ...withoutLauncherSettings(), ...env }, timeout: 300_000 });
    expect(result.status, `${command} ${args.join(" ")}\n${result.stdout}${result.stderr}`).toBe(0);
    return result;
  };
  const unsharded = (folder: string, args: string[]) => run(process.execPath, [cli, "sweep", tiny, ...args, "--out", folder, "-q"], {});
  const expectSame = (merged: string, reference: string) => {
    for (const file of COMPARED) expect(readFileSync(join(merged, file)).equals(readFileSync(join(reference, file))), `${file} differs`).toBe(true);
  };

  test("the Kubernetes pods (K from completions, as kustomize copies it) and the merge job", () => {
    const [job] = yamlDocuments("kubernetes/indexed-job.yaml") as Loose[];
    const [merge] = yamlDocuments("kubernetes/merge-job.yaml") as Loose[];
    const k: number = job.spec.completions;
    const out = join(scratch, "kubernetes");
    // The volume's paths, the scenario and the size made local and small; nothing else changed.
    const local = (command: string) => command.replaceAll("/work/out/sweep", out).replace("scenarios/uncertain-2026.yaml", tiny).replace("--runs 1000", "--runs 8 --swing-runs 2").replace(/^exec node /, `exec ${process.execPath} `);
    const pod = job.spec.template.spec.containers[0];
    for (let index = 0; index < k; index++) {
      run(pod.command[0], [pod.command[1], local(pod.args[0])], { JOB_COMPLETION_INDEX: String(index), CHOKEPOINT_SHARD_COUNT: String(k) });
    }
    const merger = merge.spec.template.spec.containers[0];
    run(merger.command[0], [merger.command[1], local(merger.args[0])], {});
    const reference = join(scratch, "kubernetes-reference");
    unsharded(reference, ["--runs", "8", "--seed", "1", "--swing-runs", "2"]);
    expectSame(join(out, "merged"), reference);
    // Applied without -k, the count is not set: every pod stops at once, saying so.
    const unset = spawnSync(pod.command[0], [pod.command[1], local(pod.args[0])], { cwd: root, encoding: "utf8", env: { ...withoutLauncherSettings(), JOB_COMPLETION_INDEX: "0", CHOKEPOINT_SHARD_COUNT: pod.env[0].value } });
    expect(unset.status).toBe(2);
    expect(unset.stderr).toContain("CHOKEPOINT_SHARD_COUNT=set-by-kustomize do not make a shard");
  }, 300_000);

  test("the AWS Batch children, with sweep flags and a setup hook from the definition's environment", () => {
    const definition = JSON.parse(readFileSync(join(launchers, "aws-batch/array-job.json"), "utf8"));
    const [shell, flag, script] = definition.containerProperties.command as string[];
    const out = join(scratch, "aws");
    const env = Object.fromEntries((definition.containerProperties.environment as { name: string; value: string }[]).map((e) => [e.name, e.value]));
    Object.assign(env, { SCENARIO: tiny, RUNS: "6", OUT: out, WORKERS: "1", SWEEP_FLAGS: "--swing-runs 1 --band-days 30 --set 'controls.licence.approval={uniform: [20%, 60%]}'", SETUP: `mkdir -p ${out} && touch ${out}/setup-ran` });
    const local = script.replace("cd /work/chokepoint", `cd ${root}`).replace("exec node ", `exec ${process.execPath} `);
    for (let index = 0; index < 2; index++) run(shell, [flag, local], { ...env, AWS_BATCH_JOB_ARRAY_INDEX: String(index), AWS_BATCH_JOB_ARRAY_SIZE: "2" });
    expect(readFileSync(join(out, "setup-ran"), "utf8")).toBe("");
    run(process.execPath, [cli, "merge", join(out, "shard-0"), join(out, "shard-1"), "--out", join(out, "merged"), "-q"], {});
    const reference = join(scratch, "aws-reference");
    unsharded(reference, ["--runs", "6", "--seed", "1", "--swing-runs", "1", "--band-days", "30", "--set", "controls.licence.approval={uniform: [20%, 60%]}"]);
    expectSame(join(out, "merged"), reference);
  }, 300_000);

  test("gnu-parallel.sh: a stop rule in rounds, with sweep flags and SETUP, merged to the unsharded sweep of the last round's size", () => {
    const bin = join(scratch, "bin");
    mkdirSync(bin, { recursive: true });
    // A stand-in for GNU parallel: the options the script gives are skipped, the jobs run one by one.
    writeFileSync(
      join(bin, "parallel"),
      `#!/usr/bin/env bash
while [ $# -gt 0 ]; do case $1 in --halt | --jobs | --sshlogin | --workdir) shift 2 ;; --line-buffer | --tag | -q) shift ;; *) break ;; esac; done
command=(); while [ "$1" != ":::" ]; do command+=("$1"); shift; done; shift
for value in "$@"; do job=(); for word in "\${command[@]}"; do job+=("\${word//\\{\\}/$value}"); done; "\${job[@]}" || exit $?; done
`,
    );
    chmodSync(join(bin, "parallel"), 0o755);
    const out = join(scratch, "parallel");
    const rule = ["--until", "demandTonnes AA metal: mean ±5% @95%", "--batch", "4", "--swing-runs", "0"];
    const ran = run(join(launchers, "gnu-parallel.sh"), ["--", ...rule], {
      PATH: `${bin}:${process.env.PATH}`,
      CHOKEPOINT: `${process.execPath} ${cli}`,
      SCENARIO: tiny,
      RUNS: "64",
      SEED: "14",
      SHARDS: "2",
      ROUND_RUNS: "10",
      OUT: out,
      SETUP: `echo setup ran on "$(hostname)"`,
    });
    const rounds = [...ran.stdout.matchAll(/^round of (\d+) replicates/gm)].map((m) => Number(m[1]));
    expect(rounds.length, ran.stdout).toBeGreaterThan(1);
    expect(ran.stdout).toMatch(/^setup ran on /m);
    const summary = JSON.parse(readFileSync(join(out, "merged", "summary.json"), "utf8"));
    expect(summary.manifest.stoppedByRule).toBe(true);
    expect(ran.stdout).toContain(`the stop rule is met at ${summary.manifest.runs} replicates (of the ${rounds.at(-1)} run)`);
    const reference = join(scratch, "parallel-reference");
    unsharded(reference, ["--runs", String(rounds.at(-1)), "--seed", "14", ...rule]);
    expectSame(join(out, "merged"), reference);
  }, 300_000);
});

/** The environment without a scheduler's shard or a developer's launcher settings. */
function withoutLauncherSettings(): Record<string, string> {
  const settings = ["PROJECT", "CHOKEPOINT", "SCENARIO", "RUNS", "SEED", "DESIGN", "OUT", "MERGED", "SHARDS", "SHARDS_PER_TASK", "CPUS", "SETUP", "ROUND_RUNS", "JOBS", "SSHLOGIN", "WORKERS", "SWEEP_FLAGS"];
  return Object.fromEntries(
    Object.entries(process.env).filter(([name, value]) => value !== undefined && !settings.includes(name) && !/^(SLURM_|SBATCH_|JOB_COMPLETION_INDEX$|AWS_BATCH_JOB_ARRAY_|CHOKEPOINT_SHARD_COUNT$)/.test(name)),
  ) as Record<string, string>;
}
