-- woe_bins, woe, iv, auc, ks, psi, logistic_fit
SET search_path = public, zjgov;

-- AUC and KS, hand-computed with ties: bads at risk {2, 3, 3}, goods at {1, 2, 3}.
-- Pairs (bad, good), 9 of them: bad 2 beats 1, ties 2, loses to 3 -> 1.5; each bad 3 beats 1 and 2,
-- ties 3 -> 2.5 twice.  AUC = (1.5 + 5) / 9 = 0.72222...
-- KS: t = 1: F_bad 0, F_good 1/3; t = 2: 1/3 vs 2/3; t = 3: 1 vs 1 -> max |diff| = 1/3.
CREATE TEMP TABLE rk (risk float8, bad bool);
INSERT INTO rk VALUES (2, true), (3, true), (3, true), (1, false), (2, false), (3, false),
                      (NULL, true), (5, NULL);   -- NULLs are skipped
SELECT abs(auc(risk, bad) - 6.5 / 9) < 1e-15 AS auc_ties, abs(ks(risk, bad) - 1.0 / 3) < 1e-15 AS ks_ties,
       abs(auc(-risk, bad) - (1 - 6.5 / 9)) < 1e-15 AS auc_negated
  FROM rk;
-- everything tied: AUC 1/2, KS 0; perfect separation: AUC 1, KS 1; reversed: AUC 0, KS 1
SELECT auc(1, b) AS all_tied, ks(1, b) AS ks_tied FROM unnest('{t,f,t,f,f}'::bool[]) b;
SELECT auc(r, r > 3) AS perfect, ks(r, r > 3) AS ks_perfect, auc(-r, r > 3) AS reversed, ks(-r, r > 3) AS ks_reversed
  FROM generate_series(1, 6) r;
-- 300 rows with heavy ties against a brute force over all (bad, good) pairs and all thresholds
CREATE TEMP TABLE gen AS
  SELECT (i * 7919 % 23)::float8 AS risk, (i * 104729 % 100) < 20 + (i * 7919 % 23) * 2 AS bad
    FROM generate_series(1, 300) i;
WITH brute AS (
  SELECT avg(CASE WHEN b.risk > g.risk THEN 1 WHEN b.risk = g.risk THEN 0.5 ELSE 0 END) AS auc
    FROM gen b JOIN gen g ON b.bad AND NOT g.bad),
tot AS (SELECT count(*) FILTER (WHERE bad) AS nb, count(*) FILTER (WHERE NOT bad) AS ng FROM gen),
ksb AS (
  SELECT max(abs((SELECT count(*) FROM gen g WHERE g.bad AND g.risk <= t.risk)::float8 / nb
               - (SELECT count(*) FROM gen g WHERE NOT g.bad AND g.risk <= t.risk)::float8 / ng)) AS ks
    FROM (SELECT DISTINCT risk FROM gen) t, tot)
SELECT abs(a.auc - brute.auc) < 1e-12 AS auc_brute, abs(a.ks - ksb.ks) < 1e-12 AS ks_brute,
       abs(a.auc_neg - (1 - a.auc)) < 1e-12 AS auc_invariant, a.ks BETWEEN 0 AND 1 AS ks_range,
       abs(a.ks_neg - a.ks) < 1e-15 AS ks_symmetric
  FROM (SELECT auc(risk, bad), ks(risk, bad), auc(-risk, bad) AS auc_neg, ks(-risk, bad) AS ks_neg FROM gen) a,
       brute, ksb;
-- the state: (risk, bad, good) records as appended (sorted and merged when the state fills, in
-- combine and in final), in exact hexadecimal floats; its text form round-trips exactly
SELECT _zjgov_rank_state(risk, bad) FROM rk;
SELECT s::text = s::text::aggstate::text AS text_roundtrip,
       _zjgov_auc_final(s::text::aggstate) = (SELECT auc(risk, bad) FROM gen) AS auc_from_text,
       _zjgov_ks_final(s::text::aggstate) = (SELECT ks(risk, bad) FROM gen) AS ks_from_text
  FROM (SELECT _zjgov_rank_state(risk, bad) AS s FROM gen) q;
-- aux[3] counts the leading records that are sorted; a false claim from outside is not trusted:
-- records (risk 2: 1 bad), (risk 1: 1 good) claimed sorted -> the bad ranks above the good, AUC 1
SELECT _zjgov_auc_final('v1:r:3:0:2:0x0p+0,0x0p+0,0x0p+0,0x1p+1:0x1p+1,0x1p+0,0x0p+0,0x1p+0,0x0p+0,0x1p+0') AS lying_state_auc;
-- combine: states of ten slices merged with the combine function give the same answer
CREATE AGGREGATE pg_temp.merge_states(aggstate) (SFUNC = zjgov._zjgov_scorecard_combine, STYPE = aggstate);
SELECT _zjgov_auc_final(pg_temp.merge_states(s)) = (SELECT auc(risk, bad) FROM gen) AS auc_combined,
       _zjgov_ks_final(pg_temp.merge_states(s)) = (SELECT ks(risk, bad) FROM gen) AS ks_combined
  FROM (SELECT _zjgov_rank_state(risk, bad) AS s FROM gen GROUP BY risk::int % 10) q;
-- grouped, and an empty group gives NULL (as avg)
SELECT risk::int % 2 AS half, round(auc(risk, bad)::numeric, 6) IS NOT NULL AS has_auc FROM gen GROUP BY 1 ORDER BY 1;
SELECT auc(risk, bad) IS NULL AS empty_auc, ks(risk, bad) IS NULL AS empty_ks FROM gen WHERE false;

-- as window aggregates: per partition, and over a growing frame (the final function leaves the
-- state as it was); gen's risk 0..22, the partitions are even and odd risks
SELECT r, abs(auc - (SELECT auc(risk, bad) FROM gen g WHERE g.risk::int % 2 = r)) < 1e-15 AS same
  FROM (SELECT DISTINCT risk::int % 2 AS r, auc(risk, bad) OVER (PARTITION BY risk::int % 2) FROM gen) w ORDER BY r;
SELECT bool_and(abs(running - (SELECT ks(g.risk, g.bad) FROM gen g WHERE g.risk <= w.risk)) < 1e-15) AS running_ks
  FROM (SELECT risk, ks(risk, bad) OVER (ORDER BY risk) AS running FROM gen) w WHERE risk >= 1;
-- parallel: Partial Aggregate under forced parallel settings, and parallel = serial exactly
CREATE TABLE scorecard_big AS
  SELECT (i * 7919 % 1000)::float8 / 10 AS risk, (i * 104729 % 1000) < (i * 7919 % 1000) AS bad,
         CASE WHEN i % 50 = 0 THEN NULL ELSE (i * 7919 % 1000)::float8 END AS value
    FROM generate_series(1::bigint, 60000) i;
ANALYZE scorecard_big;
CREATE TEMP TABLE serial AS
  SELECT auc(risk, bad), ks(risk, bad), woe_bins(value, bad)::text AS bins,
         logistic_fit(bad, ARRAY[risk]) AS coef FROM scorecard_big;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT auc(risk, bad), ks(risk, bad), woe_bins(value, bad), logistic_fit(bad, ARRAY[risk]) FROM scorecard_big;
SELECT p.auc = s.auc AS auc_same, p.ks = s.ks AS ks_same, p.bins = s.bins AS bins_same,
       (SELECT bool_and(abs(a - b) < 1e-9) FROM unnest(p.coef, s.coef) u(a, b)) AS coef_same
  FROM (SELECT auc(risk, bad), ks(risk, bad), woe_bins(value, bad)::text AS bins,
               logistic_fit(bad, ARRAY[risk]) AS coef FROM scorecard_big) p, serial s;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

-- WOE binning, by hand.  x = 1: 1 bad 9 good; x = 2: 3 bad 7 good; x = 3: 6 bad 4 good (B 10, G 20).
-- WOE = ln(%bad/%good): ln(0.1/0.45) = ln(2/9), ln(0.3/0.35) = ln(6/7), ln(0.6/0.2) = ln 3, rising;
-- IV = 0.35·ln(9/2) + 0.05·ln(7/6) + 0.4·ln 3 = 0.973579...
CREATE TEMP TABLE wb (x float8, bad bool);
INSERT INTO wb SELECT 1, i <= 1 FROM generate_series(1, 10) i;
INSERT INTO wb SELECT 2, i <= 3 FROM generate_series(1, 10) i;
INSERT INTO wb SELECT 3, i <= 6 FROM generate_series(1, 10) i;
SELECT b.lower, b.upper, b.n, b.bad,
       abs(b.woe - ln((ARRAY[2/9.0, 6/7.0, 3])[o])) < 1e-12 AS woe_ok,
       abs(b.iv - (ARRAY[0.35 * ln(9/2.0), 0.05 * ln(7/6.0), 0.4 * ln(3)])[o]) < 1e-12 AS iv_ok
  FROM (SELECT woe_bins(x, bad, 5, 0) AS bins FROM wb) q, unnest(q.bins) WITH ORDINALITY b(lower, upper, n, bad, woe, iv, o);
SELECT abs(iv(woe_bins(x, bad, 5, 0)) - (0.35 * ln(9/2.0) + 0.05 * ln(7/6.0) + 0.4 * ln(3))) < 1e-12 AS iv_total
  FROM wb;
-- max_bins 2: merging 1+2 (4 bad, 16 good: woe ln(0.4/0.8), iv 0.4·ln 2) loses
-- 0.35·ln(9/2) + 0.05·ln(7/6) − 0.4·ln 2 = 0.2569; merging 2+3 (9, 11: woe ln(0.9/0.55),
-- iv 0.35·ln(0.9/0.55)) loses 0.05·ln(7/6) + 0.4·ln 3 − 0.35·ln(18/11) = 0.2748, so 1+2 merge.
SELECT b.lower, b.upper, b.n, b.bad, abs(b.woe - ln((ARRAY[0.5, 3])[o])) < 1e-12 AS woe_ok
  FROM (SELECT woe_bins(x, bad, 2, 0) AS bins FROM wb) q, unnest(q.bins) WITH ORDINALITY b(lower, upper, n, bad, woe, iv, o);
-- woe(value, bins): [lower, upper), the ends open to ±Infinity
SELECT v, abs(woe(v, (SELECT woe_bins(x, bad, 5, 0) FROM wb)) - ln((ARRAY[2/9.0, 2/9.0, 6/7.0, 6/7.0, 3, 3])[o])) < 1e-12 AS ok
  FROM unnest('{-1e9,1.99,2,2.99,3,1e9}'::float8[]) WITH ORDINALITY u(v, o);
-- not monotone: x = 1: 2 bad 8 good; 2: 1 bad 9 good; 3: 6 bad 4 good (B 9, G 21):
-- WOE ln((2/9)/(8/21)) = -0.539, ln((1/9)/(9/21)) = -1.350, ln((6/9)/(4/21)) = ln 3.5.
-- Rising: merge the broken pair 1+2 (3 bad, 17 good: ln((3/9)/(17/21)) = ln(21/51)), then monotone;
-- IV = (10/21)·(ln 3.5 − ln(21/51)) = 1.019079.  Falling ends in one bin (IV 0), so rising wins.
TRUNCATE wb;
INSERT INTO wb SELECT 1, i <= 2 FROM generate_series(1, 10) i;
INSERT INTO wb SELECT 2, i <= 1 FROM generate_series(1, 10) i;
INSERT INTO wb SELECT 3, i <= 6 FROM generate_series(1, 10) i;
SELECT b.lower, b.upper, b.n, b.bad, abs(b.woe - ln((ARRAY[21/51.0, 3.5])[o])) < 1e-12 AS woe_ok
  FROM (SELECT woe_bins(x, bad, 5, 0) AS bins FROM wb) q, unnest(q.bins) WITH ORDINALITY b(lower, upper, n, bad, woe, iv, o);
SELECT abs(iv(woe_bins(x, bad, 5, 0)) - 10 / 21.0 * (ln(3.5) - ln(21 / 51.0))) < 1e-12 AS iv_ok FROM wb;
-- zero counts: x = 1: 0 bad 10 good; 2: 5, 5; 3: 10 bad 0 good (B = G = 15); a zero count is 0.5:
-- WOE ln((0.5/15)/(10/15)) = ln(1/20), 0, ln 20; IV = 2·(9.5/15)·ln 20 = 3.794594
TRUNCATE wb;
INSERT INTO wb SELECT 1, false FROM generate_series(1, 10) i;
INSERT INTO wb SELECT 2, i <= 5 FROM generate_series(1, 10) i;
INSERT INTO wb SELECT 3, true FROM generate_series(1, 10) i;
SELECT b.n, b.bad, abs(b.woe - ln((ARRAY[1/20.0, 1, 20])[o])) < 1e-12 AS woe_ok
  FROM (SELECT woe_bins(x, bad, 5, 0) AS bins FROM wb) q, unnest(q.bins) WITH ORDINALITY b(lower, upper, n, bad, woe, iv, o);
SELECT abs(iv(woe_bins(x, bad, 5, 0)) - 2 * 9.5 / 15 * ln(20)) < 1e-12 AS iv_ok FROM wb;
-- NULL values form their own bin, last, with lower = upper = NULL: add 1 bad and 3 good NULLs
-- (B 16, G 18): its WOE = ln((1/16)/(3/18)) = ln(0.375); woe(NULL, bins) returns it
INSERT INTO wb VALUES (NULL, true), (NULL, false), (NULL, false), (NULL, false);
SELECT b.lower, b.upper, b.n, b.bad, abs(b.woe - ln(0.375)) < 1e-12 AS woe_ok
  FROM (SELECT woe_bins(x, bad, 5, 0) AS bins FROM wb) q, unnest(q.bins) b WHERE b.lower IS NULL;
SELECT abs(woe(NULL, woe_bins(x, bad, 5, 0)) - ln(0.375)) < 1e-12 AS null_woe,
       woe(NULL, (SELECT woe_bins(x, bad) FROM wb WHERE x IS NOT NULL)) IS NULL AS no_null_bin
  FROM wb;
-- only NULL values: just the NULL bin
SELECT woe_bins(NULL::float8, b) FROM unnest('{t,f,f}'::bool[]) b;
-- min_share: x = 1 holds 1 row of 31 (< 0.1·31) and joins its only neighbour x = 2
TRUNCATE wb;
INSERT INTO wb VALUES (1, true);
INSERT INTO wb SELECT x, i <= x * 2 FROM generate_series(2, 4) x, generate_series(1, 10) i;
SELECT b.lower, b.upper, b.n, b.bad FROM (SELECT woe_bins(x, bad, 5, 0.1) AS bins FROM wb) q, unnest(q.bins) b;
-- properties on 60 000 rows: strictly monotone WOE, at most max_bins bins plus the NULL bin, every
-- bin at least min_share of the rows with a value, counts add up, woe and iv as docs/credit.md from n and bad
WITH t AS (SELECT count(*) FILTER (WHERE bad) AS tb, count(*) FILTER (WHERE NOT bad) AS tg,
                  count(value) AS nv FROM scorecard_big),
     q AS (SELECT woe_bins(value, bad, 4, 0.05) AS bins FROM scorecard_big),
     b AS (SELECT u.*, o, ln((greatest(u.bad, 0.5) / t.tb) / (greatest(u.n - u.bad, 0.5) / t.tg)) AS w,
                  lag(u.woe) OVER (ORDER BY o) AS prev_woe, t.nv
             FROM q, t, unnest(q.bins) WITH ORDINALITY u(lower, upper, n, bad, woe, iv, o))
SELECT count(*) FILTER (WHERE lower IS NOT NULL) <= 4 AS few_bins,
       bool_and(prev_woe IS NULL OR lower IS NULL OR woe > prev_woe)
         OR bool_and(prev_woe IS NULL OR lower IS NULL OR woe < prev_woe) AS monotone,
       bool_and(lower IS NULL OR n >= 0.05 * nv) AS min_share_ok,
       sum(n) = 60000 AND sum(bad) = (SELECT tb FROM t) AS counts_add_up,
       bool_and(abs(woe - w) < 1e-12) AS woe_formula,
       (SELECT abs(iv(bins) - (SELECT sum(iv) FROM unnest(bins))) < 1e-12 FROM q) AS iv_sum
  FROM b;

-- PSI: expected {10,20,30} -> shares 1/6, 1/3, 1/2; actual {12,18,30} -> 0.2, 0.3, 0.5:
-- (0.2 − 1/6)·ln 1.2 + (0.3 − 1/3)·ln 0.9 = (1/30)·(ln 1.2 − ln 0.9) = 0.0095894...
SELECT abs(psi('{10,20,30}', '{12,18,30}') - (ln(1.2) - ln(0.9)) / 30) < 1e-15 AS psi_counts,
       abs(psi('{0.5,0.5}', '{0.5,0.5}')) < 1e-15 AS psi_same,
       -- an empty expected bin is 1e-6: 2·(−0.1)·ln 0.8 + (0.2 − 1e-6)·ln(0.2/1e-6)
       abs(psi('{5,5,0}', '{4,4,2}') - (-0.2 * ln(0.8) + (0.2 - 1e-6) * ln(0.2 / 1e-6))) < 1e-12 AS psi_zero;

-- logistic_fit.  Closed form: one binary predictor, x = 0: 2 bad 6 good, x = 1: 6 bad 2 good:
-- intercept = ln(2/6) = −ln 3, slope = ln(6/2) − ln(2/6) = 2 ln 3.
CREATE TEMP TABLE lg (bad bool, x float8);
INSERT INTO lg SELECT i <= 2, 0 FROM generate_series(1, 8) i;
INSERT INTO lg SELECT i <= 6, 1 FROM generate_series(1, 8) i;
SELECT abs(c[1] + ln(3)) < 1e-12 AS intercept, abs(c[2] - 2 * ln(3)) < 1e-12 AS slope
  FROM (SELECT logistic_fit(bad, ARRAY[x]) AS c FROM lg) q;
-- no predictors: the intercept is the log odds ln(8/8) = 0; a NULL element skips the row
SELECT logistic_fit(bad, '{}') AS intercept_only, logistic_fit(bad, ARRAY[NULL::float8]) AS all_skipped FROM lg;
-- textbook: R, coef(glm(am ~ hp + wt, data = mtcars, family = binomial)) gives
--   (Intercept) 18.8662987172041312, hp 0.0362555960822166, wt -8.0834751824446371
CREATE TEMP TABLE mtcars (am bool, hp float8, wt float8);
INSERT INTO mtcars VALUES (true, 110, 2.62), (true, 110, 2.875), (true, 93, 2.32), (false, 110, 3.215),
  (false, 175, 3.44), (false, 105, 3.46), (false, 245, 3.57), (false, 62, 3.19), (false, 95, 3.15),
  (false, 123, 3.44), (false, 123, 3.44), (false, 180, 4.07), (false, 180, 3.73), (false, 180, 3.78),
  (false, 205, 5.25), (false, 215, 5.424), (false, 230, 5.345), (true, 66, 2.2), (true, 52, 1.615),
  (true, 65, 1.835), (false, 97, 2.465), (false, 150, 3.52), (false, 150, 3.435), (false, 245, 3.84),
  (false, 175, 3.845), (true, 66, 1.935), (true, 91, 2.14), (true, 113, 1.513), (true, 264, 3.17),
  (true, 175, 2.77), (true, 335, 3.57), (true, 109, 2.78);
SELECT abs(c[1] - 18.8662987172041312) < 1e-6 AS intercept, abs(c[2] - 0.0362555960822166) < 1e-9 AS hp,
       abs(c[3] - -8.0834751824446371) < 1e-6 AS wt
  FROM (SELECT logistic_fit(am, ARRAY[hp, wt]) AS c FROM mtcars) q;
-- R, coef(glm(y ~ x, family = binomial)) with x = 1..6, y = 1 0 1 0 1 1: -0.200671989565830 0.265042064744978
SELECT abs(c[1] - -0.200671989565830) < 1e-9 AS intercept, abs(c[2] - 0.265042064744978) < 1e-9 AS slope
  FROM (SELECT logistic_fit(y, ARRAY[x]) AS c
          FROM unnest('{1,2,3,4,5,6}'::float8[], '{t,f,t,f,t,t}'::bool[]) u(x, y)) q;
-- the state round-trips as text, and the combine function reassembles slices
CREATE AGGREGATE pg_temp.logit_state(bool, float8[]) (SFUNC = zjgov._zjgov_logit_accum, STYPE = aggstate);
SELECT _zjgov_logit_final(pg_temp.logit_state(am, ARRAY[hp, wt])::text::aggstate)
         = (SELECT logistic_fit(am, ARRAY[hp, wt]) FROM mtcars) AS from_text FROM mtcars;
SELECT (SELECT bool_and(abs(a - b) < 1e-9) FROM unnest(_zjgov_logit_final(pg_temp.merge_states(s)),
            (SELECT logistic_fit(am, ARRAY[hp, wt]) FROM mtcars)) u(a, b)) AS combined
  FROM (SELECT pg_temp.logit_state(am, ARRAY[hp, wt]) AS s FROM mtcars GROUP BY hp::int % 3) q;

-- errors
SELECT auc(risk, true) FROM gen;                       -- bads, no goods
SELECT ks(risk, false) FROM gen;                       -- goods, no bads
SELECT auc(x, b) FROM (VALUES ('NaN'::float8, true), (1, false)) v(x, b);
SELECT ks(x, b) FROM (VALUES ('-Infinity'::float8, true), (1, false)) v(x, b);
SELECT _zjgov_auc_final('v1:r:3:0:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0,-0x1p+0,0x1p+0');   -- negative count
SELECT _zjgov_auc_final('v1:l:3:2:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:');   -- a logistic_fit state
SELECT woe_bins(x, b) FROM (VALUES (1, true), (2, true)) v(x, b);           -- no goods
SELECT woe_bins(x, b) FROM (VALUES ('NaN'::float8, true), (2, false)) v(x, b);
SELECT woe_bins(x, b, 0) FROM (VALUES (1, true), (2, false)) v(x, b);
SELECT woe_bins(x, b, 5, 0.6) FROM (VALUES (1, true), (2, false)) v(x, b);
SELECT woe_bins(x, b, 5, 'NaN') FROM (VALUES (1, true), (2, false)) v(x, b);
SELECT woe_bins(x, b, NULL) FROM (VALUES (1, true), (2, false)) v(x, b);
SELECT woe_bins(x, b, m) FROM (VALUES (1, true, 3), (2, false, 4)) v(x, b, m);
SELECT woe(1, ARRAY[(NULL, 1, 1, 1, 0, 0)]::woe_bin[]);
SELECT woe(1, ARRAY[(2, 1, 1, 1, 0, 0)]::woe_bin[]);
SELECT woe(5, ARRAY[(0, 1, 1, 1, 0, 0)]::woe_bin[]);
SELECT woe('NaN', ARRAY[(0, 1, 1, 1, 0, 0)]::woe_bin[]);
SELECT woe('Infinity', ARRAY[('-Infinity', 'Infinity', 1, 1, 0, 0)]::woe_bin[]);
SELECT woe(1, ARRAY[NULL]::woe_bin[]);
SELECT iv(ARRAY[(0, 1, 1, 1, 0, NULL)]::woe_bin[]);
SELECT psi('{1,2}', '{1,2,3}');
SELECT psi('{}', '{}');
SELECT psi('{1,-2}', '{1,2}');
SELECT psi('{0,0}', '{1,2}');
SELECT psi('{1,NULL}', '{1,2}');
SELECT psi('{1,NaN}', '{1,2}');
SELECT psi('{1,2}', '{1,Infinity}');
SELECT logistic_fit(x > 3, ARRAY[x]) FROM generate_series(1, 6) x;                        -- complete separation
SELECT logistic_fit(b, ARRAY[x]) FROM unnest('{0,0,0,1,1,1}'::float8[], '{f,f,f,t,f,t}'::bool[]) u(x, b);  -- quasi
SELECT logistic_fit(bad, ARRAY[x, 2 * x]) FROM lg;                                       -- collinear
SELECT logistic_fit(bad, ARRAY[x, 1]) FROM lg;                                           -- constant column
SELECT logistic_fit(bad, ARRAY[x]) FROM lg WHERE x = 0 AND bad;                          -- bads only
SELECT logistic_fit(bad, CASE WHEN x = 0 THEN ARRAY[x] ELSE ARRAY[x, x] END) FROM lg;    -- lengths differ
SELECT logistic_fit(bad, ARRAY[x, 'NaN']) FROM lg;
SELECT logistic_fit(bad, '{{1,2},{3,4}}') FROM lg;
SELECT logistic_fit(bad, array_fill(1.0::float8, ARRAY[64])) FROM lg;
