#!/usr/bin/env bash
# Submit a sharded chokepoint sweep to Slurm: a job array (launchers/slurm/sweep.sbatch, one shard
# per task) and a merge job (launchers/slurm/merge.sbatch) that starts once every task has
# succeeded (--dependency=afterok) and is cancelled if one fails (--kill-on-invalid-dep=yes).
#
#   SCENARIO=scenarios/uncertain-2026.yaml RUNS=10000 SHARDS=16 CPUS=4 launchers/slurm/submit.sh [--wait] [-- SWEEP FLAGS...]
#   RUNS=10000 SHARDS=16 launchers/slurm/submit.sh --wait -- --set "controls.x.approval=50%" --swing-runs 20 --band-days 28
#
# Everything after `--` goes to every shard's `chokepoint sweep` (--set, --swing-runs, --band-days,
# --until, --batch, ...), except the flags the launcher sets itself: --runs (RUNS), --shard,
# --shard-count, --shards-from-env, --workers (CPUS), --resume and --out (OUT); --seed and
# --design may be given here or as SEED and DESIGN, not both.
#
# The submission is recorded in $OUT/submission.sh (the shard count, the sweep's arguments, SETUP,
# CHOKEPOINT), which the tasks read: a task that failed can be retried alone with
# `OUT=$OUT sbatch --array=I launchers/slurm/sweep.sbatch` (from PROJECT), then the merge with
# `OUT=$OUT sbatch launchers/slurm/merge.sbatch`; both lines are printed with the job ids. Submitting
# again with a larger RUNS extends the finished sweep (Monte Carlo only): each shard keeps its
# replicates and runs the new ones.
#
# With --wait it stays until the merge job ends and exits with its status: 0 when the merged
# outputs are written, the merge's own exit code if it failed (2: bad input), and otherwise (a
# shard failed, so the merge was cancelled) the failing shard's exit code, or 1.
#
# A stop rule across shards (ROUND_RUNS=R, with --until among the sweep flags, and --wait): the
# shards run R replicates between them and are merged; the merge applies the rule to the replicates
# in order, checked every --batch as in one process; if it is not met, the shards are extended to
# 2R (--resume --runs 2R), merged again, and so on up to RUNS. The merged outputs are then those of
# `chokepoint sweep --runs R' --until ...` run in one process, R' the last round's size: the same
# replicates, statistics and stopping point as the same rule with --runs RUNS; only the planned
# runs recorded (summary.json's plannedRuns, the report's "of R' planned") are R'.
#
# Environment (all optional):
#   SHARDS           shards, the sweep's K (default: 4)
#   SHARDS_PER_TASK  shards each array task runs, one after another (default: 1); the array has
#                    ceil(SHARDS / SHARDS_PER_TASK) tasks, which must fit the cluster's MaxArraySize
#   CPUS             CPUs per task, used as the sweep's --workers (default: 1)
#   PROJECT          the chokepoint checkout, with `npm ci` done, on a file system every node sees
#                    (default: the checkout this script is in)
#   CHOKEPOINT       the command that runs the CLI (default: node dist/src/cli/bin.js in PROJECT)
#   SETUP            shell code each job runs first, for the site's environment: such as
#                    'module load nodejs/20' (default: none: node >= 20 on the nodes' PATH)
#   SCENARIO, RUNS, SEED, DESIGN   the sweep's scenario file, replicates (default 1000), seed, design
#   ROUND_RUNS       replicates per round of a stop rule across shards (see above)
#   OUT              the sweep folder: shard-I folders, logs/, submission.sh (default: out/sweep)
#   MERGED           the final outputs (default: $OUT/merged)
#   POLL_SECONDS     how often --wait asks slurmctld about the merge job (default: 10)
# Relative paths are taken from PROJECT. Partition, account, time limit and the like: sbatch's own
# input variables (SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ...) apply to both jobs.
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
fail() {
  echo "submit.sh: $1" >&2
  exit 2
}
wait_for_merge=
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --wait) wait_for_merge=1 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) fail "unknown argument: $1 (usage: submit.sh [--wait] [-- SWEEP FLAGS...])" ;;
  esac
  shift
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PROJECT=${PROJECT:-$(cd "$here/../.." && pwd)}
SHARDS=${SHARDS:-4}
SHARDS_PER_TASK=${SHARDS_PER_TASK:-1}
CPUS=${CPUS:-1}
POLL_SECONDS=${POLL_SECONDS:-10}
RUNS=${RUNS:-1000}
CHOKEPOINT=${CHOKEPOINT:-node dist/src/cli/bin.js}
SETUP=${SETUP:-}
for name in SHARDS SHARDS_PER_TASK CPUS POLL_SECONDS RUNS ${ROUND_RUNS:+ROUND_RUNS}; do
  [[ ${!name} =~ ^[1-9][0-9]*$ ]] || fail "$name must be a whole number above 0, not '${!name}'"
done

has_until=
for arg in ${extra[@]+"${extra[@]}"}; do
  case $arg in
    --runs | --runs=*) fail "give the replicates as RUNS=N, not $arg among the sweep flags (rounds and extensions set --runs)" ;;
    --shard | --shard=* | --shard-count | --shard-count=* | --shards-from-env | --workers | --workers=* | --resume | --out | --out=*)
      fail "$arg is set by the launcher (the shard from the array task, --workers from CPUS, --out from OUT); leave it out of the sweep flags" ;;
    --seed | --seed=*) [ -z "${SEED:-}" ] || fail "the seed is given twice: SEED=$SEED and $arg among the sweep flags" ;;
    --design | --design=*) [ -z "${DESIGN:-}" ] || fail "the design is given twice: DESIGN=$DESIGN and $arg among the sweep flags" ;;
    --until | --until=*) has_until=1 ;;
  esac
done
if [ -n "${ROUND_RUNS:-}" ]; then
  [ -n "$has_until" ] || fail "ROUND_RUNS runs a stop rule in rounds: give the rule among the sweep flags (-- --until \"KPI COUNTRY COMMODITY: mean ±X% @95%\")"
  [ -n "$wait_for_merge" ] || fail "ROUND_RUNS needs --wait: each round's merge decides whether another round runs"
  [ "$ROUND_RUNS" -ge "$SHARDS" ] || fail "ROUND_RUNS=$ROUND_RUNS is fewer than SHARDS=$SHARDS: every shard needs a replicate in the first round"
fi
command -v sbatch >/dev/null || fail "sbatch not found; run this on a Slurm login node"

tasks=$(((SHARDS + SHARDS_PER_TASK - 1) / SHARDS_PER_TASK))
max_array=$(scontrol show config 2>/dev/null | sed -n 's/^MaxArraySize *= *\([0-9][0-9]*\).*/\1/p')
if [ -n "$max_array" ] && [ "$tasks" -gt "$max_array" ]; then
  per_task=$(((SHARDS + max_array - 1) / max_array))
  fail "SHARDS=$SHARDS with SHARDS_PER_TASK=$SHARDS_PER_TASK is an array of $tasks tasks (0-$((tasks - 1))), past this cluster's MaxArraySize of $max_array (task indices up to $((max_array - 1))): run several shards per task with SHARDS_PER_TASK=$per_task ($(((SHARDS + per_task - 1) / per_task)) tasks), or ask the cluster's administrators to raise MaxArraySize in slurm.conf"
fi

absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PROJECT/$1" ;; esac; }
if [ -n "${SCENARIO:-}" ] && [ ! -f "$(absolute "$SCENARIO")" ]; then
  fail "no scenario file $(absolute "$SCENARIO")"
fi
OUT=$(absolute "${OUT:-out/sweep}")
MERGED=$(absolute "${MERGED:-$OUT/merged}")
export OUT MERGED
mkdir -p "$OUT/logs"

# Records what every task and the merge run, for this round: sweep.sbatch and merge.sbatch read it.
record() {
  SWEEP_ARGS=()
  [ -n "${SCENARIO:-}" ] && SWEEP_ARGS+=("$SCENARIO")
  SWEEP_ARGS+=(--runs "$1")
  [ -n "${SEED:-}" ] && SWEEP_ARGS+=(--seed "$SEED")
  [ -n "${DESIGN:-}" ] && SWEEP_ARGS+=(--design "$DESIGN")
  SWEEP_ARGS+=(${extra[@]+"${extra[@]}"})
  local file=$OUT/submission.sh
  {
    echo "# A chokepoint sweep as launchers/slurm/submit.sh submitted it ($(date -u +%Y-%m-%dT%H:%M:%SZ)),"
    echo "# read by sweep.sbatch and merge.sbatch: retry a task alone with sbatch --array=I sweep.sbatch."
    declare -p SHARDS SHARDS_PER_TASK CHOKEPOINT SETUP MERGED SWEEP_ARGS
  } >"$file.$$.tmp"
  mv -f "$file.$$.tmp" "$file"
}

# Submits the array and the merge after it; sets array_id and merge_id.
submit() {
  # --parsable prints "id" or "id;cluster".
  array_id=$(sbatch --parsable --export=ALL --chdir="$PROJECT" --array="0-$((tasks - 1))" \
    --cpus-per-task="$CPUS" --output="$OUT/logs/sweep-%A_%a.out" "$here/sweep.sbatch")
  array_id=${array_id%%;*}
  if ! merge_id=$(sbatch --parsable --export=ALL --chdir="$PROJECT" \
    --dependency="afterok:$array_id" --kill-on-invalid-dep=yes \
    --output="$OUT/logs/merge-%j.out" "$here/merge.sbatch"); then
    echo "submit.sh: the merge job was not accepted; cancelling array job $array_id" >&2
    scancel "$array_id" || true
    exit 1
  fi
  merge_id=${merge_id%%;*}
  echo "array job $array_id ($SHARDS shards in $tasks tasks), logs in $OUT/logs"
  echo "merge job $merge_id (after $array_id succeeds), outputs in $MERGED"
  echo "retry a failed task I alone: cd $PROJECT && OUT=$OUT sbatch --array=I $here/sweep.sbatch; then OUT=$OUT sbatch $here/merge.sbatch"
}

# Waits for the merge job; returns 0 when it completed, else the exit code submit.sh ends with.
# Not `sbatch --wait`: it exits 0 for a job cancelled because its dependency failed. slurmctld
# keeps a finished job's record for MinJobAge (300 s by default), longer than POLL_SECONDS.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
wait_for() {
  local record state exit_code status first=
  echo "waiting for merge job $merge_id ..." >&2
  while :; do
    if ! record=$(scontrol show job --oneliner "$merge_id" 2>&1); then
      echo "submit.sh: slurmctld no longer knows merge job $merge_id: $record" >&2
      return 1
    fi
    state=$(field JobState <<<"$record")
    case $state in
      PENDING | CONFIGURING | RUNNING | COMPLETING | SUSPENDED | STOPPED | RESIZING | SIGNALING | STAGE_OUT | REQUEUE*) sleep "$POLL_SECONDS" ;;
      *) break ;;
    esac
  done
  exit_code=$(field ExitCode <<<"$record")
  status=${exit_code%%:*}
  if [ "$state" = COMPLETED ]; then
    echo "merge job $merge_id completed: $MERGED" >&2
    return 0
  fi
  echo "merge job $merge_id ended $state (exit code $exit_code, reason $(field Reason <<<"$record")); log: $OUT/logs/merge-$merge_id.out" >&2
  if [ "$status" -gt 0 ] 2>/dev/null; then return "$status"; fi
  # The merge never ran: say which tasks failed and pass on the first one's exit code.
  while read -r task task_state task_exit; do
    [ "$task_state" = COMPLETED ] && continue
    echo "  task $task: $task_state (exit code $task_exit), log: $OUT/logs/sweep-${array_id}_$task.out" >&2
    [ -n "$first" ] || first=${task_exit%%:*}
  done < <(scontrol show job --oneliner "$array_id" 2>/dev/null |
    sed -n 's/.* ArrayTaskId=\([0-9]*\) .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9]*:[0-9]*\).*/\1 \2 \3/p' | sort -n)
  if [ "${first:-0}" -gt 0 ] 2>/dev/null; then return "$first"; fi
  return 1
}

if [ -z "${ROUND_RUNS:-}" ]; then
  record "$RUNS"
  submit
  [ -n "$wait_for_merge" ] || exit 0
  status=0
  wait_for || status=$?
  exit "$status"
fi

# Rounds of a stop rule: ROUND_RUNS, 2 ROUND_RUNS, ... up to RUNS, until a merge says the rule is met.
size=$ROUND_RUNS
while :; do
  [ "$size" -le "$RUNS" ] || size=$RUNS
  echo "round of $size replicates (the stop rule decides whether more run; at most $RUNS)"
  record "$size"
  submit
  status=0
  wait_for || status=$?
  [ "$status" -eq 0 ] || exit "$status"
  summary=$MERGED/summary.json
  replicates=$(sed -n 's/^ *"runs": *\([0-9][0-9]*\).*/\1/p' "$summary" | head -n 1)
  if grep -Eq '"stoppedByRule": *true' "$summary"; then
    echo "the stop rule is met at $replicates replicates (of the $size run): $MERGED"
    exit 0
  fi
  if [ "$size" -ge "$RUNS" ]; then
    echo "the stop rule is not met within RUNS=$RUNS replicates: $MERGED holds all $RUNS"
    exit 0
  fi
  size=$((size + ROUND_RUNS))
done
