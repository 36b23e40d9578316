-- zoning: nm, zone, sea_tier, zone_rings, cover_fraction, kernel_density (hand-computed values)
SET search_path = public, zjgov;
-- nm: 1 nautical mile = 1852 m exactly
SELECT nm(3) = 5556 AS three, nm(20) = 37040 AS twenty, nm(0.5) = 926 AS half, nm(-1) = -1852 AS neg;

-- zone against the unit square (SRID 0, CRS units); bands {0.5, 1, 2}, lower-inclusive:
-- inside and on the boundary 0; (1.2 .5) d = 0.2 -> 1; (1.5 .5) d = 0.5 -> 2; (1.7 .5) d = 0.7 -> 2;
-- (2 2) d = sqrt(2) = 1.414 -> 3; (3 .5) d = 2 -> 4 (beyond the last band); (4 1) d = 3 -> 4
SELECT p, zone(p::geometry, 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}') AS zone
  FROM unnest(ARRAY['POINT(0.5 0.5)', 'POINT(1 0.3)', 'POINT(1.2 0.5)', 'POINT(1.5 0.5)', 'POINT(1.7 0.5)',
                    'POINT(2 2)', 'POINT(3 0.5)', 'POINT(4 1)']) AS p;
-- other geometry types: a line 0.3 above the square -> 1; a polygon 1.5 to its right -> 3;
-- a multipoint with one point inside -> 0; a point in a hole 0.25 from the inner ring -> 1
SELECT zone('LINESTRING(-5 1.3, 5 1.3)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}') AS line,
       zone('POLYGON((2.5 0,3 0,3 1,2.5 1,2.5 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}') AS poly,
       zone('MULTIPOINT(9 9, 0.5 0.5)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', '{0.5,1,2}') AS multi,
       zone('POINT(5 5)', 'POLYGON((0 0,10 0,10 10,0 10,0 0),(4.75 4.75,5.25 4.75,5.25 5.25,4.75 5.25,4.75 4.75))', '{0.5,1}') AS hole;
-- sea_tier in a metric CRS (EPSG:4549): land x <= 0; 3 nm = 5556 m, 20 nm = 37040 m
SELECT x, sea_tier(ST_SetSRID(ST_MakePoint(x, 0), 4549),
                   ST_SetSRID('POLYGON((-100000 -100000,0 -100000,0 100000,-100000 100000,-100000 -100000))'::geometry, 4549)) AS tier
  FROM unnest('{-5,0,1,5555.99,5556,37039.99,37040,500000}'::float8[]) AS x;
-- longitude/latitude: metres on the ellipsoid.  Along the equator 1 degree of longitude is
-- 2 pi a / 360 = 2 pi 6378137 / 360 = 111319.490793 m, so bands just below and above it give 2.
SELECT zone('SRID=4326;POINT(1 0)', 'SRID=4326;POINT(0 0)', '{111319.49,111319.492}') AS equator,
       zone('SRID=4490;POINT(1 0)', 'SRID=4490;POINT(0 0)', '{111319.492,111319.5}') AS below,
       zone('SRID=4326;POINT(0 0)', 'SRID=4326;LINESTRING(1 -1, 1 1)', '{111319.49,111319.492}') AS to_line;
-- one cache, many targets: every row has its own target value (keyed by value, not by address):
-- point (i 0) against a disc of radius 1 around (10i 0): d = 9i - 1 -> 0, 8, 17, 26, 35 -> bands
-- {1,5,10,20,30,100} give 0, 3, 4, 5, 6
SELECT i, zone(ST_MakePoint(i, 0), ST_Buffer(ST_MakePoint(i * 10, 0), 1, 16), '{1,5,10,20,30,100}') AS zone
  FROM generate_series(0, 4) AS i;
SELECT t, zone(p::geometry, t::geometry, '{1}') AS zone
  FROM (VALUES ('POINT(0 0)', 'POINT(0 0.5)'), ('POINT(0 0)', 'POINT(0 2)'), ('POINT(0 0)', 'POINT(0 0.5)'),
               ('POINT(0 0)', 'POINT(0 2)')) AS v(p, t);

-- zone_rings around the unit square, bands {1, 2}, 32 segments a quarter circle: the round
-- corners are a regular 128-gon of area 64 sin(2 pi / 128) r^2 = 3.140331 r^2, so
-- ring 1 = 4 + 3.140331 = 7.140331 and ring 2 = (4*2 + 3.140331*4) - (4 + 3.140331) = 13.420993
SELECT band, ST_GeometryType(geom), ST_IsValid(geom),
       abs(ST_Area(geom) - ('{1, 7.140331, 13.420993}'::float8[])[band + 1]) < 1e-5 AS area_ok
  FROM zone_rings('POLYGON((0 0,1 0,1 1,0 1,0 0))', '{1,2}') ORDER BY band;
-- band 0 is the target exactly; the rings do not overlap and cover the outer buffer exactly
WITH r AS (SELECT * FROM zone_rings('POLYGON((0 0,1 0,1 1,0 1,0 0),(0.2 0.2,0.4 0.2,0.4 0.4,0.2 0.2))', '{0.5,1,3}'))
SELECT (SELECT ST_AsText(geom) FROM r WHERE band = 0) AS band0,
       (SELECT sum(ST_Area(ST_Intersection(a.geom, b.geom))) FROM r a JOIN r b ON a.band < b.band) AS overlap,
       abs((SELECT sum(ST_Area(geom)) FROM r) - (SELECT ST_Area(ST_Union(geom)) FROM r)) < 1e-9 AS disjoint_sum,
       (SELECT ST_Area(ST_SymDifference(ST_Union(geom), ST_Buffer('POLYGON((0 0,1 0,1 1,0 1,0 0))'::geometry, 3, 32))) FROM r) < 1e-9 AS covers;
-- multipart targets are buffered part by part and unioned: two points 10 apart give two 128-gons of
-- radius 1 (2 * 3.140331 = 6.280662); two points 1 apart overlap: circles of radius 1 with centres
-- 1 apart cover 2 pi - (2 acos(1/2) - sqrt(3)/2) = 5.054815 (the 128-gons 0.002 less); a polygon and
-- a line far apart: 7.140331 for the square, 2 * 2 + 3.140331 = 7.140331 for the segment of length 2
SELECT t, band, ST_NumGeometries(geom) AS parts, ST_IsValid(geom),
       abs(ST_Area(geom) - ('{6.280662, 5.054815, 14.280662}'::float8[])[i]) < ('{1e-6, 3e-3, 1e-6}'::float8[])[i] AS area_ok
  FROM (VALUES (1, 'MULTIPOINT((0 0),(10 0))'), (2, 'MULTIPOINT((0 0),(1 0))'),
               (3, 'GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 1,0 0)),LINESTRING(20 0,22 0))')) AS v(i, t),
       zone_rings(t::geometry, '{1}') WHERE band = 1 ORDER BY i;
-- a point target in degrees: the ring of 1000 m around (0 0) is a circle of that radius
SELECT band, abs(ST_Area(geom::geography) / (64 * sin(2 * pi() / 128) * 1000^2) - 1) < 0.003 AS area_ok,
       abs(ST_Distance(ST_ExteriorRing(geom)::geography, 'SRID=4326;POINT(0 0)'::geography) / 1000 - 1) < 0.003 AS radius_ok
  FROM zone_rings('SRID=4326;POINT(0 0)', '{1000}') WHERE band = 1;

-- cover_fraction: layer x in [1, 5]; cell [0,2]^2 half inside; [2,3]^2 inside; [-3,-2] outside;
-- a two-part layer covering 1x1 + 1x0.5 of the 4-unit cell -> 1.5/4 = 0.375;
-- a collection of two overlapping copies counts once -> 0.5; a layer with a 0.6 x 1 hole in the
-- cell's covered half -> (2 - 0.6)/4 = 0.35
SELECT cover_fraction('POLYGON((0 0,2 0,2 2,0 2,0 0))', 'POLYGON((1 0,5 0,5 5,1 5,1 0))') AS half,
       cover_fraction('POLYGON((2 2,3 2,3 3,2 3,2 2))', 'POLYGON((1 0,5 0,5 5,1 5,1 0))') AS inside,
       cover_fraction('POLYGON((-3 0,-2 0,-2 1,-3 1,-3 0))', 'POLYGON((1 0,5 0,5 5,1 5,1 0))') AS outside,
       cover_fraction('POLYGON((0 0,2 0,2 2,0 2,0 0))', 'MULTIPOLYGON(((1 0,5 0,5 1,1 1,1 0)),((0 1.5,1 1.5,1 2,0 2,0 1.5)))') AS two_parts,
       cover_fraction('POLYGON((0 0,2 0,2 2,0 2,0 0))', 'GEOMETRYCOLLECTION(POLYGON((1 0,5 0,5 5,1 5,1 0)),POLYGON((1 0,5 0,5 5,1 5,1 0)))') AS collection,
       cover_fraction('POLYGON((0 0,2 0,2 2,0 2,0 0))', 'POLYGON((1 -1,5 -1,5 5,1 5,1 -1),(1.2 0.5,1.8 0.5,1.8 1.5,1.2 1.5,1.2 0.5))') AS holed;
-- longitude/latitude cells: split by a meridian in the middle -> 0.5 by symmetry; split by the
-- parallel 28.5: on the sphere the share is (sin 28.5 - sin 28)/(sin 29 - sin 28)
SELECT cover_fraction('SRID=4490;POLYGON((120 28,121 28,121 29,120 29,120 28))',
                      'SRID=4490;POLYGON((120.5 27,122 27,122 30,120.5 30,120.5 27))') = 0.5 AS meridian,
       abs(cover_fraction('SRID=4490;POLYGON((120 28,121 28,121 29,120 29,120 28))',
                          'SRID=4490;POLYGON((119 27,122 27,122 28.5,119 28.5,119 27))')
           - (sin(radians(28.5)) - sin(radians(28))) / (sin(radians(29)) - sin(radians(28)))) < 1e-12 AS parallel;
-- many cells against one layer (cached), every boundary case
SELECT x, cover_fraction(ST_MakeEnvelope(x, 0, x + 1, 1), 'POLYGON((0 0,2.5 0,2.5 1,0 1,0 0))') AS f
  FROM generate_series(-1, 3) AS x;

-- kernel_density, quartic: f = sum w 3/(pi h^2) (1 - (d/h)^2)^2 for d < h.  h = 10:
-- at d = 0: 3/(100 pi) = 0.00954929658551372; at d = h/2: 0.5625 of it; at d >= h: 0
SELECT abs(kernel_density('POINT(0 0)', 'MULTIPOINT(0 0)', 10) - 0.00954929658551372) < 1e-17 AS d0,
       abs(kernel_density('POINT(5 0)', 'POINT(0 0)', 10) - 0.5625 * 0.00954929658551372) < 1e-17 AS half_h,
       kernel_density('POINT(10 0)', 'POINT(0 0)', 10) AS at_h,
       kernel_density('POINT(100 0)', 'POINT(0 0)', 10) AS far;
-- weights from M: points (0 0) weight 2 and (3 4) weight 1 (d = 5 = h/2) -> (2 + 0.5625) 3/(100 pi);
-- without M every point weighs 1: (1 + 0.5625) 3/(100 pi)
SELECT abs(kernel_density('POINT(0 0)', 'MULTIPOINT M(0 0 2, 3 4 1)', 10) - 2.5625 * 0.00954929658551372) < 1e-17 AS weighted,
       abs(kernel_density('POINT(0 0)', 'MULTIPOINT(0 0, 3 4)', 10) - 1.5625 * 0.00954929658551372) < 1e-17 AS unweighted,
       abs(kernel_density('SRID=4549;POINT(0 0)', 'SRID=4549;MULTIPOINT ZM(0 0 7 0.5, 6 8 7 3)', 20) - (0.5 + 3 * 0.5625) * 3 / (400 * pi())) < 1e-17 AS zm;
-- a grid of queries against one cached point set equals a brute force over the points
WITH pts AS (SELECT ST_MakePoint((i * 37) % 101, (i * 53) % 97) AS p FROM generate_series(1, 300) AS i),
     mp AS (SELECT ST_Collect(p) AS m FROM pts),
     g AS (SELECT ST_MakePoint(x, y) AS c FROM generate_series(0, 100, 10) AS x, generate_series(0, 100, 10) AS y)
SELECT count(*) AS cells,
       max(abs(kernel_density(c, (SELECT m FROM mp), 15)
           - (SELECT coalesce(sum(3 / (pi() * 225) * (1 - ST_Distance(c, p)^2 / 225)^2), 0) FROM pts WHERE ST_Distance(c, p) < 15))) < 1e-15 AS agrees
  FROM g;

-- parallel workers build their own caches and agree with a serial plan; an expression index
-- works under an empty search_path
CREATE TABLE zone_pts AS
SELECT i, ST_MakePoint((i * 7919) % 1000 / 10.0, (i * 104729) % 1000 / 10.0) AS p FROM generate_series(1, 20000) AS i;
ANALYZE zone_pts;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT zone(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))', '{5,10,20}') AS z, count(*) FROM zone_pts GROUP BY 1;
CREATE TEMP TABLE zpar AS SELECT zone(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))', '{5,10,20}') AS z, count(*) FROM zone_pts GROUP BY 1;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
-- the same counts from ST_Distance: 0 inside, 1 < 5, 2 < 10, 3 < 20, 4 beyond
SELECT (SELECT array_agg(count ORDER BY z) FROM zpar)
     = (SELECT array_agg(n ORDER BY z) FROM (
          SELECT CASE WHEN d = 0 THEN 0 WHEN d < 5 THEN 1 WHEN d < 10 THEN 2 WHEN d < 20 THEN 3 ELSE 4 END AS z, count(*) AS n
            FROM (SELECT ST_Distance(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))') AS d FROM zone_pts) AS s GROUP BY 1) AS t) AS parallel_agrees;
SET search_path = pg_catalog, pg_temp;
CREATE INDEX zone_pts_tier ON public.zone_pts (zjgov.zone(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))'::public.geometry, '{5,10,20}'));
SET enable_seqscan = off;
SELECT count(*) = (SELECT count(*) FROM public.zone_pts WHERE public.ST_Intersects(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))'::public.geometry)) AS index_agrees
  FROM public.zone_pts WHERE zjgov.zone(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))'::public.geometry, '{5,10,20}') = 0;
EXPLAIN (COSTS OFF) SELECT count(*) FROM public.zone_pts WHERE zjgov.zone(p, 'POLYGON((40 40,60 40,60 60,40 60,40 40))'::public.geometry, '{5,10,20}') = 0;
RESET enable_seqscan;
SET search_path = public, zjgov;
DROP TABLE zone_pts;

-- collections with EMPTY members (GEOS 3.11 crashed on them in distance and point-on-surface):
-- the empty members are dropped.  (0,0) to (3,4) is 5, in [4, 6): band 2; the triangle
-- (0 0, 1 0, 1 1) covers half of the unit square.
SELECT _zjgov_distance('POINT(0 0)', 'MULTIPOINT(EMPTY, 3 4)') = 5 AS ok_dist,
       zone('MULTIPOINT(EMPTY, 3 4)', 'POINT(0 0)', '{4,6}') AS z2,
       zone('POINT(0 0)', 'GEOMETRYCOLLECTION(POINT EMPTY, POINT(3 4))', '{4,6}') AS z2b,
       sea_tier('GEOMETRYCOLLECTION(POINT EMPTY, POLYGON((0 0,1 0,1 1,0 0)))', 'POINT(5 5)')
         = sea_tier('POLYGON((0 0,1 0,1 1,0 0))', 'POINT(5 5)') AS same_tier,
       cover_fraction('POLYGON((0 0,1 0,1 1,0 1,0 0))',
                      'GEOMETRYCOLLECTION(POINT EMPTY, POLYGON((0 0,1 0,1 1,0 0)))') AS half;

-- errors
SELECT nm('NaN');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{2,1}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{1,1}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{1,NaN}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{1,NULL}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{-1,1}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{0,1}');
SELECT zone('POINT(0 0)', 'POINT(1 1)', '{{1,2},{3,4}}');
SELECT zone('POINT EMPTY', 'POINT(1 1)', '{1}');
SELECT zone('POINT(0 0)', 'POLYGON EMPTY', '{1}');
SELECT zone('CIRCULARSTRING(0 0, 1 1, 2 0)', 'POINT(0 0)', '{1}');
SELECT zone('SRID=4326;POINT(0 0)', 'SRID=4490;POINT(1 1)', '{1}');
SELECT zone('SRID=4326;POINT(0 95)', 'SRID=4326;POINT(1 1)', '{1}');
SELECT sea_tier('POINT(0 0)', 'SRID=4326;POINT(1 1)');
SELECT zone(ST_MakePoint('Infinity', 0), 'POINT(1 1)', '{1}');
SELECT cover_fraction('POLYGON((0 0,1 0,1 1,0 1,0 0))', ST_MakeEnvelope(0, 0, 'Infinity', 1));
SELECT zone_rings('POINT(0 0)', '{2,1}');
SELECT zone_rings('POLYGON EMPTY', '{1}');
SELECT zone_rings('SRID=4490;POINT(120 28)', '{1000, 3000000}');
SELECT cover_fraction('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON EMPTY');
SELECT cover_fraction('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'LINESTRING(0 0, 1 1)');
SELECT cover_fraction('POINT(0 0)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))');
SELECT cover_fraction('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON((0 0,1 1,1 0,0 1,0 0))');
SELECT cover_fraction('SRID=4549;POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POLYGON((0 0,1 0,1 1,0 1,0 0))');
SELECT kernel_density('POINT(0 0)', 'POINT(0 0)', -1);
SELECT kernel_density('POINT(0 0)', 'POINT(0 0)', 0);
SELECT kernel_density('POINT(0 0)', 'POINT(0 0)', 'Infinity');
SELECT kernel_density('SRID=4326;POINT(120 28)', 'SRID=4326;POINT(120 28)', 1000);
SELECT kernel_density('POINT(0 0)', 'POLYGON((0 0,1 0,1 1,0 1,0 0))', 1);
SELECT kernel_density('POINT(0 0)', 'MULTIPOINT EMPTY', 1);
SELECT zone('MULTIPOINT(EMPTY, EMPTY)', 'POINT(0 0)', '{1}');
SELECT kernel_density('POLYGON((0 0,1 0,1 1,0 1,0 0))', 'POINT(0 0)', 1);
SELECT kernel_density('SRID=4549;POINT(0 0)', 'POINT(0 0)', 1);
SELECT zone(NULL, 'POINT(1 1)', '{1}') IS NULL AS strict_null, kernel_density('POINT(0 0)', NULL, 1) IS NULL AS kd_null;
