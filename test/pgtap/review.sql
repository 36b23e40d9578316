-- adversarial review: support functions of aggregates called directly, hostile state literals
BEGIN;
SELECT plan(10);
SET LOCAL search_path = public, zjgov;

-- every transition and combine function called directly (outside an aggregate) works on a private
-- copy of its state argument and returns the new state; it never changes its argument
SELECT is(zjgov._zjgov_rank_accum(NULL, 1, true)::text,
          'v1:r:3:0:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0,0x1p+0,0x0p+0', 'rank_accum called directly');
SELECT is(zjgov._zjgov_rank_accum('v1:r:3:0:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0,0x1p+0,0x0p+0', 2, false)::text,
          'v1:r:3:0:2:0x0p+0,0x0p+0,0x0p+0,0x1p+0:0x1p+0,0x1p+0,0x0p+0,0x1p+1,0x0p+0,0x1p+0', 'rank_accum appends to a copy (the full state sorted its one record into a run first)');
SELECT lives_ok($$SELECT zjgov._zjgov_woe_accum(NULL, 1, true)$$, 'woe_accum called directly');
SELECT lives_ok($$SELECT zjgov._zjgov_logit_accum(NULL, true, '{1}')$$, 'logit_accum called directly');
SELECT is(zjgov._zjgov_scorecard_combine('v1:r:3:0:0:0,0,0,0:', 'v1:r:3:0:0:0,0,0,0:')::text,
          'v1:r:3:0:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 'scorecard_combine called directly');
SELECT is((zjgov._zjgov_moran_trans(NULL, 1, 'POINT(0 0)'::geometry))::text ~ '^v1\|queen\|1\|', true, 'moran_trans called directly');
SELECT is(zjgov._zjgov_moran_combine('v1|queen|0|', 'v1|queen|0|')::text, 'v1|queen|0|', 'moran_combine called directly');
-- a corrupt or foreign state: one SQLSTATE (22023) whichever state type it is
SELECT throws_ok($$SELECT zjgov._zjgov_rank_accum('v1:w:3:5:0:0,0,0,0:', 1, true)$$, '22023', NULL, 'a woe_bins state given to auc: 22023');
SELECT throws_ok($$SELECT zjgov._zjgov_jenks_final('v1:r:3:0:0:0,0,0,0:')$$, '22023', NULL, 'an auc state given to jenks_breaks: 22023');
-- the class breaks support functions work on a private copy when called directly
SELECT is(zjgov._zjgov_breaks_sfunc('v1:v:1:3:0:0x0p+0,0x0p+0,0x0p+0,0x0p+0:', 1, 3)::text,
          'v1:v:1:3:1:0x0p+0,0x0p+0,0x0p+0,0x0p+0:0x1p+0', 'breaks_sfunc called directly');

SELECT * FROM finish();
ROLLBACK;
