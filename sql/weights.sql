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
