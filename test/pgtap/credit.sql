-- credit grading and scorecards: SQLSTATEs of the error paths, labels of the public objects
BEGIN;
SELECT plan(38);
SET LOCAL search_path = public, zjgov;

-- credit_grade type and scales
SELECT throws_ok($$SELECT 'AAAA'::zjgov.credit_grade$$, '22P02', NULL, 'bad grade literal: 22P02');
SELECT throws_ok($$SELECT zjgov.credit_grade(50, 'nosuch')$$, '22023', 'unknown grade scale "nosuch"', 'unknown scale: 22023');
SELECT throws_ok($$SELECT zjgov.credit_grade('NaN'::float8)$$, '22023', NULL, 'NaN score: 22023');
SELECT throws_ok($$SELECT zjgov.credit_grade('-Infinity'::float8, 'bank')$$, '22023', NULL, '-Infinity score: 22023');
SELECT throws_ok($$INSERT INTO zjgov.grade_scale (scale, grade, min_score) VALUES ('x', 'A', 'NaN')$$, '23514', NULL, 'NaN min_score: check violation');
SELECT is(zjgov.credit_grade(89.99, 'public'), 'B'::zjgov.credit_grade, 'public: 89.99 is B');
SELECT is(zjgov.credit_grade(90, 'tax'), 'A'::zjgov.credit_grade, 'tax: 90 is A');
SELECT is(zjgov.credit_grade(54.99, 'market'), 'D'::zjgov.credit_grade, 'market: 54.99 is D');
SELECT is(zjgov.credit_grade(30, 'bank'), 'CCC'::zjgov.credit_grade, 'bank: 30 is CCC');

-- pdo_score and decayed
SELECT throws_ok($$SELECT zjgov.pdo_score(0)$$, '22023', 'p_bad must lie strictly between 0 and 1', 'p = 0: 22023');
SELECT throws_ok($$SELECT zjgov.pdo_score(1)$$, '22023', NULL, 'p = 1: 22023');
SELECT throws_ok($$SELECT zjgov.pdo_score('NaN')$$, '22023', NULL, 'p NaN: 22023');
SELECT throws_ok($$SELECT zjgov.pdo_score(0.1, 600, -1)$$, '22023', NULL, 'base_odds <= 0: 22023');
SELECT throws_ok($$SELECT zjgov.decayed(1, now(), now(), '0 s')$$, '22023', NULL, 'zero half_life: 22023');
SELECT throws_ok($$SELECT zjgov.decayed(1, 'infinity', now(), '1 day')$$, '22023', NULL, 'infinite occurred: 22023');
SELECT is(zjgov.decayed(7, now() + interval '1 day', now(), '1 day', '1 hour'), 7::float8, 'a future record counts fully');

-- scorecard aggregates
SELECT throws_ok($$SELECT zjgov.auc(x, true) FROM generate_series(1, 3) x$$, '22023', 'auc needs both bad and good rows', 'auc, bads only: 22023');
SELECT throws_ok($$SELECT zjgov.ks(x, false) FROM generate_series(1, 3) x$$, '22023', NULL, 'ks, goods only: 22023');
SELECT throws_ok($$SELECT zjgov.auc('NaN', true)$$, '22023', NULL, 'auc NaN risk: 22023');
SELECT is((SELECT zjgov.auc(x, true) FROM generate_series(1, 3) x WHERE false), NULL, 'auc of no rows is NULL');
SELECT throws_ok($$SELECT zjgov.woe_bins(x, true) FROM generate_series(1, 3) x$$, '22023', NULL, 'woe_bins, bads only: 22023');
SELECT throws_ok($$SELECT zjgov.woe_bins(x, x > 1, 0) FROM generate_series(1, 3) x$$, '22023', NULL, 'max_bins 0: 22023');
SELECT throws_ok($$SELECT zjgov.woe_bins(x, x > 1, NULL) FROM generate_series(1, 3) x$$, '22004', NULL, 'max_bins NULL: 22004');
SELECT throws_ok($$SELECT zjgov.psi('{1,2}', '{1,2,3}')$$, '2202E', NULL, 'psi lengths differ: 2202E');
SELECT throws_ok($$SELECT zjgov.psi('{1,NULL}', '{1,2}')$$, '22004', NULL, 'psi NULL element: 22004');
SELECT throws_ok($$SELECT zjgov.psi('{1,-1}', '{1,2}')$$, '22023', NULL, 'psi negative: 22023');
SELECT throws_ok($$SELECT zjgov.logistic_fit(x > 3, ARRAY[x::float8]) FROM generate_series(1, 6) x$$, '22023', NULL, 'separation: 22023');
SELECT throws_ok($$SELECT zjgov.logistic_fit(x % 2 = 0, ARRAY[x::float8, 2 * x]) FROM generate_series(1, 6) x$$, '22023', 'logistic_fit design matrix is singular', 'singular design: 22023');
SELECT throws_ok($$SELECT zjgov.logistic_fit(true, ARRAY[x::float8]) FROM generate_series(1, 6) x$$, '22023', NULL, 'logistic_fit, bads only: 22023');
SELECT throws_ok($$SELECT zjgov.logistic_fit(x % 2 = 0, CASE WHEN x = 1 THEN '{1}'::float8[] ELSE '{1,2}' END) FROM generate_series(1, 6) x$$, '2202E', NULL, 'x lengths differ: 2202E');
SELECT throws_ok($$SELECT zjgov.logistic_fit(true, '{Infinity}')$$, '22023', NULL, 'x infinite: 22023');
SELECT throws_ok($$SELECT zjgov.aggstate_in('v1:r:3:0:99:0x0p+0,0x0p+0,0x0p+0,0x0p+0:')$$, '22P02', NULL, 'short aggstate text: 22P02');

-- labels
SELECT volatility_is('zjgov', 'credit_grade', ARRAY['double precision', 'text'], 'stable', 'credit_grade is STABLE');
SELECT volatility_is('zjgov', 'decayed', ARRAY['double precision', 'timestamp with time zone', 'timestamp with time zone', 'interval', 'interval'], 'stable', 'decayed is STABLE');
SELECT volatility_is('zjgov', 'pdo_score', ARRAY['double precision', 'double precision', 'double precision', 'double precision'], 'immutable', 'pdo_score is IMMUTABLE');
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE p.pronamespace = 'zjgov'::regnamespace
              AND p.proname IN ('auc', 'ks', 'woe_bins', 'logistic_fit', 'logistic_fit_detail')
              AND a.aggcombinefn <> 0 AND p.proparallel = 's' AND a.aggtranstype = 'zjgov.aggstate'::regtype),
          10, 'auc, ks, woe_bins (3 numeric, 3 categorical), logistic_fit, logistic_fit_detail: parallel safe, combine function, aggstate state');
SELECT is((SELECT count(*)::int FROM pg_proc p WHERE p.pronamespace = 'zjgov'::regnamespace
            AND p.proname ~ '^(credit_grade|pdo_score|decayed|woe|iv|psi|_zjgov_(rank|woe|logit|auc|ks|scorecard))'
            AND obj_description(p.oid, 'pg_proc') IS NULL), 0, 'every credit function has a comment');
SELECT is((SELECT count(*)::int FROM pg_extension e, unnest(e.extconfig, e.extcondition) u(rel, cond)
            WHERE e.extname = 'zjgov' AND rel = 'zjgov.grade_scale'::regclass AND cond = 'WHERE NOT builtin'),
          1, 'grade_scale is dumped, without its built-in rows');

SELECT * FROM finish();
ROLLBACK;
