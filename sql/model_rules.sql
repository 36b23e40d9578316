-- indicator models as departments write them: interval leaves, vetoes, bonus and deduction items,
-- missing-value rules, targets, versions (score / score_detail with as_of)
SET search_path = public, zjgov;
SET extra_float_digits = 0;

-- the rows of the first release keep their meaning: the new columns default to an ordinary node,
-- the re-weighting rule and one version since always
SELECT column_name, column_default FROM information_schema.columns
 WHERE table_schema = 'zjgov' AND table_name = 'indicator' AND ordinal_position > 8 ORDER BY ordinal_position;

-- A model with every rule (all scores below computed by hand):
--   D1 (w 2): a benefit [0, 100] (w 1, target 100); b interval ideal [40, 60], tol 20 (w 1);
--             v1 veto, cap 50 (caps D1); target of D1 80
--   D2 (w 1, missing zero): c cost [0, 10] (w 3, target 4); d benefit [0, 1] (w 1, missing propagate)
--   bonus: 2 points per unit, at most 5; ded: 10 points per unit, no cap; V: veto of the total, cap 60
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi, kind, tol, cap, points, missing, target) VALUES
  ('rules', 'D1', NULL, 2, 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL, 'reweight', 80),
  ('rules', 'a', 'D1', 1, 'benefit', 0, 100, 'leaf', NULL, NULL, NULL, 'reweight', 100),
  ('rules', 'b', 'D1', 1, 'benefit', 40, 60, 'interval', 20, NULL, NULL, 'reweight', NULL),
  ('rules', 'v1', 'D1', 1, 'benefit', NULL, NULL, 'veto', NULL, 50, NULL, 'reweight', NULL),
  ('rules', 'D2', NULL, 1, 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL, 'zero', NULL),
  ('rules', 'c', 'D2', 3, 'cost', 0, 10, 'leaf', NULL, NULL, NULL, 'reweight', 4),
  ('rules', 'd', 'D2', 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'propagate', NULL),
  ('rules', 'bonus', NULL, 1, 'benefit', NULL, NULL, '加分项', NULL, 5, 2, 'reweight', NULL),
  ('rules', 'ded', NULL, 1, 'benefit', NULL, NULL, 'deduction', NULL, NULL, 10, 'reweight', NULL),
  ('rules', 'V', NULL, 1, 'benefit', NULL, NULL, '一票否决', NULL, 60, NULL, 'reweight', NULL);
CREATE TEMP TABLE robs (entity int, code text, value float8);
INSERT INTO robs VALUES
  -- 1: a 80 → 80; b 70 is 10 above the range → 1 − 10/20 → 50; D1 = (80 + 50)/2 = 65 (v1 = 0: no veto);
  --    c 2 → 80; d 0.5 → 50; D2 = (3·80 + 50)/4 = 72.5; weighted (2·65 + 72.5)/3 = 67.5;
  --    bonus 2 → 4 points; ded 0.5 → 5 points: 67.5 + 4 − 5 = 66.5
  (1, 'a', 80), (1, 'b', 70), (1, 'v1', 0), (1, 'c', 2), (1, 'd', 0.5), (1, 'bonus', 2), (1, 'ded', 0.5),
  -- 2: a 100, b 45 → D1 100, vetoed → 50; d missing with propagate → D2 missing, D2 counts 0 (zero):
  --    (2·50 + 0)/3 = 33.33…; bonus 10 → 20 points, capped at 5 → 38.33…; V = 1 caps at 60: 115/3
  (2, 'a', 100), (2, 'b', 45), (2, 'v1', 1), (2, 'bonus', 10), (2, 'V', 1),
  -- 3: a 0 → 0; b 30 → 50; D1 25; c 10 → 0, d 1 → 100, D2 = 25; (50 + 25)/3 = 25; ded 5 → 50: −25 → 0
  (3, 'a', 0), (3, 'b', 30), (3, 'c', 10), (3, 'd', 1), (3, 'ded', 5),
  -- 4: a 90; b 100 is 40 above → 0; D1 45; c 0 → 100, d 1 → 100, D2 100; (90 + 100)/3 = 63.33…;
  --    bonus 1 → 2: 65.33…; V = 3 → capped at 60
  (4, 'a', 90), (4, 'b', 100), (4, 'c', 0), (4, 'd', 1), (4, 'bonus', 1), (4, 'V', 3),
  -- 5: only d 0.2 → 20; c missing (reweight) → D2 20; D1 has no score (reweight: skipped) → 20;
  --    the veto of D1 has nothing to cap; a bonus value 0 gives no points
  (5, 'd', 0.2), (5, 'v1', 1), (5, 'bonus', 0),
  -- 6: a 10, b 50 → D1 55, vetoed → 50; c 5 → 50, d 0.5 → 50, D2 50; (100 + 50)/3 = 50
  (6, 'a', 10), (6, 'b', 50), (6, 'v1', 2), (6, 'c', 5), (6, 'd', 0.5),
  -- 7: a negative veto value also triggers (non-zero); a NULL veto value does not:
  --    D1 = 100 capped at 50, D2 = 100: (2·50 + 100)/3 = 66.67
  (7, 'a', 100), (7, 'b', 50), (7, 'v1', -1), (7, 'c', 0), (7, 'd', 1), (7, 'V', NULL);
SELECT entity, round(score('rules', code, value)::numeric, 10) AS score,
       abs(score('rules', code, value) - (ARRAY[66.5, 115.0/3, 0, 60, 20, 50, 200.0/3])[entity]) < 1e-9 AS hand
  FROM robs GROUP BY entity ORDER BY entity;

-- the drill-down of entity 1: shares D1 2/3, D2 1/3; a and b 1/3 each, c 1/4, d 1/12;
-- contributions 80/3, 50/3, 20, 50/12 (sum 67.5 = the weighted mean); bonus +4, ded −5;
-- attainment: a 80/100, c (cost) 4/2, D1 65/80
SELECT (n).code, (n).parent, (n).kind, (n).value, round((n).normalised::numeric, 10) AS normalised,
       round((n).score::numeric, 10) AS score, (n).weight, round((n).contribution::numeric, 10) AS contribution,
       (n).target, round((n).attainment::numeric, 10) AS attainment
  FROM (SELECT unnest(score_detail('rules', code, value, '2026-01-01')) AS n FROM robs WHERE entity = 1) q;
-- leaf contributions add up to the weighted mean; with the rule points to the total
SELECT abs(sum((n).contribution) FILTER (WHERE (n).code IN ('a', 'b', 'c', 'd')) - 67.5) < 1e-9 AS leaves,
       abs(sum((n).contribution) FILTER (WHERE (n).parent IS NULL AND (n).code IS NOT NULL) - 66.5) < 1e-9 AS root_level
  FROM (SELECT unnest(score_detail('rules', code, value, '2026-01-01')) AS n FROM robs WHERE entity = 1) q;
-- entity 2: the veto of D1 took 50 points of D1 (2/3 of the total: −33.33…), D2 counts 0
SELECT (n).code, (n).kind, round((n).score::numeric, 10) AS score, round((n).contribution::numeric, 10) AS contribution
  FROM (SELECT unnest(score_detail('rules', code, value, '2026-01-01')) AS n FROM robs WHERE entity = 2) q;
-- the jsonb drill-down of the first release still works on rule models (rule leaves: their points)
SELECT score_detail('rules', code, value) FROM robs WHERE entity = 1;

-- weights that must sum to 1: a parent with tol asks for it
INSERT INTO zjgov.indicator (model, code, parent, weight, lo, hi, tol) VALUES
  ('sum1', 'P', NULL, 1, NULL, NULL, 1e-9), ('sum1', 'x', 'P', 0.25, 0, 1, NULL), ('sum1', 'y', 'P', 0.75, 0, 1, NULL);
-- 0.25·40 + 0.75·80 = 70
SELECT score('sum1', code, value) FROM (VALUES ('x', 0.4), ('y', 0.8)) v(code, value);

-- ---------------------------------------------------------------- versions
-- the book changes every year: x is benefit on [0, 10] since always, [0, 20] from 2020, cost on
-- [0, 20] from 2021; y joins in 2021
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi, valid_from) VALUES
  ('ver', 'x', NULL, 1, 'benefit', 0, 10, '-infinity'),
  ('ver', 'x', NULL, 1, 'benefit', 0, 20, '2020-01-01'),
  ('ver', 'x', NULL, 1, 'cost', 0, 20, '2021-01-01'),
  ('ver', 'y', NULL, 3, 'benefit', 0, 1, '2021-01-01');
-- x = 5: 50 before 2020, 25 in 2020, 75 from 2021 (y absent: re-weighted); y = 1 from 2021: (75 + 300)/4
SELECT d, score('ver', 'x', 5, d) AS x_only,
       (SELECT score('ver', code, value, d) FROM (VALUES ('x', 5.0::float8), ('y', 1)) v(code, value)
         WHERE code = 'x' OR d >= '2021-01-01') AS with_y
  FROM (VALUES ('1999-12-31'::date), ('2019-12-31'), ('2020-01-01'), ('2020-12-31'), ('2021-01-01'), ('infinity')) t(d)
 GROUP BY d ORDER BY d;
-- without as_of: the version in force today (the 2021 book)
SELECT score('ver', 'x', 5) AS today;
-- one group per entity and year, as a yearly evaluation is written
SELECT yr, score('ver', 'x', v, make_date(yr, 12, 31)) FROM (VALUES (2019, 5.0::float8), (2020, 5), (2021, 5)) t(yr, v)
 GROUP BY yr ORDER BY yr;

-- parallel partial aggregation with as_of gives the serial result
CREATE TABLE par_rules AS
  SELECT e AS entity, c.code, ((e * 37 + length(c.code) * 11) % 13)::float8 / 10 AS value
    FROM generate_series(1, 2000) e, (VALUES ('a'), ('b'), ('c'), ('d'), ('v1'), ('bonus'), ('ded'), ('V')) c(code)
   WHERE (e + ascii(c.code)) % 5 <> 0;
UPDATE par_rules SET value = value * 100 WHERE code IN ('a', 'b');
ANALYZE par_rules;
CREATE TEMP TABLE serial_rules AS
  SELECT entity, score('rules', code, value, '2026-01-01') AS s FROM par_rules GROUP BY entity;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT entity, score('rules', code, value, '2026-01-01') FROM par_rules GROUP BY entity;
SELECT count(*) AS n, bool_and(p.s IS NOT DISTINCT FROM q.s OR abs(p.s - q.s) < 1e-9) AS same
  FROM (SELECT entity, score('rules', code, value, '2026-01-01') AS s FROM par_rules GROUP BY entity) p
  JOIN serial_rules q USING (entity);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET enable_hashagg;
DROP TABLE par_rules;

-- ---------------------------------------------------------------- errors
-- overlapping versions: the same node twice in one version
INSERT INTO zjgov.indicator (model, code, parent, weight, lo, hi, valid_from) VALUES ('ver', 'x', NULL, 1, 0, 1, '2020-01-01');
-- no version in force
INSERT INTO zjgov.indicator (model, code, weight, lo, hi, valid_from) VALUES ('future', 'x', 1, 0, 1, '2999-01-01');
SELECT score('future', 'x', 1, '2026-01-01');
SELECT score('ver', 'x', 5, NULL);
-- one group, two versions
SELECT score('ver', 'x', 5, d) FROM (VALUES ('2020-06-01'::date), ('2021-06-01')) t(d);
-- a code of another version
SELECT score('ver', 'y', 1, '2020-06-01');
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi, kind, tol, cap, points, missing, valid_from) VALUES
  ('e_veto', 'A', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_veto', 'v', NULL, 1, 'benefit', NULL, NULL, 'veto', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_vetokids', 'A', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_vetokids', 'v', NULL, 1, 'benefit', NULL, NULL, 'veto', NULL, 10, NULL, 'reweight', '-infinity'),
  ('e_vetokids', 'v1', 'v', 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_kind', 'A', NULL, 1, 'benefit', 0, 1, 'bogus', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_missing', 'A', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'ignore', '-infinity'),
  ('e_interval', 'A', NULL, 1, 'benefit', 0, 1, 'interval', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_interval2', 'A', NULL, 1, 'interval', 5, 1, 'leaf', 1, NULL, NULL, 'reweight', '-infinity'),
  ('e_points', 'A', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_points', 'b', NULL, 1, 'benefit', NULL, NULL, 'bonus', NULL, NULL, -2, 'reweight', '-infinity'),
  ('e_cap', 'A', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_cap', 'd', NULL, 1, 'benefit', NULL, NULL, 'deduction', NULL, 'NaN', 1, 'reweight', '-infinity'),
  ('e_sum', 'P', NULL, 1, 'benefit', NULL, NULL, 'leaf', 0.001, NULL, NULL, 'reweight', '-infinity'),
  ('e_sum', 'x', 'P', 0.5, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_sum', 'y', 'P', 0.4, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_rulesonly', 'P', NULL, 1, 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_rulesonly', 'b', 'P', 1, 'benefit', NULL, NULL, 'bonus', NULL, 5, 1, 'reweight', '-infinity'),
  ('e_rootrules', 'b', NULL, 1, 'benefit', NULL, NULL, 'bonus', NULL, 5, 1, 'reweight', '-infinity'),
  ('e_target', 'A', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_target', 'B', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  -- a cycle inside a later version (the message names the version)
  ('e_cycle', 'R', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_cycle', 'R', NULL, 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '2024-01-01'),
  ('e_cycle', 'X', 'Y', 1, 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL, 'reweight', '2024-01-01'),
  ('e_cycle', 'Y', 'X', 1, 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL, 'reweight', '2024-01-01'),
  ('e_cycle', 'y1', 'Y', 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '2024-01-01'),
  -- a later version that lists only the changed rows: its parent is in another version
  ('e_partial', 'P', NULL, 1, 'benefit', NULL, NULL, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_partial', 'x', 'P', 1, 'benefit', 0, 1, 'leaf', NULL, NULL, NULL, 'reweight', '-infinity'),
  ('e_partial', 'x', 'P', 1, 'benefit', 0, 2, 'leaf', NULL, NULL, NULL, 'reweight', '2024-01-01');
UPDATE zjgov.indicator SET target = 'Infinity' WHERE model = 'e_target' AND code = 'B';
SELECT score('e_veto', 'A', 1);
SELECT score('e_vetokids', 'A', 1);
SELECT score('e_kind', 'A', 1);
SELECT score('e_missing', 'A', 1);
SELECT score('e_interval', 'A', 1);
SELECT score('e_interval2', 'A', 1);
SELECT score('e_points', 'A', 1);
SELECT score('e_cap', 'A', 1);
SELECT score('e_sum', 'x', 1);
SELECT score('e_rulesonly', 'b', 1);
SELECT score('e_rootrules', 'b', 1);
SELECT score('e_target', 'A', 1);
SELECT score('e_cycle', 'R', 1, '2023-12-31') AS before_the_cycle;
SELECT score('e_cycle', 'R', 1, '2024-01-01');
SELECT score('e_partial', 'x', 1, '2024-01-01');
-- rule points overflow
INSERT INTO zjgov.indicator (model, code, weight, lo, hi, kind, points) VALUES
  ('e_big', 'A', 1, 0, 1, 'leaf', NULL), ('e_big', 'b', 1, NULL, NULL, 'bonus', 1e300);
SELECT score('e_big', code, v) FROM (VALUES ('A', 1.0::float8), ('b', 1e10)) t(code, v);
-- interval leaves far away from the range score 0 (no overflow)
INSERT INTO zjgov.indicator (model, code, weight, lo, hi, kind, tol) VALUES ('e_far', 'A', 1, 0, 1, 'interval', 1e-300);
SELECT score('e_far', 'A', 1e300);
-- the support functions check their states
SELECT _zjgov_score_nodes_final('v1:v:1:0:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_score_nodes_final('v1:m:2:0:0:0x1p+0,0x1p+0,0x0p+0,0x0p+0:');
DELETE FROM zjgov.indicator;
