#!/usr/bin/env bash
# upgrade: version 1.0 -> 1.1.
#  (a) CREATE EXTENSION zjgov VERSION '1.0', user data in it (colour / credit_grade columns with btree
#      and hash indexes, user rows in zjgov.grade_scale and zjgov.indicator, views over zjgov
#      functions), then ALTER EXTENSION zjgov UPDATE;
#  (b) a fresh CREATE EXTENSION zjgov in another database.
# (a) and (b) must have the same catalog fingerprint (test/upgrade/fingerprint.sql: members and their
# definitions, aggregates, types, operators, opclasses, comments, built-in catalog rows), the data,
# indexes (amcheck; hash indexes through forced index scans) and views of (a) must answer as before,
# every fmgr entry point of the library must be reachable from SQL, and a pg_dump of a 1.0 database
# must restore into 1.1 and update.  Finally the same checks are shown to FAIL on a deliberately
# broken update script (one function left out).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
work=$(mktemp -d /tmp/zjgov-upgrade.XXXXXX); chmod 755 "$work"
up=zjgov_up_a; fresh=zjgov_up_b; rest=zjgov_up_restored; broken=zjgov_up_broken; old=zjgov_up_old
extdir=$("$ZJ_BIN/pg_config" --sharedir)/extension
cleanup() {
  rm -rf "$work" "$extdir/zjgov--1.0--1.1broken.sql"
  for d in $up $fresh $rest $broken $old; do "$ZJ_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1; done
}
trap cleanup EXIT
q() { rel_psql -At -P pager=off "$@"; }
fail_out() { bad "$1"; rel_result; exit 1; }

for d in $up $fresh $rest $broken $old; do "$ZJ_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1; done
"$ZJ_BIN/createdb" $up && "$ZJ_BIN/createdb" $fresh || fail_out "createdb"
q -d $up -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov VERSION '1.0' CASCADE" \
  -c "CREATE EXTENSION amcheck" >/dev/null || fail_out "CREATE EXTENSION zjgov VERSION '1.0'"
check "1.0 installs with the current library" [ "$(q -d $up -c "SELECT extversion FROM pg_extension WHERE extname = 'zjgov'")" = "1.0" ]

# ---------------------------------------------------------------- user data in a 1.0 database
q -d $up >/dev/null <<'SQL' || fail_out "1.0 user data"
SET client_min_messages = warning;
CREATE TABLE public.site (id int PRIMARY KEY, v float8, c zjgov.colour, g zjgov.credit_grade,
                          cs zjgov.colour[], gs zjgov.credit_grade[]);
INSERT INTO public.site
SELECT i, i * 0.37,
       (ARRAY['green','blue','yellow','orange','red'])[1 + i % 5]::zjgov.colour,
       (ARRAY['D','C','CC','CCC','B','BB','BBB','A','AA','AAA'])[1 + (i * 7) % 10]::zjgov.credit_grade,
       ARRAY[(ARRAY['red','green'])[1 + i % 2], NULL]::zjgov.colour[],
       ARRAY['AAA', (ARRAY['D','B'])[1 + i % 2]]::zjgov.credit_grade[]
  FROM generate_series(1, 3000) i;
INSERT INTO public.site VALUES (0, NULL, NULL, NULL, NULL, NULL);
CREATE INDEX site_c ON public.site (c);
CREATE INDEX site_g ON public.site (g);
CREATE INDEX site_cg ON public.site (c, g DESC);
CREATE INDEX site_c_hash ON public.site USING hash (c);
CREATE INDEX site_g_hash ON public.site USING hash (g);
-- a copy with hash indexes only, so that index scans there must go through them
CREATE TABLE public.site_h AS SELECT id, c, g FROM public.site;
CREATE INDEX site_h_c ON public.site_h USING hash (c);
CREATE INDEX site_h_g ON public.site_h USING hash (g);
CREATE INDEX site_colour_of ON public.site (zjgov.colour_of(v, '{100,400,800}'::float8[]));
-- user rows in the catalog tables
INSERT INTO zjgov.grade_scale (scale, grade, min_score)
VALUES ('county', 'A', 80), ('county', 'B', 60), ('county', 'C', 40), ('county', 'D', 0);
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
VALUES ('up_test', 'root', NULL, '总分', 1, 'benefit', NULL, NULL),
       ('up_test', 'x', 'root', '安全', 0.6, 'benefit', 0, 100),
       ('up_test', 'y', 'root', '投诉', 0.4, 'cost', 0, 10);
CREATE TABLE public.obs (entity int, code text, value float8);
INSERT INTO public.obs SELECT e, 'x', e * 9.5 FROM generate_series(1, 10) e
                       UNION ALL SELECT e, 'y', e FROM generate_series(1, 10) e;
-- views over zjgov functions
CREATE VIEW public.site_view AS
SELECT id, c, zjgov.colour_zh(c) AS zh, zjgov.colour_hex(c) AS hex, zjgov.warning_level(c) AS level,
       zjgov.colour_of(v, '{100,400,800}') AS c4, zjgov.three_colour(v, 300, 900) AS c3,
       zjgov.credit_grade(v / 12, 'county') AS county_grade, zjgov.credit_grade(v / 12) AS public_grade,
       g, g OPERATOR(zjgov.>=) 'BBB'::zjgov.credit_grade AS investment
  FROM public.site;
CREATE VIEW public.score_view AS
SELECT entity, round(zjgov.score('up_test', code, value)::numeric, 9) AS score
  FROM public.obs GROUP BY entity;
CREATE VIEW public.summary_view AS
SELECT zjgov.max(c) AS worst, zjgov.min(c) AS best, zjgov.max(g) AS top, zjgov.min(g) AS bottom,
       zjgov.jenks_breaks(v, 4) AS breaks, count(*) AS n
  FROM public.site;
SQL
ok "1.0 database with data, indexes, user catalog rows and views"

# the queries whose answers must not change across the update (index scans forced where asked)
cat >"$work/queries.sql" <<'SQL'
SET search_path = zjgov, public;
SELECT 'rows', id, v, c, g, cs, gs FROM site ORDER BY id;
SELECT 'by colour', c, count(*) FROM site GROUP BY c ORDER BY c;
SELECT 'by grade', g, count(*) FROM site GROUP BY g ORDER BY g;
SELECT 'view', * FROM site_view ORDER BY id;
SELECT 'scores', * FROM score_view ORDER BY entity;
SELECT 'summary', * FROM summary_view;
SELECT 'catalog', scale, grade, min_score FROM zjgov.grade_scale WHERE NOT builtin ORDER BY 2, 3, 4;
SELECT 'catalog', model, code, parent, name, weight, direction, lo, hi FROM zjgov.indicator ORDER BY 2, 3;
SET enable_seqscan = off; SET enable_bitmapscan = off;
SELECT 'btree colour', count(*), min(id), max(id) FROM site WHERE c = 'orange';
SELECT 'btree colour range', count(*), sum(id) FROM site WHERE c >= 'yellow' AND c < 'red';
SELECT 'btree grade range', count(*), sum(id) FROM site WHERE g > 'CCC' AND g <= 'AA';
SELECT 'btree order', array_agg(id ORDER BY c, g DESC, id) FILTER (WHERE id % 97 = 0) FROM site;
SELECT 'hash colour', count(*), sum(id) FROM site_h WHERE c = 'blue';
SELECT 'hash grade', count(*), sum(id) FROM site_h WHERE g = 'BB';
SELECT 'expression index', count(*) FROM site WHERE zjgov.colour_of(v, '{100,400,800}'::float8[]) = 'red';
SQL
hash_plan() { q -d $up -c "SET search_path = zjgov, public; SET enable_seqscan = off; SET enable_bitmapscan = off;
  EXPLAIN (COSTS OFF) SELECT count(*) FROM site_h WHERE c = 'blue'" | grep -c site_h_c; }
q -d $up -f "$work/queries.sql" >"$work/before.out" 2>&1 || fail_out "queries before the update"
check "the hash index is used by the comparison query" [ "$(hash_plan)" -ge 1 ]

# grade M (1.1) is refused by a 1.0 database until it updates: its btree orders grades by their
# bytes, and an M stored there would be out of place once 1.1 orders M between CCC and B.  Text
# input, and binary COPY of an M written by a 1.1 database, are both refused with 0A000.
m10=$(q -d $up -c "\\set VERBOSITY verbose" -c "SELECT 'M'::zjgov.credit_grade" 2>&1)
if grep -q "ERROR:  0A000: credit grade M" <<<"$m10"; then ok "a 1.0 database refuses the text 'M' before the update (0A000)"
else bad "a 1.0 database refuses the text 'M' before the update (0A000)"; sed 's/^/    /' <<<"$m10"; fi
q -d $fresh -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" \
  -c "CREATE TABLE gm AS SELECT 'M'::zjgov.credit_grade AS g" -c "\\copy gm TO '$work/gm.bin' (FORMAT binary)" \
  -c "DROP TABLE gm" -c "DROP EXTENSION zjgov" >/dev/null || fail_out "a binary M from 1.1"
m10=$(q -d $up -c "\\set VERBOSITY verbose" -c "CREATE TEMP TABLE gm (g zjgov.credit_grade)" -c "\\copy gm FROM '$work/gm.bin' (FORMAT binary)" 2>&1)
if grep -q "ERROR:  0A000: credit grade M" <<<"$m10"; then ok "a 1.0 database refuses a binary M before the update (0A000)"
else bad "a 1.0 database refuses a binary M before the update (0A000)"; sed 's/^/    /' <<<"$m10"; fi

q -d $up -c "ALTER EXTENSION zjgov UPDATE" >/dev/null || fail_out "ALTER EXTENSION zjgov UPDATE"
check "after the update the same database takes grade M, ordered between CCC and B" \
  [ "$(q -d $up -c "SELECT string_agg(g::text, ',' ORDER BY g) FROM unnest('{B,M,CCC}'::zjgov.credit_grade[]) g")" = "CCC,M,B" ]
check "ALTER EXTENSION zjgov UPDATE reaches the default version" \
  [ "$(q -d $up -c "SELECT installed_version = default_version FROM pg_available_extensions WHERE name = 'zjgov'")" = "t" ]
q -d $up -f "$work/queries.sql" >"$work/after.out" 2>&1 || fail_out "queries after the update"
if diff -u "$work/before.out" "$work/after.out" >"$work/data.diff"; then
  ok "data, views, catalog rows and index scans answer the same after the update ($(wc -l <"$work/after.out") lines)"
else bad "answers changed across the update:"; head -n 40 "$work/data.diff"; fi
check "the hash index is still used after the update" [ "$(hash_plan)" -ge 1 ]
amc=$(q -d $up -c "SELECT string_agg(c.relname || (bt_index_check(c.oid, true))::text, ' ')
                     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
                    WHERE i.indrelid = 'public.site'::regclass AND am.amname = 'btree'" 2>&1)
if [ $? -eq 0 ]; then ok "amcheck bt_index_check(heapallindexed) on every btree index: ${amc}"
else bad "amcheck: $amc"; fi

# 1.1 values beside the stored 1.0 ones: purple and maroon rank above red in the same indexes
q -d $up >/dev/null <<'SQL' || bad "1.1 colours into the updated table"
INSERT INTO public.site (id, v, c, g) VALUES (5001, 1, 'maroon', 'A'), (5002, 2, 'purple', 'B');
SQL
got=$(q -d $up -c "SET search_path = zjgov, public; SET enable_seqscan = off; SET enable_bitmapscan = off;
  SELECT string_agg(id::text, ',' ORDER BY c DESC, id) FROM (SELECT id, c FROM site WHERE c > 'red') s;
  SELECT count(*) FROM site WHERE c = 'purple';
  SELECT max(c)::text FROM site;" | tr '\n' ' ')
check "purple and maroon sort above the stored 1.0 colours through the old btree and hash indexes ($got)" \
  [ "$got" = "5001,5002 1 maroon " ]
check "amcheck after 1.1 values joined the 1.0 indexes" \
  q -d $up -c "SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_am am ON am.oid = c.relam WHERE i.indrelid = 'public.site'::regclass AND am.amname = 'btree'"
q -d $up -c "DELETE FROM public.site WHERE id > 5000" >/dev/null

# ---------------------------------------------------------------- update = fresh install
q -d $fresh -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" >/dev/null ||
  fail_out "fresh CREATE EXTENSION zjgov"
fingerprint() {  # fingerprint DB OUT: the catalog facts plus the built-in rows of the catalog tables
  q -d "$1" -f test/upgrade/fingerprint.sql >"$2" || return 1
  local t
  for t in $(q -d "$1" -c "SELECT c.oid::regclass FROM pg_extension e, unnest(e.extconfig) c(oid)
                            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'builtin'
                           WHERE e.extname = 'zjgov' ORDER BY 1"); do
    q -d "$1" -c "SELECT 'builtin row $t ' || (r.*)::text FROM $t r WHERE builtin ORDER BY 1" >>"$2" || return 1
  done
}
fingerprint $up "$work/fp_up.txt" && fingerprint $fresh "$work/fp_fresh.txt" || fail_out "fingerprint query"
n=$(grep -c '^member ' "$work/fp_fresh.txt")
if diff -u "$work/fp_fresh.txt" "$work/fp_up.txt" >"$work/fp.diff"; then
  ok "updated 1.0 = fresh 1.1: $n members, $(wc -l <"$work/fp_fresh.txt") catalog facts identical"
else bad "updated 1.0 differs from a fresh 1.1 (- fresh, + updated):"; grep '^[-+][^-+]' "$work/fp.diff" | head -n 40; fi
check "the fingerprint covers functions, aggregates, types, operators, opclasses and comments" \
  [ "$(grep -cE '^(function |aggregate |type |operator |opclass |comment )' "$work/fp_fresh.txt")" -gt 300 ]

# every fmgr entry point of the library (PG_FUNCTION_INFO_V1) is the symbol of a C function of 1.1,
# except the entry points kept only for 1.0 installations (listed in src/compat10.c, if any)
so=$("$ZJ_BIN/pg_config" --pkglibdir)/zjgov.so
entry_points() {
  nm -D --defined-only "$so" | awk '$3 ~ /^pg_finfo_/ {sub(/^pg_finfo_/, "", $3); print $3}' | sort -u
}
compat=$(sed -n 's/^ZJ_COMPAT10\(_GRADE\)\{0,1\}(\([A-Za-z0-9_]*\), .*/\2/p' src/compat10.c 2>/dev/null | sort -u)
sql_symbols() { q -d "$1" -c "SELECT DISTINCT p.prosrc FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
  AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid
  WHERE e.extname = 'zjgov' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c') ORDER BY 1"; }
coverage() {  # coverage DB: entry points of the library that no C function of DB uses
  comm -23 <(entry_points) <( (sql_symbols "$1"; echo "$compat") | sort -u)
}
miss=$(coverage $fresh)
if [ -z "$miss" ]; then ok "every fmgr entry point of zjgov.so ($(entry_points | wc -l)) is used by 1.1's SQL or kept for 1.0"
else bad "entry points of zjgov.so with no SQL function in 1.1: $(echo $miss)"; fi

# ---------------------------------------------------------------- pg_dump of 1.0 restored into 1.1
# a second 1.0 database with the same data (the public schema of (a) and the same catalog rows)
"$ZJ_BIN/createdb" $old && q -d $old -c "SET client_min_messages = warning" \
   -c "CREATE EXTENSION zjgov VERSION '1.0' CASCADE" >/dev/null || fail_out "second 1.0 database"
"$ZJ_BIN/pg_dump" -d $up -t 'public.*' --data-only --no-owner >"$work/data_only.sql" &&
"$ZJ_BIN/pg_dump" -d $up -t 'public.*' --schema-only --no-owner >"$work/schema_only.sql" || fail_out "pg_dump"
q -d $old -c "SET client_min_messages = warning" -f "$work/schema_only.sql" -f "$work/data_only.sql" >/dev/null 2>"$work/old.err"
q -d $old >/dev/null <<'SQL'
INSERT INTO zjgov.grade_scale (scale, grade, min_score)
VALUES ('county', 'A', 80), ('county', 'B', 60), ('county', 'C', 40), ('county', 'D', 0);
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
VALUES ('up_test', 'root', NULL, '总分', 1, 'benefit', NULL, NULL),
       ('up_test', 'x', 'root', '安全', 0.6, 'benefit', 0, 100),
       ('up_test', 'y', 'root', '投诉', 0.4, 'cost', 0, 10);
SQL
check "a second 1.0 database holds the same data" \
  [ "$(q -d $old -c "SELECT extversion FROM pg_extension WHERE extname = 'zjgov'")" = "1.0" ]
for fmt in custom plain; do
  "$ZJ_BIN/dropdb" --if-exists $rest >/dev/null 2>&1; "$ZJ_BIN/createdb" $rest
  if [ $fmt = custom ]; then
    "$ZJ_BIN/pg_dump" -Fc -d $old -f "$work/old.dump" &&
    "$ZJ_BIN/pg_restore" -d $rest --exit-on-error "$work/old.dump" 2>"$work/restore.err"
  else
    "$ZJ_BIN/pg_dump" -d $old -f "$work/old.sql" &&
    q -d $rest -v ON_ERROR_STOP=1 -f "$work/old.sql" >/dev/null 2>"$work/restore.err"
  fi
  rc=$?
  check "pg_dump ($fmt) of a 1.0 database restores into a server with 1.1" [ $rc -eq 0 ]
  [ $rc -eq 0 ] || head -n 20 "$work/restore.err"
  q -d $rest -c "ALTER EXTENSION zjgov UPDATE" >/dev/null 2>&1
  q -d $rest -c "CREATE EXTENSION IF NOT EXISTS amcheck" >/dev/null 2>&1
  check "restored ($fmt) database is at the default version after ALTER EXTENSION zjgov UPDATE" \
    [ "$(q -d $rest -c "SELECT installed_version = default_version FROM pg_available_extensions WHERE name = 'zjgov'")" = "t" ]
  q -d $rest -f "$work/queries.sql" >"$work/restored.out" 2>&1
  if diff -u "$work/before.out" "$work/restored.out" >"$work/rest.diff"; then
    ok "restored ($fmt) database answers every query as the 1.0 original"
  else bad "restored ($fmt) database answers differently:"; head -n 30 "$work/rest.diff"; fi
  fingerprint $rest "$work/fp_rest.txt"
  check "restored ($fmt) extension = fresh 1.1 (fingerprint)" diff -q "$work/fp_fresh.txt" "$work/fp_rest.txt"
done
"$ZJ_BIN/dropdb" --if-exists $old >/dev/null 2>&1

# ---------------------------------------------------------------- the checks catch a broken update
# An update script that forgets one function (the first CREATE FUNCTION of 1.1 with its COMMENT):
# installed as version "1.1broken" next to the real scripts, it must make the fingerprint differ.
victim=$(grep -m1 -oE '^CREATE FUNCTION @extschema@\.[a-z_0-9]+' zjgov--1.0--1.1.sql | sed 's/.*\.//')
if [ -n "$victim" ]; then
  awk -v v="$victim" '
    $0 ~ "^CREATE FUNCTION @extschema@\\." v "\\(" {skip = 1}
    $0 ~ "^COMMENT ON FUNCTION @extschema@\\." v "\\(" {skipc = 1}
    !skip && !skipc {print}
    skip && /;[[:space:]]*$/ {skip = 0}
    skipc && /;[[:space:]]*$/ {skipc = 0}' zjgov--1.0--1.1.sql >"$extdir/zjgov--1.0--1.1broken.sql"
  "$ZJ_BIN/createdb" $broken
  if q -d $broken -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov VERSION '1.0' CASCADE" \
       -c "ALTER EXTENSION zjgov UPDATE TO '1.1broken'" >/dev/null 2>"$work/broken.err"; then
    fingerprint $broken "$work/fp_broken.txt"
    sed -i 's/^version 1.1broken$/version 1.1/' "$work/fp_broken.txt"
    ndiff=$(diff "$work/fp_fresh.txt" "$work/fp_broken.txt" | grep -c "^< .*$victim")
    check "an update script that forgets $victim() is caught by the fingerprint ($ndiff facts differ)" [ "$ndiff" -gt 0 ]
    if awk -v v="$victim" '$0 ~ "^CREATE FUNCTION @extschema@\\." v "\\(" {on = 1} on && /MODULE_PATHNAME/ {f = 1}
                          on && /;[[:space:]]*$/ {exit} END {exit !f}' zjgov--1.0--1.1.sql; then
      check "... and by the entry-point check (a C function)" [ -n "$(coverage $broken)" ]
    fi
  else
    # a forgotten object that later statements use makes the update itself fail: also caught
    ok "an update script that forgets $victim() fails outright: $(head -c 150 "$work/broken.err" | tr '\n' ' ')"
  fi
else
  echo "NOTE: the update script creates no function yet: the broken-script check has nothing to remove"
fi
rel_result
