-- 9. Indicator models as departments write them (德清-sized enterprise evaluation): 6 dimensions,
--    239 indicators with benefit, cost and interval (区间型) items, a veto (一票否决), bonus and
--    deduction items (加分项 / 扣分项), two yearly versions of the book, 800 enterprises scored
--    over two years, the drill-down of one enterprise and the change against last year (同比).
--
-- Everything is synthetic and deterministic (no random()): values come from integer hashes of
-- (enterprise, indicator, year).  The model lives in zjgov.indicator under the name demo_deqing.
SET search_path = demo, zjgov, public;

-- ## 9.1 The rule book: 6 dimensions, 239 indicators, two versions
-- needs: score
-- 2024 book: dimension d has weight d; indicator i sits in dimension 1 + i % 6 with weight 1 + i % 5;
-- every 4th is a cost indicator, every 10th an interval indicator (ideal 40–60, tolerance 30);
-- bounds [0, 100].  Rule items at the root level: V 重大安全事故 (veto: the total is capped at 60),
-- B 科技创新 (bonus: 2 points per award, at most 5), P 环保处罚 (deduction: 5 points each, at most 15).
-- 2025 book: the same, but 安全生产 (D1) counts double and its missing values count as 0, and every
-- indicator gets the target 80 (value units) — departments change the book every year.
DELETE FROM zjgov.indicator WHERE model = 'demo_deqing';
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi, kind, tol, cap, points, missing, target, valid_from)
SELECT 'demo_deqing', 'D' || d, NULL, (ARRAY['安全生产', '经济效益', '科技创新', '环境保护', '社会责任', '信用记录'])[d],
       CASE WHEN v = 2025 AND d = 1 THEN 2 * d ELSE d END, 'benefit', NULL::float8, NULL::float8, 'leaf',
       NULL::float8, NULL::float8, NULL::float8, CASE WHEN v = 2025 AND d = 1 THEN 'zero' ELSE 'reweight' END,
       NULL::float8, make_date(v, 1, 1)
  FROM generate_series(1, 6) d, (VALUES (2024), (2025)) y(v)
UNION ALL
SELECT 'demo_deqing', 'I' || lpad(i::text, 3, '0'), 'D' || (1 + i % 6), '指标 ' || i, 1 + i % 5,
       CASE WHEN i % 10 = 0 THEN 'interval' WHEN i % 4 = 0 THEN 'cost' ELSE 'benefit' END,
       CASE WHEN i % 10 = 0 THEN 40 ELSE 0 END, CASE WHEN i % 10 = 0 THEN 60 ELSE 100 END,
       CASE WHEN i % 10 = 0 THEN 'interval' ELSE 'leaf' END, CASE WHEN i % 10 = 0 THEN 30 END, NULL, NULL,
       'reweight', CASE WHEN v = 2025 AND i % 10 <> 0 THEN 80 END, make_date(v, 1, 1)
  FROM generate_series(1, 239) i, (VALUES (2024), (2025)) y(v)
UNION ALL
SELECT 'demo_deqing', code, NULL, name, 1, 'benefit', NULL, NULL, kind, NULL, cap, points, 'reweight', NULL, make_date(v, 1, 1)
  FROM (VALUES ('V', '重大安全事故', 'veto', 60.0, NULL::float8), ('B', '科技创新奖励', 'bonus', 5, 2),
               ('P', '环保处罚', 'deduction', 15, 5)) r(code, name, kind, cap, points), (VALUES (2024), (2025)) y(v);
SELECT valid_from AS "版本", count(*) FILTER (WHERE code LIKE 'I%') AS "指标", count(*) FILTER (WHERE code LIKE 'D%') AS "维度",
       count(*) FILTER (WHERE kind = 'interval') AS "区间型", count(*) FILTER (WHERE kind IN ('veto', 'bonus', 'deduction')) AS "规则项"
  FROM zjgov.indicator WHERE model = 'demo_deqing' GROUP BY valid_from ORDER BY valid_from;

-- ## 9.2 Two years of observations for 800 enterprises
-- needs: score
-- Long format (enterprise, year, code, value): 239 indicators, about 2 % missing; an enterprise's
-- level drifts between the years; a few enterprises had a major accident, some won awards, some
-- were fined.
DROP TABLE IF EXISTS demo.ent_obs;
CREATE TABLE demo.ent_obs AS
SELECT e AS enterprise, y AS year, 'I' || lpad(i::text, 3, '0') AS code,
       greatest(0, least(100, 20 + (e * 37 + y * 11) % 50 + (e * 7919 + i * 104729 + y * 13) % 41))::float8 AS value
  FROM generate_series(1, 800) e, generate_series(1, 239) i, (VALUES (2024), (2025)) t(y)
 WHERE (e * 31 + i * 17 + y) % 53 <> 0
UNION ALL
SELECT e, y, 'V', CASE WHEN (e * 13 + y) % 97 = 0 THEN 1 ELSE 0 END FROM generate_series(1, 800) e, (VALUES (2024), (2025)) t(y)
UNION ALL
SELECT e, y, 'B', (e + y) % 4 FROM generate_series(1, 800) e, (VALUES (2024), (2025)) t(y) WHERE (e + y) % 3 = 0
UNION ALL
SELECT e, y, 'P', 1 + (e + y) % 3 FROM generate_series(1, 800) e, (VALUES (2024), (2025)) t(y) WHERE e % 7 = 0;
SELECT year AS "年度", count(DISTINCT enterprise) AS "企业", count(*) AS "观测" FROM demo.ent_obs GROUP BY year ORDER BY year;

-- ## 9.3 Scores and grades per year, each year on the book in force at its end
-- needs: score credit_grade
DROP TABLE IF EXISTS demo.ent_score;
CREATE TABLE demo.ent_score AS
SELECT enterprise, year, zjgov.score('demo_deqing', code, value, make_date(year, 12, 31)) AS score
  FROM demo.ent_obs GROUP BY enterprise, year;
SELECT year AS "年度", zjgov.credit_grade(score, 'public') AS "等级", count(*) AS "企业", round(avg(score)::numeric, 1) AS "平均分"
  FROM demo.ent_score GROUP BY 1, 2 ORDER BY 1, 2 DESC;
-- vetoed enterprises stay at or below 60 whatever their other indicators say
SELECT s.year AS "年度", count(*) AS "否决企业", max(s.score) AS "最高分"
  FROM demo.ent_score s JOIN demo.ent_obs o ON o.enterprise = s.enterprise AND o.year = s.year AND o.code = 'V' AND o.value <> 0
 GROUP BY s.year ORDER BY 1;

-- ## 9.4 Drill-down of one enterprise (2025): dimensions and rule items
-- needs: score_detail
-- score_detail with as_of returns one zjgov.score_node per node: value, normalised value, score,
-- weight, contribution to the total and, where the book sets a target, the attainment.
SELECT coalesce(n.code, '总分') AS "节点", n.kind AS "类型", round(n.score::numeric, 2) AS "得分",
       n.weight AS "权重", round(n.contribution::numeric, 2) AS "贡献"
  FROM (SELECT zjgov.score_detail('demo_deqing', code, value, '2025-12-31') AS d
          FROM demo.ent_obs WHERE enterprise = 42 AND year = 2025) q, unnest(q.d) n
 WHERE n.parent IS NULL ORDER BY n.code NULLS FIRST;
-- its five weakest indicators against their 2025 target of 80
SELECT n.code AS "指标", n.value AS "值", round(n.score::numeric, 1) AS "得分", n.target AS "目标",
       round(n.attainment::numeric, 3) AS "完成率"
  FROM (SELECT zjgov.score_detail('demo_deqing', code, value, '2025-12-31') AS d
          FROM demo.ent_obs WHERE enterprise = 42 AND year = 2025) q, unnest(q.d) n
 WHERE n.target IS NOT NULL ORDER BY n.attainment, n.code LIMIT 5;

-- ## 9.5 The change against last year (同比)
-- needs: period_change
SELECT enterprise AS "企业", year AS "年度", round(score::numeric, 2) AS "得分",
       round((c).delta::numeric, 2) AS "同比变化", round((100 * (c).ratio)::numeric, 1) AS "同比%"
  FROM (SELECT enterprise, year, score,
               zjgov.period_change(score) OVER (PARTITION BY enterprise ORDER BY year) AS c
          FROM demo.ent_score) q
 WHERE enterprise IN (1, 42, 388) ORDER BY enterprise, year;
-- the largest falls between the two years
SELECT enterprise AS "企业", round((c).delta::numeric, 2) AS "同比变化"
  FROM (SELECT enterprise, year, zjgov.period_change(score) OVER (PARTITION BY enterprise ORDER BY year) AS c
          FROM demo.ent_score) q
 WHERE year = 2025 ORDER BY (c).delta, enterprise LIMIT 5;
