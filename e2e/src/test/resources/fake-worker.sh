#!/bin/sh
# A stand-in for the worker image in operator tests: no JVM, so hundreds of runs stay cheap.
# It follows the worker's contract (result JSON in the termination message, exit codes) and is
# steered by the environment the Asset gives it (spec.worker.env):
#   FAKE_LEDGER      directory; each run appends "start|end <partition> <run> <epoch-ms>" to runs.log
#   FAKE_SLEEP       seconds to run (default 0)
#   FAKE_FAIL_TIMES  fail (exit 1) the first N runs of each partition
#   FAKE_EXIT        exit with this code (and an error message) on every run
#   FAKE_PUBLISH     comma-separated partition keys to publish (dynamic partitions downstream)
#   FAKE_CHECKS      a JSON array of check results to report (with models, as transform --check-asset does)
set -u
now() { date +%s%3N; }
ledger="${FAKE_LEDGER:-}"
part="${EIDER_PARTITION:-}"
# The pod's name (the kubelet sets HOSTNAME to it): one pod per run, as every Job has backoffLimit 0.
run="${HOSTNAME:-unknown}"
out="${EIDER_TERMINATION_MESSAGE_PATH:-/dev/termination-log}"
# A line for the log, as the real worker prints one: the run history keeps its tail.
echo "fake worker: partition $part, run $run"
if [ -n "$ledger" ]; then
  mkdir -p "$ledger"
  echo "start $part $run $(now)" >> "$ledger/runs.log"
fi
sleep "${FAKE_SLEEP:-0}"
if [ -n "$ledger" ]; then
  echo "end $part $run $(now)" >> "$ledger/runs.log"
fi
if [ -n "${FAKE_EXIT:-}" ]; then
  printf '{"error":"fake worker told to exit %s","exitCode":%s}' "$FAKE_EXIT" "$FAKE_EXIT" > "$out"
  exit "$FAKE_EXIT"
fi
if [ -n "${FAKE_FAIL_TIMES:-}" ] && [ -n "$ledger" ]; then
  safe=$(printf '%s' "$part" | od -An -tx1 | tr -d ' \n')
  count_file="$ledger/attempts-$safe"
  count=$(cat "$count_file" 2>/dev/null || echo 0)
  count=$((count + 1))
  echo "$count" > "$count_file"
  if [ "$count" -le "$FAKE_FAIL_TIMES" ]; then
    printf '{"error":"fake failure %s of %s","exitCode":1}' "$count" "$FAKE_FAIL_TIMES" > "$out"
    exit 1
  fi
fi
if [ -n "${FAKE_CHECKS:-}" ]; then
  failed=$(printf '%s' "$FAKE_CHECKS" | grep -c '"passed":false')
  printf '{"command":"transform","models":[{"name":"fake","rows":1}],"checks":%s}' "$FAKE_CHECKS" > "$out"
  [ "$failed" -gt 0 ] && exit 1
  exit 0
fi
publish=""
if [ -n "${FAKE_PUBLISH:-}" ]; then
  publish=$(printf '%s' "$FAKE_PUBLISH" | sed 's/[^,][^,]*/"&"/g')
  publish=",\"partitions\":[$publish]"
fi
printf '{"command":"fake","partition":"%s","items":1%s}' "$part" "$publish" > "$out"
exit 0
