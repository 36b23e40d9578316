-- regions: skater (SKATER regionalisation), from geometries and from neighbours given as data
SET search_path = public, zjgov;
-- A strip of five unit squares, left to right, with one attribute x = 0, 1, 5, 6, 20 and a
-- population 1, 1, 1, 1, 5.  Queen neighbours form a path, so the spanning tree is the path.
-- Criterion 'ssd' (sum of squared deviations), total: mean 6.4, SSD = 257.2.  Cuts:
--   {0}|{1,5,6,20}: 0 + 206 -> gain 51.2      {0,1}|{5,6,20}: 0.5 + 140.67 -> gain 116.53
--   {0,1,5}|{6,20}: 14 + 98 -> gain 145.2      {0,1,5,6}|{20}: 26 + 0 -> gain 231.2  (best)
-- k = 3 then cuts {0,1,5,6}: {0}|{1,5,6} 14 -> 12, {0,1}|{5,6} 1 -> 25 (best), {0,1,5}|{6} 14 -> 12.
-- Regions are numbered from the north-west: here left to right.
CREATE TABLE strip AS
SELECT i::bigint AS id, ST_MakeEnvelope(i, 0, i + 1, 1) AS geom,
       ARRAY[(ARRAY[0, 1, 5, 6, 20])[i + 1]]::float8[] AS x,
       (ARRAY[1, 1, 1, 1, 5])[i + 1]::float8 AS pop,
       ARRAY(SELECT j FROM unnest(ARRAY[i - 1, i + 1]) j WHERE j BETWEEN 0 AND 4)::bigint[] AS nb
  FROM generate_series(0, 4) i;
SELECT id, skater(x, geom, 1) OVER () AS k1, skater(x, geom, 2) OVER () AS k2,
       skater(x, geom, 3) OVER () AS k3, skater(x, geom, 5) OVER () AS k5
  FROM strip ORDER BY id;
-- min_size 2: {0,1,5,6}|{20} leaves one row, so the best feasible cut is {0,1,5}|{6,20}; a third
-- region is impossible (every cut of a region of 2 or 3 rows leaves a single row): a NOTICE, 2 regions.
SELECT id, skater(x, geom, 2, 'queen', 2) OVER () AS k2, skater(x, geom, 3, 'queen', 2) OVER () AS k3
  FROM strip ORDER BY id;
-- Criterion 'spdep' (sum of distances to the mean, spdep::skater's default), total 27.2; cuts:
-- {0}|.. 24 -> 3.2, {0,1}|.. 20.33 -> 6.87, {0,1,5}|{6,20} 6 + 14 -> 7.2, {0,1,5,6}|{20} 10 -> 17.2 (best);
-- then in {0,1,5,6} (10): {0}|{1,5,6} 0 + 6 -> 4, {0,1}|{5,6} 1 + 1 -> 8 (best), {0,1,5}|{6} 6 -> 4.
SELECT id, skater(x, geom, 3, 'queen', 1, 'spdep') OVER () AS k3 FROM strip ORDER BY id;
-- a floor on pop (every region's Σ pop >= 3): {0,1,5,6}|{20} has 4 and 5; no second cut keeps both at 3.
SELECT id, skater(x, geom, 2, 'queen', pop, 3) OVER () AS k2, skater(x, geom, 3, 'queen', pop, 3) OVER () AS k3
  FROM strip ORDER BY id;
-- neighbours given as data (the same path); the result does not depend on the input order
SELECT id, skater(x, id, nb, 3) OVER () AS k3, skater(x, id, nb, 2, pop, 3, 'spdep') OVER () AS k2
  FROM strip ORDER BY id;
SELECT id, skater(x, geom, 3) OVER (ORDER BY id DESC) AS k3 FROM strip ORDER BY id;
-- NULL x: that row gets NULL and is not part of the graph (here it splits the strip in two)
SELECT id, skater(CASE WHEN id = 2 THEN NULL ELSE x END, geom, 2) OVER () AS k2 FROM strip ORDER BY id;
-- partitions are analysed on their own
SELECT id, skater(x, geom, 2) OVER (PARTITION BY id < 2) AS k2 FROM strip ORDER BY id;
-- two attributes: a 2 x 2 block of (0,0), (0,1) on the left and (10,10), (10,11) on the right
SELECT id, skater(ARRAY[id / 2 * 10, id / 2 * 10 + id % 2]::float8[], ST_MakeEnvelope(id / 2, id % 2, id / 2 + 1, id % 2 + 1), 2) OVER () AS k2
  FROM generate_series(0, 3) id ORDER BY id;

-- maxp: the strip with pop 1, 1, 1, 1, 5 and floor 2: the first row cannot be a region alone, so the
-- most regions is 3, and the only partition with 3 is {0,1}, {5,6}, {20}
SELECT id, maxp(x, geom, pop, 2) OVER () AS p3, maxp(x, id, nb, pop, 2, 10, 7) OVER () AS p3_ids,
       maxp(x, geom, pop, 4) OVER () AS p2
  FROM strip ORDER BY id;
-- an island that cannot reach the floor: NULL and one NOTICE for the query
SELECT id, maxp(x, geom, pop, 2) OVER () AS region
  FROM (SELECT id, x, geom, pop FROM strip UNION ALL SELECT 9, '{3}', ST_MakeEnvelope(50, 50, 51, 51), 1) s
 ORDER BY id;

-- errors
SELECT skater(x, geom, 0) OVER () FROM strip;
SELECT skater(x, geom, 6) OVER () FROM strip;
SELECT skater(x, geom, NULL) OVER () FROM strip;
SELECT skater(x, geom, 2, 'queen', 0) OVER () FROM strip;
SELECT skater(x, geom, 2, 'queen', 1, 'variance') OVER () FROM strip;
SELECT skater(x, geom, 2, 'hexagonal') OVER () FROM strip;
SELECT skater(CASE WHEN id = 3 THEN ARRAY[1, 2]::float8[] ELSE x END, geom, 2) OVER () FROM strip;
SELECT skater(CASE WHEN id = 3 THEN ARRAY['NaN']::float8[] ELSE x END, geom, 2) OVER () FROM strip;
SELECT skater(CASE WHEN id = 3 THEN ARRAY[NULL]::float8[] ELSE x END, geom, 2) OVER () FROM strip;
SELECT skater(CASE WHEN id = 3 THEN '{}'::float8[] ELSE x END, geom, 2) OVER () FROM strip;
SELECT skater(x, geom, 2, 'queen', -pop, 3) OVER () FROM strip;
SELECT skater(x, geom, 2, 'queen', pop, 'Infinity') OVER () FROM strip;
-- disconnected: an island far away, and k too small for the two parts
SELECT skater(x, geom, 1) OVER ()
  FROM (SELECT x, geom FROM strip UNION ALL SELECT '{3}', ST_MakeEnvelope(50, 50, 51, 51)) s;
-- a part that cannot reach the floor
SELECT skater(x, geom, 2, 'queen', pop, 3) OVER ()
  FROM (SELECT x, geom, pop FROM strip UNION ALL SELECT '{3}', ST_MakeEnvelope(50, 50, 51, 51), 1) s;
-- neighbours as data: a neighbour id missing from the partition, a duplicate id, a NULL neighbour
SELECT skater(x, id, CASE WHEN id = 1 THEN ARRAY[0, 2, 99]::bigint[] ELSE nb END, 2) OVER () FROM strip;
SELECT skater(x, CASE WHEN id = 1 THEN 0 ELSE id END, nb, 2) OVER () FROM strip;
SELECT skater(x, id, CASE WHEN id = 1 THEN ARRAY[0, NULL]::bigint[] ELSE nb END, 2) OVER () FROM strip;
SELECT maxp(x, geom, pop, 0) OVER () FROM strip;
SELECT maxp(x, geom, pop, 'NaN') OVER () FROM strip;
SELECT maxp(x, geom, pop, 2, 'queen', 0) OVER () FROM strip;
SELECT maxp(x, geom, pop, 2, 'queen', 10, NULL) OVER () FROM strip;
SELECT maxp(x, geom, -pop, 2) OVER () FROM strip;
DROP TABLE strip;
-- a window's settings apply to the whole partition: a floor, k or seed that differs between rows
-- is an ERROR (else the first row read would decide); a column that is constant in the partition works:
-- with x = i² the second partition (9, 16, 25; k = 2) is cut at the larger step, between 16 and 25
SELECT i, maxp(ARRAY[i]::float8[], ST_MakeEnvelope(i, 0, i + 1, 1), 1, 2 + (i % 2)) OVER () FROM generate_series(0, 5) i;
SELECT i, skater(ARRAY[i]::float8[], ST_MakeEnvelope(i, 0, i + 1, 1), 2 + i / 4) OVER () FROM generate_series(0, 5) i;
SELECT (local_moran(i::float8, ST_MakeEnvelope(i, 0, i + 1, 1), 'rook', 99, i) OVER ()).ii FROM generate_series(0, 5) i;
SELECT i, g, skater(ARRAY[i * i]::float8[], ST_MakeEnvelope(i, 0, i + 1, 1), g + 1) OVER (PARTITION BY g) AS region
  FROM generate_series(0, 5) i, LATERAL (SELECT i / 3 AS g) s ORDER BY i;
