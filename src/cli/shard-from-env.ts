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

/** The variables that give a scheduler's shard index, one per scheduler. */
const INDEX_VARIABLES = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] as const;

/**
 * The shard: `--shard` if given, else from the environment, else the whole sweep.
 * `required` (from --shards-from-env) makes a missing environment an error. Flags that
 * contradict each other, and two schedulers' variables at once, are refused rather than one
 * of them picked.
 */
export function chooseShard(flag: string | undefined, shardCount: number | undefined, env: Readonly<Record<string, string | undefined>>, required: boolean): ShardChoice {
  const bad = (message: string) => new CliExit(ExitCode.BAD_INPUT, message);
  if (shardCount !== undefined && !(Number.isInteger(shardCount) && shardCount >= 1)) throw bad(`--shard-count must be a whole number >= 1, got ${shardCount}`);
  if (flag !== undefined) {
    if (required) throw bad("--shard and --shards-from-env contradict each other: give the shard by hand (--shard I/N) or take it from the scheduler (--shards-from-env), not both");
    if (shardCount !== undefined) throw bad(`--shard ${flag} and --shard-count ${shardCount} both give the number of shards: use --shard I/N alone (--shard-count goes with JOB_COMPLETION_INDEX)`);
    const shard = parseShard(flag);
    if (typeof shard === "string") throw bad(`--shard ${shard}`);
    return { shard, from: "--shard" };
  }
  const set = INDEX_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== "");
  if (set.length > 1) {
    const named = set.map((name) => `${name}=${env[name]}`);
    throw bad(`${named.slice(0, -1).join(", ")} and ${named.at(-1)} are ${set.length === 2 ? "both" : "all"} set, so which scheduler's shard this is cannot be told: unset all but one, or give --shard I/N`);
  }
  if (shardCount !== undefined && set[0] !== "JOB_COMPLETION_INDEX") {
    throw bad(`--shard-count ${shardCount} is the shard count for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs), which is not set${set.length > 0 ? ` (${set[0]} is)` : ""}; to run one shard by hand, give --shard I/${shardCount}`);
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
