# parallel: every zjgov aggregate serially and with 2 parallel workers over the same rows, as
# serial/parallel ratios in one run (the answers must agree).  The break aggregates, auc, ks and
# woe_bins sort in their partial states (sorted runs, distinct-value counts), so the leader's
# final function only merges; jenks_breaks then spends most of its time in the exact Fisher
# dynamic programme, which stays in the leader.  Sizes (full): jenks_breaks 2M rows, the others
# 5M; values log-normal (jenks_breaks, quantile_breaks, ...), risks rounded to 1e-6 with ties.
par_gen() {
  local n=$1 t=par_$1
  case " ${PAR_READY:-} " in *" $n "*) return 0 ;; esac
  b_gen <<SQL || return 1
DROP TABLE IF EXISTS $t;
SELECT setseed(0.57);
CREATE TABLE $t WITH (parallel_workers = 2) AS
  SELECT i AS id, CASE WHEN u < 0.7 THEN exp(1.0 + 0.6 * z) WHEN u < 0.95 THEN exp(2.5 + 0.4 * z) ELSE exp(4.0 + 0.3 * z) END AS v,
         round((1 / (1 + exp(-(z + 0.8 * e))))::numeric, 6)::float8 AS risk, random() < 1 / (1 + exp(-(2 * z - 2.5))) AS bad,
         ARRAY[100 * u, 50 + 10 * abs(z), exp(e), (i % 97)::float8, 1 + (i % 13)::float8] AS x
  FROM (SELECT i, random() AS u, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z,
               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS e
        FROM generate_series(1, $n) i) s;
ANALYZE $t;
SQL
  PAR_READY="${PAR_READY:-} $n"
}
par_one() { # aggregate label n call   (PAR_ONLY="f1 f2": only these aggregates)
  local f=$1 n=$3 t=par_$3
  [ -z "${PAR_ONLY:-}" ] || case " $PAR_ONLY " in *" $f "*) ;; *) return ;; esac
  b_begin "parallel $f" "$(b_label "$n") rows" "$n" "$f" || return
  par_gen "$n" || return
  b_sql zjgov zjgov "" "SELECT $4 AS r FROM $t"
  b_sql zjgov_2workers parallel "$B_PAR" "SELECT $4 AS r FROM $t"
  b_check zjgov_2workers "SELECT (SELECT r::text FROM bench_ans_zjgov) = (SELECT r::text FROM bench_ans_zjgov_2workers)
                            OR (SELECT bool_and(abs(a - b) <= 1e-12 * greatest(1, abs(a)))
                                  FROM unnest((SELECT ARRAY[r]::float8[] FROM bench_ans_zjgov) || '{}'::float8[],
                                              (SELECT ARRAY[r]::float8[] FROM bench_ans_zjgov_2workers) || '{}'::float8[]) u(a, b)),
                            'same answer as serial'"
  b_sql sum_float8 floor "" "SELECT sum(v) FROM $t"
  b_go
}
case_parallel() {
  local big small
  big=$(b_sizes 20000 500000 5000000); small=$(b_sizes 20000 200000 2000000)
  par_one jenks_breaks "" "$small" "zjgov.jenks_breaks(v, 7)"
  par_one quantile_breaks "" "$big" "zjgov.quantile_breaks(v, 7)"
  par_one headtail_breaks "" "$big" "zjgov.headtail_breaks(v)"
  par_one equal_breaks "" "$big" "zjgov.equal_breaks(v, 7)"
  par_one gvf "" "$big" "zjgov.gvf(v, '{3,7,15,40}')"
  par_one auc "" "$big" "zjgov.auc(risk, bad)"
  par_one ks "" "$big" "zjgov.ks(risk, bad)"
  par_one woe_bins "" "$big" "zjgov.woe_bins(risk, bad)::text"
  par_one entropy_weights "" "$big" "zjgov.entropy_weights(x)"
  par_one critic_weights "" "$big" "zjgov.critic_weights(x)"
  par_one logistic_fit "" "$small" "zjgov.logistic_fit(bad, ARRAY[risk, v])"
}
