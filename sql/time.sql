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
