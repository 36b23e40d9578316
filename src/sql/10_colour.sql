
-- ===================================================================== colour (colour.c, ordinal.c)

CREATE TYPE @extschema@.colour;
CREATE FUNCTION @extschema@.colour_in(cstring) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'colour_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_out(@extschema@.colour) RETURNS cstring
    AS 'MODULE_PATHNAME', 'colour_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_recv(internal) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'colour_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_send(@extschema@.colour) RETURNS bytea
    AS 'MODULE_PATHNAME', 'colour_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.colour (
    INPUT = @extschema@.colour_in, OUTPUT = @extschema@.colour_out,
    RECEIVE = @extschema@.colour_recv, SEND = @extschema@.colour_send,
    INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain);
COMMENT ON TYPE @extschema@.colour IS 'warning colour, ordered by severity: green < blue < yellow < orange < red; input in English or Chinese (红 黄 绿 …)';
COMMENT ON FUNCTION @extschema@.colour_in(cstring) IS 'text input of colour: green blue yellow orange red, or 绿 蓝 黄 橙 红 with or without 色';
COMMENT ON FUNCTION @extschema@.colour_out(@extschema@.colour) IS 'text output of colour (English, lower case)';
COMMENT ON FUNCTION @extschema@.colour_recv(internal) IS 'binary input of colour (one byte, validated)';
COMMENT ON FUNCTION @extschema@.colour_send(@extschema@.colour) IS 'binary output of colour (one byte: the severity rank)';

CREATE FUNCTION @extschema@.colour_lt(@extschema@.colour, @extschema@.colour) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_le(@extschema@.colour, @extschema@.colour) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_eq(@extschema@.colour, @extschema@.colour) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_ne(@extschema@.colour, @extschema@.colour) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_ge(@extschema@.colour, @extschema@.colour) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_gt(@extschema@.colour, @extschema@.colour) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_cmp(@extschema@.colour, @extschema@.colour) RETURNS int
    AS 'MODULE_PATHNAME', 'ordinal_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'ordinal_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_hash(@extschema@.colour) RETURNS int
    AS 'MODULE_PATHNAME', 'ordinal_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_hash_extended(@extschema@.colour, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ordinal_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.colour_larger(@extschema@.colour, @extschema@.colour) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'ordinal_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_smaller(@extschema@.colour, @extschema@.colour) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'ordinal_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.colour_lt(@extschema@.colour, @extschema@.colour) IS 'implementation of < for colour';
COMMENT ON FUNCTION @extschema@.colour_le(@extschema@.colour, @extschema@.colour) IS 'implementation of <= for colour';
COMMENT ON FUNCTION @extschema@.colour_eq(@extschema@.colour, @extschema@.colour) IS 'implementation of = for colour';
COMMENT ON FUNCTION @extschema@.colour_ne(@extschema@.colour, @extschema@.colour) IS 'implementation of <> for colour';
COMMENT ON FUNCTION @extschema@.colour_ge(@extschema@.colour, @extschema@.colour) IS 'implementation of >= for colour';
COMMENT ON FUNCTION @extschema@.colour_gt(@extschema@.colour, @extschema@.colour) IS 'implementation of > for colour';
COMMENT ON FUNCTION @extschema@.colour_cmp(@extschema@.colour, @extschema@.colour) IS 'btree comparison of colours by severity';
COMMENT ON FUNCTION @extschema@.colour_sortsupport(internal) IS 'btree sort support for colour';
COMMENT ON FUNCTION @extschema@.colour_hash(@extschema@.colour) IS 'hash of a colour';
COMMENT ON FUNCTION @extschema@.colour_hash_extended(@extschema@.colour, bigint) IS 'seeded 64-bit hash of a colour';
COMMENT ON FUNCTION @extschema@.colour_larger(@extschema@.colour, @extschema@.colour) IS 'the worse of two colours';
COMMENT ON FUNCTION @extschema@.colour_smaller(@extschema@.colour, @extschema@.colour) IS 'the milder of two colours';

CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.colour, RIGHTARG = @extschema@.colour,
    PROCEDURE = @extschema@.colour_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.colour, RIGHTARG = @extschema@.colour,
    PROCEDURE = @extschema@.colour_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.colour, RIGHTARG = @extschema@.colour,
    PROCEDURE = @extschema@.colour_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.colour, RIGHTARG = @extschema@.colour,
    PROCEDURE = @extschema@.colour_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.colour, RIGHTARG = @extschema@.colour,
    PROCEDURE = @extschema@.colour_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.colour, RIGHTARG = @extschema@.colour,
    PROCEDURE = @extschema@.colour_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);

CREATE OPERATOR CLASS @extschema@.colour_ops DEFAULT FOR TYPE @extschema@.colour USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.colour_cmp(@extschema@.colour, @extschema@.colour),
    FUNCTION 2 @extschema@.colour_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.colour_hash_ops DEFAULT FOR TYPE @extschema@.colour USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.colour_hash(@extschema@.colour),
    FUNCTION 2 @extschema@.colour_hash_extended(@extschema@.colour, bigint);

CREATE AGGREGATE @extschema@.max(@extschema@.colour) (
    SFUNC = @extschema@.colour_larger, STYPE = @extschema@.colour,
    COMBINEFUNC = @extschema@.colour_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.min(@extschema@.colour) (
    SFUNC = @extschema@.colour_smaller, STYPE = @extschema@.colour,
    COMBINEFUNC = @extschema@.colour_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.max(@extschema@.colour) IS 'the worst colour of the group';
COMMENT ON AGGREGATE @extschema@.min(@extschema@.colour) IS 'the mildest colour of the group';

CREATE FUNCTION @extschema@.colour_zh(@extschema@.colour) RETURNS text
    AS 'MODULE_PATHNAME', 'colour_zh' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.colour_zh(@extschema@.colour) IS 'Chinese name of a colour: 红色 橙色 黄色 蓝色 绿色';
CREATE FUNCTION @extschema@.colour_hex(@extschema@.colour) RETURNS text
    AS 'MODULE_PATHNAME', 'colour_hex' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.colour_hex(@extschema@.colour) IS 'map colour #RRGGBB of a colour (red #D7191C, orange #F46D43, yellow #FDD835, blue #2B83BA, green #1A9641)';
CREATE FUNCTION @extschema@.warning_level(@extschema@.colour) RETURNS text
    AS 'MODULE_PATHNAME', 'warning_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.warning_level(@extschema@.colour) IS 'national warning level: red I, orange II, yellow III, blue IV, green NULL';

CREATE FUNCTION @extschema@.classify(value float8, thresholds float8[]) RETURNS int
    AS 'MODULE_PATHNAME', 'classify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify(float8, float8[]) IS 'class 1..k of value among k-1 ascending lower-inclusive thresholds (as width_bucket)';
CREATE FUNCTION @extschema@.colour_of(value float8, thresholds float8[],
        palette @extschema@.colour[] DEFAULT NULL, higher_is_worse bool DEFAULT true)
    RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'colour_of' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.colour_of(float8, float8[], @extschema@.colour[], bool) IS 'colour of value''s class among ascending lower-inclusive thresholds; palette mildest first (default by k: 2 green,red; 3 green,yellow,red; 4 blue,yellow,orange,red; 5 green,blue,yellow,orange,red); higher_is_worse = false makes the lowest class the worst';
CREATE FUNCTION @extschema@.three_colour(value float8, yellow_at float8, red_at float8)
    RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'three_colour' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.three_colour(float8, float8, float8) IS '红黄绿 warning: yellow_at < red_at: red from red_at, yellow from yellow_at, else green; yellow_at > red_at: the mirror (low values are bad)';

-- warning rules (SPEC.md)
CREATE FUNCTION @extschema@.overdue_colour(deadline timestamptz, as_of timestamptz,
        yellow_after interval DEFAULT '0', red_after interval DEFAULT '3 days')
    RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'overdue_colour' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.overdue_colour(timestamptz, timestamptz, interval, interval) IS '三色督办: green before deadline + yellow_after, yellow from then, red from deadline + red_after (intervals may be negative; red_after < yellow_after is an error)';
CREATE FUNCTION @extschema@.risk_colour(likelihood int, severity int) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'risk_colour' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.risk_colour(int, int) IS '5x5 risk matrix (four-colour safety zoning), R = likelihood x severity, both 1..5: red R >= 20, orange R >= 15, yellow R >= 9, else blue';
CREATE FUNCTION @extschema@.lec_colour(l float8, e float8, c float8) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'lec_colour' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.lec_colour(float8, float8, float8) IS 'LEC method (作业条件危险性评价), D = L x E x C, all positive: red D > 320, orange 160 < D <= 320, yellow 70 < D <= 160, blue 20 < D <= 70, green D <= 20';
