#!/usr/bin/env bash
# Wait for a Kubernetes Job to end: exit 0 when it completed, 1 when it failed (naming the failed
# indexes of an Indexed Job and the Job's reason), 1 after TIMEOUT_SECONDS.
#
#   launchers/kubernetes/wait-job.sh chokepoint-sweep [TIMEOUT_SECONDS]    # default 86400 (24 h)
#
# Not `kubectl wait --for=condition=complete job/NAME` alone: a Job that fails never becomes
# complete, so that command waits out its whole timeout (24 h here) before saying anything.
# Environment: KUBECTL (default: kubectl; such as KUBECTL="kubectl --namespace research"),
# POLL_SECONDS (default 10).
set -euo pipefail

job=${1:?usage: wait-job.sh JOB [TIMEOUT_SECONDS]}
timeout=${2:-86400}
poll=${POLL_SECONDS:-10}
read -r -a kubectl <<<"${KUBECTL:-kubectl}"
for value in "$timeout" "$poll"; do
  [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "wait-job.sh: TIMEOUT_SECONDS and POLL_SECONDS must be whole numbers above 0, not '$value'" >&2; exit 2; }
done

started=$SECONDS
while :; do
  if ! conditions=$("${kubectl[@]}" get job "$job" -o jsonpath='{range .status.conditions[*]}{.type}={.status}{";"}{end}' 2>&1); then
    echo "wait-job.sh: cannot read job/$job: $conditions" >&2
    exit 1
  fi
  case ";$conditions" in
    *";Complete=True;"*)
      echo "job/$job complete"
      exit 0
      ;;
    *";Failed=True;"*)
      why=$("${kubectl[@]}" get job "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].reason}: {.status.conditions[?(@.type=="Failed")].message}' 2>/dev/null || true)
      failed=$("${kubectl[@]}" get job "$job" -o jsonpath='{.status.failedIndexes}' 2>/dev/null || true)
      echo "job/$job failed (${why:-no reason given})${failed:+; failed indexes: $failed}; logs: kubectl logs job/$job, or of one index: kubectl logs -l batch.kubernetes.io/job-completion-index=I,job-name=$job" >&2
      exit 1
      ;;
  esac
  if [ $((SECONDS - started)) -ge "$timeout" ]; then
    echo "wait-job.sh: job/$job has neither completed nor failed after $timeout s (conditions: ${conditions:-none})" >&2
    exit 1
  fi
  sleep "$poll"
done
