-- 2. Indicator scoring (指标评分): a two-level model scoring the towns with AHP and entropy weights
--
-- Tables come from demo/data.sql (schema demo). A model lives in the table zjgov.indicator
-- (model, code, parent, name, weight, direction, lo, hi): dimensions have no parent, indicators
-- name their dimension. Weights are relative among siblings; direction and bounds matter for leaves.
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 2.1 The raw indicators per town (街道), from the demo records
-- Six indicators in three dimensions: 公共安全 S, 民生诉求 L, 企业信用 E.
DROP TABLE IF EXISTS demo.town_indicator;
CREATE TABLE town_indicator AS
SELECT t.code AS town, t.name,
       10000.0 * (SELECT count(*) FROM incident i JOIN grid g ON ST_Contains(g.geom, i.geom)
                   WHERE g.town = t.code) / t.population AS s1,           -- 每万人事件数 (cost)
       (SELECT coalesce(sum(ST_Area(ST_Intersection(g.geom, h.geom))), 0) / sum(ST_Area(g.geom))
          FROM grid g LEFT JOIN hazard h ON ST_Intersects(g.geom, h.geom)
         WHERE g.town = t.code) AS s2,                                     -- 隐患面积占比 (cost)
       10000.0 * (SELECT count(*) FROM complaint c JOIN grid g ON ST_Contains(g.geom, c.geom)
                   WHERE g.town = t.code) / t.population AS l1,           -- 每万人12345工单 (cost)
       (SELECT avg((c.closed_at <= c.deadline)::int) FROM complaint c JOIN grid g ON ST_Contains(g.geom, c.geom)
         WHERE g.town = t.code AND c.closed_at IS NOT NULL) AS l2,       -- 按期办结率 (benefit)
       (SELECT avg(e.tax_on_time) FROM enterprise e WHERE e.town = t.code) AS e1,  -- 纳税及时率 (benefit)
       (SELECT 100.0 * count(p.id) / count(DISTINCT e.id) FROM enterprise e
          LEFT JOIN penalty p ON p.enterprise_id = e.id WHERE e.town = t.code) AS e2  -- 百企处罚数 (cost)
  FROM town t;

SELECT name AS "街道", round(s1::numeric, 1) AS "S1 万人事件", round(s2::numeric, 3) AS "S2 隐患占比",
       round(l1::numeric, 1) AS "L1 万人工单", round(l2::numeric, 3) AS "L2 按期办结",
       round(e1::numeric, 3) AS "E1 纳税及时", round(e2::numeric, 1) AS "E2 百企处罚"
  FROM town_indicator ORDER BY town;

-- ## 2.2 Dimension weights by AHP (层次分析法)
-- needs: ahp
-- Pairwise judgements on Saaty's 1–9 scale, row by row: safety is 2× as important as livelihood
-- and 3× as important as enterprise credit; livelihood 2× enterprise credit. CR < 0.10 = consistent.
DROP TABLE IF EXISTS demo.dim_weight;
CREATE TABLE dim_weight AS
SELECT zjgov.ahp(ARRAY[[1,   2,   3],
                       [1/2., 1,   2],
                       [1/3., 1/2., 1]]) AS r;

SELECT d.code AS "维度", d.name AS "名称", round(((r).weights[d.i])::numeric, 4) AS "AHP 权重",
       round((r).lambda_max::numeric, 4) AS "λmax", round((r).cr::numeric, 4) AS "CR", (r).consistent AS "一致"
  FROM dim_weight, (VALUES (1, 'S', '公共安全'), (2, 'L', '民生诉求'), (3, 'E', '企业信用')) d(i, code, name)
 ORDER BY d.i;

-- ## 2.3 Indicator weights by the entropy method (熵权法), within each dimension
-- needs: normalize entropy_weights ahp
-- Entropy needs comparable non-negative data: first min-max normalise each indicator over the
-- towns in its good direction (window normalize), then the more an indicator varies between towns,
-- the more weight it gets.
DROP TABLE IF EXISTS demo.leaf_weight;
CREATE TABLE leaf_weight AS
WITH n AS (
  SELECT zjgov.normalize(s1, 'minmax', 'cost') OVER () AS s1, zjgov.normalize(s2, 'minmax', 'cost') OVER () AS s2,
         zjgov.normalize(l1, 'minmax', 'cost') OVER () AS l1, zjgov.normalize(l2, 'minmax', 'benefit') OVER () AS l2,
         zjgov.normalize(e1, 'minmax', 'benefit') OVER () AS e1, zjgov.normalize(e2, 'minmax', 'cost') OVER () AS e2
    FROM town_indicator)
SELECT zjgov.entropy_weights(ARRAY[s1, s2]) AS s, zjgov.entropy_weights(ARRAY[l1, l2]) AS l,
       zjgov.entropy_weights(ARRAY[e1, e2]) AS e
  FROM n;

-- The model: dimensions weighted by AHP, indicators by entropy; leaves are scored 0–100 between
-- the lowest and highest town value (lo, hi) in their direction.
DELETE FROM zjgov.indicator WHERE model = 'demo_town';
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi)
SELECT 'demo_town', d.code, NULL, d.name, (r).weights[d.i], 'benefit', NULL, NULL
  FROM dim_weight, (VALUES (1, 'S', '公共安全'), (2, 'L', '民生诉求'), (3, 'E', '企业信用')) d(i, code, name)
UNION ALL
SELECT 'demo_town', x.code, x.parent, x.name, x.w, x.direction, x.lo, x.hi
  FROM leaf_weight lw, LATERAL (
       SELECT 'S1', 'S', '每万人事件数', lw.s[1], 'cost', min(s1), max(s1) FROM town_indicator
       UNION ALL SELECT 'S2', 'S', '隐患面积占比', lw.s[2], 'cost', min(s2), max(s2) FROM town_indicator
       UNION ALL SELECT 'L1', 'L', '每万人工单数', lw.l[1], 'cost', min(l1), max(l1) FROM town_indicator
       UNION ALL SELECT 'L2', 'L', '按期办结率', lw.l[2], 'benefit', min(l2), max(l2) FROM town_indicator
       UNION ALL SELECT 'E1', 'E', '纳税及时率', lw.e[1], 'benefit', min(e1), max(e1) FROM town_indicator
       UNION ALL SELECT 'E2', 'E', '百企处罚数', lw.e[2], 'cost', min(e2), max(e2) FROM town_indicator
       ) x(code, parent, name, w, direction, lo, hi);

SELECT code AS "指标", parent AS "维度", name AS "名称", direction AS "方向", round(weight::numeric, 4) AS "权重",
       round((weight * (SELECT weight FROM zjgov.indicator p WHERE p.model = i.model AND p.code = i.parent))::numeric, 4) AS "综合权重"
  FROM zjgov.indicator i WHERE model = 'demo_town' AND parent IS NOT NULL
 ORDER BY array_position(ARRAY['S1','S2','L1','L2','E1','E2'], code);

-- ## 2.4 Town scores (0–100) from the model, with each dimension for drill-down
-- needs: normalize entropy_weights ahp score score_detail topsis
-- score() takes long-format leaf values (one row per indicator) and aggregates per town;
-- score_detail() returns every node's score as jsonb. TOPSIS with the same combined weights is a
-- second opinion on the ranking.
DROP TABLE IF EXISTS demo.town_score;
CREATE TABLE town_score AS
WITH long AS (
  SELECT t.town, v.code, v.value
    FROM town_indicator t,
         LATERAL (VALUES ('S1', t.s1), ('S2', t.s2), ('L1', t.l1), ('L2', t.l2), ('E1', t.e1), ('E2', t.e2)) v(code, value))
SELECT town, zjgov.score('demo_town', code, value) AS score,
       zjgov.score_detail('demo_town', code, value) AS detail
  FROM long GROUP BY town;

SELECT t.name AS "街道", round(s.score::numeric, 1) AS "综合得分",
       rank() OVER (ORDER BY s.score DESC) AS "排名",
       round((s.detail->'nodes'->>'S')::numeric, 1) AS "公共安全", round((s.detail->'nodes'->>'L')::numeric, 1) AS "民生诉求",
       round((s.detail->'nodes'->>'E')::numeric, 1) AS "企业信用",
       round(zjgov.topsis(ARRAY[i.s1, i.s2, i.l1, i.l2, i.e1, i.e2],
                          (SELECT array_agg(c.weight * p.weight ORDER BY array_position(ARRAY['S1','S2','L1','L2','E1','E2'], c.code))
                             FROM zjgov.indicator c JOIN zjgov.indicator p ON p.model = c.model AND p.code = c.parent
                            WHERE c.model = 'demo_town'),
                          ARRAY[false, false, false, true, true, false]) OVER ()::numeric, 3) AS "TOPSIS"
  FROM town_score s JOIN town_indicator i USING (town) JOIN town t ON t.code = s.town
 ORDER BY s.score DESC;
