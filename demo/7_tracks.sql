-- 7. Vessel tracks (船舶轨迹): tier crossings, time in each tier, AIS gaps, speeding
--
-- A day of synthetic AIS fixes (deterministic, every 5 minutes) for a few hundred vessels off the
-- Taizhou and Zhoushan coasts: fishing boats leave port before dawn, cross the 3 nm and 20 nm
-- edges, fish, and come back; cargo ships pass along the coast; ferries shuttle to the islands.
-- One fishing boat goes dark for three hours inside 20 nm, one fast boat speeds through the port
-- channel. Tables come from demo/data.sql (schema demo: land, setting).
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 7.1 A day of AIS fixes and the tracks built from them (LINESTRING M, M = epoch seconds)
-- needs: tier_crossings
-- Ports: six points on each coast, each with the bearing (of eight) that leads farthest from land.
-- Positions are computed in metres (EPSG:4549) and stored in WGS 84 like real AIS.
DROP TABLE IF EXISTS demo.ais_port, demo.ais_fix, demo.ais_track, demo.ais_channel CASCADE;
CREATE TABLE ais_port AS
WITH big AS (
  SELECT DISTINCT ON (region) region, ST_Transform(d.geom, 4549) AS poly
    FROM land, LATERAL ST_Dump(land.geom) d ORDER BY region, ST_Area(d.geom) DESC),
pt AS (
  SELECT region, k, ST_LineInterpolatePoint(ST_ExteriorRing(poly), k / 6.0 + 0.03) AS p
    FROM big, generate_series(0, 5) k)
SELECT row_number() OVER (ORDER BY region, k)::int AS id, region, p AS geom_m, best.bearing
  FROM pt, LATERAL (
    SELECT radians(a) AS bearing
      FROM generate_series(0, 315, 45) a, land l
     WHERE l.region = pt.region
     ORDER BY ST_Distance(ST_Transform(ST_Translate(pt.p, 10000 * sin(radians(a)), 10000 * cos(radians(a))), 4326)::geography,
                          l.geom::geography) DESC
     LIMIT 1) best;

-- The port channel of port 1: 1 km wide, 8 km out; speed limit 10 kn.
CREATE TABLE ais_channel AS
SELECT ST_Transform(ST_Buffer(ST_MakeLine(geom_m, ST_Translate(geom_m, 8000 * sin(bearing), 8000 * cos(bearing))), 500), 4326) AS geom,
       10.0 AS max_knots
  FROM ais_port WHERE id = 1;

-- Vessels: kind by number; a deterministic "random" u(i, j) in [0, 1) from integer hashing.
CREATE OR REPLACE FUNCTION demo.u(i int, j int) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT ((i::bigint * 7919 + j::bigint * 104729 + i::bigint * j * 31) % 10007) / 10007.0 $$;
CREATE TABLE ais_fix AS
WITH vessel AS (
  SELECT i AS mmsi_n, 412000000 + i AS mmsi,
         CASE WHEN i = 1 THEN '快艇' WHEN i % 10 < 7 THEN '渔船' WHEN i % 10 < 9 THEN '货船' ELSE '客船' END AS kind,
         CASE WHEN i = 1 THEN 1 ELSE 1 + (i % (SELECT count(*) FROM ais_port))::int END AS port,
         timestamptz '2026-11-20 03:30+08' + (u(i, 1) * 4) * interval '1 hour' AS dep,
         CASE WHEN i = 0 THEN 25000 ELSE 15000 + 40000 * u(i, 2) END AS dist,       -- fishing ground
         CASE WHEN i = 1 THEN 0 ELSE radians(40 * (u(i, 3) - 0.5)) END AS veer,  -- the fast boat keeps to the channel
         CASE WHEN i = 1 THEN 18 ELSE 7 + 3 * u(i, 4) END * 1852 / 3600.0 AS v,      -- m/s
         (3 + floor(2 * u(i, 5))) * 7200 AS fish                                     -- whole 2-hour loops
    FROM generate_series(0, greatest(40, round(300 * (SELECT scale FROM setting)))::int - 1) i),
t AS (
  SELECT v.*, p.region, p.geom_m, p.bearing + v.veer AS b, ts, extract(epoch FROM ts - v.dep) AS s
    FROM vessel v JOIN ais_port p ON p.id = v.port,
         generate_series(timestamptz '2026-11-20 00:00+08', '2026-11-20 23:55+08', interval '5 minutes') ts),
pos AS (
  SELECT mmsi, kind, region, ts,
         CASE kind
           WHEN '货船' THEN   -- along the coast, 30 km out, 12 kn, all day
             ST_Translate(geom_m, 30000 * sin(b) + (extract(epoch FROM ts - '2026-11-20 00:00+08') * 6.17 - 200000) * cos(b),
                                  30000 * cos(b) - (extract(epoch FROM ts - '2026-11-20 00:00+08') * 6.17 - 200000) * sin(b))
           WHEN '客船' THEN   -- shuttling 12 km out and back at 15 kn (1.6 h a round trip)
             ST_Translate(geom_m, sin(b) * 12000 * (1 - abs(1 - 2 * ((extract(epoch FROM ts) / 5760 + mmsi_n * 0.1) % 1))),
                                  cos(b) * 12000 * (1 - abs(1 - 2 * ((extract(epoch FROM ts) / 5760 + mmsi_n * 0.1) % 1))))
           ELSE             -- out to the ground, fish in 3 km loops, back; in port before and after
             CASE WHEN s <= 0 OR s >= 2 * dist / v + fish THEN geom_m
                  WHEN s < dist / v THEN ST_Translate(geom_m, v * s * sin(b), v * s * cos(b))
                  WHEN s < dist / v + fish THEN
                    ST_Translate(geom_m, dist * sin(b) + 3000 * sin(2 * pi() * (s - dist / v) / 7200),
                                         dist * cos(b) + 3000 * (1 - cos(2 * pi() * (s - dist / v) / 7200)))
                  ELSE ST_Translate(geom_m, v * (2 * dist / v + fish - s) * sin(b), v * (2 * dist / v + fish - s) * cos(b))
             END
         END AS geom_m
    FROM t)
SELECT mmsi, kind, region, ts, ST_Transform(geom_m, 4326)::geometry(Point, 4326) AS geom
  FROM pos
 WHERE NOT (mmsi = 412000000 AND ts >= '2026-11-20 13:00+08' AND ts < '2026-11-20 16:00+08');   -- goes dark
CREATE INDEX ON ais_fix (mmsi, ts);

CREATE TABLE ais_track AS
SELECT mmsi, kind, region,
       ST_SetSRID(ST_MakeLine(ST_MakePointM(ST_X(geom), ST_Y(geom), extract(epoch FROM ts)) ORDER BY ts), 4326) AS track
  FROM ais_fix GROUP BY mmsi, kind, region;

SELECT kind AS "船型", count(*) AS "船舶", sum(ST_NPoints(track)) AS "AIS点",
       bool_and(ST_IsValidTrajectory(track)) AS "轨迹有效"
  FROM ais_track GROUP BY kind ORDER BY count(*) DESC;

-- ## 7.2 Crossings of the last hours: who came within 3 nm after 18:00, and when exactly
-- needs: tier_crossings
-- tier_crossings interpolates along each 5-minute segment: the time is that of the crossing, not
-- of the next fix (sea_tier of every fix plus lag() would be up to 5 minutes late).
DROP TABLE IF EXISTS demo.ais_crossing;
CREATE TABLE ais_crossing AS
SELECT t.mmsi, t.kind, t.region, c.*
  FROM ais_track t JOIN land l USING (region), tier_crossings(t.track, l.geom) c;

SELECT to_char(at, 'HH24:MI:SS') AS "时刻", mmsi AS "MMSI", kind AS "船型",
       from_tier || ' → ' || to_tier AS "层级", round(ST_X(point)::numeric, 4) AS "经度",
       round(ST_Y(point)::numeric, 4) AS "纬度"
  FROM ais_crossing
 WHERE at >= '2026-11-20 18:00+08' AND from_tier = 2 AND to_tier = 1
 ORDER BY at LIMIT 12;

SELECT from_tier || ' → ' || to_tier AS "层级变化", count(*) AS "次数",
       count(DISTINCT mmsi) AS "船舶", min(to_char(at, 'HH24:MI')) AS "最早", max(to_char(at, 'HH24:MI')) AS "最晚"
  FROM ais_crossing GROUP BY from_tier, to_tier ORDER BY from_tier, to_tier;

-- ## 7.3 Time in each tier per vessel type (hours a day): from the tracks, and from the fixes
-- needs: tier_dwell
-- tier_dwell(track, land) gives seconds in tiers 0 (land/port), 1 (≤3 nm), 2 (≤20 nm), 3 (beyond).
SELECT kind AS "船型", count(*) AS "船舶",
       round((sum(d[1]) / 3600 / count(*))::numeric, 2) AS "港内/陆上 h",
       round((sum(d[2]) / 3600 / count(*))::numeric, 2) AS "≤3海里 h",
       round((sum(d[3]) / 3600 / count(*))::numeric, 2) AS "3–20海里 h",
       round((sum(d[4]) / 3600 / count(*))::numeric, 2) AS ">20海里 h"
  FROM ais_track t JOIN land l USING (region), tier_dwell(t.track, l.geom) AS d
 GROUP BY kind ORDER BY count(*) DESC;

-- The same from the raw fixes, for users who keep points: the aggregate sorts them by time itself.
SELECT f.mmsi AS "MMSI", t.kind AS "船型",
       round((tier_dwell(f.ts, f.geom, l.geom, ARRAY[nm(3), nm(20)]))[2]::numeric / 3600, 3) AS "≤3海里 h (定位点)",
       round((tier_dwell(t.track, l.geom))[2]::numeric / 3600, 3) AS "≤3海里 h (轨迹)"
  FROM ais_fix f JOIN ais_track t USING (mmsi, kind, region) JOIN land l USING (region)
 WHERE f.mmsi < 412000004 GROUP BY f.mmsi, t.kind, t.track, l.geom ORDER BY f.mmsi;

-- ## 7.4 Dark vessels: AIS silences of 30 minutes or more that began inside 20 nm
-- needs: track_gaps sea_tier
SELECT t.mmsi AS "MMSI", t.kind AS "船型", to_char(g.from_at, 'HH24:MI') AS "失联", to_char(g.to_at, 'HH24:MI') AS "恢复",
       g.duration AS "时长", round(g.metres) AS "距离 m",
       sea_tier(g.from_point, l.geom) AS "失联时层级"
  FROM ais_track t JOIN land l USING (region), track_gaps(t.track, '30 minutes') g
 WHERE sea_tier(g.from_point, l.geom) BETWEEN 1 AND 2
 ORDER BY g.duration DESC;

-- ## 7.5 Speeds and speeding in the port channel (limit 10 kn)
-- needs: track_speeds speeding
SELECT t.kind AS "船型", round(max(s.knots)::numeric, 1) AS "最高航速 kn",
       round(avg(s.knots) FILTER (WHERE s.knots > 1)::numeric, 1) AS "航行平均 kn"
  FROM ais_track t, track_speeds(t.track) s GROUP BY t.kind ORDER BY 2 DESC;

SELECT t.mmsi AS "MMSI", t.kind AS "船型", to_char(sp.from_at, 'HH24:MI:SS') AS "驶入",
       to_char(sp.to_at, 'HH24:MI:SS') AS "驶出", round(sp.max_knots::numeric, 1) AS "最高 kn"
  FROM ais_track t, ais_channel c, speeding(t.track, c.geom, c.max_knots) sp
 ORDER BY sp.from_at;

-- ## 7.6 The tracks on a map, coloured by tier (svg_map)
-- needs: svg_map tier_crossings
-- Each track is cut at its crossings (ST_LocateBetween on M) and every piece is coloured by its
-- tier: red within 3 nm (video), orange within 20 nm (radar), blue beyond, green in port.
-- Write the map with:  \o tracks_map.svg  SELECT svg FROM demo.ais_map;  \o
DROP TABLE IF EXISTS demo.ais_map;
CREATE TABLE ais_map AS
WITH cut AS (
  SELECT t.mmsi, t.track, l.geom AS land,
         extract(epoch FROM c.at) AS m, c.to_tier AS tier,
         lead(extract(epoch FROM c.at)) OVER (PARTITION BY t.mmsi ORDER BY c.at) AS m_next
    FROM ais_track t JOIN land l USING (region),
         LATERAL (SELECT at, to_tier FROM tier_crossings(t.track, l.geom)
                  UNION ALL SELECT to_timestamp(ST_M(ST_StartPoint(t.track))),
                                   sea_tier(ST_Force2D(ST_StartPoint(t.track)), l.geom)) c),
piece AS (
  SELECT tier, ST_LocateBetween(track, m, coalesce(m_next, ST_M(ST_EndPoint(track)))) AS geom FROM cut)
SELECT svg_map(ST_Force2D(geom), (ARRAY['green', 'red', 'orange', 'blue'])[tier + 1]::colour) AS svg
  FROM piece WHERE ST_Dimension(geom) = 1;
SELECT length(svg) AS "SVG 字节", (regexp_match(svg, '<svg[^>]*>'))[1] IS NOT NULL AS "SVG" FROM ais_map;
