#!/usr/bin/env bash
# Bounded memory: every zjgov function with a fixed-size state runs over n and then 10 n generated
# rows in one backend (aggregates: 1M then 10M rows; scalars: 200k then 2M; windows: partitions of
# 1000 rows, 20k then 200k), after a control query (a core aggregate over the same 10 n rows), with
# JIT off (LLVM's memory would hide the rest).  Pass = peak RSS after the 10 n run exceeds the larger
# of the control's and the n run's by less than MEM_SLACK_MB (32), and the backend's memory
# contexts after the big run are within 1 MB of those after the small one (no per-row or per-call
# leak).  Aggregates whose state is a varlena other than float8[] (zjgov.aggstate, svg_map's
# state) keep their input by design and are not checked.  MEM_SCALE=0.1 shrinks every n.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
slack=$(( ${MEM_SLACK_MB:-32} * 1024 * 1024 )); scale=${MEM_SCALE:-1}
db=zjgov_stress_mem
trap '"$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1' EXIT
rel_fresh_db $db && rel_psql -d $db -f test/stress/workload.sql || { echo "RESULT 0 1"; exit 1; }
sz() { awk -v n="$1" -v s="$scale" 'BEGIN { printf "%d", n * s }'; }
rel_val -d $db -F $'\t' -c "
  SELECT sig, stress.query(oid, CASE prokind WHEN 'a' THEN $(sz 1000000) WHEN 'w' THEN $(sz 20000) ELSE $(sz 200000) END, false),
              stress.query(oid, CASE prokind WHEN 'a' THEN $(sz 10000000) WHEN 'w' THEN $(sz 200000) ELSE $(sz 2000000) END, false)
    FROM stress.target
   WHERE NOT proretset
     -- a varlena state other than float8[] (aggstate, svgmap_state) keeps its input by design
     AND (aggtranstype IS NULL OR aggtranstype = 'float8[]'::regtype
          OR (SELECT typlen FROM pg_type WHERE oid = aggtranstype) > 0)
   ORDER BY prokind, sig" >/tmp/zjgov-mem.$$
while IFS=$'\t' read -r sig qs qb; do
  if [ -z "$qs" ]; then echo "SKIP: $sig (argument types not covered)"; continue; fi
  # the control: the same number of generated rows through a core aggregate
  n=$(echo "$qb" | grep -oE 'generate_series\(1, [0-9]+\)' | grep -oE '[0-9]+\)' | tr -d ')')
  qc="SELECT count(x) FROM (SELECT g::text AS x FROM generate_series(1, $n) g) s"
  r=$(rel_val -d $db -F ' ' -c "SET statement_timeout = '600s'; SET client_min_messages = warning" -c "SELECT * FROM stress.measure(\$q\$$qc\$q\$, \$q\$$qs\$q\$, \$q\$$qb\$q\$)" 2>&1 | tr '\n' ' ')
  set -- $r
  if ! [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    echo "NOTE: $sig: $r" | cut -c1-300
    if rel_conn_lost "$r"; then bad "$sig crashed the backend"; rel_wait_ready; fi
    continue
  fi
  base=$(( $1 > $2 ? $1 : $2 )); grow=$(( $3 - base )); cgrow=$(( $5 - $4 ))
  printf 'NOTE: %-60s peak RSS: control %4d MB, n rows %4d MB, 10 n rows %4d MB; contexts %+d kB; big run %.0f ms\n' \
    "$sig" $(( $1 >> 20 )) $(( $2 >> 20 )) $(( $3 >> 20 )) $(( cgrow / 1024 )) "$6"
  check "$sig: memory bounded (peak +$(( grow >> 20 )) MB, contexts $(( cgrow / 1024 )) kB)" test $grow -lt $slack -a $cgrow -lt 1048576
done </tmp/zjgov-mem.$$
rm -f /tmp/zjgov-mem.$$
rel_result
