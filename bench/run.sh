#!/usr/bin/env bash
# `make bench`: zjgov against the baselines a user would otherwise run, as ratios in one run.
#
#   SCALE=tiny|small|full   data sizes (tiny: smoke test; small: default; full: the issues' sizes)
#   CASES="jenks lisa ..."  run only these cases (default: all, see bench/cases/)
#   BENCH_REPS=n            timed A B pairs per variant (tiny 1, small 3, full 5)
#   BENCH_CAP=s             per-run cap in seconds; a baseline over it is reported "> cap"
#   BENCH_LONG=s            a baseline whose first run took longer is timed once only (20)
#   BENCH_BUDGET=s          total time budget; cases not started by then are skipped
#   BENCH_R=0               leave out the R baselines
#   BENCH_MAXN=n            leave out the sizes above n
#   BENCH_REPORT_ONLY=1     with BENCH_WORK=dir of an earlier run: only write the report again
#   BENCH_OUT=dir           where results.md and ratios.png go (default bench/)
#   PGHOST set              use that server (database BENCH_DB, default zjgov_bench, created and
#                           dropped again); otherwise a throwaway cluster like `make test`'s
# Output: a line per case (OK / SKIP / FAIL) and per failed comparison (DISAGREE / ERROR) on stdout, progress on stderr,
# $BENCH_OUT/results.md and $BENCH_OUT/ratios.png; raw timings in bench/out/.
set -uo pipefail
ZJ_ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ZJ_ROOT"
export ZJ_ROOT

SCALE=${SCALE:-small}
case $SCALE in
  tiny)  B_REPS=${BENCH_REPS:-1}; B_CAP=${BENCH_CAP:-20};  B_BUDGET=${BENCH_BUDGET:-300} ;;
  small) B_REPS=${BENCH_REPS:-3}; B_CAP=${BENCH_CAP:-60};  B_BUDGET=${BENCH_BUDGET:-2400} ;;
  full)  B_REPS=${BENCH_REPS:-5}; B_CAP=${BENCH_CAP:-300}; B_BUDGET=${BENCH_BUDGET:-10800} ;;
  *) echo "SCALE must be tiny, small or full" >&2; exit 2 ;;
esac
B_LONG=${BENCH_LONG:-20}
B_R=${BENCH_R:-1}
B_OUT=${BENCH_OUT:-$ZJ_ROOT/bench}
B_STARTED=$(date +%s)
B_DEADLINE=$(( B_STARTED + B_BUDGET ))
export B_CAP

if [ -z "${PGHOST:-}" ]; then
  bash scripts/deps.sh bench || exit 1
  . scripts/cluster.sh
  zj_up "shared_buffers = '1GB'" "max_parallel_workers_per_gather = 2" || exit 1
  B_OWN_CLUSTER=1
fi
B_PSQL=${ZJ_BIN:+$ZJ_BIN/}psql
B_DB=${BENCH_DB:-zjgov_bench}
export B_PSQL B_DB
mkdir -p "$B_OUT"
B_OUTDIR=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/zjgov-bench.XXXXXX")}
mkdir -p "$B_OUTDIR"; chmod 755 "$B_OUTDIR"
[ -n "${BENCH_REPORT_ONLY:-}" ] || { : >"$B_OUTDIR/timings.tsv"; : >"$B_OUTDIR/checks.tsv"; : >"$B_OUTDIR/skips.tsv"; }
export B_OUTDIR

. bench/lib.sh

# the benchmark database
if [ "$("$B_PSQL" -X -At -d "${PGDATABASE:-postgres}" -c "SELECT count(*) FROM pg_database WHERE datname = '$B_DB'")" = 0 ]; then
  "$B_PSQL" -X -q -d "${PGDATABASE:-postgres}" -c "CREATE DATABASE $B_DB" || exit 1
  B_DROP_DB=1
fi
cleanup() {
  if [ -n "${B_DROP_DB:-}" ] && [ -z "${BENCH_KEEP:-}" ]; then
    "$B_PSQL" -X -q -d "${PGDATABASE:-postgres}" -c "DROP DATABASE IF EXISTS $B_DB" >/dev/null 2>&1
  fi
  [ -z "${BENCH_WORK:-}" ] && [ -z "${BENCH_KEEP:-}" ] && rm -rf "$B_OUTDIR"
  [ -n "${B_OWN_CLUSTER:-}" ] && zj_down
}
trap cleanup EXIT
b_psql -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS postgis" || exit 1
if ! b_psql -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS zjgov CASCADE" 2>"$B_OUTDIR/err.txt"; then
  b_log "zjgov is not installed on this server: every case will be skipped ($(head -n1 "$B_OUTDIR/err.txt"))"
fi
b_psql -c "SET client_min_messages = warning" -f bench/sql/helpers.sql >/dev/null || exit 1

B_BASESET="SET client_min_messages = warning; SET jit = off; SET work_mem = '256MB';
  SET max_parallel_workers_per_gather = 0; SET statement_timeout = '${B_CAP}s';"
B_PAR="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
  SET min_parallel_table_scan_size = 0; SET parallel_leader_participation = on;"
B_WARM="SELECT postgis_lib_version()"
b_has version && B_WARM="$B_WARM, zjgov.version()"

# sizes: b_sizes tiny-list small-list full-list -> the list for SCALE
b_sizes() { case $SCALE in tiny) echo "$1" ;; small) echo "$2" ;; full) echo "$3" ;; esac; }
# 10000 -> 10k
b_label() { local n=$1; if [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))M"
            elif [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"; else echo "$n"; fi; }

for f in bench/cases/*.sh; do . "$f"; done
ALL_CASES="jenks lisa sea_tier zone_rings tracks kernel_density cover_fraction score entropy_weights auc ks parallel skater maxp score_rules warn draw mann_kendall ears emerging"
started=$(date +%s)
if [ -n "${BENCH_REPORT_ONLY:-}" ]; then   # report again from the raw files in BENCH_WORK
  b_log "report only, from $B_OUTDIR"
else
  for c in ${CASES:-$ALL_CASES}; do
    "case_$c"
  done | tee "$B_OUTDIR/status.txt"
fi
b_log "all cases done in $(( $(date +%s) - started )) s"

. bench/report.sh
b_report
! grep -qE '^(FAIL|DISAGREE|ERROR) ' "$B_OUTDIR/status.txt"
