-- local statistics of 1.1: local_geary, local_moran_bv, local_join_count, eb_rate_local,
-- getis_ord with permutation p
SET search_path = public, zjgov;
-- The 3 x 3 grid of unit squares, ids row by row from the top, value = id (as in autocorr.sql):
--   1 2 3      queen neighbours: 1 {2,4,5}, 2 {1,3,4,5,6}, 3 {2,5,6}, 4 {1,2,5,7,8}, 5 all others
--   4 5 6
--   7 8 9      mean 5, Σ(x − 5)² = 60, sample sd s = √(60/8) = √7.5
CREATE TABLE lsg3 AS
SELECT (i * 3 + j + 1)::bigint AS id, ST_MakeEnvelope(j, 2 - i, j + 1, 3 - i) AS geom,
       (i * 3 + j + 1)::float8 AS v
  FROM generate_series(0, 2) i, generate_series(0, 2) j;

-- local Geary C_i = (1/|N(i)|) Σ_j (z_i − z_j)², z = (x − 5)/s:
--   1: ((1−2)² + (1−4)² + (1−5)²)/3/7.5 = 26/22.5            = 1.1555…
--   2: (1 + 1 + 4 + 9 + 16)/5/7.5 = 31/37.5                  = 0.8266…
--   3: ((3−2)² + (3−5)² + (3−6)²)/3/7.5 = 14/22.5            = 0.6222…
--   4: (9 + 4 + 1 + 9 + 16)/5/7.5 = 39/37.5                  = 1.04
--   5: (16+9+4+1+1+4+9+16)/8/7.5 = 60/60                     = 1;  6..9 mirror 4..1
-- clusters (spdep): 1..4 have x < mean and a lag < 0: LL; 5 (x = mean, lag 0): LL; 6..9 HH
SELECT id, abs((lg).c - (ARRAY[26/22.5, 31/37.5, 14/22.5, 39/37.5, 1, 39/37.5, 14/22.5, 31/37.5, 26/22.5])[id]) < 1e-12 AS c_ok,
       (lg).cluster, (lg).p BETWEEN 0.001 AND 1 AS p_ok, (lg).z IS NOT NULL AS has_z
  FROM (SELECT id, local_geary(v, geom, 'queen', 99) OVER () AS lg FROM lsg3) s ORDER BY id;
-- bivariate local Moran with y = 10 − x (z_y = −z_x): I_i = z_x,i · mean_j z_y,j
--   1: (−4/s) · (3 + 1 + 0)/(3s) = −16/22.5 = −0.7111…;  5: 0;  9 mirrors 1
SELECT id, abs((bv).ii - (ARRAY[-16/22.5, NULL, NULL, NULL, 0, NULL, NULL, NULL, -16/22.5])[id]) < 1e-12 AS ii_ok, (bv).quadrant
  FROM (SELECT id, local_moran_bv(v, 10 - v, geom, 'queen', 99) OVER () AS bv FROM lsg3) s
 WHERE id IN (1, 5, 9) ORDER BY id;
-- local join count of the bottom row (7, 8, 9 true): BB_7 = 1 (8), BB_8 = 2 (7, 9), BB_9 = 1;
-- false rows have 0 and no p
SELECT id, (jc).bb, (jc).p IS NOT NULL AS has_p
  FROM (SELECT id, local_join_count(v >= 7, geom, 'queen', 99) OVER () AS jc FROM lsg3) s ORDER BY id;
-- local EB: equal rates everywhere -> every estimate is that rate (a = 0, shrunk to m = 0.1)
SELECT id, abs(eb_rate_local(v * 10, v * 100, geom) OVER () - 0.1) < 1e-15 AS eb_ok FROM lsg3 ORDER BY id;
-- local EB by hand for cell 1 (neighbourhood {1,2,4,5}), events e = id, population 10 everywhere:
--   rates r = id/10; m_1 = (1+2+4+5)/40 = 0.3; n̄ = 10;
--   C_1 = Σ_j 10 (r_j − m_j)² with each j's own m_j: m_2 = (1+2+3+4+5+6)/60 = 0.35,
--   m_4 = (1+2+4+5+7+8)/60 = 0.45, m_5 = 45/90 = 0.5:
--   C_1 = 10 (0.2² + 0.15² + 0.05² + 0²) = 0.65;  a = 0.65/40 − 0.3/10 = −0.01375 < 0 -> 0: r̂ = m_1 = 0.3
SELECT abs(eb_rate_local(v, 10, geom) OVER () - 0.3) < 1e-15 AS eb1_ok FROM lsg3 ORDER BY id LIMIT 1;
-- getis_ord with permutations: z and class as without, p from the draws
SELECT bool_and(abs((a).z - (b).z) < 1e-12 AND (a).class = (b).class) AS z_and_class_kept,
       bool_and((b).p > 0 AND (b).p <= 1) AS p_in_range
  FROM (SELECT getis_ord(v, geom) OVER () AS a, getis_ord(v, geom, 'queen', true, 99) OVER () AS b FROM lsg3) s;
-- deterministic for a seed and independent of the input order
SELECT bool_and((a).p = (b).p AND (a).z = (b).z) AS same_draws
  FROM (SELECT id, local_geary(v, geom, 'queen', 199, 7) OVER (ORDER BY id) AS a,
               local_geary(v, geom, 'queen', 199, 7) OVER (ORDER BY id DESC) AS b FROM lsg3) s;
-- NULL values are left out; fewer than 3 rows: NULL with a NOTICE
SELECT id, c IS NULL AS c_null
  FROM (SELECT id, (local_geary(CASE WHEN id = 5 THEN NULL ELSE v END, geom, 'queen', 0) OVER ()).c FROM lsg3) s
 WHERE id IN (1, 5) ORDER BY id;
SELECT local_geary(v, geom) OVER () FROM lsg3 WHERE id < 3;

-- geary (row-standardised): Σ_i (1/k_i) Σ_j (x_i − x_j)² over queen neighbours =
--   2 (26/3 + 31/5 + 14/3 + 39/5) + 60/8 = 373/6;  C = (n − 1)/(2 S0) · (373/6)/Σz² with S0 = 9,
--   Σz² = 60:  C = 8/18 · 373/360 = 2984/6480 = 0.46049…; expectation 1; C < 1: positive autocorrelation
SELECT abs((g).c - 2984.0/6480) < 1e-12 AS c_ok, (g).expected, (g).variance > 0 AS var_pos, (g).z > 0 AS z_pos,
       (g).p < 0.5 AS p_small
  FROM (SELECT geary(v, geom) AS g FROM lsg3) s;
-- join counts of the bottom row: 20 queen joins, true:true 2 (7-8, 8-9), false:false 11, false:true 7;
-- E[true:true] = S0 · n_t (n_t − 1)/(2 n (n − 1)) = 40 · 3 · 2/(2 · 9 · 8) = 5/3
SELECT (j).kind, (j).joins, round((j).expected::numeric, 10) AS expected
  FROM (SELECT unnest(join_counts(v >= 7, geom)) AS j FROM lsg3) s;
-- colours: top row red, middle yellow, bottom green (rook: 12 joins, 2 in each row, 3 between rows)
SELECT (j).kind, (j).joins
  FROM (SELECT unnest(join_counts((ARRAY['red', 'yellow', 'green'])[(id + 2) / 3]::colour, geom, 'rook')) AS j FROM lsg3) s;
-- the result does not depend on the input order (parallel plans and combine: test/suites/parallel_agg.sh)
SELECT (SELECT join_counts(v >= 7, geom) FROM lsg3) = (SELECT join_counts(v >= 7, geom) FROM (SELECT * FROM lsg3 ORDER BY id DESC) s) AS order_free;

-- neighbours given as data: the same statistics as the queen weights when the lists are the queen
-- lists; used as given when not symmetric (row 1 lists only 2: its lag is x_2 = 2; row 2 keeps
-- {1, 3, 4, 5, 6}: (1 + 3 + 4 + 5 + 6)/5 = 3.8)
CREATE TABLE lsg3nb AS SELECT id, v, geom, neighbours(id, geom) OVER () AS nb FROM lsg3;
SELECT bool_and(abs((a).c - (b).c) < 1e-12) AS geary_same,
       bool_and(abs((c).ii - (d).ii) < 1e-12) AS moran_same,
       bool_and(abs((e).z - (f).z) < 1e-12) AS gi_same,
       bool_and((g).bb = (h).bb) AS bb_same
  FROM (SELECT local_geary(v, geom) OVER () AS a, local_geary(v, id, nb) OVER () AS b,
               local_moran(v, geom) OVER () AS c, local_moran(v, id, nb) OVER () AS d,
               getis_ord(v, geom) OVER () AS e, getis_ord(v, id, nb) OVER () AS f,
               local_join_count(v >= 7, geom) OVER () AS g, local_join_count(v >= 7, id, nb) OVER () AS h
          FROM lsg3nb) s;
SELECT id, spatial_lag(v, id, CASE WHEN id = 1 THEN ARRAY[2]::bigint[] ELSE nb END) OVER () AS lag
  FROM lsg3nb ORDER BY id LIMIT 2;
SELECT local_geary(v, id, CASE WHEN id = 1 THEN ARRAY[2, 42]::bigint[] ELSE nb END) OVER () FROM lsg3nb;
SELECT eb_rate_local(v, 10, id, CASE WHEN id = 1 THEN ARRAY[NULL]::bigint[] ELSE nb END) OVER () FROM lsg3nb;
DROP TABLE lsg3nb;

-- errors
SELECT local_geary(v, geom, 'queen', -1) OVER () FROM lsg3;
SELECT local_geary(v, geom, 'queen', NULL) OVER () FROM lsg3;
SELECT local_moran_bv(v, 'NaN', geom) OVER () FROM lsg3;
SELECT eb_rate_local(v, 0, geom) OVER () FROM lsg3;
SELECT eb_rate_local(-v, 10, geom) OVER () FROM lsg3;
SELECT getis_ord(v, geom, 'queen', true, 2000000) OVER () FROM lsg3;
SELECT local_join_count(true, geom, 'rook:x') OVER () FROM lsg3;
SELECT geary(v, geom, 'hexagonal') FROM lsg3;
SELECT geary(v, geom, w) FROM (SELECT v, geom, CASE WHEN id = 1 THEN 'rook' ELSE 'queen' END AS w FROM lsg3) s;
SELECT join_counts(v > 3, geom) FROM lsg3 WHERE id < 4;
DROP TABLE lsg3;
