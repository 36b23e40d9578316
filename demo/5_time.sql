-- 5. 时空热点与趋势预警: emerging hot spots over 24 months, complaint trends, clinic alarms
--
-- Tables come from demo/data.sql (schema demo); zjgov functions are written with their schema.
-- Each "-- ##" block can be copied on its own once the blocks before it have run.
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 5.1 时空热点 (emerging hot spots): 24 monthly slices of incidents on the grid
-- needs: emerging_hotspot svg_map
-- One row per grid cell and month (Dec 2024 .. Nov 2026).  Planted, deterministic: an emerging
-- cluster around 洪家 (hot from about month 13 on), a cluster in the old town of 海门 that is hot
-- all along but fading, one around 三甲 that keeps growing, a quiet area around 下陈, and noise
-- everywhere.  emerging_hotspot computes the space-time Gi* of every (cell, month) with the queen
-- neighbours in the same and the previous month, then the Mann-Kendall trend of each cell's
-- z-scores and its category (ESRI's emerging hot spot rules).
DROP TABLE IF EXISTS demo.incident_month;
CREATE TABLE incident_month AS
SELECT g.id AS cell, g.town, g.geom, (date '2024-12-01' + m * interval '1 month')::date AS month,
       (CASE WHEN ST_DWithin(c, xc.geom, 1500) THEN (g.id + m) % 2
             ELSE 2 + (g.id * 7919 + m * 104729) % 5 END
          + CASE WHEN ST_DWithin(c, hj.geom, 1500) THEN 1.5 * greatest(0, m - 11) ELSE 0 END
          + CASE WHEN ST_DWithin(c, hm.geom, 1500) THEN 6 + 0.5 * (23 - m) ELSE 0 END
          + CASE WHEN ST_DWithin(c, sj.geom, 1500) THEN 4 + 0.4 * m ELSE 0 END)::float8 AS incidents
  FROM (SELECT *, ST_Centroid(geom) AS c FROM grid) g, generate_series(0, 23) m,
       (SELECT geom FROM town WHERE code = 'HJ') hj, (SELECT geom FROM town WHERE code = 'HM') hm,
       (SELECT geom FROM town WHERE code = 'SJ') sj, (SELECT geom FROM town WHERE code = 'XC') xc;

DROP TABLE IF EXISTS demo.cell_emerging;
CREATE TABLE cell_emerging AS
SELECT DISTINCT ON (cell) cell, town, geom, (h).category, (h).category_zh, (h).tau, (h).trend_p
  FROM (SELECT cell, town, geom, month,
               zjgov.emerging_hotspot(incidents, geom, month, 'queen', 1) OVER () AS h
          FROM incident_month) s
 ORDER BY cell, month;

SELECT category_zh AS "类别", category AS "category", count(*) AS "网格数",
       round(avg(tau)::numeric, 2) AS "平均趋势 tau"
  FROM cell_emerging GROUP BY 1, 2 ORDER BY count(*) DESC, 1;

-- The category map: svg_map fills with the warning palette, so each category gets a colour:
-- red 新增/连续/加强/持续热点, orange 零星/振荡热点, yellow 减弱/历史热点, blue cold spots, green 无模式.
DROP TABLE IF EXISTS demo.emerging_legend;
CREATE TABLE emerging_legend AS
SELECT * FROM (VALUES
    ('red'::zjgov.colour, '新增/连续/加强/持续热点 (new, consecutive, intensifying, persistent hot)'),
    ('orange', '零星/振荡热点 (sporadic, oscillating hot)'),
    ('yellow', '减弱/历史热点 (diminishing, historical hot)'),
    ('blue', '冷点 (any cold spot)'),
    ('green', '无显著模式 (no pattern)')) v(colour, meaning);
DROP TABLE IF EXISTS demo.emerging_map;
CREATE TABLE emerging_map AS
SELECT zjgov.svg_map(geom, colour, label) AS svg
  FROM (SELECT geom,
               CASE WHEN category LIKE '%cold spot' THEN 'blue'
                    WHEN category IN ('new hot spot', 'consecutive hot spot', 'intensifying hot spot', 'persistent hot spot') THEN 'red'
                    WHEN category IN ('sporadic hot spot', 'oscillating hot spot') THEN 'orange'
                    WHEN category LIKE '%hot spot' THEN 'yellow'
                    ELSE 'green' END::zjgov.colour AS colour,
               (SELECT t.name FROM town t WHERE ST_Contains(c.geom, t.geom) LIMIT 1) AS label
          FROM cell_emerging c) s;
SELECT l.colour AS "颜色", l.meaning AS "图例", count(c.cell) AS "网格数"
  FROM emerging_legend l
  LEFT JOIN cell_emerging c
    ON l.colour = CASE WHEN c.category LIKE '%cold spot' THEN 'blue'
                       WHEN c.category IN ('new hot spot', 'consecutive hot spot', 'intensifying hot spot', 'persistent hot spot') THEN 'red'
                       WHEN c.category IN ('sporadic hot spot', 'oscillating hot spot') THEN 'orange'
                       WHEN c.category LIKE '%hot spot' THEN 'yellow'
                       ELSE 'green' END::zjgov.colour
 GROUP BY l.colour, l.meaning ORDER BY l.colour DESC;
SELECT length(svg) AS "SVG bytes", (length(svg) - length(replace(svg, '<path', ''))) / 5 AS "paths"
  FROM emerging_map;
-- written as demo/out/emerging_hotspots.svg
\! mkdir -p demo/out
SELECT svg FROM emerging_map \g (format=unaligned tuples_only) demo/out/emerging_hotspots.svg

-- ## 5.2 投诉趋势 (complaint trends): towns whose monthly 12345 complaints rise or fall
-- needs: mann_kendall
-- 24 months of complaint counts per town (deterministic: a town-specific trend plus a seasonal
-- wobble).  mann_kendall gives the Mann-Kendall test with the tie correction and Sen's slope: the
-- median of all pairwise changes per month, robust to the odd busy month.
DROP TABLE IF EXISTS demo.complaint_month;
CREATE TABLE complaint_month AS
SELECT t.code, t.name, m + 1 AS month_no,
       greatest(0, round(30 + (k % 5 - 2) * 0.9 * m + 6 * sin(m * 0.52 + k) + (m * 7 + k * 3) % 4))::float8 AS complaints
  FROM (SELECT code, name, row_number() OVER (ORDER BY code) AS k FROM town WHERE code <> 'DC') t,
       generate_series(0, 23) m;

SELECT name AS "街道", (r).n AS "月数", round((r).tau::numeric, 2) AS tau, round((r).p::numeric, 4) AS p,
       round((r).slope::numeric, 2) AS "Sen 斜率 (件/月)",
       CASE WHEN (r).p < 0.05 AND (r).slope > 0 THEN '显著上升'
            WHEN (r).p < 0.05 AND (r).slope < 0 THEN '显著下降' ELSE '无显著趋势' END AS "趋势"
  FROM (SELECT name, zjgov.mann_kendall(complaints, month_no) AS r FROM complaint_month GROUP BY name) s
 ORDER BY (r).p < 0.05 DESC, (r).slope DESC;

-- ## 5.3 门诊预警 (clinic alarms): EARS C1-C3 on daily visit counts
-- needs: ears ewma cusum
-- 120 days of visits at four clinics (deterministic weekly pattern and noise); clinic 兰江社区 gets
-- a sudden jump on days 100-104.  EARS C1 compares each day with the 7 days before it, C2 with the
-- 7 days before a 2-day gap, C3 accumulates C2 over three days (R surveillance::earsC); EWMA and
-- CUSUM use the first 28 days as their baseline.
DROP TABLE IF EXISTS demo.clinic_day;
CREATE TABLE clinic_day AS
SELECT c.name AS clinic, date '2026-07-01' + d AS day,
       (c.base + CASE WHEN extract(isodow FROM date '2026-07-01' + d) >= 6 THEN -8 ELSE 0 END
               + (d * 7 + c.k * 13) % 6
               + CASE WHEN c.k = 2 AND d BETWEEN 100 AND 104 THEN 25 ELSE 0 END)::float8 AS visits
  FROM (VALUES (1, '云溪卫生院', 60), (2, '兰江社区', 45), (3, '上华门诊部', 38), (4, '赤溪卫生院', 52)) c(k, name, base),
       generate_series(0, 119) d;

SELECT clinic AS "医疗机构", day AS "日期", visits AS "人次",
       round((c1).upper::numeric, 1) AS "C1 上限", (c1).alarm AS "C1", (c2).alarm AS "C2", (c3).alarm AS "C3",
       (e).alarm AS "EWMA", (s).alarm AS "CUSUM",
       CASE ((c1).alarm IS TRUE)::int + ((c2).alarm IS TRUE)::int + ((c3).alarm IS TRUE)::int
            WHEN 0 THEN '绿' WHEN 1 THEN '黄' ELSE '红' END AS "预警 (EARS 方法数)"
  FROM (SELECT clinic, day, visits,
               zjgov.ears(visits, 'C1') OVER w AS c1, zjgov.ears(visits, 'C2') OVER w AS c2,
               zjgov.ears(visits, 'C3') OVER w AS c3,
               zjgov.ewma(visits, 0.2, 3, 28) OVER w AS e, zjgov.cusum(visits, 0.5, 5, 28) OVER w AS s
          FROM clinic_day WINDOW w AS (PARTITION BY clinic ORDER BY day)) a
 WHERE (c1).alarm OR (c2).alarm OR (c3).alarm
 ORDER BY clinic, day;
