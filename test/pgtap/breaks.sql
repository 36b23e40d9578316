-- Contract of the class breaks aggregates and the warning rules: SQLSTATEs of every error,
-- volatility / strictness / parallel labels, and that the aggregates are split by parallel query
-- (real state type and a combine function).
BEGIN;
SET LOCAL search_path = public, zjgov;
SELECT plan(55);

-- labels
SELECT is(p.provolatile::text, 's', 'overdue_colour is STABLE')
  FROM pg_proc p WHERE p.oid = 'zjgov.overdue_colour(timestamptz,timestamptz,interval,interval)'::regprocedure;
SELECT is(p.provolatile::text || p.proisstrict::text || p.proparallel::text, 'itrue' || 's', p.proname || ' is IMMUTABLE STRICT PARALLEL SAFE')
  FROM pg_proc p WHERE p.oid IN ('zjgov.risk_colour(int,int)'::regprocedure,
                                  'zjgov.lec_colour(float8,float8,float8)'::regprocedure) ORDER BY p.proname;
SELECT is(p.proparallel::text || (a.aggcombinefn <> 0)::text || (a.aggtranstype = 'zjgov.aggstate'::regtype)::text,
          'struetrue', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') is parallel safe with a combine function and an aggstate state')
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
 WHERE p.oid IN ('zjgov.jenks_breaks(float8,int)'::regprocedure, 'zjgov.quantile_breaks(float8,int)'::regprocedure,
                 'zjgov.equal_breaks(float8,int)'::regprocedure, 'zjgov.headtail_breaks(float8)'::regprocedure,
                 'zjgov.headtail_breaks(float8,int)'::regprocedure, 'zjgov.gvf(float8,float8[])'::regprocedure)
 ORDER BY p.oid;
SELECT is(count(*)::int, 0, 'no class breaks aggregate has an internal state')
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
 WHERE p.pronamespace = 'zjgov'::regnamespace AND a.aggtranstype = 'internal'::regtype
   AND p.proname IN ('jenks_breaks', 'quantile_breaks', 'equal_breaks', 'headtail_breaks', 'gvf');
SELECT is(count(*)::int, 0, 'every breaks helper has a comment')
  FROM pg_proc p WHERE p.pronamespace = 'zjgov'::regnamespace
   AND (p.proname LIKE '_zjgov_%breaks%' OR p.proname LIKE '_zjgov_%gvf%' OR p.proname LIKE '_zjgov_equal%'
        OR p.proname LIKE '_zjgov_headtail%' OR p.proname LIKE '_zjgov_jenks%' OR p.proname LIKE '_zjgov_quantile%')
   AND obj_description(p.oid, 'pg_proc') IS NULL;

-- values
SELECT is(zjgov.jenks_breaks(v, 3), '{10,20}'::float8[], 'jenks_breaks {1,2,3 | 10,11,12 | 20}')
  FROM unnest('{12,1,20,3,10,2,11}'::float8[]) v;
SELECT is(zjgov.quantile_breaks(v, 4), '{3.25,5.5,7.75}'::float8[], 'quantile_breaks of 1..10 (percentile_cont 0.25, 0.5, 0.75)')
  FROM generate_series(1, 10) v;
SELECT is(zjgov.equal_breaks(v, 5), '{2,4,6,8}'::float8[], 'equal_breaks of 0..10 in 5')
  FROM generate_series(0, 10) v;
SELECT is(zjgov.headtail_breaks(v), '{3.8,15}'::float8[], 'headtail_breaks: means 3.8 then 15')
  FROM unnest('{1,1,1,1,1,1,1,1,10,20}'::float8[]) v;
SELECT ok(abs(zjgov.gvf(v, '{10,20}') - 486.0 / 493) < 1e-12, 'gvf = 1 - 28/1972')
  FROM unnest('{12,1,20,3,10,2,11}'::float8[]) v;
SELECT is(zjgov.risk_colour(4, 5), 'red'::zjgov.colour, 'risk 4 x 5 = 20 is red');
SELECT is(zjgov.risk_colour(3, 5), 'orange'::zjgov.colour, 'risk 3 x 5 = 15 is orange');
SELECT is(zjgov.risk_colour(3, 3), 'yellow'::zjgov.colour, 'risk 3 x 3 = 9 is yellow');
SELECT is(zjgov.risk_colour(2, 4), 'blue'::zjgov.colour, 'risk 2 x 4 = 8 is blue');
SELECT is(zjgov.lec_colour(1, 8, 40), 'orange'::zjgov.colour, 'LEC D = 320 is orange');
SELECT is(zjgov.lec_colour(0.5, 1, 40), 'green'::zjgov.colour, 'LEC D = 20 is green');
SELECT is(zjgov.overdue_colour('2026-01-01 00:00+00', '2026-01-04 00:00+00'), 'red'::zjgov.colour, 'red 3 days after the deadline');
SELECT is(zjgov.overdue_colour('2026-01-01 00:00+00', '2026-01-01 00:00+00'), 'yellow'::zjgov.colour, 'yellow at the deadline');

-- errors and their SQLSTATEs
SELECT throws_ok($$SELECT zjgov.jenks_breaks(v, 1) FROM generate_series(1, 3) v$$, '22023', NULL, 'jenks k = 1');
SELECT throws_ok($$SELECT zjgov.jenks_breaks(v, 1001) FROM generate_series(1, 3) v$$, '22023', NULL, 'jenks k = 1001');
SELECT throws_ok($$SELECT zjgov.jenks_breaks(v, NULL) FROM generate_series(1, 3) v$$, '22004', NULL, 'jenks k NULL');
SELECT throws_ok($$SELECT zjgov.jenks_breaks(v, v::int + 1) FROM generate_series(1, 3) v$$, '22023', NULL, 'jenks k varies');
SELECT throws_ok($$SELECT zjgov.jenks_breaks(v, 2) FROM unnest('{1,NaN}'::float8[]) v$$, '22023', NULL, 'jenks NaN value');
SELECT throws_ok($$SELECT zjgov.quantile_breaks(v, 2) FROM unnest('{1,Infinity}'::float8[]) v$$, '22023', NULL, 'quantile Infinity value');
SELECT throws_ok($$SELECT zjgov.quantile_breaks(v, 0) FROM generate_series(1, 3) v$$, '22023', NULL, 'quantile k = 0');
SELECT throws_ok($$SELECT zjgov.equal_breaks(v, 2) FROM unnest('{1,-Infinity}'::float8[]) v$$, '22023', NULL, 'equal -Infinity value');
SELECT throws_ok($$SELECT zjgov.equal_breaks(v, NULL) FROM generate_series(1, 3) v$$, '22004', NULL, 'equal k NULL');
SELECT throws_ok($$SELECT zjgov.headtail_breaks(v, 1) FROM generate_series(1, 3) v$$, '22023', NULL, 'headtail max_k = 1');
SELECT throws_ok($$SELECT zjgov.headtail_breaks(v, NULL) FROM generate_series(1, 3) v$$, '22004', NULL, 'headtail max_k NULL');
SELECT throws_ok($$SELECT zjgov.gvf(v, '{3,2}') FROM generate_series(1, 3) v$$, '22023', NULL, 'gvf unsorted thresholds');
SELECT throws_ok($$SELECT zjgov.gvf(v, '{1,NULL}') FROM generate_series(1, 3) v$$, '22004', NULL, 'gvf NULL threshold');
SELECT throws_ok($$SELECT zjgov.gvf(v, '{{1,2},{3,4}}') FROM generate_series(1, 3) v$$, '2202E', NULL, 'gvf 2-D thresholds');
SELECT throws_ok($$SELECT zjgov.gvf(v, NULL) FROM generate_series(1, 3) v$$, '22004', NULL, 'gvf NULL thresholds');
SELECT throws_ok($$SELECT zjgov.gvf(v, ARRAY[v]) FROM generate_series(1, 3) v$$, '22023', NULL, 'gvf thresholds vary');
SELECT throws_ok($$SELECT zjgov.gvf(v, '{1}') FROM unnest('{1e200,-1e200}'::float8[]) v$$, '22003', NULL, 'gvf overflow');
SELECT throws_ok($$SELECT zjgov._zjgov_jenks_final('v1:e:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:')$$, '22023', NULL, 'foreign state');
SELECT throws_ok($$SELECT zjgov._zjgov_jenks_final('v1:v:1:3:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:inf')$$, '22023', NULL, 'state with Infinity');
SELECT throws_ok($$SELECT zjgov._zjgov_equal_final('v1:e:1:3:0:0x1p+0,0x1p+1,0x0p+0,0x0p+0:')$$, '22023', NULL, 'equal state with min > max');
SELECT throws_ok($$SELECT zjgov._zjgov_breaks_combine('v1:v:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 'v1:v:1:4:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:')$$,
                 '22023', NULL, 'combine of different k');
SELECT throws_ok($$SELECT zjgov.overdue_colour(now(), now(), '2 days', '1 day')$$, '22023', NULL, 'red_after < yellow_after');
SELECT throws_ok($$SELECT zjgov.overdue_colour('294276-12-30 00:00+00', now())$$, '22008', NULL, 'deadline + red_after out of range');
SELECT throws_ok($$SELECT zjgov.risk_colour(0, 1)$$, '22023', NULL, 'likelihood 0');
SELECT throws_ok($$SELECT zjgov.risk_colour(1, 6)$$, '22023', NULL, 'severity 6');
SELECT throws_ok($$SELECT zjgov.lec_colour(0, 1, 1)$$, '22023', NULL, 'L = 0');
SELECT throws_ok($$SELECT zjgov.lec_colour(1, -1, 1)$$, '22023', NULL, 'E < 0');
SELECT throws_ok($$SELECT zjgov.lec_colour(1, 1, 'NaN')$$, '22023', NULL, 'C NaN');
SELECT throws_ok($$SELECT zjgov.lec_colour('Infinity', 1, 1)$$, '22023', NULL, 'L Infinity');

-- a NULL-only group and an empty one give NULL, not an error
SELECT is(zjgov.jenks_breaks(v, 3), NULL, 'jenks of NULLs is NULL') FROM unnest('{NULL,NULL}'::float8[]) v;
SELECT is(zjgov.gvf(v, '{1}'), NULL, 'gvf of no rows is NULL') FROM unnest('{}'::float8[]) v;

SELECT * FROM finish();
ROLLBACK;
