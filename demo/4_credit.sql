-- 4. Credit grading (信用分级分类监管): enterprise scores, grades, and a default scorecard
--
-- Tables come from demo/data.sql (schema demo): enterprise (indicators), penalty (行政处罚 with
-- dates and severities), loan (did the firm default, cohorts 2024 and 2025).
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';

-- ## 4.1 Public credit score (公共信用评价) and grade A/B/C/D
-- needs: score decayed credit_grade
-- A one-level model with expert weights and fixed bounds, then penalties deducted with time decay:
-- a penalty loses half its weight every year and drops out once repaired (信用修复: 轻微 3 months,
-- 一般 1 year, 严重 3 years).
DELETE FROM zjgov.indicator WHERE model = 'demo_credit';
INSERT INTO zjgov.indicator (model, code, parent, name, weight, direction, lo, hi) VALUES
  ('demo_credit', 'tax',     NULL, '纳税及时率',     30, 'benefit', 0.5, 1),
  ('demo_credit', 'social',  NULL, '社保足额缴纳率', 20, 'benefit', 0.3, 1),
  ('demo_credit', 'arrears', NULL, '欠费月数',       15, 'cost',    0,   6),
  ('demo_credit', 'compl',   NULL, '投诉次数',       15, 'cost',    0,   8),
  ('demo_credit', 'inspect', NULL, '抽查合格率',     15, 'benefit', 0.6, 1),
  ('demo_credit', 'years',   NULL, '经营年限',        5, 'benefit', 0,  20);

DROP TABLE IF EXISTS demo.credit;
CREATE TABLE credit AS
WITH base AS (
  SELECT e.id, zjgov.score('demo_credit', v.code, v.value) AS base
    FROM enterprise e,
         LATERAL (VALUES ('tax', e.tax_on_time), ('social', e.social_insurance), ('arrears', e.arrears_months),
                         ('compl', e.complaints), ('inspect', e.inspection_pass), ('years', e.years_operating)) v(code, value)
   GROUP BY e.id),
deduction AS (
  SELECT p.enterprise_id AS id,
         sum(zjgov.decayed(p.points, p.decided_on, s.as_of, interval '1 year',
                           CASE p.severity WHEN '轻微' THEN interval '3 months'
                                           WHEN '一般' THEN interval '1 year' ELSE interval '3 years' END)) AS minus
    FROM penalty p, setting s GROUP BY p.enterprise_id)
SELECT b.id, b.base, coalesce(d.minus, 0) AS deduction,
       greatest(0, b.base - coalesce(d.minus, 0)) AS score,
       zjgov.credit_grade(greatest(0, b.base - coalesce(d.minus, 0)), 'public') AS grade
  FROM base b LEFT JOIN deduction d USING (id);

-- Grades against what happened next: the default rate must fall from D to A.
SELECT c.grade AS "信用等级", count(*) AS "2025 借款企业", round(avg(c.score)::numeric, 1) AS "平均分",
       round(avg(c.deduction)::numeric, 2) AS "平均扣分",
       round(100 * avg(l.defaulted::int)::numeric, 1) AS "2025 违约率 %",
       CASE c.grade::text WHEN 'A' THEN '信用良好: 降低抽查比例' WHEN 'B' THEN '常规监管'
                          WHEN 'C' THEN '重点关注: 提高抽查比例' ELSE '严格监管' END AS "监管措施"
  FROM credit c JOIN loan l ON l.enterprise_id = c.id AND l.cohort = 2025
 GROUP BY c.grade ORDER BY c.grade DESC;

-- ## 4.2 Scorecard: monotone WOE binning and information value per indicator (cohort 2024)
-- needs: woe_bins iv
-- woe_bins(value, bad) finds up to 5 bins with monotone weight of evidence; IV ranks the indicators
-- (< 0.02 useless, 0.02–0.1 weak, 0.1–0.3 medium, 0.3–0.5 strong).
DROP TABLE IF EXISTS demo.scorecard_bins;
CREATE TABLE scorecard_bins AS
SELECT v.feature, zjgov.woe_bins(v.value, l.defaulted, 5, 0.05) AS bins
  FROM enterprise e JOIN loan l ON l.enterprise_id = e.id AND l.cohort = 2024,
       LATERAL (VALUES ('tax_on_time', e.tax_on_time), ('social_insurance', e.social_insurance),
                       ('arrears_months', e.arrears_months::float8), ('complaints', e.complaints::float8),
                       ('inspection_pass', e.inspection_pass), ('years_operating', e.years_operating::float8)) v(feature, value)
 GROUP BY v.feature;

SELECT feature AS "指标", cardinality(bins) AS "分箱数", round(zjgov.iv(bins)::numeric, 3) AS "IV",
       CASE WHEN zjgov.iv(bins) < 0.02 THEN '无用' WHEN zjgov.iv(bins) < 0.1 THEN '弱'
            WHEN zjgov.iv(bins) < 0.3 THEN '中' WHEN zjgov.iv(bins) < 0.5 THEN '强' ELSE '可疑' END AS "预测力"
  FROM scorecard_bins ORDER BY zjgov.iv(bins) DESC;

-- The bins of the strongest indicator.
SELECT round(b.lower::numeric, 3) AS "下限", round(b.upper::numeric, 3) AS "上限", b.n AS "样本", b.bad AS "违约",
       round(b.woe::numeric, 3) AS "WOE", round(b.iv::numeric, 4) AS "IV"
  FROM (SELECT bins FROM scorecard_bins ORDER BY zjgov.iv(bins) DESC LIMIT 1) s, unnest(s.bins) b;

-- ## 4.3 Logistic scorecard on the WOE values: AUC and KS in and out of time, PSI, points
-- needs: woe_bins iv woe logistic_fit auc ks pdo_score psi score decayed credit_grade
-- logistic_fit(bad, x[]) returns the maximum-likelihood coefficients, intercept first; the
-- probability of default becomes points with pdo_score (600 points at odds 50:1, 20 points to
-- double the odds). Fit on 2024, check on 2025; PSI < 0.1 means the population is stable.
DROP TABLE IF EXISTS demo.scorecard;
CREATE TABLE scorecard AS
WITH x AS (
  SELECT e.id, ARRAY(SELECT zjgov.woe(v.value, b.bins)
                       FROM (VALUES (1, 'tax_on_time', e.tax_on_time), (2, 'social_insurance', e.social_insurance),
                                    (3, 'arrears_months', e.arrears_months::float8), (4, 'complaints', e.complaints::float8),
                                    (5, 'inspection_pass', e.inspection_pass), (6, 'years_operating', e.years_operating::float8)) v(i, feature, value)
                       JOIN scorecard_bins b USING (feature) ORDER BY v.i) AS woe
    FROM enterprise e),
fit AS (
  SELECT zjgov.logistic_fit(l.defaulted, x.woe) AS beta
    FROM x JOIN loan l ON l.enterprise_id = x.id AND l.cohort = 2024)
SELECT x.id, p.p_bad, zjgov.pdo_score(p.p_bad) AS points
  FROM x, fit,
       LATERAL (SELECT 1 / (1 + exp(-(fit.beta[1] + (SELECT sum(fit.beta[i + 1] * x.woe[i])
                                                         FROM generate_subscripts(x.woe, 1) i)))) AS p_bad) p;

SELECT l.cohort AS "样本", CASE l.cohort WHEN 2024 THEN '建模 (in time)' ELSE '验证 (out of time)' END AS "用途",
       count(*) AS "企业", round(100 * avg(l.defaulted::int)::numeric, 1) AS "违约率 %",
       round(zjgov.auc(s.p_bad, l.defaulted)::numeric, 3) AS "AUC 评分卡",
       round(zjgov.ks(s.p_bad, l.defaulted)::numeric, 3) AS "KS 评分卡",
       round(zjgov.auc(-c.score, l.defaulted)::numeric, 3) AS "AUC 信用分"
  FROM scorecard s JOIN loan l ON l.enterprise_id = s.id JOIN credit c ON c.id = s.id
 GROUP BY l.cohort ORDER BY l.cohort;

-- Population stability (PSI) of the points: 2025's borrowers against 2024's, in 2024's deciles.
WITH cut AS (SELECT percentile_cont(ARRAY[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
                      WITHIN GROUP (ORDER BY s.points) AS q
               FROM scorecard s JOIN loan l ON l.enterprise_id = s.id AND l.cohort = 2024),
     b AS (SELECT l.cohort, width_bucket(s.points, cut.q) AS bucket
             FROM scorecard s JOIN loan l ON l.enterprise_id = s.id, cut),
     h AS (SELECT c.cohort, g.bucket, count(b.bucket)::float8 AS n
             FROM (VALUES (2024), (2025)) c(cohort) CROSS JOIN generate_series(0, 9) g(bucket)
             LEFT JOIN b ON b.cohort = c.cohort AND b.bucket = g.bucket
            GROUP BY 1, 2)
SELECT round(p::numeric, 4) AS "PSI 2024→2025",
       CASE WHEN p < 0.1 THEN '稳定' WHEN p < 0.25 THEN '轻微偏移' ELSE '显著偏移: 需重新建模' END AS "结论"
  FROM (SELECT zjgov.psi(array_agg(n ORDER BY bucket) FILTER (WHERE cohort = 2024),
                         array_agg(n ORDER BY bucket) FILTER (WHERE cohort = 2025)) AS p FROM h) x;

-- The two views agree: scorecard points by public credit grade (分数越高越好).
SELECT c.grade AS "信用等级", count(*) AS "企业", round(min(s.points)::numeric) AS "评分卡最低",
       round(avg(s.points)::numeric) AS "平均", round(max(s.points)::numeric) AS "最高",
       round(100 * avg(s.p_bad)::numeric, 1) AS "平均违约概率 %"
  FROM scorecard s JOIN credit c ON c.id = s.id
 GROUP BY c.grade ORDER BY c.grade DESC;
