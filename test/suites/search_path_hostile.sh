#!/usr/bin/env bash
# Hostile search_path: functions and operators in public that shadow pg_catalog names
# (test/garden/hostile.sql) must not be picked up by the install script, nor by any zjgov
# function called with search_path = public, pg_catalog (SQL-language bodies inherit the
# caller's path unless they fix their own).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
work=$(mktemp -d /tmp/zjgov-hostile.XXXXXX)
trap 'rm -rf "$work"; "$ZJ_BIN/dropdb" --if-exists zjgov_hostile >/dev/null 2>&1; "$ZJ_BIN/dropdb" --if-exists zjgov_hostile_gen >/dev/null 2>&1' EXIT

# the sane baseline call of every function, generated in a clean database
rel_fresh_db zjgov_hostile_gen && rel_psql -d zjgov_hostile_gen -f test/garden/setup.sql \
  && rel_val -d zjgov_hostile_gen -v size=baseline -v seed=1 -f test/garden/generate.sql >"$work/calls.sql" 2>/dev/null \
  || { echo "could not generate the calls"; echo "RESULT 0 1"; exit 1; }
"$ZJ_BIN/pg_dump" -d zjgov_hostile_gen -t public.garden_rows >"$work/rows.sql"

"$ZJ_BIN/dropdb" --if-exists zjgov_hostile >/dev/null 2>&1
"$ZJ_BIN/createdb" zjgov_hostile
rel_psql -d zjgov_hostile -c "SET client_min_messages = warning; CREATE EXTENSION postgis" \
  && rel_psql -d zjgov_hostile -f test/garden/hostile.sql >/dev/null
n=$(rel_val -d zjgov_hostile -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosrc LIKE '%_hostile_raise%'")
nop=$(rel_val -d zjgov_hostile -c "SELECT count(*) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace AND oprcode::text LIKE '%_hostile_op_%'")
echo "NOTE: $n hostile functions and $nop hostile operators in public"
check "hostile objects were created" test "$n" -gt 500 -a "$nop" -gt 100

# the database's default path puts public first, as a careless DBA might
rel_psql -d zjgov_hostile -c "ALTER DATABASE zjgov_hostile SET search_path = public, pg_catalog"
out=$(rel_psql -d zjgov_hostile -c "CREATE EXTENSION zjgov" 2>&1); rc=$?
echo "$out" | grep -v '^$' | head -n 20
check "CREATE EXTENSION zjgov succeeds next to hostile objects" [ $rc -eq 0 ]
check "the install script called no hostile object" eval '! echo "$out" | grep -q hostile'

rel_psql -d zjgov_hostile -f "$work/rows.sql" >/dev/null 2>&1
for path in "public, pg_catalog" "pg_catalog, public" "public, pg_catalog, zjgov"; do
  { echo "SET search_path = $path;"; cat "$work/calls.sql"; } |
    "$ZJ_BIN/psql" -X -q -o /dev/null -d zjgov_hostile -f - >"$work/out" 2>&1
  hits=$(grep -c 'hostile object' "$work/out")
  [ "$hits" -gt 0 ] && grep 'hostile object' "$work/out" | sort | uniq -c | head -n 20
  check "$(wc -l <"$work/calls.sql") baseline calls under search_path = $path pick up no hostile object" [ "$hits" -eq 0 ]
done
# the catalog rows of the extension (if any) are intact and the hostile objects still exist
check "hostile objects are still in place (nothing dropped them)" \
  [ "$(rel_val -d zjgov_hostile -c "SELECT count(*) FROM pg_proc WHERE prosrc LIKE '%_hostile_raise%'")" = "$n" ]
rel_result
