-- scorecards as credit officers use them: points tables, characteristic stability, categorical WOE,
-- logistic regression with standard errors and VIF
SET search_path = public, zjgov;
SET extra_float_digits = 0;

-- ---------------------------------------------------------------- scorecard_points
-- PDO scaling spread over m = 3 characteristics: factor = 20/ln 2, offset = 600 − factor·ln 50,
-- points = −(β·woe + α/m)·factor + offset/m, here β = 0.8, α = −2.5 and woe 0.5, −0.3
SELECT bool_and(abs(p - (-(0.8 * w - 2.5 / 3) * (20 / ln(2)) + (600 - 20 / ln(2) * ln(50)) / 3)) < 1e-9) AS pdo_formula,
       count(*) AS bins
  FROM unnest(scorecard_points(ARRAY[('-Infinity', 1, 10, 2, 0.5, 0), (1, 'Infinity', 10, 1, -0.3, 0)]::woe_bin[], 0.8, -2.5, 3),
              '{0.5,-0.3}'::float8[]) u(p, w);
-- an entity's points over its characteristics add up to the PDO score of its probability:
-- three characteristics with β = (0.8, 1.2, 0.5) and woe = (0.5, −0.2, 0.1), α = −2.5
WITH c(beta, w) AS (VALUES (0.8, 0.5), (1.2, -0.2), (0.5, 0.1)),
pts AS (SELECT (scorecard_points(ARRAY[('-Infinity', 'Infinity', 1, 1, w, 0)]::woe_bin[], beta, -2.5, 3))[1] AS p FROM c),
prob AS (SELECT 1 / (1 + exp(-(-2.5 + sum(beta * w)))) AS p FROM c)
SELECT abs((SELECT sum(p) FROM pts) - pdo_score((SELECT p FROM prob))) < 1e-9 AS sums_to_pdo_score;
-- other scalings: base 500 at odds 20, pdo 50, one characteristic: 500 − (50/ln 2)·(β·woe + α − ln 20)... with
-- woe 0: points = −α·factor + offset = 500 − factor·(α + ln 20)
SELECT abs((scorecard_points(ARRAY[(0, 1, 1, 1, 0, 0)]::woe_bin[], 2, 0.7, 1, 500, 20, 50))[1]
           - (500 - 50 / ln(2) * (0.7 + ln(20)))) < 1e-9 AS one_characteristic;

-- ---------------------------------------------------------------- csi
-- expected {0.5, 0.5}, actual {0.25, 0.75}: −0.25·ln 0.5 + 0.25·ln 1.5 = 0.2746530721670274
SELECT abs(csi('{0.5,0.5}', '{0.25,0.75}') - 0.2746530721670274) < 1e-12 AS hand,
       csi('{10,20,30,40}', '{12,18,33,37}') = psi('{10,20,30,40}', '{12,18,33,37}') AS equals_psi,
       csi('{1,0,3}', '{1,2,3}') = psi('{1,0,3}', '{1,2,3}') AS zero_share;

-- ---------------------------------------------------------------- categorical WOE
-- counts by hand: mfg 40 rows (10 bad), retail 30 (3), build 20 (8), it 6 (1), farm 4 (2), NULL 5 (1):
-- 25 bad, 80 good in all; 100 rows with a value
CREATE TEMP TABLE firms (industry text, bad bool);
INSERT INTO firms
  SELECT c, i <= b FROM (VALUES ('mfg', 40, 10), ('retail', 30, 3), ('build', 20, 8), ('it', 6, 1), ('farm', 4, 2),
                                (NULL, 5, 1)) v(c, n, b), generate_series(1, n) i;
-- max_bins 10: one bin per category, farm (4 < 0.05·100) alone in the rare bucket; WOE order
-- retail ln((3/25)/(27/80)), it ln((1/25)/(5/80)), mfg ln((10/25)/(30/80)), build ln((8/25)/(12/80)),
-- farm ln((2/25)/(2/80)); the NULL bin last, ln((1/25)/(4/80))
SELECT b.categories, b.n, b.bad, abs(b.woe - ln((b.bad / 25.0) / ((b.n - b.bad) / 80.0))) < 1e-12 AS woe_ok,
       abs(b.iv - (b.bad / 25.0 - (b.n - b.bad) / 80.0) * ln((b.bad / 25.0) / ((b.n - b.bad) / 80.0))) < 1e-12 AS iv_ok
  FROM unnest((SELECT woe_bins(industry, bad, 10) FROM firms)) b;
-- max_bins 3, merging the WOE-adjacent pair that loses the least IV (by hand: build+farm loses 0.006777,
-- then it+mfg 0.011640): {retail}, {it, mfg}, {build, farm}, NULL
SELECT b.categories, b.n, b.bad, round(b.woe::numeric, 6) AS woe
  FROM unnest((SELECT woe_bins(industry, bad, 3) FROM firms)) b;
-- min_share 0.1: it and farm (6 and 4 rows < 10) share the rare bucket: 10 rows, 3 bad
SELECT b.categories, b.n, b.bad FROM unnest((SELECT woe_bins(industry, bad, 10, 0.1) FROM firms)) b;
-- woe(text): the bin of the category; NULL gets the NULL bin's
WITH bins AS (SELECT woe_bins(industry, bad, 3) AS b FROM firms)
SELECT abs(woe('mfg', b) - ln((11 / 25.0) / (35 / 80.0))) < 1e-12 AS mfg, woe('it', b) = woe('mfg', b) AS same_bin,
       abs(woe(NULL::text, b) - ln((1 / 25.0) / (4 / 80.0))) < 1e-12 AS null_bin, woe('retail', NULL::woe_cat_bin[]) IS NULL AS no_bins
  FROM bins;
-- the state round-trips as text; slices combined give the whole
CREATE AGGREGATE pg_temp.cat_state(text, bool) (SFUNC = zjgov._zjgov_woe_cat_accum, STYPE = aggstate);
CREATE AGGREGATE pg_temp.cat_merge(aggstate) (SFUNC = zjgov._zjgov_woe_cat_combine, STYPE = aggstate);
SELECT _zjgov_woe_cat_final(pg_temp.cat_state(industry, bad)::text::aggstate)::text = (SELECT woe_bins(industry, bad)::text FROM firms) AS from_text
  FROM firms;
SELECT _zjgov_woe_cat_final(pg_temp.cat_merge(s))::text = (SELECT woe_bins(industry, bad)::text FROM firms) AS combined
  FROM (SELECT pg_temp.cat_state(industry, bad)::text::aggstate AS s FROM firms GROUP BY length(industry) % 3) q;
-- long and non-ASCII categories survive the byte packing; many distinct categories grow the state
SELECT length((b).categories[1]) AS len, (b).categories[1] = repeat('x', 1001) OR length((b).categories[1]) < 10 AS intact, (b).n
  FROM unnest((SELECT woe_bins(c, bad, 10, 0) FROM (VALUES ('制造业', true), ('制造业', false), ('批发和零售业', false),
              (repeat('x', 1001), true), ('', false)) v(c, bad))) b ORDER BY (b).woe;
SELECT count(*) AS bins, sum(n) AS rows FROM unnest((SELECT woe_bins('c' || (i % 3000), i % 7 = 0, 1000, 0) FROM generate_series(1, 20000) i));
-- parallel partial aggregation gives the serial bins
CREATE TABLE par_firms AS SELECT (ARRAY['mfg','retail','build','it','farm'])[1 + i % 5] AS industry, (i * 7919) % 10 < 3 AS bad
  FROM generate_series(1, 20000) i;
ANALYZE par_firms;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT woe_bins(industry, bad) FROM par_firms;
CREATE TEMP TABLE par_bins AS SELECT woe_bins(industry, bad)::text AS b FROM par_firms;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;
SELECT (SELECT b FROM par_bins) = (SELECT woe_bins(industry, bad)::text FROM par_firms) AS parallel_same;
DROP TABLE par_firms;

-- ---------------------------------------------------------------- logistic_fit_detail
CREATE TEMP TABLE mt (am bool, vs bool, hp float8, wt float8, mpg float8, drat float8);
INSERT INTO mt VALUES
  (true, false, 110, 2.62, 21, 3.9),
  (true, false, 110, 2.875, 21, 3.9),
  (true, true, 93, 2.32, 22.8, 3.85),
  (false, true, 110, 3.215, 21.4, 3.08),
  (false, false, 175, 3.44, 18.7, 3.15),
  (false, true, 105, 3.46, 18.1, 2.76),
  (false, false, 245, 3.57, 14.3, 3.21),
  (false, true, 62, 3.19, 24.4, 3.69),
  (false, true, 95, 3.15, 22.8, 3.92),
  (false, true, 123, 3.44, 19.2, 3.92),
  (false, true, 123, 3.44, 17.8, 3.92),
  (false, false, 180, 4.07, 16.4, 3.07),
  (false, false, 180, 3.73, 17.3, 3.07),
  (false, false, 180, 3.78, 15.2, 3.07),
  (false, false, 205, 5.25, 10.4, 2.93),
  (false, false, 215, 5.424, 10.4, 3),
  (false, false, 230, 5.345, 14.7, 3.23),
  (true, true, 66, 2.2, 32.4, 4.08),
  (true, true, 52, 1.615, 30.4, 4.93),
  (true, true, 65, 1.835, 33.9, 4.22),
  (false, true, 97, 2.465, 21.5, 3.7),
  (false, false, 150, 3.52, 15.5, 2.76),
  (false, false, 150, 3.435, 15.2, 3.15),
  (false, false, 245, 3.84, 13.3, 3.73),
  (false, false, 175, 3.845, 19.2, 3.08),
  (true, true, 66, 1.935, 27.3, 4.08),
  (true, false, 91, 2.14, 26, 4.43),
  (true, true, 113, 1.513, 30.4, 3.77),
  (true, false, 264, 3.17, 15.8, 4.22),
  (true, false, 175, 2.77, 19.7, 3.62),
  (true, false, 335, 3.57, 15, 3.54),
  (true, true, 109, 2.78, 21.4, 4.11) ;
-- R 4.2, summary(glm(am ~ hp + wt, data = mtcars, family = binomial))$coefficients:
--   (Intercept) 18.866298717204131  se 7.443558060205289  z  2.5345807159168996  p 0.011258198716613708
--   hp           0.036255596082217  se 0.017734153650769  z  2.0443939302760961  p 0.040914646459030063
--   wt          -8.083475182444637  se 3.068675113054705  z -2.6341906147236172  p 0.008433812599707130
-- (glm takes se from the weights of its last IRLS step, one step before its estimate: agreement to
-- a relative 1e-6; the references below are refitted with glm.control(epsilon = 1e-14, maxit = 100)
-- and agree to 1e-9)
-- VIF by hand from R: 1/(1 − summary(lm(hp ~ wt, data = mtcars))$r.squared) = 1.7666245792682789 (both)
SELECT abs(d.coef[1] - 18.866298717204131) < 1e-9 AS b0, abs(d.coef[3] - -8.083475182444637) < 1e-9 AS b2,
       abs(d.se[1] / 7.443558060205289 - 1) < 1e-6 AS se0, abs(d.se[2] / 0.017734153650769 - 1) < 1e-6 AS se1,
       abs(d.se[3] / 3.068675113054705 - 1) < 1e-6 AS se2,
       abs(d.z[1] / 2.5345807159168996 - 1) < 1e-6 AS z0, abs(d.z[2] / 2.0443939302760961 - 1) < 1e-6 AS z1,
       abs(d.z[3] / -2.6341906147236172 - 1) < 1e-6 AS z2,
       abs(d.p[1] / 0.011258198716613708 - 1) < 1e-5 AS p0, abs(d.p[2] / 0.040914646459030063 - 1) < 1e-5 AS p1,
       abs(d.p[3] / 0.008433812599707130 - 1) < 1e-5 AS p2,
       d.vif[1] IS NULL AS vif0_null, abs(d.vif[2] - 1.7666245792682789) < 1e-9 AS vif1,
       abs(d.vif[3] - 1.7666245792682789) < 1e-9 AS vif2,
       d.coef = (SELECT logistic_fit(am, ARRAY[hp, wt]) FROM mt) AS same_coef_as_logistic_fit
  FROM (SELECT (logistic_fit_detail(am, ARRAY[hp, wt])).* FROM mt) d;
-- R, summary(glm(vs ~ mpg + drat + wt, data = mtcars, family = binomial,
--                control = glm.control(epsilon = 1e-14, maxit = 100)))$coefficients:
--   se 10.11213133757360794 0.26899190702551401 1.42618782000638156 1.28397462144179464
--   z  -1.09280336744341233 1.99681950466747149 -0.27171207749560544 0.36376413789097556
--   p  0.274480142805077099 0.045844793964990915 0.785843414060879764 0.716034144410653939
-- VIF from lm: mpg ~ drat + wt 4.1822974832980586, drat ~ mpg + wt 2.0992431440181645,
--              wt ~ mpg + drat 4.5524019364130215
SELECT abs(d.se[1] / 10.11213133757360794 - 1) < 1e-9 AS se0, abs(d.se[2] / 0.26899190702551401 - 1) < 1e-9 AS se1,
       abs(d.se[3] / 1.42618782000638156 - 1) < 1e-9 AS se2, abs(d.se[4] / 1.28397462144179464 - 1) < 1e-9 AS se3,
       abs(d.z[1] / -1.09280336744341233 - 1) < 1e-9 AS z0, abs(d.z[4] / 0.36376413789097556 - 1) < 1e-9 AS z3,
       abs(d.p[1] / 0.274480142805077099 - 1) < 1e-9 AS p0, abs(d.p[2] / 0.045844793964990915 - 1) < 1e-9 AS p1,
       abs(d.p[3] / 0.785843414060879764 - 1) < 1e-9 AS p2, abs(d.p[4] / 0.716034144410653939 - 1) < 1e-9 AS p3,
       abs(d.vif[2] - 4.1822974832980586) < 1e-9 AS vif_mpg, abs(d.vif[3] - 2.0992431440181645) < 1e-9 AS vif_drat,
       abs(d.vif[4] - 4.5524019364130215) < 1e-9 AS vif_wt
  FROM (SELECT (logistic_fit_detail(vs, ARRAY[mpg, drat, wt])).* FROM mt) d;
-- R, x = 1..6, y = 1 0 1 0 1 1, glm.control(epsilon = 1e-14): se 1.93731758200400095 0.53068836881550718,
-- p 0.91750076148901571 0.61747599444212642; one predictor: VIF 1
SELECT abs(d.se[1] / 1.93731758200400095 - 1) < 1e-9 AS se0, abs(d.se[2] / 0.53068836881550718 - 1) < 1e-9 AS se1,
       abs(d.p[1] / 0.91750076148901571 - 1) < 1e-9 AS p0, abs(d.p[2] / 0.61747599444212642 - 1) < 1e-9 AS p1, d.vif
  FROM (SELECT (logistic_fit_detail(y, ARRAY[x])).* FROM unnest('{1,2,3,4,5,6}'::float8[], '{t,f,t,f,t,t}'::bool[]) u(x, y)) d;
-- intercept only: se of the log odds, no VIF; a NULL element skips every row: NULL
SELECT logistic_fit_detail(bad, '{}') AS intercept_only FROM (VALUES (true), (false), (false), (true)) v(bad);
SELECT logistic_fit_detail(bad, ARRAY[NULL::float8]) IS NULL AS all_skipped FROM (VALUES (true), (false)) v(bad);

-- ---------------------------------------------------------------- errors
SELECT scorecard_points(ARRAY[(0, 1, 1, 1, 0.5, 0)]::woe_bin[], 1, 0, 0);
SELECT scorecard_points(ARRAY[(0, 1, 1, 1, NULL, 0)]::woe_bin[], 1, 0, 1);
SELECT scorecard_points(ARRAY[(0, 1, 1, 1, 0.5, 0)]::woe_bin[], 'NaN', 0, 1);
SELECT scorecard_points(ARRAY[(0, 1, 1, 1, 0.5, 0)]::woe_bin[], 1, 0, 1, 600, 0);
SELECT scorecard_points(ARRAY[(0, 1, 1, 1, 0.5, 0)]::woe_bin[], 1, 0, 1, 600, 50, 0);
SELECT scorecard_points(ARRAY[(0, 1, 1, 1, 0.5, 0)]::woe_bin[], 1e308, 0, 1, 600, 50, 1e308);
SELECT csi('{1,2}', '{1,2,3}');
SELECT csi('{1,-1}', '{1,2}');
-- an unseen category
SELECT woe('mining', (SELECT woe_bins(industry, bad) FROM firms));
SELECT woe('x', ARRAY[(ARRAY['x'], 1, 1, 0.1, 0), (ARRAY['y', 'x'], 1, 1, 0.2, 0)]::woe_cat_bin[]);
SELECT woe('x', ARRAY[(ARRAY['x', NULL], 1, 1, 0.1, 0)]::woe_cat_bin[]);
SELECT woe('x', ARRAY[NULL]::woe_cat_bin[]);
SELECT woe(NULL::text, ARRAY[(NULL, 1, 1, 0.1, 0), (NULL, 1, 1, 0.2, 0)]::woe_cat_bin[]);
SELECT woe_bins(c, b) FROM (VALUES ('a', true), ('b', true)) v(c, b);
SELECT woe_bins(c, b, 0) FROM (VALUES ('a', true), ('b', false)) v(c, b);
SELECT woe_bins(c, b, 5, 0.9) FROM (VALUES ('a', true), ('b', false)) v(c, b);
SELECT _zjgov_woe_cat_final('v1:c:1:5:3:0x0p+0,0x0p+0,0x1p-4,0x0p+0:0x1p+3,0x1p+0,0x0p+0');
SELECT _zjgov_woe_cat_final('v1:w:3:5:0:0x0p+0,0x0p+0,0x1p-4,0x0p+0:');
SELECT logistic_fit_detail(x > 3, ARRAY[x]) FROM generate_series(1, 6) x;
SELECT logistic_fit_detail(bad, ARRAY[x, 2 * x]) FROM (VALUES (true, 1.0::float8), (false, 2), (true, 3), (false, 4)) v(bad, x);
