-- zjgov demo data: synthetic but plausible records on real geography, generated deterministically.
--
-- Needs: PostGIS, and table demo.zj_county (the Taizhou and Zhoushan county polygons, EPSG:4326)
-- loaded by data/counties.sql (demo/run.sh loads it with search_path = demo, public).
-- psql variables (optional): scale (default 1: ~6000 incidents, 690 grid cells),
--                            hex   (default 500: side of the hexagonal grid cells, metres).
-- Everything lives in schema demo; every table is dropped and rebuilt, so running this twice works.
--
-- Coordinate systems: counties and AIS vessel positions in WGS 84 (EPSG:4326, as GPS/AIS report them);
-- everything on land in Jiaojiang (grid, incidents, complaints, enterprises, hazards) in the projected
-- CGCS2000 3-degree Gauss-Krüger zone CM 123°E (EPSG:4550), so lengths and areas are metres.
-- The "present" of the demo is fixed at 2026-11-20 09:00 Beijing time, so the output never changes.

\if :{?scale}
\else
\set scale 1
\endif
\if :{?hex}
\else
\set hex 500
\endif

SET client_min_messages = warning;
SET search_path = demo, public;
SET TimeZone = 'Asia/Shanghai';
SELECT setseed(0.20261120) \gset

DROP TABLE IF EXISTS setting, land, jiaojiang, town, grid, incident, complaint, vessel,
                     enterprise, penalty, loan, hazard CASCADE;

-- A standard-normal draw (Box-Muller) from the seeded generator.
CREATE OR REPLACE FUNCTION demo.randn() RETURNS float8 LANGUAGE sql VOLATILE
    AS $$ SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) $$;

CREATE TABLE setting AS
SELECT timestamptz '2026-11-20 09:00:00+08' AS as_of, :scale::float8 AS scale, :hex::float8 AS hex;

-- Land per sea area: the union of each city's counties (the reference for the sea tiers).
CREATE TABLE land AS
SELECT CASE city WHEN '台州市' THEN 'taizhou' ELSE 'zhoushan' END AS region, city,
       ST_Multi(ST_Union(geom))::geometry(MultiPolygon, 4326) AS geom
  FROM zj_county GROUP BY city;

-- Jiaojiang district (椒江区, incl. the Dachen islands 大陈岛) in metres.
CREATE TABLE jiaojiang AS
SELECT ST_Transform(geom, 4550)::geometry(MultiPolygon, 4550) AS geom FROM zj_county WHERE code = '331002';

-- Towns and sub-districts (街道/镇) of Jiaojiang with approximate centres and residents.
CREATE TABLE town (code text PRIMARY KEY, name text, population int, geom geometry(Point, 4550));
INSERT INTO town
SELECT code, name, population, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 4550)
  FROM (VALUES ('HM', '海门街道', 105000, 121.435, 28.683), ('BY', '白云街道', 82000, 121.415, 28.665),
               ('JZ', '葭沚街道',  91000, 121.395, 28.655), ('HJ', '洪家街道', 88000, 121.380, 28.620),
               ('XC', '下陈街道',  61000, 121.420, 28.600), ('SJ', '三甲街道', 52000, 121.500, 28.635),
               ('QS', '前所街道',  43000, 121.490, 28.705), ('ZA', '章安街道', 58000, 121.440, 28.720),
               ('DC', '大陈镇',     4000, 121.894, 28.492)) v(code, name, population, lon, lat);

-- The grid (网格): hexagons over Jiaojiang, each given to the town with the nearest centre.
CREATE TABLE grid (id int PRIMARY KEY, town text REFERENCES town, geom geometry(Polygon, 4550));
INSERT INTO grid
SELECT row_number() OVER (ORDER BY h.j DESC, h.i), t.code, h.geom
  FROM jiaojiang j, ST_HexagonGrid(:hex, j.geom) h,
       LATERAL (SELECT code FROM town ORDER BY town.geom <-> ST_Centroid(h.geom) LIMIT 1) t
 WHERE ST_Intersects(h.geom, j.geom);
CREATE INDEX ON grid USING gist (geom);
ANALYZE town, jiaojiang, grid;

-- Draws points on Jiaojiang land: around weighted centres (sd in metres) plus a background spread
-- evenly over the grid cells.
-- Rejection sampling: three times as many candidates as needed, keep the first n that fall on land.
CREATE OR REPLACE FUNCTION demo._points_on_land(n int, centres jsonb, background float8)
RETURNS TABLE (seq int, geom geometry) LANGUAGE sql VOLATILE AS $$
  WITH c AS MATERIALIZED (SELECT ST_Transform(ST_SetSRID(ST_MakePoint((e->>0)::float8, (e->>1)::float8), 4326), 4550) AS g,
                    (e->>2)::float8 AS w, (e->>3)::float8 AS sd,
                    sum((e->>2)::float8) OVER (ORDER BY ord) AS cw, sum((e->>2)::float8) OVER () AS tw
               FROM jsonb_array_elements(centres) WITH ORDINALITY AS x(e, ord)),
       draw AS (SELECT i, random() AS u, random() AS uc, random() AS ux, random() AS uy, demo.randn() AS nx, demo.randn() AS ny
                  FROM generate_series(1, 3 * n) i),
       cand AS (SELECT d.i,
                       CASE WHEN d.u < background THEN
                            (SELECT ST_Translate(ST_Centroid(g.geom), (2 * d.ux - 1) * s.hex, (2 * d.uy - 1) * s.hex)
                               FROM demo.grid g, demo.setting s
                              WHERE g.id = 1 + floor(d.uc * (SELECT count(*) FROM demo.grid))::int)
                       ELSE (SELECT ST_Translate(c.g, d.nx * c.sd, d.ny * c.sd) FROM c
                              WHERE c.cw / c.tw >= (d.u - background) / (1 - background)
                              ORDER BY c.cw LIMIT 1) END AS g
                  FROM draw d)
  SELECT row_number() OVER (ORDER BY i)::int, g
    FROM (SELECT cand.i, cand.g FROM cand, demo.jiaojiang j WHERE ST_Intersects(cand.g, j.geom)
          ORDER BY cand.i LIMIT n) s
$$;

-- Incidents (事件): public order, traffic, fire, disputes, work safety; clustered in the old town,
-- the Jiazhi market, the Hongjia industrial zone and the Sanjia port area.
CREATE TABLE incident (id int PRIMARY KEY, kind text, occurred_at timestamptz, geom geometry(Point, 4550));
INSERT INTO incident
SELECT p.seq,
       (ARRAY['治安','交通事故','消防','矛盾纠纷','安全生产'])[1 + floor(5 * random() ^ 1.4)::int],
       s.as_of - interval '365 days' * random(), p.geom
  FROM setting s, demo._points_on_land((6000 * :scale)::int,
       '[[121.435,28.683,30,900],[121.395,28.655,20,700],[121.380,28.618,15,1000],
         [121.500,28.635,10,800],[121.894,28.492,1,500]]', 0.18) p;
CREATE INDEX ON incident USING gist (geom);

-- 12345 hotline complaints (12345 热线工单) with a handling deadline; recent ones may still be open.
CREATE TABLE complaint (id int PRIMARY KEY, category text, received_at timestamptz, deadline timestamptz,
                        closed_at timestamptz, geom geometry(Point, 4550));
INSERT INTO complaint
SELECT seq, category, received_at, received_at + days * interval '1 day',
       CASE WHEN u_open < 0.6 AND received_at > as_of - (days + 6) * interval '1 day' THEN NULL
            ELSE least(received_at + days * interval '1 day' * (0.3 + 1.2 * u_late), as_of - interval '1 hour')
       END, geom
  FROM (SELECT p.seq, p.geom, s.as_of,
               (ARRAY['噪音扰民','环境污染','城市管理','物业纠纷','市场监管','交通出行'])[1 + floor(6 * random())::int] AS category,
               s.as_of - interval '90 days' * random() ^ 2 AS received_at,
               (ARRAY[3, 5, 7, 10])[1 + floor(4 * random())::int] AS days,
               random() AS u_open, random() AS u_late
          FROM setting s, demo._points_on_land((4000 * :scale)::int,
               '[[121.415,28.665,30,800],[121.435,28.683,25,700],[121.420,28.600,15,900],
                 [121.440,28.720,10,900]]', 0.20) p) x;
CREATE INDEX ON complaint USING gist (geom);

-- AIS vessel positions (船舶 AIS 报位) off Taizhou and around the Zhoushan islands: some near ports
-- and fishing grounds, the rest spread over the sea; never on land.
CREATE TABLE vessel (mmsi bigint PRIMARY KEY, name text, kind text, region text,
                     reported_at timestamptz, geom geometry(Point, 4326));
INSERT INTO vessel
SELECT 412400000 + row_number() OVER (ORDER BY c.region, c.i), NULL, c.kind, c.region,
       s.as_of - interval '10 minutes' * random(), c.g
  FROM setting s, LATERAL (
       SELECT x.*, row_number() OVER (PARTITION BY x.region ORDER BY x.i) AS k
         FROM (SELECT r.region, r.n, d.i,
                      (ARRAY['渔船','渔船','渔船','渔船','渔船','货船','货船','货船','客船','油轮'])[1 + floor(10 * random())::int] AS kind,
                      CASE WHEN random() < r.near THEN
                           (SELECT ST_SetSRID(ST_MakePoint(px + demo.randn() * 0.03, py + demo.randn() * 0.03), 4326)
                              FROM (SELECT (p->>0)::float8 AS px, (p->>1)::float8 AS py
                                      FROM jsonb_array_elements(r.ports) p LIMIT 1
                                    OFFSET floor(random() * jsonb_array_length(r.ports))::int) pp)
                      ELSE ST_SetSRID(ST_MakePoint(r.x0 + random() * (r.x1 - r.x0), r.y0 + random() * (r.y1 - r.y0)), 4326)
                      END AS g
                 FROM (VALUES ('taizhou', (1200 * :scale)::int, 0.45, 121.45, 122.80, 28.00, 29.10,
                               '[[121.62,28.67],[121.93,28.45],[121.63,28.27],[121.75,28.85]]'::jsonb),
                              ('zhoushan', (800 * :scale)::int, 0.40, 121.90, 123.20, 29.55, 30.90,
                               '[[122.31,29.92],[122.42,30.25],[122.17,30.00]]'::jsonb)) r(region, n, near, x0, x1, y0, y1, ports),
                      generate_series(1, 3 * r.n) d(i)) x
        WHERE NOT EXISTS (SELECT 1 FROM land l WHERE l.region = x.region AND ST_Intersects(l.geom, x.g))) c
 WHERE c.k <= c.n;
UPDATE vessel SET name = CASE kind WHEN '渔船' THEN CASE region WHEN 'taizhou' THEN '浙椒渔' ELSE '浙普渔' END
                                   WHEN '货船' THEN '台联' WHEN '客船' THEN '海客' ELSE '海运油' END
                         || lpad((mmsi % 100000)::text, 5, '0');
CREATE INDEX ON vessel USING gist (geom);

-- Enterprises (企业) with indicator values driven by a hidden quality q, their penalty records
-- (行政处罚) and their loans with the outcome (违约) in two cohorts of borrowers.
CREATE TABLE enterprise (id int PRIMARY KEY, name text, town text REFERENCES town, industry text,
                         tax_on_time float8,       -- 纳税及时率 (share of returns filed on time)
                         social_insurance float8,  -- 社保足额缴纳率
                         arrears_months int,       -- 水电气费欠缴月数 (last 12 months)
                         complaints int,           -- 投诉次数 (last 12 months)
                         inspection_pass float8,   -- 双随机抽查合格率
                         years_operating int,      -- 经营年限
                         q float8,                 -- hidden quality (not for analysis: it made the data)
                         geom geometry(Point, 4550));
INSERT INTO enterprise
SELECT e.id,
       (ARRAY['华','鑫','恒','宏','达','信','瑞','金','海','通','永','安','兴','盛','利','泰'])[1 + floor(16 * random())::int]
       || (ARRAY['华','鑫','恒','宏','达','信','瑞','金','海','通','永','安','兴','盛','利','泰'])[1 + floor(16 * random())::int]
       || (ARRAY[['机电','模具'],['塑业','汽配'],['服饰','科技'],['建设','建工'],['贸易','商贸'],['电器','五金'],
                 ['物流','运输'],['餐饮','酒店'],['化工','药业']])[e.k][1 + floor(2 * random())::int]
       || '有限公司',
       t.code,
       (ARRAY['制造业','制造业','制造业','建筑业','批发零售','批发零售','交通运输','住宿餐饮','化工'])[e.k],
       1 / (1 + exp(-(1.6 + 0.8 * e.q + 0.9 * demo.randn()))),
       1 / (1 + exp(-(1.0 + 0.6 * e.q + 1.0 * demo.randn()))),
       greatest(0, floor(1.8 - 1.0 * e.q + 1.6 * demo.randn()))::int,
       floor(exp(0.4 - 0.45 * e.q + 0.7 * demo.randn()))::int,
       least(1, greatest(0.3, 0.86 + 0.04 * e.q + 0.07 * demo.randn())),
       1 + floor(25 * random() ^ (1.4 - 0.3 * tanh(e.q)))::int,
       e.q,
       ST_Translate(t.geom, 1200 * demo.randn(), 1200 * demo.randn())
  FROM (SELECT i AS id, demo.randn() AS q, random() AS u, 1 + floor(9 * random())::int AS k
          FROM generate_series(1, (800 * :scale)::int) i) e,
       LATERAL (SELECT code, geom FROM (SELECT code, geom, sum(population) OVER (ORDER BY code) AS c,
                                               sum(population) OVER () AS tot FROM town) tt
                 WHERE tt.c >= e.u * tt.tot ORDER BY tt.c LIMIT 1) t;

CREATE TABLE penalty (id serial PRIMARY KEY, enterprise_id int REFERENCES enterprise, decided_on date,
                      severity text CHECK (severity IN ('轻微','一般','严重')), points float8);
INSERT INTO penalty (enterprise_id, decided_on, severity, points)
SELECT e.id, (s.as_of - interval '4 years' * random())::date, sev, CASE sev WHEN '轻微' THEN 2 WHEN '一般' THEN 5 ELSE 15 END
  FROM setting s, enterprise e,
       LATERAL generate_series(1, least(6, floor(exp(-0.6 - 1.0 * e.q + 0.6 * demo.randn()))::int)) k,
       LATERAL (SELECT CASE WHEN u < 0.55 THEN '轻微' WHEN u < 0.90 THEN '一般' ELSE '严重' END AS sev
                  FROM (SELECT random() + 0 * k AS u) uu) sv
 ORDER BY e.id, k;

CREATE TABLE loan (enterprise_id int REFERENCES enterprise, cohort int, defaulted bool,
                   PRIMARY KEY (enterprise_id, cohort));
INSERT INTO loan
SELECT e.id, c.cohort,
       random() < 1 / (1 + exp(-(-2.3 - 0.9 * e.q + 0.25 * coalesce(p.n, 0) + c.shift)))
  FROM enterprise e CROSS JOIN (VALUES (2024, 0.0, 0.75, 0.0), (2025, 0.15, 0.55, 0.3)) c(cohort, shift, take, tilt)
  LEFT JOIN (SELECT enterprise_id, count(*) AS n FROM penalty GROUP BY 1) p ON p.enterprise_id = e.id
 WHERE random() < c.take + c.tilt * (e.q < 0)::int      -- who borrowed: weaker firms more often in 2025
 ORDER BY e.id, c.cohort;

-- Hazard polygons (灾害隐患): flood-prone lowlands along the Jiao river and the coast, and slopes
-- prone to landslides in the hills; rotated ellipses cut to the land.
CREATE TABLE hazard (id int PRIMARY KEY, kind text CHECK (kind IN ('flood','slope')), level text,
                     name text, geom geometry(MultiPolygon, 4550));
INSERT INTO hazard
SELECT h.id, h.kind, h.level, h.name,
       ST_Multi(ST_CollectionExtract(ST_Intersection(
           ST_Translate(ST_Rotate(ST_Scale(ST_Buffer(ST_SetSRID(ST_MakePoint(0, 0), 4550), 1, 16), h.a, h.b),
                                  radians(h.angle)),
                        ST_X(c.g), ST_Y(c.g)), j.geom), 3))
  FROM jiaojiang j,
       (VALUES (1, 'flood', '高', '椒江南岸低洼区',   121.445, 28.692, 2600,  700, 10),
               (2, 'flood', '中', '海门河沿线',       121.405, 28.672, 1800,  600, -25),
               (3, 'flood', '高', '三甲沿海围垦区',   121.535, 28.640, 1400, 3200, 15),
               (4, 'flood', '中', '洪家低洼农田',     121.365, 28.630, 1500, 1100, 40),
               (5, 'slope', '高', '章安北部山体',     121.425, 28.745,  900,  600, 30),
               (6, 'slope', '中', '前所山地',         121.500, 28.725,  800,  500, -20),
               (7, 'slope', '中', '下陈西部丘陵',     121.400, 28.592,  700,  500, 60),
               (8, 'slope', '高', '大陈岛边坡',       121.895, 28.490,  500,  350, 0)
       ) h(id, kind, level, name, lon, lat, a, b, angle),
       LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(h.lon, h.lat), 4326), 4550) AS g) c;
DELETE FROM hazard WHERE ST_IsEmpty(geom);
CREATE INDEX ON hazard USING gist (geom);

ANALYZE;
RESET client_min_messages;
SELECT 'grid cells' AS "demo data", count(*) AS n FROM grid
UNION ALL SELECT 'incidents (事件)', count(*) FROM incident
UNION ALL SELECT '12345 complaints (工单)', count(*) FROM complaint
UNION ALL SELECT 'AIS vessels (船舶)', count(*) FROM vessel
UNION ALL SELECT 'enterprises (企业)', count(*) FROM enterprise
UNION ALL SELECT 'penalties (处罚)', count(*) FROM penalty
UNION ALL SELECT 'loans (贷款, 2 cohorts)', count(*) FROM loan
UNION ALL SELECT 'hazard polygons (隐患)', count(*) FROM hazard;
