# jenks_breaks: exact natural breaks, k = 7, on skewed values (log-normal mixture)
# against R classInt style = "fisher" (exact: largeN = Inf, no sampling) and a plain SQL ntile
# approach (equal-count classes, not optimal). Reported: within-class sum of squares of each.
case_jenks() {
  local n t
  for n in $(b_sizes 2000 "10000 100000" "10000 100000 1000000"); do
    b_begin jenks_breaks "$(b_label "$n")" "$n" jenks_breaks || continue
    t=jk_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.31);
CREATE TABLE $t AS
  SELECT i AS id,
         CASE WHEN u < 0.7 THEN exp(1.0 + 0.6 * z) WHEN u < 0.95 THEN exp(2.5 + 0.4 * z) ELSE exp(4.0 + 0.3 * z) END AS v
  FROM (SELECT i, random() AS u,
               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
        FROM generate_series(1, $n) i) s;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT zjgov.jenks_breaks(v, 7) AS breaks FROM $t"
    b_check zjgov "SELECT cardinality(breaks) = 6, format('within-class SS %s', round(bench_wcss(breaks, '$t')::numeric, 4))
                   FROM bench_ans_zjgov"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT zjgov.jenks_breaks(v, 7) AS breaks FROM $t"
    b_check_arr zjgov_2workers "SELECT breaks FROM bench_ans_zjgov" "SELECT breaks FROM bench_ans_zjgov_2workers" 0
    b_sql sum_float8 floor "" "SELECT sum(v) FROM $t"
    b_sql sql_ntile baseline "" "SELECT array_agg(lo ORDER BY c) FILTER (WHERE c > 1) AS breaks
      FROM (SELECT c, min(v) AS lo FROM (SELECT v, ntile(7) OVER (ORDER BY v) AS c FROM $t) s GROUP BY c) g"
    b_check sql_ntile "SELECT b.ss >= z.ss * (1 - 1e-12),
        format('within-class SS %s = %s%% above the optimum (not an exact method)', round(b.ss::numeric, 4), round((100 * (b.ss / z.ss - 1))::numeric, 1))
      FROM (SELECT bench_wcss(breaks, '$t') ss FROM bench_ans_zjgov) z, (SELECT bench_wcss(breaks, '$t') ss FROM bench_ans_sql_ntile) b"
    if [ "$B_R" = 1 ]; then
      b_cmd r_classint baseline "i int, th float8" \
        "\"\$B_PSQL\" -X -q -d \"\$B_DB\" -c \"\\\\copy (SELECT v FROM $t) TO '\$B_OUTDIR/$t.csv' CSV HEADER\" &&
         Rscript bench/r/jenks.R \"\$B_OUTDIR/$t.csv\" 7 \"\$OUT\""
      b_check r_classint "SELECT coalesce(bool_and(coalesce(z = r, false)), false) AND count(*) = 6,
          format('same 6 thresholds (exact); within-class SS %s', round(bench_wcss((SELECT array_agg(th ORDER BY i) FROM bench_ans_r_classint), '$t')::numeric, 4))
        FROM unnest((SELECT breaks FROM bench_ans_zjgov), (SELECT array_agg(th ORDER BY i) FROM bench_ans_r_classint)) u(z, r)"
      b_cmd r_classint_default baseline "i int, th float8" \
        "\"\$B_PSQL\" -X -q -d \"\$B_DB\" -c \"\\\\copy (SELECT v FROM $t) TO '\$B_OUTDIR/$t.csv' CSV HEADER\" &&
         Rscript bench/r/jenks.R \"\$B_OUTDIR/$t.csv\" 7 \"\$OUT\" default"
      b_check r_classint_default "SELECT b.ss >= z.ss * (1 - 1e-12),
          format('classInt defaults (a 10%% sample above 3000 values): within-class SS %s = %s%% above the optimum',
                 round(b.ss::numeric, 4), round((100 * (b.ss / z.ss - 1))::numeric, 3))
        FROM (SELECT bench_wcss(breaks, '$t') ss FROM bench_ans_zjgov) z,
             (SELECT bench_wcss((SELECT array_agg(th ORDER BY i) FROM bench_ans_r_classint_default), '$t') ss) b"
    fi
    b_go
  done
}
