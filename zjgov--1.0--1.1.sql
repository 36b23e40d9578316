-- zjgov 1.0 -> 1.1 update script.  A fresh 1.1 install runs zjgov--1.0.sql and then this file
-- (PostgreSQL chains them: CREATE EXTENSION zjgov finds the path 1.0 -> 1.1), so every object new
-- or changed in 1.1 is written exactly once, here.  One section per area, in this order; each
-- section appends its objects at its own end.  Qualify everything (@extschema@., pg_catalog.).
\echo Use "ALTER EXTENSION zjgov UPDATE TO '1.1'" to load this file. \quit

-- ===================================================================== house: names, states, caches



-- ===================================================================== scale-out: states, catalogs



-- ===================================================================== time: trends, space-time hot spots, alarms
-- Trend test (trend.c, kendall.c): the aggregate mann_kendall over (value, t) pairs.  Its state is
-- zjgov.aggstate (one (t, value) record a row) with a combine function, so parallel query and Citus
-- can split it.

CREATE TYPE @extschema@.trend AS (
    n bigint, s float8, var_s float8, z float8, p float8, tau float8, slope float8, intercept float8);
COMMENT ON TYPE @extschema@.trend IS 'result of mann_kendall: n points, Mann-Kendall S, its variance with the tie correction, z (continuity-corrected), two-sided p, Kendall tau, Sen''s slope per unit of t (per day for timestamps) and intercept median(x) - slope * median(t); z .. intercept NULL for fewer than 3 points';

CREATE FUNCTION @extschema@._zjgov_mann_kendall_sfunc(@extschema@.aggstate, float8, float8)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_mann_kendall_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_mann_kendall_sfunc(@extschema@.aggstate, float8, float8) IS 'transition function of mann_kendall(value, t float8): collects (t, value); rows with a NULL are skipped';
CREATE FUNCTION @extschema@._zjgov_mann_kendall_tz_sfunc(@extschema@.aggstate, float8, timestamptz)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_mann_kendall_tz_sfunc' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_mann_kendall_tz_sfunc(@extschema@.aggstate, float8, timestamptz) IS 'transition function of mann_kendall(value, t timestamptz): collects (days since 1970-01-01 UTC, value); rows with a NULL are skipped';
CREATE FUNCTION @extschema@._zjgov_mann_kendall_combine(@extschema@.aggstate, @extschema@.aggstate)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_mann_kendall_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_mann_kendall_combine(@extschema@.aggstate, @extschema@.aggstate) IS 'combine function of mann_kendall (concatenates two partial states)';
CREATE FUNCTION @extschema@._zjgov_mann_kendall_final(@extschema@.aggstate) RETURNS @extschema@.trend
    AS 'MODULE_PATHNAME', 'zjgov_mann_kendall_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_mann_kendall_final(@extschema@.aggstate) IS 'final function of mann_kendall: the Mann-Kendall test (S by inversion counting) and the exact Sen''s slope (slope selection), O(n log n)';

CREATE AGGREGATE @extschema@.mann_kendall(value float8, t float8) (
    SFUNC = @extschema@._zjgov_mann_kendall_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_mann_kendall_combine,
    FINALFUNC = @extschema@._zjgov_mann_kendall_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.mann_kendall(float8, float8) IS 'Mann-Kendall trend test with the tie correction and Sen''s slope per unit of t (t distinct within a group); rows with a NULL are skipped';
CREATE AGGREGATE @extschema@.mann_kendall(value float8, t timestamptz) (
    SFUNC = @extschema@._zjgov_mann_kendall_tz_sfunc, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_mann_kendall_combine,
    FINALFUNC = @extschema@._zjgov_mann_kendall_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.mann_kendall(float8, timestamptz) IS 'Mann-Kendall trend test with the tie correction and Sen''s slope per day (t distinct within a group); rows with a NULL are skipped';



-- ===================================================================== rules: warning rules, escalation, working days, draws



-- ===================================================================== tracks



-- ===================================================================== regions and local statistics



-- ===================================================================== models and scorecards



-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
