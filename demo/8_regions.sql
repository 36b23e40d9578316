-- 8. Risk zoning (风险区划): contiguous risk regions of the Jiaojiang grid, local statistics and
--    a join-count test of the red cells
--
-- Tables come from demo/data.sql (schema demo); zjgov functions are written with their schema.
-- Each "-- ##" block can be copied on its own once the blocks before it have run.
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 8.1 Risk indicators per grid cell (网格风险指标): incidents, 12345 complaints, hazard cover
-- needs: skater
-- The mainland grid (大陈岛 is a group of islands: regions never cross the sea, so it is left to
-- its own zoning). Each cell gets its incident and complaint counts and the share of its area
-- under a flood or slope hazard polygon; the counts are taken on a log scale (ln(1 + n): a few
-- very busy cells would otherwise be regions of their own) and all three are standardised
-- (z-scores) so that none dominates the distances SKATER cuts on.
DROP TABLE IF EXISTS demo.zone_cell;
CREATE TABLE zone_cell AS
SELECT g.id, g.town, g.geom,
       (SELECT count(*) FROM incident i WHERE ST_Contains(g.geom, i.geom))::float8 AS incidents,
       (SELECT count(*) FROM complaint c WHERE ST_Contains(g.geom, c.geom))::float8 AS complaints,
       coalesce((SELECT sum(zjgov.cover_fraction(g.geom, h.geom)) FROM hazard h
                  WHERE ST_Intersects(g.geom, h.geom)), 0) AS hazard
  FROM grid g
 WHERE g.town <> 'DC';
ALTER TABLE zone_cell ADD PRIMARY KEY (id);
ALTER TABLE zone_cell ADD COLUMN x float8[];
UPDATE zone_cell c
   SET x = ARRAY[s.zi, s.zc, s.zh]
  FROM (SELECT id, zjgov.normalize(ln(1 + incidents), 'zscore') OVER () AS zi,
               zjgov.normalize(ln(1 + complaints), 'zscore') OVER () AS zc,
               zjgov.normalize(hazard, 'zscore') OVER () AS zh
          FROM zone_cell) s
 WHERE s.id = c.id;

SELECT count(*) AS "网格数", round(avg(incidents)::numeric, 1) AS "平均事件",
       round(avg(complaints)::numeric, 1) AS "平均投诉", round(avg(hazard)::numeric, 3) AS "平均隐患覆盖"
  FROM zone_cell;

-- ## 8.2 SKATER: six contiguous risk regions (风险分区), each at least 15 cells
-- needs: skater
-- skater cuts the minimum spanning tree of the queen-contiguity graph (edge cost = distance of the
-- indicator vectors) five times, each time where the within-region sum of squared deviations drops
-- most while both parts keep at least 15 cells. Regions are numbered from the north-west.
ALTER TABLE zone_cell ADD COLUMN region int;
UPDATE zone_cell c
   SET region = s.region
  FROM (SELECT id, zjgov.skater(x, geom, 6, 'queen', 15) OVER () AS region FROM zone_cell) s
 WHERE s.id = c.id;

-- the region profiles: mean indicators, and a risk rank by the mean of the three z-scores
DROP TABLE IF EXISTS demo.zone_profile;
CREATE TABLE zone_profile AS
SELECT region, count(*) AS cells, avg(incidents) AS incidents, avg(complaints) AS complaints,
       avg(hazard) AS hazard, avg((x[1] + x[2] + x[3]) / 3) AS score,
       rank() OVER (ORDER BY avg((x[1] + x[2] + x[3]) / 3) DESC) AS risk_rank
  FROM zone_cell GROUP BY region;
ALTER TABLE zone_profile ADD COLUMN colour zjgov.colour;
UPDATE zone_profile
   SET colour = (ARRAY['red', 'orange', 'yellow', 'blue', 'green', 'green'])[risk_rank]::zjgov.colour;

SELECT p.region AS "分区", p.cells AS "网格", round(p.incidents::numeric, 1) AS "事件/格",
       round(p.complaints::numeric, 1) AS "投诉/格", round(p.hazard::numeric, 3) AS "隐患覆盖",
       round(p.score::numeric, 2) AS "综合得分", zjgov.colour_zh(p.colour) AS "风险色",
       (SELECT string_agg(DISTINCT t.name, '、') FROM zone_cell c JOIN town t ON t.code = c.town
         WHERE c.region = p.region) AS "涉及街道"
  FROM zone_profile p ORDER BY p.region;

-- ## 8.3 The zoning map (风险区划图) in region colours, with a label per region
-- needs: skater
-- svg_map draws every cell in its region's colour; one cell per region (its first from the
-- north-west) carries the label, so the legend reads "分区 n" with the region's profile.
DROP TABLE IF EXISTS demo.zone_map;
CREATE TABLE zone_map AS
SELECT zjgov.svg_map(c.geom, p.colour,
                     CASE WHEN c.id = f.first_id
                          THEN format('分区%s: 事件%s 投诉%s', p.region, round(p.incidents::numeric, 1),
                                      round(p.complaints::numeric, 1)) END) AS svg
  FROM zone_cell c
  JOIN zone_profile p USING (region)
  JOIN (SELECT DISTINCT ON (region) region, id AS first_id FROM zone_cell
         ORDER BY region, ST_YMax(geom) DESC, ST_XMin(geom)) f USING (region);
SELECT length(svg) > 1000 AS "地图已生成", (length(svg) - length(replace(svg, '<path', ''))) / 5 AS "图形数"
  FROM zone_map;

-- ## 8.4 Are the red cells clustered? (红色网格是否成片) Join counts under non-free sampling
-- needs: join_counts
-- Cells of the red (highest-risk) region against all others: many more red-red joins than
-- expected (a large positive z for true:true) and fewer red-other joins mean the red cells form
-- a patch, not a scatter. The colour form counts the joins between every pair of region colours.
SELECT (j).kind AS "连接类型", (j).joins AS "连接数", round((j).expected::numeric, 1) AS "期望",
       round((j).z::numeric, 2) AS "z"
  FROM (SELECT unnest(zjgov.join_counts(p.colour = 'red', c.geom)) AS j
          FROM zone_cell c JOIN zone_profile p USING (region)) s;

-- and the cells of the top decile of incidents alone, wherever they are
SELECT (j).kind AS "连接类型", (j).joins AS "连接数", round((j).expected::numeric, 1) AS "期望",
       round((j).z::numeric, 2) AS "z"
  FROM (SELECT unnest(zjgov.join_counts(incidents >= q.p90, geom)) AS j
          FROM zone_cell, (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY incidents) AS p90
                             FROM zone_cell) q) s;

-- ## 8.5 Global and local Geary (全局与局部 Geary): how alike are neighbouring cells?
-- needs: local_geary
-- Geary's C below 1 with a large z: neighbouring cells have similar incident counts. Local
-- Geary finds where: small C with a low permutation p in a high-high cluster.
SELECT round((g).c::numeric, 3) AS "Geary C", round((g).z::numeric, 2) AS "z", (g).p < 0.001 AS "显著"
  FROM (SELECT zjgov.geary(incidents, geom) AS g FROM zone_cell) s;

SELECT (lg).cluster AS "类型", count(*) AS "网格", count(*) FILTER (WHERE (lg).p <= 0.05) AS "显著(p≤0.05)"
  FROM (SELECT zjgov.local_geary(incidents, geom, 'queen', 999, 42) OVER () AS lg FROM zone_cell) s
 GROUP BY 1 ORDER BY 1;

-- incidents against complaints: where many incidents sit next to many complaints (HH)
SELECT (bv).quadrant AS "象限", count(*) AS "网格", count(*) FILTER (WHERE (bv).p <= 0.05) AS "显著(p≤0.05)"
  FROM (SELECT zjgov.local_moran_bv(incidents, complaints, geom, 'queen', 999, 42) OVER () AS bv
          FROM zone_cell) s
 GROUP BY 1 ORDER BY 1;

-- ## 8.6 Max-p service grids (全科网格): contiguous grids of at least 1500 households within each town
-- needs: maxp
-- Households per cell: each town's residents / 2.6 per household, spread over its cells in
-- proportion to activity (1 + incidents + complaints). maxp draws, town by town (PARTITION BY: a
-- service grid never crosses a town border), as many contiguous grids as possible with at least
-- 1500 households each, then moves border cells so that each grid's cells are alike in their risk
-- indicators. Deterministic for the seed. A cell cut off from the rest of its town (a part of the
-- neighbour graph below 1500 households) cannot join a grid: it gets NULL, and maxp says so once.
ALTER TABLE zone_cell ADD COLUMN households float8;
UPDATE zone_cell c
   SET households = round(t.population / 2.6 * (1 + c.incidents + c.complaints) / s.activity)
  FROM town t,
       (SELECT town, sum(1 + incidents + complaints) AS activity FROM zone_cell GROUP BY town) s
 WHERE t.code = c.town AND s.town = c.town;
ALTER TABLE zone_cell ADD COLUMN service_grid int;
UPDATE zone_cell c
   SET service_grid = s.g
  FROM (SELECT id, zjgov.maxp(x, geom, households, 1500, 'queen', 50, 42) OVER (PARTITION BY town) AS g
          FROM zone_cell) s
 WHERE s.id = c.id;

SELECT t.name AS "街道", count(DISTINCT c.service_grid) AS "全科网格数", count(*) AS "网格单元",
       round(sum(c.households)) AS "户数", min(g.households) AS "最少户数/网格", max(g.households) AS "最多户数/网格"
  FROM zone_cell c
  JOIN town t ON t.code = c.town
  JOIN (SELECT town, service_grid, round(sum(households)) AS households FROM zone_cell GROUP BY 1, 2) g
    ON g.town = c.town AND g.service_grid = c.service_grid
 GROUP BY t.name ORDER BY 2 DESC;

-- ## 8.7 Hot spots with a distance kernel (距离加权热点): Gi* over a 1.5 km bisquare kernel
-- needs: getis_ord
-- Contiguity counts a cell's touching neighbours alike; 'distance:1500:dpd:2' takes every cell
-- whose centre lies within 1.5 km and weighs it by the bisquare kernel (1 − (d/1500)²)², so near
-- cells count more and the weight falls to 0 at the band (the same kernel as R spdep's
-- nb2listwdist type "dpd", alpha 2).
SELECT (h).class AS "类别", count(*) FILTER (WHERE w = 'queen') AS "邻接(queen)",
       count(*) FILTER (WHERE w = 'kernel') AS "1.5 km 双平方核"
  FROM (SELECT 'queen' AS w, zjgov.getis_ord(incidents, geom) OVER () AS h FROM zone_cell
        UNION ALL
        SELECT 'kernel', zjgov.getis_ord(incidents, geom, 'distance:1500:dpd:2') OVER () FROM zone_cell) s
 GROUP BY 1 ORDER BY 1;
