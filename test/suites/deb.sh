#!/usr/bin/env bash
# deb: `make deb` builds postgresql-15-zjgov with Debian's PostgreSQL tooling; the package installs
# into the system with apt, a fresh cluster of the system's PostgreSQL creates the extension from
# the installed files and answers a smoke query; then the package is removed again.
# Needs root (it installs into /usr); otherwise one SKIP line.
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the Debian package suite installs into the system and needs root (run make deb yourself)"
  echo "RESULT 0 0"; exit 0
fi
work=$(mktemp -d /tmp/zjgov-deb-suite.XXXXXX); chmod 755 "$work"
sysbin=/usr/lib/postgresql/15/bin
pkg=postgresql-15-zjgov
dpkg_retry() {  # apt/dpkg, waiting for the lock another apt may hold
  local i
  for i in $(seq 1 60); do "$@" >>"$work/apt.log" 2>&1 && return 0
    grep -q 'lock' "$work/apt.log" || return 1; sleep 5; done; return 1
}
installed_before=1   # until the lock below is held, nothing of ours to remove
cleanup() {
  [ -f "$work/data/postmaster.pid" ] && runuser -u postgres -- "$sysbin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1
  if [ "$installed_before" -eq 0 ]; then DEBIAN_FRONTEND=noninteractive dpkg_retry apt-get remove -y -q $pkg; fi
  rm -rf "$work"
}
trap cleanup EXIT

if bash scripts/deb.sh "$work/deb" >"$work/build.log" 2>&1; then ok "make deb builds $(cd "$work/deb" && ls ${pkg}_*.deb)"
else bad "make deb:"; tail -n 30 "$work/build.log"; rel_result; exit 1; fi
deb=$(ls "$work"/deb/${pkg}_*_*.deb | head -n 1)
# one install/remove at a time on this machine (several checkouts may run their suites at once)
exec 9>/tmp/zjgov-deb-suite.lock
flock 9
installed_before=$(dpkg-query -W -f='${Status}' $pkg 2>/dev/null | grep -c 'install ok installed')
dpkg -c "$deb" >"$work/contents"
check "the package holds the library, the control file and every install/update script" \
  bash -c "grep -q '/lib/postgresql/15/lib/zjgov.so' '$work/contents' &&
           grep -q 'extension/zjgov.control' '$work/contents' &&
           grep -q 'extension/zjgov--1.0.sql' '$work/contents' &&
           grep -q 'extension/zjgov--1.0--1.1.sql' '$work/contents'"
check "the package depends on PostGIS for PostgreSQL 15" bash -c "dpkg -I '$deb' | grep -q 'postgresql-15-postgis-3'"

if DEBIAN_FRONTEND=noninteractive dpkg_retry apt-get install -y -q --no-install-recommends "$deb"; then
  ok "apt installs $pkg into the system"
else bad "apt install:"; tail -n 20 "$work/apt.log"; rel_result; exit 1; fi
check "dpkg lists $pkg as installed" bash -c "dpkg-query -W -f='\${Status}' $pkg | grep -q 'install ok installed'"
check "the system's extension directory has zjgov.control" test -f /usr/share/postgresql/15/extension/zjgov.control

# a cluster of the system's own PostgreSQL (not the test tree), on a private socket and port
mkdir -p "$work/data" "$work/sock" "$work/log"; chown postgres: "$work/data" "$work/sock" "$work/log"
port=$(( 20000 + RANDOM % 30000 ))
runuser -u postgres -- "$sysbin/initdb" -D "$work/data" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null &&
runuser -u postgres -- "$sysbin/pg_ctl" -D "$work/data" -l "$work/log/server.log" -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories='$work/sock' -c port=$port" start >/dev/null ||
  { bad "a system cluster starts"; cat "$work/log/server.log"; rel_result; exit 1; }
sq() { runuser -u postgres -- "$sysbin/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$work/sock" -p "$port" -d postgres "$@"; }
out=$(sq -c "SET client_min_messages = warning" -c "CREATE EXTENSION zjgov CASCADE" \
        -c "SELECT extversion FROM pg_extension WHERE extname = 'zjgov'" \
        -c "SELECT zjgov.version()" \
        -c "SELECT zjgov.colour_of(75, '{60,80}')::text, zjgov.credit_grade(85)::text" \
        -c "SELECT zjgov.sea_tier('SRID=4326;POINT(121.9 28.3)', 'SRID=4326;POINT(121.5 28.3)')" 2>&1)
echo "$out" | sed 's/^/  /'
check "CREATE EXTENSION zjgov from the installed package gives version 1.1" \
  [ "$(echo "$out" | sed -n 1p)" = "$(sed -n "s/^default_version = '\(.*\)'/\1/p" zjgov.control)" ]
check "the installed library answers zjgov.version()" [ "$(echo "$out" | sed -n 2p)" = "$(echo "$out" | sed -n 1p)" ]
# 75 lies in [60, 80): the middle of three classes, yellow; 85 on the public scale is B (B from 70, A from 90);
# (121.9, 28.3) is 0.4° of longitude = 39.2 km = 21.2 nm east of the point target: tier 3
check "a smoke query answers (colour_of, credit_grade, sea_tier)" [ "$(echo "$out" | sed -n 3,4p | tr '\n' ' ')" = "yellow|B 3 " ]
runuser -u postgres -- "$sysbin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1

if [ "$installed_before" -eq 0 ]; then
  if DEBIAN_FRONTEND=noninteractive dpkg_retry apt-get remove -y -q $pkg; then ok "apt removes $pkg"
  else bad "apt remove:"; tail -n 20 "$work/apt.log"; fi
  check "the library and the extension files are gone" \
    bash -c "! ls /usr/lib/postgresql/15/lib/zjgov.so /usr/share/postgresql/15/extension/zjgov* 2>/dev/null"
  installed_before=1   # nothing left for the cleanup to remove
fi
rel_result
