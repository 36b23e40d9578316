-- zoning against independent references: PostGIS geography (ST_Distance, ST_DWithin, ST_Buffer,
-- ST_Area) on random points around the real Taizhou coast, brute-force SQL for kernel density.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
BEGIN;
SET search_path = public, zjgov;
\i data/counties.sql
SELECT plan(26);

CREATE TEMP TABLE land AS SELECT g, g::geography AS gg FROM (SELECT ST_Union(geom) AS g FROM zj_county WHERE city = '台州市') AS s;
SELECT setseed(0.2026);
-- sea east of Taizhou out to ~250 nm, and some land
CREATE TEMP TABLE pts AS
SELECT i, ST_SetSRID(ST_MakePoint(120.8 + random() * 5, 26.3 + random() * 4.6), 4326) AS p
  FROM generate_series(1, 2500) AS i;
CREATE TEMP TABLE ref AS
SELECT i, p, ST_Distance(p::geography, (SELECT gg FROM land)) AS pd FROM pts;

-- 1. geodesy.c (Vincenty) against PostGIS's spheroid distance between points
SELECT ok(max(abs(_zjgov_distance(a, b) / ST_Distance(a::geography, b::geography) - 1)) < 1e-9,
          'point-to-point metres agree with ST_Distance(geography) to 1e-9 worldwide')
  FROM (SELECT ST_SetSRID(ST_MakePoint(-170 + random() * 160, -70 + random() * 140), 4326) AS a,
               ST_SetSRID(ST_MakePoint(random() * 170, -70 + random() * 140), 4326) AS b
          FROM generate_series(1, 500)) AS s;
SELECT ok(max(abs(_zjgov_distance(a, b) - ST_Distance(a::geography, b::geography))) < 1e-3,
          'point-to-point metres around Taizhou agree with ST_Distance(geography) to 1 mm')
  FROM (SELECT ST_SetSRID(ST_MakePoint(120 + random() * 5, 26 + random() * 5), 4490) AS a,
               ST_SetSRID(ST_MakePoint(120 + random() * 5, 26 + random() * 5), 4490) AS b
          FROM generate_series(1, 500)) AS s;

-- 2. sea_tier against PostGIS: the tier from ST_Distance(geography) (the same as the CASE of
--    ST_DWithin(geography) tests, which the benchmark runs, at a third of the cost); points within
--    0.5 % of a tier boundary may fall either way and are left out
CREATE TEMP TABLE tiers AS
SELECT i, pd, sea_tier(p, (SELECT g FROM land)) AS z,
       CASE WHEN pd = 0 THEN 0 WHEN pd < 5556 THEN 1 WHEN pd < 37040 THEN 2 ELSE 3 END AS pz
  FROM ref;
SELECT is((SELECT count(*) FROM tiers WHERE z <> pz AND abs(pd / 5556 - 1) > 0.005 AND abs(pd / 37040 - 1) > 0.005),
          0::bigint, 'sea_tier agrees with PostGIS geography on 2500 random points');
SELECT is((SELECT array_agg(DISTINCT z ORDER BY z) FROM tiers), '{0,1,2,3}'::int[], 'the sample reaches every tier');
SELECT ok((SELECT count(*) FROM tiers WHERE z = 1) >= 10 AND (SELECT count(*) FROM tiers WHERE z = 2) >= 50,
          'the sample has points in the 3 nm and 20 nm tiers');

-- 3. metres within 0.5 % of ST_Distance(geography) up to 200 nm (350 points)
CREATE TEMP TABLE near AS SELECT * FROM ref WHERE pd > 0 AND pd <= 370400 ORDER BY i LIMIT 300;
SELECT ok(max(abs(_zjgov_distance(p, (SELECT g FROM land)) / pd - 1)) < 0.005,
          'distance to the coast within 0.5 % of ST_Distance(geography), up to 200 nm (300 points)') FROM near;
SELECT is((SELECT count(*) FROM near WHERE zone(p, (SELECT g FROM land), ARRAY[pd * 0.995, pd * 1.005]) <> 2),
          0::bigint, 'zone puts every point in the band [0.995 d, 1.005 d) around its PostGIS distance');
SELECT is((SELECT count(*) FROM near WHERE zone(p, (SELECT g FROM land), ARRAY[pd * 0.99]) <> 2
                                        OR zone(p, (SELECT g FROM land), ARRAY[pd * 1.01]) <> 1),
          0::bigint, 'zone with one band just below / above the distance');
-- a line target (the coast as lines) and a multipoint target (ports)
SELECT is((SELECT count(*) FROM (SELECT p, pd2 FROM (SELECT p, ST_Distance(p::geography, ST_Boundary((SELECT g FROM land))::geography) AS pd2 FROM near LIMIT 100) s) t
            WHERE zone(p, ST_Boundary((SELECT g FROM land)), ARRAY[pd2 * 0.995, pd2 * 1.005]) <> 2),
          0::bigint, 'zone against the coastline as lines');
SELECT is((SELECT count(*) FROM (SELECT p, ST_Distance(p::geography, 'SRID=4326;MULTIPOINT(121.45 28.68, 121.15 28.1, 121.9 29.1)'::geography) AS d FROM near LIMIT 100) s
            WHERE zone(p, 'SRID=4326;MULTIPOINT(121.45 28.68, 121.15 28.1, 121.9 29.1)', ARRAY[d * 0.995, d * 1.005]) <> 2),
          0::bigint, 'zone against a multipoint of ports');

-- 4. zone_rings against PostGIS geography buffers
CREATE TEMP TABLE rings AS SELECT * FROM zone_rings((SELECT g FROM land), ARRAY[nm(3), nm(20)]);
SELECT is((SELECT array_agg(band ORDER BY band) FROM rings), '{0,1,2}'::int[], 'one row per band');
SELECT ok((SELECT bool_and(ST_IsValid(geom)) FROM rings), 'every ring is valid');
SELECT ok((SELECT ST_AsEWKB(geom) FROM rings WHERE band = 0) = (SELECT ST_AsEWKB(g) FROM land), 'band 0 is the target, byte for byte');
SELECT ok((SELECT coalesce(max(ST_Area(ST_Intersection(a.geom, b.geom))), 0) FROM rings a JOIN rings b ON a.band < b.band) < 1e-10,
          'rings do not overlap');
SELECT ok(abs((SELECT sum(ST_Area(geom)) FROM rings) / (SELECT ST_Area(ST_Union(geom)) FROM rings) - 1) < 1e-9,
          'the rings'' areas add up to the area of their union');
SELECT ok(abs((SELECT ST_Area(ST_Union(geom)::geography) FROM rings WHERE band <= 1)
              / ST_Area(ST_Buffer((SELECT gg FROM land), 5556)) - 1) < 0.005,
          '3 nm buffer area within 0.5 % of ST_Buffer(geography)');
SELECT ok(abs((SELECT ST_Area(ST_Union(geom)::geography) FROM rings)
              / ST_Area(ST_Buffer((SELECT gg FROM land), 37040)) - 1) < 0.005,
          '20 nm buffer area within 0.5 % of ST_Buffer(geography)');
SELECT ok((SELECT max(abs(ST_Distance((dp).geom::geography, (SELECT gg FROM land)) / 37040 - 1))
             FROM (SELECT ST_DumpPoints(ST_ExteriorRing((ST_Dump(geom)).geom)) AS dp FROM rings WHERE band = 2) AS s) < 0.005,
          'the outer edge of the 20 nm ring lies 20 nm from the coast within 0.5 % (ST_Distance(geography))');
SELECT is((SELECT count(*) FROM ref r
            WHERE i <= 1000 AND coalesce((SELECT min(band) FROM rings WHERE ST_Intersects(rings.geom, r.p)), 3)
                  <> (SELECT z FROM tiers t WHERE t.i = r.i)
              AND abs(pd / 5556 - 1) > 0.005 AND abs(pd / 37040 - 1) > 0.005),
          0::bigint, 'the ring containing each of 1000 random points is its sea tier');

-- 5. cover_fraction against ST_Area(ST_Intersection) on geography, a 0.05 degree grid on 椒江区
SELECT ok(max(abs(cover_fraction(c, g) - ST_Area(ST_Intersection(c, g)::geography) / ST_Area(c::geography))) < 1e-3,
          'cover_fraction of longitude/latitude cells within 0.001 of the geography area share')
  FROM (SELECT geom AS g FROM zj_county WHERE code = '331002') AS l,
       LATERAL (SELECT (ST_SquareGrid(0.05, ST_Envelope(l.g))).geom AS c) AS cells;
SELECT ok(max(abs(cover_fraction(c, g) - ST_Area(ST_Intersection(c, g)) / ST_Area(c))) < 1e-12,
          'cover_fraction of projected cells equals ST_Area(ST_Intersection(...)) / ST_Area(cell)')
  FROM (SELECT ST_Transform(ST_Union(geom), 4549) AS g FROM zj_county WHERE city = '台州市') AS l,
       LATERAL (SELECT (ST_SquareGrid(10000, l.g)).geom AS c) AS cells;

-- 6. kernel_density against a brute-force SQL sum over incidents (EPSG:4549, weights in M)
CREATE TEMP TABLE inc AS
SELECT ST_Transform(ST_SetSRID(ST_MakePoint(121.0 + random() * 0.5, 28.5 + random() * 0.5), 4326), 4549) AS p,
       1 + floor(random() * 3) AS w FROM generate_series(1, 1500);
CREATE TEMP TABLE cen AS
SELECT ST_Centroid(c) AS c FROM (SELECT (ST_SquareGrid(3000, ST_SetSRID(ST_Extent(p)::geometry, 4549))).geom AS c FROM inc) s;
SELECT ok(max(abs(kd - brute)) <= 1e-12 * max(brute), 'kernel_density equals the brute-force quartic sum')
  FROM (SELECT kernel_density(c, (SELECT ST_SetSRID(ST_Collect(ST_MakePointM(ST_X(p), ST_Y(p), w)), 4549) FROM inc), 1500) AS kd,
               (SELECT coalesce(sum(w * 3 / (pi() * 1500^2) * (1 - (ST_Distance(c, p) / 1500)^2)^2), 0)
                  FROM inc WHERE ST_DWithin(c, p, 1500) AND ST_Distance(c, p) < 1500) AS brute
          FROM cen) AS s;

-- 7. errors with their SQLSTATE
SELECT throws_ok($$SELECT zjgov.zone('POINT(0 0)', 'POINT(1 1)', '{2,1}')$$, '22023', NULL, 'bands not ascending');
SELECT throws_ok($$SELECT zjgov.kernel_density('POINT(0 0)', 'POINT(0 0)', -1)$$, '22023', NULL, 'negative bandwidth');
SELECT throws_ok($$SELECT zjgov.kernel_density('SRID=4326;POINT(120 28)', 'SRID=4326;POINT(120 28)', 1000)$$, '22023', NULL,
                 'geographic input to kernel_density');
SELECT throws_ok($$SELECT zjgov.cover_fraction('SRID=4549;POLYGON((0 0,1 0,1 1,0 0))', 'SRID=4490;POLYGON((0 0,1 0,1 1,0 0))')$$,
                 '22023', NULL, 'mixed SRIDs');

SELECT * FROM finish();
ROLLBACK;
