#!/usr/bin/env bash
# Every public function and aggregate of the extension appears in the README reference or in a
# reference page under docs/ (as `name(`) and has a COMMENT.  Support functions of types,
# operators, opclasses and aggregates, and private _zjgov_* helpers, are internal and exempt from
# the reference (not from COMMENT).
set -uo pipefail
cd "$(dirname "$0")/../.."
psql=("$ZJ_BIN/psql" -X -A -t -q -d "$PGDATABASE")
"${psql[@]}" -c "CREATE EXTENSION IF NOT EXISTS zjgov CASCADE" >/dev/null

public=$("${psql[@]}" <<'SQL'
WITH members AS (
  SELECT p.oid, p.proname FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
   WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
     AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov'))
SELECT DISTINCT proname FROM members m
 WHERE proname NOT LIKE '\_zjgov\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE m.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend))
   AND NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprcode = m.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_amproc a WHERE a.amproc = m.oid)
   AND NOT EXISTS (SELECT 1 FROM pg_aggregate a WHERE m.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn))
 ORDER BY 1;
SQL
)
uncommented=$("${psql[@]}" <<'SQL'
SELECT p.oid::regprocedure FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
 WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'zjgov')
   AND obj_description(p.oid, 'pg_proc') IS NULL;
SQL
)
pass=0; fail=0
for f in $public; do
  if grep -q "$f(" README.md docs/*.md 2>/dev/null; then pass=$((pass + 1)); else echo "not in README or docs/ reference: $f"; fail=$((fail + 1)); fi
done
for f in $uncommented; do echo "no COMMENT ON: $f"; fail=$((fail + 1)); done
echo "RESULT $pass $fail"
