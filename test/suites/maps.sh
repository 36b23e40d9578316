#!/usr/bin/env bash
# maps: the demo's pictures outside psql.  Runs `make demo`'s script at a small scale against the
# test cluster (database zjgov_maps), then:
#  - renders demo/zjgov.qgs headless with QGIS (python3-qgis) and checks that each layer drew and that
#    the pixels at the centres of known grid cells have the colour zjgov gave them (colour_hex);
#  - opens the cockpit page (demo/cockpit) in headless Chromium, waits for MapLibre's idle event, and
#    checks the layers, the summary panels, the same pixels, and an error-free console;
#  - the page again with a layer missing and another empty (a "no data" note, no error), and with no
#    data at all (an empty-state message).
set -uo pipefail
cd "$(dirname "$0")/../.."
. test/lib/reliability.sh
db=zjgov_maps
work=$(mktemp -d /tmp/zjgov-maps.XXXXXX); chmod 755 "$work"
srv=
cleanup() { [ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$work"; "$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1; }
trap cleanup EXIT
for need in /usr/bin/chromium node; do
  command -v "$need" >/dev/null || { echo "SKIP: $need is missing (bash scripts/deps.sh test installs it)"; echo "RESULT 0 0"; exit 0; }
done
"$ZJ_BIN/dropdb" --if-exists $db >/dev/null 2>&1; "$ZJ_BIN/createdb" $db || { echo "RESULT 0 1"; exit 1; }

if PGDATABASE=$db ZJ_DEMO_PICTURES=0 ZJ_DEMO_SCALE=0.15 ZJ_DEMO_HEX=1000 ZJ_DEMO_OUT=$work/out PSQL=$ZJ_BIN/psql \
     bash demo/run.sh >"$work/demo.log" 2>&1; then ok "the demo runs at scale 0.15 and builds its map layers"
else bad "the demo:"; tail -n 30 "$work/demo.log"; rel_result; exit 1; fi

# expectations from the database: for each colour of the grid, the centre of the busiest cell of that
# colour must show colour_hex of that colour (hexagons are convex: the centroid is inside)
rel_val -d $db -c "SELECT json_build_object(
    'layers', (SELECT json_agg(id ORDER BY sort) FROM demo.map_layer WHERE visible),
    'emptyPage', false,
    'pixels', json_agg(json_build_object('lon', ST_X(p), 'lat', ST_Y(p), 'hex', hex,
                                         'what', 'grid cell ' || id || ' (' || colour || ')') ORDER BY colour))
  FROM (SELECT DISTINCT ON (colour) id, colour, zjgov.colour_hex(colour::zjgov.colour) AS hex,
               ST_Transform(ST_Centroid(ST_Transform(geom, 4550)), 4326) AS p
          FROM demo.layer_grid ORDER BY colour, incidents DESC, id) s" >"$work/expect.json"
check "the demo lists the base layers (sea, county, grid, vessel) among those shown" \
  python3 -c "import json,sys; l = json.load(open(sys.argv[1]))['layers']; sys.exit(not {'sea','county','grid','vessel'} <= set(l))" "$work/expect.json"
check "the grid has cells of at least two colours to look for" \
  [ "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['pixels']))" "$work/expect.json")" -ge 2 ]

# ---------------------------------------------------------------- QGIS
if /usr/bin/python3 -c 'import qgis.core' 2>/dev/null; then
  PGSERVICEFILE=$work/out/pg_service.conf QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work \
    timeout 300 /usr/bin/python3 demo/qgis/render.py demo/zjgov.qgs "$work/out/qgis_map.png" "$work/expect.json" \
    >"$work/qgis.log" 2>&1
  grep -E '^(ok|not ok) ' "$work/qgis.log" | while read -r l; do echo "$l"; done
  REL_P=$((REL_P + $(grep -c '^ok ' "$work/qgis.log"))); nf=$(grep -c '^not ok ' "$work/qgis.log")
  REL_F=$((REL_F + nf))
  [ -s "$work/out/qgis_map.png" ] || { bad "QGIS wrote no picture:"; tail -n 20 "$work/qgis.log"; }
else
  bad "python3-qgis is not importable (bash scripts/deps.sh test installs it)"
fi

# ---------------------------------------------------------------- the cockpit in Chromium
serve() {  # serve DIR: a static server on 127.0.0.1 for the page; sets url
  [ -n "$srv" ] && kill "$srv" 2>/dev/null
  local port; port=$(( 20000 + RANDOM % 30000 ))
  python3 -m http.server --bind 127.0.0.1 "$port" --directory "$1" >/dev/null 2>&1 &
  srv=$!; url="http://127.0.0.1:$port/index.html"
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0; sleep 0.1; done
}
page() {  # page DIR EXPECT SHOT: run the Chromium checks, count their lines
  serve "$1"
  (cd demo/cockpit && timeout 300 node check.js "$url" "$3" "$2") >"$work/page.log" 2>&1
  cat "$work/page.log"
  REL_P=$((REL_P + $(grep -c '^ok ' "$work/page.log"))); REL_F=$((REL_F + $(grep -c '^not ok ' "$work/page.log")))
  grep -qE '^(ok|not ok) ' "$work/page.log" || { bad "the page checks did not run"; }
}
check "make demo built the cockpit and its data" test -s "$work/out/cockpit/data/cockpit.json"
page "$work/out/cockpit" "$work/expect.json" "$work/out/cockpit.png"

# a layer missing from the data and another empty: drawn without them, a note for each, no error
cp -r "$work/out/cockpit" "$work/partial"
python3 - "$work/partial/data/cockpit.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['layers'] = [l for l in d['layers'] if l['id'] != 'grid']
for l in d['layers']:
    if l['id'] == 'vessel':
        l['data'] = {'type': 'FeatureCollection', 'features': []}
json.dump(d, open(sys.argv[1], 'w'))
PY
echo '{"layers": ["sea", "county"], "missing": ["grid", "vessel"], "emptyPage": false}' >"$work/expect2.json"
page "$work/partial" "$work/expect2.json" "$work/partial.png"

# no layer at all: the page says so instead of showing a blank map
cp -r "$work/out/cockpit" "$work/empty"
echo '{"as_of": null, "summary": {}, "layers": []}' >"$work/empty/data/cockpit.json"
echo '{"layers": [], "missing": ["grid", "sea"], "emptyPage": true}' >"$work/expect3.json"
page "$work/empty" "$work/expect3.json" "$work/empty.png"
rel_result
