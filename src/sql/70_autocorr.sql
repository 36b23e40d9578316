
-- ===================================================================== spatial weights (weights.c)

CREATE FUNCTION @extschema@.neighbours(id bigint, geom geometry, weights text DEFAULT 'queen')
    RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'neighbours' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.neighbours(bigint, geometry, text) IS 'window: the ids of each row''s neighbours in the partition under a weights spec (''queen'', ''rook'', ''queen:SNAP'', ''rook:SNAP'', ''knn:K'', ''distance:D''), ascending; NULL for rows with a NULL id or a NULL or empty geometry';

-- ===================================================================== autocorrelation (autocorr.c)

CREATE TYPE @extschema@.lisa AS (ii float8, z float8, p float8, quadrant text);
COMMENT ON TYPE @extschema@.lisa IS 'local Moran result: statistic Ii, permutation z, pseudo p-value, quadrant HH LL HL LH';
CREATE TYPE @extschema@.hotspot AS (z float8, p float8, class text);
COMMENT ON TYPE @extschema@.hotspot IS 'Getis-Ord result: z (Gi* or Gi), two-sided normal p, class hot99 hot95 hot90 ns cold90 cold95 cold99';
CREATE TYPE @extschema@.moran_result AS (i float8, expected float8, variance float8, z float8, p float8);
COMMENT ON TYPE @extschema@.moran_result IS 'global Moran''s I under randomisation: I, E[I], Var[I], z and one-sided (greater) p';

CREATE FUNCTION @extschema@.local_moran(value float8, geom geometry, weights text DEFAULT 'queen',
        permutations int DEFAULT 999, seed int DEFAULT 42)
    RETURNS @extschema@.lisa
    AS 'MODULE_PATHNAME', 'local_moran' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.local_moran(float8, geometry, text, int, int) IS 'window: local Moran''s I (LISA) of each row over the partition with row-standardised weights, conditional-permutation z and pseudo p (deterministic for a seed), quadrant';

CREATE FUNCTION @extschema@.getis_ord(value float8, geom geometry, weights text DEFAULT 'queen',
        star bool DEFAULT true)
    RETURNS @extschema@.hotspot
    AS 'MODULE_PATHNAME', 'getis_ord' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.getis_ord(float8, geometry, text, bool) IS 'window: Getis-Ord Gi* (star, the row counts itself) or Gi z-score with binary weights, two-sided p and hot/cold class';

CREATE FUNCTION @extschema@.spatial_lag(value float8, geom geometry, weights text DEFAULT 'queen')
    RETURNS float8
    AS 'MODULE_PATHNAME', 'spatial_lag' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.spatial_lag(float8, geometry, text) IS 'window: the mean of the neighbours'' values (row-standardised spatial lag); NULL without neighbours';

CREATE FUNCTION @extschema@.eb_rate(events float8, population float8)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'eb_rate' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.eb_rate(float8, float8) IS 'window: global empirical Bayes smoothed rate events/population over the partition (Marshall 1991, as R spdep EBest)';

CREATE FUNCTION @extschema@.p_adjust(p float8, method text DEFAULT 'fdr')
    RETURNS float8
    AS 'MODULE_PATHNAME', 'p_adjust' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.p_adjust(float8, text) IS 'window: p-values adjusted for multiple testing over the partition: fdr (Benjamini-Hochberg), bonferroni or holm (as R p.adjust)';

-- zjgov.spatialstate: the rows of the moran aggregate (value + EWKB each), exact text form
CREATE TYPE @extschema@.spatialstate;
CREATE FUNCTION @extschema@.spatialstate_in(cstring) RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', 'spatialstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spatialstate_out(@extschema@.spatialstate) RETURNS cstring
    AS 'MODULE_PATHNAME', 'spatialstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spatialstate_recv(internal) RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', 'spatialstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spatialstate_send(@extschema@.spatialstate) RETURNS bytea
    AS 'MODULE_PATHNAME', 'spatialstate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.spatialstate (
    INPUT = @extschema@.spatialstate_in, OUTPUT = @extschema@.spatialstate_out,
    RECEIVE = @extschema@.spatialstate_recv, SEND = @extschema@.spatialstate_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended);
COMMENT ON TYPE @extschema@.spatialstate IS 'transition state of spatial aggregates (moran): the weights spec and every row''s value and EWKB; exact, versioned text form v1|weights|n|value,hexEWKB;...';
COMMENT ON FUNCTION @extschema@.spatialstate_in(cstring) IS 'text input of spatialstate';
COMMENT ON FUNCTION @extschema@.spatialstate_out(@extschema@.spatialstate) IS 'text output of spatialstate (exact: hexadecimal floats and hex EWKB)';
COMMENT ON FUNCTION @extschema@.spatialstate_recv(internal) IS 'binary input of spatialstate';
COMMENT ON FUNCTION @extschema@.spatialstate_send(@extschema@.spatialstate) IS 'binary output of spatialstate';

CREATE FUNCTION @extschema@._zjgov_moran_trans(@extschema@.spatialstate, float8, geometry)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', '_zjgov_moran_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_moran_trans(@extschema@.spatialstate, float8, geometry, text)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', '_zjgov_moran_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_moran_combine(@extschema@.spatialstate, @extschema@.spatialstate)
    RETURNS @extschema@.spatialstate
    AS 'MODULE_PATHNAME', '_zjgov_moran_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_moran_final(@extschema@.spatialstate)
    RETURNS @extschema@.moran_result
    AS 'MODULE_PATHNAME', '_zjgov_moran_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_moran_trans(@extschema@.spatialstate, float8, geometry) IS 'transition function of moran(value, geom): appends the row (queen weights)';
COMMENT ON FUNCTION @extschema@._zjgov_moran_trans(@extschema@.spatialstate, float8, geometry, text) IS 'transition function of moran(value, geom, weights): appends the row';
COMMENT ON FUNCTION @extschema@._zjgov_moran_combine(@extschema@.spatialstate, @extschema@.spatialstate) IS 'combine function of moran: concatenates two partial states';
COMMENT ON FUNCTION @extschema@._zjgov_moran_final(@extschema@.spatialstate) IS 'final function of moran: builds the weights graph and computes I, E[I], Var[I], z, p';

CREATE AGGREGATE @extschema@.moran(value float8, geom geometry) (
    SFUNC = @extschema@._zjgov_moran_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_moran_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.moran(value float8, geom geometry, weights text) (
    SFUNC = @extschema@._zjgov_moran_trans, STYPE = @extschema@.spatialstate,
    COMBINEFUNC = @extschema@._zjgov_moran_combine, FINALFUNC = @extschema@._zjgov_moran_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.moran(float8, geometry) IS 'global Moran''s I with queen row-standardised weights, under randomisation (as R spdep moran.test)';
COMMENT ON AGGREGATE @extschema@.moran(float8, geometry, text) IS 'global Moran''s I with the given weights spec, row-standardised, under randomisation (as R spdep moran.test)';
