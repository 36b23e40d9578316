-- Contract of the spatial weights and autocorrelation functions: SQLSTATEs of every error,
-- labels (window, parallel safe), the moran aggregate's real state type and combine function.
BEGIN;
SET LOCAL search_path = public, zjgov;
SELECT plan(50);

-- labels
SELECT is(p.prokind::text || p.proparallel::text || p.provolatile::text, 'wsi', p.proname || ' is an IMMUTABLE PARALLEL SAFE window function')
  FROM pg_proc p
 WHERE p.pronamespace = 'zjgov'::regnamespace
   AND p.proname IN ('neighbours', 'local_moran', 'getis_ord', 'spatial_lag', 'eb_rate', 'p_adjust')
 ORDER BY p.proname;
SELECT is(p.proparallel::text || (a.aggcombinefn <> 0)::text || (a.aggtranstype = 'zjgov.spatialstate'::regtype)::text,
          'struetrue', 'moran(' || pg_get_function_identity_arguments(p.oid) || ') is parallel safe with a combine function and a spatialstate state')
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
 WHERE p.oid IN ('zjgov.moran(float8,geometry)'::regprocedure, 'zjgov.moran(float8,geometry,text)'::regprocedure)
 ORDER BY p.oid;
SELECT is(count(*)::int, 0, 'every autocorrelation function and type has a comment')
  FROM (SELECT p.oid, 'pg_proc' AS cat FROM pg_proc p WHERE p.pronamespace = 'zjgov'::regnamespace
           AND (p.proname IN ('neighbours', 'local_moran', 'getis_ord', 'spatial_lag', 'eb_rate', 'p_adjust', 'moran')
                OR p.proname LIKE 'spatialstate%' OR p.proname LIKE '_zjgov_moran%')
        UNION ALL
        SELECT t.oid, 'pg_type' FROM pg_type t WHERE t.typnamespace = 'zjgov'::regnamespace
           AND t.typname IN ('lisa', 'hotspot', 'moran_result', 'spatialstate')) o
 WHERE obj_description(o.oid, o.cat) IS NULL;

CREATE TEMP TABLE t3 AS
SELECT (i * 3 + j + 1)::bigint AS id, ST_MakeEnvelope(j, 2 - i, j + 1, 3 - i) AS geom, (i * 3 + j + 1)::float8 AS v
  FROM generate_series(0, 2) i, generate_series(0, 2) j;

-- weights spec
SELECT throws_ok($$SELECT neighbours(id, geom, 'bishop') OVER () FROM t3$$, '22023', NULL, 'unknown weights kind');
SELECT throws_ok($$SELECT neighbours(id, geom, 'queen:-0.1') OVER () FROM t3$$, '22023', NULL, 'negative snap');
SELECT throws_ok($$SELECT neighbours(id, geom, 'knn:0') OVER () FROM t3$$, '22023', NULL, 'knn:0');
SELECT throws_ok($$SELECT neighbours(id, geom, 'knn:x') OVER () FROM t3$$, '22023', NULL, 'knn:x');
SELECT throws_ok($$SELECT neighbours(id, geom, 'distance:-5') OVER () FROM t3$$, '22023', NULL, 'negative distance');
SELECT throws_ok($$SELECT neighbours(id, geom, 'distance:NaN') OVER () FROM t3$$, '22023', NULL, 'NaN distance');
SELECT throws_ok($$SELECT neighbours(id, geom, NULL) OVER () FROM t3$$, '22004', NULL, 'NULL weights');
SELECT throws_ok($$SELECT neighbours(id, ST_Centroid(geom)) OVER () FROM t3$$, '22023',
                 'queen weights need polygons or lines, not points', 'queen on points');
SELECT throws_ok($$SELECT neighbours(id, ST_Centroid(geom), 'rook') OVER () FROM t3$$, '22023', NULL, 'rook on points');
SELECT throws_ok($$SELECT neighbours(id, CASE WHEN id = 2 THEN ST_SetSRID(geom, 4326) ELSE geom END) OVER () FROM t3$$,
                 '22023', 'geom has mixed SRIDs', 'mixed SRIDs');
SELECT throws_ok($$SELECT neighbours(id, ST_ForceCurve(geom)) OVER () FROM t3$$, '22023', NULL, 'curved geometry');
SELECT lives_ok($$SELECT neighbours(id, ST_Centroid(geom), 'knn:2') OVER () FROM t3$$, 'knn on points');
SELECT lives_ok($$SELECT neighbours(id, ST_Centroid(geom), 'distance:1') OVER () FROM t3$$, 'distance on points');

-- statistics
SELECT throws_ok($$SELECT local_moran('NaN', geom) OVER () FROM t3$$, '22023', NULL, 'NaN value');
SELECT throws_ok($$SELECT local_moran(v, geom, 'queen', -1) OVER () FROM t3$$, '22023', NULL, 'negative permutations');
SELECT throws_ok($$SELECT local_moran(v, geom, 'queen', 2000000) OVER () FROM t3$$, '22023', NULL, 'too many permutations');
SELECT throws_ok($$SELECT local_moran(v, geom, 'queen', NULL) OVER () FROM t3$$, '22004', NULL, 'NULL permutations');
SELECT throws_ok($$SELECT local_moran(v, geom, 'queen', 9, NULL) OVER () FROM t3$$, '22004', NULL, 'NULL seed');
SELECT throws_ok($$SELECT getis_ord('Infinity', geom) OVER () FROM t3$$, '22023', NULL, 'infinite value');
SELECT throws_ok($$SELECT getis_ord(v, geom, 'queen', NULL) OVER () FROM t3$$, '22004', NULL, 'NULL star');
SELECT throws_ok($$SELECT spatial_lag(v, geom, 'rook:abc') OVER () FROM t3$$, '22023', NULL, 'bad snap');
SELECT throws_ok($$SELECT moran(v, geom, 'knn:0') FROM t3$$, '22023', NULL, 'moran bad spec');
SELECT throws_ok($$SELECT moran(v, geom, NULL) FROM t3$$, '22004', NULL, 'moran NULL weights');
SELECT throws_ok($$SELECT moran(v, geom, CASE WHEN id = 2 THEN 'rook' ELSE 'queen' END) FROM t3$$, '22023', NULL, 'moran varying weights');
SELECT throws_ok($$SELECT moran('-Infinity', geom) FROM t3$$, '22023', NULL, 'moran infinite value');
SELECT throws_ok($$SELECT moran(v, ST_Centroid(geom)) FROM t3$$, '22023', NULL, 'moran queen on points');
SELECT throws_ok($$SELECT eb_rate(-1, 10) OVER ()$$, '22023', NULL, 'negative events');
SELECT throws_ok($$SELECT eb_rate(1, 0) OVER ()$$, '22023', NULL, 'zero population');
SELECT throws_ok($$SELECT eb_rate(1, 'NaN') OVER ()$$, '22023', NULL, 'NaN population');
SELECT throws_ok($$SELECT p_adjust(0.5, 'sidak') OVER ()$$, '22023', NULL, 'unknown method');
SELECT throws_ok($$SELECT p_adjust(0.5, NULL) OVER ()$$, '22004', NULL, 'NULL method');
SELECT throws_ok($$SELECT p_adjust(-0.1) OVER ()$$, '22023', NULL, 'negative p');
SELECT throws_ok($$SELECT 'v1|queen|1|0x1p+0,0'::zjgov.spatialstate$$, '22P02', NULL, 'bad spatialstate text');
SELECT throws_ok($$SELECT 'v9|queen|0|'::zjgov.spatialstate$$, '22P02', NULL, 'unknown spatialstate version');

-- fewer than 3 rows: NULL, no error
SELECT is((SELECT moran(v, geom) FROM t3 WHERE id <= 2), NULL, 'moran of 2 rows is NULL');

-- moran is an aggregate: its rows have no order, so knn ties (every point of a square grid has four
-- nearest neighbours at the same distance) must not depend on the input order
CREATE TEMP TABLE knn_grid AS
  SELECT i * 10 + j AS id, ST_MakePoint(i, j) AS geom, ((i * 7 + j * 3) % 10)::float8 AS v
    FROM generate_series(0, 9) i, generate_series(0, 9) j;
SELECT is((SELECT moran(v, geom, 'knn:1' ORDER BY id) FROM knn_grid),
          (SELECT moran(v, geom, 'knn:1' ORDER BY id DESC) FROM knn_grid),
          'moran with tied knn distances does not depend on row order');
SELECT * FROM finish();
ROLLBACK;
