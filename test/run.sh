#!/usr/bin/env bash
# `make test`: install what is missing, build, install into a private tree, start a throwaway
# cluster, run every suite, and end with one line "N passed, N failed".
#   suites: pg_regress (sql/ + expected/), pgTAP (test/pgtap/*.sql),
#           and every test/suites/*.sh (each prints "RESULT <passed> <failed>" as its last line).
# ZJ_ONLY=regress|pgtap|<suite name> runs one suite (for development).
set -uo pipefail
cd "$(dirname "$0")/.."
export ZJ_WERROR=${ZJ_WERROR-1}   # the tests build with -Werror (ZJ_WERROR= make test to build without)
bash scripts/deps.sh test || exit 1
. scripts/cluster.sh
zj_up "max_parallel_workers_per_gather = 2" || { echo "0 passed, 1 failed"; exit 1; }
. test/lib/reliability.sh   # rel_log_crashes

passed=0; failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
only=${ZJ_ONLY:-}

# 1. pg_regress: one file per room, diffs printed for every failure
if [ -z "$only" ] || [ "$only" = regress ]; then
  out=$ZJ_TMP/regress
  zj_regress "$out"; p=$ZJ_REGRESS_P; f=$ZJ_REGRESS_F
  [ -f "$out/regression.diffs" ] && cat "$out/regression.diffs"
  rm -rf results && cp -r "$out/results" results 2>/dev/null   # for inspection (git-ignored)
  if [ $((p + f)) -eq 0 ]; then cat "$out/log"; f=1; fi
  echo "pg_regress: $p passed, $f failed"; count "$p" "$f"
fi

# 2. pgTAP: one database with the extensions, every file in its own transaction
if [ -z "$only" ] || [ "$only" = pgtap ]; then
  if ls test/pgtap/*.sql >/dev/null 2>&1; then
    zj_psql -c "CREATE EXTENSION IF NOT EXISTS pgtap; CREATE EXTENSION IF NOT EXISTS zjgov CASCADE;"
    tapout=$ZJ_TMP/pgtap.out
    pg_prove --verbose --failures -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" \
        test/pgtap/*.sql >"$tapout" 2>&1
    grep -E '^(not ok|# )' "$tapout" | head -n 200
    grep -E '^test/' "$tapout" | sed 's/^/  /' | grep -v '^  test/.*\.\. *$'
    p=$(grep -cE '^ok ' "$tapout"); f=$(grep -cE '^not ok ' "$tapout")
    if ! grep -q '^Result: PASS' "$tapout"; then
      tail -n 20 "$tapout"; [ "$f" -eq 0 ] && f=1
    fi
    echo "pgTAP: $p passed, $f failed"; count "$p" "$f"
  fi
fi

# 3. other suites (spdep agreement, garden, parallel, dump/restore, bench smoke, ...)
for s in test/suites/*.sh; do
  [ -e "$s" ] || continue
  name=$(basename "$s" .sh)
  [ -z "$only" ] || [ "$only" = "$name" ] || continue
  log=$ZJ_TMP/suite-$name.log
  zj_run_suite "$s" "$log"; p=$ZJ_SUITE_P; f=$ZJ_SUITE_F
  if [ "$f" -ne 0 ]; then tail -n 60 "$log"; else grep -E '^(SKIP|NOTE)' "$log"; fi
  echo "$name: $p passed, $f failed"; count "$p" "$f"
done

crashes=$(rel_log_crashes)
if [ -n "$crashes" ]; then
  echo "the server log shows a crashed backend:"; echo "$crashes"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
