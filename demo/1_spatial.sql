-- 1. Spatial risk zoning (空间风险分区): sea tiers of vessels, incident hotspots on the grid, hazards
--
-- Tables come from demo/data.sql (schema demo); zjgov functions are written with their schema.
-- Each "-- ##" block can be copied on its own once the blocks before it have run.
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 1.1 Sea tiers of AIS vessels (台海天网: ≤3 nm HD video, ≤20 nm radar/VTS, beyond AIS/BeiDou)
-- needs: sea_tier
-- sea_tier(position, land) is 0 on land, 1 within 3 nautical miles of it, 2 within 20 nm, 3 beyond.
-- Positions are WGS 84 (EPSG:4326): zjgov measures metres on the ellipsoid. The land repeats from
-- row to row (each city's coast), so zjgov prepares it once, not once per vessel.
DROP TABLE IF EXISTS demo.vessel_tier;
CREATE TABLE vessel_tier AS
SELECT v.mmsi, v.name, v.kind, v.region, zjgov.sea_tier(v.geom, l.geom) AS tier
  FROM vessel v JOIN land l USING (region);

SELECT l.city AS "海域", t.tier AS "层级",
       CASE t.tier WHEN 1 THEN '≤3海里: 高清视频' WHEN 2 THEN '3–20海里: 雷达/VTS'
                   ELSE '>20海里: AIS/北斗' END AS "监控手段",
       count(*) AS "船舶", count(*) FILTER (WHERE t.kind = '渔船') AS "渔船",
       count(*) FILTER (WHERE t.kind IN ('客船', '油轮')) AS "客船/油轮"
  FROM vessel_tier t JOIN land l USING (region)
 GROUP BY l.region, 1, 2 ORDER BY l.region, 2;

-- ## 1.2 Incidents per grid cell (网格事件数), first coloured by the count alone
-- Points fall into the hexagon that contains them; three_colour gives red from the 95th
-- percentile of the counts and yellow from the 80th. A count alone ignores the neighbourhood:
-- 1.3 asks which cells are significantly hot.
DROP TABLE IF EXISTS demo.cell_risk;
CREATE TABLE cell_risk AS
SELECT g.id, g.town, g.geom, count(i.id)::int AS incidents,
       NULL::zjgov.colour AS colour, 'count'::text AS basis
  FROM grid g LEFT JOIN incident i ON ST_Contains(g.geom, i.geom)
 GROUP BY g.id;
ALTER TABLE cell_risk ADD PRIMARY KEY (id);

UPDATE cell_risk c
   SET colour = zjgov.three_colour(c.incidents, q.p80, q.p95)
  FROM (SELECT percentile_cont(0.80) WITHIN GROUP (ORDER BY incidents) AS p80,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY incidents) AS p95 FROM cell_risk) q;

SELECT colour AS "颜色", zjgov.colour_zh(colour) AS "中文", count(*) AS "网格数",
       min(incidents) AS "最少事件", max(incidents) AS "最多事件"
  FROM cell_risk GROUP BY colour ORDER BY colour DESC;

-- ## 1.3 Hotspots: Getis-Ord Gi* and local Moran I, with false-discovery-rate control
-- needs: getis_ord local_moran p_adjust moran
-- Is there clustering at all? Global Moran's I under randomisation (as R spdep moran.test).
SELECT round((m).i::numeric, 4) AS "Moran I", round((m).z::numeric, 2) AS z, (m).p < 0.001 AS "p < 0.001"
  FROM (SELECT zjgov.moran(incidents, geom, 'queen') AS m FROM cell_risk) s;

-- Where? Both statistics are window functions over the whole grid (queen neighbours: hexagons
-- sharing an edge). With ~700 tests at once, p < 0.05 would flag ~35 cells by chance alone, so the
-- p-values are adjusted with Benjamini-Hochberg (p_adjust 'fdr') before colouring:
--   red    = hot spot (Gi* z > 0) with FDR-adjusted p < 0.05          (显著热点)
--   yellow = hot at unadjusted p < 0.05, or a High-High local Moran     (关注)
--            cluster with FDR-adjusted p < 0.05
--   green  = everything else                                           (正常)
DROP TABLE IF EXISTS demo.cell_hotspot;
CREATE TABLE cell_hotspot AS
WITH s AS (
  SELECT id, zjgov.getis_ord(incidents, geom, 'queen') OVER () AS gi,
             zjgov.local_moran(incidents, geom, 'queen', 999, 42) OVER () AS lisa
    FROM cell_risk)
SELECT id, (gi).z AS gi_z, (gi).p AS gi_p, (gi).class AS gi_class,
       zjgov.p_adjust((gi).p, 'fdr') OVER () AS gi_q,
       (lisa).ii AS lisa_i, (lisa).quadrant, (lisa).p AS lisa_p,
       zjgov.p_adjust((lisa).p, 'fdr') OVER () AS lisa_q
  FROM s;

UPDATE cell_risk c
   SET colour = CASE WHEN h.gi_z > 0 AND h.gi_q < 0.05 THEN 'red'
                     WHEN (h.gi_z > 0 AND h.gi_p < 0.05) OR (h.quadrant = 'HH' AND h.lisa_q < 0.05)
                          THEN 'yellow'
                     ELSE 'green' END::zjgov.colour,
       basis = 'hotspot'
  FROM cell_hotspot h WHERE h.id = c.id;

SELECT c.colour AS "颜色", zjgov.colour_zh(c.colour) AS "中文", count(*) AS "网格数",
       sum(c.incidents) AS "事件数",
       count(*) FILTER (WHERE h.gi_p < 0.05 AND h.gi_z > 0) AS "热点 p<0.05",
       count(*) FILTER (WHERE h.gi_q < 0.05 AND h.gi_z > 0) AS "热点 FDR<0.05",
       count(*) FILTER (WHERE h.quadrant = 'HH' AND h.lisa_q < 0.05) AS "HH 聚集"
  FROM cell_risk c JOIN cell_hotspot h USING (id)
 GROUP BY c.colour ORDER BY c.colour DESC;

-- The hottest cells, with their town (for dispatch).
SELECT c.id AS "网格", t.name AS "街道", c.incidents AS "事件",
       round(h.gi_z::numeric, 2) AS "Gi* z", h.gi_class AS "类别", to_char(h.gi_q, '0.0EEEE') AS "FDR p",
       h.quadrant AS "LISA", c.colour AS "颜色"
  FROM cell_risk c JOIN cell_hotspot h USING (id) JOIN town t ON t.code = c.town
 ORDER BY h.gi_z DESC NULLS LAST, c.id LIMIT 8;

-- ## 1.4 Hazard exposure: share of each cell inside flood or slope hazard polygons
-- needs: cover_fraction
-- cover_fraction(cell, layer) = area(cell ∩ layer) / area(cell); the layer is one value per query.
DROP TABLE IF EXISTS demo.cell_hazard;
CREATE TABLE cell_hazard AS
SELECT c.id, c.town,
       zjgov.cover_fraction(c.geom, (SELECT ST_Union(geom) FROM hazard WHERE kind = 'flood')) AS flood,
       zjgov.cover_fraction(c.geom, (SELECT ST_Union(geom) FROM hazard WHERE kind = 'slope')) AS slope
  FROM cell_risk c;

SELECT t.name AS "街道", count(*) AS "网格",
       count(*) FILTER (WHERE h.flood >= 0.5) AS "洪涝≥50%", round(avg(h.flood)::numeric, 3) AS "洪涝平均占比",
       count(*) FILTER (WHERE h.slope > 0) AS "地灾涉及", round(avg(h.slope)::numeric, 3) AS "地灾平均占比"
  FROM cell_hazard h JOIN town t ON t.code = h.town
 GROUP BY t.code, t.name ORDER BY avg(h.flood) DESC;

-- ## 1.5 Incident density surface (quartic kernel, 1.5 km bandwidth) at the cell centres
-- needs: kernel_density
-- kernel_density works in a projected CRS (here metres, EPSG:4550): ×1e6 gives incidents per km².
DROP TABLE IF EXISTS demo.cell_density;
CREATE TABLE cell_density AS
SELECT c.id, c.town, 1e6 * zjgov.kernel_density(ST_Centroid(c.geom),
                                                  (SELECT ST_Collect(geom) FROM incident), 1500) AS per_km2
  FROM cell_risk c;

SELECT t.name AS "街道", round(max(d.per_km2)::numeric, 1) AS "最高密度 (件/km²)",
       round(avg(d.per_km2)::numeric, 1) AS "平均密度"
  FROM cell_density d JOIN town t ON t.code = d.town
 GROUP BY t.code, t.name ORDER BY max(d.per_km2) DESC;
