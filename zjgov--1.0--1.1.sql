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



-- ===================================================================== models and scorecards



-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
