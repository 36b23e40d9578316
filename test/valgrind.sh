#!/usr/bin/env bash
# `make valgrind`: the pg_regress suite (sql/*.sql) with the server under valgrind memcheck (every
# backend is a fork of the postmaster, so all of them are checked), with test/valgrind.supp for
# the stock server.  Reports the errors whose stacks show zjgov (a frame in one of src/*.c or in
# zjgov.so) and fails when there is one.  Other errors are counted and left in the kept log dir.
#   VALGRIND_TESTS="colour search_path" limits the regression files; VALGRIND_GARDEN=1 also runs
#   the small garden under valgrind.  Takes about 20-40x the normal time: see README.md, "Testing and reliability".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh stress || exit 1
. scripts/cluster.sh
t_start=$(date +%s)
zj_up "max_parallel_workers_per_gather = 2" || exit 1
# restart the server under valgrind
zj_as_owner "$ZJ_BIN/pg_ctl" -D "$ZJ_DATA" -m fast -w stop >/dev/null
vlog=$ZJ_TMP/valgrind; mkdir -p "$vlog"; [ "$(id -u)" -eq 0 ] && chown postgres: "$vlog"
zj_as_owner valgrind --tool=memcheck --quiet --trace-children=no --num-callers=30 \
    --read-var-info=no --track-origins=yes --leak-check=no --error-limit=no \
    --suppressions="$PWD/test/valgrind.supp" --gen-suppressions=all \
    --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
    --log-file="$vlog/%p.log" "$ZJ_BIN/postgres" -D "$ZJ_DATA" >"$ZJ_DATA/server.log" 2>&1 &
for _ in $(seq 1 240); do "$ZJ_BIN/pg_isready" -q && break; sleep 0.5; done
"$ZJ_BIN/pg_isready" -q || { echo "the server did not start under valgrind"; tail -n 20 "$ZJ_DATA/server.log"; exit 1; }
echo "-- server under valgrind after $(( $(date +%s) - t_start )) s"

t0=$(date +%s)
zj_regress "$ZJ_TMP/regress" ${VALGRIND_TESTS:-}
echo "-- pg_regress under valgrind: $(( $(date +%s) - t0 )) s"
if [ -n "${VALGRIND_GARDEN:-}" ]; then
  t0=$(date +%s)
  GARDEN_TIMEOUT=120s bash test/suites/garden.sh | grep -E '^(RESULT|not ok|NOTE: garden)'
  echo "-- garden under valgrind: $(( $(date +%s) - t0 )) s"
fi
zj_as_owner "$ZJ_BIN/pg_ctl" -D "$ZJ_DATA" -m fast -w -t 300 stop >/dev/null 2>&1

# errors whose stack has a zjgov frame
srcre=$(ls src/*.c | xargs -n1 basename | sed 's/\./\\./' | paste -sd'|')
all=0; ours=0
for f in "$vlog"/*.log; do
  [ -s "$f" ] || continue
  awk -v re="\\\\((${srcre}):[0-9]+\\\\)|zjgov\\\\.so" -v file="$f" '
    /VALGRINDERROR-BEGIN/ { inerr = 1; buf = ""; hit = 0; next }
    /VALGRINDERROR-END/   { inerr = 0; n++; if (hit) { m++; print "==== " file; print buf } ; next }
    inerr { buf = buf $0 "\n"; if ($0 ~ re) hit = 1 }
    END { printf "COUNT %d %d\n", n, m > "/dev/stderr" }' "$f" 2>>"$vlog/counts" >>"$vlog/zjgov-errors.txt"
done
all=$(awk '{a += $2} END {print a + 0}' "$vlog/counts" 2>/dev/null || echo 0)
ours=$(awk '{a += $3} END {print a + 0}' "$vlog/counts" 2>/dev/null || echo 0)
[ "$ours" -gt 0 ] && head -n 200 "$vlog/zjgov-errors.txt"
p=$ZJ_REGRESS_P; f=$ZJ_REGRESS_F
echo "valgrind: $all errors in total, $ours with a zjgov frame; pg_regress $p passed, $f failed; $(( $(date +%s) - t_start )) s in all"
if [ "$all" -gt "$ours" ]; then
  ZJ_KEEP=1; echo "other (server) errors are in $vlog (kept): add suppressions to test/valgrind.supp if they are the server's"
fi
[ "$ours" -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -gt 0 ]
