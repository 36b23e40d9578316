-- pgTAP contract tests for indicator scoring (indicator.c, model.c): catalog labels, SQLSTATEs
BEGIN;
SELECT plan(42);
SET LOCAL search_path = public, zjgov;

-- the objects of docs/indicators.md, with their labels
SELECT has_function('zjgov', 'normalize', ARRAY['double precision', 'double precision', 'double precision', 'text'], 'normalize, fixed bounds');
SELECT has_function('zjgov', 'normalize', ARRAY['double precision', 'text', 'text', 'double precision', 'double precision'], 'normalize, window');
SELECT is((SELECT prokind FROM pg_proc WHERE oid = 'zjgov.normalize(float8, text, text, float8, float8)'::regprocedure), 'w', 'normalize over a partition is a window function');
SELECT is((SELECT prokind FROM pg_proc WHERE oid = 'zjgov.topsis(float8[], float8[], bool[])'::regprocedure), 'w', 'topsis is a window function');
SELECT is_aggregate('zjgov', 'entropy_weights', ARRAY['double precision[]']);
SELECT is_aggregate('zjgov', 'critic_weights', ARRAY['double precision[]']);
SELECT is_aggregate('zjgov', 'score', ARRAY['text', 'text', 'double precision']);
SELECT is_aggregate('zjgov', 'score_detail', ARRAY['text', 'text', 'double precision']);
SELECT has_table('zjgov', 'indicator', 'catalog table zjgov.indicator');
SELECT col_is_pk('zjgov', 'indicator', ARRAY['model', 'code', 'valid_from'], 'a code is unique within one version of its model');
SELECT has_type('zjgov', 'ahp_result', 'composite type ahp_result');
-- every aggregate of the room: parallel safe, a combine function, a real state type
SELECT is(count(*)::int, 6, 'six aggregates (score and score_detail with and without as_of), all with a combine function and a non-internal state')
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
 WHERE p.pronamespace = 'zjgov'::regnamespace
   AND p.proname IN ('entropy_weights', 'critic_weights', 'score', 'score_detail')
   AND a.aggcombinefn <> 0 AND a.aggtranstype <> 'internal'::regtype AND p.proparallel = 's';
-- labels: every function of the room is parallel safe and commented; score reads the catalog (STABLE)
SELECT is(count(*)::int, 0, 'every indicator/model function is PARALLEL SAFE, commented, not SECURITY DEFINER')
  FROM pg_proc p
 WHERE p.pronamespace = 'zjgov'::regnamespace
   AND (p.proname IN ('normalize', 'entropy_weights', 'critic_weights', 'ahp', 'topsis', 'weighted_score',
                      'score', 'score_detail') OR p.proname LIKE '\_zjgov\_entropy%' OR p.proname LIKE '\_zjgov\_critic%'
        OR p.proname LIKE '\_zjgov\_score%')
   AND (p.proparallel <> 's' OR obj_description(p.oid, 'pg_proc') IS NULL OR p.prosecdef);
SELECT volatility_is('zjgov', '_zjgov_score_accum', ARRAY['aggstate', 'text', 'text', 'double precision'], 'stable', 'score transition reads zjgov.indicator: STABLE');
SELECT volatility_is('zjgov', 'ahp', ARRAY['double precision[]'], 'immutable', 'ahp is IMMUTABLE');
SELECT isnt(obj_description('zjgov.indicator'::regclass, 'pg_class'), NULL, 'zjgov.indicator has a comment');
SELECT ok('zjgov.indicator'::regclass = ANY (extconfig), 'zjgov.indicator is registered with pg_extension_config_dump')
  FROM pg_extension WHERE extname = 'zjgov';

-- values
SELECT is((ahp('{{1,3},{0.3333333333333333,1}}')).weights, '{0.75,0.25}'::float8[], 'ahp 2×2: a/(1 + a)');
SELECT ok(NOT (ahp(ARRAY[[1, 9, 9], [1/9.0, 1, 9], [1/9.0, 1/9.0, 1]]::float8[])).consistent,
          'a strongly intransitive matrix is flagged inconsistent');
SELECT is(weighted_score('{10,NULL,40}', '{1,5,3}'), 32.5::float8, 'weighted_score re-weights: (10 + 120)/4');
INSERT INTO zjgov.indicator (model, code, parent, weight, direction, lo, hi) VALUES
  ('tap', 'D', NULL, 1, 'benefit', NULL, NULL), ('tap', 'x', 'D', 1, 'benefit', 0, 10),
  ('tap', 'y', 'D', 3, 'cost', 0, 10);
SELECT is(score('tap', code, v), 55::float8, 'score: (1·70 + 3·50)/4 = 55')
  FROM (VALUES ('x', 7.0::float8), ('y', 5)) t(code, v);
SELECT is(score_detail('tap', code, v), '{"total": 70, "nodes": {"D": 70, "x": 70, "y": null}}'::jsonb,
          'score_detail: y missing, D re-weighted to x alone')
  FROM (VALUES ('x', 7.0::float8)) t(code, v);

-- SQLSTATEs
SELECT throws_ok($$SELECT zjgov.normalize(1, 2, 2)$$, '22023', 'lo must be less than hi', 'normalize: empty bounds');
SELECT throws_ok($$SELECT zjgov.normalize(1, 0, 2, 'up')$$, '22023', NULL, 'normalize: unknown direction');
SELECT throws_ok($$SELECT zjgov.normalize(x, 'rank') OVER () FROM (VALUES (1.0::float8)) v(x)$$, '22023', NULL, 'normalize: unknown method');
SELECT throws_ok($$SELECT zjgov.normalize(x, 'interval') OVER () FROM (VALUES (1.0::float8)) v(x)$$, '22004', NULL, 'normalize: interval without bounds');
SELECT throws_ok($$SELECT entropy_weights(x) FROM (VALUES ('{1,2}'::float8[]), ('{1,2,3}')) v(x)$$, '2202E', NULL, 'entropy_weights: a row of another length');
SELECT throws_ok($$SELECT entropy_weights(x) FROM (VALUES ('{1,NULL}'::float8[])) v(x)$$, '22004', NULL, 'entropy_weights: NULL element');
SELECT throws_ok($$SELECT entropy_weights(x) FROM (VALUES ('{1,-1}'::float8[]), ('{1,1}')) v(x)$$, '22023', NULL, 'entropy_weights: negative value');
SELECT throws_ok($$SELECT entropy_weights(x) FROM (VALUES ('{1,1}'::float8[])) v(x)$$, '22023', NULL, 'entropy_weights: one row');
SELECT throws_ok($$SELECT critic_weights(x) FROM (VALUES ('{1}'::float8[]), ('{1,2}')) v(x)$$, '2202E', NULL, 'critic_weights: a row of another length');
SELECT throws_ok($$SELECT critic_weights(x) FROM (VALUES ('{1,NaN}'::float8[])) v(x)$$, '22023', NULL, 'critic_weights: NaN');
SELECT throws_ok($$SELECT ahp('{{1,2},{3,1}}')$$, '22023', 'judgements must be a reciprocal matrix', 'ahp: not reciprocal');
SELECT throws_ok($$SELECT ahp('{{1,2,3},{1,2,3}}')$$, '2202E', NULL, 'ahp: not square');
SELECT throws_ok($$SELECT ahp(array_fill(1.0::float8, ARRAY[16,16]))$$, '2202E', NULL, 'ahp: n > 15');
SELECT throws_ok($$SELECT topsis(x, '{1}') OVER () FROM (VALUES ('{1,2}'::float8[])) v(x)$$, '2202E', NULL, 'topsis: weights length');
SELECT throws_ok($$SELECT weighted_score('{1}', '{-1}')$$, '22023', NULL, 'weighted_score: negative weight');
SELECT throws_ok($$SELECT score('no such model', 'x', 1)$$, '42704', NULL, 'score: unknown model');
SELECT throws_ok($$SELECT score('tap', 'z', 1)$$, '22023', NULL, 'score: unknown code');
SELECT throws_ok($$SELECT score('tap', code, 1) FROM (VALUES ('x'), ('x')) v(code)$$, '21000', NULL, 'score: two values for one leaf');
UPDATE zjgov.indicator SET weight = 0 WHERE model = 'tap' AND code = 'y';
SELECT throws_ok($$SELECT score('tap', 'x', 1)$$, '42P17', 'indicator model "tap": indicator "y" has weight 0, which is not a positive number', 'score: non-positive weight names the code');
UPDATE zjgov.indicator SET weight = 1, parent = 'y' WHERE model = 'tap' AND code = 'D';
SELECT throws_ok($$SELECT score('tap', 'x', 1)$$, '42P17', NULL, 'score: a cycle');

SELECT * FROM finish();
ROLLBACK;
