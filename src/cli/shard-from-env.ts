/**
 * Which shard this process is, when `--shard` is not given: from a cluster scheduler's
 * environment. Slurm job arrays (SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, with
 * SLURM_ARRAY_TASK_MIN as the first index), Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX; the
 * count from --shard-count or CHOKEPOINT_SHARD_COUNT), AWS Batch array jobs
 * (AWS_BATCH_JOB_ARRAY_INDEX and AWS_BATCH_JOB_ARRAY_SIZE).
 */
import { parseShard, WHOLE, type Shard } from "../sweep/index.js";
import { CliExit, ExitCode } from "./exit-codes.js";

/** Where the shard came from, for messages and the run log. */
export interface ShardChoice {
  readonly shard: Shard;
  readonly from: string;
}

/**
 * The shard: `--shard` if given, else from the environment, else the whole sweep.
 * `required` (from --shards-from-env) makes a missing environment an error.
 */
export function chooseShard(flag: string | undefined, shardCount: number | undefined, env: Readonly<Record<string, string | undefined>>, required: boolean): ShardChoice {
  const bad = (message: string) => new CliExit(ExitCode.BAD_INPUT, message);
  if (flag !== undefined) {
    const shard = parseShard(flag);
    if (typeof shard === "string") throw bad(`--shard ${shard}`);
    return { shard, from: "--shard" };
  }
  const fromPair = (indexName: string, countName: string | undefined, count: string | undefined, offset = 0): ShardChoice | undefined => {
    const index = env[indexName];
    if (index === undefined || index === "") return undefined;
    if (count === undefined || count === "") throw bad(`${indexName}=${index} is set but the shard count is not (${countName ?? "--shard-count"})`);
    const parsed = parseShard(`${Number(index) - offset}/${count}`);
    if (typeof parsed === "string" || !/^\d+$/.test(index.trim())) {
      throw bad(`${indexName}=${index} and ${countName ?? "--shard-count"}=${count} do not make a shard: ${typeof parsed === "string" ? parsed : "not a whole number"}`);
    }
    return { shard: parsed, from: indexName };
  };
  const slurmMin = Number(env.SLURM_ARRAY_TASK_MIN ?? "0");
  const choice =
    fromPair("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT, Number.isFinite(slurmMin) ? slurmMin : 0) ??
    fromPair("JOB_COMPLETION_INDEX", shardCount === undefined ? "CHOKEPOINT_SHARD_COUNT" : "--shard-count", shardCount === undefined ? env.CHOKEPOINT_SHARD_COUNT : String(shardCount)) ??
    fromPair("AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE", env.AWS_BATCH_JOB_ARRAY_SIZE);
  if (choice !== undefined) return choice;
  if (required) throw bad("--shards-from-env: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX is set");
  return { shard: WHOLE, from: "none" };
}
