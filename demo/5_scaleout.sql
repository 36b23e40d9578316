-- 5. Scaling out (横向扩展): the same answers on Citus and under parallel query
--
-- Tables come from demo/data.sql (schema demo).  These blocks run on a single server; on a Citus
-- coordinator the same statements run against distributed tables (docs/scaling.md).
SET search_path = demo, zjgov, public;

-- ## 5.1 Grades stored with UPDATE: the scale as a value (分级结果写回)
-- needs: credit_grade_by grade_scale_min_scores grade_scale_grades
-- Citus refuses a STABLE function with column references in a distributed UPDATE; the IMMUTABLE
-- credit_grade_by takes the scale as a value, read once from zjgov.grade_scale.
SELECT grade_scale_min_scores('public') AS "最低分", grade_scale_grades('public') AS "等级";
DROP TABLE IF EXISTS demo.firm_grade;
CREATE TABLE firm_grade AS SELECT id, name, (id * 37 % 100)::float8 AS score, NULL::credit_grade AS grade FROM enterprise;
UPDATE firm_grade SET grade = credit_grade_by(score, grade_scale_min_scores('public'), grade_scale_grades('public'));
SELECT grade AS "等级", count(*) AS "企业数", min(score) AS "最低分", max(score) AS "最高分"
  FROM firm_grade GROUP BY grade ORDER BY grade DESC;

-- ## 5.2 The catalogs every node must share (各节点目录一致)
-- needs: catalog_fingerprint
-- On Citus run SELECT * FROM zjgov.sync_catalogs() on the coordinator after changing a catalog:
-- it copies the user rows to every worker and compares this fingerprint on every node.
SELECT catalog_fingerprint() AS "目录指纹";

-- ## 5.3 A parallel plan gives the serial answer (并行 = 串行)
-- needs: jenks_breaks auc
SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT jenks_breaks(score, 4) AS "并行分段", auc(score, id % 3 = 0) AS "并行AUC" FROM firm_grade;
RESET max_parallel_workers_per_gather; RESET parallel_setup_cost; RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SELECT jenks_breaks(score, 4) AS "串行分段", auc(score, id % 3 = 0) AS "串行AUC" FROM firm_grade;
