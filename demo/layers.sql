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
    basemap bool NOT NULL DEFAULT false);

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

SELECT id AS "图层", title AS "名称", kind AS "类型" FROM demo.map_layer ORDER BY sort;
