-- house: the catalog cache (catalog.c) and the library's own limits
SET search_path = public, zjgov;
-- The catalog cache keeps what a call site read for as long as the call would see the same rows.
-- A PL/pgSQL simple expression keeps its call site (and the cache) for the whole transaction.
CREATE FUNCTION house_grade(s float8, sc text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN RETURN zjgov.credit_grade(s, sc)::text; END $$;
CREATE FUNCTION house_try_grade(s float8, sc text) RETURNS text LANGUAGE plpgsql AS
$$ BEGIN RETURN house_grade(s, sc); EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
-- a scale inserted in a savepoint and rolled back is gone, though no command id or snapshot moved
-- (public: A from 90, B from 70 — the built-in scale)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT house_grade(80, 'public') AS public_80;
SAVEPOINT a;
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('house', 'A', 50), ('house', 'D', '-Infinity');
SELECT house_grade(60, 'house') AS house_60;
ROLLBACK TO a;
SELECT house_try_grade(60, 'house') AS after_rollback;
COMMIT;
-- a failed load leaves nothing behind: the unknown scale fails the same way twice, and a good
-- scale still works at the same call site afterwards
SELECT house_try_grade(95, 'public') AS first, house_try_grade(95, 'nope') AS unknown,
       house_try_grade(95, 'nope') AS again, house_try_grade(95, 'public') AS good_again;
-- one broken user scale does not break the others: a scale is checked when a call uses it
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('house_bad', 'A', 10), ('house_bad', 'B', 20);
SELECT credit_grade(95, 'public') AS public_95, house_try_grade(15, 'house_bad') AS bad;
DELETE FROM grade_scale WHERE scale = 'house_bad';
-- a change another session commits is seen by the next statement (READ COMMITTED: a new snapshot),
-- though the call site lives on through the transaction and this transaction wrote nothing
CREATE EXTENSION dblink;
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('house2', 'A', 50), ('house2', 'D', '-Infinity');
BEGIN;
SELECT house_grade(60, 'house2') AS before_other_session;
SELECT dblink_exec(format('host=%s port=%s dbname=%s user=%s',
                          split_part(current_setting('unix_socket_directories'), ',', 1),
                          current_setting('port'), current_database(), current_user),
                   $$UPDATE zjgov.grade_scale SET min_score = 70 WHERE scale = 'house2' AND grade OPERATOR(zjgov.=) 'A'$$);
SELECT house_grade(60, 'house2') AS after_other_session;
COMMIT;
DELETE FROM grade_scale WHERE scale = 'house2';
DROP EXTENSION dblink;
DROP FUNCTION house_try_grade(float8, text);
DROP FUNCTION house_grade(float8, text);
-- One notice per query, not one per small partition: ten partitions of two rows each (local_moran
-- needs three), and ten groups of two rows for the moran aggregate
SELECT count(*) AS rows, count(l) AS with_result
  FROM (SELECT local_moran(i::float8, ST_MakePoint(i, 0), 'knn:1') OVER (PARTITION BY (i - 1) / 2) AS l
          FROM generate_series(1, 20) i) s;
SELECT count(*) AS groups, count(m) AS with_result
  FROM (SELECT moran(i::float8, ST_MakePoint(i, 0), 'knn:1') AS m
          FROM generate_series(1, 20) i GROUP BY (i - 1) / 2) s;
-- The limits are settings (kB for memory), with their defaults
SHOW zjgov.cache_mem;
SHOW zjgov.max_work_mem;
SHOW zjgov.max_partition_rows;
-- a small argument cache only drops entries, it never fails a query: two targets (2000-vertex
-- lines, each prepared far larger than 64 kB) alternate row by row, so every row evicts the other;
-- the zones still match PostGIS's ellipsoidal distance (geography) put into the same bands
CREATE TEMP TABLE house_coast AS
  SELECT k, ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint(120 + k + i / 2000.0, 30 + sin(i / 100.0) / 100) ORDER BY i)), 4326) AS g
    FROM generate_series(0, 1) k, generate_series(0, 1999) i GROUP BY k;
CREATE TEMP TABLE house_pts AS
  SELECT j, ST_SetSRID(ST_MakePoint(120.5 + j % 2 + (j / 2) * 0.001, 30.02 + (j / 2) * 0.01), 4326) AS p
    FROM generate_series(0, 19) j;
SET zjgov.cache_mem = '64kB';
SELECT count(*) AS rows, count(DISTINCT z) AS distinct_zones,
       bool_and(z = CASE WHEN d < 3 * 1852 THEN 1 WHEN d < 12 * 1852 THEN 2 ELSE 3 END) AS same_as_postgis
  FROM (SELECT zone(p, c.g, ARRAY[nm(3), nm(12)]) AS z, ST_Distance(p::geography, c.g::geography) AS d
          FROM house_pts JOIN house_coast c ON c.k = j % 2 ORDER BY j) s;
RESET zjgov.cache_mem;
DROP TABLE house_coast, house_pts;
-- errors: the setting to raise is named (54000)
SET zjgov.max_work_mem = '64kB';
-- 10 000 values: their working copy is 10 000 × 8 bytes = 78 kB
SELECT jenks_breaks(x, 5) FROM generate_series(1, 10000) x;
-- 2000 distinct values (copy 16 kB) in 20 classes: the class-start table is 18 × 2001 × 4 bytes = 141 kB
SELECT jenks_breaks(x, 20) FROM generate_series(1, 2000) x;
RESET zjgov.max_work_mem;
SET zjgov.max_partition_rows = 3;
SELECT local_moran(i::float8, ST_MakePoint(i, 0), 'knn:1') OVER () FROM generate_series(1, 4) i;
SELECT spatial_lag(i::float8, ST_MakePoint(i, 0), 'knn:1') OVER () FROM generate_series(1, 4) i;
RESET zjgov.max_partition_rows;
SET zjgov.cache_mem = 10;
SET zjgov.max_partition_rows = 30000001;
