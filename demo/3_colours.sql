-- 3. Colour warnings (三色/四色预警): overdue hotline cases, towns, grid cells, enterprise safety
--
-- Tables come from demo/data.sql (schema demo); 3.2 uses the town scores of 2_indicators.sql.
-- Colours are the type zjgov.colour, ordered by severity (green < blue < yellow < orange < red),
-- so max(colour) is the worst and ORDER BY colour DESC puts red first.
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 3.1 三色督办: open 12345 cases by how far past their deadline they are
-- needs: overdue_colour
-- overdue_colour(deadline, as_of): green before the deadline, yellow once it has passed, red from
-- 3 days after it (the defaults; both are arguments). "Now" is fixed at demo.setting.as_of.
SELECT t.name AS "街道",
       count(*) FILTER (WHERE k.colour = 'red')    AS "红 (超期>3天)",
       count(*) FILTER (WHERE k.colour = 'yellow') AS "黄 (已超期)",
       count(*) FILTER (WHERE k.colour = 'green')  AS "绿 (办理中)",
       max(k.colour) AS "最严重"
  FROM complaint c JOIN grid g ON ST_Contains(g.geom, c.geom) JOIN town t ON t.code = g.town,
       setting s, LATERAL (SELECT zjgov.overdue_colour(c.deadline, s.as_of) AS colour) k
 WHERE c.closed_at IS NULL
 GROUP BY t.code, t.name ORDER BY count(*) FILTER (WHERE k.colour = 'red') DESC, t.code;

-- The cases to chase first (督办清单).
SELECT c.id AS "工单", c.category AS "类别", to_char(c.deadline, 'MM-DD HH24:MI') AS "办结时限",
       extract(day FROM s.as_of - c.deadline) || ' 天 ' || extract(hour FROM s.as_of - c.deadline) || ' 小时' AS "超期",
       zjgov.colour_zh(zjgov.overdue_colour(c.deadline, s.as_of)) AS "督办"
  FROM complaint c, setting s
 WHERE c.closed_at IS NULL
 ORDER BY c.deadline, c.id LIMIT 5;

-- ## 3.2 Three-colour warning of the towns from their model score (低分预警)
-- needs: normalize entropy_weights ahp score score_detail topsis
-- three_colour(value, yellow_at, red_at) with yellow_at > red_at means "low is bad":
-- a score ≤ 40 is red, ≤ 60 yellow, above 60 green.
SELECT t.name AS "街道", round(s.score::numeric, 1) AS "综合得分",
       zjgov.three_colour(s.score, 60, 40) AS colour,
       zjgov.colour_zh(zjgov.three_colour(s.score, 60, 40)) AS "预警"
  FROM town_score s JOIN town t ON t.code = s.town
 ORDER BY s.score;

-- ## 3.3 Four-colour zoning of the grid by incident count, with natural breaks (Jenks)
-- needs: jenks_breaks quantile_breaks gvf
-- jenks_breaks(value, 4) gives the 3 thresholds that minimise the within-class variance; colour_of
-- maps a value to {blue, yellow, orange, red} for 4 classes. GVF (goodness of variance fit, 1 = perfect)
-- compares the natural breaks with quantile breaks on the same counts.
DROP TABLE IF EXISTS demo.cell_breaks;
CREATE TABLE cell_breaks AS
SELECT zjgov.jenks_breaks(incidents, 4) AS jenks, zjgov.quantile_breaks(incidents, 4) AS quantile
  FROM cell_risk;

SELECT 'jenks' AS "方法", jenks AS "分级阈值", round((SELECT zjgov.gvf(incidents, jenks) FROM cell_risk)::numeric, 3) AS "GVF"
  FROM cell_breaks
UNION ALL
SELECT 'quantile', quantile, round((SELECT zjgov.gvf(incidents, quantile) FROM cell_risk)::numeric, 3)
  FROM cell_breaks;

SELECT zjgov.colour_of(c.incidents, b.jenks) AS colour, zjgov.colour_zh(zjgov.colour_of(c.incidents, b.jenks)) AS "中文",
       zjgov.warning_level(zjgov.colour_of(c.incidents, b.jenks)) AS "等级",
       count(*) AS "网格数", min(c.incidents) AS "事件数从", max(c.incidents) AS "到"
  FROM cell_risk c, cell_breaks b
 GROUP BY 1, 2, 3 ORDER BY 1 DESC;

-- ## 3.4 Four-colour safety zoning of enterprises (安全风险四色分级)
-- needs: risk_colour lec_colour
-- Risk matrix: likelihood 1–5 from complaints and failed inspections, severity 1–5 by industry;
-- risk_colour(L, S) gives red (重大) / orange (较大) / yellow (一般) / blue (低). The LEC method
-- (D = L·E·C: likelihood from inspections, exposure from experience, consequence from complaints)
-- is the job-hazard variant used for workshops: here for the chemical plants.
SELECT e.industry AS "行业",
       count(*) FILTER (WHERE r.colour = 'red')    AS "红 重大",
       count(*) FILTER (WHERE r.colour = 'orange') AS "橙 较大",
       count(*) FILTER (WHERE r.colour = 'yellow') AS "黄 一般",
       count(*) FILTER (WHERE r.colour = 'blue')   AS "蓝 低",
       max(r.colour) AS "最高"
  FROM enterprise e,
       LATERAL (SELECT zjgov.risk_colour(
                  least(5, 1 + e.complaints / 3 + (e.inspection_pass < 0.8)::int + (e.arrears_months >= 3)::int),
                  CASE e.industry WHEN '化工' THEN 5 WHEN '建筑业' THEN 4 WHEN '制造业' THEN 3
                                  WHEN '交通运输' THEN 3 ELSE 2 END) AS colour) r
 GROUP BY e.industry ORDER BY max(r.colour) DESC, e.industry;

SELECT k.colour, zjgov.colour_zh(k.colour) AS "中文", zjgov.warning_level(k.colour) AS "等级",
       count(*) AS "化工企业", min(k.d) AS "D 从", max(k.d) AS "到"
  FROM enterprise e,
       LATERAL (SELECT CASE WHEN e.inspection_pass < 0.75 THEN 6 WHEN e.inspection_pass < 0.85 THEN 3 ELSE 1 END::float8 AS l,
                       CASE WHEN e.years_operating < 5 THEN 6 ELSE 3 END::float8 AS e,
                       CASE WHEN e.complaints >= 3 THEN 40 WHEN e.complaints >= 1 THEN 15 ELSE 7 END::float8 AS c) lec,
       LATERAL (SELECT zjgov.lec_colour(lec.l, lec.e, lec.c) AS colour, lec.l * lec.e * lec.c AS d) k
 WHERE e.industry = '化工'
 GROUP BY k.colour ORDER BY k.colour DESC;
