#!/usr/bin/env bash
# bench/indicator.sh — indicator scoring benchmarks (run by hand: bash bench/indicator.sh)
#  1. score(): 10,000 entities × 239 indicators (6 dimensions, 24 sub-dimensions) against the same
#     computation as plain SQL (joins + GROUP BY per level) and as PL/pgSQL (one call per entity).
#  2. entropy_weights over 1M rows × 20 indicators, serial against 2 parallel workers.
# Prints the best of 3 runs of each, and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/cluster.sh
zj_up "max_parallel_workers_per_gather = 2" "shared_buffers = 256MB" "work_mem = 64MB"
zj_psql -c "CREATE EXTENSION zjgov CASCADE" 2>/dev/null
N=${ZJ_BENCH_ENTITIES:-10000}   # entities scored
R=${ZJ_BENCH_ROWS:-1000000}     # rows for entropy_weights

zj_psql -v N="$N" -v R="$R" <<'SQL'
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi)
  SELECT 'deqing', 'D' || d, NULL, d, 'benefit', NULL::float8, NULL::float8 FROM generate_series(1, 6) d
  UNION ALL
  SELECT 'deqing', 'S' || s, 'D' || ((s - 1) / 4 + 1), 1 + s % 3, 'benefit', NULL, NULL FROM generate_series(1, 24) s
  UNION ALL
  SELECT 'deqing', 'I' || i, 'S' || ((i - 1) % 24 + 1), 1 + i % 5, CASE WHEN i % 4 = 0 THEN 'cost' ELSE 'benefit' END,
         0, 10 * (1 + i % 7)
    FROM generate_series(1, 239) i;
CREATE TABLE obs AS
  SELECT e AS entity, 'I' || i AS code, (10 * (1 + i % 7)) * (((e * 7919 + i * 104729) % 1000) / 800.0 - 0.1) AS value
    FROM generate_series(1, :N) e, generate_series(1, 239) i WHERE (e * i) % 11 <> 3;
CREATE TABLE ent AS
  SELECT array(SELECT ((g * 2654435761 + j * 40503) % 100000) / 1000.0 + j FROM generate_series(1, 20) j)::float8[] AS x
    FROM generate_series(1, :R) g;
VACUUM ANALYZE obs; VACUUM ANALYZE ent;

-- PL/pgSQL: one call per entity with its codes and values, walking the three levels bottom-up
CREATE FUNCTION plpgsql_score(p_model text, p_codes text[], p_values float8[]) RETURNS float8
LANGUAGE plpgsql STABLE AS $$
DECLARE
  s jsonb := '{}';    -- code → score of the current level
  acc jsonb;          -- parent → [Σw, Σw·score]
  r record; v float8; tw float8 := 0; tws float8 := 0;
BEGIN
  FOR i IN 1 .. array_length(p_codes, 1) LOOP
    IF p_values[i] IS NULL THEN CONTINUE; END IF;
    SELECT * INTO r FROM zjgov.indicator WHERE model = p_model AND code = p_codes[i];
    v := 100 * greatest(0, least(1, CASE WHEN r.direction = 'cost' THEN (r.hi - p_values[i]) / (r.hi - r.lo)
                                         ELSE (p_values[i] - r.lo) / (r.hi - r.lo) END));
    s := s || jsonb_build_object(r.code, v);
  END LOOP;
  FOR lvl IN 1 .. 2 LOOP      -- leaves → sub-dimensions → dimensions
    acc := '{}';
    FOR r IN SELECT i.code, i.parent, i.weight FROM zjgov.indicator i
              WHERE i.model = p_model AND i.code = ANY (ARRAY(SELECT jsonb_object_keys(s))) LOOP
      acc := jsonb_set(acc, ARRAY[r.parent], jsonb_build_array(
               coalesce((acc -> r.parent ->> 0)::float8, 0) + r.weight,
               coalesce((acc -> r.parent ->> 1)::float8, 0) + r.weight * (s ->> r.code)::float8));
    END LOOP;
    s := '{}';
    FOR r IN SELECT key, value FROM jsonb_each(acc) LOOP
      s := s || jsonb_build_object(r.key, (r.value ->> 1)::float8 / (r.value ->> 0)::float8);
    END LOOP;
  END LOOP;
  FOR r IN SELECT code, weight FROM zjgov.indicator WHERE model = p_model AND parent IS NULL AND s ? code LOOP
    tw := tw + r.weight; tws := tws + r.weight * (s ->> r.code)::float8;
  END LOOP;
  RETURN CASE WHEN tw > 0 THEN tws / tw END;
END $$;
SQL

best() {  # best of ${2:-3} runs, in ms
  local q=$1 b= t
  for _ in $(seq 1 "${2:-3}"); do
    t=$(zj_psql -c '\timing on' -c "$q" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}

plain="WITH ind AS (SELECT * FROM zjgov.indicator WHERE model = 'deqing'),
leafscore AS (SELECT o.entity, i.parent, i.weight,
    100 * greatest(0, least(1, CASE WHEN i.direction = 'cost' THEN (i.hi - o.value) / (i.hi - i.lo)
                                    ELSE (o.value - i.lo) / (i.hi - i.lo) END)) AS s
  FROM obs o JOIN ind i USING (code) WHERE o.value IS NOT NULL),
sub AS (SELECT l.entity, p.parent, p.weight, sum(l.weight * l.s) / sum(l.weight) AS s
  FROM leafscore l JOIN ind p ON p.code = l.parent GROUP BY l.entity, p.code, p.parent, p.weight),
dim AS (SELECT s.entity, p.weight, sum(s.weight * s.s) / sum(s.weight) AS s
  FROM sub s JOIN ind p ON p.code = s.parent GROUP BY s.entity, p.code, p.weight)
SELECT count(*), sum(s) FROM (SELECT entity, sum(weight * s) / sum(weight) AS s FROM dim GROUP BY entity) t"
zj="SELECT count(*), sum(s) FROM (SELECT entity, zjgov.score('deqing', code, value) AS s FROM obs GROUP BY entity) t"
# PL/pgSQL runs ~40x slower: timed on the first P entities and scaled linearly to N
P=$(( N < 2000 ? N : 2000 ))
plpg="SELECT count(*), sum(s) FROM (SELECT entity, plpgsql_score('deqing', array_agg(code), array_agg(value)) AS s FROM obs WHERE entity <= $P GROUP BY entity) t"
zj_p="SELECT count(*), sum(s) FROM (SELECT entity, zjgov.score('deqing', code, value) AS s FROM obs WHERE entity <= $P GROUP BY entity) t"

echo "-- agreement (count, sum of totals):"
zj_psql -At -c "$zj"; zj_psql -At -c "$plain"; zj_psql -At -c "$zj_p"; zj_psql -At -c "$plpg"
t_zj=$(best "SET max_parallel_workers_per_gather = 0; $zj")
t_plain=$(best "SET max_parallel_workers_per_gather = 0; $plain")
t_plpg=$(best "SET max_parallel_workers_per_gather = 0; $plpg" 1)
t_plpg=$(awk "BEGIN{print $t_plpg * $N / $P}")
ser="SET max_parallel_workers_per_gather = 0; SELECT zjgov.entropy_weights(x) FROM ent"
par="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; SELECT zjgov.entropy_weights(x) FROM ent"
t_ser=$(best "$ser")
t_par=$(best "$par")
echo "score $N entities x 239 indicators (serial): zjgov.score ${t_zj} ms, plain SQL ${t_plain} ms, PL/pgSQL ${t_plpg} ms (scaled from $P entities)"
awk "BEGIN{printf \"  plain SQL / score = %.1fx, PL/pgSQL / score = %.1fx\n\", $t_plain/$t_zj, $t_plpg/$t_zj}"
echo "entropy_weights $R rows x 20 indicators: serial ${t_ser} ms, 2 workers ${t_par} ms"
awk "BEGIN{printf \"  serial / parallel = %.2fx\n\", $t_ser/$t_par}"
zj_psql -At -c "SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; EXPLAIN (COSTS OFF) SELECT zjgov.entropy_weights(x) FROM ent" | sed 's/^/  plan: /'
