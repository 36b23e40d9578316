-- credit_grade M (纳税信用 M级: newly registered taxpayers), ordered just below B
SET search_path = public, zjgov;
-- every grade in order (D < C < CC < CCC < M < B < ... < AAA), by sort and by operators
SELECT string_agg(g::text, ' ' ORDER BY g) AS ordered
  FROM unnest('{AAA,M,B,D,CCC,A,C,BBB,CC,BB,AA}'::credit_grade[]) g;
SELECT 'CCC'::credit_grade < 'M' AS ccc_lt_m, 'M'::credit_grade < 'B' AS m_lt_b, 'M'::credit_grade <= 'M' AS le,
       'M'::credit_grade >= 'CCC' AS ge, 'M'::credit_grade > 'CCC' AS gt, 'M'::credit_grade = 'm' AS eq,
       'M'::credit_grade <> 'B' AS ne, credit_grade_cmp('M', 'B') AS cmp_b, credit_grade_cmp('M', 'CCC') AS cmp_ccc;
-- the tax grades A > B > M > C > D
SELECT string_agg(g::text, ' > ' ORDER BY g DESC) AS tax FROM unnest('{D,M,A,C,B}'::credit_grade[]) g;
SELECT max(g), min(g) FROM unnest('{M,C,CCC}'::credit_grade[]) g;
SELECT max(g), min(g) FROM unnest('{M,B,BB}'::credit_grade[]) g;
-- binary form: the byte 10; D .. AAA keep 0 .. 9
SELECT credit_grade_send('M') AS m, credit_grade_send('D') AS d, credit_grade_send('AAA') AS aaa;
-- a sort through sort support and a merge join and a hash join agree
CREATE TEMP TABLE tg AS SELECT i, (ARRAY['D','C','CC','CCC','M','B','BB','BBB','A','AA','AAA'])[1 + (i * 7) % 11]::credit_grade AS g
  FROM generate_series(1, 1100) i;
SELECT bool_and(prev <= g) AS sorted, count(*) FROM (SELECT g, lag(g) OVER (ORDER BY g) AS prev FROM tg) s WHERE prev IS NOT NULL;
SET enable_hashjoin = off; SET enable_nestloop = off;
SELECT count(*) AS merge_join FROM tg a JOIN tg b ON a.g = b.g AND a.i < 12;
RESET enable_hashjoin; SET enable_mergejoin = off;
SELECT count(*) AS hash_join FROM tg a JOIN tg b ON a.g = b.g AND a.i < 12;
RESET enable_mergejoin; RESET enable_nestloop;
CREATE INDEX ON tg (g);
SET enable_seqscan = off;
SELECT count(*) AS between_ccc_and_b FROM tg WHERE g > 'CCC' AND g < 'B';
RESET enable_seqscan;
-- a user scale with M: the scale stays monotone (M below B)
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('newco', 'B', 70), ('newco', 'M', 50), ('newco', 'D', '-Infinity');
SELECT credit_grade(75, 'newco') AS b, credit_grade(60, 'newco') AS m, credit_grade(10, 'newco') AS d;
-- errors
SELECT 'MM'::credit_grade;
INSERT INTO grade_scale (scale, grade, min_score) VALUES ('bad_m', 'B', 50), ('bad_m', 'M', 70), ('bad_m', 'D', '-Infinity');
SELECT credit_grade(60, 'bad_m');
DELETE FROM grade_scale WHERE NOT builtin;
