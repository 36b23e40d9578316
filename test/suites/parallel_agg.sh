#!/usr/bin/env bash
# Parallel aggregation: every zjgov aggregate (read from the catalog) over a 20 000-row table gives
# the same result serially and under a forced parallel plan (Partial Aggregate in workers, then
# the combine function; leader participation off so the rows really are split).  Numbers must
# agree within 1e-9 (relative); everything else in the text form must be identical (an SVG map
# draws its rows in a canonical order, so its text is compared whole).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
db=zjgov_parallel
trap '"$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1' EXIT
rel_fresh_db $db && rel_psql -d $db -f test/stress/workload.sql || { echo "RESULT 0 1"; exit 1; }
rel_psql -d $db <<'SQL' || { echo "RESULT 0 1"; exit 1; }
CREATE TABLE public.par_rows WITH (parallel_workers = 2) AS SELECT g FROM generate_series(1, 20000) g;
ANALYZE public.par_rows;
-- same numbers (relative 1e-9) and the same text around them
CREATE FUNCTION stress.same(a text, b text) RETURNS bool LANGUAGE sql AS $$
WITH na AS (SELECT m[1]::float8 AS x, o FROM regexp_matches(a, '(-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?)', 'g') WITH ORDINALITY r(m, o)),
     nb AS (SELECT m[1]::float8 AS x, o FROM regexp_matches(b, '(-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?)', 'g') WITH ORDINALITY r(m, o))
SELECT a IS NOT DISTINCT FROM b OR (
       regexp_replace(a, '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?', '#', 'g') = regexp_replace(b, '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?', '#', 'g')
   AND (SELECT count(*) FROM na) = (SELECT count(*) FROM nb)
   AND NOT EXISTS (SELECT 1 FROM na JOIN nb USING (o)
                    WHERE abs(na.x - nb.x) > 1e-9 * greatest(1, abs(na.x), abs(nb.x))))
$$;
SQL
rel_val -d $db -F $'\t' -c "
  SELECT m.sig, format_type(p.prorettype, NULL),
         -- one entity's long-format values (score): one group per entity of the 300 leaf codes
         coalesce(CASE WHEN 'code' = ANY (m.proargnames)
                       THEN 'SELECT string_agg(x, '';'' ORDER BY e) FROM (SELECT g / 300 AS e, zjgov.' || quote_ident(m.proname) || '('
                            || string_agg(stress.arg(m.proname, coalesce(m.proargnames[o], ''), t::regtype, false), ', ' ORDER BY o)
                            || ')::text AS x FROM public.par_rows GROUP BY g / 300) s'
                       ELSE 'SELECT zjgov.' || quote_ident(m.proname) || '('
                            || string_agg(stress.arg(m.proname, coalesce(m.proargnames[o], ''), t::regtype, false), ', ' ORDER BY o)
                            || ')::text FROM public.par_rows' END, '-'),
         bool_or(stress.arg(m.proname, coalesce(m.proargnames[o], ''), t::regtype, false) IS NULL)
    FROM stress.member m JOIN pg_proc p ON p.oid = m.oid, unnest(m.proargtypes::oid[]) WITH ORDINALITY u(t, o)
   WHERE m.prokind = 'a' GROUP BY m.sig, m.proname, m.proargnames, p.prorettype ORDER BY m.sig" >/tmp/zjgov-par.$$
par="SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
     SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off; SET enable_indexscan = off;"
while IFS=$'\t' read -r sig rettype q uncovered; do
  [ "$uncovered" = t ] && { echo "SKIP: $sig (argument types not covered)"; continue; }
  # a helper aggregate that returns its raw state: the state's layout may follow the input order
  [ "$rettype" = zjgov.aggstate ] && { echo "SKIP: $sig returns a raw aggstate (compared through its public aggregate)"; continue; }
  s=$(rel_val -d $db -c "SET max_parallel_workers_per_gather = 0" -c "$q" 2>&1)
  plan=$(rel_val -d $db -c "$par" -c "EXPLAIN (COSTS OFF) $q" 2>&1)
  p=$(rel_val -d $db -c "$par" -c "$q" 2>&1)
  if echo "$s" | grep -q ERROR; then echo "NOTE: $sig fails on the generated input: $(echo "$s" | head -n 1 | cut -c1-150)"; continue; fi
  check "$sig: parallel plan has a Partial Aggregate" eval 'echo "$plan" | grep -qE "Partial (Hash|Group)?Aggregate"'
  if [ "$rettype" = text ]; then
    check "$sig: parallel result equals the serial one" [ "$s" = "$p" ]
  else
    same=$(printf 'SELECT stress.same($a$%s$a$, $b$%s$b$);\n' "$s" "$p" | rel_val -d $db -f - 2>&1)   # results can be long: stdin
    check "$sig: parallel result equals the serial one" [ "$same" = t ]
    [ "$same" = t ] || { echo "  serial:   $(echo "$s" | cut -c1-200)"; echo "  parallel: $(echo "$p" | cut -c1-200)"; }
  fi
done </tmp/zjgov-par.$$
rm -f /tmp/zjgov-par.$$

# The sorted-run states over 200 000 rows (each worker sorts and merges its runs, the leader only
# merges): the parallel answer is exactly the serial one, with and without leader participation.
rel_psql -d $db -c "CREATE TABLE public.par_big WITH (parallel_workers = 2) AS
  SELECT g, ((g::bigint * 7919) % 100003)::float8 / 7 + (g % 5) AS v, round(((g::bigint * 104729) % 1000003)::numeric / 1000003, 4)::float8 AS risk,
         (g::bigint * 31) % 7 < 2 AS bad FROM generate_series(1, 200000) g" -c "ANALYZE public.par_big" >/dev/null
for call in "jenks_breaks(v, 6)" "quantile_breaks(v, 9)" "headtail_breaks(v)" "auc(risk, bad)" "ks(risk, bad)" "woe_bins(risk, bad, 6)"; do
  q="SELECT zjgov.$call::text FROM public.par_big"
  s=$(rel_val -d $db -c "SET max_parallel_workers_per_gather = 0" -c "$q" 2>&1)
  for lead in on off; do
    p=$(rel_val -d $db -c "$par" -c "SET parallel_leader_participation = $lead" -c "$q" 2>&1)
    check "$call over 200 000 rows: 2 workers (leader participation $lead) = serial, exactly" [ "$s" = "$p" ]
    [ "$s" = "$p" ] || { echo "  serial:   $(echo "$s" | cut -c1-200)"; echo "  parallel: $(echo "$p" | cut -c1-200)"; }
  done
done
rel_result
