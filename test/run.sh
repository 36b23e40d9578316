#!/usr/bin/env bash
# `make test`: install what is missing, build, install into a private tree, start a throwaway
# cluster, run every suite, and end with one line "N passed, N failed".
#   suites: pg_regress (sql/ + expected/), pgTAP (test/pgtap/*.sql),
#           and every test/suites/*.sh (each prints "RESULT <passed> <failed>" as its last line).
# ZJ_ONLY=regress|pgtap|<suite name> runs one suite (for development).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test || exit 1
. scripts/cluster.sh
zj_up "max_parallel_workers_per_gather = 2" || { echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }
only=${ZJ_ONLY:-}

# 1. pg_regress: one file per room, diffs printed for every failure
if [ -z "$only" ] || [ "$only" = regress ]; then
  tests=$(ls sql/*.sql 2>/dev/null | sed 's|sql/||; s|\.sql$||' | tr '\n' ' ')
  out=$ZJ_TMP/regress; mkdir -p "$out"
  "$ZJ_PGXS_REGRESS" --bindir="$ZJ_BIN" --inputdir=. --outputdir="$out" \
      --dbname=zjgov_regress --load-extension=postgis --load-extension=zjgov $tests >"$out/log" 2>&1
  cat "$out/log" | grep -E '^(test |     |ok |not ok)' | sed 's/^/  /'
  p=$(grep -cE '\.\.\. ok|^ok ' "$out/log"); f=$(grep -cE '\.\.\. FAILED|^not ok|failed \(ignored\)' "$out/log")
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
  bash "$s" >"$log" 2>&1; rc=$?
  res=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$log" | tail -n 1)
  if [ -z "$res" ]; then p=0; f=1; else p=$(echo "$res" | cut -d' ' -f2); f=$(echo "$res" | cut -d' ' -f3); fi
  [ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
  if [ "$f" -ne 0 ]; then tail -n 60 "$log"; else grep -E '^(SKIP|NOTE)' "$log"; fi
  echo "$name: $p passed, $f failed"; count "$p" "$f"
done

if grep -qE 'terminated by signal|server process .* was terminated' "$ZJ_DATA/server.log"; then
  echo "the server log shows a crashed backend:"; grep -E 'terminated by signal' "$ZJ_DATA/server.log"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
