#!/usr/bin/env bash
# Builds Citus once from the source archive beside the repository (../shared/vendor/citus-<v>.tar.xz,
# AGPL-3.0, never copied into the project) into a cache outside the clone, for the citus test suite.
# Usage: citus_build.sh ARCHIVE CACHE_DIR
# On success CACHE_DIR/install holds a DESTDIR image of `make install` (citus.so, extension files);
# CACHE_DIR/ok marks a finished build.  A lock keeps two suites from building at the same time.
set -euo pipefail
archive=$1; cache=$2
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
mkdir -p "$cache"
exec 9>"$cache/lock"
flock 9
[ -f "$cache/ok" ] && exit 0
rm -rf "$cache/src" "$cache/install"
mkdir -p "$cache/src"
tar -xJf "$archive" -C "$cache/src" --strip-components=1
cd "$cache/src"
# PostgreSQL 15.20 gained its own have_createdb_privilege(); Citus's static compat copy clashes.
sed -i 's/\bhave_createdb_privilege\b/citus_compat_have_createdb_privilege/g' \
    src/include/pg_version_compat.h src/backend/distributed/commands/serialize_distributed_ddls.c
./configure PG_CONFIG="$PG_CONFIG" --without-libcurl >"$cache/configure.log" 2>&1 ||
  { tail -n 20 "$cache/configure.log" >&2; exit 1; }
make -j2 >"$cache/make.log" 2>&1 || { tail -n 30 "$cache/make.log" >&2; exit 1; }
make install DESTDIR="$cache/install" >"$cache/install.log" 2>&1 ||
  { tail -n 20 "$cache/install.log" >&2; exit 1; }
touch "$cache/ok"
