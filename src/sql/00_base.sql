-- zjgov install script, assembled by the Makefile from src/sql/*.sql, one section per room.
\echo Use "CREATE EXTENSION zjgov CASCADE" to load this file. \quit

-- ===================================================================== base

CREATE FUNCTION @extschema@.version() RETURNS text
    AS 'MODULE_PATHNAME', 'version' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.version() IS 'zjgov library version';

-- zjgov.aggstate: the state of aggregates whose state grows with their input (aggstate.c).
CREATE TYPE @extschema@.aggstate;
CREATE FUNCTION @extschema@.aggstate_in(cstring) RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'aggstate_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.aggstate_out(@extschema@.aggstate) RETURNS cstring
    AS 'MODULE_PATHNAME', 'aggstate_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.aggstate_recv(internal) RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'aggstate_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.aggstate_send(@extschema@.aggstate) RETURNS bytea
    AS 'MODULE_PATHNAME', 'aggstate_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.aggstate (
    INPUT = @extschema@.aggstate_in, OUTPUT = @extschema@.aggstate_out,
    RECEIVE = @extschema@.aggstate_recv, SEND = @extschema@.aggstate_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended);
COMMENT ON TYPE @extschema@.aggstate IS 'transition state of zjgov aggregates whose state grows with the input; exact, versioned text form (hexadecimal floats) so parallel query and Citus can ship it';
COMMENT ON FUNCTION @extschema@.aggstate_in(cstring) IS 'text input of aggstate';
COMMENT ON FUNCTION @extschema@.aggstate_out(@extschema@.aggstate) IS 'text output of aggstate (exact)';
COMMENT ON FUNCTION @extschema@.aggstate_recv(internal) IS 'binary input of aggstate';
COMMENT ON FUNCTION @extschema@.aggstate_send(@extschema@.aggstate) IS 'binary output of aggstate';
