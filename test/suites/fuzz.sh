#!/usr/bin/env bash
# Seeded SQL-level fuzzer (test/fuzz/fuzz.sql) for the text and binary input of every zjgov base
# type (colour, aggstate, credit_grade, ...), crafted aggregate states fed to every combine/final
# function, and the weights spec parser; bounded time, split evenly among the targets.
#   FUZZ_SECONDS (default 15; make stress uses 300), FUZZ_SEED (default 1), FUZZ_CHUNK (cases a call, 40)
# Pass = no crash, no XX000, every accepted value round-trips through output and input.
# A failing case is printed with its target, seed and number; rerun it with
#   SELECT * FROM fuzz.run('<target>', <seed>, <number>, 1);
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
secs=${FUZZ_SECONDS:-15}; seed=${FUZZ_SEED:-1}; chunk=${FUZZ_CHUNK:-40}
db=zjgov_fuzz
trap '"$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1' EXIT
rel_fresh_db $db && rel_psql -d $db -f test/garden/setup.sql && rel_psql -d $db -f test/fuzz/fuzz.sql 2>&1 | sed 's/^.*NOTICE:  /NOTE: /' \
  || { echo "RESULT 0 1"; exit 1; }
targets=$(rel_val -d $db -c "SELECT name FROM fuzz.target ORDER BY name")
nt=$(echo "$targets" | grep -c .)
[ "$nt" -eq 0 ] && { echo "no fuzz targets"; echo "RESULT 0 1"; exit 1; }
per=$(( secs / nt )); [ $per -lt 1 ] && per=1
echo "NOTE: fuzz: $nt targets ($(echo $targets | tr '\n' ' ')), ${per}s each, seed $seed"
start_time=$(rel_start_time); logpos=$(rel_log_size)
total=0; fails=0; crashes=0; tpass=0; tfail=0
for t in $targets; do
  before=$((fails + crashes)); i=0; stop=$(( $(date +%s) + per )); counts=""
  while [ "$(date +%s)" -lt "$stop" ]; do
    out=$("$ZJ_BIN/psql" -X -q -At -F $'\t' -d $db -c "SELECT i, state, detail FROM fuzz.run('$t', $seed, $i, $chunk)" 2>&1); rc=$?
    if [ $rc -ne 0 ]; then
      if rel_conn_lost "$out"; then
        rel_wait_ready
        # find the case: one at a time
        for j in $(seq $i $((i + chunk - 1))); do
          "$ZJ_BIN/psql" -X -q -At -d $db -c "SELECT 1 FROM fuzz.run('$t', $seed, $j, 1)" >/dev/null 2>&1
          if [ $? -eq 2 ]; then
            echo "not ok - CRASH: fuzz.run('$t', $seed, $j, 1)"
            rel_wait_ready
            "$ZJ_BIN/psql" -X -q -At -d $db -c "SELECT left(CASE kind WHEN 'recv' THEN encode(fuzz.mutate_bytes(bcorpus, $seed, $j), 'hex') ELSE fuzz.mutate(corpus, $seed, $j) END, 500) FROM fuzz.target WHERE name = '$t'" | sed 's/^/        input: /'
            crashes=$((crashes + 1)); break
          fi
        done
        rel_wait_ready
      else
        echo "fuzz.run('$t', $seed, $i, $chunk) failed: $out" | head -n 5; fails=$((fails + 1))
      fi
    else
      while IFS=$'\t' read -r k state detail; do
        if [ "$state" = SUMMARY ]; then counts="$counts $detail"
        else echo "not ok - $state: fuzz.run('$t', $seed, $k, 1): $detail" | cut -c1-600; fails=$((fails + 1)); fi
      done <<<"$out"
    fi
    i=$((i + chunk))
  done
  total=$((total + i))
  if [ $((fails + crashes)) -eq "$before" ]; then tpass=$((tpass + 1)); else tfail=$((tfail + 1)); fi
  echo "NOTE: $t: $i cases; SQLSTATEs: $(echo "$counts" | grep -oE '"[0-9A-Za-z]+": [0-9]+' | awk -F'": ' '{gsub(/"/,"",$1); c[$1]+=$2} END {for (k in c) printf "%s=%d ", k, c[k]}')"
done
crashlog=$(rel_log_crashes "$logpos")
[ -n "$crashlog" ] && { echo "server log:"; echo "$crashlog"; [ $crashes -eq 0 ] && crashes=1; }
restarted=0; [ "$(rel_start_time)" != "$start_time" ] && { echo "not ok - the postmaster restarted"; restarted=1; }
echo "NOTE: fuzz: $total cases, $crashes crashes, $fails failures"
# one result per fuzz target (the number of cases depends on the time budget)
[ -n "$crashlog" ] && [ "$tfail" -eq 0 ] && tfail=1
echo "RESULT $tpass $((tfail + restarted))"
