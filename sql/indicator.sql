-- indicator scoring: normalize, entropy_weights, critic_weights, ahp, topsis, weighted_score
SET search_path = public, zjgov;
SET extra_float_digits = 0;

-- ---------------------------------------------------------------- normalize, fixed bounds
-- NORMALIZE is an SQL keyword (Unicode normalisation): call zjgov.normalize schema-qualified.
-- benefit (x − lo)/(hi − lo): (5 − 0)/10 = 0.5, (2.5 − 0)/10 = 0.25; cost (hi − x)/(hi − lo): (10 − 2.5)/10 = 0.75;
-- clamped: 15 → 1, −3 → 0 (benefit), −3 → 1 (cost)
SELECT zjgov.normalize(5, 0, 10) AS half, zjgov.normalize(2.5, 0, 10) AS b,
       zjgov.normalize(2.5, 0, 10, 'cost') AS c, zjgov.normalize(15, 0, 10) AS hi_clamp,
       zjgov.normalize(-3, 0, 10) AS lo_clamp, zjgov.normalize(-3, 0, 10, 'cost') AS cost_clamp;
-- Chinese direction names and case-insensitivity
SELECT zjgov.normalize(2.5, 0, 10, '成本型') AS c1, zjgov.normalize(2.5, 0, 10, '负向') AS c2,
       zjgov.normalize(2.5, 0, 10, '效益型') AS b1, zjgov.normalize(2.5, 0, 10, ' COST ') AS c3;
SELECT zjgov.normalize(NULL, 0, 10) IS NULL AS strict_null;

-- ---------------------------------------------------------------- normalize, window
-- values 1..5 and a NULL: minmax benefit (x − 1)/4, cost (5 − x)/4;
-- zscore: mean 3, sample sd √(10/4) = 1.58113883: (x − 3)/1.58113883 = −1.26491106, −0.63245553, 0, …;
-- interval [3, 4]: M = max(3 − 1, 5 − 4) = 2: x=1 → 1 − 2/2 = 0, x=2 → 0.5, 3 and 4 → 1, x=5 → 1 − 1/2 = 0.5
SELECT x, zjgov.normalize(x) OVER () AS mm, zjgov.normalize(x, 'minmax', 'cost') OVER () AS cost,
       abs(zjgov.normalize(x, 'zscore') OVER () - (x - 3) / sqrt(2.5)) < 1e-12 AS z_ok,
       zjgov.normalize(x, 'zscore', 'cost') OVER () + zjgov.normalize(x, 'zscore') OVER () = 0 AS zcost_neg,
       zjgov.normalize(x, 'interval', 'benefit', 3, 4) OVER () AS iv,
       zjgov.normalize(x, method => 'interval', lo => 3, hi => 4) OVER () AS iv2
  FROM unnest('{1,2,3,4,5,NULL}'::float8[]) WITH ORDINALITY AS u(x, i) ORDER BY i;
-- interval with every value inside [lo, hi]: M ≤ 0, the zero denominator gives 1
SELECT x, zjgov.normalize(x, 'interval', 'benefit', 0, 10) OVER () FROM unnest('{2,5,7}'::float8[]) x;
-- interval on an all-equal partition follows the formula: outside [lo, hi], M = the distance, so 1 − M/M = 0;
-- inside, 1
SELECT zjgov.normalize(x, 'interval', 'benefit', 0, 1) OVER () AS outside,
       zjgov.normalize(x, 'interval', 'benefit', 4, 6) OVER () AS inside
  FROM unnest('{5,5}'::float8[]) x;
-- each partition on its own; all-equal partition → 1 (minmax) and 0 (zscore: no spread);
-- one-row partition → 1 and 0; all-NULL partition → NULL
SELECT g, x, zjgov.normalize(x) OVER w AS mm, zjgov.normalize(x, 'zscore') OVER w AS z
  FROM (VALUES ('a', 10.0::float8), ('a', 20), ('a', 40), ('equal', 7), ('equal', 7), ('one', 3),
               ('nulls', NULL), ('nulls', NULL)) AS v(g, x)
WINDOW w AS (PARTITION BY g) ORDER BY g, x;
-- a partition that is empty of rows never calls the function; an ordered window still sees the whole partition
SELECT x, zjgov.normalize(x) OVER (ORDER BY x) FROM unnest('{3,1,2}'::float8[]) x;

-- ---------------------------------------------------------------- entropy_weights
-- hand case, 3 rows × 3 indicators:
--   column 1 = 1, 2, 1: p = ¼, ½, ¼, Σ p ln p = ½ ln ¼ + ½ ln ½ = −1.5 ln 2, e = 1.5 ln 2 / ln 3, d1 = 1 − 1.5 ln 2/ln 3 = 0.0536052...
--   column 2 = 0, 0, 3: p = 0, 0, 1 (0·ln 0 = 0), e = 0, d2 = 1
--   column 3 = 5, 5, 5: constant → weight 0
--   w = (d1, 1, 0)/(d1 + 1)
WITH w AS (SELECT entropy_weights(x) AS w
             FROM (VALUES ('{1,0,5}'::float8[]), ('{2,0,5}'), ('{1,3,5}')) AS v(x)),
     d AS (SELECT 1 - 1.5 * ln(2) / ln(3) AS d1)
SELECT abs(w[1] - d1 / (d1 + 1)) < 1e-12 AS w1_ok, abs(w[2] - 1 / (d1 + 1)) < 1e-12 AS w2_ok,
       w[3] = 0 AS const_zero, abs(w[1] + w[2] + w[3] - 1) < 1e-15 AS sums_to_1
  FROM w, d;
-- reference: R, P <- sweep(X, 2, colSums(X), "/"); e <- -colSums(P*log(P))/log(n); d <- 1 - e; d/sum(d)
CREATE TEMP TABLE ent(id int, x float8[]);
INSERT INTO ent VALUES (1, '{12,0.5,300}'), (2, '{15,0.8,250}'), (3, '{9,0.3,420}'),
                       (4, '{20,0.9,180}'), (5, '{11,0.4,390}'), (6, '{17,0.7,260}');
SELECT abs(w[1] - 0.25242998513278131) < 1e-12 AS w1, abs(w[2] - 0.47609215072990629) < 1e-12 AS w2,
       abs(w[3] - 0.27147786413731234) < 1e-12 AS w3
  FROM (SELECT entropy_weights(x) AS w FROM ent) s;
-- the same data min-max normalised first (third column as cost), the usual pipeline; R gives
-- 0.34250718194378010 0.33447632968796198 0.32301648836825791
SELECT abs(w[1] - 0.34250718194378010) < 1e-12 AS w1, abs(w[2] - 0.33447632968796198) < 1e-12 AS w2,
       abs(w[3] - 0.32301648836825791) < 1e-12 AS w3
  FROM (SELECT entropy_weights(y) AS w
          FROM (SELECT ARRAY[zjgov.normalize(x[1]) OVER (), zjgov.normalize(x[2]) OVER (),
                             zjgov.normalize(x[3], 'minmax', 'cost') OVER ()] AS y FROM ent) n) s;
-- an all-zero column gets 0; all columns constant: Σd = 0 → equal weights; NULL rows are skipped
SELECT entropy_weights(x) FROM (VALUES ('{0,1}'::float8[]), ('{0,2}'), (NULL)) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{4,0,1,1}'::float8[]), ('{4,0,1,1}')) v(x);
-- no rows: NULL
SELECT entropy_weights(x) IS NULL AS no_rows FROM ent WHERE false;
-- the transition, combine and final functions on states that went through text (as Citus ships them)
SELECT abs((_zjgov_entropy_final(_zjgov_entropy_combine(
           (SELECT _zjgov_entropy_accum(_zjgov_entropy_accum('{}', '{12,0.5,300}'), '{15,0.8,250}'))::text::float8[],
           (SELECT _zjgov_entropy_accum(_zjgov_entropy_accum(_zjgov_entropy_accum(_zjgov_entropy_accum(
                   '{}', '{9,0.3,420}'), '{20,0.9,180}'), '{11,0.4,390}'), '{17,0.7,260}'))::text::float8[])))
           [2] - 0.47609215072990629) < 1e-12 AS text_roundtrip_ok;

-- ---------------------------------------------------------------- critic_weights
-- hand case, 4 rows: c1 = 1,2,3,4; c2 = 2,4,6,8 (r12 = 1); c3 = 4,3,2,1 (r13 = r23 = −1); c4 = 7 (constant, r = 0)
--   σ1 = σ3 = √(5/3), σ2 = 2σ1, σ4 = 0
--   C1 = σ1 (0 + 0 + 2 + 1) = 3σ1, C2 = 2σ1 (0 + 0 + 2 + 1) = 6σ1, C3 = σ1 (2 + 2 + 0 + 1) = 5σ1, C4 = 0
--   w = (3, 6, 5, 0)/14
SELECT abs(w[1] - 3 / 14.0) < 1e-12 AS w1, abs(w[2] - 6 / 14.0) < 1e-12 AS w2,
       abs(w[3] - 5 / 14.0) < 1e-12 AS w3, w[4] = 0 AS const_zero
  FROM (SELECT critic_weights(x) AS w
          FROM (VALUES ('{1,2,4,7}'::float8[]), ('{2,4,3,7}'), ('{3,6,2,7}'), ('{4,8,1,7}')) v(x)) s;
-- reference: R, s <- apply(X, 2, sd); C <- s * colSums(1 - cor(X)); C/sum(C)
SELECT abs(w[1] - 0.0225466886953692991) < 1e-12 AS w1, abs(w[2] - 0.0013162308530985359) < 1e-12 AS w2,
       abs(w[3] - 0.9761370804515322464) < 1e-12 AS w3
  FROM (SELECT critic_weights(x) AS w FROM ent) s;
SELECT abs(w[1] - 0.38095386954137850) < 1e-12 AS w1, abs(w[2] - 0.31613818676981909) < 1e-12 AS w2,
       abs(w[3] - 0.30290794368880242) < 1e-12 AS w3
  FROM (SELECT critic_weights(y) AS w
          FROM (SELECT ARRAY[zjgov.normalize(x[1]) OVER (), zjgov.normalize(x[2]) OVER (),
                             zjgov.normalize(x[3], 'minmax', 'cost') OVER ()] AS y FROM ent) n) s;
-- one indicator: C = σ·(1 − 1) = 0, Σ C = 0 → equal weights; all constant → equal weights
SELECT critic_weights(x) FROM (VALUES ('{1}'::float8[]), ('{5}'), ('{2}')) v(x);
SELECT critic_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{1,2}')) v(x);
-- merging partial states (Chan) equals one pass, through text
SELECT abs((_zjgov_critic_final(_zjgov_critic_combine(
           (SELECT _zjgov_critic_accum(_zjgov_critic_accum('{}', '{12,0.5,300}'), '{15,0.8,250}'))::text::float8[],
           (SELECT _zjgov_critic_accum(_zjgov_critic_accum(_zjgov_critic_accum(_zjgov_critic_accum(
                   '{}', '{9,0.3,420}'), '{20,0.9,180}'), '{11,0.4,390}'), '{17,0.7,260}'))::text::float8[])))
           [1] - 0.0225466886953692991) < 1e-12 AS text_roundtrip_ok;

-- ---------------------------------------------------------------- parallel plans
CREATE TABLE par AS
  SELECT i, ARRAY[(i % 97)::float8, ((i * 7) % 13)::float8 + 0.5, sqrt(i::float8), (i % 2)::float8] AS x
    FROM generate_series(1, 30000) i;
ANALYZE par;
CREATE TEMP TABLE serial_w AS SELECT entropy_weights(x) AS e, critic_weights(x) AS c FROM par;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT entropy_weights(x), critic_weights(x) FROM par;
SELECT bool_and(abs(p.e[j] - s.e[j]) < 1e-12) AS entropy_same, bool_and(abs(p.c[j] - s.c[j]) < 1e-12) AS critic_same
  FROM (SELECT entropy_weights(x) AS e, critic_weights(x) AS c FROM par) p, serial_w s, generate_series(1, 4) j;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE par;

-- ---------------------------------------------------------------- ahp
-- Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1),
-- Table 2, drink consumption in the U.S.: printed eigenvector .177 .019 .042 .116 .190 .129 .327
-- (R eigen() gives 0.17745674744571680 0.01914947602435360 0.04183118166209790 0.11641703173485870
--  0.18957237532617620 0.12878054853872250 0.32679263926807420, λmax 7.17662903933035)
SELECT array(SELECT round(w::numeric, 3) FROM unnest(weights) w) AS printed,
       abs(weights[1] - 0.1774567474457168) < 1e-10 AND abs(weights[7] - 0.3267926392680742) < 1e-10 AS r_eigen,
       abs(lambda_max - 7.17662903933035) < 1e-10 AS lambda_ok, round(cr::numeric, 3) AS cr, consistent
  FROM ahp(ARRAY[[1, 9, 5, 2, 1, 1, 1/2.0],
                 [1/9.0, 1, 1/3.0, 1/9.0, 1/9.0, 1/9.0, 1/9.0],
                 [1/5.0, 3, 1, 1/3.0, 1/4.0, 1/3.0, 1/9.0],
                 [1/2.0, 9, 3, 1, 1/2.0, 1, 1/3.0],
                 [1, 9, 4, 2, 1, 2, 1/2.0],
                 [1, 9, 3, 1, 1/2.0, 1, 1/3.0],
                 [2, 9, 9, 3, 2, 3, 1]]::float8[]);
-- Saaty (1990), "How to make a decision: the analytic hierarchy process", EJOR 48, house example,
-- an inconsistent matrix: printed priorities .173 .054 .188 .018 .031 .036 .167 .333,
-- λmax = 9.669, C.I. = 0.238, C.R. = 0.169 (= 0.238/1.41)
SELECT array(SELECT round(w::numeric, 3) FROM unnest(weights) w) AS printed,
       round(lambda_max::numeric, 3) AS lambda_max, round(ci::numeric, 3) AS ci, round(cr::numeric, 3) AS cr,
       consistent, abs(ci - 0.238412473874021) < 1e-10 AS r_ci
  FROM ahp(ARRAY[[1, 5, 3, 7, 6, 6, 1/3.0, 1/4.0],
                 [1/5.0, 1, 1/3.0, 5, 3, 3, 1/5.0, 1/7.0],
                 [1/3.0, 3, 1, 6, 3, 4, 6, 1/5.0],
                 [1/7.0, 1/5.0, 1/6.0, 1, 1/3.0, 1/4.0, 1/7.0, 1/8.0],
                 [1/6.0, 1/3.0, 1/3.0, 3, 1, 1/2.0, 1/5.0, 1/6.0],
                 [1/6.0, 1/3.0, 1/4.0, 4, 2, 1, 1/5.0, 1/6.0],
                 [3, 5, 1/6.0, 7, 5, 5, 1, 1/2.0],
                 [4, 7, 5, 8, 6, 6, 2, 1]]::float8[]);
-- a perfectly consistent matrix a_ij = w_i/w_j with w = (0.5, 0.3, 0.2): weights exact, λmax = n = 3, CR = 0
SELECT abs(weights[1] - 0.5) < 1e-12 AND abs(weights[2] - 0.3) < 1e-12 AND abs(weights[3] - 0.2) < 1e-12 AS w_ok,
       abs(lambda_max - 3) < 1e-12 AS lambda_ok, abs(cr) < 1e-12 AS cr_zero, consistent
  FROM ahp(ARRAY[[1, 5/3.0, 5/2.0], [3/5.0, 1, 3/2.0], [2/5.0, 2/3.0, 1]]::float8[]);
-- the same matrix as a flat n² array, row by row
SELECT abs(weights[2] - 0.3) < 1e-12 AS flat_ok
  FROM ahp(ARRAY[1, 5/3.0, 5/2.0, 3/5.0, 1, 3/2.0, 2/5.0, 2/3.0, 1]::float8[]);
-- n = 1 and n = 2: CI = CR = 0; 2×2 weights a/(1 + a): 3 → 0.75, 0.25
SELECT * FROM ahp('{{1}}');
SELECT * FROM ahp(ARRAY[[1, 3], [1/3.0, 1]]::float8[]);

-- ---------------------------------------------------------------- topsis
-- hand case, weights ½ ½, first criterion benefit, second cost:
--   A = (3, 0), B = (0, 4), C = (3, 4); column norms √18, √32
--   v: A = (0.35355, 0), B = (0, 0.35355), C = (0.35355, 0.35355); A⁺ = (0.35355, 0), A⁻ = (0, 0.35355)
--   A: D⁺ = 0, D⁻ = 0.5 → 1;  B: D⁺ = 0.5, D⁻ = 0 → 0;  C: D⁺ = D⁻ = 0.35355 → 0.5
SELECT k, abs(topsis(x, '{0.5,0.5}', '{t,f}') OVER () - c) < 1e-12 AS ok
  FROM (VALUES ('A', '{3,0}'::float8[], 1.0), ('B', '{0,4}', 0), ('C', '{3,4}', 0.5)) v(k, x, c) ORDER BY k;
-- reference: R, V <- sweep(sweep(X, 2, sqrt(colSums(X^2)), "/"), 2, w, "*"), ideal/anti-ideal by
-- benefit (TRUE, TRUE, FALSE), C = D⁻/(D⁺ + D⁻); row 4 dominates (1) and row 3 is dominated (0)
SELECT id, abs(topsis(x, '{0.5,0.3,0.2}', '{t,t,f}') OVER () -
               (ARRAY[0.31782379691601903, 0.64282161524982617, 0, 1, 0.17211821913575850,
                      0.70108004550882985])[id]) < 1e-12 AS ok
  FROM ent ORDER BY id;
-- partitions, a NULL row (NULL result, not counted), benefit NULL = all benefit, one-row partition:
-- D⁺ = D⁻ = 0 → 0.5
SELECT g, x, topsis(x, '{1,1}') OVER (PARTITION BY g)
  FROM (VALUES (1, '{1,2}'::float8[]), (1, '{2,4}'), (1, NULL), (2, '{5,5}')) v(g, x) ORDER BY g, x;

-- ---------------------------------------------------------------- weighted_score
-- (1·1 + 2·3)/(1 + 2) = 7/3, the NULL and its weight left out; all NULL → NULL
SELECT abs(weighted_score('{1,NULL,3}', '{1,1,2}') - 7 / 3.0) < 1e-15 AS reweighted,
       weighted_score('{2,4}', '{1,3}') AS full, weighted_score('{NULL,NULL}', '{1,1}') AS all_missing,
       weighted_score('{5,NULL}', '{0,1}') AS zero_weight_present;

-- ---------------------------------------------------------------- errors
SELECT zjgov.normalize(1, 5, 5);
SELECT zjgov.normalize(1, 5, 1);
SELECT zjgov.normalize('NaN', 0, 1);
SELECT zjgov.normalize(1, '-Infinity', 1);
SELECT zjgov.normalize(1, 0, 1, 'sideways');
SELECT zjgov.normalize(1, 0, 1, 'interval');
SELECT zjgov.normalize(x, 'median') OVER () FROM (VALUES (1.0::float8)) v(x);
SELECT zjgov.normalize(x, NULL) OVER () FROM (VALUES (1.0::float8)) v(x);
SELECT zjgov.normalize(x, 'minmax', NULL) OVER () FROM (VALUES (1.0::float8)) v(x);
SELECT zjgov.normalize(x, 'interval') OVER () FROM (VALUES (1.0::float8)) v(x);
SELECT zjgov.normalize(x, 'interval', 'benefit', 5, 1) OVER () FROM (VALUES (1.0::float8)) v(x);
SELECT zjgov.normalize(x) OVER () FROM (VALUES (1.0::float8), ('Infinity')) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{1,2,3}')) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{1,NULL}'::float8[])) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{1,-2}'::float8[])) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{1,NaN}'::float8[])) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{}'::float8[])) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{{1,2},{3,4}}'::float8[])) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{1,2}'::float8[])) v(x);
SELECT _zjgov_entropy_final('{1,2,3}');
SELECT _zjgov_entropy_combine('{1,1,1,1,1,1,0,0}', '{1,2,1,1,1,1,1,1,1,1,0,0,0,0}');
SELECT critic_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{1}')) v(x);
SELECT critic_weights(x) FROM (VALUES ('{1,NULL}'::float8[])) v(x);
SELECT critic_weights(x) FROM (VALUES ('{1,Infinity}'::float8[])) v(x);
SELECT critic_weights(x) FROM (VALUES ('{3,4}'::float8[])) v(x);
SELECT _zjgov_critic_final('{2,1,0}');
SELECT critic_weights(array_fill(1.0::float8, ARRAY[9000]));
SELECT * FROM ahp('{{1,2},{2,1}}');
SELECT * FROM ahp('{{1,3},{0.33,1}}');
SELECT * FROM ahp('{{2,1},{1,1}}');
SELECT * FROM ahp('{{1,0},{0,1}}');
SELECT * FROM ahp('{{1,-1},{-1,1}}');
SELECT * FROM ahp('{{1,NaN},{NaN,1}}');
SELECT * FROM ahp('{{1,NULL},{1,1}}');
SELECT * FROM ahp('{{1,2,3},{0.5,1,1}}');
SELECT * FROM ahp('{1,2,0.5}');
SELECT * FROM ahp('{}');
SELECT * FROM ahp('{{{1}}}');
SELECT * FROM ahp(array_fill(1.0::float8, ARRAY[16, 16]));
SELECT topsis(x, '{1}') OVER () FROM (VALUES ('{1,2}'::float8[])) v(x);
SELECT topsis(x, '{1,1}') OVER () FROM (VALUES ('{1,2}'::float8[]), ('{1}')) v(x);
SELECT topsis(x, '{1,-1}') OVER () FROM (VALUES ('{1,2}'::float8[])) v(x);
SELECT topsis(x, NULL) OVER () FROM (VALUES ('{1,2}'::float8[])) v(x);
SELECT topsis(x, '{1,1}', '{t}') OVER () FROM (VALUES ('{1,2}'::float8[])) v(x);
SELECT topsis(x, '{1,1}', '{t,NULL}') OVER () FROM (VALUES ('{1,2}'::float8[])) v(x);
SELECT topsis(x, '{1,1}') OVER () FROM (VALUES ('{1,NULL}'::float8[])) v(x);
SELECT topsis(x, '{1,1}') OVER () FROM (VALUES ('{1,NaN}'::float8[])) v(x);
SELECT topsis(x, '{1,1}') OVER () FROM (VALUES ('{}'::float8[])) v(x);
SELECT weighted_score('{1,2}', '{1}');
SELECT weighted_score('{1,2}', '{1,-1}');
SELECT weighted_score('{1,2}', '{1,NULL}');
SELECT weighted_score('{1,NaN}', '{1,1}');
-- overflow: 22003, never NaN or a silent 0
SELECT zjgov.normalize(1, -1e308, 1e308);
SELECT zjgov.normalize(x) OVER () FROM (VALUES (1e308::float8), (-1e308)) v(x);
SELECT zjgov.normalize(x, 'zscore') OVER () FROM (VALUES (1e308::float8), (-1e308)) v(x);
SELECT entropy_weights(x) FROM (VALUES ('{1e308,1}'::float8[]), ('{1e308,2}')) v(x);
SELECT critic_weights(x) FROM (VALUES ('{1e200,1}'::float8[]), ('{-1e200,2}')) v(x);
SELECT topsis(x, '{1,1}') OVER () FROM (VALUES ('{1e200,1}'::float8[]), ('{1,2}')) v(x);
SELECT weighted_score('{1e308,1e308}', '{1e308,1}');
