# entropy_weights: n entities × 20 non-negative indicators of different skew, serial and
# with 2 workers, against sum(float8) over the same rows and the same formula in plain SQL (unnest
# WITH ORDINALITY, column totals and Σ x ln x, then the d_j and w_j of docs/indicators.md).
case_entropy_weights() {
  local n t
  for n in $(b_sizes 10000 100000 1000000); do
    b_begin entropy_weights "$(b_label "$n") × 20" "$n" entropy_weights || continue
    t=ent_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.18);
CREATE TABLE $t AS
  SELECT i AS id, x, x[1] AS s
  FROM (SELECT i, ARRAY(SELECT 100 * random() ^ (j / 4.0) + j * (i % 3) FROM generate_series(1, 20) j) AS x
        FROM generate_series(1, $n) i) q;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT zjgov.entropy_weights(x) AS w FROM $t"
    b_check zjgov "SELECT cardinality(w) = 20 AND abs((SELECT sum(u) FROM unnest(w) u) - 1) < 1e-12, 'weights sum to 1' FROM bench_ans_zjgov"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT zjgov.entropy_weights(x) AS w FROM $t"
    b_check_arr zjgov_2workers "SELECT w FROM bench_ans_zjgov" "SELECT w FROM bench_ans_zjgov_2workers" 1e-12
    b_sql sum_float8 floor "" "SELECT sum(s) FROM $t"
    b_sql sql_unnest baseline "" "WITH c AS (
        SELECT j, sum(v) AS t, sum(CASE WHEN v > 0 THEN v * ln(v) ELSE 0 END) AS xl
        FROM $t, unnest(x) WITH ORDINALITY u(v, j) GROUP BY j),
      d AS (SELECT j, CASE WHEN t > 0 THEN 1 + (xl / t - ln(t)) / ln((SELECT count(*) FROM $t)) ELSE 0 END AS d FROM c)
      SELECT array_agg(CASE WHEN sd > 0 THEN d / sd ELSE 1.0 / cnt END ORDER BY j) AS w
      FROM (SELECT j, d, sum(d) OVER () AS sd, count(*) OVER () AS cnt FROM d) q"
    b_check_arr sql_unnest "SELECT w FROM bench_ans_zjgov" "SELECT w FROM bench_ans_sql_unnest" 1e-9
    b_go
  done
}
