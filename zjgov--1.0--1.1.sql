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
-- A track is a LINESTRING M whose M values are the fixes' times in seconds since 1970-01-01 UTC.
CREATE FUNCTION @extschema@.tier_crossings(track geometry, target geometry,
        bands float8[] DEFAULT ARRAY[5556, 37040]::float8[],
        OUT at timestamptz, OUT from_tier int, OUT to_tier int, OUT point geometry)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'zjgov_tier_crossings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 5000 ROWS 4;
COMMENT ON FUNCTION @extschema@.tier_crossings(geometry, geometry, float8[]) IS 'every change of zone() tier along a track (LINESTRING M, M = epoch seconds), in time order: the crossing point on the band edge or target boundary and its time interpolated along the segment; metres on the ellipsoid for longitude/latitude SRIDs; default bands 3 nm and 20 nm (sea_tier)';

CREATE FUNCTION @extschema@.tier_dwell(track geometry, target geometry,
        bands float8[] DEFAULT ARRAY[5556, 37040]::float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'zjgov_tier_dwell' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@.tier_dwell(geometry, geometry, float8[]) IS 'seconds a track (LINESTRING M, M = epoch seconds) spends in each zone() tier 0..k+1, interpolated along its segments; the elements sum to its duration';

CREATE FUNCTION @extschema@.track_gaps(track geometry, min_gap interval,
        OUT from_at timestamptz, OUT to_at timestamptz, OUT duration interval,
        OUT from_point geometry, OUT to_point geometry, OUT metres float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'zjgov_track_gaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250 ROWS 2;
COMMENT ON FUNCTION @extschema@.track_gaps(geometry, interval) IS 'AIS silences: consecutive fixes of a track (LINESTRING M, M = epoch seconds) at least min_gap apart, with the distance between them (metres on the ellipsoid for longitude/latitude SRIDs)';

CREATE FUNCTION @extschema@.track_speeds(track geometry,
        OUT from_at timestamptz, OUT to_at timestamptz, OUT knots float8, OUT course float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'zjgov_track_speeds' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250 ROWS 100;
COMMENT ON FUNCTION @extschema@.track_speeds(geometry) IS 'speed over ground of each segment of a track (LINESTRING M, M = epoch seconds) in knots and its course, the initial geodesic bearing in degrees clockwise from north (grid bearing for projected SRIDs; NULL when standing still)';

CREATE FUNCTION @extschema@.speeding(track geometry, zone geometry, max_knots float8,
        OUT from_at timestamptz, OUT to_at timestamptz, OUT max_knots float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'zjgov_speeding' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 5000 ROWS 2;
COMMENT ON FUNCTION @extschema@.speeding(geometry, geometry, float8) IS 'stretches of a track (LINESTRING M, M = epoch seconds) inside a polygonal zone at more than max_knots, with the highest speed reached in each; entry and exit interpolated along the segments';


-- zjgov.trackstate: the fixes of the tier_dwell aggregate (time, x, y) with its target (EWKB) and
-- bands; exact text form (hexadecimal bytes), binary send/recv
CREATE TYPE @extschema@.trackstate;
CREATE FUNCTION @extschema@.trackstate_in(cstring) RETURNS @extschema@.trackstate
    AS 'MODULE_PATHNAME', 'zjgov_trackstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trackstate_out(@extschema@.trackstate) RETURNS cstring
    AS 'MODULE_PATHNAME', 'zjgov_trackstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trackstate_recv(internal) RETURNS @extschema@.trackstate
    AS 'MODULE_PATHNAME', 'zjgov_trackstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trackstate_send(@extschema@.trackstate) RETURNS bytea
    AS 'MODULE_PATHNAME', 'zjgov_trackstate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.trackstate (
    INPUT = @extschema@.trackstate_in, OUTPUT = @extschema@.trackstate_out,
    RECEIVE = @extschema@.trackstate_recv, SEND = @extschema@.trackstate_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended);
COMMENT ON TYPE @extschema@.trackstate IS 'state of the tier_dwell aggregate: one vessel''s fixes (epoch seconds, x, y) with the target and bands; text form the exact hexadecimal bytes';
COMMENT ON FUNCTION @extschema@.trackstate_in(cstring) IS 'input function of type trackstate (hexadecimal bytes, validated)';
COMMENT ON FUNCTION @extschema@.trackstate_out(@extschema@.trackstate) IS 'output function of type trackstate (hexadecimal bytes)';
COMMENT ON FUNCTION @extschema@.trackstate_recv(internal) IS 'binary input function of type trackstate (validated)';
COMMENT ON FUNCTION @extschema@.trackstate_send(@extschema@.trackstate) IS 'binary output function of type trackstate';

CREATE FUNCTION @extschema@._zjgov_tier_dwell_accum(@extschema@.trackstate, timestamptz, geometry, geometry, float8[])
    RETURNS @extschema@.trackstate
    AS 'MODULE_PATHNAME', 'zjgov_tier_dwell_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_tier_dwell_accum(@extschema@.trackstate, timestamptz, geometry, geometry, float8[]) IS 'private: transition function of the tier_dwell aggregate';
CREATE FUNCTION @extschema@._zjgov_tier_dwell_combine(@extschema@.trackstate, @extschema@.trackstate)
    RETURNS @extschema@.trackstate
    AS 'MODULE_PATHNAME', 'zjgov_tier_dwell_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_tier_dwell_combine(@extschema@.trackstate, @extschema@.trackstate) IS 'private: combine function of the tier_dwell aggregate (parallel query, Citus)';
CREATE FUNCTION @extschema@._zjgov_tier_dwell_final(@extschema@.trackstate, timestamptz, geometry, geometry, float8[])
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'zjgov_tier_dwell_final' LANGUAGE C IMMUTABLE PARALLEL SAFE COST 5000;
COMMENT ON FUNCTION @extschema@._zjgov_tier_dwell_final(@extschema@.trackstate, timestamptz, geometry, geometry, float8[]) IS 'private: final function of the tier_dwell aggregate: sorts the fixes by time and measures the dwell';

CREATE AGGREGATE @extschema@.tier_dwell(ts timestamptz, geom geometry, target geometry, bands float8[]) (
    SFUNC = @extschema@._zjgov_tier_dwell_accum, STYPE = @extschema@.trackstate,
    COMBINEFUNC = @extschema@._zjgov_tier_dwell_combine,
    FINALFUNC = @extschema@._zjgov_tier_dwell_final, FINALFUNC_EXTRA, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.tier_dwell(timestamptz, geometry, geometry, float8[]) IS 'seconds one vessel spends in each zone() tier 0..k+1, from its fixes (ts, point) in any order: the track through them in time order, interpolated along its segments; target and bands the same on every row';


-- ===================================================================== regions and local statistics



-- ===================================================================== models and scorecards



-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
