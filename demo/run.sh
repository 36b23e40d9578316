#!/usr/bin/env bash
# `make demo`: the four zjgov analyses on real Taizhou geography, and the risk map.
#
#   bash demo/run.sh                      throwaway cluster (built and stopped by scripts/cluster.sh)
#   PGHOST=... PGDATABASE=... bash demo/run.sh
#                                         an existing server where zjgov is installed (make install);
#                                         runs CREATE EXTENSION IF NOT EXISTS zjgov CASCADE there and
#                                         (re)creates schema demo (refusing to drop a schema demo it
#                                         did not make; ZJ_DEMO_FORCE=1 overrides) and the models
#                                         demo_town and demo_credit in zjgov.indicator
#
# Writes demo/out/risk_map.svg, demo/out/risk_map.png and demo/out/grid.geojson.
# The SQL files demo/1_spatial.sql … demo/4_credit.sql are plain SQL a user can copy. They are cut
# into sections at lines "-- ## title"; a section whose "-- needs:" line names a zjgov function
# this build lacks is skipped with a message instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)
scale=${ZJ_DEMO_SCALE:-1}

bash scripts/deps.sh demo

if [ -n "${PGHOST:-}" ] || [ -n "${PGDATABASE:-}" ]; then
  PSQL=/usr/lib/postgresql/15/bin/psql
  [ -x "$PSQL" ] || PSQL=psql
  q() { "$PSQL" -X -v ON_ERROR_STOP=1 -q "$@"; }
  echo "-- existing server: ${PGHOST:-(default host)} database ${PGDATABASE:-(default)}" >&2
  create="CREATE EXTENSION IF NOT EXISTS zjgov CASCADE"
else
  . scripts/cluster.sh
  zj_up
  q() { zj_psql "$@"; }
  create="CREATE EXTENSION zjgov CASCADE"
fi

# Schema demo is ours only if an earlier run made it (its comment says so): never drop a user's.
mark='zjgov demo data (demo/run.sh drops and rebuilds this schema)'
owner=$(q -At -c "SELECT coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace WHERE nspname = 'demo'")
if [ -n "$(q -At -c "SELECT 1 FROM pg_namespace WHERE nspname = 'demo'")" ] && [ "$owner" != "$mark" ] &&
   [ -z "${ZJ_DEMO_FORCE:-}" ]; then
  echo "schema demo exists in this database and was not made by the zjgov demo; not touching it." >&2
  echo "Use another database (PGDATABASE=...), or ZJ_DEMO_FORCE=1 to drop it anyway." >&2
  exit 1
fi
q -c "SET client_min_messages = warning" -c "$create" || {
  echo "could not create the extension: install zjgov into that server first (make && sudo make install)" >&2
  exit 1; }

# The functions this build of zjgov has (sections that need a missing one are skipped).
have=" $(q -At -c "SELECT string_agg(DISTINCT p.proname, ' ') FROM pg_proc p JOIN pg_namespace n
                        ON n.oid = p.pronamespace WHERE n.nspname = 'zjgov'") "

# run_sections FILE: feed FILE to psql; sections needing a missing function become a note.
run_sections() {
  awk -v have="$have" -v sq="'" -f "$root/demo/sections.awk" "$1" |
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" q -P pager=off -P null=- -P footer=off
}

echo "== loading the demo data (scale $scale) =="
q -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS demo CASCADE" -c "CREATE SCHEMA demo" \
  -c "COMMENT ON SCHEMA demo IS '$mark'"
PGOPTIONS="${PGOPTIONS:-} -c search_path=demo,public -c client_min_messages=warning" q -f data/counties.sql
q -P footer=off -v scale="$scale" -f demo/data.sql

for f in demo/[0-9]*_*.sql; do
  echo
  echo "################ $f: $(sed -n '1s/^-- *//p' "$f")"
  run_sections "$f"
done

echo
echo "== the risk map and the GeoJSON grid =="
mkdir -p demo/out
rm -f demo/out/risk_map.svg demo/out/risk_map.png demo/out/grid.geojson
(cd demo/out && run_sections ../map.sql)
if [ -s demo/out/risk_map.svg ]; then
  xmllint --noout demo/out/risk_map.svg
  rsvg-convert -w 1600 -b white demo/out/risk_map.svg -o demo/out/risk_map.png
fi
for f in demo/out/risk_map.svg demo/out/risk_map.png demo/out/grid.geojson; do
  if [ -s "$f" ]; then printf '   %-28s %8d bytes\n' "$f" "$(stat -c %s "$f")"
  else printf '   %-28s (not written)\n' "$f"; fi
done
echo
echo "demo finished in $(( $(date +%s) - start )) s."
echo "Every table above comes from a short SQL file you can copy: demo/1_spatial.sql (sea tiers,"
echo "hot spots), demo/2_indicators.sql (AHP + entropy scoring), demo/3_colours.sql (three- and"
echo "four-colour warnings), demo/4_credit.sql (credit grades, scorecard). Open demo/out/risk_map.png."
