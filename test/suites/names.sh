#!/usr/bin/env bash
# names: the library exports its fmgr entry points only, the C symbol of every SQL function is
# zjgov_ + its SQL name, and the 1.0 symbols (src/compat10.c) serve exactly the 1.0 install
# script: a 1.0 database works, and its update re-points every function to a zjgov_ symbol.
set -u
: "${ZJ_BIN:=$(/usr/lib/postgresql/15/bin/pg_config --bindir)}"   # exported by scripts/cluster.sh; this for a bare run
P="$ZJ_BIN/psql -X -q -v ON_ERROR_STOP=1 -At"
pass=0; fail=0
ok() { if [ "$2" = "$3" ]; then echo "ok - $1"; pass=$((pass + 1)); else echo "not ok - $1: got '$2', want '$3'"; fail=$((fail + 1)); fi; }
db=zj_names_10; tmp=$(mktemp -d /tmp/zjnames.XXXXXX)
cleanup() { "$ZJ_BIN/dropdb" --if-exists "$db"; rm -rf "$tmp"; }
trap cleanup EXIT

lib=$($P -c "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'")/zjgov.so
[ -f "$lib" ] || lib=zjgov.so
nm -D --defined-only "$lib" | awk '{print $3}' | sort >"$tmp/exported"
sed -n 's/^ZJ_COMPAT10\(_GRADE\)\{0,1\}(\([A-Za-z0-9_]*\), .*/\2/p' src/compat10.c | sort >"$tmp/compat"
sed -n "s/.*AS 'MODULE_PATHNAME', '\([A-Za-z0-9_]*\)'.*/\1/p" zjgov--1.0.sql | sort -u >"$tmp/sym10"

ok "the library exports only entry points, their finfo records, Pg_magic_func and _PG_init" \
   "$(grep -vE '^(zjgov_|pg_finfo_)' "$tmp/exported" | grep -vxF -f "$tmp/compat" | grep -vxE 'Pg_magic_func|_PG_init' | tr '\n' ' ')" ""
ok "every exported function has its finfo record and every record its function" \
   "$(diff <(grep -vE '^(pg_finfo_|Pg_magic_func|_PG_init)' "$tmp/exported") \
           <(sed -n 's/^pg_finfo_//p' "$tmp/exported" | sort) | grep -c '^[<>]')" 0
ok "the compatibility symbols are exactly the symbols zjgov--1.0.sql names" \
   "$(diff "$tmp/compat" "$tmp/sym10" | grep -c '^[<>]')" 0

# The installed (current) version: every C function's symbol follows the rule and is exported.
$P -c "SELECT p.prosrc, p.oid::regprocedure FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass
        AND d.objid = p.oid AND d.deptype = 'e' AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
       WHERE p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')" >"$tmp/cur" \
  || { echo "RESULT $pass $((fail + 1))"; exit 1; }
ok "every C function of the extension is named zjgov_ + its SQL name (overloads: + a suffix)" \
   "$($P -c "SELECT string_agg(p.oid::regprocedure::text || ' -> ' || p.prosrc, ', ')
               FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
              WHERE p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
                AND p.prosrc <> 'zjgov_' || regexp_replace(p.proname, '^_zjgov_', '')
                AND NOT (p.prosrc LIKE 'zjgov_' || regexp_replace(p.proname, '^_zjgov_', '') || '\_%'
                         AND EXISTS (SELECT 1 FROM pg_proc q WHERE q.proname = p.proname AND q.oid <> p.oid
                                        AND q.pronamespace = p.pronamespace))")" ""
ok "every C function of the extension has its symbol exported" \
   "$(cut -d'|' -f1 "$tmp/cur" | sort -u | grep -vxF -f "$tmp/exported" | tr '\n' ' ')" ""

# A 1.0 database: created from the released script against this library, used, then updated.
"$ZJ_BIN/createdb" "$db" || { echo "RESULT $pass $((fail + 1))"; exit 1; }
$P -d "$db" -c "CREATE EXTENSION postgis; CREATE EXTENSION zjgov VERSION '1.0'" \
  || { echo "RESULT $pass $((fail + 1))"; exit 1; }
ok "a 1.0 install calls the 1.0 symbols" \
   "$($P -d "$db" -c "SELECT count(*) FILTER (WHERE prosrc LIKE 'zjgov\_%') || ' ' || count(*) FROM pg_proc
                       WHERE probin = '\$libdir/zjgov'")" "0 117"
ok "a 1.0 install works (colour, grade, scorecard, zoning)" \
   "$($P -d "$db" -c "SET search_path = zjgov, public" -c "SELECT zjgov.version() = '$(sed -n "s/^default_version = '\(.*\)'/\1/p" zjgov.control)',
                             'red'::zjgov.colour > 'green', 'AA'::zjgov.credit_grade > 'B',
                             zjgov.woe(1, zjgov.woe_bins(x, y)) IS NOT NULL, zjgov.nm(1)
                        FROM (SELECT g::float8 AS x, (g % 3 = 0) AS y FROM generate_series(1, 60) g) s")" \
   "t|t|t|t|1852"
$P -d "$db" -c "ALTER EXTENSION zjgov UPDATE" || fail=$((fail + 1))
ok "the update re-points every 1.0 C function to its zjgov_ symbol" \
   "$($P -d "$db" -c "SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
                       WHERE probin = '\$libdir/zjgov' AND prosrc NOT LIKE 'zjgov\_%'")" ""
ok "the updated database works" \
   "$($P -d "$db" -c "SET search_path = zjgov, public" -c "SELECT 'red'::zjgov.colour > 'green', max(c)::text FROM unnest(ARRAY['blue', 'orange']::zjgov.colour[]) c")" \
   "t|orange"
echo "RESULT $pass $fail"
[ "$fail" -eq 0 ]
