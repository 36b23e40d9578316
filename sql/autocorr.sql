-- spatial autocorrelation: local_moran, getis_ord, moran, spatial_lag, eb_rate, p_adjust
SET search_path = public, zjgov;
-- The 3 x 3 grid of unit squares, ids row by row from the top, value = id:
--   1 2 3        z = x - 5:  -4 -3 -2
--   4 5 6                    -1  0  1
--   7 8 9                     2  3  4
-- n = 9, mean 5, Σz² = 60, m2 = Σz²/n = 20/3.
-- queen neighbours: 1 {2,4,5}, 2 {1,3,4,5,6}, 3 {2,5,6}, 4 {1,2,5,7,8}, 5 all the others, ...
CREATE TABLE g3 AS
SELECT (i * 3 + j + 1)::bigint AS id, ST_MakeEnvelope(j, 2 - i, j + 1, 3 - i) AS geom,
       (i * 3 + j + 1)::float8 AS v
  FROM generate_series(0, 2) i, generate_series(0, 2) j;

-- Local Moran Ii = z_i · (Σ_j z_j / |N(i)|) / m2, queen:
--   1: -4 · (-3 - 1 + 0)/3 / (20/3) = (16/3)(3/20)       = 4/5   = 0.8
--   2: -3 · (-4 - 2 - 1 + 0 + 1)/5 / (20/3) = 3.6 · 0.15 = 27/50 = 0.54
--   3: -2 · (-3 + 0 + 1)/3 · 0.15                        = 1/5   = 0.2
--   4: -1 · (-4 - 3 + 0 + 2 + 3)/5 · 0.15                = 3/50  = 0.06
--   5:  0 (and its lag is 0)                             = 0
--   6..9 mirror 4..1 (z and the lag both change sign).
-- quadrant: z < 0 and lag < 0 -> LL for 1..4, HH for 6..9; cell 5 has z = 0 and lag = 0 -> LL.
SELECT id, abs((lm).ii - (ARRAY[0.8, 0.54, 0.2, 0.06, 0, 0.06, 0.2, 0.54, 0.8]::float8[])[id]) < 1e-12 AS ii_ok,
       (lm).quadrant, (lm).z IS NULL AS z_null, (lm).p IS NULL AS p_null
  FROM (SELECT id, local_moran(v, geom, 'queen', 0) OVER () AS lm FROM g3) s ORDER BY id;
-- rook: 1 {2,4}: -4 · (-3 - 1)/2 · 0.15 = 6/5; 2 {1,3,5}: -3 · (-4 - 2 + 0)/3 · 0.15 = 9/10;
--       3 {2,6}: -2 · (-3 + 1)/2 · 0.15 = 3/10; 4 {1,5,7}: -1 · (-4 + 0 + 2)/3 · 0.15 = 1/10
SELECT id, abs((local_moran(v, geom, 'rook', 0) OVER ()).ii
               - (ARRAY[1.2, 0.9, 0.3, 0.1, 0, 0.1, 0.3, 0.9, 1.2]::float8[])[id]) < 1e-12 AS rook_ii_ok
  FROM g3 ORDER BY id;

-- Conditional permutations, checked against the exact permutation distribution (brute force by
-- hand).  Cell 1 keeps z = -4 and draws 3 of the other 8 z values {-3,-2,-1,0,1,2,3,4}: 56
-- equally likely subsets.  I ≥ 0.8 iff the drawn sum ≤ -4: {-3,-2,-1} {-3,-2,0} {-3,-2,1}
-- {-3,-1,0}, so P = 4/56 = 0.0714.  Mean of the drawn mean 0.5, population variance 42/8 = 5.25,
-- Var(mean of 3 of 8 without replacement) = 5.25/3 · (8-3)/(8-1) = 1.25; I_perm = -4 · 0.15 · mean:
-- E = -0.3, sd = 0.6 · sqrt(1.25) = 0.67082, so z = (0.8 + 0.3)/0.67082 = 1.63978.
-- With 99999 draws the standard errors are 0.0008 for p and 0.004 for z.
SELECT abs((lm).p - 4.0 / 56) < 0.005 AS p_ok, abs((lm).z - 1.63978) < 0.03 AS z_ok
  FROM (SELECT id, local_moran(v, geom, 'queen', 99999, 7) OVER () AS lm FROM g3) s WHERE id = 1;
-- a row at the mean (cell 5) has no permutation z or p; p is within (0, 1]
SELECT id, (lm).z IS NULL AS z_null, (lm).p IS NULL AS p_null, (lm).p > 0 AND (lm).p <= 1 AS p_in_range
  FROM (SELECT id, local_moran(v, geom) OVER () AS lm FROM g3) s WHERE id IN (1, 5, 9) ORDER BY id;
-- deterministic for a seed and independent of the input order; another seed gives other draws
CREATE TABLE g10 AS
SELECT row_number() OVER (ORDER BY i, j)::bigint AS id, ST_MakeEnvelope(i, j, i + 1, j + 1) AS geom,
       ((i * 37 + j * 11) % 17 + i)::float8 AS v
  FROM generate_series(0, 9) i, generate_series(0, 9) j;
WITH a AS (SELECT id, local_moran(v, geom, 'queen', 199, 1) OVER () AS lm FROM (SELECT * FROM g10 ORDER BY id) s),
     b AS (SELECT id, local_moran(v, geom, 'queen', 199, 1) OVER () AS lm FROM (SELECT * FROM g10 ORDER BY id DESC) s),
     c AS (SELECT id, local_moran(v, geom, 'queen', 199, 2) OVER () AS lm FROM g10)
SELECT count(*) AS rows, bool_and(a.lm IS NOT DISTINCT FROM b.lm) AS same_any_order,
       count(*) FILTER (WHERE (a.lm).p IS DISTINCT FROM (c.lm).p) > 10 AS seed_matters
  FROM a JOIN b USING (id) JOIN c USING (id);

-- Getis-Ord Gi* (binary weights, the cell counts itself), x̄ = 5, s² = 60/9 = 20/3:
--   1: W = S1 = 4, Σx = 1+2+4+5 = 12, z = (12 - 20)/sqrt(20/3 · (9·4 - 16)/8) = -8/sqrt(50/3) = -1.959592
--      p = 2(1 - Φ(1.959592)) = 0.050044 -> cold90 (1.645 ≤ |z| < 1.960)
--   2: W = 6, Σx = 21, z = (21 - 30)/sqrt(20/3 · (54 - 36)/8) = -9/sqrt(15) = -2.323790, p = 0.020137 -> cold95
--   4: W = 6, Σx = 27, z = -3/sqrt(15) = -0.774597 -> ns;   5: W = 9 = n, n·S1 - W² = 0 -> NULL
--   6..9 mirror 4..1 with hot classes.
SELECT id, abs((h).z - (ARRAY[-1.9595917942265424, -2.32379000772445, -0.9797958971132712, -0.7745966692414834,
                             NULL, 0.7745966692414834, 0.9797958971132712, 2.32379000772445,
                             1.9595917942265424]::float8[])[id]) < 1e-12 AS z_ok,
       abs((h).p - (ARRAY[0.05004352124870514, 0.020136751550346353, 0.32718687779030575, 0.4385780260809999,
                         NULL, 0.4385780260809999, 0.32718687779030575, 0.020136751550346353,
                         0.05004352124870514]::float8[])[id]) < 1e-12 AS p_ok,
       (h).class
  FROM (SELECT id, getis_ord(v, geom) OVER () AS h FROM g3) s ORDER BY id;
-- Gi (star = false): cell 1, x̄_1 = (45 - 1)/8 = 5.5, s_1² = Σ_{j≠1}(x_j - 5.5)²/8 = 42/8 = 5.25,
--   W = S1 = 3, Σx = 2+4+5 = 11, z = (11 - 16.5)/sqrt(5.25 · (8·3 - 9)/7) = -5.5/sqrt(11.25) = -1.639783
-- cell 2: x̄_2 = 43/8, s_2² = 399/64, W = 5, Σx = 19, z = (19 - 215/8)/sqrt(399/64 · 15/7) = -2.154555
SELECT id, abs((getis_ord(v, geom, 'queen', false) OVER ()).z
               - (ARRAY[-1.6397831834998458, -2.1545545393788235]::float8[])[id]) < 1e-12 AS gi_ok
  FROM g3 ORDER BY id LIMIT 2;

-- spatial lag (row-standardised): 1: (2+4+5)/3 = 11/3; 2: (1+3+4+5+6)/5 = 3.8; 5: 40/8 = 5
SELECT id, abs(spatial_lag(v, geom) OVER () - (ARRAY[11.0/3, 3.8, 13.0/3, 4.6, 5, 5.4, 17.0/3, 6.2, 19.0/3]::float8[])[id]) < 1e-12 AS lag_ok
  FROM g3 ORDER BY id;

-- global Moran, queen, row-standardised: Σ z_i·lag_i = 2(16/3) + 2(4/3) + 2(3.6) + 2(0.4) = 64/3,
-- S0 = 9, I = (9/9)(64/3)/60 = 16/45 = 0.355556, E[I] = -1/8.
-- Randomisation variance: degrees corner 3, edge 5, centre 8; S1 = Σ_pairs (w_ij + w_ji)²
--   = 8(1/3+1/5)² + 4(1/3+1/8)² + 4(2/5)² + 4(1/5+1/8)² = 2507/600 = 4.178333
-- S2 = Σ_i (1 + Σ_j w_ji)²: corners (1 + 2/5 + 1/8)², edges (1 + 2/3 + 2/5 + 1/8)², centre (1 + 4/3 + 4/5)²
--   = 69001/1800 = 38.333889;  b2 = K = n Σz⁴/(Σz²)² = 9 · 708/3600 = 1.77
-- Var = [n((n²-3n+3)S1 - nS2 + 3S0²) - K(n(n-1)S1 - 2nS2 + 6S0²)]/((n-1)(n-2)(n-3)S0²) - E²
--   = (1225.44 - 171.3891)/27216 - 1/64 = 299429/12960000 = 0.023104090
-- z = (16/45 + 1/8)/sqrt(Var) = 3.161544, p (greater) = 0.000785
SELECT abs((m).i - 16.0/45) < 1e-12 AS i_ok, (m).expected = -0.125 AS e_ok,
       abs((m).variance - 299429.0/12960000) < 1e-12 AS var_ok,
       abs((m).z - 3.1615435836109875) < 1e-9 AS z_ok, abs((m).p - 0.0007846766568013772) < 1e-12 AS p_ok
  FROM (SELECT moran(v, geom) AS m FROM g3) s;
-- rook: Σ z_i·lag_i = 8+6+2+2/3+0+2/3+2+6+8 = 100/3, I = 100/3/60 = 5/9;
--   S1 = 83/12, S2 = 1325/36, Var = 16759/259200, z = 2.676437
SELECT abs((m).i - 5.0/9) < 1e-12 AS i_ok, abs((m).variance - 16759.0/259200) < 1e-12 AS var_ok,
       abs((m).z - 2.676437040844754) < 1e-9 AS z_ok
  FROM (SELECT moran(v, geom, 'rook') AS m FROM g3) s;
-- by group; a group of fewer than 3 rows gives NULL and a NOTICE.
--   bottom row 7 8 9: z = -1 0 1, every lag is 0 -> I = 0
--   top two rows (2 x 3, values 1..6, mean 3.5, Σz² = 17.5): Σ z_i·lag_i = 4(-5/12) + 2(-0.45)
--   = -77/30, I = (6/6)(-77/30)/17.5 = -0.146667
SELECT id <= 6 AS top, round(((moran(v, geom)).i)::numeric, 9) FROM g3 GROUP BY 1 ORDER BY 1;
SELECT moran(v, geom) IS NULL AS is_null FROM g3 WHERE id <= 2;
-- the state type: its text form round-trips exactly
CREATE AGGREGATE pg_temp.moran_state(float8, geometry) (SFUNC = zjgov._zjgov_moran_trans, STYPE = zjgov.spatialstate);
SELECT s::text::zjgov.spatialstate::text = s::text AS text_roundtrip,
       zjgov._zjgov_moran_final(s::text::zjgov.spatialstate) = zjgov._zjgov_moran_final(s) AS same_result,
       left(s::text, 14) AS head
  FROM (SELECT pg_temp.moran_state(v, geom) AS s FROM g3) t;
SELECT 'v1|rook|1|0x1p+0,0101000000000000000000f03f000000000000f03f'::zjgov.spatialstate;
-- and its binary form (send/recv) too: out through COPY BINARY (a file in the data directory), back in
CREATE TEMP TABLE st AS SELECT pg_temp.moran_state(v, geom) AS s FROM g3;
CREATE TEMP TABLE st2 (s zjgov.spatialstate);
DO $$
DECLARE f text := current_setting('data_directory') || '/zjgov_spatialstate.bin';
BEGIN
  EXECUTE format('COPY st TO %L WITH (FORMAT binary)', f);
  EXECUTE format('COPY st2 FROM %L WITH (FORMAT binary)', f);
END $$;
SELECT st2.s::text = st.s::text AS binary_roundtrip FROM st, st2;
-- parallel: partial aggregates on workers, combined in the leader, the same result
CREATE TABLE g40 AS
SELECT ST_MakeEnvelope(i, j, i + 1, j + 1) AS geom, ((i * 7 + j * 3) % 10 + i * 0.1)::float8 AS v
  FROM generate_series(0, 39) i, generate_series(0, 39) j;
ALTER TABLE g40 SET (parallel_workers = 2);
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT moran(v, geom) FROM g40;
CREATE TEMP TABLE par AS SELECT moran(v, geom) AS m FROM g40;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
SELECT abs((p.m).i - (s.m).i) < 1e-12 AND abs((p.m).variance - (s.m).variance) < 1e-12 AS parallel_same
  FROM par p, (SELECT moran(v, geom) AS m FROM g40) s;
RESET max_parallel_workers_per_gather;

-- NULL value, NULL or empty geometry: left out, NULL result; the rest analysed without them.
-- Adding such rows to the grid leaves every statistic of the 9 cells unchanged.
WITH x AS (SELECT id, v, geom FROM g3
           UNION ALL SELECT 10, NULL, ST_MakeEnvelope(3, 0, 4, 1)
           UNION ALL SELECT 11, 100, NULL
           UNION ALL SELECT 12, 100, 'POLYGON EMPTY'::geometry),
     r AS (SELECT id, local_moran(v, geom, 'queen', 0) OVER () AS lm, spatial_lag(v, geom) OVER () AS lag,
                  getis_ord(v, geom) OVER () AS h FROM x)
SELECT id, abs((lm).ii - (ARRAY[0.8, 0.54]::float8[])[id]) < 1e-12 AS ii_same, abs(lag - (ARRAY[11.0/3, 3.8]::float8[])[id]) < 1e-12 AS lag_same,
       abs((h).z - (ARRAY[-1.9595917942265424, -2.32379000772445]::float8[])[id]) < 1e-12 AS gi_same,
       lm IS NULL AS lm_null, lag IS NULL AS lag_null, h IS NULL AS h_null
  FROM r WHERE id IN (1, 2, 10, 11, 12) ORDER BY id;
-- a row without neighbours gets NULL statistics (the island stays in n: cell 1's Gi* changes)
SELECT id, lm IS NULL AS lisa_null, h IS NULL AS gi_null, lag IS NULL AS lag_null
  FROM (SELECT id, local_moran(v, geom, 'queen', 0) OVER () AS lm, getis_ord(v, geom) OVER () AS h,
               spatial_lag(v, geom) OVER () AS lag
          FROM (SELECT * FROM g3 UNION ALL SELECT 10, ST_MakeEnvelope(50, 50, 51, 51), 3) x) r
 WHERE id IN (1, 10) ORDER BY id;
-- fewer than 3 usable rows in a partition: NULLs and a NOTICE; partitions are analysed apart
SELECT id, id <= 2 AS part, local_moran(v, geom) OVER (PARTITION BY id <= 2) IS NULL AS is_null
  FROM g3 WHERE id IN (1, 2, 4, 5, 6) ORDER BY id;
SELECT local_moran(v, geom) OVER () FROM g3 WHERE false;
-- constant values: no statistic (Σz² = 0)
SELECT local_moran(1, geom) OVER () IS NULL AS lisa_null, (getis_ord(1, geom) OVER ()).z IS NULL AS gi_null
  FROM g3 LIMIT 1;

-- values near the limits of double precision: the statistics are scale-free and come out the
-- same as for the 3 x 3 grid's values 1..9 (internally scaled by a power of two, so no overflow)
SELECT id, abs((a.lm).ii - (b.lm).ii) < 1e-12 AS ii_1e300, abs((a.h).z - (b.h).z) < 1e-12 AS gi_1e300,
       abs((c.lm).ii - (b.lm).ii) < 1e-12 AS ii_1e_300, abs(a.lag / 1e300 - b.lag) < 1e-12 AS lag_1e300
  FROM (SELECT id, local_moran(v * 1e300, geom, 'queen', 0) OVER () AS lm, getis_ord(v * 1e300, geom) OVER () AS h,
               spatial_lag(v * 1e300, geom) OVER () AS lag FROM g3) a
  JOIN (SELECT id, local_moran(v, geom, 'queen', 0) OVER () AS lm, getis_ord(v, geom) OVER () AS h,
               spatial_lag(v, geom) OVER () AS lag FROM g3) b USING (id)
  JOIN (SELECT id, local_moran(v * 1e-300, geom, 'queen', 0) OVER () AS lm FROM g3) c USING (id)
 WHERE id IN (1, 2, 9) ORDER BY id;
SELECT abs((moran(v * 1e300, geom)).i - 16.0/45) < 1e-12 AS moran_1e300_ok FROM g3;

-- empirical Bayes: events (0, 50, 10), population (100, 200, 500); r = (0, 0.25, 0.02),
-- b = 60/800 = 3/40, s² = Σn(r - b)²/Σn = 41/4000, n̄ = 800/3, a = s² - b/n̄ = 319/32000,
-- r̂_i = b + (r_i - b)·a/(a + b/n_i) = 9/1715, 1613/6620, 337/16190; NULL rows are left out.
SELECT id, abs(eb_rate(e, p) OVER () - (ARRAY[9.0/1715, 1613.0/6620, 337.0/16190]::float8[])[id]) < 1e-15 AS eb_ok
  FROM (VALUES (1, 0::float8, 100::float8), (2, 50, 200), (3, 10, 500), (4, NULL, 100), (5, 3, NULL)) v(id, e, p)
  ORDER BY id;
-- s² below b/n̄: a = 0, every rate is b: events (1, 4, 10), population (100, 200, 500) -> 15/800
SELECT DISTINCT eb_rate(e, p) OVER () = 15.0/800 AS shrunk_to_b
  FROM (VALUES (1::float8, 100::float8), (4, 200), (10, 500)) v(e, p);

-- p_adjust, p = (0.01, 0.04, 0.03, 0.20), n = 4 (as R p.adjust):
--   BH: sorted 0.01 0.03 0.04 0.20 -> n/i·p = 0.04 0.0533 0.0533 0.2 (cummin from the top)
--   bonferroni: 4p capped at 1 -> 0.04 0.16 0.12 0.8
--   holm: (n-i+1)p = 0.04 0.09 0.08 0.2, cummax -> 0.04 0.09 0.09 0.2
SELECT id, abs(p_adjust(p) OVER () - (ARRAY[0.04, 0.16/3, 0.16/3, 0.2, NULL]::float8[])[id]) < 1e-15 AS bh,
       abs(p_adjust(p, 'BH') OVER () - p_adjust(p, 'fdr') OVER ()) = 0 AS bh_alias,
       abs(p_adjust(p, 'bonferroni') OVER () - (ARRAY[0.04, 0.16, 0.12, 0.8, NULL]::float8[])[id]) < 1e-15 AS bonferroni,
       abs(p_adjust(p, 'holm') OVER () - (ARRAY[0.04, 0.09, 0.09, 0.2, NULL]::float8[])[id]) < 1e-15 AS holm
  FROM (VALUES (1, 0.01::float8), (2, 0.04), (3, 0.03), (4, 0.20), (5, NULL)) v(id, p) ORDER BY id;

-- nothing depends on search_path: the same results with only pg_catalog on it
SET search_path = pg_catalog, pg_temp;
SELECT id, abs((zjgov.local_moran(v, geom, 'queen', 0) OVER ()).ii - (ARRAY[0.8, 0.54]::float8[])[id]) < 1e-12 AS ii_ok,
       (zjgov.getis_ord(v, geom) OVER ()).class, zjgov.neighbours(id, geom) OVER () AS queen
  FROM public.g3 ORDER BY id LIMIT 2;
SELECT abs((zjgov.moran(v, geom)).i - 16.0/45) < 1e-12 AS moran_ok FROM public.g3;
SET search_path = public, zjgov;

-- statement_timeout cancels a large permutation run promptly (interrupts are checked per row)
CREATE TABLE g50 AS
SELECT ST_MakeEnvelope(i, j, i + 1, j + 1) AS geom, ((i * 37 + j * 11) % 17)::float8 AS v
  FROM generate_series(0, 49) i, generate_series(0, 49) j;
SET statement_timeout = '300ms';
DO $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
  PERFORM (zjgov.local_moran(v, geom, 'queen', 1000000) OVER ()).p FROM g50;
  RAISE NOTICE 'not cancelled';
EXCEPTION WHEN query_canceled THEN
  RAISE NOTICE 'cancelled within 2 s: %', clock_timestamp() - t0 < interval '2 s';
END $$;
RESET statement_timeout;

-- errors
SELECT local_moran(v, geom, 'hexagon') OVER () FROM g3;
SELECT local_moran(v, geom, NULL) OVER () FROM g3;
SELECT local_moran(v, geom, 'queen', -1) OVER () FROM g3;
SELECT local_moran(v, geom, 'queen', 1000001) OVER () FROM g3;
SELECT local_moran(v, geom, 'queen', NULL) OVER () FROM g3;
SELECT local_moran(v, geom, 'queen', 99, NULL) OVER () FROM g3;
SELECT local_moran(CASE WHEN id = 3 THEN 'NaN' ELSE v END, geom) OVER () FROM g3;
SELECT getis_ord(CASE WHEN id = 3 THEN '-Infinity' ELSE v END, geom) OVER () FROM g3;
SELECT getis_ord(v, geom, 'queen', NULL) OVER () FROM g3;
SELECT getis_ord(v, ST_Centroid(geom)) OVER () FROM g3;
SELECT spatial_lag(v, CASE WHEN id = 5 THEN ST_SetSRID(geom, 4490) ELSE geom END) OVER () FROM g3;
SELECT moran(v, geom, 'knn:0') FROM g3;
SELECT moran(v, geom, NULL) FROM g3;
SELECT moran(v, geom, CASE WHEN id = 4 THEN 'rook' ELSE 'queen' END) FROM g3;
SELECT moran(CASE WHEN id = 3 THEN 'Infinity' ELSE v END, geom) FROM g3;
SELECT moran(v, ST_Centroid(geom)) FROM g3;
SELECT moran(v, CASE WHEN id = 5 THEN ST_SetSRID(geom, 4326) ELSE geom END) FROM g3;
SELECT eb_rate(-1, 10) OVER ();
SELECT eb_rate(1, 0) OVER ();
SELECT eb_rate('NaN', 10) OVER ();
SELECT eb_rate(1e308, 1e-300) OVER () FROM generate_series(1, 3);
SELECT p_adjust(0.5, 'sidak') OVER ();
SELECT p_adjust(0.5, NULL) OVER ();
SELECT p_adjust(1.5) OVER ();
SELECT p_adjust('NaN') OVER ();
SELECT 'v2|queen|0|'::zjgov.spatialstate;
SELECT 'v1|bishop|0|'::zjgov.spatialstate;
SELECT 'v1|queen|2|0x1p+0,00'::zjgov.spatialstate;
SELECT 'v1|queen|1|0x1p+0,0'::zjgov.spatialstate;
SELECT 'v1|queen|1|nan,00'::zjgov.spatialstate;
-- 201 nested collections around a point (PostGIS stops at 198; GEOS reads nesting by recursion
-- and overflowed the stack)
SELECT zjgov._zjgov_moran_final(('v1|knn:1|1|1,' || repeat('010700000001000000', 201)
       || '0101000000000000000000f03f000000000000f03f')::zjgov.spatialstate);
