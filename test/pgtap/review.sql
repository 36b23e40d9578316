-- adversarial review: support functions of aggregates called directly, hostile state literals
BEGIN;
SELECT plan(7);
SET LOCAL search_path = public, zjgov;

-- transition and combine functions that need an aggregate context: a clean 0A000, never XX000
SELECT throws_ok($$SELECT zjgov._zjgov_rank_accum(NULL, 1, true)$$, '0A000', NULL, 'rank_accum outside an aggregate: 0A000');
SELECT throws_ok($$SELECT zjgov._zjgov_woe_accum(NULL, 1, true)$$, '0A000', NULL, 'woe_accum outside an aggregate: 0A000');
SELECT throws_ok($$SELECT zjgov._zjgov_logit_accum(NULL, true, '{1}')$$, '0A000', NULL, 'logit_accum outside an aggregate: 0A000');
SELECT throws_ok($$SELECT zjgov._zjgov_scorecard_combine('v1:r:3:0:0:0,0,0,0:', 'v1:r:3:0:0:0,0,0,0:')$$, '0A000', NULL, 'scorecard_combine outside an aggregate: 0A000');
SELECT throws_ok($$SELECT zjgov._zjgov_moran_trans(NULL, 1, 'POINT(0 0)'::geometry)$$, '0A000', NULL, 'moran_trans outside an aggregate: 0A000');
SELECT throws_ok($$SELECT zjgov._zjgov_moran_combine('v1|queen|0|', 'v1|queen|0|')$$, '0A000', NULL, 'moran_combine outside an aggregate: 0A000');
-- the class breaks support functions work on a private copy when called directly
SELECT is(zjgov._zjgov_breaks_sfunc('v1:v:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 1, 3)::text,
          'v1:v:1:3:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0', 'breaks_sfunc called directly');

SELECT * FROM finish();
ROLLBACK;
