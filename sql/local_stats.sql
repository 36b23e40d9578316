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

-- the global aggregates with neighbours given as data: moran, geary, join_counts (value, id, neighbours)
-- Four cells in a row, ids 1..4, values 1 2 4 3, chain lists 1 {2}, 2 {1,3}, 3 {2,4}, 4 {3}:
--   mean 2.5, z = −1.5 −0.5 1.5 0.5, Σz² = 5; row-standardised lags: z2, (z1+z3)/2, (z2+z4)/2, z3
--   Σ z_i lag_i = 0.75 + 0 + 0 + 0.75 = 1.5, S0 = n = 4:  I = (4/4)·1.5/5 = 0.3, E[I] = −1/3
--   Geary: Σ_i Σ_j w_ij (x_i − x_j)² = 1 + (1 + 4)/2 + (4 + 1)/2 + 1 = 7:  C = (3/8)·7/5 = 21/40
CREATE TABLE chain4 (id bigint, v float8, nb bigint[]);
INSERT INTO chain4 VALUES (1, 1, '{2}'), (2, 2, '{1,3}'), (3, 4, '{2,4}'), (4, 3, '{3}');
SELECT abs((m).i - 0.3) < 1e-15 AS i_ok, abs((m).expected + 1.0/3) < 1e-15 AS e_ok,
       abs((g).c - 21.0/40) < 1e-15 AS c_ok, (g).expected
  FROM (SELECT moran(v, id, nb) AS m, geary(v, id, nb) AS g FROM chain4) s;
-- join counts, binary weights, true true false false: joins 1-2 (true:true), 2-3 (false:true),
-- 3-4 (false:false); S0 = 6, S1 = 12, S2 = Σ (2 k_i)² = 40, n = 4, two of each:
--   E[a:a] = S0·2·1/(2·4·3) = 0.5, Var = ¼·S1·2·1/(4·3) − 0.25 = 0.25;
--   E[false:true] = S0·4/(4·3) = 2, Var = ¼(2·S1·4/12 + (S2 − 2 S1)·4·2/24 + 4(S0² + S1 − S2)·2·2/24) − 4 = 2/3
SELECT (j).kind, (j).joins, (j).expected, round((j).variance::numeric, 12) AS variance
  FROM (SELECT unnest(join_counts(id <= 2, id, nb)) AS j FROM chain4) s;
-- colours (two present): the same joins named by colour
SELECT (j).kind, (j).joins
  FROM (SELECT unnest(join_counts(CASE WHEN id <= 2 THEN 'red' ELSE 'green' END::colour, id, nb)) AS j FROM chain4) s;
-- lists used as given: row 3 lists only 2 (4 still lists 3, a one-way link); lags z2, (z1+z3)/2, z2, z3:
--   Σ z_i lag_i = 0.75 + 0 − 0.75 + 0.75 = 0.75:  I = 0.75/5 = 0.15;
--   Geary: 1 + (1 + 4)/2 + (4 − 2)² + 1 = 8.5:  C = (3/8)·8.5/5 = 0.6375
SELECT abs((moran(v, id, CASE WHEN id = 3 THEN '{2}' ELSE nb END)).i - 0.15) < 1e-15 AS i_oneway,
       abs((geary(v, id, CASE WHEN id = 3 THEN '{2}' ELSE nb END)).c - 0.6375) < 1e-15 AS c_oneway
  FROM chain4;
-- a row without an id is left out; a row with an id and no value is a known id, ignored when
-- listed as a neighbour (row 5); a NULL list is no neighbours, as the empty list (row 6)
SELECT (SELECT moran(v, id, nb) FROM (SELECT * FROM chain4 UNION ALL SELECT 5, NULL, '{1}'
                                      UNION ALL SELECT NULL, 7, '{1}') s) = (SELECT moran(v, id, nb) FROM chain4) AS null_rows_ignored,
       (SELECT moran(v, id, CASE WHEN id = 4 THEN '{3,5}' ELSE nb END)
          FROM (SELECT * FROM chain4 UNION ALL SELECT 5, NULL, NULL) s) = (SELECT moran(v, id, nb) FROM chain4) AS known_id_ignored,
       (SELECT geary(v, id, nb) FROM (SELECT * FROM chain4 UNION ALL SELECT 6, 2.5, NULL) s)
     = (SELECT geary(v, id, nb) FROM (SELECT * FROM chain4 UNION ALL SELECT 6, 2.5, '{}') s) AS null_list_is_empty;
-- the same as the geometry form when the lists are the queen lists (3 x 3 grid)
CREATE TABLE lsg3nb AS SELECT id, v, geom, neighbours(id, geom) OVER () AS nb FROM lsg3;
SELECT (SELECT moran(v, geom) FROM lsg3nb) = (SELECT moran(v, id, nb) FROM lsg3nb) AS moran_same,
       (SELECT geary(v, geom) FROM lsg3nb) = (SELECT geary(v, id, nb) FROM lsg3nb) AS geary_same,
       (SELECT join_counts(v >= 7, geom) FROM lsg3nb) = (SELECT join_counts(v >= 7, id, nb) FROM lsg3nb) AS bool_same,
       (SELECT join_counts((ARRAY['red', 'yellow', 'green'])[(id + 2) / 3]::colour, geom) FROM lsg3nb)
     = (SELECT join_counts((ARRAY['red', 'yellow', 'green'])[(id + 2) / 3]::colour, id, nb) FROM lsg3nb) AS colour_same;
-- independent of the row order and of the order inside each list
SELECT (SELECT moran(v, id, nb ORDER BY id) FROM lsg3nb) = (SELECT moran(v, id, nb ORDER BY id DESC) FROM lsg3nb)
   AND (SELECT geary(v, id, nb ORDER BY (id * 7) % 9) FROM lsg3nb) = (SELECT geary(v, id, nb ORDER BY id DESC) FROM lsg3nb)
   AND (SELECT join_counts(v >= 4, id, nb ORDER BY id) FROM lsg3nb)
     = (SELECT join_counts(v >= 4, id, ARRAY(SELECT x FROM unnest(nb) x ORDER BY x DESC) ORDER BY id DESC) FROM lsg3nb) AS order_free;
-- partial states: split in two, combined in either order (row 5 without a value in one part is
-- still a known id for row 4's list in the other), and the text form round trip
CREATE AGGREGATE pg_temp.idstate(float8, bigint, bigint[]) (SFUNC = zjgov._zjgov_moran_trans, STYPE = zjgov.spatialstate);
CREATE AGGREGATE pg_temp.geomstate(float8, geometry) (SFUNC = zjgov._zjgov_moran_trans, STYPE = zjgov.spatialstate);
CREATE TABLE chain5 AS SELECT * FROM chain4 WHERE id <> 4 UNION ALL SELECT 4, 3, '{3,5}' UNION ALL SELECT 5, NULL, '{4}';
SELECT _zjgov_moran_final(_zjgov_moran_combine(a, b)) = (SELECT moran(v, id, nb) FROM chain4) AS combined_ab,
       _zjgov_moran_final(_zjgov_moran_combine(b, a)) = (SELECT moran(v, id, nb) FROM chain4) AS combined_ba,
       _zjgov_geary_final(_zjgov_moran_combine(a, b)::text::spatialstate) = (SELECT geary(v, id, nb) FROM chain4) AS text_round_trip
  FROM (SELECT pg_temp.idstate(v, id, nb) FILTER (WHERE id IN (1, 5)) AS a,
               pg_temp.idstate(v, id, nb) FILTER (WHERE id IN (2, 3, 4)) AS b FROM chain5) s;
-- fewer than 3 rows with a value (4 for join_counts): NULL with a NOTICE
SELECT moran(v, id, '{}') IS NULL AS is_null FROM chain4 WHERE id <= 2
UNION ALL SELECT join_counts(v > 2, id, '{}') IS NULL FROM chain4 WHERE id < 4;
DROP TABLE chain5;

-- errors of the aggregates with neighbours given as data (SQLSTATE and message)
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN EXECUTE q; RETURN 'no error'; EXCEPTION WHEN others THEN RETURN SQLSTATE || ' ' || SQLERRM; END $$;
SELECT pg_temp.err('SELECT moran(v, CASE WHEN id = 2 THEN 1 ELSE id END, nb) FROM chain4') AS duplicate_id;
SELECT pg_temp.err($q$SELECT geary(v, id, CASE WHEN id = 2 THEN '{1,3,42}' ELSE nb END) FROM chain4$q$) AS unknown_neighbour;
SELECT pg_temp.err($q$SELECT join_counts(v > 2, id, CASE WHEN id = 2 THEN '{1,NULL}' ELSE nb END) FROM chain4$q$) AS null_element;
SELECT pg_temp.err($q$SELECT moran(v, id, CASE WHEN id = 2 THEN '{{1},{3}}' ELSE nb END) FROM chain4$q$) AS two_dimensional;
SELECT pg_temp.err($q$SELECT moran(CASE WHEN id = 2 THEN 'Infinity' ELSE v END, id, nb) FROM chain4$q$) AS infinite_value;
SELECT pg_temp.err($q$SELECT moran(v, geom, '(ids)') FROM lsg3$q$) AS marker_as_weights;
SELECT pg_temp.err($q$SELECT _zjgov_moran_combine((SELECT pg_temp.idstate(v, id, nb) FROM chain4), (SELECT pg_temp.geomstate(v, geom) FROM lsg3))$q$) AS mixed_combine;
SELECT pg_temp.err($q$SELECT _zjgov_moran_trans((SELECT pg_temp.idstate(v, id, nb) FROM chain4), 1, geom) FROM lsg3$q$) AS mixed_trans;
SELECT pg_temp.err($q$SELECT 'v1|(ids)|1|0x1p+0,0100000000000000'::spatialstate$q$) AS bad_id_record;
SELECT pg_temp.err($q$SELECT _zjgov_moran_final('v1|(ids)|1|0x1p+0,01000000000000000200000000000000'::spatialstate)$q$) AS bad_kind;
DROP TABLE lsg3nb, chain4;

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
