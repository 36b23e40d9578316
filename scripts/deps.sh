#!/usr/bin/env bash
# Installs the Debian 12 packages zjgov needs to build, test and demo.
# As root: apt-get install.  Otherwise: print the one sudo line and fail.
# Usage: deps.sh [test|demo|bench|stress|deb]   (test is the default)
set -euo pipefail
want=${1:-test}

# build, pg_regress, pgTAP, and the other suites of `make test` (R references, sqlsmith, xmllint,
# rsvg-convert for the map checks, gnuplot for the benchmark smoke test, python3 for GeoJSON checks)
pkgs=(postgresql-15 postgresql-server-dev-15 postgresql-15-postgis-3 postgresql-15-postgis-3-scripts
      libgeos-dev postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl make gcc
      libxml2-utils r-cran-spdep r-cran-classint r-cran-sf sqlsmith librsvg2-bin gnuplot-nox python3)
# what each 1.1 area adds to `make test` (one line an area)
pkgs+=(debhelper dpkg-dev fakeroot postgresql-server-dev-all)   # house: upgrade suite, Debian package
pkgs+=(liblz4-dev libzstd-dev libkrb5-dev)   # scale-out: Citus build (the citus suite builds it from ../shared/vendor when the server has none)
pkgs+=(r-cran-surveillance)   # time: R surveillance
pkgs+=()   # rules
pkgs+=()   # tracks
pkgs+=()   # regions
pkgs+=()   # models
pkgs+=(gettext locales python3-qgis chromium fonts-noto-cjk)   # people: messages, QGIS, the cockpit
command -v npm >/dev/null || pkgs+=(nodejs npm)
case $want in
  demo)   pkgs+=(fonts-noto-cjk) ;;
  stress) pkgs+=(valgrind) ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
# the messages suite needs the zh_CN.UTF-8 locale of the OS (SET lc_messages = 'zh_CN.UTF-8')
need_locale() {
  [ "$want" != deb ] && ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'
}
make_locale() {
  need_locale || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "the Chinese message tests need the zh_CN.UTF-8 locale; create it with:" >&2
    echo "sudo sh -c \"echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen && locale-gen\"" >&2
    return 0
  fi
  grep -qx 'zh_CN.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null || echo 'zh_CN.UTF-8 UTF-8' >>/etc/locale.gen
  locale-gen >/dev/null 2>&1 || echo "locale-gen failed: the Chinese message tests will be skipped" >&2
}
[ ${#missing[@]} -eq 0 ] && { make_locale; exit 0; }

if [ "$(id -u)" -ne 0 ]; then
  echo "zjgov needs these Debian packages; install them with:" >&2
  echo "sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
# Debian's postgresql-15 would create and start a 'main' cluster; we only want the binaries.
mkdir -p /etc/postgresql-common/createcluster.d
echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/zjgov.conf
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || true
apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/zjgov-apt.log 2>&1 || {
  tail -n 30 /tmp/zjgov-apt.log >&2; exit 1; }
make_locale
