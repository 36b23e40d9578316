-- period_change: period-on-period change (环比 lag 1, 同比 lag 12 on months)
SET search_path = public, zjgov;
SET extra_float_digits = 0;
CREATE TEMP TABLE m (town text, month date, v float8);
INSERT INTO m VALUES
  ('a', '2025-01-01', 100), ('a', '2025-02-01', 110), ('a', '2025-03-01', 99), ('a', '2025-04-01', 0),
  ('a', '2025-05-01', 50), ('a', '2025-06-01', NULL), ('a', '2025-07-01', 60),
  ('b', '2025-01-01', -20), ('b', '2025-02-01', -10);
-- hand: a: Feb 110 − 100 = 10, 110/100 − 1 = 0.1; Mar −11, 99/110 − 1 = −0.1; Apr −99, −1;
--       May 50 − 0 = 50, ratio NULL (previous 0); Jun NULL; Jul NULL (previous NULL);
--       b: Feb −10 − (−20) = 10, −10/−20 − 1 = −0.5; each town starts again
SELECT town, month, v, (c).delta, round((c).ratio::numeric, 12) AS ratio
  FROM (SELECT town, month, v, period_change(v) OVER (PARTITION BY town ORDER BY month) AS c FROM m) q
 ORDER BY town, month;
-- lag 2: Mar 99 − 100 = −1, −0.01; Apr 0 − 110 = −110, −1; May 50 − 99 = −49, 50/99 − 1; Jul 60 − 50 = 10, 0.2
SELECT month, (period_change(v, 2) OVER w).delta, round((period_change(v, 2) OVER w).ratio::numeric, 12) AS ratio
  FROM m WHERE town = 'a' WINDOW w AS (ORDER BY month) ORDER BY month;
-- 同比 over two years of months: every month of 2025 is 10 % above 2024
SELECT count(*) AS months, bool_and(abs((c).ratio - 0.1) < 1e-12) AS yoy_10pct, bool_and(abs((c).delta - x / 11) < 1e-9) AS delta
  FROM (SELECT x, period_change(x, 12) OVER (ORDER BY mo) AS c
          FROM (SELECT mo, CASE WHEN mo > 12 THEN 110 ELSE 100 END * (1 + mo % 12)::float8 AS x
                  FROM generate_series(1, 24) mo) s) q
 WHERE (c).delta IS NOT NULL;
-- errors
SELECT period_change(v, 0) OVER (ORDER BY month) FROM m;
SELECT period_change(v, NULL) OVER (ORDER BY month) FROM m;
SELECT period_change(x) OVER (ORDER BY x) FROM (VALUES (1.0::float8), ('NaN')) t(x);
SELECT period_change(x) OVER (ORDER BY x) FROM (VALUES (-1e308::float8), (1e308)) t(x);
