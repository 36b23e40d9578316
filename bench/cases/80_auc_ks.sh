# auc and ks: risk scores with ties (rounded to 1e-6) and outcomes drawn from a logistic
# model; serial and with 2 workers; against the plain SQL (GROUP BY risk, then running sums in a
# window ORDER BY risk), PostgreSQL's own sort of the column (percentile_cont) and sum(float8).
cr_gen() {
  local n=$1 t=cr_$1
  case " ${CR_READY:-} " in *" $n "*) return 0 ;; esac
  b_gen <<SQL || return 1
DROP TABLE IF EXISTS $t;
SELECT setseed(0.93);
CREATE TABLE $t AS
  SELECT i AS id, round((1 / (1 + exp(-(z + 0.8 * e))))::numeric, 6)::float8 AS risk, random() < 1 / (1 + exp(-(2 * z - 2.5))) AS bad
  FROM (SELECT i, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z,
               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS e
        FROM generate_series(1, $n) i) s;
ANALYZE $t;
SQL
  CR_READY="${CR_READY:-} $n"
}
cr_case() { # name n
  local f=$1 n=$2 t=cr_$2 sql
  b_begin "$f" "$(b_label "$n") rows" "$n" "$f" || return
  cr_gen "$n" || return
  b_sql zjgov zjgov "" "SELECT zjgov.$f(risk, bad) AS r FROM $t"
  b_sql zjgov_2workers parallel "$B_PAR" "SELECT zjgov.$f(risk, bad) AS r FROM $t"
  b_check_arr zjgov_2workers "SELECT ARRAY[r] FROM bench_ans_zjgov" "SELECT ARRAY[r] FROM bench_ans_zjgov_2workers" 1e-12
  b_sql sum_float8 floor "" "SELECT sum(risk) FROM $t"
  b_sql percentile_cont floor "" "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY risk) FROM $t"
  if [ "$f" = auc ]; then
    sql="WITH g AS (SELECT risk, count(*) FILTER (WHERE bad) AS b, count(*) FILTER (WHERE NOT bad) AS g FROM $t GROUP BY risk),
      c AS (SELECT b, g, sum(g) OVER (ORDER BY risk ROWS UNBOUNDED PRECEDING) - g AS below FROM g)
      SELECT (sum(b * (below + 0.5 * g)) / (sum(b) * sum(g)))::float8 AS r FROM c"
  else
    sql="WITH g AS (SELECT risk, count(*) FILTER (WHERE bad) AS b, count(*) FILTER (WHERE NOT bad) AS g FROM $t GROUP BY risk),
      c AS (SELECT sum(b) OVER w AS cb, sum(g) OVER w AS cg FROM g WINDOW w AS (ORDER BY risk ROWS UNBOUNDED PRECEDING)),
      n AS (SELECT sum(b) AS nb, sum(g) AS ng FROM g)
      SELECT max(abs(cb / nb - cg / ng))::float8 AS r FROM c, n"
  fi
  b_sql sql_window baseline "" "$sql"
  b_check_arr sql_window "SELECT ARRAY[r] FROM bench_ans_zjgov" "SELECT ARRAY[r] FROM bench_ans_sql_window" 1e-9
  b_go
}
case_auc() { local n; for n in $(b_sizes 20000 1000000 10000000); do cr_case auc "$n"; done; }
case_ks()  { local n; for n in $(b_sizes 20000 1000000 10000000); do cr_case ks "$n"; done; }
