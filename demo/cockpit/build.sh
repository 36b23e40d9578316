#!/usr/bin/env bash
# Builds the cockpit page into OUTDIR (default demo/out/cockpit): the page, MapLibre GL from the npm
# registry (installed here with npm ci, copied into OUTDIR/vendor, never committed), and
# OUTDIR/data/cockpit.json from the demo database (the views demo.layer_* listed in demo.map_layer,
# and demo.cockpit_summary; see demo/layers.sql).
#   PGHOST=... PGPORT=... PGDATABASE=... bash demo/cockpit/build.sh [OUTDIR]
# PSQL names the psql to use (default: psql on PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "${1:-$here/../out/cockpit}")
PSQL=${PSQL:-psql}
command -v npm >/dev/null || { echo "the cockpit needs Node.js and npm (sudo apt-get install -y nodejs npm)" >&2; exit 1; }
if [ ! -f "$here/node_modules/maplibre-gl/dist/maplibre-gl.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    { echo "npm ci failed in demo/cockpit" >&2; exit 1; }
fi
mkdir -p "$out/vendor" "$out/data"
cp "$here/index.html" "$here/cockpit.js" "$here/cockpit.css" "$out/"
cp "$here/node_modules/maplibre-gl/dist/maplibre-gl.js" "$here/node_modules/maplibre-gl/dist/maplibre-gl.css" \
   "$out/vendor/"
cp "$here/node_modules/maplibre-gl/LICENSE.txt" "$out/vendor/LICENSE.maplibre-gl.txt"
"$PSQL" -X -q -At -v ON_ERROR_STOP=1 -o "$out/data/cockpit.json" <<'SQL'
SET search_path = demo, zjgov, public;
SET TimeZone = 'Asia/Shanghai';
CREATE FUNCTION pg_temp.layer_geojson(layer text) RETURNS json LANGUAGE plpgsql AS $f$
DECLARE r json;
BEGIN
  IF to_regclass(format('demo.%I', 'layer_' || layer)) IS NULL THEN RETURN NULL; END IF;
  EXECUTE format('SELECT json_build_object(''type'', ''FeatureCollection'', ''features'',
                   coalesce(json_agg(public.ST_AsGeoJSON(t.*, ''geom'', 6)::json), ''[]''::json))
                   FROM demo.%I t', 'layer_' || layer) INTO r;
  RETURN r;
END $f$;
SELECT json_build_object(
  'as_of', s.doc -> 'as_of',
  'summary', s.doc,
  'layers', (SELECT json_agg(json_build_object('id', m.id, 'title', m.title, 'kind', m.kind, 'sort', m.sort,
                                               'basemap', m.basemap, 'visible', m.visible, 'data', pg_temp.layer_geojson(m.id))
                             ORDER BY m.sort)
               FROM demo.map_layer m))
  FROM demo.cockpit_summary s;
SQL
echo "$out/index.html"
