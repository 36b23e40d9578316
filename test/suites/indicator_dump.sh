#!/usr/bin/env bash
# User rows of zjgov.indicator survive pg_dump / restore (pg_extension_config_dump), and the
# restored model scores the same.
set -uo pipefail
# run.sh promises ZJ_BIN; fall back to the server's own bin dir when it is not exported
ZJ_BIN=${ZJ_BIN:-$(${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config} --bindir)}
psql() { "$ZJ_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
pass=0; fail=0
check() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); echo "ok - $1"; else fail=$((fail + 1)); echo "not ok - $1: got '$2', expected '$3'"; fi; }
src=zj_ind_dump_src; dst=zj_ind_dump_dst
psql -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
psql -d $src -c "CREATE EXTENSION zjgov CASCADE" 2>/dev/null
psql -d $src <<'SQL'
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi) VALUES
  ('m', 'D', NULL, '维度', 2, 'benefit', NULL, NULL), ('m', 'a', 'D', '指标a', 1, 'benefit', 0, 10),
  ('m', 'b', 'D', '指标b', 3, 'cost', 0, 4);
-- a second version with the columns of 1.1: an interval leaf, a veto, a target
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi, kind, tol, cap, target, valid_from) VALUES
  ('m', 'D', NULL, 2, 'benefit', NULL, NULL, 'leaf', NULL, NULL, 80, '2025-01-01'),
  ('m', 'a', 'D', 1, 'benefit', 4, 5, 'interval', 4, NULL, NULL, '2025-01-01'),
  ('m', 'b', 'D', 3, 'cost', 0, 4, 'leaf', NULL, NULL, NULL, '2025-01-01'),
  ('m', 'v', 'D', 1, 'benefit', NULL, NULL, 'veto', NULL, 30, NULL, '2025-01-01');
SQL
# (1·60 + 3·75)/4 = 71.25
before=$(psql -d $src -At -c "SELECT zjgov.score('m', code, v, '2024-12-31') FROM (VALUES ('a', 6.0::float8), ('b', 1)) t(code, v)")
check "score before dump" "$before" "71.25"
"$ZJ_BIN/pg_dump" -Fc -d $src -f "${ZJ_TMP:-/tmp}/zj_ind.dump"
"$ZJ_BIN/pg_restore" -d $dst "${ZJ_TMP:-/tmp}/zj_ind.dump" 2>&1 | grep -v 'already exists' || true
check "rows restored" "$(psql -d $dst -At -c "SELECT count(*) FROM zjgov.indicator")" "7"
check "1.1 columns restored" "$(psql -d $dst -At -c "SELECT kind || ',' || tol || ',' || valid_from FROM zjgov.indicator WHERE code = 'a' AND valid_from > '2000-01-01'")" "interval,4,2025-01-01"
# 2025 book: a = 6 is 1 above [4, 5], tol 4 → 75; b → 75; D = 75; the veto (v = 1) caps it at 30
v25="SELECT zjgov.score('m', code, v, '2025-06-01') FROM (VALUES ('a', 6.0::float8), ('b', 1), ('v', 1)) t(code, v)"
check "versioned score before dump" "$(psql -d $src -At -c "$v25")" "30"
check "versioned score after restore" "$(psql -d $dst -At -c "$v25")" "30"
check "names restored" "$(psql -d $dst -At -c "SELECT name FROM zjgov.indicator WHERE code = 'b'")" "指标b"
check "score after restore" "$(psql -d $dst -At -c "SELECT zjgov.score('m', code, v, '2024-12-31') FROM (VALUES ('a', 6.0::float8), ('b', 1)) t(code, v)")" "71.25"
psql -d postgres -c "DROP DATABASE $src" -c "DROP DATABASE $dst"
rm -f "${ZJ_TMP:-/tmp}/zj_ind.dump"
echo "RESULT $pass $fail"
