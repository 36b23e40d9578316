#!/usr/bin/env bash
# grade_dump: user rows of zjgov.grade_scale (and credit_grade columns) survive pg_dump/pg_restore,
# and the built-in scales are neither dumped nor duplicated.
set -u
: "${ZJ_BIN:=$(/usr/lib/postgresql/15/bin/pg_config --bindir)}"   # exported by scripts/cluster.sh; this for a bare run
P="$ZJ_BIN/psql -X -q -v ON_ERROR_STOP=1 -At"
pass=0; fail=0
ok() { if [ "$2" = "$3" ]; then echo "ok - $1"; pass=$((pass + 1)); else echo "not ok - $1: got '$2', want '$3'"; fail=$((fail + 1)); fi; }
src=zj_grade_dump_src; dst=zj_grade_dump_dst; dump=$(mktemp -d /tmp/zjgdump.XXXXXX)
chmod 777 "$dump"
cleanup() { "$ZJ_BIN/dropdb" --if-exists "$src"; "$ZJ_BIN/dropdb" --if-exists "$dst"; rm -rf "$dump"; }
trap cleanup EXIT


"$ZJ_BIN/createdb" "$src" && "$ZJ_BIN/createdb" "$dst" || { echo "RESULT 0 1"; exit 1; }
$P -d "$src" <<'SQL' || { echo "RESULT 0 1"; exit 1; }
CREATE EXTENSION zjgov CASCADE;
INSERT INTO zjgov.grade_scale (scale, grade, min_score) VALUES
    ('county', 'A', 80), ('county', 'B', 60), ('county', 'C', '-Infinity');
CREATE TABLE firm (id int PRIMARY KEY, score float8, grade zjgov.credit_grade);
INSERT INTO firm VALUES (1, 95, 'AAA'), (2, 65, 'B'), (3, 10, 'D');
SQL

"$ZJ_BIN/pg_dump" -Fc -d "$src" -f "$dump/db.dump"; rc=$?
ok "pg_dump exits 0" "$rc" 0
"$ZJ_BIN/pg_dump" -d "$src" -f "$dump/db.sql"
ok "plain dump holds the 3 user rows, no built-in row" \
   "$(sed -n '/^COPY zjgov.grade_scale/,/^\\\./p' "$dump/db.sql" | grep -c $'\t')" 3
"$ZJ_BIN/pg_restore" --exit-on-error -d "$dst" "$dump/db.dump" 2>"$dump/restore.err"; rc=$?
ok "pg_restore exits 0" "$rc" 0
[ -s "$dump/restore.err" ] && cat "$dump/restore.err"

ok "user scale restored" \
   "$($P -d "$dst" -c "SELECT string_agg(grade || ':' || min_score, ' ' ORDER BY min_score) FROM zjgov.grade_scale WHERE scale = 'county'")" \
   "C:-Infinity B:60 A:80"
ok "user rows restored as user rows" \
   "$($P -d "$dst" -c "SELECT count(*) FROM zjgov.grade_scale WHERE NOT builtin")" 3
ok "built-in scales present once" \
   "$($P -d "$dst" -c "SELECT count(*) FROM zjgov.grade_scale WHERE builtin")" 22
ok "credit_grade reads the restored user scale" \
   "$($P -d "$dst" -c "SELECT zjgov.credit_grade(70, 'county')::text || zjgov.credit_grade(85, 'county')::text")" "BA"
ok "credit_grade columns restored" \
   "$($P -d "$dst" -c "SELECT string_agg(grade::text, ',' ORDER BY id) FROM firm")" "AAA,B,D"
ok "built-in scale still grades" \
   "$($P -d "$dst" -c "SELECT zjgov.credit_grade(85, 'bank')")" "AA"

echo "RESULT $pass $fail"
