-- tracks: tier_crossings, tier_dwell, track_gaps, track_speeds, speeding (hand-computed values)
SET search_path = public, zjgov;
SET timezone = 'UTC';
-- Target the unit square (SRID 0, CRS units), bands {0.5, 1, 2}: tier 0 on the square, 1 for
-- d < 0.5, 2 for [0.5, 1), 3 for [1, 2), 4 beyond.  Along y = 0.5 the distance is max(0, -x, x - 1).

-- 1. from inside the square eastwards at 0.1 units/s: x = 1 at 5 s (0->1), 1.5 at 10 s (1->2),
--    2 at 15 s (2->3), 3 at 25 s (3->4); dwell 5, 5, 5, 10, 15 (sum 40)
SELECT extract(epoch FROM at) AS t, from_tier, to_tier, ST_AsText(point) AS point
  FROM tier_crossings('LINESTRING M(0.5 0.5 0, 4.5 0.5 40)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
SELECT tier_dwell('LINESTRING M(0.5 0.5 0, 4.5 0.5 40)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
-- 2. every tier change of one segment, in time order: x from -3 to 4 at 0.1/s crosses x = -2 (10 s),
--    -1 (20), -0.5 (25), 0 (30), 1 (40), 1.5 (45), 2 (50), 3 (60); dwell 10, 10, 10, 20, 20
SELECT extract(epoch FROM at) AS t, from_tier, to_tier, ST_AsText(point) AS point
  FROM tier_crossings('LINESTRING M(-3 0.5 0, 4 0.5 70)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
SELECT tier_dwell('LINESTRING M(-3 0.5 0, 4 0.5 70)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
-- 3. a crossing exactly at a vertex (x = 1.5 at 3 s) is reported once; dwell 0, 3, 3, 0, 0
SELECT extract(epoch FROM at) AS t, from_tier, to_tier, ST_AsText(point) AS point
  FROM tier_crossings('LINESTRING M(1.2 0.5 0, 1.5 0.5 3, 1.8 0.5 6)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
SELECT tier_dwell('LINESTRING M(1.2 0.5 0, 1.5 0.5 3, 1.8 0.5 6)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
-- 4. tangent tracks change no tier: along y = 1.5 (x from -0.5 to 1.5) the distance runs 0.707 ->
--    0.5 (exactly the edge over x in [0, 1], lower-inclusive: tier 2) -> 0.707; along y = 2 a point
--    target at (0.5 1) is touched at distance exactly 1 (tier 3 throughout, bands {1, 3})
SELECT (SELECT count(*) FROM tier_crossings('LINESTRING M(-0.5 1.5 0, 1.5 1.5 20)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}')) AS along_edge,
       tier_dwell('LINESTRING M(-0.5 1.5 0, 1.5 1.5 20)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}') AS along_dwell,
       (SELECT count(*) FROM tier_crossings('LINESTRING M(-1 2 0, 2 2 30)', 'POINT(0.5 1)', '{1,3}')) AS touch_circle,
       tier_dwell('LINESTRING M(-1 2 0, 2 2 30)', 'POINT(0.5 1)', '{1,3}') AS touch_dwell;
-- 5. a track that starts on land with a zero-length segment (10 s in port at (0.5 0.5)), then leaves:
--    x = 1 at 15 s (0->1); it ends exactly on the 0.5 edge (x = 1.5 at 20 s), no time there
SELECT extract(epoch FROM at) AS t, from_tier, to_tier
  FROM tier_crossings('LINESTRING M(0.5 0.5 0, 0.5 0.5 10, 1.5 0.5 20)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
SELECT tier_dwell('LINESTRING M(0.5 0.5 0, 0.5 0.5 10, 1.5 0.5 20)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}');
-- 6. through a hole (an island's lake is not the island): square 0..10 with hole 4..6, bands {1};
--    y = 5 from x = 5 at 1/s: at the start d = 1 (tier 2 for no time), then d = 6 - x < 1 (tier 1);
--    the hole's edge x = 6 at 1 s (1->0), land to x = 10 at 5 s (0->1), x = 11 (d = 1) at 6 s
--    (1->2); dwell 4, 2, 1
SELECT extract(epoch FROM at) AS t, from_tier, to_tier
  FROM tier_crossings('LINESTRING M(5 5 0, 12 5 7)',
                      'POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))', '{1}');
SELECT tier_dwell('LINESTRING M(5 5 0, 12 5 7)', 'POLYGON((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))', '{1}');
-- 7. the default bands are 3 nm and 20 nm (4 tiers): 10 m/s north from 1 m off a point target,
--    d = 5556 at 555.5 s, 37040 at 3703.9 s
SELECT tier_dwell('SRID=4549;LINESTRING M(0 0 0, 0 50000 5000)', 'SRID=4549;POINT(0 -1)') AS default_bands;

-- Longitude/latitude: metres on the ellipsoid.  Along the equator 1 degree of longitude is
-- 2 pi a / 360 = 111319.490793 m (a = 6378137); the meridian arc from 0 to 1 degree of latitude is
-- 110574.388558 m (GeographicLib / PostGIS geography).  Crossing 1 degree at the middle of 100 s.
SELECT abs(extract(epoch FROM at) - 50) < 0.005 AS t_ok, from_tier, to_tier,
       abs(ST_X(point) - 1) < 1e-6 AND ST_Y(point) = 0 AS point_ok, ST_SRID(point)
  FROM tier_crossings('SRID=4326;LINESTRING M(0.5 0 0, 1.5 0 100)', 'SRID=4326;POINT(0 0)', '{111319.490793}');
SELECT abs(extract(epoch FROM at) - 50) < 0.005 AS t_ok, from_tier, to_tier
  FROM tier_crossings('SRID=4490;LINESTRING M(0 0.5 0, 0 1.5 100)', 'SRID=4490;POINT(0 0)', '{110574.388558}');
SELECT abs(d[1]) < 1e-9 AND abs(d[2] - 50) < 0.005 AND abs(d[3] - 50) < 0.005 AND abs(d[1] + d[2] + d[3] - 100) < 1e-9 AS dwell_ok
  FROM tier_dwell('SRID=4490;LINESTRING M(0 0.5 0, 0 1.5 100)', 'SRID=4490;POINT(0 0)', '{110574.388558}') AS d;

-- track_speeds: 111319.490793 m in 3600 s = 30.922081 m/s = 60.107716 kn, course 90; the meridian
-- degree 110574.388558 m in 3600 s = 59.705394 kn, course 0; standing still: 0 kn, no course
SELECT extract(epoch FROM from_at) AS from_t, extract(epoch FROM to_at) AS to_t,
       abs(knots - ('{60.107716, 59.705394, 0}'::float8[])[row_number() OVER ()]) < 1e-6 AS knots_ok, course
  FROM track_speeds('SRID=4326;LINESTRING M(120 0 0, 121 0 3600, 121 1 7200, 121 1 7300)');
-- grid bearings in a projected CRS: (3, 4) is atan2(3, 4) = 36.869898 degrees, south 180, west 270;
-- 5 m/s = 9.719222 kn
SELECT knots, course FROM track_speeds('SRID=4549;LINESTRING M(0 0 0, 3 4 1, 3 -1 2, -2 -1 3)');
-- track_gaps: silences of at least 30 min (the exact 30 min one included) with their distance
SELECT extract(epoch FROM from_at) AS from_t, extract(epoch FROM to_at) AS to_t, duration,
       ST_AsText(from_point) AS from_point, ST_AsText(to_point) AS to_point, metres
  FROM track_gaps('SRID=4549;LINESTRING M(0 0 0, 300 400 1800, 300 400 1900, 300 400 9100)', '30 minutes');
-- "gaps that start within 20 nm": one query with zone()
SELECT count(*) FROM track_gaps('SRID=4549;LINESTRING M(0 0 0, 300 400 1800, 50000 0 3600, 60000 0 9000)', '20 minutes') g
 WHERE sea_tier(g.from_point, 'SRID=4549;POINT(0 -10)') < 3;

-- speeding: zone the square 0..10 m (SRID 4549); 10 m/s = 19.438445 kn from x = -5 to 5 (in from
-- 0.5 s), then x = 5 to 9 at 4 m/s = 7.775378 kn (still above 5 kn), then slow (0.1 m/s) out:
-- one stretch 0.5 s .. 2 s with the top speed 19.438445; with a 10 kn limit only 0.5 .. 1 s
SELECT extract(epoch FROM from_at) AS from_t, extract(epoch FROM to_at) AS to_t, round(max_knots::numeric, 6) AS max_knots
  FROM speeding('SRID=4549;LINESTRING M(-5 5 0, 5 5 1, 9 5 2, 19 5 102)', 'SRID=4549;POLYGON((0 0,10 0,10 10,0 10,0 0))', 5);
SELECT extract(epoch FROM from_at) AS from_t, extract(epoch FROM to_at) AS to_t, round(max_knots::numeric, 6) AS max_knots
  FROM speeding('SRID=4549;LINESTRING M(-5 5 0, 5 5 1, 9 5 2, 19 5 102)', 'SRID=4549;POLYGON((0 0,10 0,10 10,0 10,0 0))', 10);

-- tier_dwell over fixes (ts, point), in any row order: the same as the track through them
-- (cases 1, 2 and 3 above: {5,5,5,10,15}, {10,10,10,20,20}, {0,3,3,0,0}); NULLs are skipped
SELECT tier_dwell(ts, p, 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}')
  FROM (VALUES (40, 'POINT(4.5 0.5)'::geometry), (0, 'POINT(0.5 0.5)')) AS v(t, p), LATERAL to_timestamp(t) AS ts;
SELECT id, tier_dwell(to_timestamp(t), p, 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}' ORDER BY t DESC)
  FROM (VALUES (1, 70, 'POINT(4 0.5)'::geometry), (2, 3, 'POINT(1.5 0.5)'), (1, 0, 'POINT(-3 0.5)'),
               (2, 0, 'POINT(1.2 0.5)'), (2, 6, 'POINT(1.8 0.5)'), (3, NULL, 'POINT(0 0)'), (3, 1, NULL)) AS v(id, t, p)
 GROUP BY id ORDER BY id;
-- case 7: {0,555.5,3148.4,1296.1}
SELECT tier_dwell(to_timestamp(t), ST_SetSRID(ST_MakePoint(0, y), 4549), 'SRID=4549;POINT(0 -1)', ARRAY[nm(3), nm(20)])
  FROM (VALUES (5000, 50000), (0, 0)) AS v(t, y);
-- the state's text form round-trips exactly (a raw-state aggregate over the transition function)
CREATE AGGREGATE pg_temp.dwell_state(timestamptz, geometry, geometry, float8[]) (
    SFUNC = zjgov._zjgov_tier_dwell_accum, STYPE = zjgov.trackstate);
WITH s AS (SELECT pg_temp.dwell_state(to_timestamp(t), p, 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}') AS st
             FROM (VALUES (70, 'POINT(4 0.5)'::geometry), (0, 'POINT(-3 0.5)')) AS v(t, p))
SELECT st::text::trackstate::text = st::text AS text_round_trip,
       _zjgov_tier_dwell_final(st::text::trackstate, NULL, NULL, NULL, NULL) AS dwell FROM s;
SELECT '00'::trackstate;
SELECT 'zz'::trackstate;
-- a support function called directly works on its own copy: one fix, no time yet
SELECT _zjgov_tier_dwell_final(_zjgov_tier_dwell_accum(NULL, '2026-05-01 08:00+08', 'POINT(0 0)', 'POINT(0 0)', '{1}'),
                               NULL, NULL, NULL, NULL) AS direct;
SELECT tier_dwell(ts, 'POINT(0 0)'::geometry, 'POINT(1 1)'::geometry, '{1}') FROM (VALUES ('2026-05-01 08:00+08'::timestamptz), ('2026-05-01 08:00+08')) AS v(ts);
SELECT tier_dwell(to_timestamp(t), 'POINT(0 0)'::geometry, ST_Buffer('POINT(9 9)'::geometry, t + 1), '{1}') FROM generate_series(1, 2) AS t;
SELECT tier_dwell(to_timestamp(t), 'POINT(0 0)'::geometry, 'POINT(1 1)', ARRAY[t::float8]) FROM generate_series(1, 2) AS t;
SELECT tier_dwell(now(), 'LINESTRING(0 0, 1 1)'::geometry, 'POINT(1 1)', '{1}');
SELECT tier_dwell(now(), 'SRID=4326;POINT(0 0)'::geometry, 'POINT(1 1)', '{1}');
SELECT tier_dwell('infinity'::timestamptz, 'POINT(0 0)'::geometry, 'POINT(1 1)', '{1}');
SELECT tier_dwell(now(), 'POINT(0 0)'::geometry, 'POINT(1 1)', '{-1}');

-- errors
SELECT * FROM tier_crossings('POINT M(0 0 0)', 'POINT(0 0)');
SELECT * FROM tier_crossings('LINESTRING(0 0, 1 1)', 'POINT(0 0)');
SELECT * FROM tier_crossings('LINESTRING M EMPTY', 'POINT(0 0)');
SELECT * FROM tier_crossings('LINESTRING M(0 0 5, 1 1 5)', 'POINT(0 0)');
SELECT * FROM tier_crossings('LINESTRING M(0 0 5, 1 1 4)', 'POINT(0 0)');
SELECT tier_dwell(ST_MakeLine(ST_MakePointM(0, 0, 0), ST_MakePointM('NaN', 1, 1)), 'POINT(0 0)');
SELECT tier_dwell(ST_MakeLine(ST_MakePointM(0, 0, 0), ST_MakePointM(1, 1, 'Infinity')), 'POINT(0 0)');
SELECT tier_dwell(ST_MakeLine(ST_MakePointM(0, 0, 0), ST_MakePointM(1, 1, 1e300)), 'POINT(0 0)');
SELECT tier_dwell('SRID=4326;LINESTRING M(0 0 0, 1 1 1)', 'SRID=4549;POINT(0 0)');
SELECT tier_dwell('SRID=4326;LINESTRING M(0 0 0, 1 91 1)', 'SRID=4326;POINT(0 0)');
SELECT tier_dwell('LINESTRING M(0 0 0, 1 1 1)', 'POINT(0 0)', '{2,1}');
SELECT tier_dwell('LINESTRING M(0 0 0, 1 1 1)', 'POINT(0 0)', '{}');
SELECT tier_dwell('LINESTRING M(0 0 0, 1 1 1)', 'POINT(0 0)', '{1e300}');
SELECT tier_dwell('LINESTRING M(0 0 0, 1e300 1 1)', 'POINT(0 0)', '{1}');
SELECT tier_dwell('LINESTRING M(0 0 0, 1 1 1)', 'POINT EMPTY', '{1}');
SELECT * FROM track_gaps('LINESTRING M(0 0 0, 1 1 1)', '-1 hour');
SELECT * FROM speeding('LINESTRING M(0 0 0, 1 1 1)', 'LINESTRING(0 0, 1 1)', 5);
SELECT * FROM speeding('LINESTRING M(0 0 0, 1 1 1)', 'POLYGON((0 0,1 0,1 1,0 0))', 'NaN');
SELECT * FROM track_speeds('POLYGON((0 0,1 0,1 1,0 0))');
