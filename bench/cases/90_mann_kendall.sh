# mann_kendall (trend test + exact Sen's slope, O(n log n)) on a noisy rising series, against the R
# a user writes without add-on packages: cor.test(method = "kendall") for the test and the median of
# all n(n-1)/2 pairwise slopes for Sen's slope.  That list needs 4n(n-1) bytes: 400 MB at 10k,
# 40 GB at 100k, where R stops ("cannot allocate vector"); the R variant runs up to 20k.
case_mann_kendall() {
  local n t
  for n in $(b_sizes 2000 "10000 100000" "10000 100000 1000000"); do
    b_begin mann_kendall "$(b_label "$n") points" "$n" mann_kendall || continue
    t=mk_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.16);
CREATE TABLE $t AS
  SELECT i AS t, 100 + 0.002 * i + 5 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS v
  FROM generate_series(1, $n) i;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT (r).s, (r).tau, (r).z, (r).slope FROM (SELECT zjgov.mann_kendall(v, t) AS r FROM $t) q"
    b_check zjgov "SELECT slope > 0, format('S %s, tau %s, Sen slope %s', s, round(tau::numeric, 6), slope) FROM bench_ans_zjgov"
    b_sql zjgov_2workers parallel "$B_PAR" "SELECT (r).s, (r).tau, (r).z, (r).slope FROM (SELECT zjgov.mann_kendall(v, t) AS r FROM $t) q"
    b_check zjgov_2workers "SELECT z.s = p.s AND z.slope = p.slope, format('S and Sen slope identical: %s', z.slope = p.slope)
      FROM bench_ans_zjgov z, bench_ans_zjgov_2workers p"
    if [ "$B_R" = 1 ] && [ "$n" -le 20000 ]; then
      b_cmd r_pairwise baseline "s float8, tau float8, slope float8" \
        "\"\$B_PSQL\" -X -q -d \"\$B_DB\" -c \"\\\\copy (SELECT t, v FROM $t) TO '\$B_OUTDIR/$t.csv' CSV HEADER\" &&
         Rscript bench/r/mann_kendall.R \"\$B_OUTDIR/$t.csv\" \"\$OUT\""
      b_check r_pairwise "SELECT abs(z.tau - r.tau) <= 1e-12 AND abs(z.slope - r.slope) <= 1e-12 * greatest(1, abs(r.slope)),
          format('tau %s vs %s, Sen slope %s vs %s (tolerance 1e-12)', round(z.tau::numeric, 9), round(r.tau::numeric, 9), z.slope, r.slope)
        FROM bench_ans_zjgov z, bench_ans_r_pairwise r"
    fi
    b_go
  done
}
