#!/usr/bin/env bash
# Citus: every zjgov aggregate and window function, and the catalog-reading functions, on a
# distributed table give the answer of the same query on a local copy, in every plan shape Citus
# makes: aggregates without GROUP BY and grouped by a non-distribution column (split: worker
# partial states combined on the coordinator), grouped by the distribution column (pushed down
# whole to the shards); windows OVER () (rows pulled to the coordinator) and PARTITION BY the
# distribution column (pushed down).  EXPLAIN must show the expected shape; results must be equal
# (numbers within 1e-12 relative).
#
# Citus: used when the server's library directory (of the private staged tree test/run.sh made)
# has citus.so; otherwise built once from the source archive ../shared/vendor/citus-<v>.tar.xz
# (beside the repository; AGPL-3.0, never copied into the project) into /var/tmp/zjgov-citus-<v>
# and installed into the staged tree; with neither, one SKIP line.  A coordinator and two workers
# run on free localhost ports of their own and are stopped on every exit path.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
. scripts/cluster.sh
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}

# ---- Citus for the staged server
pgbin=$("$PG_CONFIG" --bindir); pglib=$("$PG_CONFIG" --pkglibdir); pgshare=$("$PG_CONFIG" --sharedir)
stage=${ZJ_BIN%"$pgbin"}
[ "$stage$pgbin" = "$ZJ_BIN" ] || stage=""
if [ ! -f "$stage$pglib/citus.so" ]; then
  archive=""
  for d in "$ZJ_ROOT/../shared/vendor" \
           "$(cd "$ZJ_ROOT" && dirname "$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo .)")/../shared/vendor"; do
    a=$(ls "$d"/citus-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
    [ -n "$a" ] && { archive=$a; break; }
  done
  if [ -z "$archive" ] || [ -z "$stage" ]; then
    echo "SKIP: citus: install Citus for PostgreSQL 15 (citus.so in $pglib) or put the source archive citus-<version>.tar.xz in ../shared/vendor beside the repository"
    echo "RESULT 0 0"; exit 0
  fi
  ver=$(basename "$archive" .tar.xz); ver=${ver#citus-}
  cache=/var/tmp/zjgov-citus-$ver
  echo "-- building Citus $ver from $archive into $cache (once)" >&2
  bash scripts/citus_build.sh "$archive" "$cache" || { echo "not ok - building Citus $ver"; echo "RESULT 0 1"; exit 1; }
  cp -a "$cache/install$pglib/." "$stage$pglib/" && cp -a "$cache/install$pgshare/extension/." "$stage$pgshare/extension/" ||
    { echo "not ok - installing Citus into the staged tree"; echo "RESULT 0 1"; exit 1; }
fi

# ---- a coordinator and two workers
CT=$(mktemp -d /tmp/zjgov-citus.XXXXXX); chmod 755 "$CT"
mkdir -p "$CT/sock"; [ "$(id -u)" -eq 0 ] && chown postgres: "$CT/sock"
nodes=(coord w1 w2)
declare -A port
cit_stop() {
  for n in "${nodes[@]}"; do
    [ -f "$CT/$n/postmaster.pid" ] && zj_as_owner "$ZJ_BIN/pg_ctl" -D "$CT/$n" -m immediate -w stop >/dev/null 2>&1
  done
  rm -rf "$CT"
}
trap cit_stop EXIT
trap 'exit 130' INT TERM
db=zjgov_citus
for n in "${nodes[@]}"; do
  while :; do
    p=$(zj_free_port)
    case " ${port[*]} " in *" $p "*) ;; *) break ;; esac
  done
  port[$n]=$p
  mkdir -p "$CT/$n"; [ "$(id -u)" -eq 0 ] && chown postgres: "$CT/$n"
  zj_as_owner "$ZJ_BIN/initdb" -D "$CT/$n" -U "$PGUSER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null ||
    { echo "not ok - initdb $n"; echo "RESULT 0 1"; exit 1; }
  printf '%s\n' "listen_addresses = 'localhost'" "port = ${port[$n]}" "unix_socket_directories = '$CT/sock'" \
    "shared_preload_libraries = 'citus'" "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
    "shared_buffers = 32MB" "max_connections = 80" "max_worker_processes = 16" "log_min_messages = warning" \
    "citus.shard_count = 4" | zj_as_owner tee -a "$CT/$n/postgresql.conf" >/dev/null
  zj_as_owner "$ZJ_BIN/pg_ctl" -D "$CT/$n" -l "$CT/$n/server.log" -w -t 120 start >/dev/null ||
    { echo "not ok - starting $n"; tail -n 20 "$CT/$n/server.log"; echo "RESULT 0 1"; exit 1; }
done
on() { local n=$1; shift; "$ZJ_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$CT/sock" -p "${port[$n]}" -d $db "$@"; }
for n in "${nodes[@]}"; do
  "$ZJ_BIN/createdb" -h "$CT/sock" -p "${port[$n]}" $db &&
    on "$n" -c "SET client_min_messages = warning" -c "CREATE EXTENSION citus" -c "CREATE EXTENSION zjgov CASCADE" ||
    { echo "not ok - preparing $n"; echo "RESULT 0 1"; exit 1; }
done
on coord -c "SET client_min_messages = warning" \
  -c "SELECT citus_set_coordinator_host('localhost', ${port[coord]})" \
  -c "SELECT citus_add_node('localhost', ${port[w1]})" -c "SELECT citus_add_node('localhost', ${port[w2]})" >/dev/null ||
  { echo "not ok - forming the Citus cluster"; echo "RESULT 0 1"; exit 1; }
check "Citus $(on coord -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'") cluster: a coordinator and two workers" \
  [ "$(on coord -c "SELECT count(*) FROM pg_dist_node WHERE isactive")" -ge 3 ]

# ---- the data: row g of 20 160, county (the distribution column) = (g / 300) % 7, so an entity
# (g / 300, 300 rows: score's long format) lives in one county; a local copy to compare with
on coord <<'SQL' || { echo "not ok - loading the data"; echo "RESULT 0 1"; exit 1; }
SET client_min_messages = warning;
CREATE TABLE public.dist (g int, county int);
SELECT create_distributed_table('public.dist', 'county');
INSERT INTO public.dist SELECT g, (g / 300) % 7 FROM generate_series(1, 20160) g;
CREATE TABLE public.loc AS SELECT * FROM public.dist;
-- same numbers (relative 1e-12) and the same text around them
CREATE FUNCTION public.same(a text, b text) RETURNS bool LANGUAGE sql AS $$
WITH na AS (SELECT m[1]::float8 AS x, o FROM regexp_matches(a, '(-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?)', 'g') WITH ORDINALITY r(m, o)),
     nb AS (SELECT m[1]::float8 AS x, o FROM regexp_matches(b, '(-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?)', 'g') WITH ORDINALITY r(m, o))
SELECT a IS NOT DISTINCT FROM b OR (
       regexp_replace(a, '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?', '#', 'g') = regexp_replace(b, '-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?', '#', 'g')
   AND (SELECT count(*) FROM na) = (SELECT count(*) FROM nb)
   AND NOT EXISTS (SELECT 1 FROM na JOIN nb USING (o)
                    WHERE abs(na.x - nb.x) > 1e-12 * greatest(abs(na.x), abs(nb.x))))
$$;
SQL

# ---- catalogs: user rows added on the coordinator only, then copied to every worker
fp() { on "$1" -c "SELECT zjgov.catalog_fingerprint()"; }
on coord -c "INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
    SELECT 'stress', 'root', NULL, 'root', 1::float8, 'benefit', NULL::float8, NULL::float8
    UNION ALL SELECT 'stress', b, 'root', b, 1, 'benefit', NULL, NULL FROM unnest(ARRAY['a','b','c']) b
    UNION ALL SELECT 'stress', 'l' || i, (ARRAY['a','b','c'])[1 + i % 3], 'l' || i, 1 + i % 4,
                     CASE WHEN i % 5 = 0 THEN 'cost' ELSE 'benefit' END, 0, 100
                FROM generate_series(1, 300) i" \
  -c "INSERT INTO zjgov.grade_scale (scale, grade, min_score) VALUES
        ('county', 'A', 75), ('county', 'B', 60), ('county', 'C', 30.5), ('county', 'D', '-Infinity')" >/dev/null ||
  { echo "not ok - user catalog rows on the coordinator"; echo "RESULT 0 1"; exit 1; }
check "before sync_catalogs a worker's catalog differs from the coordinator's" [ "$(fp coord)" != "$(fp w1)" ]
out=$(on coord -c "SELECT * FROM zjgov.sync_catalogs()" 2>&1)
check "sync_catalogs copies the user rows to both workers" eval 'echo "$out" | grep -q "^zjgov.indicator|304|2$" && echo "$out" | grep -q "^zjgov.grade_scale|4|2$"'
echo "$out" | sed 's/^/    /'
check "after sync_catalogs every node has the coordinator's catalog" \
  eval '[ "$(fp coord)" = "$(fp w1)" ] && [ "$(fp coord)" = "$(fp w2)" ]'
# a second run replaces the rows (no duplicates) and still agrees
on coord -c "SELECT * FROM zjgov.sync_catalogs()" >/dev/null 2>&1
check "sync_catalogs run again: still identical" eval '[ "$(fp coord)" = "$(fp w1)" ] && [ "$(on w2 -c "SELECT count(*) FROM zjgov.grade_scale WHERE scale = '"'county'"'")" = 4 ]'

# ---- the queries: argument expressions over row g from the stress workload (test/stress/
# workload.sql, loaded into a scratch database of the ordinary test cluster), the same for the
# distributed table and the local copy
gen=zjgov_citus_gen
"$ZJ_BIN/dropdb" --if-exists $gen >/dev/null 2>&1
rel_fresh_db $gen && rel_psql -d $gen -f test/stress/workload.sql >/dev/null ||
  { echo "not ok - the query generator"; echo "RESULT 0 1"; exit 1; }
trap '"$ZJ_BIN/dropdb" --if-exists $gen >/dev/null 2>&1; cit_stop' EXIT
# one line per aggregate / window: signature, kind, 'code' argument present, the argument list
rel_val -d $gen -F $'\t' -c "
  SELECT m.sig, m.prokind, coalesce('code' = ANY (m.proargnames), false), m.proname,
         string_agg(coalesce(stress.arg(m.proname, coalesce(m.proargnames[o], ''), t::regtype, false), '<none>'), ', ' ORDER BY o)
    FROM stress.member m JOIN pg_proc p ON p.oid = m.oid, unnest(m.proargtypes::oid[]) WITH ORDINALITY u(t, o)
   WHERE m.prokind IN ('a', 'w') AND m.proname NOT LIKE '\_%'
   GROUP BY m.sig, m.prokind, m.proname, m.proargnames ORDER BY m.sig" >"$CT/cases"
"$ZJ_BIN/dropdb" --if-exists $gen >/dev/null 2>&1

# compare SQL over TABLE (dist / loc); expect split|pushed|coordinator for the plan on dist
compare() {
  local what=$1 shape=$2 q=$3 qd ql plan cplan rc d l same
  qd=${q//TABLE/${DT:-public.dist}}; ql=${q//TABLE/${LT:-public.loc}}
  plan=$(on coord -c "EXPLAIN (VERBOSE, COSTS OFF) $qd" 2>&1)
  # the coordinator's part of the plan: the lines above the first Citus scan
  cplan=$(echo "$plan" | sed '/Custom Scan (Citus/q')
  case $shape in
    split)  echo "$cplan" | grep -q 'coord_combine_agg' ;;
    pushed) echo "$cplan" | grep -q 'Custom Scan (Citus' && ! echo "$cplan" | grep -qE 'coord_combine_agg|WindowAgg' &&
              echo "$plan" | sed '1,/Custom Scan (Citus/d' | grep -q "$4" ;;
    coordinator) echo "$cplan" | grep -q 'WindowAgg' && echo "$cplan" | grep -q 'Custom Scan (Citus' ;;
  esac
  rc=$?
  check "$what: EXPLAIN shows the $shape plan" [ $rc -eq 0 ]
  [ $rc -eq 0 ] || echo "$plan" | head -n 40 | sed 's/^/    /'
  # notices (maxp's rows without a region) are not part of the answer: Citus adds "from host:port"
  d=$(on coord -c "$qd" 2>&1 | grep -vE '^(NOTICE|DETAIL|HINT):'); l=$(on coord -c "$ql" 2>&1 | grep -vE '^(NOTICE|DETAIL|HINT):')
  if echo "$l" | grep -q ERROR; then
    echo "NOTE: $what fails locally on the generated input: $(echo "$l" | head -n 1 | cut -c1-150)"; return
  fi
  same=$(printf 'SELECT public.same($a$%s$a$, $b$%s$b$);\n' "$d" "$l" | on coord -f - 2>&1)
  check "$what: distributed = local" [ "$same" = t ]
  [ "$same" = t ] || { echo "    distributed: $(echo "$d" | head -c 300)"; echo "    local:       $(echo "$l" | head -c 300)"; }
}

# CITUS_ONLY=regex: only the generated cases whose line matches (development)
[ -n "${CITUS_ONLY:-}" ] && { grep -E "$CITUS_ONLY" "$CT/cases" >"$CT/c2"; mv "$CT/c2" "$CT/cases"; }
while IFS=$'\t' read -r sig kind hascode name args; do
  case $args in *'<none>'*) echo "NOTE: $sig: argument types not covered by the generator"; continue ;; esac
  f="zjgov.$name($args)"
  if [ "$kind" = a ]; then
    if [ "$hascode" = t ]; then
      # long format: one group per entity (300 rows); without GROUP BY, one entity
      compare "$sig, no GROUP BY" split "SELECT $f::text FROM TABLE WHERE g BETWEEN 300 AND 599"
      compare "$sig, GROUP BY entity" split "SELECT g / 300, $f::text FROM TABLE GROUP BY 1 ORDER BY 1"
      compare "$sig, GROUP BY county, entity" pushed "SELECT county, g / 300, $f::text FROM TABLE GROUP BY 1, 2 ORDER BY 1, 2" "$name"
    else
      compare "$sig, no GROUP BY" split "SELECT $f::text FROM TABLE"
      compare "$sig, GROUP BY g % 4" split "SELECT g % 4, $f::text FROM TABLE GROUP BY 1 ORDER BY 1"
      compare "$sig, GROUP BY county" pushed "SELECT county, $f::text FROM TABLE GROUP BY 1 ORDER BY 1" "$name"
    fi
  else
    # an order-dependent window (period_change: the row lag periods back; ears, ewma, cusum: a
    # series in time order) is given the row order
    ord=; case $name in period_change|ears|ewma|cusum) ord=" ORDER BY g" ;; esac
    compare "$sig OVER (${ord# })" coordinator "SELECT g, ($f OVER (${ord# }))::text FROM TABLE WHERE g % 7 = 0 ORDER BY g"
    compare "$sig OVER (PARTITION BY county$ord)" pushed "SELECT g, ($f OVER (PARTITION BY county$ord))::text FROM TABLE WHERE g % 7 = 0 ORDER BY g" "$name"
  fi
done <"$CT/cases"

# ---- catalog-reading functions on shards: built-in and user (synced) rows
for scale in public county; do
  compare "credit_grade(score, '$scale') on shards" pushed \
    "SELECT g, zjgov.credit_grade((g % 101)::float8, '$scale') FROM TABLE ORDER BY g" "credit_grade"
  compare "credit_grade(score, '$scale') in a split aggregate (max)" split \
    "SELECT g % 4, zjgov.max(zjgov.credit_grade((g % 101)::float8, '$scale')) FROM TABLE GROUP BY 1 ORDER BY 1"
  compare "credit_grade(score, '$scale') in a pushed-down aggregate (max)" pushed \
    "SELECT county, zjgov.max(zjgov.credit_grade((g % 101)::float8, '$scale')) FROM TABLE GROUP BY 1 ORDER BY 1" "credit_grade"
done

# ---- storing grades with UPDATE on the distributed table: the IMMUTABLE credit_grade_by with
# the scale read once on the coordinator; the STABLE credit_grade is refused by Citus there
on coord -c "ALTER TABLE public.dist ADD COLUMN grade zjgov.credit_grade" -c "ALTER TABLE public.loc ADD COLUMN grade zjgov.credit_grade" >/dev/null
out=$(on coord -c "UPDATE public.dist SET grade = zjgov.credit_grade((g % 101)::float8, 'county')" 2>&1)
echo "NOTE: UPDATE with the STABLE credit_grade(score, scale): $(echo "$out" | head -n 1)"
out=$(on coord -c "UPDATE public.dist SET grade = zjgov.credit_grade_by((g % 101)::float8, zjgov.grade_scale_min_scores('county'), zjgov.grade_scale_grades('county'))" 2>&1)
check "UPDATE dist SET grade = credit_grade_by(score, grade_scale_min_scores(scale), grade_scale_grades(scale))" \
  [ "$out" = "" ]
[ -z "$out" ] || echo "    $out"
on coord -c "UPDATE public.loc SET grade = zjgov.credit_grade((g % 101)::float8, 'county')" >/dev/null
compare "stored grades equal credit_grade(score, scale) on the local copy" pushed \
  "SELECT g, grade FROM TABLE ORDER BY g" "grade"

# ---- score over 90 000 rows (30 000 entities x 3 leaves of a 5-row model), GROUP BY entity: the
# split plan reads the catalog once per statement on each node, not once a row (timings only)
on coord -c "INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi) VALUES
    ('m5', 'root', NULL, 'root', 1, 'benefit', NULL, NULL), ('m5', 'a', 'root', 'a', 1, 'benefit', NULL, NULL),
    ('m5', 'l1', 'a', 'l1', 2, 'benefit', 0, 100), ('m5', 'l2', 'a', 'l2', 1, 'cost', 0, 100),
    ('m5', 'l3', 'root', 'l3', 1, 'benefit', 0, 100)" -c "SELECT * FROM zjgov.sync_catalogs()" \
  -c "CREATE TABLE public.sdist (county int, entity int, code text, v float8)" \
  -c "SELECT create_distributed_table('public.sdist', 'county')" \
  -c "INSERT INTO public.sdist SELECT e % 11, e, 'l' || l, (e * 7919 + l * 104729) % 1000 / 10.0 FROM generate_series(1, 30000) e, generate_series(1, 3) l" \
  -c "CREATE TABLE public.sloc AS SELECT * FROM public.sdist" -c "ANALYZE public.sloc" >/dev/null ||
  bad "the score timing data"
DT=public.sdist LT=public.sloc compare "score, 30 000 entities, GROUP BY entity" split \
  "SELECT entity, zjgov.score('m5', code, v) FROM TABLE GROUP BY 1 ORDER BY 1"
timeit() {
  local t0 t1; t0=$(date +%s%N); on coord -c "$1" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
q="SELECT count(s) FROM (SELECT entity, zjgov.score('m5', code, v) AS s FROM TABLE GROUP BY 1) x"
timeit "${q//TABLE/public.sloc}" >/dev/null
tl=$(timeit "${q//TABLE/public.sloc}"); td=$(timeit "${q//TABLE/public.sdist}")
echo "NOTE: score of 30 000 entities (90 000 rows): local $tl ms, Citus split plan $td ms"

rel_result
