#!/usr/bin/env bash
# sqlsmith (random SQL generator) against a database holding zjgov and tables of its types, as an
# ordinary role with a 1 s statement_timeout.  Pass = the postmaster never restarts and the log
# shows no crashed backend.  SQLSMITH_QUERIES (default 300; make stress: 5000), SQLSMITH_SEED (1).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
n=${SQLSMITH_QUERIES:-300}; seed=${SQLSMITH_SEED:-1}
db=zjgov_smith
command -v sqlsmith >/dev/null || { echo "SKIP: sqlsmith is not installed (apt-get install sqlsmith)"; echo "RESULT 0 0"; exit 0; }
trap '"$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1; "$ZJ_BIN/psql" -X -q -d postgres -c "DROP ROLE IF EXISTS zj_smith" >/dev/null 2>&1' EXIT
rel_fresh_db $db && rel_psql -d $db -f test/garden/setup.sql || { echo "RESULT 0 1"; exit 1; }
rel_psql -d $db <<'SQL' || { echo "RESULT 0 1"; exit 1; }
SET client_min_messages = warning;
-- more tables of zjgov types for sqlsmith to pick from
CREATE TABLE public.smith_colour AS
SELECT g AS id, (ARRAY['green','blue','yellow','orange','red'])[1 + g % 5]::zjgov.colour AS c,
       ARRAY[(ARRAY['green','red'])[1 + g % 2]]::zjgov.colour[] AS palette, g * 1.5 AS v,
       ARRAY[g, g + 1, g * 2]::float8[] AS thresholds
  FROM generate_series(1, 50) g;
CREATE TABLE public.smith_state AS
SELECT ('v1:v:1:' || g || ':2:0,0,0,0:' || g || ',' || g * 2)::zjgov.aggstate AS s FROM generate_series(1, 10) g;
CREATE TABLE public.smith_grade AS
SELECT g AS id, (ARRAY['D','B','A','AAA'])[1 + g % 4]::zjgov.credit_grade AS grade FROM generate_series(1, 40) g;
DROP ROLE IF EXISTS zj_smith;
CREATE ROLE zj_smith LOGIN;
ALTER ROLE zj_smith SET statement_timeout = '1s';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO zj_smith;
SQL
start_time=$(rel_start_time); logpos=$(rel_log_size)
t0=$(date +%s)
timeout $(( 60 + n / 5 )) sqlsmith --target="host=$PGHOST port=$PGPORT dbname=$db user=zj_smith" \
  --seed="$seed" --max-queries="$n" --exclude-catalog --verbose >"/tmp/zjgov-smith.$$" 2>&1; rc=$?
echo "NOTE: sqlsmith: $n queries (seed $seed) in $(( $(date +%s) - t0 ))s, exit $rc"
rel_wait_ready
crashlog=$(rel_log_crashes "$logpos")
if [ -n "$crashlog" ]; then
  echo "server log:"; echo "$crashlog" | head -n 20; bad "sqlsmith crashed a backend"
else ok "no backend crashed"; fi
check "the postmaster did not restart" [ "$(rel_start_time)" = "$start_time" ]
check "sqlsmith ran to its end (exit $rc)" [ $rc -eq 0 ]
[ $rc -ne 0 ] && tail -n 20 "/tmp/zjgov-smith.$$"
rm -f "/tmp/zjgov-smith.$$"
rel_result
