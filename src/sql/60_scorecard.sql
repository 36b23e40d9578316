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
