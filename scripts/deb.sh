#!/usr/bin/env bash
# `make deb`: build the Debian package postgresql-15-zjgov with Debian's PostgreSQL tooling
# (pg_buildext, postgresql-server-dev-all) from the files git tracks, into build/deb/.
# Usage: bash scripts/deb.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-build/deb}")
bash scripts/deps.sh deb
ver=$(sed -n "s/^default_version = '\(.*\)'/\1/p" zjgov.control)
tmp=$(mktemp -d /tmp/zjgov-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/zjgov-$ver
mkdir -p "$src" "$out"
# the tracked files (plus uncommitted edits of them), never build products or local clutter
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$src"/
else
  cp -a . "$src"/ && rm -rf "$src"/build
fi
# the package version follows zjgov.control
chver=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
[ "${chver%.0}" = "$ver" ] || { echo "debian/changelog says $chver, zjgov.control says $ver" >&2; exit 1; }
(cd "$src" && dpkg-buildpackage -us -uc -b >"$tmp/build.log" 2>&1) || { tail -n 40 "$tmp/build.log" >&2; exit 1; }
cp "$tmp"/*.deb "$out"/
ls "$out"/*.deb
