#!/usr/bin/env bash
# A sharded chokepoint sweep with GNU parallel: SHARDS shards on this machine or over ssh, then
# the merge. Each shard is `chokepoint sweep --shard I/K`; the merged outputs (replicates.csv,
# bands.csv, summary.json) are byte-identical to the same sweep run unsharded.
#
#   SCENARIO=scenarios/uncertain-2026.yaml RUNS=10000 SHARDS=8 launchers/gnu-parallel.sh
#   SSHLOGIN=4/node1,4/node2 SHARDS=8 launchers/gnu-parallel.sh      # 4 shards at a time per host
#
# Environment (all optional): SHARDS (default 4), JOBS (shards at a time per host, default: one
# per CPU), SSHLOGIN (GNU parallel's --sshlogin list; default: this machine only), WORKERS (each
# shard's --workers, default 1), PROJECT (default: the checkout this script is in), CHOKEPOINT
# (default: node dist/src/cli/bin.js, run in PROJECT), SCENARIO, RUNS (default 1000), SEED, OUT
# (default: $PROJECT/out/sweep), MERGED (default: $OUT/merged). Over ssh, every host needs the
# checkout (with `npm ci` done) at the same path and OUT on a shared file system.
set -euo pipefail
PROJECT=${PROJECT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CHOKEPOINT=${CHOKEPOINT:-node dist/src/cli/bin.js}
SHARDS=${SHARDS:-4} RUNS=${RUNS:-1000} WORKERS=${WORKERS:-1} OUT=${OUT:-$PROJECT/out/sweep}
MERGED=${MERGED:-$OUT/merged}
sweep=(sweep ${SCENARIO:+"$SCENARIO"} --runs "$RUNS" ${SEED:+--seed "$SEED"} --workers "$WORKERS" --resume)
cd "$PROJECT" && mkdir -p "$OUT"

# shellcheck disable=SC2086 # CHOKEPOINT is a command line, split on purpose
parallel --halt now,fail=1 --line-buffer --tag --jobs "${JOBS:-100%}" ${SSHLOGIN:+--sshlogin "$SSHLOGIN"} --workdir "$PROJECT" -q $CHOKEPOINT "${sweep[@]}" --shard "{}/$SHARDS" --out "$OUT/shard-{}" ::: $(seq 0 $((SHARDS - 1)))

shards=() && for ((i = 0; i < SHARDS; i++)); do shards+=("$OUT/shard-$i"); done
# shellcheck disable=SC2086
$CHOKEPOINT merge "${shards[@]}" --out "$MERGED"
