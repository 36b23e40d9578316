-- Map layers of the demo for desktop GIS and the cockpit: one view per layer in WGS 84 (EPSG:4326)
-- with the colour zjgov computed (colour, 中文 name, colour_hex), and table demo.map_layer listing
-- them (title, geometry kind, legend).  QGIS (demo/zjgov.qgs) and the cockpit page
-- (demo/cockpit/) read these views.  Run after the analysis files (demo/run.sh does).
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## Layer list
DROP TABLE IF EXISTS demo.map_layer CASCADE;
CREATE TABLE demo.map_layer (
    id text PRIMARY KEY,          -- the view is demo.layer_<id>
    title text NOT NULL,          -- 中文图层名
    kind text NOT NULL CHECK (kind IN ('fill', 'line', 'circle')),
    sort int NOT NULL,            -- drawing order, bottom first
    basemap bool NOT NULL DEFAULT false,
    visible bool NOT NULL DEFAULT true);   -- shown when the page opens (thematic layers that cover
                                           -- the grid start hidden)

-- ## Base map: county outlines and the sea tiers (no tiles from the internet)
-- needs: zone_rings nm colour_hex
CREATE OR REPLACE VIEW demo.layer_county AS
SELECT code AS id, name, city, '#f3efe6'::text AS hex, geom FROM zj_county;
-- the 3 nm and 20 nm sea bands of each coast, drawn in metres (CGCS2000 / 3° GK 120°E), shown in 4326
DROP TABLE IF EXISTS demo.sea_band;
CREATE TABLE demo.sea_band AS
SELECT row_number() OVER (ORDER BY l.region, r.band)::int AS id, l.region, r.band AS tier,
       CASE r.band WHEN 1 THEN '≤3海里: 高清视频' ELSE '3–20海里: 雷达/VTS' END AS name,
       CASE r.band WHEN 1 THEN '#9ecae1' ELSE '#c6dbef' END AS hex,
       ST_Transform(r.geom, 4326) AS geom
  FROM land l, zjgov.zone_rings(ST_Transform(l.geom, 4550), ARRAY[zjgov.nm(3), zjgov.nm(20)]) r
 WHERE r.band IN (1, 2);
CREATE OR REPLACE VIEW demo.layer_sea AS SELECT * FROM demo.sea_band;
INSERT INTO demo.map_layer VALUES ('sea', '海域分层 (3/20 海里)', 'fill', 1, true),
                                  ('county', '县区界', 'line', 2, true);

-- ## Grid risk colours and vessels by sea tier
-- needs: colour_hex colour_zh
CREATE OR REPLACE VIEW demo.layer_grid AS
SELECT c.id, c.town, c.incidents, c.colour::text AS colour, zjgov.colour_zh(c.colour) AS colour_zh,
       zjgov.colour_hex(c.colour) AS hex, ST_Transform(c.geom, 4326) AS geom
  FROM cell_risk c;
CREATE OR REPLACE VIEW demo.layer_vessel AS
SELECT v.mmsi AS id, v.kind, t.tier,
       CASE t.tier WHEN 1 THEN '≤3海里' WHEN 2 THEN '3–20海里' ELSE '>20海里' END AS tier_zh,
       zjgov.colour_hex(CASE t.tier WHEN 1 THEN 'red' WHEN 2 THEN 'orange' ELSE 'blue' END::zjgov.colour) AS hex,
       v.geom
  FROM vessel v JOIN vessel_tier t USING (mmsi);
INSERT INTO demo.map_layer VALUES ('grid', '网格风险 (三色)', 'fill', 10), ('vessel', '船舶 (按海域层级)', 'circle', 20);

-- ## Emerging hot spot categories (时空热点类型, from demo/5_time.sql)
-- needs: emerging_hotspot colour_hex
-- the category of each grid cell over 24 months, coloured as the time demo's map: red for new,
-- consecutive, intensifying and persistent hot spots, orange sporadic/oscillating, yellow diminishing
-- and historical, blue any cold spot, green no pattern
SELECT to_regclass('demo.cell_emerging') IS NOT NULL AS have_emerging \gset
\if :have_emerging
CREATE OR REPLACE VIEW demo.layer_st_hotspot AS
SELECT cell AS id, town, category, category_zh, tau, trend_p,
       zjgov.colour_hex(CASE WHEN category LIKE '%cold spot' THEN 'blue'
                             WHEN category IN ('new hot spot', 'consecutive hot spot', 'intensifying hot spot',
                                               'persistent hot spot') THEN 'red'
                             WHEN category IN ('sporadic hot spot', 'oscillating hot spot') THEN 'orange'
                             WHEN category LIKE '%hot spot' THEN 'yellow'
                             ELSE 'green' END::zjgov.colour) AS hex,
       ST_Transform(geom, 4326) AS geom
  FROM cell_emerging;
INSERT INTO demo.map_layer VALUES ('st_hotspot', '时空热点类型', 'fill', 11, false, false);
\endif

-- ## Risk regions (风险区划, from demo/8_regions.sql)
-- needs: skater colour_hex
-- each SKATER region dissolved into one polygon, in the colour of its risk rank
SELECT to_regclass('demo.zone_cell') IS NOT NULL AND to_regclass('demo.zone_profile') IS NOT NULL AS have_regions \gset
\if :have_regions
CREATE OR REPLACE VIEW demo.layer_region AS
SELECT p.region AS id, format('分区%s (风险第%s)', p.region, p.risk_rank) AS name, p.cells,
       round(p.incidents::numeric, 1) AS incidents, round(p.complaints::numeric, 1) AS complaints,
       zjgov.colour_hex(p.colour) AS hex,
       ST_Transform(ST_Multi(ST_Union(c.geom)), 4326) AS geom
  FROM zone_cell c JOIN zone_profile p USING (region)
 GROUP BY p.region, p.risk_rank, p.cells, p.incidents, p.complaints, p.colour;
INSERT INTO demo.map_layer VALUES ('region', '风险区划', 'fill', 12, false, false);
\endif

-- ## Vessel tracks by sea tier (船舶轨迹, from demo/7_tracks.sql)
-- needs: tier_crossings sea_tier colour_hex
-- each track cut where tier_crossings finds a tier change; a piece is coloured by its tier
SELECT to_regclass('demo.ais_track') IS NOT NULL AS have_tracks \gset
\if :have_tracks
DROP TABLE IF EXISTS demo.track_piece;
CREATE TABLE demo.track_piece AS
WITH cut AS (
  SELECT t.mmsi, t.kind, t.track, c.at, c.tier,
         lead(c.at) OVER (PARTITION BY t.mmsi ORDER BY c.at) AS next_at
    FROM ais_track t JOIN land l USING (region),
         LATERAL (SELECT at, to_tier AS tier FROM zjgov.tier_crossings(t.track, l.geom)
                  UNION ALL
                  SELECT to_timestamp(ST_M(ST_StartPoint(t.track))),
                         zjgov.sea_tier(ST_Force2D(ST_StartPoint(t.track)), l.geom)) c)
SELECT row_number() OVER (ORDER BY mmsi, at)::int AS id, mmsi, kind, tier,
       CASE tier WHEN 0 THEN '港内/陆上' WHEN 1 THEN '≤3海里' WHEN 2 THEN '3–20海里' ELSE '>20海里' END AS tier_zh,
       zjgov.colour_hex((ARRAY['green', 'red', 'orange', 'blue'])[tier + 1]::zjgov.colour) AS hex,
       ST_Force2D(ST_LocateBetween(track, extract(epoch FROM at),
                                   coalesce(extract(epoch FROM next_at), ST_M(ST_EndPoint(track))))) AS geom
  FROM cut;
DELETE FROM demo.track_piece WHERE geom IS NULL OR ST_Dimension(geom) <> 1;
CREATE OR REPLACE VIEW demo.layer_track AS SELECT * FROM demo.track_piece;
INSERT INTO demo.map_layer VALUES ('track', '船舶轨迹 (按海域层级)', 'line', 15);
\endif

-- ## Summary panels of the cockpit (one JSON document)
-- needs: colour_zh
CREATE OR REPLACE VIEW demo.cockpit_summary AS
SELECT json_build_object(
  'as_of', (SELECT to_char(as_of, 'YYYY-MM-DD HH24:MI') FROM setting),
  'colours', (SELECT coalesce(json_agg(json_build_object('colour', c::text, 'zh', zjgov.colour_zh(c),
                                       'hex', zjgov.colour_hex(c), 'n', n) ORDER BY c DESC), '[]')
                FROM (SELECT colour AS c, count(*) AS n FROM cell_risk GROUP BY colour) s),
  'hotspots', (SELECT coalesce(json_agg(json_build_object('id', h.id, 'town', t.name, 'z', round(h.gi_z::numeric, 2),
                                        'class', h.gi_class, 'incidents', c.incidents) ORDER BY h.gi_z DESC), '[]')
                 FROM (SELECT * FROM cell_hotspot WHERE gi_z IS NOT NULL ORDER BY gi_z DESC, id LIMIT 8) h
                 JOIN cell_risk c USING (id) LEFT JOIN town t ON t.code = c.town),
  'sea_tiers', (SELECT coalesce(json_agg(json_build_object('region', city, 'tier', tier, 'n', n) ORDER BY city, tier), '[]')
                  FROM (SELECT l.city, t.tier, count(*) AS n FROM vessel_tier t JOIN land l USING (region)
                         GROUP BY 1, 2) s),
  'grades', (SELECT coalesce(json_agg(json_build_object('grade', g::text, 'n', n) ORDER BY g DESC), '[]')
               FROM (SELECT grade AS g, count(*) AS n FROM credit GROUP BY grade) s)) AS doc;

SELECT id AS "图层", title AS "名称", kind AS "类型", visible AS "默认显示" FROM demo.map_layer ORDER BY sort;
