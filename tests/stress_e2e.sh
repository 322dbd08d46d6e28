#!/usr/bin/env bash
# Run every real-browser test (tests/e2e) N times in a row while two busy loops keep the machine's
# cores loaded, as on a shared classroom server or a busy CI box. Any failure in any run fails the script.
#   tests/stress_e2e.sh [N]        (make e2e-stress STRESS_RUNS=N; N defaults to 5)
# BUSY_LOOPS=K sets the number of busy loops (default 2); TEST_WORKERS=W runs each pass on W pytest-xdist
# processes as `make test` does (default 2; 0 for one process). Each run prints the load average around it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
PY="${PY:-.venv/bin/python}"
BUSY_LOOPS="${BUSY_LOOPS:-2}"  # CPU-bound processes started beside the tests
WORKERS="${TEST_WORKERS:-2}"

busy=()
stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_busy EXIT
trap "exit 130" INT TERM  # Ctrl-C or kill: leave through the EXIT trap, which stops the busy loops
for _ in $(seq "$BUSY_LOOPS"); do
  "$PY" -c "while 1: pass" &
  busy+=("$!")
done
echo "e2e stress: $RUNS runs of tests/e2e with $BUSY_LOOPS busy loops (pids ${busy[*]})"

failed=0
for run in $(seq "$RUNS"); do
  start=$SECONDS
  load_before=$(cut -d" " -f1-3 /proc/loadavg)
  if LOGITLAB_REQUIRE_BROWSER=1 "$PY" -m pytest tests/e2e -q -n "$WORKERS" --dist loadfile; then
    outcome="passed in"
  else
    outcome="FAILED after"
    failed=$((failed + 1))
  fi
  echo "run $run/$RUNS: $outcome $((SECONDS - start)) s (load average before: $load_before; after: $(cut -d" " -f1-3 /proc/loadavg))"
done
echo "e2e stress: $failed of $RUNS runs failed"
[ "$failed" -eq 0 ]
