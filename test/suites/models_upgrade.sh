#!/usr/bin/env bash
# models_upgrade: a 1.0 database with credit grades (btree and hash indexes) and an indicator model
# is updated with ALTER EXTENSION zjgov UPDATE: the indexes stay valid (amcheck), M sorts just
# below B, and the 1.0 model scores the same before the update (new library, 1.0 catalog) and after.
set -u
: "${ZJ_BIN:=$(/usr/lib/postgresql/15/bin/pg_config --bindir)}"
P="$ZJ_BIN/psql -X -q -v ON_ERROR_STOP=1 -At"
export PGOPTIONS="${PGOPTIONS:-} -c search_path=public,zjgov"
pass=0; fail=0
ok() { if [ "$2" = "$3" ]; then echo "ok - $1"; pass=$((pass + 1)); else echo "not ok - $1: got '$2', want '$3'"; fail=$((fail + 1)); fi; }
db=zj_models_upgrade
cleanup() { "$ZJ_BIN/dropdb" --if-exists "$db"; }
trap cleanup EXIT
"$ZJ_BIN/dropdb" --if-exists "$db"; "$ZJ_BIN/createdb" "$db" || { echo "RESULT 0 1"; exit 1; }
$P -d "$db" <<'SQL' || { echo "RESULT 0 1"; exit 1; }
CREATE EXTENSION zjgov VERSION '1.0' CASCADE;
CREATE EXTENSION amcheck;
CREATE TABLE firm (id int PRIMARY KEY, grade zjgov.credit_grade);
INSERT INTO firm SELECT i, (ARRAY['D','C','CC','CCC','B','BB','BBB','A','AA','AAA'])[1 + (i * 7) % 10]::zjgov.credit_grade
  FROM generate_series(1, 5000) i;
CREATE INDEX firm_grade ON firm (grade);
CREATE INDEX firm_grade_hash ON firm USING hash (grade);
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi) VALUES
  ('m', 'D', NULL, 2, 'benefit', NULL, NULL), ('m', 'a', 'D', 1, 'benefit', 0, 10), ('m', 'b', 'D', 3, 'cost', 0, 4);
SQL
q="SELECT zjgov.score('m', code, v) FROM (VALUES ('a', 6.0::float8), ('b', 1)) t(code, v)"
# (1·60 + 3·75)/4 = 71.25
ok "1.0: score" "$($P -d "$db" -c "$q")" "71.25"
$P -d "$db" -c "ALTER EXTENSION zjgov UPDATE TO '1.1'" || { echo "RESULT $pass $((fail + 1))"; exit 1; }
ok "1.1: the 1.0 model scores the same" "$($P -d "$db" -c "$q")" "71.25"
ok "1.1: 1.0 rows got the defaults" "$($P -d "$db" -c "SELECT DISTINCT kind || ',' || missing || ',' || valid_from FROM zjgov.indicator")" "leaf,reweight,-infinity"
ok "btree index valid after the update" "$($P -d "$db" -c "SELECT bt_index_check('firm_grade', true)" 2>&1)" ""
$P -d "$db" -c "INSERT INTO firm SELECT i, 'M' FROM generate_series(5001, 5500) i" || fail=$((fail + 1))
ok "btree index valid with M" "$($P -d "$db" -c "SELECT bt_index_parent_check('firm_grade', true)" 2>&1)" ""
ok "index scan: M between CCC and B" "$($P -d "$db" -c "SET enable_seqscan = off; SELECT string_agg(g::text, ' ' ORDER BY g) FROM (SELECT DISTINCT grade AS g FROM firm WHERE grade > 'CC' AND grade < 'BB') s")" "CCC M B"
ok "index counts agree with a sequential scan" \
   "$($P -d "$db" -c "SET enable_seqscan = off; SET enable_bitmapscan = off; SELECT count(*) FROM firm WHERE grade >= 'M' AND grade <= 'B'")" \
   "$($P -d "$db" -c "SET enable_indexscan = off; SET enable_bitmapscan = off; SELECT count(*) FROM firm WHERE grade::text IN ('M', 'B')")"
ok "hash index finds M and B" "$($P -d "$db" -c "SET enable_seqscan = off; SET enable_bitmapscan = off; SELECT count(*) FROM firm WHERE grade = 'M'")/$($P -d "$db" -c "SET enable_seqscan = off; SELECT count(*) FROM firm WHERE grade = 'B'")" "500/500"
ok "max/min around M" "$($P -d "$db" -c "SELECT zjgov.max(g) || ' ' || zjgov.min(g) FROM (VALUES ('M'::zjgov.credit_grade), ('CCC'), ('C')) t(g)")/$($P -d "$db" -c "SELECT zjgov.max(g) FROM (VALUES ('M'::zjgov.credit_grade), ('B')) t(g)")" "M C/B"
$P -d "$db" -c "REINDEX TABLE firm" || fail=$((fail + 1))
ok "btree index valid after REINDEX" "$($P -d "$db" -c "SELECT bt_index_parent_check('firm_grade', true)" 2>&1)" ""
echo "RESULT $pass $fail"
