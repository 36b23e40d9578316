#!/usr/bin/env bash
# Concurrency: pgbench runs the four pillars' queries (test/pgbench/queries.txt, the ones whose
# functions exist) from PGBENCH_CLIENTS clients (8) for PGBENCH_SECONDS (10; make stress: 60).
# Every transaction checks its result against the serial run's md5 (a mismatch divides by zero).
# Pass = zero failed or aborted transactions, no crash, no postmaster restart.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
secs=${PGBENCH_SECONDS:-10}; clients=${PGBENCH_CLIENTS:-8}
db=zjgov_bench_mix
work=$(mktemp -d /tmp/zjgov-pgbench.XXXXXX)
trap 'rm -rf "$work"; "$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1' EXIT
rel_fresh_db $db || { echo "RESULT 0 1"; exit 1; }
rel_psql -d $db <<'SQL' || { echo "RESULT 0 1"; exit 1; }
CREATE TABLE public.bench_rows AS
SELECT i * 16 + j + 1 AS id, (i / 8) * 2 + j / 8 + 1 AS grp,
       ((i * 16 + j) * 37 % 101) / 10.0 + (i + j) / 4.0 AS v,
       (i * 16 + j) * 37 % 101 > 60 AS b,
       ARRAY[1 + (i * 7 + j) % 9, 2 + (i + j * 3) % 11, 1 + (i * j) % 5]::float8[] AS arr,
       public.ST_MakeEnvelope(120 + 0.05 * i, 28 + 0.05 * j, 120.05 + 0.05 * i, 28.05 + 0.05 * j, 4326) AS g
  FROM generate_series(0, 15) i, generate_series(0, 15) j;
ANALYZE public.bench_rows;
SQL
fns=$(rel_val -d $db -c "SELECT string_agg(DISTINCT proname, ' ') FROM pg_proc WHERE pronamespace = 'zjgov'::regnamespace")
nq=0; args=(); skipped=""; nskip=0
while IFS='|' read -r pillar need q; do
  case "$pillar" in ''|\#*) continue ;; esac
  missing=""; for f in ${need//,/ }; do [[ " $fns " == *" $f "* ]] || missing="$missing $f"; done
  if [ -n "$missing" ]; then skipped="$skipped$missing"; nskip=$((nskip + 1)); continue; fi
  m=$(rel_val -d $db -c "SELECT md5(($q))" 2>"$work/err")
  if [ -z "$m" ]; then echo "NOTE: $pillar query does not run serially (skipped): $(head -n 1 "$work/err")"; continue; fi
  nq=$((nq + 1))
  [ -n "${PGBENCH_SELFTEST:-}" ] && m=bad
  echo "SELECT 1 / (md5(($q)) = '$m')::int;" >"$work/q$nq.sql"
  args+=(-f "$work/q$nq.sql")
  echo "query $nq ($pillar): $q" | cut -c1-160
done <test/pgbench/queries.txt
[ $nskip -gt 0 ] && echo "SKIP: $nskip queries need functions not installed yet:$(echo $skipped | tr ' ' '\n' | sort -u | tr '\n' ' ')"
check "at least one query to run ($nq)" [ $nq -gt 0 ]
[ $nq -eq 0 ] && { rel_result; exit 1; }

start_time=$(rel_start_time); logpos=$(rel_log_size)
"$ZJ_BIN/pgbench" -n -c "$clients" -j 2 -T "$secs" -d $db "${args[@]}" >"$work/out" 2>&1; rc=$?
grep -E '^(number of (transactions|failed)|latency average|tps|pgbench: error)' "$work/out" | sed 's/^/NOTE: /'
check "pgbench: $clients clients x ${secs}s, exit status $rc" [ $rc -eq 0 ]
tx=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$work/out")
failedtx=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' "$work/out")
check "transactions were processed (${tx:-0})" [ "${tx:-0}" -gt 0 ]
check "no failed transaction (${failedtx:-?}): every result equals the serial run's" test "${failedtx:-1}" -eq 0 -a "$(grep -c 'aborted\|division by zero' "$work/out")" -eq 0
[ $rc -ne 0 ] && grep -E 'error|ERROR' "$work/out" | head -n 10
crashlog=$(rel_log_crashes "$logpos")
check "no crashed backend in the log" [ -z "$crashlog" ]
check "the postmaster did not restart" [ "$(rel_start_time)" = "$start_time" ]
rel_result
