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
# Writes into demo/out (ZJ_DEMO_OUT=DIR elsewhere): risk_map.svg and risk_map.png (svg_map),
# grid.geojson, qgis_map.png (demo/zjgov.qgs rendered by QGIS), cockpit/ (the browser cockpit page
# with its data) and cockpit.png (a headless-Chromium screenshot of it), pg_service.conf (the
# service "zjgov_demo" that demo/zjgov.qgs reads).
# The SQL files demo/1_spatial.sql … demo/4_credit.sql are plain SQL a user can copy. They are cut
# into sections at lines "-- ## title"; a section whose "-- needs:" line names a zjgov function
# this build lacks is skipped with a message instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)
scale=${ZJ_DEMO_SCALE:-1}
out=$(realpath -m "${ZJ_DEMO_OUT:-demo/out}")

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
  PSQL=$ZJ_BIN/psql
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
q -P footer=off -v scale="$scale" ${ZJ_DEMO_HEX:+-v hex=$ZJ_DEMO_HEX} -f demo/data.sql

for f in demo/[0-9]*_*.sql; do
  echo
  echo "################ $f: $(sed -n '1s/^-- *//p' "$f")"
  run_sections "$f"
done

echo
echo "== the risk map and the GeoJSON grid =="
mkdir -p "$out"
rm -rf "$out"/risk_map.svg "$out"/risk_map.png "$out"/grid.geojson "$out"/qgis_map.png "$out"/cockpit "$out"/cockpit.png
(cd "$out" && run_sections "$root/demo/map.sql")
if [ -s "$out"/risk_map.svg ]; then
  xmllint --noout "$out"/risk_map.svg
  rsvg-convert -w 1600 -b white "$out"/risk_map.svg -o "$out"/risk_map.png
fi

echo
echo "== map layers for QGIS and the cockpit (demo/layers.sql) =="
run_sections demo/layers.sql
# the PostgreSQL service demo/zjgov.qgs reads (QGIS: set PGSERVICEFILE to this file, or copy the
# entry into ~/.pg_service.conf)
q -At -c "SELECT format(E'[zjgov_demo]\\nhost=%s\\nport=%s\\ndbname=%s\\nuser=%s',
                 coalesce(nullif(current_setting('unix_socket_directories'), ''), 'localhost'),
                 current_setting('port'), current_database(), current_user)" >"$out/pg_service.conf"
if [ -n "${PGHOST:-}" ] && [ "${PGHOST#/}" = "$PGHOST" ]; then   # a TCP host: use it, not the socket
  sed -i "s|^host=.*|host=$PGHOST|" "$out/pg_service.conf"
fi
# ZJ_DEMO_PICTURES=0 leaves out the QGIS and browser pictures (the maps suite makes its own)
pictures=${ZJ_DEMO_PICTURES:-1}
if [ "$pictures" = 0 ]; then
  :
elif [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import qgis.core' 2>/dev/null; then
  PGSERVICEFILE="$out/pg_service.conf" QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp} \
    /usr/bin/python3 demo/qgis/render.py demo/zjgov.qgs "$out/qgis_map.png" 2>&1 | grep -v '^QStandardPaths' || true
else
  echo "   (python3-qgis is not installed: no QGIS picture)"
fi
if PSQL=$PSQL bash demo/cockpit/build.sh "$out/cockpit" >/dev/null && [ "$pictures" != 0 ]; then
  port=$(( 20000 + RANDOM % 30000 ))
  python3 -m http.server --bind 127.0.0.1 "$port" --directory "$out/cockpit" >/dev/null 2>&1 &
  srv=$!
  sleep 0.5
  echo '{}' >"$out/cockpit/.expect.json"
  (cd demo/cockpit && node check.js "http://127.0.0.1:$port/index.html" "$out/cockpit.png" "$out/cockpit/.expect.json") |
    grep -v '^ok' || true
  rm -f "$out/cockpit/.expect.json"
  kill "$srv" 2>/dev/null || true
elif [ "$pictures" != 0 ]; then
  echo "   (the cockpit page could not be built)"
fi
for f in "$out"/risk_map.svg "$out"/risk_map.png "$out"/grid.geojson "$out"/qgis_map.png \
         "$out"/cockpit/data/cockpit.json "$out"/cockpit.png; do
  if [ -s "$f" ]; then printf '   %-44s %8d bytes\n' "${f#$root/}" "$(stat -c %s "$f")"
  else printf '   %-44s (not written)\n' "${f#$root/}"; fi
done
echo
echo "demo finished in $(( $(date +%s) - start )) s."
echo "Every table above comes from a short SQL file you can copy: $(ls demo/[0-9]*_*.sql | tr '\n' ' ')"
echo "Pictures: ${out#$root/}/risk_map.png (svg_map), ${out#$root/}/qgis_map.png (QGIS, demo/zjgov.qgs),"
echo "${out#$root/}/cockpit.png (the cockpit page). To open the cockpit in a browser:"
echo "  python3 -m http.server --bind 127.0.0.1 8000 --directory ${out#$root/}/cockpit   # then http://127.0.0.1:8000/"
echo "To open demo/zjgov.qgs in QGIS against a demo database, point PGSERVICEFILE at ${out#$root/}/pg_service.conf."
