# bench/lib.sh: the harness behind bench/run.sh (sourced, not run).
#
# A case declares its variants, then calls b_go:
#   b_case NAME SIZE_LABEL N              start a case at one size
#   b_has FUNC...                         are these zjgov functions installed?
#   b_begin NAME SIZE_LABEL N FUNC...     b_case + b_has, skipping the case when one is missing
#   b_gen <<'SQL' ... SQL                 generate the data (untimed, deterministic: setseed)
#   b_sql VARIANT ROLE SETTINGS QUERY     a variant answered by one SQL query
#   b_cmd VARIANT ROLE COLUMNS COMMAND    a variant answered by an external program (R); COMMAND
#                                         writes CSV with a header to "$OUT"; COLUMNS is its DDL
#   b_check VARIANT SQL                   SQL returning (ok boolean, note text); the answers are in
#                                         tables bench_ans_<variant>
#   b_go                                  run it: first runs + answer checks, then timed A B A B
# The first variant is always `zjgov` (role zjgov). Roles of the others:
#   baseline  what a user would otherwise run; ratio = its time / zjgov's time (zjgov's speed-up)
#   floor     a reference cost (sum(float8), percentile_cont); ratio shown as zjgov's time / its time
#   parallel  the zjgov query with 2 workers; ratio shown as serial time / parallel time
# Every SQL variant runs in its own session with B_BASESET (serial, jit off, work_mem 256MB,
# statement_timeout = cap) plus its own SETTINGS. Timing is psql's \timing of
# `SELECT count(q.*) FROM (QUERY) q` after a warm-up statement in the same session that loads the
# PostGIS and zjgov libraries; for external programs it is the wall time of the whole command
# (export with psql, start R, compute, write the answer).

# A run stopped by the cap (statement_timeout).  PostGIS reports a GEOS operation interrupted by
# statement_timeout as "canceling statement due to user request"; nothing else cancels bench runs.
B_CAP_MSG='statement timeout|canceling statement due to user request'

B_VARS=()
declare -A B_ROLE=() B_KIND=() B_TEXT=() B_SET=() B_CHECK=() B_COLS=() B_STATE=() B_FIRSTMS=()
B_SEQ=0
declare -A B_CAPPED_AT=()

b_psql() { "$B_PSQL" -X -q -v ON_ERROR_STOP=1 -d "$B_DB" "$@"; }
b_val()  { b_psql -At -c "$1"; }
b_log()  { printf '%s\n' "$*" >&2; }
b_now()  { date +%s%N; }
b_clean() { tr '\t\n\r\\' '    ' | cut -c1-300; }

# b_has NAME...: all these functions exist in schema zjgov
b_has() {
  local f
  for f in "$@"; do
    [ "$(b_val "SELECT count(*) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace s ON s.oid = p.pronamespace
                WHERE s.nspname = 'zjgov' AND p.proname = '$f'")" -gt 0 ] || return 1
  done
}

b_case() {
  B_CASE=$1; B_SIZE=$2; B_N=$3
  B_VARS=(); B_ROLE=(); B_KIND=(); B_TEXT=(); B_SET=(); B_CHECK=(); B_COLS=(); B_STATE=(); B_FIRSTMS=()
  b_log "== $B_CASE $B_SIZE"
}

# b_begin NAME SIZE_LABEL N FUNC...: b_case, then skip (return 1) unless the zjgov functions exist
b_begin() {
  b_case "$1" "$2" "$3"; shift 3
  if [ -n "${BENCH_MAXN:-}" ] && [ "$B_N" -gt "$BENCH_MAXN" ]; then b_skip "larger than BENCH_MAXN"; return 1; fi
  b_has "$@" || { b_skip "zjgov function not installed"; return 1; }
}

b_budget_left() { [ "$(date +%s)" -lt "$B_DEADLINE" ]; }

b_skip() {
  printf '%s\t%s\t%s\n' "$B_CASE" "$B_SIZE" "$(printf '%s' "$1" | b_clean)" >>"$B_OUTDIR/skips.tsv"
  b_log "   SKIP $B_CASE $B_SIZE: $1"
  echo "SKIP $B_CASE $B_SIZE: $1"
}

b_gen() {
  local t0=$(b_now)
  { echo "SET max_parallel_workers_per_gather = 0; SET client_min_messages = warning;"; cat; } |
    (cd "$ZJ_ROOT" && b_psql -f -) >/dev/null 2>"$B_OUTDIR/gen.err" || {
    b_log "   data generation failed: $(cat "$B_OUTDIR/gen.err")"
    printf '%s\t%s\t%s\n' "$B_CASE" "$B_SIZE" "FAILED: data generation: $(head -n1 "$B_OUTDIR/gen.err" | b_clean)" >>"$B_OUTDIR/skips.tsv"
    echo "FAIL $B_CASE $B_SIZE: data generation failed"
    return 1; }
  b_log "   data ready in $(( ($(b_now) - t0) / 1000000 )) ms"
}

b_sql()   { B_VARS+=("$1"); B_ROLE[$1]=$2; B_KIND[$1]=sql; B_SET[$1]=$3; B_TEXT[$1]=$4; }
b_cmd()   { B_VARS+=("$1"); B_ROLE[$1]=$2; B_KIND[$1]=cmd; B_COLS[$1]=$3; B_TEXT[$1]=$4; }
b_check() { B_CHECK[$1]=$2; }

# b_check_rows VARIANT KEY "COL..." TOL [FLOOR]: same keys, and per row and column
# |zjgov - variant| <= TOL * max(FLOOR, |variant|) (NULLs must match)
b_check_rows() {
  local v=$1 key=$2 cols=$3 tol=$4 floor=${5:-1} c conds="" diffs="" maxes="" fmt=""
  for c in $cols; do
    conds+=" AND CASE WHEN z.$c IS NULL OR b.$c IS NULL THEN z.$c IS NULL AND b.$c IS NULL
                 ELSE abs(z.$c - b.$c) <= $tol * greatest($floor, abs(b.$c)) END"
    diffs+=", abs(z.$c - b.$c) AS d_$c"
    maxes+=", trim(to_char(max(d_$c), '9.9EEEE'))"
    fmt+="; max |Δ$c| %s"
  done
  b_check "$v" "SELECT count(*) FILTER (WHERE NOT ok) = 0 AND count(*) > 0,
      format('%s rows, %s differ$fmt (tolerance $tol relative)', count(*), count(*) FILTER (WHERE NOT ok)$maxes)
    FROM (SELECT (z.$key IS NOT NULL AND b.$key IS NOT NULL $conds) AS ok $diffs
          FROM bench_ans_zjgov z FULL JOIN bench_ans_$v b ON z.$key = b.$key) s"
}

# b_check_arr VARIANT ZEXPR BEXPR TOL: two float8[] expressions equal element-wise within TOL
# (relative to max(1, |b|)), same length
b_check_arr() {
  local v=$1 za=$2 ba=$3 tol=$4
  b_check "$v" "SELECT coalesce(bool_and(coalesce(abs(a - b) <= $tol * greatest(1, abs(b)), false)), false),
      format('n = %s, max |Δ| %s (tolerance $tol)', count(*), trim(to_char(max(abs(a - b)), '9.9EEEE')))
    FROM unnest(($za), ($ba)) u(a, b)"
}

b_record() { # variant rep ms status
  local i vord=0
  for i in "${!B_VARS[@]}"; do [ "${B_VARS[$i]}" = "$1" ] && vord=$i; done
  B_SEQ=$((B_SEQ + 1))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$B_SEQ" "$vord" "$B_CASE" "$B_SIZE" "$B_N" "$1" "${B_ROLE[$1]}" \
    "$2" "$3" "$4" >>"$B_OUTDIR/timings.tsv"
}

b_settings() { printf '%s %s' "$B_BASESET" "${B_SET[$1]}"; }

# first run of a variant: materialise its answer into bench_ans_<variant>
b_first() {
  local v=$1 t0 t1 rc err=$B_OUTDIR/err.txt
  # over the cap at a smaller size of this case: not run again at a larger one
  if [ -n "${B_CAPPED_AT[$B_CASE/$v]:-}" ] && [ "$B_N" -gt "${B_CAPPED_AT[$B_CASE/$v]}" ]; then
    B_STATE[$v]=cap; B_FIRSTMS[$v]=0
    b_record "$v" 1 "$((B_CAP * 1000))" cap
    b_note "$v" skip "not run: over the cap already at n = ${B_CAPPED_AT[$B_CASE/$v]}"
    b_log "   $v: not run (over the cap at a smaller size)"; return
  fi
  t0=$(b_now)
  if [ "${B_KIND[$v]}" = sql ]; then
    b_psql -c "$(b_settings "$v")" -c "DROP TABLE IF EXISTS bench_ans_$v" \
      -c "CREATE UNLOGGED TABLE bench_ans_$v AS ${B_TEXT[$v]}" >/dev/null 2>"$err"; rc=$?
    t1=$(b_now)
    if [ $rc -ne 0 ]; then
      if grep -qE "$B_CAP_MSG" "$err"; then B_STATE[$v]=cap; else B_STATE[$v]=error; fi
    fi
  else
    local out=$B_OUTDIR/ans_$v.csv
    rm -f "$out" "$out.phases"
    (cd "$ZJ_ROOT" && OUT=$out timeout -k 5 "$B_CAP" bash -c "${B_TEXT[$v]}") >/dev/null 2>"$err"; rc=$?
    t1=$(b_now)
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then B_STATE[$v]=cap
    elif [ $rc -ne 0 ] || [ ! -s "$out" ]; then B_STATE[$v]=error
    else
      b_psql -c "DROP TABLE IF EXISTS bench_ans_$v" -c "CREATE UNLOGGED TABLE bench_ans_$v (${B_COLS[$v]})" \
        -c "\\copy bench_ans_$v FROM '$out' WITH (FORMAT csv, HEADER)" 2>"$err" || B_STATE[$v]=error
      # an external program's first run is a complete timed run
      [ -z "${B_STATE[$v]:-}" ] && b_record "$v" 1 "$(( (t1 - t0) / 1000 ))e-3" ok
    fi
  fi
  B_FIRSTMS[$v]=$(( (t1 - t0) / 1000000 ))
  case ${B_STATE[$v]:-} in
    cap)   b_record "$v" 1 "$((B_CAP * 1000))" cap; b_log "   $v: > cap (${B_CAP} s)"
           B_CAPPED_AT[$B_CASE/$v]=$B_N ;;
    error) b_record "$v" 1 0 error
           b_note "$v" error "$(grep -m1 -E 'ERROR|Error|error' "$err" || head -n1 "$err")"
           b_log "   $v: error: $(head -n3 "$err")"
           echo "ERROR $B_CASE $B_SIZE $v: $(grep -m1 -E 'ERROR|Error|error' "$err" || head -n1 "$err")" ;;
    *)     b_log "   $v: first run ${B_FIRSTMS[$v]} ms" ;;
  esac
}

b_note() { # variant ok note
  printf '%s\t%s\t%s\t%s\t%s\n' "$B_CASE" "$B_SIZE" "$1" "$2" "$(printf '%s' "$3" | b_clean)" >>"$B_OUTDIR/checks.tsv"
}

b_verify() {
  local v=$1 res ok note
  res=$(b_psql -At -F $'\t' -c "${B_CHECK[$v]}" 2>&1) || { ok=error; note=$res; }
  if [ -z "${ok:-}" ]; then ok=${res%%$'\t'*}; note=${res#*$'\t'}; fi
  [ -s "$B_OUTDIR/ans_$v.csv.phases" ] && note+="; time by step: $(cat "$B_OUTDIR/ans_$v.csv.phases")"
  if [ "${B_ROLE[$v]}" = parallel ]; then   # show that the plan really is parallel
    local plan
    plan=$(b_psql -At -c "$(b_settings "$v")" -c "EXPLAIN ${B_TEXT[$v]}" 2>/dev/null)
    note+="; plan: $(printf '%s' "$plan" | grep -o 'Workers Planned: [0-9]*' | head -n1)$(printf '%s' "$plan" | grep -q 'Partial Aggregate' && echo ', Partial Aggregate')"
  fi
  if [ "$ok" != t ]; then B_STATE[$v]=disagree; b_record "$v" 0 0 disagree; fi
  b_note "$v" "$ok" "$note"
  if [ "$ok" = t ]; then b_log "   $v: answer agrees: $note"
  else b_log "   $v: ANSWER DISAGREES ($ok): $note"; echo "DISAGREE $B_CASE $B_SIZE $v: $note"; fi
}

b_timed() { # variant rep
  local v=$1 r=$2 out ms t0 t1 rc
  if [ "${B_KIND[$v]}" = sql ]; then
    out=$(b_psql -c "$(b_settings "$v")" -c "$B_WARM" -c '\timing on' \
            -c "SELECT count(q.*) FROM (${B_TEXT[$v]}) q" 2>&1); rc=$?
    ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n1)
    if [ $rc -ne 0 ] || [ -z "$ms" ]; then
      if printf '%s' "$out" | grep -qE "$B_CAP_MSG"; then B_STATE[$v]=cap; B_CAPPED_AT[$B_CASE/$v]=$B_N; b_record "$v" "$r" "$((B_CAP * 1000))" cap
      else B_STATE[$v]=error; b_record "$v" "$r" 0 error; b_log "   $v: error: $out"; echo "ERROR $B_CASE $B_SIZE $v: timed run failed"; fi
      return
    fi
  else
    t0=$(b_now)
    (cd "$ZJ_ROOT" && OUT=$B_OUTDIR/ans_$v.csv timeout -k 5 "$B_CAP" bash -c "${B_TEXT[$v]}") >/dev/null 2>&1; rc=$?
    t1=$(b_now)
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then B_STATE[$v]=cap; b_record "$v" "$r" "$((B_CAP * 1000))" cap; return; fi
    if [ $rc -ne 0 ]; then B_STATE[$v]=error; b_record "$v" "$r" 0 error; echo "ERROR $B_CASE $B_SIZE $v: timed run failed"; return; fi
    ms="$(( (t1 - t0) / 1000 ))e-3"
  fi
  b_record "$v" "$r" "$ms" ok
}

b_go() {
  local v r
  b_budget_left || { b_skip "time budget (BENCH_BUDGET) exhausted"; return; }
  # 1. first runs: every variant answers once, into a table
  for v in "${B_VARS[@]}"; do b_first "$v"; done
  if [ -n "${B_STATE[zjgov]:-}" ]; then
    echo "FAIL $B_CASE $B_SIZE: zjgov variant ${B_STATE[zjgov]}"; return
  fi
  # 2. answers compared before any timing
  for v in "${B_VARS[@]}"; do
    [ -z "${B_STATE[$v]:-}" ] && [ -n "${B_CHECK[$v]:-}" ] && b_verify "$v"
  done
  [ "${B_STATE[zjgov]:-}" = disagree ] && { echo "FAIL $B_CASE $B_SIZE: zjgov answer failed its own check"; return; }
  # 3. timed runs, alternating zjgov and the others; a variant whose first run took longer than
  #    B_LONG seconds is timed once only (its pairs are then the first repetition)
  for ((r = 1; r <= B_REPS; r++)); do
    b_budget_left || break
    for v in "${B_VARS[@]}"; do
      [ -z "${B_STATE[$v]:-}" ] || continue
      if [ "${B_KIND[$v]}" = cmd ] && [ "$r" -eq 1 ]; then continue; fi   # done by the first run
      if [ "$r" -gt 1 ] && [ "$v" != zjgov ] && [ "${B_FIRSTMS[$v]}" -gt $((B_LONG * 1000)) ]; then continue; fi
      b_timed "$v" "$r"
    done
  done
  echo "OK $B_CASE $B_SIZE"
}
