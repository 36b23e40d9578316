-- spatial weights: spec parsing, queen / rook / snap / knn / distance, the neighbours() listing
SET search_path = public, zjgov;
-- A 3 x 3 grid of unit squares, ids row by row from the top:
--   1 2 3
--   4 5 6
--   7 8 9
CREATE TABLE w3 AS
SELECT (i * 3 + j + 1)::bigint AS id, ST_MakeEnvelope(j, 2 - i, j + 1, 3 - i) AS geom
  FROM generate_series(0, 2) i, generate_series(0, 2) j;
-- queen: every cell sharing at least a corner (corner 3, edge 5, centre 8 neighbours);
-- rook: only cells sharing a side (corner 2, edge 3, centre 4).
SELECT id, neighbours(id, geom) OVER () AS queen, neighbours(id, geom, 'rook') OVER () AS rook,
       neighbours(id, geom, ' QUEEN ') OVER () = neighbours(id, geom, 'queen') OVER () AS case_blank_ok
  FROM w3 ORDER BY id;
-- the same grid with 0.01-wide gaps between the cells (each cell shrunk by 0.005 on every side):
-- exact queen/rook find nothing; a snap of 0.02 restores the true grid; 0.005 is too small.
CREATE TABLE w3gap AS SELECT id, ST_Expand(geom, -0.005) AS geom FROM w3;
SELECT id, neighbours(id, geom) OVER () AS queen, neighbours(id, geom, 'queen:0.02') OVER () AS queen_snap,
       neighbours(id, geom, 'rook:0.02') OVER () AS rook_snap,
       neighbours(id, geom, 'queen:0.005') OVER () AS too_small
  FROM w3gap ORDER BY id;
-- knn by centroid: centroids are at unit spacing, so the nearest are the rook neighbours at
-- distance 1, then the diagonals at sqrt(2); ties go to the lower row position.
--   cell 1 (0.5, 2.5): 2 and 4 at 1, then 5 at 1.414 -> knn:2 {2,4}, knn:3 {2,4,5}
--   cell 5 (1.5, 1.5): 2, 4, 6, 8 all at 1 -> knn:2 takes the two smallest ids {2,4} (ties go to the smaller id, in any row order)
SELECT id, neighbours(id, geom, 'knn:2') OVER () AS knn2, neighbours(id, geom, 'knn:3') OVER () AS knn3
  FROM w3 ORDER BY id;
-- knn:K larger than the partition gives every other row
SELECT id, neighbours(id, geom, 'knn:50') OVER () FROM w3 WHERE id <= 3 ORDER BY id;
-- distance:D between centroids, inclusive: D = 1 gives the rook pattern, 1.4142 < sqrt(2) still
-- does, 1.5 gives the queen pattern.
SELECT id, neighbours(id, geom, 'distance:1') OVER () = neighbours(id, geom, 'rook') OVER () AS d1_is_rook,
       neighbours(id, geom, 'distance:1.4142') OVER () = neighbours(id, geom, 'rook') OVER () AS d14142_is_rook,
       neighbours(id, geom, 'distance:1.5') OVER () = neighbours(id, geom, 'queen') OVER () AS d15_is_queen
  FROM w3 ORDER BY id;
-- points work with knn and distance (a point is its own centroid)
SELECT id, neighbours(id, ST_Centroid(geom), 'knn:3') OVER () = neighbours(id, geom, 'knn:3') OVER () AS same
  FROM w3 ORDER BY id;
-- rook beyond identical edges: a T-junction (1: the rectangle 0..2 x 0..1 has no vertex at (1, 1),
-- yet shares half its top edge with each of 2 and 3) and a touch in one point inside overlapping
-- extents (4: the triangle (10 0, 12 0, 10 2) meets the square 5 at (11, 1) only -> queen, not rook).
SELECT id, neighbours(id, g) OVER () AS queen, neighbours(id, g, 'rook') OVER () AS rook FROM (VALUES
  (1, 'POLYGON((0 0,2 0,2 1,0 1,0 0))'::geometry),
  (2, 'POLYGON((1 1,2 1,2 2,1 2,1 1))'),
  (3, 'POLYGON((0 1,1 1,1 2,0 2,0 1))'),
  (4, 'POLYGON((10 0,12 0,10 2,10 0))'),
  (5, 'POLYGON((11 1,12 1,12 2,11 2,11 1))')) v(id, g)
  ORDER BY id;
-- lines work with queen (touching lines)
SELECT id, neighbours(id, g) OVER () FROM (VALUES
  (1, 'LINESTRING(0 0, 1 0)'::geometry), (2, 'LINESTRING(1 0, 2 0)'), (3, 'LINESTRING(5 5, 6 6)')) v(id, g)
  ORDER BY id;
-- geographic SRIDs: distance in metres on the ellipsoid.  Two points 0.01 degree of latitude
-- apart at 30 N; the reference is PostGIS geography (spheroid) ST_Distance, about 1108.5 m.
WITH p(id, g) AS (VALUES (1, 'SRID=4326;POINT(120 30)'::geometry), (2, 'SRID=4326;POINT(120 30.01)'::geometry)),
     d AS (SELECT ST_Distance(a.g::geography, b.g::geography) AS m FROM p a, p b WHERE a.id = 1 AND b.id = 2)
SELECT id, round(d.m::numeric, 2) AS metres,
       neighbours(id, g, 'distance:' || (d.m + 0.01)) OVER () AS just_over,
       neighbours(id, g, 'distance:' || (d.m - 0.01)) OVER () AS just_under
  FROM p, d ORDER BY id;
-- across the antimeridian: 179.99 E and 179.99 W at 10 N are 2.19 km apart (0.02 degree of
-- longitude · 111.3 km · cos 10°); 179.5 E is nearer to 179.99 E (54 km) than to 179.5 W (110 km).
SELECT id, neighbours(id, g, 'knn:1') OVER () AS knn1, neighbours(id, g, 'distance:5000') OVER () AS within_5km
  FROM (VALUES (1, 'SRID=4326;POINT(179.99 10)'::geometry), (2, 'SRID=4326;POINT(-179.99 10)'),
               (3, 'SRID=4326;POINT(179.5 10)'), (4, 'SRID=4326;POINT(-179.5 10)')) v(id, g)
 ORDER BY id;
-- near a pole: (0, 89.9) and (180, 89.9) are 22.3 km apart over the pole, (0, 89.5) is 44.7 km
-- from (0, 89.9) (PostGIS geography ST_Distance: 22338.8 m and 44677.6 m)
SELECT id, neighbours(id, g, 'knn:1') OVER () AS knn1, neighbours(id, g, 'distance:30000') OVER () AS within_30km
  FROM (VALUES (1, 'SRID=4326;POINT(0 89.9)'::geometry), (2, 'SRID=4326;POINT(180 89.9)'),
               (3, 'SRID=4326;POINT(0 89.5)')) v(id, g)
 ORDER BY id;
-- NULL and empty geometries and NULL ids are left out and get NULL; partitions are separate.
-- (With knn:1 the row without an id is nobody's nearest neighbour: 1 and 2 find each other.)
SELECT id, part, neighbours(id, g) OVER (PARTITION BY part), neighbours(id, g, 'knn:1') OVER (PARTITION BY part) AS knn1 FROM (VALUES
  (1::bigint, 'a', 'POLYGON((0 0,1 0,1 1,0 1,0 0))'::geometry),
  (2, 'a', 'POLYGON((1 0,2 0,2 1,1 1,1 0))'),
  (3, 'a', NULL),
  (4, 'a', 'POLYGON EMPTY'),
  (NULL, 'a', 'POLYGON((0 0.5,1 0.5,1 1.5,0 1.5,0 0.5))'),
  (5, 'b', 'POLYGON((1 0,2 0,2 1,1 1,1 0))'),
  (6, 'b', 'POLYGON((9 9,10 9,10 10,9 10,9 9))')) v(id, part, g)
  ORDER BY part, id;
-- errors
SELECT neighbours(id, geom, 'bishop') OVER () FROM w3;
SELECT neighbours(id, geom, 'queen:') OVER () FROM w3;
SELECT neighbours(id, geom, 'queen:-1') OVER () FROM w3;
SELECT neighbours(id, geom, 'rook:abc') OVER () FROM w3;
SELECT neighbours(id, geom, 'knn') OVER () FROM w3;
SELECT neighbours(id, geom, 'knn:0') OVER () FROM w3;
SELECT neighbours(id, geom, 'knn:2.5') OVER () FROM w3;
SELECT neighbours(id, geom, 'knn:10001') OVER () FROM w3;
SELECT neighbours(id, geom, 'distance:0') OVER () FROM w3;
SELECT neighbours(id, geom, 'distance:NaN') OVER () FROM w3;
SELECT neighbours(id, geom, 'distance:Infinity') OVER () FROM w3;
SELECT neighbours(id, geom, NULL) OVER () FROM w3;
SELECT neighbours(id, ST_Centroid(geom), 'queen') OVER () FROM w3;
SELECT neighbours(id, ST_Centroid(geom), 'rook:0.5') OVER () FROM w3;
SELECT neighbours(id, CASE WHEN id = 5 THEN ST_SetSRID(geom, 4326) ELSE geom END) OVER () FROM w3;
SELECT neighbours(id, CASE WHEN id = 5 THEN 'CURVEPOLYGON(CIRCULARSTRING(0 0,1 1,2 0,1 -1,0 0))' ELSE geom END) OVER () FROM w3;
SELECT neighbours(id, CASE WHEN id = 5 THEN 'TIN(((0 0 0,0 1 0,1 1 0,0 0 0)))' ELSE geom END, 'knn:2') OVER () FROM w3;
-- a longitude of 1e300 under SRID 4326: the knn search box never reached the other rows and the
-- search looped forever (without checking for interrupts)
SELECT neighbours(i, g, 'knn:1') OVER ()
  FROM (VALUES (1, 'SRID=4326;POINT(1e300 90)'::geometry), (2, 'SRID=4326;POINT(-1e300 -90)'),
               (3, 'SRID=4326;POINT(0 0)')) AS v(i, g);
-- weights by distance (as R spdep::nb2listwdist): three points on a line at x = 0, 1, 3 with values
-- 1, 2, 7.  distance:2 links 0-1 (d = 1) and 1-3 (d = 2).  By hand:
--   idw (w = 1/d): lag(0) = 2; lag(1) = (1·1 + 0.5·7)/1.5 = 3; lag(3) = 2
--   idw:2 (w = 1/d²): lag(1) = (1·1 + 0.25·7)/1.25 = 2.2
--   exp:ln 2 (w = 2^-d): lag(1) = (0.5·1 + 0.25·7)/0.75 = 3
--   dpd:2 (bisquare, w = (1 − (d/2)²)²): d = 1 → 0.5625, d = 2 → 0, so 1-3 drops out:
--     lag(0) = 2, lag(1) = 1, lag(3) NULL (no neighbour left)
--   knn:1:idw: 0 → 1, 1 → 0, 3 → 1 (d = 2): lags 2, 1, 2
CREATE TEMP TABLE line3 AS SELECT * FROM (VALUES (1, 0.0, 1.0), (2, 1.0, 2.0), (3, 3.0, 7.0)) v(id, x, v);
SELECT id, spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:idw') OVER () AS idw,
       spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:idw:2') OVER () AS idw2,
       round(spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:exp:0.6931471805599453') OVER ()::numeric, 12) AS exp_ln2,
       spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:dpd:2') OVER () AS bisquare,
       spatial_lag(v, ST_MakePoint(x, 0), 'KNN:1 : IDW') OVER () AS knn1
  FROM line3 ORDER BY id;
-- neighbours() lists the same neighbours with or without a weighting
SELECT id, neighbours(id, ST_MakePoint(x, 0), 'distance:2') OVER () = neighbours(id, ST_MakePoint(x, 0), 'distance:2:idw:3') OVER () AS same
  FROM line3 ORDER BY id;
-- geographic coordinates: distances are geodesic metres.  Reference: the same inverse-distance lag
-- from PostGIS geography distances (ST_Distance on the spheroid) over the 3 nearest neighbours.
CREATE TEMP TABLE geo8 AS
SELECT i AS id, ST_SetSRID(ST_MakePoint(120 + (i * 37 % 11) * 0.13, 28 + (i * 53 % 13) * 0.09), 4326) AS g, (i * i % 17)::float8 AS v
  FROM generate_series(1, 12) i;
WITH ours AS (SELECT id, spatial_lag(v, g, 'knn:3:idw:2') OVER () AS lag FROM geo8),
     nb AS (SELECT a.id, b.v, ST_Distance(a.g::geography, b.g::geography) AS d,
                   row_number() OVER (PARTITION BY a.id ORDER BY ST_Distance(a.g::geography, b.g::geography)) AS r
              FROM geo8 a JOIN geo8 b ON a.id <> b.id),
     ref AS (SELECT id, sum(v / d ^ 2) / sum(1 / d ^ 2) AS lag FROM nb WHERE r <= 3 GROUP BY id)
SELECT count(*) AS rows, max(abs(ours.lag - ref.lag) / abs(ref.lag)) < 1e-9 AS agrees_with_postgis
  FROM ours JOIN ref USING (id);
-- errors: weightings only after knn or distance; dpd needs a band; exp needs its decay; alpha > 0
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'queen:idw') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'knn:2:dpd') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:exp') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:idw:0') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:idw:NaN') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:idw:1:2') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'distance:2:gauss') OVER () FROM line3;
SELECT spatial_lag(v, ST_MakePoint(x, 0), 'knn:1:2:3:4:5') OVER () FROM line3;
-- inverse distance at distance 0 has no value; Gi* weighs a row itself at distance 0
SELECT spatial_lag(v, ST_MakePoint(0, 0), 'knn:1:idw') OVER () FROM line3;
SELECT (getis_ord(v, ST_MakePoint(x, 0), 'knn:1:idw') OVER ()).z FROM line3;
-- weights far beyond double range
SELECT spatial_lag(v, ST_MakePoint(x * 1e-200, 0), 'knn:1:idw:2') OVER () FROM line3;
-- statistics on binary weights refuse a weighting
SELECT join_counts(v > 1, ST_MakePoint(x, 0), 'knn:1:idw') FROM (SELECT * FROM line3 UNION ALL SELECT 4, 5, 5) t;
SELECT (local_join_count(v > 1, ST_MakePoint(x, 0), 'knn:1:exp:1') OVER ()).bb FROM line3;
SELECT eb_rate_local(v, 10, ST_MakePoint(x, 0), 'distance:5:dpd') OVER () FROM line3;
SELECT skater(ARRAY[v], ST_MakePoint(x, 0), 2, 'knn:1:idw') OVER () FROM line3;
