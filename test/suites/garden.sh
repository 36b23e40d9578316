#!/usr/bin/env bash
# The garden: every function and aggregate of zjgov, read from the catalog, called with hostile
# arguments generated from its argument types (test/garden/generate.sql).  Pass = the postmaster
# never restarts and no call fails with SQLSTATE XX000 (internal_error).
#   GARDEN_SIZE=small (make test, ~2000 calls) | full (make stress, >= 5000 calls); GARDEN_SEED=42
#   GARDEN_TIMEOUT: statement_timeout of each call (default 5s small, 20s full)
# Prints every crash (the call, the log lines) and every XX000 (the call, the message).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh

size=${GARDEN_SIZE:-small}
seed=${GARDEN_SEED:-42}
if [ "$size" = full ]; then tmo=${GARDEN_TIMEOUT:-20s}; else tmo=${GARDEN_TIMEOUT:-3s}; fi
db=zjgov_garden
work=$(mktemp -d /tmp/zjgov-garden.XXXXXX)
trap 'rm -rf "$work"' EXIT

rel_fresh_db "$db" || { echo "could not create $db"; echo "RESULT 0 1"; exit 1; }
rel_psql -d "$db" -f test/garden/setup.sql || { echo "RESULT 0 1"; exit 1; }
t0=$(date +%s)
rel_val -d "$db" -v size="$size" -v seed="$seed" -f test/garden/generate.sql >"$work/calls.sql" 2>"$work/gen.err" \
  || { cat "$work/gen.err"; echo "RESULT 0 1"; exit 1; }
grep -E 'NOTICE' "$work/gen.err" | sed 's/^.*NOTICE:  /NOTE: /' | sort -u
total=$(wc -l <"$work/calls.sql")
echo "NOTE: garden ($size, seed $seed): $total calls on $(grep -o 'zjgov\.[a-z_0-9]*(' "$work/calls.sql" | sort -u | wc -l) functions"

# Each call is one line; psql reports errors as "psql:<stdin>:LINE: ERROR:  SQLSTATE: message".
header=$(cat <<EOF
SET statement_timeout = '$tmo';
SET client_min_messages = error;
SET search_path = pg_catalog, public;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
\set VERBOSITY verbose
EOF
)
hlines=$(printf '%s\n' "$header" | wc -l)
start_time=$(rel_start_time)
logpos=$(rel_log_size)
crashes=0; start=1; : >"$work/errors"
while [ "$start" -le "$total" ]; do
  { printf '%s\n' "$header"; tail -n +"$start" "$work/calls.sql"; } |
    timeout 900 "$ZJ_BIN/psql" -X -q -o /dev/null -d "$db" -f - 2>"$work/chunk.err"
  rc=$?
  # map the chunk's line numbers back to calls.sql
  sed -nE 's/^psql:<stdin>:([0-9]+): ERROR:  ([0-9A-Z]{5}): (.*)$/\1 \2 \3/p' "$work/chunk.err" |
    while read -r l code msg; do echo "$((start + l - hlines - 1)) $code $msg"; done >>"$work/errors"
  [ $rc -eq 0 ] && break
  # psql stopped: the connection was lost (a crash) or the watchdog fired
  last=$(grep -oE '^psql:<stdin>:[0-9]+:' "$work/chunk.err" | tail -n 1 | grep -oE '[0-9]+')
  if [ $rc -eq 124 ]; then
    q=$(rel_val -d postgres -c "SELECT query FROM pg_stat_activity WHERE datname = '$db' AND state = 'active' ORDER BY query_start LIMIT 1")
    echo "not ok - a call ignored statement_timeout $tmo for 900 s: $q"
    rel_val -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db'" >/dev/null
    n=$(grep -nFx -- "$q" "$work/calls.sql" | head -n 1 | cut -d: -f1)
    crashes=$((crashes + 1)); start=$(( ${n:-$total} + 1 )); continue
  fi
  [ -z "$last" ] && { echo "psql failed (rc $rc):"; cat "$work/chunk.err"; crashes=$((crashes + 1)); break; }
  n=$((start + last - hlines - 1)); [ "$n" -lt "$start" ] && n=$start
  crashes=$((crashes + 1))
  echo "not ok - CRASH at call $n: $(sed -n "${n}p" "$work/calls.sql")"
  rel_wait_ready || { echo "the server did not come back"; break; }
  start=$((n + 1))
done
elapsed=$(( $(date +%s) - t0 ))

# XX000 is a failure, except the core-style elog of an aggregate support function called directly
sort -n "$work/errors" | awk '{print $2}' | sort | uniq -c | sort -rn | sed 's/^/NOTE: SQLSTATE histogram: /'
grep -E '^[0-9]+ XX000 ' "$work/errors" | grep -vE 'called in non-aggregate context' >"$work/xx000" || true
grep -E '^[0-9]+ XX000 .*called in non-aggregate context' "$work/errors" | cut -d' ' -f3- | sort | uniq -c | sort -rn | head -n 5 |
  sed 's/^/NOTE: allowed XX000 (aggregate support function called directly): /'
while read -r n code msg; do
  echo "not ok - XX000 at call $n: $msg"
  echo "        $(sed -n "${n}p" "$work/calls.sql" | cut -c1-400)"
done <"$work/xx000"
nxx=$(wc -l <"$work/xx000")
ntmo=$(grep -cE '^[0-9]+ 57014 ' "$work/errors")
[ "$ntmo" -gt 0 ] && echo "NOTE: $ntmo calls hit statement_timeout $tmo:" && grep -E '^[0-9]+ 57014 ' "$work/errors" | head -n 5 |
  while read -r n _; do echo "NOTE:   $(sed -n "${n}p" "$work/calls.sql" | cut -c1-300)"; done

crashlog=$(rel_log_crashes "$logpos")
[ -n "$crashlog" ] && { echo "server log:"; echo "$crashlog"; }
end_time=$(rel_start_time)
restarted=0
if [ "$start_time" != "$end_time" ]; then echo "not ok - the postmaster restarted ($start_time -> $end_time)"; restarted=1; fi
[ -n "$crashlog" ] && [ "$crashes" -eq 0 ] && crashes=1
failed=$((crashes + nxx + restarted))
passed=$((total - crashes - nxx)); [ $passed -lt 0 ] && passed=0
echo "NOTE: garden: $total calls in ${elapsed}s, $crashes crashes, $nxx XX000, $(wc -l <"$work/errors") errors"
"$ZJ_BIN/dropdb" --if-exists "$db" >/dev/null 2>&1
echo "RESULT $passed $failed"
