-- hierarchical indicator models: zjgov.indicator, score, score_detail
SET search_path = public, zjgov;
SET extra_float_digits = 0;

-- the catalog table keeps user rows through pg_dump
SELECT 'zjgov.indicator'::regclass = ANY (extconfig) AS dumped FROM pg_extension WHERE extname = 'zjgov';

-- a three-level model: dimensions → sub-dimensions → indicators
--   E (weight 3): E1 (1): e11 benefit [0, 100] w 2, e12 cost [0, 10] w 1
--                 E2 (1): e21 benefit [0, 50] w 1
--   S (weight 2): S1 (1): s11 benefit [0, 1] w 1, s12 benefit [0, 200] w 3
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi) VALUES
  ('town', 'E',   NULL, '经济', 3, 'benefit', NULL, NULL),
  ('town', 'S',   NULL, '社会', 2, 'benefit', NULL, NULL),
  ('town', 'E1',  'E',  '产业', 1, 'benefit', NULL, NULL),
  ('town', 'E2',  'E',  '财政', 1, 'benefit', NULL, NULL),
  ('town', 'S1',  'S',  '治理', 1, 'benefit', NULL, NULL),
  ('town', 'e11', 'E1', '工业产值', 2, 'benefit', 0, 100),
  ('town', 'e12', 'E1', '能耗', 1, 'cost', 0, 10),
  ('town', 'e21', 'E2', '税收', 1, '效益型', 0, 50),
  ('town', 's11', 'S1', '满意度', 1, 'benefit', 0, 1),
  ('town', 's12', 'S1', '网格事件办结', 3, 'benefit', 0, 200);
CREATE TEMP TABLE obs (entity int, code text, value float8);
INSERT INTO obs VALUES
  -- entity 1, every leaf: e11 = 80 → 80, e12 = 2 → (10 − 2)/10 = 80, E1 = (2·80 + 1·80)/3 = 80;
  -- e21 = 25 → 50, E2 = 50; E = (80 + 50)/2 = 65; s11 = 0.5 → 50, s12 = 150 → 75,
  -- S1 = (50 + 3·75)/4 = 68.75 = S; total = (3·65 + 2·68.75)/5 = 332.5/5 = 66.5
  (1, 'e11', 80), (1, 'e12', 2), (1, 'e21', 25), (1, 's11', 0.5), (1, 's12', 150),
  -- entity 2, missing leaves: e11 = 120 → clamped 100, e12 absent → E1 = 100; E2 has no leaf → no score,
  -- E = 100 (re-weighted among the siblings present); s11 NULL (missing), s12 = 0 → 0, S1 = S = 0;
  -- total = (3·100 + 2·0)/5 = 60
  (2, 'e11', 120), (2, 's11', NULL), (2, 's12', 0),
  -- entity 3: only e21 = 50 → 100; E2 = E = 100, S has no score; total = 100
  (3, 'e21', 50),
  -- entity 4: only a NULL value → no score at all
  (4, 'e11', NULL);
SELECT entity, score('town', code, value) FROM obs GROUP BY entity ORDER BY entity;
SELECT entity, score_detail('town', code, value) FROM obs GROUP BY entity ORDER BY entity;
-- drill-down: the dimension scores of every entity, as a BI tool reads them
SELECT entity, (d -> 'nodes' ->> 'E')::float8 AS e, (d -> 'nodes' ->> 'S')::float8 AS s, d ->> 'total' AS total
  FROM (SELECT entity, score_detail('town', code, value) AS d FROM obs GROUP BY entity) q ORDER BY entity;
-- weights are relative among siblings: scaling every weight of one level leaves scores unchanged
UPDATE zjgov.indicator SET weight = weight * 10 WHERE model = 'town' AND parent IS NULL;
SELECT entity, abs(score('town', code, value) - (ARRAY[66.5, 60, 100])[entity]) < 1e-12 AS same
  FROM obs WHERE entity <= 3 GROUP BY entity ORDER BY entity;
-- without GROUP BY, over no rows: NULL
SELECT score('town', code, value) IS NULL AS empty FROM obs WHERE false;

-- two models side by side, codes that need JSON escaping, a single root
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi) VALUES
  ('tiny', 'root', NULL, 1, 'benefit', NULL, NULL),
  ('tiny', 'a "quoted" code', 'root', 1, 'cost', 10, 20),
  ('tiny', '企业信用', 'root', 3, 'benefit', 0, 1);
-- (20 − 12.5)/10 = 0.75 → 75; 0.25 → 25; root = (75 + 3·25)/4 = 37.5
SELECT m, score(m, code, value), score_detail(m, code, value)
  FROM (VALUES ('tiny', 'a "quoted" code', 12.5::float8), ('tiny', '企业信用', 0.25),
               ('town', 'e11', 50)) v(m, code, value)
 GROUP BY m ORDER BY m;

-- parallel partial aggregation gives the same scores as a serial plan
CREATE TABLE par_obs AS
  SELECT e AS entity, l.code, ((e * 37 + length(l.code) * 11) % 140)::float8 AS value
    FROM generate_series(1, 3000) e, (VALUES ('e11'), ('e12'), ('e21'), ('s11'), ('s12')) l(code)
   WHERE (e + length(l.code)) % 7 <> 0;
ANALYZE par_obs;
CREATE TEMP TABLE serial_scores AS
  SELECT entity, score('town', code, value) AS s FROM par_obs GROUP BY entity;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT entity, score('town', code, value) FROM par_obs GROUP BY entity;
SELECT count(*) AS n, bool_and(abs(p.s - q.s) < 1e-9) AS same
  FROM (SELECT entity, score('town', code, value) AS s FROM par_obs GROUP BY entity) p
  JOIN serial_scores q USING (entity);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET enable_hashagg;
DROP TABLE par_obs;

-- ---------------------------------------------------------------- 6 dimensions, 239 indicators
-- D1..D6 (weight d), 4 sub-dimensions each (weight 1 + s % 3), leaf i → sub-dimension (i − 1) % 24 + 1,
-- weight 1 + i % 5, cost when i % 4 = 0, bounds [0, 10·(1 + i % 7)]
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi)
  SELECT 'deqing', 'D' || d, NULL, d, 'benefit', NULL::float8, NULL::float8 FROM generate_series(1, 6) d
  UNION ALL
  SELECT 'deqing', 'S' || s, 'D' || ((s - 1) / 4 + 1), 1 + s % 3, 'benefit', NULL, NULL FROM generate_series(1, 24) s
  UNION ALL
  SELECT 'deqing', 'I' || i, 'S' || ((i - 1) % 24 + 1), 1 + i % 5, CASE WHEN i % 4 = 0 THEN 'cost' ELSE 'benefit' END,
         0, 10 * (1 + i % 7)
    FROM generate_series(1, 239) i;
SELECT count(*) FILTER (WHERE code LIKE 'I%') AS leaves, count(*) FILTER (WHERE parent IS NULL) AS dimensions
  FROM zjgov.indicator WHERE model = 'deqing';
CREATE TEMP TABLE leaf AS
  SELECT i, code, lo, hi, direction = 'cost' AS cost FROM zjgov.indicator, LATERAL (SELECT substr(code, 2)::int AS i) n
   WHERE model = 'deqing' AND code LIKE 'I%';
-- 10,000 entities: entity e puts every leaf at the fraction t = (e % 101)/100 of its range, from the
-- good end, and misses the leaves with (e + i) % 17 = 0: every node, and the total, must score 100·t
-- whatever the weights and the missing leaves
SELECT count(*) AS entities, bool_and(abs(s - (e % 101)) < 1e-9) AS all_100t
  FROM (SELECT e, (SELECT score('deqing', l.code,
                                CASE WHEN l.cost THEN l.hi - (l.hi - l.lo) * (e % 101) / 100.0
                                     ELSE l.lo + (l.hi - l.lo) * (e % 101) / 100.0 END)
                     FROM leaf l WHERE (e + l.i) % 17 <> 0) AS s
          FROM generate_series(1, 10000) e) q;
-- 300 entities with scattered values (some outside the bounds, some missing), against the same
-- computation written as plain SQL: joins and GROUP BY per level
CREATE TEMP TABLE deq AS
  SELECT e AS entity, l.code, l.lo + (l.hi - l.lo) * (((e * 7919 + l.i * 104729) % 1000) / 800.0 - 0.1) AS value
    FROM generate_series(1, 300) e, leaf l WHERE (e * l.i) % 11 <> 3;
WITH ind AS (SELECT * FROM zjgov.indicator WHERE model = 'deqing'),
leafscore AS (
  SELECT d.entity, i.parent, i.weight,
         100 * greatest(0, least(1, CASE WHEN i.direction = 'cost' THEN (i.hi - d.value) / (i.hi - i.lo)
                                         ELSE (d.value - i.lo) / (i.hi - i.lo) END)) AS s
    FROM deq d JOIN ind i USING (code)),
sub AS (
  SELECT l.entity, p.parent, p.weight, sum(l.weight * l.s) / sum(l.weight) AS s
    FROM leafscore l JOIN ind p ON p.code = l.parent GROUP BY l.entity, p.code, p.parent, p.weight),
dim AS (
  SELECT s.entity, p.weight, sum(s.weight * s.s) / sum(s.weight) AS s
    FROM sub s JOIN ind p ON p.code = s.parent GROUP BY s.entity, p.code, p.weight),
plain AS (SELECT entity, sum(weight * s) / sum(weight) AS s FROM dim GROUP BY entity)
SELECT count(*) AS entities, bool_and(abs(z.s - plain.s) < 1e-9) AS same_as_plain_sql,
       count(DISTINCT round(z.s)) > 5 AS spread
  FROM (SELECT entity, score('deqing', code, value) AS s FROM deq GROUP BY entity) z JOIN plain USING (entity);

-- ---------------------------------------------------------------- errors
SELECT score('nope', 'x', 1);
SELECT score('town', 'zz', 1);
SELECT score('town', 'E1', 1);
SELECT score(NULL, 'e11', 1);
SELECT score('town', NULL, 1);
SELECT score('town', 'e11', 'NaN');
SELECT score('town', code, 1) FROM (VALUES ('e11'), ('e11')) v(code);
SELECT score(m, code, 1) FROM (VALUES ('town', 'e11'), ('tiny', '企业信用')) v(m, code);
-- a hand-made state naming model 1e9 (the transition function indexed the catalog with it: crash)
SELECT _zjgov_score_accum('v1:m:2:0:0:0,0,1e9,0:', 'town', 'e11', 1);
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi) VALUES
  ('bad_parent', 'A', NULL, 1, 'benefit', NULL, NULL), ('bad_parent', 'a1', 'B', 1, 'benefit', 0, 1),
  ('bad_cycle', 'R', NULL, 1, 'benefit', 0, 1), ('bad_cycle', 'X', 'Y', 1, 'benefit', NULL, NULL),
  ('bad_cycle', 'Y', 'X', 1, 'benefit', NULL, NULL), ('bad_cycle', 'y1', 'Y', 1, 'benefit', 0, 1),
  ('bad_self', 'A', 'A', 1, 'benefit', 0, 1),
  ('bad_weight', 'A', NULL, 1, 'benefit', NULL, NULL), ('bad_weight', 'a1', 'A', 0, 'benefit', 0, 1),
  ('bad_weight2', 'A', NULL, -2, 'benefit', 0, 1),
  ('bad_weight3', 'A', NULL, NULL, 'benefit', 0, 1),
  ('bad_dir', 'A', NULL, 1, 'sideways', 0, 1),
  ('bad_bounds', 'A', NULL, 1, 'benefit', 5, 5),
  ('bad_bounds2', 'A', NULL, 1, 'benefit', NULL, 5),
  ('bad_bounds3', 'A', NULL, 1, 'benefit', -1e308, 1e308);
SELECT score('bad_parent', 'a1', 1);
SELECT score('bad_cycle', 'R', 1);
SELECT score('bad_self', 'A', 1);
SELECT score('bad_weight', 'a1', 1);
SELECT score('bad_weight2', 'A', 1);
SELECT score('bad_weight3', 'A', 1);
SELECT score('bad_dir', 'A', 1);
SELECT score('bad_bounds', 'A', 1);
SELECT score('bad_bounds2', 'A', 1);
SELECT score('bad_bounds3', 'A', 1);
-- a broken model does not disturb the others
SELECT score('tiny', '企业信用', 1);
-- the support functions refuse foreign or mismatched states
SELECT _zjgov_score_final('v1:v:1:0:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_score_final('v1:m:2:0:1:0x1p+0,0x1p+0,0x0p+0,0x0p+0:0x0p+0,0x1p+0');
SELECT _zjgov_score_combine('v1:m:2:0:0:0x1p+0,0x1p+0,0x0p+0,0x0p+0:', 'v1:m:2:0:0:0x1p+1,0x1p+0,0x0p+0,0x0p+0:');
-- called directly, the transition and combine functions work on copies
SELECT _zjgov_score_final(_zjgov_score_combine(_zjgov_score_accum(NULL, 'tiny', '企业信用', 0.5),
                                               _zjgov_score_accum(NULL, 'tiny', 'a "quoted" code', NULL))) IS NULL AS direct_null;
-- (partial states through their exact text form, as Citus ships them: 0.5 → 50 (w 3), 20 → 0 (cost, w 1),
-- (150 + 0)/4 = 37.5)
SELECT _zjgov_score_final(_zjgov_score_combine(_zjgov_score_accum(NULL, 'tiny', '企业信用', 0.5)::text::aggstate,
                                               _zjgov_score_accum(NULL, 'tiny', 'a "quoted" code', 20)::text::aggstate)) AS direct;
DELETE FROM zjgov.indicator;
