#!/usr/bin/env bash
# dump/restore: a database using zjgov types (columns, arrays, a domain, generated columns, defaults,
# CHECK constraints), expression indexes, views, and user rows in the extension's catalog tables
# (zjgov.indicator, zjgov.grade_scale) round-trips through pg_dump -Fc / pg_restore
# and through a plain SQL dump: no restore error, identical table contents, valid indexes whose
# contents match the heap (amcheck), user catalog rows kept and built-in rows not duplicated.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
src=zjgov_dump_src; dst=zjgov_dump_dst; dst2=zjgov_dump_plain
work=$(mktemp -d /tmp/zjgov-dump.XXXXXX)
cleanup() { rm -rf "$work"; for d in $src $dst $dst2; do "$ZJ_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1; done; }
trap cleanup EXIT

rel_fresh_db "$src" || { echo "RESULT 0 1"; exit 1; }
rel_psql -d "$src" <<'SQL' || { echo "RESULT 0 1"; exit 1; }
SET client_min_messages = warning;
CREATE DOMAIN public.alert AS zjgov.colour CHECK (VALUE OPERATOR(zjgov.>=) 'yellow');
CREATE TABLE public.site (
    id int PRIMARY KEY,
    v float8 NOT NULL,
    c zjgov.colour NOT NULL,
    palette zjgov.colour[],
    worst zjgov.colour DEFAULT zjgov.three_colour(50, 60, 80),
    cls int GENERATED ALWAYS AS (zjgov.classify(v, '{10,20}'::float8[])) STORED,
    alarm public.alert,
    state zjgov.aggstate,
    geom public.geometry(Point, 4326),
    CHECK (zjgov.colour_hex(c) LIKE '#%')
);
INSERT INTO public.site (id, v, c, palette, alarm, state, geom)
SELECT g, g * 0.75, zjgov.colour_of(g * 0.75, '{10,20}'),
       CASE WHEN g % 3 = 0 THEN '{green,red}'::zjgov.colour[] WHEN g % 3 = 1 THEN '{blue,NULL,orange}' END,
       CASE WHEN g % 2 = 0 THEN 'red'::public.alert END,
       CASE WHEN g % 5 = 0 THEN ('v1:v:2:' || g || ':1:0.5,NaN,-Infinity,1e-310:' || g || ',0.1')::zjgov.aggstate END,
       public.ST_SetSRID(public.ST_MakePoint(120 + g * 0.01, 28), 4326)
  FROM generate_series(1, 200) g;
UPDATE public.site SET worst = NULL WHERE id = 7;
CREATE INDEX site_class ON public.site (zjgov.classify(v, '{10,20}'::float8[]));
CREATE INDEX site_colour_of ON public.site (zjgov.colour_of(v, '{5,10,15,20}'::float8[]));
CREATE INDEX site_hex ON public.site (zjgov.colour_hex(c), zjgov.warning_level(c));
CREATE INDEX site_c ON public.site (c);
CREATE INDEX site_c_hash ON public.site USING hash (c);
CREATE INDEX site_three_partial ON public.site (id) WHERE zjgov.three_colour(v, 60, 80) OPERATOR(zjgov.=) 'red';
CREATE UNIQUE INDEX site_id_c ON public.site (id, c);
CREATE VIEW public.site_warn AS
SELECT id, c, zjgov.colour_zh(c) AS zh, zjgov.warning_level(c) AS level
  FROM public.site WHERE c OPERATOR(zjgov.>=) 'yellow'::zjgov.colour;
CREATE MATERIALIZED VIEW public.site_summary AS
SELECT c, count(*) AS n, zjgov.max(worst) AS worst FROM public.site GROUP BY c;
CREATE TABLE public.site_part (id int, c zjgov.colour) PARTITION BY LIST (c);
CREATE TABLE public.site_part_red PARTITION OF public.site_part FOR VALUES IN ('red');
CREATE TABLE public.site_part_rest PARTITION OF public.site_part DEFAULT;
INSERT INTO public.site_part SELECT id, c FROM public.site;
-- user rows in the extension's catalog tables
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
VALUES ('dump_test', 'root', NULL, '根', 1, 'benefit', NULL, NULL),
       ('dump_test', 'x', 'root', 'x', 0.6, 'benefit', 0, 100),
       ('dump_test', 'y', 'root', 'y', 0.4, 'cost', 0, 10);
INSERT INTO zjgov.grade_scale (scale, grade, min_score)
VALUES ('dump_test', 'A', 80), ('dump_test', 'B', 50), ('dump_test', 'D', '-Infinity');
SQL

# what must survive: every user relation's contents, index definitions, catalog rows
snapshot() {
  rel_val -d "$1" <<'SQL'
SET search_path = pg_catalog;
SELECT 'table ' || c.oid::regclass::text || ' ' ||
       (xpath('/row/m/text()', query_to_xml(format('SELECT md5(coalesce(string_agg(t::text, ''|'' ORDER BY t::text), '''')) AS m FROM %s t', c.oid::regclass), false, false, '')))[1]::text
  FROM pg_class c
 WHERE c.relkind IN ('r', 'm', 'v', 'p') AND c.relnamespace IN ('public'::regnamespace, 'zjgov'::regnamespace)
   AND c.relname NOT IN ('spatial_ref_sys')
 ORDER BY 1;
SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname IN ('public', 'zjgov') ORDER BY 1;
SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
 WHERE connamespace = 'public'::regnamespace ORDER BY 1;
SELECT 'extension ' || extname || ' ' || extversion || ' ' || coalesce(array_length(extconfig, 1), 0) FROM pg_extension ORDER BY 1;
SQL
}
snapshot "$src" >"$work/src.snap"
rel_val -d "$src" -c "SELECT count(*) FROM public.site" | grep -q '^200$'; check "source database built (200 rows)" [ $? -eq 0 ]

# 1. custom format, pg_restore
"$ZJ_BIN/pg_dump" -Fc -d "$src" -f "$work/db.dump" 2>"$work/dump.err"
check "pg_dump -Fc succeeds" [ $? -eq 0 ]
"$ZJ_BIN/createdb" "$dst"
"$ZJ_BIN/pg_restore" -d "$dst" "$work/db.dump" >"$work/restore.log" 2>&1; rc=$?
[ $rc -ne 0 ] && head -n 30 "$work/restore.log"
check "pg_restore reports no error" [ $rc -eq 0 ]
snapshot "$dst" >"$work/dst.snap"
diff "$work/src.snap" "$work/dst.snap" >"$work/diff" && ok "custom-format restore: every table, view, index, constraint identical" \
  || { bad "custom-format restore differs"; head -n 40 "$work/diff"; }

# 2. plain SQL dump through psql (ON_ERROR_STOP)
"$ZJ_BIN/pg_dump" -d "$src" -f "$work/db.sql" && "$ZJ_BIN/createdb" "$dst2" \
  && rel_psql -d "$dst2" -f "$work/db.sql" >"$work/plain.log" 2>&1; rc=$?
[ $rc -ne 0 ] && tail -n 20 "$work/plain.log"
check "plain dump restores with ON_ERROR_STOP" [ $rc -eq 0 ]
snapshot "$dst2" >"$work/dst2.snap"
diff "$work/src.snap" "$work/dst2.snap" >"$work/diff2" && ok "plain restore: every table, view, index, constraint identical" \
  || { bad "plain restore differs"; head -n 40 "$work/diff2"; }

# restored indexes are valid and their contents match the heap (expression values recomputed)
for d in "$dst" "$dst2"; do
  res=$(rel_val -d "$d" <<'SQL' 2>&1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT count(*) FILTER (WHERE NOT i.indisvalid) || ' invalid, ' ||
       (SELECT count(*) FROM (SELECT bt_index_check(i2.indexrelid, true)
                                FROM pg_index i2 JOIN pg_class c2 ON c2.oid = i2.indexrelid
                                JOIN pg_am a2 ON a2.oid = c2.relam AND a2.amname = 'btree'
                               WHERE c2.relnamespace = 'public'::regnamespace) s) || ' btree checked'
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE c.relnamespace = 'public'::regnamespace;
SQL
)
  echo "NOTE: $d indexes: $res"
  check "$d: all indexes valid and amcheck-clean" eval 'echo "$res" | grep -qE "^0 invalid, [0-9]+ btree checked$"'
  # the indexes answer queries like the heap does
  q=$(rel_val -d "$d" -c "SET enable_seqscan = off; SET enable_bitmapscan = off;
       SELECT (SELECT count(*) FROM public.site WHERE zjgov.classify(v, '{10,20}'::float8[]) = 2) || ',' ||
              (SELECT count(*) FROM public.site WHERE c OPERATOR(zjgov.=) 'red') || ',' ||
              (SELECT count(*) FROM public.site WHERE zjgov.three_colour(v, 60, 80) OPERATOR(zjgov.=) 'red')")
  # v = 0.75 g: class 2 for 10 <= v < 20 -> g 14..26 (13 rows); red for v >= 20 -> g 27..200 (174);
  # three_colour red for v >= 80 -> g 107..200 (94)
  check "$d: index scans give the hand-computed counts 13,174,94 (got $q)" [ "$q" = "13,174,94" ]
done

# catalog tables: user rows kept, built-in rows not duplicated
for t in zjgov.indicator zjgov.grade_scale; do
  a=$(rel_val -d "$src" -c "SELECT count(*) FROM $t"); b=$(rel_val -d "$dst" -c "SELECT count(*) FROM $t")
  u=$(rel_val -d "$dst" -c "SELECT count(*) FROM $t WHERE $( [ $t = zjgov.indicator ] && echo model || echo scale ) = 'dump_test'")
  check "$t: $a rows before, $b after, user rows kept ($u)" [ "$a" = "$b" -a "$u" -gt 0 ]
done
rel_result
