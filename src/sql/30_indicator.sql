
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
