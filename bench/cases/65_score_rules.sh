# score_rules: a rule book of 德清's size — 6 dimensions, 239 indicators (every 4th cost, every 10th an
# interval item), a veto, a bonus and a deduction item at the root, two versions (valid_from) —
# scored with score(model, code, value, as_of) per entity (long format, GROUP BY entity, 3 % of
# leaves missing); against the same rules written as plain SQL (joins + GROUP BY per level, the rule
# items aggregated apart) and as PL/pgSQL (bench/sql/helpers.sql: bench_score_rules_plpgsql).
case_score_rules() {
  local n t
  for n in $(b_sizes 100 1000 100000); do
    b_begin score_rules "$(b_label "$n") entities × 239 indicators + veto, bonus, deduction" "$n" score || continue
    t=sr_data_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS sr_model, $t;
SELECT setseed(0.37);
CREATE TABLE sr_model (code text PRIMARY KEY, parent text, weight float8, direction text, lo float8, hi float8,
                       kind text, tol float8, cap float8, points float8);
INSERT INTO sr_model SELECT 'D' || d, NULL, round((0.5 + random() * 1.5)::numeric, 2), 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL
  FROM generate_series(1, 6) d;
INSERT INTO sr_model SELECT 'I' || lpad(i::text, 3, '0'), 'D' || (1 + i % 6), round((0.5 + random() * 1.5)::numeric, 2),
       CASE WHEN i % 10 = 0 THEN 'interval' WHEN i % 4 = 0 THEN 'cost' ELSE 'benefit' END,
       CASE WHEN i % 10 = 0 THEN 40 ELSE 0 END, CASE WHEN i % 10 = 0 THEN 60 ELSE 100 END,
       CASE WHEN i % 10 = 0 THEN 'interval' ELSE 'leaf' END, CASE WHEN i % 10 = 0 THEN 30 END, NULL, NULL
  FROM generate_series(1, 239) i;
INSERT INTO sr_model VALUES ('V', NULL, 1, 'benefit', NULL, NULL, 'veto', NULL, 60, NULL),
  ('B', NULL, 1, 'benefit', NULL, NULL, 'bonus', NULL, 5, 2), ('P', NULL, 1, 'benefit', NULL, NULL, 'deduction', NULL, 15, 5);
CREATE TABLE $t AS
  SELECT e AS entity, m.code, round((random() * 110 - 5)::numeric, 3)::float8 AS value
    FROM generate_series(1, $n) e CROSS JOIN (SELECT code FROM sr_model WHERE code LIKE 'I%') m
   WHERE random() >= 0.03
  UNION ALL SELECT e, 'V', (random() < 0.02)::int FROM generate_series(1, $n) e
  UNION ALL SELECT e, 'B', floor(random() * 4) FROM generate_series(1, $n) e
  UNION ALL SELECT e, 'P', floor(random() * 3) FROM generate_series(1, $n) e WHERE random() < 0.2;
ANALYZE sr_model; ANALYZE $t;
DELETE FROM zjgov.indicator WHERE model = 'bench_rules';
-- an older version that is not in force, to make the version lookup real
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi, kind, tol, cap, points, valid_from)
  SELECT 'bench_rules', code, parent, weight, direction, lo, hi, kind, tol, cap, points, v
    FROM sr_model, (VALUES ('2024-01-01'::date), ('2025-01-01')) y(v);
SQL
    b_sql zjgov zjgov "" "SELECT entity, zjgov.score('bench_rules', code, value, '2025-06-30') AS s FROM $t GROUP BY entity"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT entity, zjgov.score('bench_rules', code, value, '2025-06-30') AS s FROM $t GROUP BY entity"
    b_check_rows zjgov_2workers entity s 1e-12
    b_sql sum_float8 floor "" "SELECT entity, sum(value) AS s FROM $t GROUP BY entity"
    b_sql sql_joins baseline "" "WITH leaf AS (
        SELECT d.entity, m.parent, m.weight,
               100 * CASE WHEN m.kind = 'interval' THEN greatest(0, 1 - greatest(m.lo - d.value, d.value - m.hi, 0) / m.tol)
                          ELSE greatest(0, least(1, CASE m.direction WHEN 'cost' THEN (m.hi - d.value) / (m.hi - m.lo)
                                                                     ELSE (d.value - m.lo) / (m.hi - m.lo) END)) END AS s
          FROM $t d JOIN sr_model m ON m.code = d.code WHERE d.value IS NOT NULL AND m.kind IN ('leaf', 'interval')),
      dim AS (SELECT l.entity, p.weight, sum(l.weight * l.s) / sum(l.weight) AS s
                FROM leaf l JOIN sr_model p ON p.code = l.parent GROUP BY l.entity, p.code, p.weight),
      tot AS (SELECT entity, sum(weight * s) / sum(weight) AS s FROM dim GROUP BY entity),
      rules AS (SELECT d.entity,
                       sum(CASE m.kind WHEN 'bonus' THEN least(m.cap, greatest(0, d.value * m.points))
                                       WHEN 'deduction' THEN -least(m.cap, greatest(0, d.value * m.points)) ELSE 0 END) AS adj,
                       min(CASE WHEN m.kind = 'veto' AND d.value <> 0 THEN m.cap END) AS cap
                  FROM $t d JOIN sr_model m ON m.code = d.code
                 WHERE d.value IS NOT NULL AND m.kind IN ('veto', 'bonus', 'deduction') GROUP BY d.entity)
      SELECT t.entity, least(greatest(0, least(100, t.s + coalesce(r.adj, 0))), coalesce(r.cap, 'Infinity')) AS s
        FROM tot t LEFT JOIN rules r USING (entity)"
    b_check_rows sql_joins entity s 1e-9
    b_sql plpgsql baseline "" "SELECT entity, s FROM bench_score_rules_plpgsql('sr_model', '$t')"
    b_check_rows plpgsql entity s 1e-9
    b_go
  done
}
