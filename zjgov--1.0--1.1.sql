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



-- ===================================================================== models and scorecards

-- indicator models: rule kinds, missing-value rules, targets and versions.  Rows of the first
-- release keep their meaning: kind 'leaf', missing 'reweight', valid_from -infinity (one version).
ALTER TABLE @extschema@.indicator
    ADD COLUMN kind       text NOT NULL DEFAULT 'leaf',
    ADD COLUMN tol        float8,
    ADD COLUMN cap        float8,
    ADD COLUMN points     float8,
    ADD COLUMN missing    text NOT NULL DEFAULT 'reweight',
    ADD COLUMN target     float8,
    ADD COLUMN valid_from date NOT NULL DEFAULT '-infinity';
ALTER TABLE @extschema@.indicator DROP CONSTRAINT indicator_pkey,
    ADD PRIMARY KEY (model, code, valid_from);
COMMENT ON TABLE @extschema@.indicator IS 'hierarchical indicator systems: one row per node and version; parent NULL at the root level; leaves are scored 0–100 (normalize(value, lo, hi, direction), or the interval rule), parents as the weighted mean of the children that count, plus bonus minus deduction points (clamped to [0, 100]), capped by triggered vetoes; the version in force on a date is the one with the greatest valid_from on or before it; user rows survive pg_dump';
COMMENT ON COLUMN @extschema@.indicator.direction IS 'leaves: benefit (larger is better), cost (smaller is better) or interval (best inside [lo, hi])';
COMMENT ON COLUMN @extschema@.indicator.lo IS 'leaves: the value scoring 0 (benefit) or 100 (cost); interval leaves: the lower end of the ideal range';
COMMENT ON COLUMN @extschema@.indicator.hi IS 'leaves: the value scoring 100 (benefit) or 0 (cost); interval leaves: the upper end of the ideal range';
COMMENT ON COLUMN @extschema@.indicator.kind IS 'leaf (an ordinary node: scored leaf or weighted parent), interval (区间型: 100 inside [lo, hi], falling to 0 at tol outside), veto (一票否决: a non-zero value caps the parent''s score, or the total at the root level, at cap), bonus / deduction (加分项 / 扣分项: value × points, at most cap, added to / taken from the parent''s score or the total)';
COMMENT ON COLUMN @extschema@.indicator.tol IS 'interval leaves: the distance outside [lo, hi] at which the score reaches 0; parents: when set, the weights of the weighted children must sum to 1 within tol';
COMMENT ON COLUMN @extschema@.indicator.cap IS 'veto: the score its parent is capped at (required); bonus and deduction: the most points (NULL: no cap)';
COMMENT ON COLUMN @extschema@.indicator.points IS 'bonus and deduction: points per unit of the value (NULL: 1, the value is the points)';
COMMENT ON COLUMN @extschema@.indicator.missing IS 'when the node has no score: reweight (skipped, the siblings present share the weight), zero (counts as 0) or propagate (the parent has no score)';
COMMENT ON COLUMN @extschema@.indicator.target IS 'target of the node: in value units for leaves, a score for parents; score_detail reports the attainment';
COMMENT ON COLUMN @extschema@.indicator.valid_from IS 'first day of the version this row belongs to; -infinity: since always';

CREATE TYPE @extschema@.score_node AS (code text, parent text, kind text, value float8,
    normalised float8, score float8, weight float8, contribution float8, target float8,
    attainment float8);
COMMENT ON TYPE @extschema@.score_node IS 'one node of a score drill-down: the leaf value, its normalised value in [0, 1], the score, the weight as written, the contribution to the total (score × share of the total), the target and the attainment (value/target for benefit leaves, target/value for cost leaves, score/target otherwise); the first element is the total (code NULL, kind total)';

CREATE FUNCTION @extschema@._zjgov_score_accum(@extschema@.aggstate, text, text, float8, date) RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_score_accum' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_score_accum(@extschema@.aggstate, text, text, float8, date) IS 'score and score_detail transition with as_of: checks model, version and code against zjgov.indicator and records (node, value)';
CREATE FUNCTION @extschema@._zjgov_score_nodes_final(@extschema@.aggstate) RETURNS @extschema@.score_node[]
    AS 'MODULE_PATHNAME', 'zjgov_score_nodes_final' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_score_nodes_final(@extschema@.aggstate) IS 'score_detail final with as_of: the total and every node as zjgov.score_node';

CREATE AGGREGATE @extschema@.score(model text, code text, value float8, as_of date) (
    SFUNC = @extschema@._zjgov_score_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_score_combine,
    FINALFUNC = @extschema@._zjgov_score_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.score(text, text, float8, date) IS 'one entity''s 0–100 score on the version of an indicator model in force on as_of (greatest valid_from <= as_of), from long-format leaf values (GROUP BY entity)';
CREATE AGGREGATE @extschema@.score_detail(model text, code text, value float8, as_of date) (
    SFUNC = @extschema@._zjgov_score_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_score_combine,
    FINALFUNC = @extschema@._zjgov_score_nodes_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.score_detail(text, text, float8, date) IS 'drill-down of score(model, code, value, as_of): the total, then every node (parents first) as zjgov.score_node with value, normalised value, score, weight, contribution, target and attainment';
COMMENT ON AGGREGATE @extschema@.score(text, text, float8) IS 'one entity''s 0–100 score on the version of an indicator model in force today, from long-format leaf values (GROUP BY entity); missing leaves follow their missing rule (by default re-weighted among their siblings)';




-- period-on-period change (同比 / 环比)
CREATE TYPE @extschema@.period_delta AS (delta float8, ratio float8);
COMMENT ON TYPE @extschema@.period_delta IS 'result of period_change: delta = x_t - x_{t-lag}, ratio = x_t / x_{t-lag} - 1';
CREATE FUNCTION @extschema@.period_change(value float8, lag int DEFAULT 1) RETURNS @extschema@.period_delta
    AS 'MODULE_PATHNAME', 'zjgov_period_change' LANGUAGE C IMMUTABLE WINDOW PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_change(float8, int) IS 'window, OVER (PARTITION BY entity ORDER BY period): delta = x_t - x_{t-lag}, ratio = x_t / x_{t-lag} - 1 against the row lag periods back (同比 with lag 12 on months, 环比 with lag 1); NULL when that row is missing or NULL, ratio NULL when it is 0';

-- scorecards: points tables, characteristic stability, categorical WOE, logistic regression detail
CREATE FUNCTION @extschema@.scorecard_points(bins @extschema@.woe_bin[], coefficient float8, intercept float8,
        n_characteristics int, base_score float8 DEFAULT 600, base_odds float8 DEFAULT 50, pdo float8 DEFAULT 20)
    RETURNS float8[]
    AS 'MODULE_PATHNAME', 'zjgov_scorecard_points' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.scorecard_points(@extschema@.woe_bin[], float8, float8, int, float8, float8, float8) IS 'scorecard points of each bin of one characteristic: -(coefficient·woe + intercept/n_characteristics)·factor + offset/n_characteristics, factor = pdo/ln 2, offset = base_score - factor·ln(base_odds); an entity''s points over all characteristics add up to its PDO score';

CREATE FUNCTION @extschema@.csi(expected float8[], actual float8[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'zjgov_csi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.csi(float8[], float8[]) IS 'characteristic stability index: the PSI of one characteristic over its bins, Σ (a - e)·ln(a/e) with counts or shares, zero shares replaced by 1e-6';

CREATE TYPE @extschema@.woe_cat_bin AS (categories text[], n bigint, bad bigint, woe float8, iv float8);
COMMENT ON TYPE @extschema@.woe_cat_bin IS 'one bin of a categorical WOE binning: the categories it holds (NULL: the bin of NULL values), n rows, bad of them bad, woe = ln(%bad/%good), iv = (%bad - %good)·woe';
CREATE FUNCTION @extschema@._zjgov_woe_cat_accum(@extschema@.aggstate, text, bool)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_woe_cat_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_woe_cat_accum(@extschema@.aggstate, text, bool, int)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_woe_cat_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@._zjgov_woe_cat_accum(@extschema@.aggstate, text, bool, int, float8)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_woe_cat_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_woe_cat_accum(@extschema@.aggstate, text, bool) IS 'transition function of woe_bins(value text, bad)';
COMMENT ON FUNCTION @extschema@._zjgov_woe_cat_accum(@extschema@.aggstate, text, bool, int) IS 'transition function of woe_bins(value text, bad, max_bins)';
COMMENT ON FUNCTION @extschema@._zjgov_woe_cat_accum(@extschema@.aggstate, text, bool, int, float8) IS 'transition function of woe_bins(value text, bad, max_bins, min_share)';
CREATE FUNCTION @extschema@._zjgov_woe_cat_combine(@extschema@.aggstate, @extschema@.aggstate)
    RETURNS @extschema@.aggstate
    AS 'MODULE_PATHNAME', 'zjgov_woe_cat_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_woe_cat_combine(@extschema@.aggstate, @extschema@.aggstate) IS 'combine function of woe_bins(text): concatenates two states and merges equal categories';
CREATE FUNCTION @extschema@._zjgov_woe_cat_final(@extschema@.aggstate) RETURNS @extschema@.woe_cat_bin[]
    AS 'MODULE_PATHNAME', 'zjgov_woe_cat_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_woe_cat_final(@extschema@.aggstate) IS 'final function of woe_bins(text): rare bucket, then merges of WOE-adjacent bins';
CREATE AGGREGATE @extschema@.woe_bins(value text, bad bool) (
    SFUNC = @extschema@._zjgov_woe_cat_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_woe_cat_combine, FINALFUNC = @extschema@._zjgov_woe_cat_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.woe_bins(value text, bad bool, max_bins int) (
    SFUNC = @extschema@._zjgov_woe_cat_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_woe_cat_combine, FINALFUNC = @extschema@._zjgov_woe_cat_final,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.woe_bins(value text, bad bool, max_bins int, min_share float8) (
    SFUNC = @extschema@._zjgov_woe_cat_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_woe_cat_combine, FINALFUNC = @extschema@._zjgov_woe_cat_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.woe_bins(text, bool) IS 'categorical WOE binning with max_bins 5 and min_share 0.05';
COMMENT ON AGGREGATE @extschema@.woe_bins(text, bool, int) IS 'categorical WOE binning with at most max_bins bins (min_share 0.05)';
COMMENT ON AGGREGATE @extschema@.woe_bins(text, bool, int, float8) IS 'categorical WOE binning: one bin per category, categories with less than min_share of the rows in one rare bucket, bins merged in WOE order (least IV lost) until at most max_bins remain; NULL values get their own last bin (categories NULL)';
CREATE FUNCTION @extschema@.woe(value text, bins @extschema@.woe_cat_bin[]) RETURNS float8
    AS 'MODULE_PATHNAME', 'zjgov_woe_text' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.woe(text, @extschema@.woe_cat_bin[]) IS 'WOE of the bin listing the category; a NULL value gets the WOE of the NULL bin; a category in no bin: ERROR';

CREATE TYPE @extschema@.logistic_detail AS (coef float8[], se float8[], z float8[], p float8[], vif float8[]);
COMMENT ON TYPE @extschema@.logistic_detail IS 'logistic regression detail, intercept first: coefficients, standard errors (inverse Fisher information, as R glm), z = coef/se, two-sided normal p, VIF = 1/(1 - R²) of each predictor on the others (NULL for the intercept)';
CREATE FUNCTION @extschema@._zjgov_logit_detail_final(@extschema@.aggstate) RETURNS @extschema@.logistic_detail
    AS 'MODULE_PATHNAME', 'zjgov_logit_detail_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._zjgov_logit_detail_final(@extschema@.aggstate) IS 'final function of logistic_fit_detail';
CREATE AGGREGATE @extschema@.logistic_fit_detail(bad bool, x float8[]) (
    SFUNC = @extschema@._zjgov_logit_accum, STYPE = @extschema@.aggstate,
    COMBINEFUNC = @extschema@._zjgov_scorecard_combine, FINALFUNC = @extschema@._zjgov_logit_detail_final,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.logistic_fit_detail(bool, float8[]) IS 'maximum-likelihood logistic regression of P(bad) with standard errors, z, p and VIF (zjgov.logistic_detail)';

-- credit_grade gains M (纳税信用 M级: newly registered taxpayers), ordered just below B.  Stored
-- bytes keep their values (D = 0 .. AAA = 9; M is 10); the comparison functions order the bytes by a
-- rank table in which 0 .. 9 keep their relative order, so existing btree and hash indexes stay valid.
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_in(cstring) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_recv(internal) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_lt(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_le(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_ge(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_gt(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS bool
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_cmp(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS int
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_larger(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION @extschema@.credit_grade_smaller(@extschema@.credit_grade, @extschema@.credit_grade) RETURNS @extschema@.credit_grade
    AS 'MODULE_PATHNAME', 'zjgov_credit_grade_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.credit_grade_in(cstring) IS 'text input of credit_grade: D C CC CCC M B BB BBB A AA AAA (case-insensitive, trimmed)';
COMMENT ON FUNCTION @extschema@.credit_grade_recv(internal) IS 'binary input of credit_grade (one byte, validated: 0 .. 9 for D .. AAA, 10 for M)';
COMMENT ON FUNCTION @extschema@.credit_grade_send(@extschema@.credit_grade) IS 'binary output of credit_grade (one byte: D = 0 .. AAA = 9, M = 10)';
COMMENT ON FUNCTION @extschema@.credit_grade_cmp(@extschema@.credit_grade, @extschema@.credit_grade) IS 'btree comparison of credit grades (D < C < CC < CCC < M < B < BB < BBB < A < AA < AAA)';
COMMENT ON TYPE @extschema@.credit_grade IS 'credit grade, 1 byte: D < C < CC < CCC < M < B < BB < BBB < A < AA < AAA (M: 纳税信用 M级, newly registered taxpayers; tax grades order A > B > M > C > D)';

-- ===================================================================== privileges (last fragment)
-- Tables created in 1.1 are readable by everyone, as the 1.0 catalog tables are.
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO PUBLIC;
