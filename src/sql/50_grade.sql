-- ===================================================================== credit grades (grade.c, ordinal.c)

CREATE TYPE @extschema@.credit_grade;
CREATE FUNCTION @extschema@.credit_grade_in(cstring) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'credit_grade_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_out(@extschema@.credit_grade) RETURNS cstring
    AS 'MODULE_PATHNAME', 'credit_grade_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_recv(internal) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'credit_grade_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.credit_grade_send(@extschema@.credit_grade) RETURNS bytea
    AS 'MODULE_PATHNAME', 'credit_grade_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
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
GRANT SELECT ON @extschema@.grade_scale TO PUBLIC;

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

