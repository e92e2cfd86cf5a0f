// The launchers that cannot run here (Kubernetes, AWS Batch, GNU parallel) at least parse, and
// say the same K and the same shard folders; every shell launcher passes `bash -n`.
import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parseAllDocuments } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const launchers = join(root, "launchers");

function yamlDocuments(file: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(join(launchers, file), "utf8"));
  for (const document of documents) expect(document.errors, file).toEqual([]);
  return documents.map((document) => document.toJS());
}

// Parsed YAML, read field by field.
type Loose = any;

describe("launchers", () => {
  test.each(["slurm/submit.sh", "slurm/sweep.sbatch", "slurm/merge.sbatch", "gnu-parallel.sh"])(
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

  test("the Kubernetes Indexed Job runs K shards into shard-$JOB_COMPLETION_INDEX", () => {
    const [job] = yamlDocuments("kubernetes/indexed-job.yaml") as Loose[];
    expect(job.kind).toBe("Job");
    expect(job.spec.completionMode).toBe("Indexed");
    const k = job.spec.completions;
    expect(Number.isInteger(k) && k > 0).toBe(true);
    expect(job.spec.parallelism).toBeLessThanOrEqual(k);
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe("node:20");
    const command = [...container.command, ...container.args].join(" ");
    expect(command).toContain(`--shard-count ${k}`);
    expect(command).toContain("shard-$JOB_COMPLETION_INDEX");

    const [merge] = yamlDocuments("kubernetes/merge-job.yaml") as Loose[];
    const mergeCommand = [...merge.spec.template.spec.containers[0].command, ...merge.spec.template.spec.containers[0].args].join(" ");
    for (let i = 0; i < k; i++) expect(mergeCommand).toContain(`/work/out/sweep/shard-${i} `);
    expect(mergeCommand).not.toContain(`shard-${k} `);
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
        "launchers/kubernetes/merge-job.yaml",
        "launchers/slurm/merge.sbatch",
        "launchers/slurm/submit.sh",
        "launchers/slurm/sweep.sbatch",
      ].sort(),
    );
    for (const file of named) accessSync(join(root, file));
  });
});
