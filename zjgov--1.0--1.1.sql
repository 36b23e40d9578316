-- zjgov 1.0 -> 1.1 update script.  A fresh 1.1 install runs zjgov--1.0.sql and then this file
-- (PostgreSQL chains them: CREATE EXTENSION zjgov finds the path 1.0 -> 1.1), so every object new
-- or changed in 1.1 is written exactly once, here.  One section per area, in this order; each
-- section appends its objects at its own end.  Qualify everything (@extschema@., pg_catalog.).
\echo Use "ALTER EXTENSION zjgov UPDATE TO '1.1'" to load this file. \quit

-- ===================================================================== house: names, states, caches



-- ===================================================================== scale-out: states, catalogs



-- ===================================================================== time: trends, space-time hot spots, alarms



-- ===================================================================== rules: warning rules, escalation, working days, draws



-- ===================================================================== tracks



-- ===================================================================== regions and local statistics
-- SKATER (regions.c, regionalize.c): contiguous regions from a minimum spanning tree
CREATE FUNCTION @extschema@.skater(x float8[], geom geometry, k int, weights text DEFAULT 'queen',
        min_size int DEFAULT 1, criterion text DEFAULT 'ssd') RETURNS int
    AS 'MODULE_PATHNAME', 'zjgov_skater' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.skater(float8[], geometry, int, text, int, text) IS 'window: SKATER regionalisation (Assuncao et al. 2006, as R spdep::skater) of the partition into k contiguous regions numbered 1..k from the north-west: minimum spanning tree of the neighbour graph with edge cost the Euclidean distance of x, then k-1 greedy cuts each reducing the criterion (''ssd'' or ''spdep'') most with every region at least min_size rows';
CREATE FUNCTION @extschema@.skater(x float8[], geom geometry, k int, weights text,
        floor_var float8, floor float8, criterion text DEFAULT 'ssd') RETURNS int
    AS 'MODULE_PATHNAME', 'zjgov_skater' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.skater(float8[], geometry, int, text, float8, float8, text) IS 'window: SKATER regionalisation into k contiguous regions with every region''s sum of floor_var at least floor (spdep::skater crit / vec.crit)';
CREATE FUNCTION @extschema@.skater(x float8[], id bigint, neighbours bigint[], k int,
        min_size int DEFAULT 1, criterion text DEFAULT 'ssd') RETURNS int
    AS 'MODULE_PATHNAME', 'zjgov_skater' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.skater(float8[], bigint, bigint[], int, int, text) IS 'window: SKATER regionalisation with neighbours given as data (each row''s id and the ids of its neighbours, read as undirected links)';
CREATE FUNCTION @extschema@.skater(x float8[], id bigint, neighbours bigint[], k int,
        floor_var float8, floor float8, criterion text DEFAULT 'ssd') RETURNS int
    AS 'MODULE_PATHNAME', 'zjgov_skater' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.skater(float8[], bigint, bigint[], int, float8, float8, text) IS 'window: SKATER regionalisation with neighbours given as data and a floor on every region''s sum of floor_var';

-- local statistics (autocorr.c, spstat.c): local Geary, bivariate local Moran, local join count,
-- local empirical Bayes rates
CREATE TYPE @extschema@.local_geary_result AS (c float8, z float8, p float8, cluster text);
COMMENT ON TYPE @extschema@.local_geary_result IS 'result of local_geary: local Geary''s C, permutation z, folded pseudo p, cluster (HH, LL, other positive, negative)';
CREATE FUNCTION @extschema@.local_geary(value float8, geom geometry, weights text DEFAULT 'queen',
        permutations int DEFAULT 999, seed int DEFAULT 42) RETURNS @extschema@.local_geary_result
    AS 'MODULE_PATHNAME', 'zjgov_local_geary' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.local_geary(float8, geometry, text, int, int) IS 'window: local Geary''s C (Anselin 2019, as R spdep::localC_perm) of each row with row-standardised weights on values standardised by the sample sd, conditional-permutation z and folded pseudo p (deterministic for a seed)';
CREATE FUNCTION @extschema@.local_moran_bv(x float8, y float8, geom geometry, weights text DEFAULT 'queen',
        permutations int DEFAULT 999, seed int DEFAULT 42) RETURNS @extschema@.lisa
    AS 'MODULE_PATHNAME', 'zjgov_local_moran_bv' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.local_moran_bv(float8, float8, geometry, text, int, int) IS 'window: bivariate local Moran''s I (as R spdep::localmoran_bv): x_i standardised times the row-standardised lag of standardised y, conditional-permutation z and folded pseudo p, quadrant';
CREATE TYPE @extschema@.join_count_local AS (bb float8, p float8);
COMMENT ON TYPE @extschema@.join_count_local IS 'result of local_join_count: the number of true neighbours of a true row (0 otherwise) and its permutation p';
CREATE FUNCTION @extschema@.local_join_count(x bool, geom geometry, weights text DEFAULT 'queen',
        permutations int DEFAULT 999, seed int DEFAULT 42) RETURNS @extschema@.join_count_local
    AS 'MODULE_PATHNAME', 'zjgov_local_join_count' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.local_join_count(bool, geometry, text, int, int) IS 'window: univariate local join count (as R spdep::local_joincount_uni, binary weights): BB = x_i times the number of true neighbours, conditional-permutation p for true rows with a true neighbour';
CREATE FUNCTION @extschema@.eb_rate_local(events float8, population float8, geom geometry, weights text DEFAULT 'queen')
    RETURNS float8
    AS 'MODULE_PATHNAME', 'zjgov_eb_rate_local' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.eb_rate_local(float8, float8, geometry, text) IS 'window: local empirical Bayes smoothed rate (as R spdep::EBlocal): the rate shrunk toward the rate of the row and its neighbours';

CREATE FUNCTION @extschema@.getis_ord(value float8, geom geometry, weights text, star bool,
        permutations int, seed int DEFAULT 42) RETURNS @extschema@.hotspot
    AS 'MODULE_PATHNAME', 'zjgov_getis_ord_perm' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.getis_ord(float8, geometry, text, bool, int, int) IS 'window: Getis-Ord Gi* or Gi with the analytical z and class (spdep::localG) and p from conditional permutations (folded pseudo p, as spdep::localG_perm; deterministic for a seed)';

-- global aggregates with the state of moran (zjgov.spatialstate): Geary's C and join counts
CREATE TYPE @extschema@.geary_result AS (c float8, expected float8, variance float8, z float8, p float8);
COMMENT ON TYPE @extschema@.geary_result IS 'result of geary: Geary''s C, its expectation 1, variance under randomisation, z = (1 - C)/sd and the upper-tail p (positive autocorrelation)';
CREATE FUNCTION @extschema@._zjgov_geary_final(@extschema@.spatialstate) RETURNS @extschema@.geary_result
    AS 'MODULE_PATHNAME', 'zjgov_geary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_geary_final(@extschema@.spatialstate) IS 'final function of geary: builds the weights graph and computes Geary''s C under randomisation';
CREATE AGGREGATE @extschema@.geary(value float8, geom geometry) (
    SFUNC = @extschema@._zjgov_moran_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_geary_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.geary(float8, geometry) IS 'global Geary''s C (Geary 1954; as R spdep::geary.test under randomisation) with row-standardised queen weights';
CREATE AGGREGATE @extschema@.geary(value float8, geom geometry, weights text) (
    SFUNC = @extschema@._zjgov_moran_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_geary_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.geary(float8, geometry, text) IS 'global Geary''s C (as R spdep::geary.test under randomisation) with row-standardised weights of a weights spec';
CREATE TYPE @extschema@.join_count AS (kind text, joins float8, expected float8, variance float8, z float8);
COMMENT ON TYPE @extschema@.join_count IS 'one kind of join of join_counts: ''a:a'' same colour, ''a:b'' two colours (a before b in severity order), ''total'' all joins of different colours; count, expectation, variance under non-free sampling and z';
CREATE FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, @extschema@.colour, geometry)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', 'zjgov_join_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, @extschema@.colour, geometry) IS 'transition function of join_counts(colour, geom): appends the row (queen weights)';
CREATE FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, @extschema@.colour, geometry, text)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', 'zjgov_join_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, @extschema@.colour, geometry, text) IS 'transition function of join_counts(colour, geom, weights): appends the row';
CREATE FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, bool, geometry)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', 'zjgov_join_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, bool, geometry) IS 'transition function of join_counts(bool, geom): appends the row (queen weights)';
CREATE FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, bool, geometry, text)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', 'zjgov_join_counts_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_join_counts_trans(@extschema@.spatialstate, bool, geometry, text) IS 'transition function of join_counts(bool, geom, weights): appends the row';
CREATE FUNCTION @extschema@._zjgov_join_counts_colour_final(@extschema@.spatialstate) RETURNS @extschema@.join_count[]
    AS 'MODULE_PATHNAME', 'zjgov_join_counts_colour_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_join_counts_colour_final(@extschema@.spatialstate) IS 'final function of join_counts(colour, ...): joins by kind under non-free sampling';
CREATE FUNCTION @extschema@._zjgov_join_counts_bool_final(@extschema@.spatialstate) RETURNS @extschema@.join_count[]
    AS 'MODULE_PATHNAME', 'zjgov_join_counts_bool_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_join_counts_bool_final(@extschema@.spatialstate) IS 'final function of join_counts(bool, ...): true:true, false:false and false:true joins under non-free sampling';
CREATE AGGREGATE @extschema@.join_counts(c @extschema@.colour, geom geometry) (
    SFUNC = @extschema@._zjgov_join_counts_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_join_counts_colour_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.join_counts(@extschema@.colour, geometry) IS 'join count statistics (Cliff & Ord; as R spdep::joincount.multi / joincount.test, non-free sampling) of a colour map with binary queen weights: same-colour, two-colour and total joins with expectation, variance and z';
CREATE AGGREGATE @extschema@.join_counts(c @extschema@.colour, geom geometry, weights text) (
    SFUNC = @extschema@._zjgov_join_counts_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_join_counts_colour_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.join_counts(@extschema@.colour, geometry, text) IS 'join count statistics of a colour map with binary weights of a weights spec';
CREATE AGGREGATE @extschema@.join_counts(b bool, geom geometry) (
    SFUNC = @extschema@._zjgov_join_counts_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_join_counts_bool_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.join_counts(bool, geometry) IS 'join count statistics (BB, WW, BW) of a true/false map with binary queen weights, non-free sampling (as R spdep::joincount.test / joincount.multi)';
CREATE AGGREGATE @extschema@.join_counts(b bool, geom geometry, weights text) (
    SFUNC = @extschema@._zjgov_join_counts_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_join_counts_bool_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.join_counts(bool, geometry, text) IS 'join count statistics of a true/false map with binary weights of a weights spec';

-- ===================================================================== models and scorecards



-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
