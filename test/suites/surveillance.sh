#!/usr/bin/env bash
# R surveillance agreement of ears (EARS C1, C2, C3) with surveillance::earsC: upper bounds to 1e-9
# (relative) and identical alarms, on earsC's own example series (sim.pointSource as in its help
# page, seeded) and the 12 district series of the Berlin hepatitis A data set ha.sts that ships with
# the package, under the defaults and other baselines, alphas and minimum sigmas.  R writes the
# series, zjgov computes ears over them, R recomputes earsC and compares.
set -uo pipefail
cd "$(dirname "$0")/../.."

. test/lib/rsuite.sh
r_suite surveillance "surveillance" "r-cran-surveillance"

# the configurations compared: method, baseline, alpha (NA = the method's default), min_sigma
cat >"$tmp/configs.csv" <<'CSV'
cfg,method,baseline,alpha,min_sigma
1,C1,7,NA,0
2,C2,7,NA,0
3,C3,7,NA,0
4,C3,7,0.001,0
5,C1,10,0.05,0.5
6,C2,5,0.01,0.25
7,C3,12,0.1,1
CSV

cat >"$tmp/series.R" <<'R'
suppressMessages(library(surveillance))
dir <- commandArgs(TRUE)[1]
set.seed(20261203)
# the series of earsC's help example
sim <- sim.pointSource(p = 0.99, r = 0.5, length = 208, A = 1, alpha = 1, beta = 0, phi = 0,
                       frequency = 1, state = NULL, K = 1.7)
obs <- list(sim = sim$observed)
data("ha.sts")
for (j in seq_len(ncol(ha.sts))) obs[[colnames(ha.sts)[j]]] <- as.numeric(observed(ha.sts)[, j])
out <- do.call(rbind, lapply(names(obs), function(s) data.frame(series = s, i = seq_along(obs[[s]]), x = obs[[s]])))
write.csv(out, file.path(dir, "series.csv"), row.names = FALSE)
R
Rscript "$tmp/series.R" "$tmp" >"$tmp/r1.log" 2>&1 || { cat "$tmp/r1.log"; echo "RESULT 0 1"; exit 1; }

"${psql[@]}" >"$tmp/psql.log" 2>&1 <<SQL || { cat "$tmp/psql.log"; echo "RESULT 0 1"; exit 1; }
CREATE EXTENSION IF NOT EXISTS zjgov CASCADE;
CREATE TABLE series (series text, i int, x float8);
CREATE TABLE configs (cfg int, method text, baseline int, alpha text, min_sigma float8);
\copy series FROM '$tmp/series.csv' CSV HEADER
\copy configs FROM '$tmp/configs.csv' CSV HEADER
\copy (SELECT c.cfg, s.series, s.i, (zjgov.ears(s.x, c.method, c.baseline, nullif(c.alpha, 'NA')::float8, c.min_sigma) OVER (PARTITION BY c.cfg, s.series ORDER BY s.i)).* FROM series s CROSS JOIN configs c ORDER BY c.cfg, s.series, s.i) TO '$tmp/ours.csv' CSV HEADER
SQL

cat >"$tmp/check.R" <<'R'
suppressMessages(library(surveillance))
dir <- commandArgs(TRUE)[1]
passed <- 0; failed <- 0
ser <- read.csv(file.path(dir, "series.csv")); cfg <- read.csv(file.path(dir, "configs.csv"))
ours <- read.csv(file.path(dir, "ours.csv"), na.strings = "")
ours$alarm <- ifelse(is.na(ours$alarm), NA, ours$alarm == "t")
for (k in seq_len(nrow(cfg))) {
  m <- cfg$method[k]; B <- cfg$baseline[k]; lag <- switch(m, C1 = B, C2 = B + 2, C3 = B + 4)
  up_diff <- 0; alarm_bad <- 0; null_bad <- 0; n_cmp <- 0
  for (s in unique(ser$series)) {
    x <- ser$x[ser$series == s]; n <- length(x)
    ctl <- list(method = m, baseline = B, minSigma = cfg$min_sigma[k], range = (lag + 1):n)
    if (!is.na(cfg$alpha[k])) ctl$alpha <- cfg$alpha[k]
    r <- earsC(sts(observed = matrix(x, ncol = 1)), control = ctl)
    o <- ours[ours$cfg == cfg$cfg[k] & ours$series == s, ]
    o <- o[order(o$i), ]
    # rows before the range: NULL (no history yet)
    null_bad <- null_bad + sum(!is.na(o$upper[1:lag])) + sum(!is.na(o$alarm[1:lag]))
    ub <- as.numeric(upperbound(r)); al <- as.logical(alarms(r))
    ou <- o$upper[(lag + 1):n]; oa <- as.logical(o$alarm[(lag + 1):n])
    same_na <- is.na(ou) == is.na(ub)
    up_diff <- max(up_diff, if (all(same_na)) max(c(0, abs(ou - ub)[!is.na(ub)] / pmax(1, abs(ub[!is.na(ub)])))) else Inf)
    alarm_bad <- alarm_bad + sum(xor(is.na(oa), is.na(al))) + sum(oa != al, na.rm = TRUE)
    n_cmp <- n_cmp + length(ub)
  }
  name <- sprintf("earsC %s baseline %d alpha %s minSigma %g (%d rows, %d series)", m, B,
                  ifelse(is.na(cfg$alpha[k]), "default", format(cfg$alpha[k])), cfg$min_sigma[k], n_cmp,
                  length(unique(ser$series)))
  ok <- up_diff <= 1e-9
  cat(sprintf("%s %s: upper bound (max rel diff %.2e)\n", if (ok) "ok" else "not ok", name, up_diff))
  if (ok) passed <- passed + 1 else failed <- failed + 1
  ok <- alarm_bad == 0
  cat(sprintf("%s %s: alarms (%d differ)\n", if (ok) "ok" else "not ok", name, alarm_bad))
  if (ok) passed <- passed + 1 else failed <- failed + 1
  ok <- null_bad == 0
  cat(sprintf("%s %s: NULL before %d rows of history (%d not NULL)\n", if (ok) "ok" else "not ok", name, lag, null_bad))
  if (ok) passed <- passed + 1 else failed <- failed + 1
}
cat(sprintf("RESULT %d %d\n", passed, failed))
R

Rscript "$tmp/check.R" "$tmp" 2>&1 | grep -v -E '^(Loading required|This is surveillance)'
