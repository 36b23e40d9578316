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
export GARDEN_SIZE=${GARDEN_SIZE:-full} SQLSMITH_QUERIES=${SQLSMITH_QUERIES:-5000} FUZZ_SECONDS=${FUZZ_SECONDS:-300}
export PGBENCH_SECONDS=${PGBENCH_SECONDS:-60} PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-8}
passed=0; failed=0
for s in test/suites/garden.sh test/suites/sqlsmith.sh test/suites/fuzz.sh test/suites/pgbench.sh \
         test/stress/memory.sh test/stress/cancel.sh; do
  name=$(basename "$s" .sh)
  [ -z "${STRESS_ONLY:-}" ] || [ "$STRESS_ONLY" = "$name" ] || continue
  t0=$(date +%s)
  log=$ZJ_TMP/stress-$name.log
  bash "$s" >"$log" 2>&1; rc=$?
  res=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$log" | tail -n 1)
  if [ -z "$res" ]; then p=0; f=1; else p=$(echo "$res" | cut -d' ' -f2); f=$(echo "$res" | cut -d' ' -f3); fi
  [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
  grep -E '^(not ok|NOTE|SKIP)' "$log" | cut -c1-300
  [ "$f" -ne 0 ] && tail -n 30 "$log"
  echo "$name: $p passed, $f failed ($(( $(date +%s) - t0 )) s)"
  passed=$((passed + p)); failed=$((failed + f))
done
if grep -qE 'terminated by signal|server process .* was terminated' "$ZJ_DATA/server.log"; then
  echo "the server log shows a crashed backend:"; grep -E -A1 'terminated by signal' "$ZJ_DATA/server.log" | head -n 20
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
