-- zjgov 1.0 install script: one section per room of src/ (DESIGN.md), in that order.
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

-- ===================================================================== colour (colour.c, ordinal.c)

CREATE TYPE @extschema@.colour;
CREATE FUNCTION @extschema@.colour_in(cstring) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'colour_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_out(@extschema@.colour) RETURNS cstring
    AS 'MODULE_PATHNAME', 'colour_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_recv(internal) RETURNS @extschema@.colour
    AS 'MODULE_PATHNAME', 'colour_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.colour_send(@extschema@.colour) RETURNS bytea
    AS 'MODULE_PATHNAME', 'ordinal_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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

-- ===================================================================== indicator (indicator.c)

-- normalize: fixed bounds (scalar) and over a window partition.  NORMALIZE is an SQL keyword,
-- so both are called schema-qualified: zjgov.normalize(...).
CREATE FUNCTION @extschema@.normalize(value float8, lo float8, hi float8, direction text DEFAULT 'benefit')
    RETURNS float8
    AS 'MODULE_PATHNAME', 'normalize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.normalize(float8, float8, float8, text) IS 'value scaled to [0, 1] between fixed bounds lo < hi: (x − lo)/(hi − lo) for benefit, (hi − x)/(hi − lo) for cost, clamped';

CREATE FUNCTION @extschema@.normalize(value float8, method text DEFAULT 'minmax', direction text DEFAULT 'benefit',
                                      lo float8 DEFAULT NULL, hi float8 DEFAULT NULL)
    RETURNS float8
    AS 'MODULE_PATHNAME', 'normalize_window' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.normalize(float8, text, text, float8, float8) IS 'window: value normalised over its partition by minmax (benefit or cost; all-equal partition → 1), zscore (sample sd; no spread → 0) or interval (ideal range [lo, hi]); NULL values are skipped';

-- entropy_weights: state {n, m, Σx[m], Σx·ln x[m], min[m], max[m]}
CREATE FUNCTION @extschema@._zjgov_entropy_accum(float8[], float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'entropy_weights_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_entropy_combine(float8[], float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'entropy_weights_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_entropy_final(float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'entropy_weights_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_entropy_accum(float8[], float8[]) IS 'entropy_weights transition: adds a row to the state {n, m, Σx, Σx·ln x, min, max}';
COMMENT ON FUNCTION @extschema@._zjgov_entropy_combine(float8[], float8[]) IS 'entropy_weights combine: merges two partial states exactly';
COMMENT ON FUNCTION @extschema@._zjgov_entropy_final(float8[]) IS 'entropy_weights final: the weights from the state';
CREATE AGGREGATE @extschema@.entropy_weights(x float8[]) (
    SFUNC = @extschema@._zjgov_entropy_accum, STYPE = float8[], INITCOND = '{}',
    COMBINEFUNC = @extschema@._zjgov_entropy_combine,
    FINALFUNC = @extschema@._zjgov_entropy_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.entropy_weights(float8[]) IS 'entropy weight method: one row per entity, one non-negative element per indicator; weights sum to 1, a constant column gets 0';

-- critic_weights: state {n, m, mean[m], co-moment matrix[m×m]}
CREATE FUNCTION @extschema@._zjgov_critic_accum(float8[], float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'critic_weights_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_critic_combine(float8[], float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'critic_weights_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_critic_final(float8[]) RETURNS float8[]
    AS 'MODULE_PATHNAME', 'critic_weights_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_critic_accum(float8[], float8[]) IS 'critic_weights transition: Welford update of the state {n, m, means, co-moments}';
COMMENT ON FUNCTION @extschema@._zjgov_critic_combine(float8[], float8[]) IS 'critic_weights combine: pairwise (Chan) merge of means and co-moments';
COMMENT ON FUNCTION @extschema@._zjgov_critic_final(float8[]) IS 'critic_weights final: the weights from the state';
CREATE AGGREGATE @extschema@.critic_weights(x float8[]) (
    SFUNC = @extschema@._zjgov_critic_accum, STYPE = float8[], INITCOND = '{}',
    COMBINEFUNC = @extschema@._zjgov_critic_combine,
    FINALFUNC = @extschema@._zjgov_critic_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.critic_weights(float8[]) IS 'CRITIC weights: C_j = σ_j Σ_k (1 − r_jk), normalised to sum 1; one row per entity';

-- ahp
CREATE TYPE @extschema@.ahp_result AS (weights float8[], lambda_max float8, ci float8, cr float8, consistent bool);
COMMENT ON TYPE @extschema@.ahp_result IS 'result of ahp(): priority weights (sum 1), λmax, consistency index, consistency ratio, CR < 0.10';
CREATE FUNCTION @extschema@.ahp(judgements float8[]) RETURNS @extschema@.ahp_result
    AS 'MODULE_PATHNAME', 'ahp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ahp(float8[]) IS 'analytic hierarchy process: principal eigenvector of a positive reciprocal n×n judgement matrix (n ≤ 15; or its n² elements row by row), λmax, CI, CR with Saaty''s RI';

-- topsis (window) and weighted_score
CREATE FUNCTION @extschema@.topsis(x float8[], weights float8[], benefit bool[] DEFAULT NULL) RETURNS float8
    AS 'MODULE_PATHNAME', 'topsis' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.topsis(float8[], float8[], bool[]) IS 'window: TOPSIS relative closeness C = D⁻/(D⁺ + D⁻) of each row among the rows of its partition (vector normalisation; benefit NULL = all benefit)';

CREATE FUNCTION @extschema@.weighted_score(x float8[], weights float8[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'weighted_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_score(float8[], float8[]) IS 'Σ w·x / Σ w over the non-NULL elements of x (missing values re-weighted); NULL when none is present';

-- ===================================================================== model (model.c)

CREATE TABLE @extschema@.indicator (
    model     text NOT NULL,
    code      text NOT NULL,
    parent    text,
    name      text,
    weight    float8 DEFAULT 1,
    direction text NOT NULL DEFAULT 'benefit',
    lo        float8,
    hi        float8,
    PRIMARY KEY (model, code)
);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator', '');
COMMENT ON TABLE @extschema@.indicator IS 'hierarchical indicator systems: one row per node; parent NULL at the root level; leaves are scored 0–100 by normalize(value, lo, hi, direction), parents as the weighted mean of the children that have a score (weights relative among siblings); user rows survive pg_dump';
COMMENT ON COLUMN @extschema@.indicator.model IS 'name of the indicator system';
COMMENT ON COLUMN @extschema@.indicator.code IS 'node code, unique within the model';
COMMENT ON COLUMN @extschema@.indicator.parent IS 'code of the parent node, NULL at the root level';
COMMENT ON COLUMN @extschema@.indicator.weight IS 'positive weight relative to the siblings';
COMMENT ON COLUMN @extschema@.indicator.direction IS 'leaves: benefit (larger is better) or cost (smaller is better)';
COMMENT ON COLUMN @extschema@.indicator.lo IS 'leaves: the value scoring 0 (benefit) or 100 (cost)';
COMMENT ON COLUMN @extschema@.indicator.hi IS 'leaves: the value scoring 100 (benefit) or 0 (cost)';

CREATE FUNCTION @extschema@._zjgov_score_accum(@extschema@.aggstate, text, text, float8) RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'score_accum' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_score_combine(@extschema@.aggstate, @extschema@.aggstate) RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'score_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_score_final(@extschema@.aggstate) RETURNS float8
    AS 'MODULE_PATHNAME', 'score_final' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_score_detail_final(@extschema@.aggstate) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'score_detail_final' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_score_accum(@extschema@.aggstate, text, text, float8) IS 'score and score_detail transition: checks model and code against zjgov.indicator and records (node, value)';
COMMENT ON FUNCTION @extschema@._zjgov_score_combine(@extschema@.aggstate, @extschema@.aggstate) IS 'score and score_detail combine: concatenates the (node, value) records of two partial states';
COMMENT ON FUNCTION @extschema@._zjgov_score_final(@extschema@.aggstate) IS 'score final: the model total of one entity';
COMMENT ON FUNCTION @extschema@._zjgov_score_detail_final(@extschema@.aggstate) IS 'score_detail final: every node''s score of one entity as jsonb';

CREATE AGGREGATE @extschema@.score(model text, code text, value float8) (
    SFUNC = @extschema@._zjgov_score_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_score_combine,
    FINALFUNC = @extschema@._zjgov_score_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.score(text, text, float8) IS 'one entity''s 0–100 score on an indicator model of zjgov.indicator, from long-format leaf values (GROUP BY entity); missing leaves are re-weighted among their siblings';

CREATE AGGREGATE @extschema@.score_detail(model text, code text, value float8) (
    SFUNC = @extschema@._zjgov_score_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_score_combine,
    FINALFUNC = @extschema@._zjgov_score_detail_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.score_detail(text, text, float8) IS 'drill-down of score(): {"total": t, "nodes": {code: score or null, ...}} for every node of the model';
-- ===================================================================== credit grades (grade.c, ordinal.c)

CREATE TYPE @extschema@.credit_grade;
CREATE FUNCTION @extschema@.credit_grade_in(cstring) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'credit_grade_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_out(@extschema@.credit_grade) RETURNS cstring
    AS 'MODULE_PATHNAME', 'credit_grade_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_recv(internal) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'credit_grade_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_send(@extschema@.credit_grade) RETURNS bytea
    AS 'MODULE_PATHNAME', 'ordinal_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.credit_grade (
    INPUT = @extschema@.credit_grade_in, OUTPUT = @extschema@.credit_grade_out,
    RECEIVE = @extschema@.credit_grade_recv, SEND = @extschema@.credit_grade_send,
    INTERNALLENGTH = 1, PASSEDBYVALUE, ALIGNMENT = char, STORAGE = plain);
COMMENT ON TYPE @extschema@.credit_grade IS 'credit grade, ordered D < C < CC < CCC < B < BB < BBB < A < AA < AAA; input case-insensitive, output upper case';
COMMENT ON FUNCTION @extschema@.credit_grade_in(cstring) IS 'text input of credit_grade: D C CC CCC B BB BBB A AA AAA (case-insensitive, trimmed)';
COMMENT ON FUNCTION @extschema@.credit_grade_out(@extschema@.credit_grade) IS 'text output of credit_grade (upper case)';
COMMENT ON FUNCTION @extschema@.credit_grade_recv(internal) IS 'binary input of credit_grade (one byte, validated)';
COMMENT ON FUNCTION @extschema@.credit_grade_send(@extschema@.credit_grade) IS 'binary output of credit_grade (one byte: the rank, D = 0 .. AAA = 9)';

CREATE FUNCTION @extschema@.credit_grade_lt(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_le(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_eq(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_ne(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_ge(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_gt(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'ordinal_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_cmp(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS int
    AS 'MODULE_PATHNAME', 'ordinal_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'ordinal_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_hash(@extschema@.credit_grade) RETURNS int
    AS 'MODULE_PATHNAME', 'ordinal_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_hash_extended(@extschema@.credit_grade, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ordinal_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.credit_grade_larger(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'ordinal_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_smaller(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'ordinal_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.credit_grade_lt(@extschema@.credit_grade, @extschema@.credit_grade) IS 'implementation of < for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_le(@extschema@.credit_grade, @extschema@.credit_grade) IS 'implementation of <= for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_eq(@extschema@.credit_grade, @extschema@.credit_grade) IS 'implementation of = for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_ne(@extschema@.credit_grade, @extschema@.credit_grade) IS 'implementation of <> for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_ge(@extschema@.credit_grade, @extschema@.credit_grade) IS 'implementation of >= for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_gt(@extschema@.credit_grade, @extschema@.credit_grade) IS 'implementation of > for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_cmp(@extschema@.credit_grade, @extschema@.credit_grade) IS 'btree comparison of credit grades (D lowest, AAA highest)';
COMMENT ON FUNCTION @extschema@.credit_grade_sortsupport(internal) IS 'btree sort support for credit_grade';
COMMENT ON FUNCTION @extschema@.credit_grade_hash(@extschema@.credit_grade) IS 'hash of a credit grade';
COMMENT ON FUNCTION @extschema@.credit_grade_hash_extended(@extschema@.credit_grade, bigint) IS 'seeded 64-bit hash of a credit grade';
COMMENT ON FUNCTION @extschema@.credit_grade_larger(@extschema@.credit_grade, @extschema@.credit_grade) IS 'the better of two credit grades';
COMMENT ON FUNCTION @extschema@.credit_grade_smaller(@extschema@.credit_grade, @extschema@.credit_grade) IS 'the worse of two credit grades';

CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.credit_grade, RIGHTARG = @extschema@.credit_grade,
    PROCEDURE = @extschema@.credit_grade_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.credit_grade, RIGHTARG = @extschema@.credit_grade,
    PROCEDURE = @extschema@.credit_grade_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel);
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.credit_grade, RIGHTARG = @extschema@.credit_grade,
    PROCEDURE = @extschema@.credit_grade_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.credit_grade, RIGHTARG = @extschema@.credit_grade,
    PROCEDURE = @extschema@.credit_grade_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.credit_grade, RIGHTARG = @extschema@.credit_grade,
    PROCEDURE = @extschema@.credit_grade_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.credit_grade, RIGHTARG = @extschema@.credit_grade,
    PROCEDURE = @extschema@.credit_grade_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel);

CREATE OPERATOR CLASS @extschema@.credit_grade_ops DEFAULT FOR TYPE @extschema@.credit_grade USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.credit_grade_cmp(@extschema@.credit_grade, @extschema@.credit_grade),
    FUNCTION 2 @extschema@.credit_grade_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.credit_grade_hash_ops DEFAULT FOR TYPE @extschema@.credit_grade USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.credit_grade_hash(@extschema@.credit_grade),
    FUNCTION 2 @extschema@.credit_grade_hash_extended(@extschema@.credit_grade, bigint);

CREATE AGGREGATE @extschema@.max(@extschema@.credit_grade) (
    SFUNC = @extschema@.credit_grade_larger, STYPE = @extschema@.credit_grade,
    COMBINEFUNC = @extschema@.credit_grade_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.min(@extschema@.credit_grade) (
    SFUNC = @extschema@.credit_grade_smaller, STYPE = @extschema@.credit_grade,
    COMBINEFUNC = @extschema@.credit_grade_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.max(@extschema@.credit_grade) IS 'the best credit grade of the group';
COMMENT ON AGGREGATE @extschema@.min(@extschema@.credit_grade) IS 'the worst credit grade of the group';

-- Grade scales: a score gets the best grade whose min_score it reaches.  Built-in rows carry
-- builtin = true and are created by CREATE EXTENSION; only user rows (builtin = false) are dumped.
CREATE TABLE @extschema@.grade_scale (
    scale     text NOT NULL,
    grade     @extschema@.credit_grade NOT NULL,
    min_score float8 NOT NULL CHECK (min_score <> 'NaN'::float8 AND min_score <> 'Infinity'::float8),
    builtin   bool NOT NULL DEFAULT false,
    PRIMARY KEY (scale, grade),
    UNIQUE (scale, min_score)
);
COMMENT ON TABLE @extschema@.grade_scale IS 'credit grade scales: a score gets the best grade whose min_score it reaches; built-in scales public, tax, market, bank (builtin = true); user rows survive pg_dump';
COMMENT ON COLUMN @extschema@.grade_scale.scale IS 'name of the scale, as passed to credit_grade(score, scale)';
COMMENT ON COLUMN @extschema@.grade_scale.grade IS 'the grade given from min_score up to the next better grade''s min_score';
COMMENT ON COLUMN @extschema@.grade_scale.min_score IS 'lowest score of the grade (inclusive); -Infinity for the bottom grade';
COMMENT ON COLUMN @extschema@.grade_scale.builtin IS 'true for the rows CREATE EXTENSION installs (not dumped); user rows keep the default false';
INSERT INTO @extschema@.grade_scale (scale, grade, min_score, builtin) VALUES
    ('public', 'A', 90, true), ('public', 'B', 70, true), ('public', 'C', 40, true),
    ('public', 'D', '-Infinity', true),
    ('tax', 'A', 90, true), ('tax', 'B', 70, true), ('tax', 'C', 40, true), ('tax', 'D', '-Infinity', true),
    ('market', 'A', 85, true), ('market', 'B', 70, true), ('market', 'C', 55, true),
    ('market', 'D', '-Infinity', true),
    ('bank', 'AAA', 90, true), ('bank', 'AA', 80, true), ('bank', 'A', 70, true),
    ('bank', 'BBB', 60, true), ('bank', 'BB', 50, true), ('bank', 'B', 40, true),
    ('bank', 'CCC', 30, true), ('bank', 'CC', 20, true), ('bank', 'C', 10, true),
    ('bank', 'D', '-Infinity', true);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.grade_scale', 'WHERE NOT builtin');

CREATE FUNCTION @extschema@.credit_grade(score float8, scale text DEFAULT 'public')
    RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'credit_grade' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.credit_grade(float8, text) IS 'the best grade of scale (zjgov.grade_scale) whose min_score the score reaches; unknown scale or non-finite score: ERROR';

CREATE FUNCTION @extschema@.pdo_score(p_bad float8, base_score float8 DEFAULT 600,
        base_odds float8 DEFAULT 50, pdo float8 DEFAULT 20) RETURNS float8
    AS 'MODULE_PATHNAME', 'pdo_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.pdo_score(float8, float8, float8, float8) IS 'scorecard points of a bad probability: base_score at good:bad odds base_odds, pdo more points per doubling of the odds';

CREATE FUNCTION @extschema@.decayed(points float8, occurred timestamptz, as_of timestamptz,
        half_life interval, expire_after interval DEFAULT NULL) RETURNS float8
    AS 'MODULE_PATHNAME', 'decayed' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.decayed(float8, timestamptz, timestamptz, interval, interval) IS 'weight of a credit record at as_of: points * 0.5^(age / half_life), 0 once as_of >= occurred + expire_after (信用修复), full points for a future record';

-- ===================================================================== scorecards (scorecard.c)

CREATE TYPE @extschema@.woe_bin AS (lower float8, upper float8, n bigint, bad bigint, woe float8, iv float8);
COMMENT ON TYPE @extschema@.woe_bin IS 'one bin of a WOE binning: values in [lower, upper) (lower = upper = NULL: the bin of NULL values), n rows, bad of them bad, woe = ln(%bad/%good), iv = (%bad - %good)·woe';

-- shared combine function of every scorecard aggregate (states of kind r, w, l)
CREATE FUNCTION @extschema@._zjgov_scorecard_combine(@extschema@.aggstate, @extschema@.aggstate)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_scorecard_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_scorecard_combine(@extschema@.aggstate, @extschema@.aggstate) IS 'combine function of auc, ks, woe_bins and logistic_fit: concatenates two states and merges equal values';

-- auc, ks: state of (risk, bad count, good count) records
CREATE FUNCTION @extschema@._zjgov_rank_accum(@extschema@.aggstate, float8, bool)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_rank_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_rank_accum(@extschema@.aggstate, float8, bool) IS 'transition function of auc and ks: appends (risk, bad); NULLs skipped';
CREATE FUNCTION @extschema@._zjgov_auc_final(@extschema@.aggstate) RETURNS float8
    AS 'MODULE_PATHNAME', '_zjgov_auc_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_auc_final(@extschema@.aggstate) IS 'final function of auc';
CREATE FUNCTION @extschema@._zjgov_ks_final(@extschema@.aggstate) RETURNS float8
    AS 'MODULE_PATHNAME', '_zjgov_ks_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_ks_final(@extschema@.aggstate) IS 'final function of ks';

CREATE AGGREGATE @extschema@.auc(risk float8, bad bool) (
    SFUNC = @extschema@._zjgov_rank_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_auc_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.auc(float8, bool) IS 'area under the ROC curve: P(risk of a bad > risk of a good) + ½P(tie), exact (Mann-Whitney); higher risk = riskier';
CREATE AGGREGATE @extschema@.ks(risk float8, bad bool) (
    SFUNC = @extschema@._zjgov_rank_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_ks_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.ks(float8, bool) IS 'Kolmogorov-Smirnov statistic: max over thresholds of |F_bad - F_good|, exact with ties';
CREATE AGGREGATE @extschema@._zjgov_rank_state(risk float8, bad bool) (
    SFUNC = @extschema@._zjgov_rank_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@._zjgov_rank_state(float8, bool) IS 'the aggstate auc and ks build, for inspection and tests';

-- woe_bins: state of (value, bad count, good count) records plus the NULL-value counts
CREATE FUNCTION @extschema@._zjgov_woe_accum(@extschema@.aggstate, float8, bool)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_woe_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_woe_accum(@extschema@.aggstate, float8, bool, int)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_woe_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_woe_accum(@extschema@.aggstate, float8, bool, int, float8)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_woe_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_woe_accum(@extschema@.aggstate, float8, bool) IS 'transition function of woe_bins(value, bad)';
COMMENT ON FUNCTION @extschema@._zjgov_woe_accum(@extschema@.aggstate, float8, bool, int) IS 'transition function of woe_bins(value, bad, max_bins)';
COMMENT ON FUNCTION @extschema@._zjgov_woe_accum(@extschema@.aggstate, float8, bool, int, float8) IS 'transition function of woe_bins(value, bad, max_bins, min_share)';
CREATE FUNCTION @extschema@._zjgov_woe_bins_final(@extschema@.aggstate) RETURNS @extschema@.woe_bin[]
    AS 'MODULE_PATHNAME', '_zjgov_woe_bins_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_woe_bins_final(@extschema@.aggstate) IS 'final function of woe_bins: quantile start bins, min_share, monotone merges';

CREATE AGGREGATE @extschema@.woe_bins(value float8, bad bool) (
    SFUNC = @extschema@._zjgov_woe_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_woe_bins_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.woe_bins(value float8, bad bool, max_bins int) (
    SFUNC = @extschema@._zjgov_woe_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_woe_bins_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.woe_bins(value float8, bad bool, max_bins int, min_share float8) (
    SFUNC = @extschema@._zjgov_woe_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_woe_bins_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.woe_bins(float8, bool) IS 'monotone WOE binning with max_bins 5 and min_share 0.05';
COMMENT ON AGGREGATE @extschema@.woe_bins(float8, bool, int) IS 'monotone WOE binning with at most max_bins bins (min_share 0.05)';
COMMENT ON AGGREGATE @extschema@.woe_bins(float8, bool, int, float8) IS 'monotone WOE binning: up to 20 quantile bins of at least min_share of the rows, merged until WOE is monotone and at most max_bins remain; NULL values get their own last bin (lower = upper = NULL)';

CREATE FUNCTION @extschema@.woe(value float8, bins @extschema@.woe_bin[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'woe' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.woe(float8, @extschema@.woe_bin[]) IS 'WOE of the bin [lower, upper) holding value; a NULL value gets the WOE of the NULL bin';
CREATE FUNCTION @extschema@.iv(bins @extschema@.woe_bin[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'iv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.iv(@extschema@.woe_bin[]) IS 'information value: the sum of the bins'' iv (< 0.02 useless, 0.02-0.1 weak, 0.1-0.3 medium, 0.3-0.5 strong, > 0.5 suspicious)';

CREATE FUNCTION @extschema@.psi(expected float8[], actual float8[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'psi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.psi(float8[], float8[]) IS 'population stability index Σ (a - e)·ln(a/e) over bins given as counts or shares, zero shares replaced by 1e-6 (< 0.1 stable, 0.1-0.25 moderate, > 0.25 significant shift)';

-- logistic_fit: state of (bad, x1 .. xp) rows
CREATE FUNCTION @extschema@._zjgov_logit_accum(@extschema@.aggstate, bool, float8[])
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', '_zjgov_logit_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_logit_accum(@extschema@.aggstate, bool, float8[]) IS 'transition function of logistic_fit: keeps (bad, x) rows; rows with a NULL are skipped';
CREATE FUNCTION @extschema@._zjgov_logit_final(@extschema@.aggstate) RETURNS float8[]
    AS 'MODULE_PATHNAME', '_zjgov_logit_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_logit_final(@extschema@.aggstate) IS 'final function of logistic_fit: Newton/IRLS maximum likelihood';
CREATE AGGREGATE @extschema@.logistic_fit(bad bool, x float8[]) (
    SFUNC = @extschema@._zjgov_logit_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_logit_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.logistic_fit(bool, float8[]) IS 'maximum-likelihood logistic regression coefficients of P(bad), intercept first; separation or a singular design: ERROR';

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

-- ===================================================================== zoning (zoning.c, callcache.c)

CREATE FUNCTION @extschema@.nm(nautical_miles float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'nm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nm(float8) IS 'nautical miles to metres (x 1852 exactly)';

CREATE FUNCTION @extschema@.zone(geom geometry, target geometry, bands float8[]) RETURNS int
    AS 'MODULE_PATHNAME', 'zone' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.zone(geometry, geometry, float8[]) IS 'distance band of geom around target: 0 when they intersect, i when the distance lies in [bands[i-1], bands[i]) (bands[0] = 0), k+1 beyond the last of k bands; metres on the ellipsoid for longitude/latitude SRIDs; the prepared target is cached across rows';

CREATE FUNCTION @extschema@.sea_tier(geom geometry, land geometry) RETURNS int
    AS 'MODULE_PATHNAME', 'sea_tier' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.sea_tier(geometry, geometry) IS '台海天网 sea tier: 0 on land, 1 within 3 nm (video), 2 within 20 nm (radar/VTS), 3 beyond (AIS/BeiDou); zone(geom, land, ARRAY[nm(3), nm(20)])';

CREATE FUNCTION @extschema@._zjgov_distance(geom geometry, target geometry) RETURNS float8
    AS 'MODULE_PATHNAME', '_zjgov_distance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@._zjgov_distance(geometry, geometry) IS 'private: the distance zone() measures (metres on the ellipsoid for longitude/latitude SRIDs), for tests';

CREATE FUNCTION @extschema@.zone_rings(target geometry, bands float8[],
        OUT band int, OUT geom geometry) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'zone_rings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 5000 ROWS 4;
COMMENT ON FUNCTION @extschema@.zone_rings(geometry, float8[]) IS 'band polygons around target: band 0 is the target itself, band i the ring between bands[i-1] and bands[i] (buffered in metres for longitude/latitude SRIDs); valid, non-overlapping, together exactly the outer buffer';

CREATE FUNCTION @extschema@.cover_fraction(cell geometry, layer geometry) RETURNS float8
    AS 'MODULE_PATHNAME', 'cover_fraction' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.cover_fraction(geometry, geometry) IS 'share of the area of cell inside the polygonal layer, in [0, 1]; the prepared, indexed layer is cached across rows';

CREATE FUNCTION @extschema@.kernel_density(at geometry, points geometry, bandwidth float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'kernel_density' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 250;
COMMENT ON FUNCTION @extschema@.kernel_density(geometry, geometry, float8) IS 'quartic kernel density at a point from a (multi)point set, sum of w * 3/(pi h^2) * (1 - (d/h)^2)^2 for d < h, M values as weights; projected CRS only; the point index is cached across rows';

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

-- ===================================================================== privileges (last fragment)
-- CREATE EXTENSION creates schema zjgov owned by the installing superuser, without USAGE for
-- anyone else: grant it, so every role can call the functions (EXECUTE is PUBLIC's by default) and
-- use the types.  The catalog tables are readable by everyone and writable by their owner only.
-- (test/pgtap/privileges.sql checks this on the catalog.)
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
