#!/usr/bin/env bash
# Cancellation: every zjgov aggregate, window function and scalar, given a long job (10M rows for
# aggregates and scalars, one partition of 200k rows for windows, heavy parameters such as
# 99999 permutations and distance weights), must stop within CANCEL_SLACK_MS (1500) of
# statement_timeout (500 ms); and a few of them within a second of pg_cancel_backend.
# A job that finishes before the timeout is reported as inconclusive (NOTE), not failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
slack=${CANCEL_SLACK_MS:-1500}; tmo=500
db=zjgov_stress_cancel
trap '"$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1' EXIT
rel_fresh_db $db && rel_psql -d $db -f test/stress/workload.sql || { echo "RESULT 0 1"; exit 1; }
rel_val -d $db -F $'\t' -c "
  SELECT sig, stress.query(oid, CASE prokind WHEN 'w' THEN 200000 ELSE 10000000 END, true)
    FROM stress.target WHERE NOT proretset ORDER BY prokind, sig" >/tmp/zjgov-cancel.$$
heavy=()
while IFS=$'\t' read -r sig q; do
  [ -z "$q" ] && { echo "SKIP: $sig (argument types not covered)"; continue; }
  t0=$(date +%s%N)
  out=$(rel_val -d $db -c "SET statement_timeout = '${tmo}ms'; $q" 2>&1)
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  if echo "$out" | grep -q 'canceling statement due to statement timeout'; then
    check "$sig: cancelled by statement_timeout ${tmo} ms after ${ms} ms" [ $ms -lt $((tmo + slack)) ]
    heavy+=("$sig"$'\t'"$q")
  elif rel_conn_lost "$out"; then
    bad "$sig crashed the backend"; rel_wait_ready
  else
    echo "NOTE: $sig finished in ${ms} ms before the timeout (inconclusive): $(echo "$out" | head -n 1 | cut -c1-120)"
  fi
done </tmp/zjgov-cancel.$$
rm -f /tmp/zjgov-cancel.$$
# pg_cancel_backend from another session, on up to three of the jobs that needed cancelling
for entry in "${heavy[@]:0:3}"; do
  sig=${entry%%$'\t'*}; q=${entry#*$'\t'}
  rel_val -d $db -c "SET application_name = 'zj_cancel_me'; $q" >/dev/null 2>&1 &
  bg=$!
  sleep 1
  t0=$(date +%s%N)
  rel_val -d postgres -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'zj_cancel_me'" >/dev/null
  wait $bg
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  check "$sig: pg_cancel_backend stops it in ${ms} ms" [ $ms -lt 1000 ]
done
rel_result
