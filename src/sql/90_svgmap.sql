
-- ===================================================================== svg_map (svgmap.c)

-- The state of svg_map: (fill, label, EWKB) records in input order; exact hexadecimal text form.
CREATE TYPE @extschema@.svgmap_state;
CREATE FUNCTION @extschema@.svgmap_state_in(cstring) RETURNS @extschema@.svgmap_state
    AS 'MODULE_PATHNAME', 'svgmap_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.svgmap_state_out(@extschema@.svgmap_state) RETURNS cstring
    AS 'MODULE_PATHNAME', 'svgmap_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.svgmap_state_recv(internal) RETURNS @extschema@.svgmap_state
    AS 'MODULE_PATHNAME', 'svgmap_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.svgmap_state_send(@extschema@.svgmap_state) RETURNS bytea
    AS 'MODULE_PATHNAME', 'svgmap_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.svgmap_state (
    INPUT = @extschema@.svgmap_state_in, OUTPUT = @extschema@.svgmap_state_out,
    RECEIVE = @extschema@.svgmap_state_recv, SEND = @extschema@.svgmap_state_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = extended);
COMMENT ON TYPE @extschema@.svgmap_state IS 'transition state of svg_map: the (fill, label, EWKB) records of the rows so far; exact, versioned text form (v1:<rows>:<hexadecimal records>) so parallel query and Citus can ship it';
COMMENT ON FUNCTION @extschema@.svgmap_state_in(cstring) IS 'text input of svgmap_state (validated)';
COMMENT ON FUNCTION @extschema@.svgmap_state_out(@extschema@.svgmap_state) IS 'text output of svgmap_state (exact)';
COMMENT ON FUNCTION @extschema@.svgmap_state_recv(internal) IS 'binary input of svgmap_state (validated)';
COMMENT ON FUNCTION @extschema@.svgmap_state_send(@extschema@.svgmap_state) IS 'binary output of svgmap_state';

CREATE FUNCTION @extschema@._zjgov_svg_map_accum(@extschema@.svgmap_state, geometry, @extschema@.colour, text)
    RETURNS @extschema@.svgmap_state
    AS 'MODULE_PATHNAME', 'svg_map_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_svg_map_accum(@extschema@.svgmap_state, geometry, @extschema@.colour)
    RETURNS @extschema@.svgmap_state
    AS 'MODULE_PATHNAME', 'svg_map_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_svg_map_combine(@extschema@.svgmap_state, @extschema@.svgmap_state)
    RETURNS @extschema@.svgmap_state
    AS 'MODULE_PATHNAME', 'svg_map_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_svg_map_final(@extschema@.svgmap_state) RETURNS text
    AS 'MODULE_PATHNAME', 'svg_map_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_svg_map_accum(@extschema@.svgmap_state, geometry, @extschema@.colour, text) IS 'svg_map transition: appends the row''s (fill, label, EWKB) record; rows without geometry or fill are skipped';
COMMENT ON FUNCTION @extschema@._zjgov_svg_map_accum(@extschema@.svgmap_state, geometry, @extschema@.colour) IS 'svg_map transition without a label';
COMMENT ON FUNCTION @extschema@._zjgov_svg_map_combine(@extschema@.svgmap_state, @extschema@.svgmap_state) IS 'svg_map combine: concatenates two partial states';
COMMENT ON FUNCTION @extschema@._zjgov_svg_map_final(@extschema@.svgmap_state) IS 'svg_map final: draws the SVG document';

CREATE AGGREGATE @extschema@.svg_map(geom geometry, fill @extschema@.colour, label text) (
    SFUNC = @extschema@._zjgov_svg_map_accum, STYPE = @extschema@.svgmap_state,
    COMBINEFUNC = @extschema@._zjgov_svg_map_combine, FINALFUNC = @extschema@._zjgov_svg_map_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.svg_map(geom geometry, fill @extschema@.colour) (
    SFUNC = @extschema@._zjgov_svg_map_accum, STYPE = @extschema@.svgmap_state,
    COMBINEFUNC = @extschema@._zjgov_svg_map_combine, FINALFUNC = @extschema@._zjgov_svg_map_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.svg_map(geometry, @extschema@.colour, text) IS 'a standalone SVG choropleth: one path per row filled with colour_hex(fill), labels at a point on the surface, a legend of the colours present with counts; viewBox fitted to the data, y up';
COMMENT ON AGGREGATE @extschema@.svg_map(geometry, @extschema@.colour) IS 'svg_map without labels';
