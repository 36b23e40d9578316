
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
GRANT SELECT ON @extschema@.indicator TO PUBLIC;
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
