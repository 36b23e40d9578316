-- credit_grade type, grade scales, credit_grade(), pdo_score, decayed
SET search_path = public, zjgov;
-- I/O: case-insensitive, trimmed, upper-case output; binary send is the rank byte
SELECT 'aaa'::credit_grade AS aaa, ' Bbb '::credit_grade AS bbb, 'cc'::credit_grade AS cc,
       'D'::credit_grade AS d, credit_grade_send('AAA') AS send_aaa, credit_grade_send('D') AS send_d;
-- order D < C < CC < CCC < B < BB < BBB < A < AA < AAA: sorting every grade gives exactly that list
SELECT string_agg(g::text, ' ' ORDER BY g) AS ascending
  FROM unnest('{AA,C,BBB,D,A,CCC,B,AAA,CC,BB}'::credit_grade[]) g;
SELECT 'D'::credit_grade < 'C' AS d_lt_c, 'CCC'::credit_grade < 'B' AS ccc_lt_b,
       'BBB'::credit_grade < 'A' AS bbb_lt_a, 'AAA'::credit_grade >= 'AAA' AS ge,
       'A'::credit_grade <> 'AA' AS ne, 'bb'::credit_grade = 'BB' AS eq, 'B'::credit_grade > 'CCC' AS gt,
       'B'::credit_grade <= 'B' AS le;
SELECT max(g), min(g) FROM unnest('{B,AA,CCC}'::credit_grade[]) g;
-- btree and hash opclasses: index scan, hash aggregate
CREATE TEMP TABLE firm (id int, g credit_grade);
INSERT INTO firm SELECT i, (ARRAY['D','C','CC','CCC','B','BB','BBB','A','AA','AAA'])[1 + i % 10]::credit_grade
  FROM generate_series(1, 100) i;
CREATE INDEX ON firm (g);
SET enable_seqscan = off;
SELECT count(*) AS a_or_better FROM firm WHERE g >= 'A';  -- ranks 7, 8, 9: 30 of 100
RESET enable_seqscan;
SET enable_sort = off;
SELECT g, count(*) FROM firm GROUP BY g ORDER BY g LIMIT 3;
RESET enable_sort;
-- the built-in scales (docs/credit.md), each boundary and just below it
SELECT scale, string_agg(grade || '>=' || min_score, ' ' ORDER BY min_score DESC) FROM grade_scale
 WHERE builtin GROUP BY scale ORDER BY scale;
SELECT s, credit_grade(s) AS public, credit_grade(s, 'tax') AS tax,
       credit_grade(s, 'market') AS market, credit_grade(s, 'bank') AS bank
  FROM unnest('{-1e9,0,9.999,10,19.999,20,29.999,30,39.999,40,49.999,50,54.999,55,59.999,60,69.999,70,79.999,80,84.999,85,89.999,90,1e9}'::float8[]) s;
-- a user scale (three grades); the bottom grade from -Infinity
INSERT INTO grade_scale (scale, grade, min_score) VALUES
    ('county', 'A', 80), ('county', 'B', 60), ('county', 'C', '-Infinity');
SELECT s, credit_grade(s, 'county') FROM unnest('{59.9,60,79.9,80}'::float8[]) s;
-- a user scale without a bottom grade: scores below it are an error (below)
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('strict', 'A', 50), ('strict', 'B', 0);
SELECT credit_grade(0, 'strict') AS b, credit_grade(50, 'strict') AS a;
-- a scale changed by an earlier command of the same transaction is read again
DO $$
BEGIN
  IF zjgov.credit_grade(75, 'county') <> 'B' THEN RAISE EXCEPTION 'before'; END IF;
  UPDATE zjgov.grade_scale SET min_score = 70 WHERE scale = 'county' AND grade = 'A';
  IF zjgov.credit_grade(75, 'county') <> 'A' THEN RAISE EXCEPTION 'cache kept a stale scale'; END IF;
  RAISE NOTICE 'county scale re-read: ok';
END $$;
-- credit_grade reads the catalog in parallel workers too (PARALLEL SAFE); 1000 scores 0.0 .. 99.9:
-- public A from 90 (100 scores), B from 70 (200), C from 40 (300), D below (400)
CREATE TABLE grade_scores AS SELECT i / 10.0 AS score FROM generate_series(0, 999) i;
ANALYZE grade_scores;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT count(*) FILTER (WHERE credit_grade(score) = 'A') FROM grade_scores;
SELECT count(*) FILTER (WHERE credit_grade(score) = 'A') AS a, count(*) FILTER (WHERE credit_grade(score) = 'B') AS b,
       count(*) FILTER (WHERE credit_grade(score) = 'C') AS c, count(*) FILTER (WHERE credit_grade(score) = 'D') AS d
  FROM grade_scores;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE grade_scores;
-- PDO: factor = 20/ln 2, offset = 600 - factor·ln 50; p = 1/51 is odds 50:1 -> exactly 600;
-- odds 100, 200, 400 (p = 1/101, 1/201, 1/401) -> 620, 640, 660; odds 25 (p = 1/26) -> 580
SELECT abs(pdo_score(1.0/51) - 600) < 1e-9 AS at_50,
       abs(pdo_score(1.0/101) - 620) < 1e-9 AS at_100,
       abs(pdo_score(1.0/201) - 640) < 1e-9 AS at_200,
       abs(pdo_score(1.0/401) - 660) < 1e-9 AS at_400,
       abs(pdo_score(1.0/26) - 580) < 1e-9 AS at_25,
       abs(pdo_score(0.5) - (600 - 20 * ln(50) / ln(2))) < 1e-9 AS at_even;  -- odds 1: the offset
-- every doubling of the odds adds exactly pdo points, other bases: 500 at 20:1, pdo 40
SELECT bool_and(abs(pdo_score(1 / (1 + 20 * 2.0^k), 500, 20, 40) - (500 + 40 * k)) < 1e-9) AS doubling
  FROM generate_series(-5, 10) k;
-- decayed: 0.5^(age/half_life); age in exact seconds, half_life as EXTRACT(EPOCH) (1 year = 365.25 days)
SET TimeZone = 'Asia/Shanghai';
SELECT decayed(10, '2024-01-01', '2024-01-01', '1 year') AS fresh,              -- 10
       abs(decayed(12, '2025-01-01', '2025-01-31', '30 days') - 6) < 1e-12 AS one_half_life,
       abs(decayed(12, '2025-01-01', '2025-03-02', '30 days') - 3) < 1e-12 AS two_half_lives, -- 60 days
       abs(decayed(8, '2025-01-01 00:00', '2025-01-01 12:00', '1 day') - 8 / sqrt(2)) < 1e-12 AS half_day,
       decayed(10, '2026-01-01', '2025-01-01', '1 year', '1 day') AS future_counts_fully,  -- 10
       decayed(10, '2025-01-01', '2025-04-01', '1 year', '3 months') AS expired_at_end,  -- 0
       decayed(10, '2025-01-01', '2025-03-31 23:59', '1 month', '3 months') > 0 AS not_yet_expired,
       decayed(-5, '2025-01-01', '2025-01-11', '10 days') AS negative_points,          -- -2.5
       decayed(10, '2025-01-01', '2025-06-01', '1 year', NULL) > 0 AS no_expiry;
SELECT decayed(NULL, now(), now(), '1 day') IS NULL AS null_points,
       decayed(1, NULL, now(), '1 day') IS NULL AS null_occurred;
RESET TimeZone;
-- errors
SELECT 'AAAA'::credit_grade;
SELECT ''::credit_grade;
SELECT credit_grade(50, 'nosuch');
SELECT credit_grade('NaN'::float8);
-- a lone quoted literal is read as a cast to the type credit_grade, not as a score:
SELECT credit_grade('85');
SELECT credit_grade('Infinity', 'bank');
SELECT credit_grade(-1, 'strict');
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('bad', 'A', 'NaN');
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('county', 'A', 10);
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('county', 'AA', 60);
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('upside', 'A', 10), ('upside', 'B', 50);
SELECT credit_grade(60, 'upside');
SELECT pdo_score(0);
SELECT pdo_score(1);
SELECT pdo_score(-0.5);
SELECT pdo_score(1.5);
SELECT pdo_score('NaN');
SELECT pdo_score(0.1, 600, 0);
SELECT pdo_score(0.1, 600, 50, 0);
SELECT pdo_score(0.1, 'Infinity');
SELECT decayed('NaN', now(), now(), '1 day');
SELECT decayed(1, now(), now(), '0 days');
SELECT decayed(1, now(), now(), '-1 day');
SELECT decayed(1, now(), now(), '1 day', '-1 day');
SELECT decayed(1, 'infinity', now(), '1 day');
SELECT decayed(1, now(), '-infinity', '1 day');
