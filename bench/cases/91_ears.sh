# ears (EARS C1, C2, C3) on many daily series of counts, against R surveillance::earsC called per
# series and method as a user would (sts object, default controls).  Answers: the upper bounds of
# all three methods, 1e-9 relative.
case_ears() {
  local n t
  for n in $(b_sizes 20 "1000 10000" "1000 10000"); do
    b_begin ears "$(b_label "$n") series x 365 days" "$((n * 365))" ears || continue
    t=ears_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.17);
CREATE TABLE $t AS
  SELECT s, d, round(20 + 5 * sin(d / 7.0 + s) + 4 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())
                   + CASE WHEN d BETWEEN 200 + s % 50 AND 204 + s % 50 THEN 15 ELSE 0 END)::float8 AS v
  FROM generate_series(1, $n) s, generate_series(1, 365) d;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT s, d, (c1).upper AS u1, (c2).upper AS u2, (c3).upper AS u3
      FROM (SELECT s, d, zjgov.ears(v, 'C1') OVER w AS c1, zjgov.ears(v, 'C2') OVER w AS c2, zjgov.ears(v, 'C3') OVER w AS c3
              FROM $t WINDOW w AS (PARTITION BY s ORDER BY d)) q"
    if [ "$B_R" = 1 ]; then
      b_cmd r_surveillance baseline "s int, d int, u1 float8, u2 float8, u3 float8" \
        "\"\$B_PSQL\" -X -q -d \"\$B_DB\" -c \"\\\\copy (SELECT s, d, v FROM $t ORDER BY s, d) TO '\$B_OUTDIR/$t.csv' CSV HEADER\" &&
         Rscript bench/r/ears.R \"\$B_OUTDIR/$t.csv\" \"\$OUT\""
      b_check r_surveillance "SELECT count(*) FILTER (WHERE NOT ok) = 0 AND count(*) = $((n * 365)),
          format('%s rows, %s differ (upper bounds of C1, C2, C3, tolerance 1e-9 relative)', count(*), count(*) FILTER (WHERE NOT ok))
        FROM (SELECT (z.u1 IS NULL AND b.u1 IS NULL OR abs(z.u1 - b.u1) <= 1e-9 * greatest(1, abs(b.u1)))
                 AND (z.u2 IS NULL AND b.u2 IS NULL OR abs(z.u2 - b.u2) <= 1e-9 * greatest(1, abs(b.u2)))
                 AND (z.u3 IS NULL AND b.u3 IS NULL OR abs(z.u3 - b.u3) <= 1e-9 * greatest(1, abs(b.u3))) AS ok
                FROM bench_ans_zjgov z FULL JOIN bench_ans_r_surveillance b USING (s, d)) c"
    fi
    b_go
  done
}
