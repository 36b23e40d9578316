-- class breaks: jenks_breaks, quantile_breaks, equal_breaks, headtail_breaks, gvf
SET search_path = public, zjgov;
-- The classic data set of Jenks & Caspall (1971), "Error on choroplethic maps": Illinois 1959 county
-- gross farm product value per acre, 102 counties (R: data(jenks71, package = "spData")).
CREATE TABLE jenks71 (v float8);
INSERT INTO jenks71 SELECT unnest('{50.12,83.9,76.43,71.61,79.66,84.84,87.87,92.45,119.9,155.3,131.5,
  111.8,96.78,86.75,62.41,96.37,75.51,77.29,85.41,116.4,58.5,75.29,66.32,62.65,80.45,72.76,63.67,60.27,
  68.45,100.1,55.3,54.07,57.49,73.52,68.25,64.28,50.64,52.47,68.19,57.4,39.72,60.66,57.59,38.22,57.22,
  67.04,47.29,71.05,50.53,34.63,59.65,62.06,52.89,56.35,57.26,53.77,59.89,55.44,45.4,52.21,49.38,51.15,
  54.27,54.32,41.2,34.58,50.11,52.05,33.82,39.88,36.24,41.02,46.13,51.15,32.28,33.26,31.78,31.28,50.52,
  47.21,32.69,38.3,33.83,40.3,40.62,32.14,31.66,26.09,39.84,24.83,28.2,31.19,37.57,27.16,23.42,18.57,
  30.97,17.82,15.57,15.93,28.71,32.22}'::float8[]);
-- ===================================================================== jenks_breaks
-- Independent reference: R classInt 0.4.9, classIntervals(x, k, style = "fisher").  classInt prints
-- the midpoints between classes; the first value of each upper class (our thresholds) is, by k:
--   2: 65.3 -> 66.32                      3: 46.67 82.175 -> 47.21 83.9
--   4: 43.3 69.75 105.95 -> 45.4 71.05 111.8
--   5: 43.3 61.36 78.475 105.95 -> 45.4 62.06 79.66 111.8
--   6: 29.84 43.3 61.36 78.475 105.95 -> 30.97 45.4 62.06 79.66 111.8
--   7: 29.84 43.3 61.36 78.475 105.95 143.4 -> 30.97 45.4 62.06 79.66 111.8 155.3
-- and jenks.tests() gives the goodness of variance fit 0.611927564902909, 0.812239168495422,
-- 0.905673313079640, 0.931356006266311, 0.949735071491368, 0.965141652195144.
SELECT k, jenks_breaks(v, k) FROM jenks71, generate_series(2, 7) k GROUP BY k ORDER BY k;
SELECT k, jenks_breaks(v, k) = r.brks AS matches_classint,
       abs(gvf(v, r.brks) - r.gvf) < 1e-12 AS gvf_matches_classint
  FROM jenks71, (VALUES (2, '{66.32}'::float8[], 0.611927564902909),
                        (3, '{47.21,83.9}', 0.812239168495422),
                        (4, '{45.4,71.05,111.8}', 0.905673313079640),
                        (5, '{45.4,62.06,79.66,111.8}', 0.931356006266311),
                        (6, '{30.97,45.4,62.06,79.66,111.8}', 0.949735071491368),
                        (7, '{30.97,45.4,62.06,79.66,111.8,155.3}', 0.965141652195144)) r(k, brks, gvf)
  GROUP BY k, r.brks, r.gvf ORDER BY k;
-- by hand: {1,2,3 | 10,11,12 | 20} has within-class sum of squares 2 + 2 + 0 = 4, the least
SELECT jenks_breaks(v, 3) FROM unnest('{12,1,20,3,10,2,11}'::float8[]) v;
-- the same shifted by 1e9 and scaled by 1e-9 (prefix sums are centred, so no precision is lost)
SELECT jenks_breaks(v + 1e9, 3) AS shifted, jenks_breaks(v * 1e-9, 3) AS scaled
  FROM unnest('{12,1,20,3,10,2,11}'::float8[]) v;
-- ties are never split; fewer distinct values than k give fewer thresholds; one value gives none.
-- By hand, k = 2: {1,1,1,1,2,2 | 9,9,9} has SSD 4/3, {1,1,1,1 | 2,2,9,9,9} 58.8; k = 3: SSD 0
SELECT jenks_breaks(v, 2) AS ties_2, jenks_breaks(v, 3) AS ties_3, jenks_breaks(v, 5) AS ties_5
  FROM unnest('{1,1,1,1,2,2,9,9,9}'::float8[]) v;
SELECT jenks_breaks(v, 3) AS one_value, jenks_breaks(v + 1, 2) AS shifted
  FROM unnest('{5,5,5,5}'::float8[]) v;
-- NULLs are skipped; no rows or only NULLs give NULL; -0 is 0
SELECT jenks_breaks(v, 2) FROM unnest('{1,NULL,2,NULL,10}'::float8[]) v;
SELECT jenks_breaks(v, 2) IS NULL AS empty FROM unnest('{}'::float8[]) v;
SELECT jenks_breaks(v, 2) IS NULL AS all_null FROM unnest('{NULL,NULL}'::float8[]) v;
SELECT jenks_breaks(v, 2) FROM unnest('{-0.0,-1,-1}'::float8[]) v;
-- Brute force.  pg_temp.ssd is the within-class sum of squares of a classification; brute_contiguous
-- tries every way to cut the sorted values into k runs (C(n-1, k-1) of them, ties may be split);
-- brute_partitions tries every partition of the values into k non-empty sets (Stirling numbers:
-- S(9,4) = 7770), which also checks that the optimum is contiguous and never needs split ties.
CREATE FUNCTION pg_temp.ssd(x float8[], t float8[]) RETURNS float8 LANGUAGE sql AS $$
  SELECT coalesce(sum((v - m) ^ 2), 0) FROM (
    SELECT v, avg(v) OVER (PARTITION BY zjgov.classify(v, t)) AS m FROM unnest(x) v) d $$;
CREATE FUNCTION pg_temp.brute_contiguous(x float8[], k int) RETURNS float8 LANGUAGE sql AS $$
  WITH RECURSIVE s AS (SELECT array_agg(v ORDER BY v) AS x FROM unnest(x) v),
  c(cuts) AS (SELECT '{}'::int[]
              UNION ALL
              SELECT c.cuts || j FROM c, s,
                     generate_series(coalesce(c.cuts[cardinality(c.cuts)], 0) + 1, cardinality(s.x) - 1) j
               WHERE cardinality(c.cuts) < k - 1)
  SELECT min(tot) FROM (
    SELECT c.cuts, sum(dev) AS tot FROM c, s, LATERAL (
      SELECT (s.x[i] - avg(s.x[i]) OVER (PARTITION BY (SELECT count(*) FROM unnest(c.cuts) u WHERE u < i))) ^ 2 AS dev
        FROM generate_series(1, cardinality(s.x)) i) d
     WHERE cardinality(c.cuts) = k - 1 GROUP BY c.cuts) z $$;
CREATE FUNCTION pg_temp.brute_partitions(x float8[], k int) RETURNS float8 LANGUAGE sql AS $$
  WITH RECURSIVE p(lab, mx) AS (SELECT ARRAY[1], 1
              UNION ALL
              SELECT p.lab || l, greatest(p.mx, l) FROM p, generate_series(1, least(p.mx + 1, k)) l
               WHERE cardinality(p.lab) < cardinality(x))
  SELECT min(tot) FROM (
    SELECT p.lab, sum(dev) AS tot FROM p, LATERAL (
      SELECT (x[i] - avg(x[i]) OVER (PARTITION BY p.lab[i])) ^ 2 AS dev
        FROM generate_series(1, cardinality(x)) i) d
     WHERE cardinality(p.lab) = cardinality(x) AND p.mx = k GROUP BY p.lab) z $$;
-- data sets g = 1..40 of n = 3..12 values from a fixed formula, with ties, negatives and decimals
CREATE TEMP TABLE bf AS
  SELECT g, array_agg(((g * 131 + i * i * 17 + i * g) % 23 - 7 + (g % 3) * 0.25)::float8 ORDER BY i) AS x
    FROM generate_series(1, 40) g, generate_series(1, 3 + g % 10) i GROUP BY g;
SELECT count(*) AS cases, count(*) FILTER (WHERE abs(j - b) <= 1e-9 * (1 + b)) AS jenks_is_optimal
  FROM (SELECT g, k, pg_temp.ssd(x, (SELECT jenks_breaks(v, k) FROM unnest(x) v)) AS j,
               pg_temp.brute_contiguous(x, k) AS b
          FROM bf, generate_series(2, 6) k WHERE k <= cardinality(x)) r;
SELECT count(*) AS cases, count(*) FILTER (WHERE abs(j - b) <= 1e-9 * (1 + b)) AS jenks_is_optimal
  FROM (SELECT g, k, pg_temp.ssd(x, (SELECT jenks_breaks(v, k) FROM unnest(x) v)) AS j,
               pg_temp.brute_partitions(x, k) AS b
          FROM bf, generate_series(2, 4) k WHERE k <= cardinality(x) AND cardinality(x) <= 9) r;
-- every threshold is a data value starting its class, and ties stay together: thresholds are
-- distinct data values, and the number of classes is min(k, distinct values)
SELECT count(*) AS cases,
       count(*) FILTER (WHERE t <@ x AND cardinality(t) = least(k, (SELECT count(DISTINCT v) FROM unnest(x) v)) - 1)
         AS well_formed
  FROM (SELECT x, k, (SELECT jenks_breaks(v, k) FROM unnest(x) v) AS t FROM bf, generate_series(2, 12) k) r;
-- ===================================================================== quantile_breaks
-- equals percentile_cont(i/k) exactly; R quantile(type = 7) on jenks71 gives for k = 3
-- 41.14, 61.126666666666665 and for k = 7 31.934285714285714 39.822857142857146 50.561428571428578
-- 56.971428571428568 64.571428571428555 80.111428571428576
SELECT k, quantile_breaks(v, k) FROM jenks71, generate_series(2, 7) k GROUP BY k ORDER BY k;
SELECT k, (SELECT quantile_breaks(v, k) FROM jenks71)
          = (SELECT percentile_cont((SELECT array_agg(i::float8 / k ORDER BY i) FROM generate_series(1, k - 1) i))
                      WITHIN GROUP (ORDER BY v) FROM jenks71) AS equals_percentile_cont
  FROM generate_series(2, 12) k ORDER BY k;
-- by hand: {1..10}: percentile_cont(0.25) = 1 + 0.25*9 = 3.25, 0.5 -> 5.5, 0.75 -> 7.75;
-- {1,1,1,1,2}: every quartile is 1, collapsed to one threshold
SELECT quantile_breaks(v, 4) FROM generate_series(1, 10) v;
SELECT quantile_breaks(v, 4) FROM unnest('{1,1,1,1,2}'::float8[]) v;
-- ===================================================================== equal_breaks
-- by hand: 0..10 in 4 -> 2.5 5 7.5; R classInt style = "equal", jenks71, k = 4:
-- 50.502500000000005 85.435000000000002 120.36750000000001
SELECT equal_breaks(v, 4) FROM unnest('{10,0,3}'::float8[]) v;
SELECT (SELECT bool_and(abs(t - r) < 1e-12) FROM unnest(equal_breaks(v, 4), '{50.5025,85.435,120.3675}'::float8[]) u(t, r))
  FROM jenks71;
SELECT equal_breaks(v, 3) AS constant FROM unnest('{7,7}'::float8[]) v;
SELECT equal_breaks(v, 2) AS huge_range FROM unnest('{-1e308,1e308}'::float8[]) v;
-- ===================================================================== headtail_breaks
-- by hand (docs/colours.md): {1 x8, 10, 20}: mean 3.8, head {10,20} = 20 % -> again: mean 15, head {20} is one
-- value -> stop: {3.8, 15}.  {0,0,0,2,4}: mean 1.2, head {2,4} = exactly 40 % -> again: 3 -> {1.2, 3}.
-- {0,0,0,0,2,4,6}: mean 12/7, head 3/7 > 40 % -> stop.  {1..9,100,1000}: 1145/11 = 104.0909...
-- R classInt style = "headtails" gives the same four: 3.8 15 | 1.2 3 | 1.7142857142857142 | 104.09090909090909,
-- and 56.279411764705884 on jenks71.
SELECT headtail_breaks(v) FROM unnest('{1,1,1,1,1,1,1,1,10,20}'::float8[]) v;
SELECT headtail_breaks(v, 2) AS max_2_classes FROM unnest('{1,1,1,1,1,1,1,1,10,20}'::float8[]) v;
SELECT headtail_breaks(v) FROM unnest('{0,0,0,2,4}'::float8[]) v;
SELECT headtail_breaks(v) FROM unnest('{0,0,0,0,2,4,6}'::float8[]) v;
SELECT abs((headtail_breaks(v))[1] - 104.09090909090909) < 1e-12 FROM unnest('{1,2,3,4,5,6,7,8,9,100,1000}'::float8[]) v;
SELECT headtail_breaks(v) FROM jenks71;
SELECT headtail_breaks(v) AS constant FROM unnest('{3,3,3}'::float8[]) v;
-- the heavy tail 1/i, i = 1..1000: means H(n)/n of the heads i <= 1000, 133, 24 (13 % and 18 % heads)
-- are 0.00748547, 0.0411377, 0.157332 (harmonic numbers, computed apart); max_k = 4 stops at 3 thresholds
SELECT round(t::numeric, 6) FROM unnest((SELECT headtail_breaks(1.0 / i, 4) FROM generate_series(1, 1000) i)) t;
-- ===================================================================== gvf
-- by hand: {1,2,3,10,11,12,20}: SDAM = 779 - 59^2/7 = 1972/7, SDCM = 4 -> 1 - 28/1972 = 486/493;
-- no thresholds: 0; a perfect split: 1; constant values: NULL
SELECT abs(gvf(v, '{10,20}') - 486.0 / 493) < 1e-12 AS hand,
       gvf(v, '{}') AS one_class, gvf(v, '{-5}') AS all_above
  FROM unnest('{12,1,20,3,10,2,11}'::float8[]) v;
SELECT gvf(v, '{5}') AS perfect FROM unnest('{1,1,9,9}'::float8[]) v;
SELECT gvf(v, '{5}') IS NULL AS constant FROM unnest('{3,3}'::float8[]) v;
-- ===================================================================== the BI pattern
-- colour a table by its own natural breaks in one query: {2,3,4 | 20,22 | 50,55} (SSD 2 + 2 + 12.5)
CREATE TABLE district (name text, v float8);
INSERT INTO district VALUES ('a', 2), ('b', 20), ('c', 55), ('d', 3), ('e', 22), ('f', 4), ('g', 50), ('h', NULL);
SELECT name, v, colour_of(v, (SELECT jenks_breaks(v, 3) FROM district)) AS colour,
       colour_zh(colour_of(v, (SELECT jenks_breaks(v, 3) FROM district)))
  FROM district ORDER BY v, name;
-- as a window aggregate: each partition's own breaks
SELECT grp, v, jenks_breaks(v, 2) OVER (PARTITION BY grp) FROM
  (VALUES (1, 1), (1, 2), (1, 10), (2, 5), (2, 50), (2, 60)) t(grp, v) ORDER BY grp, v;
-- ===================================================================== parallel plans
CREATE TABLE breaks_par AS
  SELECT i, i % 3 AS grp, ((i * 7919) % 10007 + (i % 5) * 3000)::float8 AS v FROM generate_series(1, 60000) i;
ANALYZE breaks_par;
CREATE TEMP TABLE breaks_serial AS
  SELECT jenks_breaks(v, 5) AS j, quantile_breaks(v, 5) AS q, equal_breaks(v, 5) AS e,
         headtail_breaks(v) AS h, gvf(v, '{3000,6000,9000,12000}') AS g FROM breaks_par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET force_parallel_mode = on; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
  SELECT jenks_breaks(v, 5), quantile_breaks(v, 5), equal_breaks(v, 5), headtail_breaks(v),
         gvf(v, '{3000,6000,9000,12000}') FROM breaks_par;
SELECT p.j = s.j AS jenks, p.q = s.q AS quantile, p.e = s.e AS equal, p.h = s.h AS headtail,
       abs(p.g - s.g) < 1e-12 AS gvf
  FROM (SELECT jenks_breaks(v, 5) AS j, quantile_breaks(v, 5) AS q, equal_breaks(v, 5) AS e,
               headtail_breaks(v) AS h, gvf(v, '{3000,6000,9000,12000}') AS g FROM breaks_par) p, breaks_serial s;
-- grouped, in parallel: each group equals its serial computation
EXPLAIN (COSTS OFF) SELECT grp, jenks_breaks(v, 3) FROM breaks_par GROUP BY grp;
CREATE TEMP TABLE breaks_par_grouped AS SELECT grp, jenks_breaks(v, 3) AS j FROM breaks_par GROUP BY grp;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET force_parallel_mode; RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SELECT grp, jenks_breaks(v, 3) = j AS same FROM breaks_par_grouped JOIN breaks_par USING (grp)
  GROUP BY grp, j ORDER BY grp;
RESET max_parallel_workers_per_gather;
-- ===================================================================== the state: text round trip, combine
-- the state as text (hexadecimal floats) and back gives the identical state and result
SELECT _zjgov_breaks_state(v, 3) FROM unnest('{1,2.5,NULL,-0.1}'::float8[]) v;
SELECT s::text = s::text::aggstate::text AS text_identical,
       _zjgov_jenks_final(s::text::aggstate) = jenks_breaks AS jenks_same,
       _zjgov_quantile_final(s::text::aggstate) = quantile_breaks AS quantile_same
  FROM (SELECT _zjgov_breaks_state(v, 5) AS s, jenks_breaks(v, 5), quantile_breaks(v, 5) FROM breaks_par) t;
SELECT _zjgov_headtail_final(s::text::aggstate) = h AS headtail_same, s::text = s::text::aggstate::text
  FROM (SELECT _zjgov_headtail_state(v, 10) AS s, headtail_breaks(v) AS h FROM breaks_par) t;
SELECT _zjgov_equal_final(s::text::aggstate) = e AS equal_same, s::text
  FROM (SELECT _zjgov_equal_state(v, 4) AS s, equal_breaks(v, 4) AS e FROM unnest('{0.1,10,3}'::float8[]) v) t;
SELECT _zjgov_gvf_final(s::text::aggstate) = g AS gvf_same, s::text = s::text::aggstate::text
  FROM (SELECT _zjgov_gvf_state(v, '{3000,6000}') AS s, gvf(v, '{3000,6000}') AS g FROM breaks_par) t;
-- combine called directly merges two partial states (here: odd and even rows)
SELECT _zjgov_jenks_final(_zjgov_breaks_combine(a, b)) = (SELECT jenks_breaks(v, 5) FROM breaks_par) AS jenks,
       _zjgov_jenks_final(_zjgov_breaks_combine(NULL, b)) = (SELECT jenks_breaks(v, 5) FROM breaks_par WHERE i % 2 = 0) AS null_first,
       _zjgov_jenks_final(_zjgov_breaks_combine(a, NULL)) = (SELECT jenks_breaks(v, 5) FROM breaks_par WHERE i % 2 = 1) AS null_second
  FROM (SELECT _zjgov_breaks_state(v, 5) FILTER (WHERE i % 2 = 1) AS a,
               _zjgov_breaks_state(v, 5) FILTER (WHERE i % 2 = 0) AS b FROM breaks_par) t;
SELECT abs(_zjgov_gvf_final(_zjgov_breaks_combine(a, b)) - (SELECT gvf(v, '{3000,6000}') FROM breaks_par)) < 1e-12 AS gvf,
       _zjgov_equal_final(_zjgov_breaks_combine(c, d)) = (SELECT equal_breaks(v, 4) FROM breaks_par) AS equal
  FROM (SELECT _zjgov_gvf_state(v, '{3000,6000}') FILTER (WHERE i <= 100) AS a,
               _zjgov_gvf_state(v, '{3000,6000}') FILTER (WHERE i > 100) AS b,
               _zjgov_equal_state(v, 4) FILTER (WHERE i <= 100) AS c,
               _zjgov_equal_state(v, 4) FILTER (WHERE i > 100) AS d FROM breaks_par) t;
-- called directly (not as an aggregate) a transition function leaves its argument alone: 7 = 0x1.cp+2
SELECT _zjgov_breaks_sfunc(s, 7, 3)::text AS appended, s::text AS unchanged
  FROM (SELECT 'v1:v:1:3:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0'::aggstate AS s OFFSET 0) t;
DROP TABLE breaks_par, district, jenks71;
-- ===================================================================== errors
SELECT jenks_breaks(v, 1) FROM generate_series(1, 3) v;
SELECT jenks_breaks(v, 1001) FROM generate_series(1, 3) v;
SELECT jenks_breaks(v, NULL) FROM generate_series(1, 3) v;
SELECT jenks_breaks(v, 4 - (v = 3)::int) FROM generate_series(1, 3) v;
SELECT jenks_breaks(v, 2) FROM unnest('{1,NaN}'::float8[]) v;
SELECT quantile_breaks(v, 2) FROM unnest('{1,Infinity}'::float8[]) v;
SELECT quantile_breaks(v, 0) FROM generate_series(1, 3) v;
SELECT equal_breaks(v, -3) FROM generate_series(1, 3) v;
SELECT equal_breaks(v, 2) FROM unnest('{1,-Infinity}'::float8[]) v;
SELECT equal_breaks(v, v::int + 2) FROM generate_series(1, 3) v;
SELECT headtail_breaks(v, 1) FROM generate_series(1, 3) v;
SELECT headtail_breaks(v, NULL) FROM generate_series(1, 3) v;
SELECT headtail_breaks(v, v::int + 2) FROM generate_series(1, 3) v;
SELECT gvf(v, '{3,2}') FROM generate_series(1, 3) v;
SELECT gvf(v, '{1,NULL}') FROM generate_series(1, 3) v;
SELECT gvf(v, '{1,NaN}') FROM generate_series(1, 3) v;
SELECT gvf(v, '{{1,2},{3,4}}') FROM generate_series(1, 3) v;
SELECT gvf(v, NULL) FROM generate_series(1, 3) v;
SELECT gvf(v, ARRAY[v]) FROM generate_series(1, 3) v;
SELECT gvf(v, '{1}') FROM unnest('{1,NaN}'::float8[]) v;
SELECT gvf(v, (SELECT array_agg(i) FROM generate_series(1, 1000) i)) FROM generate_series(1, 3) v;
SELECT gvf(v, '{1}') FROM unnest('{1e200,-1e200}'::float8[]) v;
-- states that do not belong to the function, or are corrupt
SELECT _zjgov_jenks_final('v1:e:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_jenks_final('v1:v:1:3:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:nan');
SELECT _zjgov_quantile_final('v1:v:1:1:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0');
SELECT _zjgov_headtail_final('v1:v:2:3:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0,0x1p+0');
SELECT _zjgov_equal_final('v1:e:1:3:0:0x1p+0,0x1p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_gvf_final('v1:g:1:1:3:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0,0x1p+0,0x1p+0');
SELECT _zjgov_gvf_final('v1:g:1:0:3:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0,0x1p+0,-0x1p+0');
SELECT _zjgov_breaks_combine('v1:v:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 'v1:e:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_breaks_combine('v1:v:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 'v1:v:1:4:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_breaks_combine('v1:g:1:0:3:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x0p+0,0x0p+0,0x0p+0',
                             'v1:g:1:1:7:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x0p+0,0x0p+0,0x0p+0,0x0p+0,0x0p+0,0x0p+0,0x0p+0');
SELECT _zjgov_breaks_combine(NULL, 'v1:r:2:0:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');
SELECT _zjgov_jenks_final('v1:v:1:3:99999999:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0');
SELECT _zjgov_gvf_sfunc('v1:g:1:5:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 1, '{1,2,3,4,5}');
SELECT _zjgov_breaks_sfunc('v1:v:1:1:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 1, 2);
-- the final step's table of class starts is limited by zjgov.max_work_mem (4 GB by default): (1000 - 2) * 4 bytes * 1.1 million
SELECT jenks_breaks(v, 1000) FROM generate_series(1, 1100000) v;
