#!/usr/bin/env bash
# jenks_breaks, quantile_breaks, equal_breaks and gvf against R classInt (an independent Fisher
# implementation, Debian r-cran-classint) on data sets of 1,000 to 4,000 values, some with ties.
# classInt prints class boundaries as midpoints between classes; we compare our thresholds with the
# smallest value above each midpoint.  Prints "RESULT <passed> <failed>" last.
set -uo pipefail
PSQL=("${ZJ_BIN:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}/psql" -X -q -At -v ON_ERROR_STOP=1)
if ! command -v Rscript >/dev/null || ! Rscript -e 'library(classInt)' >/dev/null 2>&1; then
  echo "SKIP R classInt is not installed"; echo "RESULT 0 0"; exit 0
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS zjgov CASCADE" >/dev/null 2>&1
passed=0; failed=0
for spec in "1 1000 5" "2 2000 7" "3 4000 4" "4 3000 6"; do
  set -- $spec; seed=$1; n=$2; k=$3
  # seed 2 rounds to whole numbers (many ties); seed 4 is skewed
  "${PSQL[@]}" >"$work/x$seed" <<SQL
SELECT setseed(0.$seed);
CREATE TEMP TABLE d AS SELECT CASE $seed WHEN 2 THEN round(random() * 300)
                                         WHEN 4 THEN exp(random() * 6)
                                         ELSE random() * 1000 + (random() * 5)::int * 400 END AS v
                        FROM generate_series(1, $n);
\copy d TO '$work/d$seed.txt'
SELECT array_to_string(zjgov.jenks_breaks(v, $k), ' ') FROM d;
SELECT array_to_string(zjgov.quantile_breaks(v, $k), ' ') FROM d;
SELECT array_to_string(zjgov.equal_breaks(v, $k), ' ') FROM d;
SELECT zjgov.gvf(v, (SELECT zjgov.jenks_breaks(v, $k) FROM d)) FROM d;
SQL
  sed -i '/^$/d' "$work/x$seed"
  Rscript --vanilla - "$work/d$seed.txt" "$work/x$seed" "$k" <<'R'
suppressMessages(library(classInt))
a <- commandArgs(TRUE); x <- scan(a[1], quiet = TRUE); ours <- readLines(a[2]); k <- as.integer(a[3])
num <- function(s) as.numeric(strsplit(s, " ")[[1]])
ok <- function(name, good) cat(if (good) "PASS" else "FAIL", name, "\n")
f <- classIntervals(x, k, style = "fisher", largeN = Inf)  # no sampling above 3000 values
mid <- f$brks[2:k]
first <- sapply(mid, function(t) min(x[x > t]))
ok("jenks = classInt fisher", isTRUE(all.equal(num(ours[1]), first, tolerance = 0)))
q <- unique(quantile(x, (1:(k - 1)) / k, type = 7, names = FALSE))
ok("quantile = R quantile type 7", isTRUE(all.equal(num(ours[2]), q, tolerance = 1e-12)))
e <- classIntervals(x, k, style = "equal", largeN = Inf)$brks[2:k]
ok("equal = classInt equal", isTRUE(all.equal(num(ours[3]), e, tolerance = 1e-12)))
ok("gvf = classInt jenks.tests", abs(as.numeric(ours[4]) - jenks.tests(f)[[2]]) < 1e-10)
R
done 2>&1 | tee "$work/log"
passed=$(grep -c '^PASS' "$work/log"); failed=$(grep -c '^FAIL' "$work/log")
[ $((passed + failed)) -eq 16 ] || failed=$((failed + 1))
echo "RESULT $passed $failed"
