-- colour type, names, palette, classify, colour_of, three_colour
SET search_path = public, zjgov;
SELECT 'red'::zjgov.colour, ' Yellow '::zjgov.colour, '红'::zjgov.colour, '橙色'::zjgov.colour,
       '蓝'::zjgov.colour, '绿色'::zjgov.colour;
SELECT c, zjgov.colour_zh(c), zjgov.colour_hex(c), zjgov.warning_level(c)
  FROM unnest('{green,blue,yellow,orange,red}'::zjgov.colour[]) AS c ORDER BY c DESC;
-- severity order and operators
SELECT 'green'::zjgov.colour < 'blue', 'blue'::zjgov.colour < 'yellow', 'orange'::zjgov.colour < 'red',
       'red'::zjgov.colour >= 'red', 'red'::zjgov.colour <> 'orange', '红'::zjgov.colour = 'red';
SELECT zjgov.max(c), zjgov.min(c) FROM unnest('{yellow,green,orange}'::zjgov.colour[]) c;
-- classify: lower-inclusive thresholds, as width_bucket
SELECT v, zjgov.classify(v, '{10,20,30}') AS cls, width_bucket(v, '{10,20,30}'::float8[]) + 1 AS wb
  FROM unnest('{-5,9.999,10,19.99,20,30,1e9}'::float8[]) v;
SELECT zjgov.classify(5, '{}');
-- colour_of: default palettes by k, custom palette, low is worse
SELECT zjgov.colour_of(v, '{50}') AS k2, zjgov.colour_of(v, '{40,70}') AS k3,
       zjgov.colour_of(v, '{25,50,75}') AS k4, zjgov.colour_of(v, '{20,40,60,80}') AS k5,
       zjgov.colour_of(v, '{40,70}', higher_is_worse => false) AS k3_low_bad
  FROM unnest('{0,25,40,50,69,70,100}'::float8[]) v;
SELECT zjgov.colour_of(15, '{10,20}', '{blue,orange,red}');
SELECT zjgov.colour_of(NULL, '{10,20}'), zjgov.colour_of(1, '{10,20}', NULL, NULL);
-- three_colour, both directions, boundaries inclusive
SELECT v, zjgov.three_colour(v, 60, 80) AS high_bad, zjgov.three_colour(v, 80, 60) AS low_bad
  FROM unnest('{59.9,60,79.9,80,81}'::float8[]) v;
-- errors
SELECT 'violet'::zjgov.colour;
SELECT ''::zjgov.colour;
SELECT zjgov.classify(1, '{3,2}');
SELECT zjgov.classify(1, '{1,1}');
SELECT zjgov.classify('NaN', '{1,2}');
SELECT zjgov.classify(1, '{1,NaN}');
SELECT zjgov.classify(1, '{1,NULL}');
SELECT zjgov.classify(1, '{{1,2},{3,4}}');
SELECT zjgov.colour_of(1, '{1,2,3,4,5,6}');
SELECT zjgov.colour_of(1, '{}');
SELECT zjgov.colour_of(1, '{1,2}', '{green,red}');
SELECT zjgov.colour_of(1, '{1}', '{green,NULL}');
SELECT zjgov.three_colour(1, 5, 5);
SELECT zjgov.three_colour('Infinity', 5, 6);
-- ===================================================================== warning rules
-- overdue_colour (三色督办): boundaries are inclusive at deadline + yellow_after and + red_after
SET TimeZone = 'Asia/Shanghai';
SELECT d AS as_of, zjgov.overdue_colour('2026-03-01 00:00+08', d) AS default_rule,
       zjgov.overdue_colour('2026-03-01 00:00+08', d, '-2 days', '0') AS early_warning,
       zjgov.overdue_colour('2026-03-01 00:00+08', d, '1 day', '1 day') AS yellow_is_red
  FROM unnest('{2026-02-27 00:00+08, 2026-02-28 23:59:59.999999+08, 2026-03-01 00:00+08,
               2026-03-01 23:59:59.999999+08, 2026-03-02 00:00+08,
               2026-03-03 23:59:59.999999+08, 2026-03-04 00:00+08}'::timestamptz[]) d;
-- defaults are yellow_after '0' and red_after '3 days'; NULL in, NULL out; infinite timestamps order as usual
SELECT zjgov.overdue_colour('2026-03-01', '2026-03-04') AS red_on_day_3,
       zjgov.overdue_colour('2026-03-01', '2026-03-03 23:00') AS yellow,
       zjgov.overdue_colour(NULL, '2026-03-04') IS NULL AS null_deadline,
       zjgov.overdue_colour('2026-03-01', NULL) IS NULL AS null_as_of,
       zjgov.overdue_colour('infinity', '2026-03-04') AS no_deadline,
       zjgov.overdue_colour('2026-03-01', 'infinity') AS forever;
-- STABLE: '1 day' is a calendar day in the session's time zone.  New York leaves winter time on
-- 2026-03-08, so noon to noon is 23 hours there: 23 h after the deadline is red in New York and
-- still yellow in Shanghai (no DST).
SET TimeZone = 'America/New_York';
SELECT zjgov.overdue_colour('2026-03-07 12:00-05', '2026-03-07 12:00-05'::timestamptz + '23 hours', '0', '1 day') AS new_york;
SET TimeZone = 'Asia/Shanghai';
SELECT zjgov.overdue_colour('2026-03-07 12:00-05', '2026-03-07 12:00-05'::timestamptz + '23 hours', '0', '1 day') AS shanghai;
-- risk_colour: R = L*S; red R >= 20, orange R >= 15, yellow R >= 9, else blue.  By hand, rows L = 1..5,
-- columns S = 1..5:  L=1: R 1..5 all blue;  L=2: 2 4 6 8 10 -> blue x4, yellow;
-- L=3: 3 6 9 12 15 -> blue blue yellow yellow orange;  L=4: 4 8 12 16 20 -> blue blue yellow orange red;
-- L=5: 5 10 15 20 25 -> blue yellow orange red red.  Totals: red 3, orange 3, yellow 5, blue 14.
SELECT l, string_agg(zjgov.risk_colour(l, s)::text, ' ' ORDER BY s) AS s1_to_s5
  FROM generate_series(1, 5) l, generate_series(1, 5) s GROUP BY l ORDER BY l;
SELECT zjgov.risk_colour(l, s) AS colour, count(*)
  FROM generate_series(1, 5) l, generate_series(1, 5) s GROUP BY 1 ORDER BY 1 DESC;
-- lec_colour: D = L*E*C; red D > 320, orange 160 < D <= 320, yellow 70 < D <= 160, blue 20 < D <= 70,
-- green D <= 20.  Each row names D; the boundary itself takes the milder colour.
SELECT l, e, c, l * e * c AS d, zjgov.lec_colour(l, e, c)
  FROM (VALUES (10, 10, 100), (1, 8, 40.01), (1, 8, 40), (1, 4, 40.01), (1, 4, 40), (10, 1, 7.01),
               (1, 10, 7), (10, 2, 1.01), (10, 2, 1), (0.1, 2, 100), (0.2, 1, 100), (0.5, 1, 40),
               (0.1, 0.5, 1)) v(l, e, c);
-- ===================================================================== min / max of colours
CREATE TABLE colour_cells AS
  SELECT i AS id, i % 4 AS grid,
         (ARRAY['green','blue','yellow','orange','red']::zjgov.colour[])[1 + i % 4 + (i / 4) % 2] AS c
    FROM generate_series(1, 20000) i;
-- grid g holds colours g+1 and g+2 of green, blue, yellow, orange, red (alternating every 4 ids), so
-- worst = max: blue yellow orange red and mildest = min: green blue yellow orange for grids 0..3
SELECT grid, zjgov.max(c) AS worst, zjgov.min(c) AS mildest FROM colour_cells GROUP BY grid ORDER BY grid;
-- ids 1..8 by the formula: blue yellow orange blue yellow orange red green; by hand, over the rows
-- (previous, this, next): worst   yellow orange orange orange orange red red red,
--                         mildest blue blue blue blue blue yellow green green;
-- running worst: blue yellow orange orange orange orange red red
SELECT id, c, zjgov.max(c) OVER w AS worst_of_3, zjgov.min(c) OVER w AS mildest_of_3,
       zjgov.max(c) OVER (ORDER BY id) AS running_worst
  FROM colour_cells WHERE id <= 8 WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)
  ORDER BY id;
-- parallel plans: Partial Aggregate in the workers, the same answer as serial
CREATE TEMP TABLE colour_serial AS
  SELECT grid, zjgov.max(c) AS worst, zjgov.min(c) AS mildest, count(*) FROM colour_cells GROUP BY grid;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET force_parallel_mode = on;
EXPLAIN (COSTS OFF) SELECT zjgov.max(c), zjgov.min(c) FROM colour_cells;
-- without red, the worst is orange, the mildest green
SELECT zjgov.max(c), zjgov.min(c) FROM colour_cells WHERE c < 'red';
SELECT count(*) AS differing_grids FROM (
  SELECT grid, zjgov.max(c) AS worst, zjgov.min(c) AS mildest, count(*) FROM colour_cells GROUP BY grid
  EXCEPT SELECT * FROM colour_serial) d;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET force_parallel_mode;
DROP TABLE colour_cells;
-- errors of the warning rules
SELECT zjgov.overdue_colour('2026-03-01', '2026-03-02', '2 days', '1 day');
SELECT zjgov.overdue_colour('2026-03-01', '2026-03-02', '1 month', '29 days');
SELECT zjgov.overdue_colour('294276-12-30 00:00+00', '2026-03-02');
SELECT zjgov.risk_colour(0, 3);
SELECT zjgov.risk_colour(3, 6);
SELECT zjgov.risk_colour(-1, 1);
SELECT zjgov.lec_colour(0, 1, 1);
SELECT zjgov.lec_colour(1, -6, 1);
SELECT zjgov.lec_colour(1, 1, 'NaN');
SELECT zjgov.lec_colour('Infinity', 1, 1);
SELECT zjgov.lec_colour(1, '-Infinity', 1);
