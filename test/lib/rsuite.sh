# Sourced by the suites that compare zjgov with R (test/suites/*spdep.sh, surveillance.sh):
#   r_suite NAME "R packages" "Debian packages"
# skips the suite (SKIP line, RESULT 0 0) unless Rscript loads the packages, then makes
#   bin    the server's bin directory      tmp   a scratch directory (mode 755: the server reads it)
#   db     a database of the suite's own   psql  the psql command line for it (ON_ERROR_STOP)
# and drops both on exit.
r_suite() {
  local name=$1 pkgs=$2 debs=$3 libs="" p
  for p in $pkgs; do libs="$libs library($p);"; done
  if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e "suppressMessages({$libs})" >/dev/null 2>&1; then
    echo "SKIP $name: Rscript with the R packages $pkgs is not available (Debian: apt-get install $debs)"
    echo "RESULT 0 0"
    exit 0
  fi
  bin=${ZJ_BIN:-/usr/lib/postgresql/15/bin}
  tmp=$(mktemp -d)
  chmod 755 "$tmp"
  db=zjgov_${name}_$$
  "$bin/createdb" "$db" || { echo "RESULT 0 1"; exit 1; }
  trap '"$bin/dropdb" --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
  psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -d "$db")
}
