#!/usr/bin/env bash
# `make stress`: the reliability suites at full size in a throwaway cluster (like test/run.sh):
#   garden (GARDEN_SIZE=full, >= 5000 hostile calls), sqlsmith (5000 queries), fuzz (300 s),
#   pgbench (8 clients x 60 s), bounded memory over 10M rows, cancellation (statement_timeout and
#   pg_cancel_backend).  Sizes can be overridden through the suites' variables.
# STRESS_ONLY=<name> runs one of: garden sqlsmith fuzz pgbench memory cancel.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh stress || exit 1
. scripts/cluster.sh
zj_up "max_parallel_workers_per_gather = 2" || { echo "0 passed, 1 failed"; exit 1; }
. test/lib/reliability.sh   # rel_log_crashes
export GARDEN_SIZE=${GARDEN_SIZE:-full} SQLSMITH_QUERIES=${SQLSMITH_QUERIES:-5000} FUZZ_SECONDS=${FUZZ_SECONDS:-300}
export PGBENCH_SECONDS=${PGBENCH_SECONDS:-60} PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-8}
passed=0; failed=0
for s in test/suites/garden.sh test/suites/sqlsmith.sh test/suites/fuzz.sh test/suites/pgbench.sh \
         test/stress/memory.sh test/stress/cancel.sh; do
  name=$(basename "$s" .sh)
  [ -z "${STRESS_ONLY:-}" ] || [ "$STRESS_ONLY" = "$name" ] || continue
  t0=$(date +%s)
  log=$ZJ_TMP/stress-$name.log
  zj_run_suite "$s" "$log"; p=$ZJ_SUITE_P; f=$ZJ_SUITE_F
  grep -E '^(not ok|NOTE|SKIP)' "$log" | cut -c1-300
  [ "$f" -ne 0 ] && tail -n 30 "$log"
  echo "$name: $p passed, $f failed ($(( $(date +%s) - t0 )) s)"
  passed=$((passed + p)); failed=$((failed + f))
done
crashes=$(rel_log_crashes)
if [ -n "$crashes" ]; then
  echo "the server log shows a crashed backend:"; echo "$crashes" | head -n 20
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
