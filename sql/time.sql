-- time: mann_kendall (trend test and Sen's slope), ears, ewma, cusum, emerging_hotspot
SET search_path = public, zjgov;

-- ---------------------------------------------------------------- mann_kendall
-- Hand-computed, t = 1..5, x = 1, 2, 2, 3, 1 (rows given out of order).  Signs of the 10 pairs:
-- (1,2)+ (1,3)+ (1,4)+ (1,5)0 (2,3)0 (2,4)+ (2,5)- (3,4)+ (3,5)- (4,5)-  ->  S = 2.
-- Ties {1,1} and {2,2}: Var(S) = (5*4*15 - 2*(2*1*9))/18 = 264/18 = 14.666...
-- z = (S - 1)/sqrt(Var) = 0.261116483933547, p = 2(1 - Phi(z)) = 0.794002680192762 (R: pnorm),
-- tau = 2/10.  Slopes sorted: -2 -1/2 -1/3 0 0 1/2 1/2 2/3 1 1 -> Sen = (0 + 1/2)/2 = 0.25;
-- intercept = median(x) - 0.25 * median(t) = 2 - 0.75 = 1.25.
CREATE TABLE mk1 AS SELECT * FROM (VALUES (5, 1.0), (2, 2.0), (1, 1.0), (4, 3.0), (3, 2.0)) v(t, x);
SELECT (r).n, (r).s, abs((r).var_s - 264.0 / 18) < 1e-12 AS var_ok,
       abs((r).z - 0.261116483933547) < 1e-12 AS z_ok, abs((r).p - 0.794002680192762) < 1e-12 AS p_ok,
       abs((r).tau - 0.2) < 1e-15 AS tau_ok, (r).slope, (r).intercept
  FROM (SELECT mann_kendall(x, t) AS r FROM mk1) s;
-- the same series by day (2026-01-01 .. 05, UTC): Sen's slope per day 0.25; intercept
-- = 2 - 0.25 * (days from 1970-01-01 to 2026-01-03) = 2 - 0.25 * 20456 = -5112
SELECT (r).s, (r).slope, (r).intercept,
       (extract(epoch FROM timestamptz '2026-01-03 00:00+00') / 86400) AS median_day
  FROM (SELECT mann_kendall(x, timestamptz '2026-01-01 00:00+00' + (t - 1) * interval '1 day') AS r FROM mk1) s;
-- x = 2t + 3, t = 1..10: S = 45, Var = 10*9*25/18 = 125, z = 44/sqrt(125) = 3.93547964039963,
-- p = 8.30307033263811e-05 (R: 2*(1 - pnorm(z))), tau = 1, slope 2, intercept 14 - 2*5.5 = 3
SELECT (r).n, (r).s, (r).var_s, abs((r).z - 3.93547964039963) < 1e-12 AS z_ok,
       abs((r).p - 8.30307033263811e-05) < 1e-15 AS p_ok, (r).tau, (r).slope, (r).intercept
  FROM (SELECT mann_kendall(2 * g + 3, g) AS r FROM generate_series(1, 10) g) s;
-- per group, rows with NULL skipped; fewer than 3 points: n, s and var_s only (2 rising points:
-- S = 1, Var = 2*1*9/18 = 1); no rows: NULL
SELECT k, (r).n, (r).s, (r).var_s, (r).z IS NULL AS z_null, (r).slope IS NULL AS slope_null
  FROM (SELECT k, mann_kendall(x, t) AS r
          FROM (VALUES ('a', 1, 1.0), ('a', 2, 5.0), ('a', 3, NULL), ('b', 1, 1.0), ('b', NULL, 2.0),
                       ('b', 2, 0.0), ('b', 3, 3.0)) v(k, t, x) GROUP BY k) s ORDER BY k;
SELECT mann_kendall(x, t) IS NULL AS empty_is_null FROM mk1 WHERE false;
-- 100 000 points, O(n log n): x = g + w with w = g % 2, t = g.  x_j - x_i = (j - i) + (w_j - w_i):
-- every pair rises except the 50 000 neighbours (odd i, i + 1), which tie, so S = N - 50 000.
-- Pairs of the same parity (about half of all pairs) have slope exactly 1, the others split evenly
-- around it, so Sen's slope is 1.
SELECT (r).n, (r).s = 100000::float8 * 99999 / 2 - 50000 AS s_ok, (r).slope
  FROM (SELECT mann_kendall(g + (g % 2), g) AS r FROM generate_series(1, 100000) g) s;
-- the state is a real type with an exact text form: finish a state shipped as text.  Points (1,1)
-- (2,2) (3,5) (4,3): slopes -2 1/2 2/3 1 2 3, median (2/3 + 1)/2 = 5/6
SELECT (zjgov._zjgov_mann_kendall_final(st::text::zjgov.aggstate)).slope AS slope_from_text
  FROM (SELECT zjgov._zjgov_mann_kendall_combine(
                   zjgov._zjgov_mann_kendall_sfunc(zjgov._zjgov_mann_kendall_sfunc(NULL, 1, 1), 2.0, 2),
                   zjgov._zjgov_mann_kendall_sfunc(zjgov._zjgov_mann_kendall_sfunc(NULL, 5, 3), 3, 4)) AS st) s;
-- errors
SELECT mann_kendall(x, 1) FROM mk1;
SELECT mann_kendall(x, t) FROM (VALUES (1, 1.0), (2, 'NaN')) v(t, x);
SELECT mann_kendall(1.0, t) FROM (VALUES (1.0), ('Infinity')) v(t);
SELECT mann_kendall(1.0, t) FROM (VALUES (timestamptz '2026-01-01'), ('infinity')) v(t);
SELECT mann_kendall(x, t) FROM (VALUES (-1.5e308, 1.0), (1.5e308, 2.0)) v(t, x);
SELECT zjgov._zjgov_mann_kendall_final(zjgov._zjgov_breaks_sfunc(NULL, 1, 3));

-- ---------------------------------------------------------------- ears, ewma, cusum
-- (EARS against R surveillance::earsC on its own example series: test/suites/surveillance.sh)
-- EARS C1 by hand, baseline 3, alpha 0.025: x = 1, 2, 3, 10.  Row 4: mean 2, sd 1,
-- z = qnorm(0.975) = 1.95996398454005 (R), upper = 3.95996398454005, statistic (10 - 2)/1 = 8, alarm.
-- Rows 1-3 have no history: NULL.  A row with a NULL value is skipped (not part of any baseline).
SELECT i, (a).statistic, abs((a).upper - 3.95996398454005) < 1e-12 AS upper_ok, (a).alarm, a IS NULL AS no_history
  FROM (SELECT i, ears(x, 'C1', 3, 0.025) OVER (ORDER BY i) AS a
          FROM (VALUES (1, 1.0), (2, 2.0), (3, NULL), (4, 3.0), (5, 10.0)) v(i, x)) s ORDER BY i;
-- a flat baseline (sd 0) with min_sigma 0: C1 upper = mean, statistic +-Infinity (as earsC under
-- IEEE arithmetic); min_sigma 0.5: upper = 5 + 1.95996398454005 * 0.5, statistic (6 - 5)/0.5 = 2
SELECT i, (a).statistic, (a).upper, (a).alarm, (b).statistic AS stat_ms, abs((b).upper - 5.97998199227003) < 1e-12 AS upper_ms_ok
  FROM (SELECT i, ears(x, 'C1', 3, 0.025) OVER w AS a, ears(x, 'C1', 3, 0.025, 0.5) OVER w AS b
          FROM (VALUES (1, 5.0), (2, 5.0), (3, 5.0), (4, 6.0), (5, 5.0)) v(i, x) WINDOW w AS (ORDER BY i)) s
 WHERE i = 4;
-- EWMA by hand: baseline 3 rows 9, 10, 11 (mean 10, sd 1), lambda 0.5, L 2; then 12, 14, 10:
--   z1 = 11,    limit1 = 10 + 2 sqrt(1/3 (1 - 0.5^2)) = 11                      no alarm
--   z2 = 12.5,  limit2 = 10 + 2 sqrt(1/3 (1 - 0.5^4)) = 11.1180339887499        alarm
--   z3 = 11.25, limit3 = 10 + 2 sqrt(1/3 (1 - 0.5^6)) = 11.1456439237389        alarm
SELECT i, (a).statistic, round((a).upper::numeric, 12) AS upper, (a).alarm
  FROM (SELECT i, ewma(x, 0.5, 2, 3) OVER (ORDER BY i) AS a
          FROM (VALUES (1, 9.0), (2, 10.0), (3, 11.0), (4, 12.0), (5, 14.0), (6, 10.0)) v(i, x)) s ORDER BY i;
-- CUSUM by hand: baseline 9, 10, 11 (mean 10, sd 1), k 0.5, h 2; then 12, 11, 9, 13: y = 2, 1, -1, 3,
--   S = 1.5, 2 (not > 2), 0.5, 3 (alarm)
SELECT i, (a).statistic, (a).upper, (a).alarm
  FROM (SELECT i, cusum(x, 0.5, 2, 3) OVER (ORDER BY i) AS a
          FROM (VALUES (1, 9.0), (2, 10.0), (3, 11.0), (4, 12.0), (5, 11.0), (6, 9.0), (7, 13.0)) v(i, x)) s ORDER BY i;
-- errors
SELECT ears(x, 'C4') OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x, NULL) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x, 'C1', 2) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x, 'C1', 7, 0) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x, 'C3', 7, 1) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x, 'C2', 7, 'NaN') OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x, 'C1', 7, 0.01, -1) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ears(x) OVER (ORDER BY i) FROM (VALUES (1, 1.0), (2, 'Infinity')) v(i, x);
SELECT ewma(x, 0) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ewma(x, 1.5) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ewma(x, 0.2, 0) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT ewma(x, 0.2, 3, 1) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT cusum(x, -0.5) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT cusum(x, 0.5, 0) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT cusum(x, 0.5, 5, NULL) OVER (ORDER BY i) FROM (VALUES (1, 1.0)) v(i, x);
SELECT cusum(x) OVER (ORDER BY i) FROM (VALUES (1, 1.0), (2, 'NaN')) v(i, x);

-- ---------------------------------------------------------------- emerging_hotspot
-- (space-time Gi* against R spdep::localG on a built space-time neighbour list, and the category
-- rules against the same rules applied in R: test/suites/spacetime_spdep.sh; every category on
-- hand-built series: test/unit/kendall_test.c)
-- By hand: three unit squares in a row A-B-C (queen: A~B, B~C) x 2 periods, values
-- p1: 1 2 3, p2: 4 5 9.  n = 6 bins, mean 4, s^2 = (9+4+1+0+1+25)/6 = 40/6.
-- z = (sum_j x_j - W mean) / sqrt(s^2 (n W - W^2)/(n - 1)), binary weights, the bin itself included.
-- time_window 0 (the same period only): W(A) = W(C) = 2, W(B) = 3:
--   A1 (1+2 - 8)/sqrt(40/6*8/5) = -1.53093108923949   B1 (6 - 12)/sqrt(40/6*9/5) = -1.73205080756888
--   C1 (5 - 8)/sqrt(32/3) = -0.918558653543692       A2 (9 - 8)/sqrt(32/3) = 0.306186217847897
--   B2 (18 - 12)/sqrt(12) = 1.73205080756888          C2 (14 - 8)/sqrt(32/3) = 1.83711730708738
-- time_window 1 adds the previous period: A2 {A1 B1 A2 B2}: (12 - 16)/sqrt(40/6*8/5) = -1.22474487139159,
--   B2 all six bins: n W - W^2 = 0, no z (NULL); C2 {B1 C1 B2 C2}: (19 - 16)/sqrt(32/3) = 0.918558653543692.
CREATE TABLE st3 AS
SELECT c.id, ST_MakeEnvelope(c.k, 0, c.k + 1, 1) AS geom, p.p, (ARRAY[[1, 4], [2, 5], [3, 9]])[c.k + 1][p.p]::float8 AS x
  FROM (VALUES ('A', 0), ('B', 1), ('C', 2)) c(id, k), generate_series(1, 2) p(p);
SELECT id, p, abs((h0).z - (ARRAY[-1.53093108923949, 0.306186217847897, -1.73205080756888, 1.73205080756888,
                                   -0.918558653543692, 1.83711730708738])[2 * (ascii(id) - 65) + p]) < 1e-12 AS z_tw0_ok,
       CASE WHEN (h1).z IS NULL THEN 'NULL'
            ELSE (abs((h1).z - (ARRAY[-1.53093108923949, -1.22474487139159, -1.73205080756888, NULL,
                                      -0.918558653543692, 0.918558653543692])[2 * (ascii(id) - 65) + p]) < 1e-12)::text END AS z_tw1_ok,
       (h0).class, (h1).category, (h1).category_zh, (h1).tau IS NULL AS tau_null
  FROM (SELECT id, p, emerging_hotspot(x, geom, p, 'queen', 0) OVER () AS h0,
               emerging_hotspot(x, geom, p) OVER () AS h1 FROM st3) s
 ORDER BY id, p;
-- (No |z| reaches 1.96, so no bin is significant at alpha 0.05: no pattern; getis_ord's classes
-- at 90 %: B1 cold90, B2 and C2 hot90; 2 periods: no trend.)
-- Neighbours given as data (id, neighbours): the same lists as queen (A~B, B~C) give the same bins;
-- one-way lists A -> B, B -> C, C -> none (time_window 0), by hand: A1 {A1 B1} -1.53093108923949,
-- B1 {B1 C1} (5 - 8)/sqrt(32/3) = -0.918558653543692, A2 {A2 B2} 0.306186217847897,
-- B2 {B2 C2} (14 - 8)/sqrt(32/3) = 1.83711730708738; C lists no one: no neighbour, NULL (as an island).
SELECT id, p, (q).z IS NOT DISTINCT FROM (g).z AS same_as_geometry,
       CASE WHEN id = 'C' THEN (o).z IS NULL
            ELSE abs((o).z - (ARRAY[-1.53093108923949, 0.306186217847897, -0.918558653543692,
                                    1.83711730708738])[2 * (ascii(id) - 65) + p]) < 1e-12 END AS one_way_ok
  FROM (SELECT id, p, emerging_hotspot(x, ascii(id)::bigint, CASE id WHEN 'A' THEN '{66}'::bigint[] WHEN 'B' THEN '{65,67}' ELSE '{66}' END, p) OVER () AS q,
               emerging_hotspot(x, geom, p) OVER () AS g,
               emerging_hotspot(x, ascii(id)::bigint, CASE id WHEN 'A' THEN '{66}'::bigint[] WHEN 'B' THEN '{67}' ELSE '{}' END, p, 0) OVER () AS o
          FROM st3) s
 ORDER BY id, p;
-- errors: an id listed that no row has; a repeated (id, period); NULL in a list
SELECT emerging_hotspot(x, ascii(id)::bigint, '{99}'::bigint[], p) OVER () FROM st3;
SELECT emerging_hotspot(x, 1::bigint, '{}'::bigint[], p) OVER () FROM st3;
SELECT emerging_hotspot(x, ascii(id)::bigint, '{66,NULL}'::bigint[], p) OVER () FROM st3;
-- Periods as dates: whole calendar months are evenly spaced (31 and 28 days); missing bins filled
-- with `missing`; the filled bin has no row (A's March): the same z as a 0 row would give.
SELECT id, p, (h).z IS NOT DISTINCT FROM (g).z AS same_z
  FROM (SELECT id, p, emerging_hotspot(x, geom, (date '2026-01-01' + (p - 1) * interval '1 month')::date, missing => 0) OVER () AS h
          FROM (SELECT * FROM (VALUES ('A', 0), ('B', 1), ('C', 2)) c(id, k), generate_series(1, 3) p(p)) c
          CROSS JOIN LATERAL (SELECT ST_MakeEnvelope(c.k, 0, c.k + 1, 1) AS geom, (c.k * 3 + p)::float8 AS x) v
         WHERE NOT (id = 'A' AND p = 3)) a
  JOIN (SELECT id AS gid, p AS gp, emerging_hotspot(CASE WHEN id = 'A' AND p = 3 THEN 0 ELSE x END, geom, p) OVER () AS g
          FROM (SELECT * FROM (VALUES ('A', 0), ('B', 1), ('C', 2)) c(id, k), generate_series(1, 3) p(p)) c
          CROSS JOIN LATERAL (SELECT ST_MakeEnvelope(c.k, 0, c.k + 1, 1) AS geom, (c.k * 3 + p)::float8 AS x) v) b
    ON a.id = b.gid AND a.p = b.gp
 ORDER BY id, p;
-- Monthly timestamps at local midnight in +08 (in UTC the 16:00 of the month's last day): every
-- step is 28 to 31 days, so they are evenly spaced; the z-scores equal those of periods 1, 2, 3.
SELECT bool_and((h).z IS NOT DISTINCT FROM (g).z) AS same_z, count(*) AS bins
  FROM (SELECT id, p, emerging_hotspot(x, geom, ('2026-0' || p || '-01 00:00+08')::timestamptz) OVER () AS h,
               emerging_hotspot(x, geom, p) OVER () AS g
          FROM (SELECT id, geom, p, x FROM st3 UNION ALL SELECT id, geom, 3, x + 1 FROM st3 WHERE p = 2) s) q;
-- errors: missing bins, duplicate bins, uneven periods, bad arguments
SELECT emerging_hotspot(x, geom, p) OVER () FROM st3 WHERE NOT (id = 'A' AND p = 2);
SELECT emerging_hotspot(x, geom, 1) OVER () FROM st3;
SELECT emerging_hotspot(x, geom, CASE p WHEN 2 THEN 3 ELSE p END) OVER () FROM (SELECT * FROM st3 UNION ALL SELECT id, geom, 4, x FROM st3 WHERE p = 2) s;
SELECT emerging_hotspot(x, geom, date '2026-01-01' + p * p) OVER () FROM (SELECT * FROM st3 UNION ALL SELECT id, geom, 3, x FROM st3 WHERE p = 2) s;
SELECT emerging_hotspot(x, geom, timestamptz '2026-01-01 00:00+08' + (p * p) * interval '20 days') OVER () FROM (SELECT * FROM st3 UNION ALL SELECT id, geom, 3, x FROM st3 WHERE p = 2) s;
SELECT emerging_hotspot(x, geom, p, 'queen', -1) OVER () FROM st3;
SELECT emerging_hotspot(x, geom, p, 'queen', 1, 0) OVER () FROM st3;
SELECT emerging_hotspot(x, geom, p, 'queen', 1, 1.5) OVER () FROM st3;
SELECT emerging_hotspot(x, geom, p, 'queen', 1, 0.05, 'sidak') OVER () FROM st3;
SELECT emerging_hotspot(x, geom, p, 'hexagonal') OVER () FROM st3;
SELECT emerging_hotspot(x, geom, p, 'queen', 1, 0.05, 'none', 'NaN') OVER () FROM st3;
SELECT emerging_hotspot(CASE WHEN p = 2 THEN 'Infinity' ELSE x END, geom, p) OVER () FROM st3;
SELECT emerging_hotspot(x, geom, CASE WHEN p = 2 THEN 'infinity'::date ELSE date '2026-01-01' END) OVER () FROM st3;
SELECT emerging_hotspot(x, geom, p, NULL) OVER () FROM st3;
