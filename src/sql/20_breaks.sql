
-- ===================================================================== breaks (breaks.c)
-- Class breaks aggregates.  Their state is zjgov.aggstate (not internal) and they all have a
-- combine function, so parallel query and Citus can split them.  The _zjgov_*_state aggregates
-- return the raw state and the _zjgov_*_final functions finish one: together they let a state be
-- shipped as text and finished elsewhere (and they are how the tests check that round trip).

CREATE FUNCTION @extschema@._zjgov_breaks_sfunc(@extschema@.aggstate, float8, int)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_breaks_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_breaks_sfunc(@extschema@.aggstate, float8, int) IS 'transition function of jenks_breaks and quantile_breaks: collects the values (k fixed for the group)';
CREATE FUNCTION @extschema@._zjgov_headtail_sfunc(@extschema@.aggstate, float8, int)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_headtail_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_headtail_sfunc(@extschema@.aggstate, float8, int) IS 'transition function of headtail_breaks: collects the values (max_k fixed for the group)';
CREATE FUNCTION @extschema@._zjgov_equal_sfunc(@extschema@.aggstate, float8, int)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_equal_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_equal_sfunc(@extschema@.aggstate, float8, int) IS 'transition function of equal_breaks: count, minimum and maximum';
CREATE FUNCTION @extschema@._zjgov_gvf_sfunc(@extschema@.aggstate, float8, float8[])
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_gvf_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_gvf_sfunc(@extschema@.aggstate, float8, float8[]) IS 'transition function of gvf: count, sum and sum of squared deviations of every class (thresholds fixed for the group)';
CREATE FUNCTION @extschema@._zjgov_breaks_combine(@extschema@.aggstate, @extschema@.aggstate)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_breaks_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_breaks_combine(@extschema@.aggstate, @extschema@.aggstate) IS 'combine function of the class breaks aggregates (merges two partial states of the same kind)';

CREATE FUNCTION @extschema@._zjgov_jenks_final(@extschema@.aggstate) RETURNS float8[]
    AS 'MODULE_PATHNAME', '_zjgov_jenks_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_jenks_final(@extschema@.aggstate) IS 'final function of jenks_breaks: exact Fisher optimum of the collected values';
CREATE FUNCTION @extschema@._zjgov_quantile_final(@extschema@.aggstate) RETURNS float8[]
    AS 'MODULE_PATHNAME', '_zjgov_quantile_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_quantile_final(@extschema@.aggstate) IS 'final function of quantile_breaks: percentile_cont(i/k) of the collected values';
CREATE FUNCTION @extschema@._zjgov_headtail_final(@extschema@.aggstate) RETURNS float8[]
    AS 'MODULE_PATHNAME', '_zjgov_headtail_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_headtail_final(@extschema@.aggstate) IS 'final function of headtail_breaks: head/tail breaks of the collected values';
CREATE FUNCTION @extschema@._zjgov_equal_final(@extschema@.aggstate) RETURNS float8[]
    AS 'MODULE_PATHNAME', '_zjgov_equal_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_equal_final(@extschema@.aggstate) IS 'final function of equal_breaks: min + i (max - min) / k';
CREATE FUNCTION @extschema@._zjgov_gvf_final(@extschema@.aggstate) RETURNS float8
    AS 'MODULE_PATHNAME', '_zjgov_gvf_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_gvf_final(@extschema@.aggstate) IS 'final function of gvf: 1 - SDCM/SDAM';

CREATE AGGREGATE @extschema@.jenks_breaks(value float8, k int) (
    SFUNC = @extschema@._zjgov_breaks_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine,
    FINALFUNC = @extschema@._zjgov_jenks_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.jenks_breaks(float8, int) IS 'exact optimal natural breaks (Fisher-Jenks: least within-class sum of squares) into k classes: k-1 ascending thresholds, each the first value of its class; fewer when there are fewer distinct values';
CREATE AGGREGATE @extschema@.quantile_breaks(value float8, k int) (
    SFUNC = @extschema@._zjgov_breaks_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine,
    FINALFUNC = @extschema@._zjgov_quantile_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.quantile_breaks(float8, int) IS 'quantile class breaks: threshold i = percentile_cont(i/k), i = 1..k-1, equal ones collapsed';
CREATE AGGREGATE @extschema@.equal_breaks(value float8, k int) (
    SFUNC = @extschema@._zjgov_equal_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine,
    FINALFUNC = @extschema@._zjgov_equal_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.equal_breaks(float8, int) IS 'equal-interval class breaks: min + i (max - min) / k, i = 1..k-1';
CREATE FUNCTION @extschema@._zjgov_headtail_sfunc(@extschema@.aggstate, float8)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_headtail_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_headtail_sfunc(@extschema@.aggstate, float8) IS 'transition function of headtail_breaks(value): collects the values (max_k = 10)';
-- Aggregates take no DEFAULT arguments: headtail_breaks(value) is its own aggregate with max_k 10.
CREATE AGGREGATE @extschema@.headtail_breaks(value float8) (
    SFUNC = @extschema@._zjgov_headtail_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine,
    FINALFUNC = @extschema@._zjgov_headtail_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.headtail_breaks(float8) IS 'head/tail breaks (Jiang 2013) with at most 10 classes: headtail_breaks(value, 10)';
CREATE AGGREGATE @extschema@.headtail_breaks(value float8, max_k int) (
    SFUNC = @extschema@._zjgov_headtail_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine,
    FINALFUNC = @extschema@._zjgov_headtail_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.headtail_breaks(float8, int) IS 'head/tail breaks (Jiang 2013): the mean of the head, recursively while the head holds at most 40 % of the values, for at most max_k classes';
CREATE AGGREGATE @extschema@.gvf(value float8, thresholds float8[]) (
    SFUNC = @extschema@._zjgov_gvf_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine,
    FINALFUNC = @extschema@._zjgov_gvf_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gvf(float8, float8[]) IS 'goodness of variance fit of a classification by lower-inclusive thresholds: 1 - SDCM/SDAM (NULL when all values are equal)';

CREATE AGGREGATE @extschema@._zjgov_breaks_state(float8, int) (
    SFUNC = @extschema@._zjgov_breaks_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@._zjgov_breaks_state(float8, int) IS 'the state of jenks_breaks/quantile_breaks(value, k) before its final function (for shipping and tests)';
CREATE AGGREGATE @extschema@._zjgov_headtail_state(float8, int) (
    SFUNC = @extschema@._zjgov_headtail_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@._zjgov_headtail_state(float8, int) IS 'the state of headtail_breaks(value, max_k) before its final function (for shipping and tests)';
CREATE AGGREGATE @extschema@._zjgov_equal_state(float8, int) (
    SFUNC = @extschema@._zjgov_equal_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@._zjgov_equal_state(float8, int) IS 'the state of equal_breaks(value, k) before its final function (for shipping and tests)';
CREATE AGGREGATE @extschema@._zjgov_gvf_state(float8, float8[]) (
    SFUNC = @extschema@._zjgov_gvf_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_breaks_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@._zjgov_gvf_state(float8, float8[]) IS 'the state of gvf(value, thresholds) before its final function (for shipping and tests)';
