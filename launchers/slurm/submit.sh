#!/usr/bin/env bash
# Submit a sharded chokepoint sweep to Slurm: a job array of SHARDS tasks (launchers/slurm/sweep.sbatch,
# one shard each) and a merge job (launchers/slurm/merge.sbatch) that starts once every task has
# succeeded (--dependency=afterok) and is cancelled if one fails (--kill-on-invalid-dep=yes).
#
#   SCENARIO=scenarios/uncertain-2026.yaml RUNS=10000 SHARDS=16 CPUS=4 launchers/slurm/submit.sh [--wait]
#
# Prints the two job ids. With --wait it stays until the merge job ends and exits with its status:
# 0 when the merged outputs are written, the merge's own exit code if it failed (2: bad input), and
# otherwise (a shard failed, so the merge was cancelled) the failing shard's exit code, or 1.
#
# Environment (all optional):
#   SHARDS        array tasks, one shard each (default: 4)
#   CPUS          CPUs per task, used as the sweep's --workers (default: 1)
#   PROJECT       the chokepoint checkout, with `npm ci` done, on a file system every node sees
#                 (default: the checkout this script is in)
#   CHOKEPOINT    the command that runs the CLI (default: node dist/src/cli/bin.js in PROJECT)
#   SCENARIO, RUNS, SEED, DESIGN   passed to each shard's sweep (see sweep.sbatch)
#   OUT           the sweep folder: shard-I folders and logs/ (default: out/sweep)
#   MERGED        the final outputs (default: $OUT/merged)
#   POLL_SECONDS  how often --wait asks slurmctld about the merge job (default: 10)
# Relative paths are taken from PROJECT. Partition, account, time limit and the like: sbatch's own
# input variables (SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ...) apply to both jobs.
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
wait_for_merge=
for arg in "$@"; do
  case $arg in
    --wait) wait_for_merge=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "submit.sh: unknown argument: $arg (usage: submit.sh [--wait])" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PROJECT=${PROJECT:-$(cd "$here/../.." && pwd)}
SHARDS=${SHARDS:-4}
CPUS=${CPUS:-1}
POLL_SECONDS=${POLL_SECONDS:-10}
for name in SHARDS CPUS POLL_SECONDS ${RUNS:+RUNS}; do
  [[ ${!name} =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: $name must be a whole number above 0, not '${!name}'" >&2; exit 2; }
done
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found; run this on a Slurm login node" >&2; exit 2; }

absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PROJECT/$1" ;; esac; }
if [ -n "${SCENARIO:-}" ] && [ ! -f "$(absolute "$SCENARIO")" ]; then
  echo "submit.sh: no scenario file $(absolute "$SCENARIO")" >&2
  exit 2
fi
OUT=$(absolute "${OUT:-out/sweep}")
MERGED=$(absolute "${MERGED:-$OUT/merged}")
export SHARDS OUT MERGED
mkdir -p "$OUT/logs"

# --parsable prints "id" or "id;cluster".
array_id=$(sbatch --parsable --export=ALL --chdir="$PROJECT" --array="0-$((SHARDS - 1))" \
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
echo "array job $array_id ($SHARDS shard tasks), logs in $OUT/logs"
echo "merge job $merge_id (after $array_id succeeds), outputs in $MERGED"
[ -n "$wait_for_merge" ] || exit 0

# Not `sbatch --wait`: it exits 0 for a job cancelled because its dependency failed. slurmctld
# keeps a finished job's record for MinJobAge (300 s by default), longer than POLL_SECONDS.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
echo "waiting for merge job $merge_id ..." >&2
while :; do
  if ! record=$(scontrol show job --oneliner "$merge_id" 2>&1); then
    echo "submit.sh: slurmctld no longer knows merge job $merge_id: $record" >&2
    exit 1
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
  exit 0
fi
echo "merge job $merge_id ended $state (exit code $exit_code, reason $(field Reason <<<"$record")); log: $OUT/logs/merge-$merge_id.out" >&2
if [ "$status" -gt 0 ] 2>/dev/null; then exit "$status"; fi
# The merge never ran: say which shards failed and pass on the first one's exit code.
first=
while read -r task task_state task_exit; do
  [ "$task_state" = COMPLETED ] && continue
  echo "  shard $task: $task_state (exit code $task_exit), log: $OUT/logs/sweep-${array_id}_$task.out" >&2
  [ -n "$first" ] || first=${task_exit%%:*}
done < <(scontrol show job --oneliner "$array_id" 2>/dev/null |
  sed -n 's/.* ArrayTaskId=\([0-9]*\) .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9]*:[0-9]*\).*/\1 \2 \3/p' | sort -n)
if [ "${first:-0}" -gt 0 ] 2>/dev/null; then exit "$first"; fi
exit 1
