# score: a Deqing-like model, 6 dimensions -> 30 sub-dimensions -> 239 indicators
# (every 4th a cost indicator, bounds per indicator, values partly outside the bounds, 3 % of
# leaves missing), long format, GROUP BY entity; against the same computation as plain SQL (joins +
# GROUP BY per level) and as PL/pgSQL (bench/sql/helpers.sql: bench_score_plpgsql).
case_score() {
  local n t
  for n in $(b_sizes 100 1000 10000); do
    b_begin score "$(b_label "$n") entities × 239 indicators" "$n" score || continue
    t=sc_data_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS sc_model, $t;
SELECT setseed(0.71);
CREATE TABLE sc_model (code text PRIMARY KEY, parent text, name text, weight float8, direction text, lo float8, hi float8);
INSERT INTO sc_model SELECT 'D' || d, NULL, 'dimension ' || d, round((0.5 + random() * 1.5)::numeric, 2), NULL, NULL, NULL
  FROM generate_series(1, 6) d;
INSERT INTO sc_model SELECT 'S' || s, 'D' || (1 + (s - 1) % 6), 'sub-dimension ' || s, round((0.5 + random() * 1.5)::numeric, 2), NULL, NULL, NULL
  FROM generate_series(1, 30) s;
INSERT INTO sc_model SELECT 'I' || lpad(i::text, 3, '0'), 'S' || (1 + (i - 1) % 30), 'indicator ' || i,
       round((0.5 + random() * 1.5)::numeric, 2), CASE WHEN i % 4 = 0 THEN 'cost' ELSE 'benefit' END,
       lo, lo + 20 + round((random() * 80)::numeric, 1)
  FROM (SELECT i, round((random() * 20)::numeric, 1)::float8 AS lo FROM generate_series(1, 239) i) s;
CREATE TABLE $t AS
  SELECT e AS entity, m.code, round((m.lo - 10 + random() * (m.hi - m.lo + 20))::numeric, 3)::float8 AS value
  FROM generate_series(1, $n) e CROSS JOIN (SELECT * FROM sc_model WHERE code LIKE 'I%' ORDER BY code) m
  WHERE random() >= 0.03;
ANALYZE sc_model; ANALYZE $t;
DELETE FROM zjgov.indicator WHERE model = 'bench239';
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
  SELECT 'bench239', code, parent, name, weight, coalesce(direction, 'benefit'), lo, hi FROM sc_model;
SQL
    b_sql zjgov zjgov "" "SELECT entity, zjgov.score('bench239', code, value) AS s FROM $t GROUP BY entity"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT entity, zjgov.score('bench239', code, value) AS s FROM $t GROUP BY entity"
    b_check_rows zjgov_2workers entity s 1e-12
    b_sql sum_float8 floor "" "SELECT entity, sum(value) AS s FROM $t GROUP BY entity"
    b_sql sql_joins baseline "" "WITH leaf AS (
        SELECT d.entity, m.parent, m.weight,
               100 * greatest(0, least(1, CASE m.direction WHEN 'cost' THEN (m.hi - d.value) / (m.hi - m.lo)
                                                          ELSE (d.value - m.lo) / (m.hi - m.lo) END)) AS s
        FROM $t d JOIN sc_model m ON m.code = d.code WHERE d.value IS NOT NULL),
      sub AS (SELECT l.entity, p.parent, p.weight, sum(l.weight * l.s) / sum(l.weight) AS s
              FROM leaf l JOIN sc_model p ON p.code = l.parent GROUP BY l.entity, p.code, p.parent, p.weight),
      dim AS (SELECT u.entity, p.weight, sum(u.weight * u.s) / sum(u.weight) AS s
              FROM sub u JOIN sc_model p ON p.code = u.parent GROUP BY u.entity, p.code, p.weight)
      SELECT entity, sum(weight * s) / sum(weight) AS s FROM dim GROUP BY entity"
    b_check_rows sql_joins entity s 1e-9
    b_sql plpgsql baseline "" "SELECT entity, s FROM bench_score_plpgsql('sc_model', '$t')"
    b_check_rows plpgsql entity s 1e-9
    b_go
  done
}
