#!/usr/bin/env bash
# A sharded chokepoint sweep with GNU parallel: SHARDS shards on this machine or over ssh, then
# the merge. Each shard is `chokepoint sweep --shard I/K --resume`; the merged outputs (replicates.csv,
# bands.csv, summary.json, ...) are byte-identical to the same sweep run unsharded.
#
#   SCENARIO=scenarios/uncertain-2026.yaml RUNS=10000 SHARDS=8 launchers/gnu-parallel.sh [-- SWEEP FLAGS...]
#   SSHLOGIN=4/node1,4/node2 SHARDS=8 launchers/gnu-parallel.sh      # 4 shards at a time per host
#   RUNS=20000 ROUND_RUNS=2000 launchers/gnu-parallel.sh -- --until "unmetTonnes US antimony: mean ±2% @95%"
#
# Everything after `--` goes to every shard's sweep (--set, --swing-runs, --band-days, --until, ...),
# except --runs (RUNS), --shard, --workers (WORKERS), --resume and --out (OUT), which the script sets.
# Retry: run the same command again. Every shard resumes (a finished one has nothing left to run),
# so only the shards that failed or were stopped do work; a larger RUNS extends the sweep (Monte
# Carlo only). One shard by hand: chokepoint sweep ... --shard I/K --resume --out $OUT/shard-I.
# A stop rule across shards (ROUND_RUNS, with --until): rounds of ROUND_RUNS replicates, each
# extended (--resume --runs) and merged until the merge says the rule is met, as
# launchers/slurm/submit.sh does (see launchers/README.md).
#
# Environment (all optional): SHARDS (default 4), JOBS (shards at a time per host, default: one
# per CPU), SSHLOGIN (GNU parallel's --sshlogin list; default: this machine only), WORKERS (each
# shard's --workers, default 1), PROJECT (default: the checkout this script is in), CHOKEPOINT
# (default: node dist/src/cli/bin.js, run in PROJECT), SETUP (shell code each shard runs first, on
# its host: such as 'module load nodejs/20'), SCENARIO, RUNS (default 1000), SEED, ROUND_RUNS, OUT
# (default: $PROJECT/out/sweep), MERGED (default: $OUT/merged). Over ssh, every host needs the
# checkout (with `npm ci` done) at the same path and OUT on a shared file system.
set -euo pipefail
fail() {
  echo "gnu-parallel.sh: $1" >&2
  exit 2
}
extra=()
if [ $# -gt 0 ]; then
  [ "$1" = -- ] || fail "unknown argument: $1 (usage: gnu-parallel.sh [-- SWEEP FLAGS...])"
  shift
  extra=("$@")
fi
has_until=
for arg in ${extra[@]+"${extra[@]}"}; do
  case $arg in
    --runs | --runs=* | --shard | --shard=* | --shard-count* | --shards-from-env | --workers | --workers=* | --resume | --out | --out=*) fail "$arg is set by the script (RUNS, the shard, WORKERS, OUT); leave it out of the sweep flags" ;;
    --until | --until=*) has_until=1 ;;
  esac
done
PROJECT=${PROJECT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CHOKEPOINT=${CHOKEPOINT:-node dist/src/cli/bin.js}
SHARDS=${SHARDS:-4} RUNS=${RUNS:-1000} WORKERS=${WORKERS:-1} OUT=${OUT:-$PROJECT/out/sweep}
MERGED=${MERGED:-$OUT/merged}
for name in SHARDS RUNS WORKERS ${ROUND_RUNS:+ROUND_RUNS}; do
  [[ ${!name} =~ ^[1-9][0-9]*$ ]] || fail "$name must be a whole number above 0, not '${!name}'"
done
if [ -n "${ROUND_RUNS:-}" ]; then
  [ -n "$has_until" ] || fail "ROUND_RUNS runs a stop rule in rounds: give the rule among the sweep flags (-- --until \"...\")"
  [ "$ROUND_RUNS" -ge "$SHARDS" ] || fail "ROUND_RUNS=$ROUND_RUNS is fewer than SHARDS=$SHARDS: every shard needs a replicate in the first round"
fi
cd "$PROJECT" && mkdir -p "$OUT"
read -r -a chokepoint <<<"$CHOKEPOINT"
# Each shard runs through bash on its host, so that SETUP (a module load) applies there too.
shard_script='set -e; if [ -n "$1" ]; then eval "$1"; fi; shift; exec "$@"'

# Runs every shard to `runs` replicates (a later call extends them), then the merge.
run_round() {
  local runs=$1
  local sweep=(sweep ${SCENARIO:+"$SCENARIO"} --runs "$runs" ${SEED:+--seed "$SEED"} ${extra[@]+"${extra[@]}"} --workers "$WORKERS" --resume)
  if ! parallel --halt now,fail=1 --line-buffer --tag --jobs "${JOBS:-100%}" ${SSHLOGIN:+--sshlogin "$SSHLOGIN"} --workdir "$PROJECT" -q \
    bash -c "$shard_script" shard "${SETUP:-}" "${chokepoint[@]}" "${sweep[@]}" --shard "{}/$SHARDS" --out "$OUT/shard-{}" ::: $(seq 0 $((SHARDS - 1))); then
    echo "gnu-parallel.sh: a shard failed (its lines above, tagged with its number); fix the cause and run the same command again: finished shards are kept" >&2
    return 1
  fi
  local shards=() i
  for ((i = 0; i < SHARDS; i++)); do shards+=("$OUT/shard-$i"); done
  bash -c "$shard_script" merge "${SETUP:-}" "${chokepoint[@]}" merge "${shards[@]}" --out "$MERGED"
}

if [ -z "${ROUND_RUNS:-}" ]; then
  run_round "$RUNS"
  exit
fi
size=$ROUND_RUNS
while :; do
  [ "$size" -le "$RUNS" ] || size=$RUNS
  echo "round of $size replicates (the stop rule decides whether more run; at most $RUNS)"
  run_round "$size"
  if grep -Eq '"stoppedByRule": *true' "$MERGED/summary.json"; then
    echo "the stop rule is met at $(sed -n 's/^ *"runs": *\([0-9][0-9]*\).*/\1/p' "$MERGED/summary.json" | head -n 1) replicates (of the $size run): $MERGED"
    exit 0
  fi
  if [ "$size" -ge "$RUNS" ]; then
    echo "the stop rule is not met within RUNS=$RUNS replicates: $MERGED holds all $RUNS"
    exit 0
  fi
  size=$((size + ROUND_RUNS))
done
