# zone_rings: band polygons around a multipart target, against the PostGIS-only
# formulation (each buffer once, in a materialized CTE, then ST_Difference of consecutive ones).
# Two targets: incident points (a MULTIPOINT in a 60 km square, EPSG:4549, bands 300 m and 1 km,
# heavily overlapping circles) and, from SCALE=small, the coast of Taizhou and Zhoushan (359
# parts, EPSG:4550) with the 3 and 20 nm sea bands.  Answers: each band's area, within 1e-6.
case_zone_rings() {
  local n t target
  for target in $(b_sizes "500" "10000 coast" "100000 coast"); do
    t=zr_$target
    if [ "$target" = coast ]; then
      b_begin zone_rings "coast, 359 parts, 3 + 20 nm" 359 zone_rings nm || continue
      b_gen <<SQL || continue
\i data/counties.sql
DROP TABLE IF EXISTS $t;
CREATE TABLE $t AS SELECT ST_Transform(ST_Union(geom), 4550) AS g, ARRAY[5556, 37040]::float8[] AS bands FROM zj_county;
SQL
    else
      n=$target
      b_begin zone_rings "$(b_label "$n") points, 300 m + 1 km" "$n" zone_rings || continue
      b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.35);
CREATE TABLE $t AS
  SELECT ST_SetSRID(ST_Collect(ST_MakePoint(500000 + 60000 * random(), 3100000 + 60000 * random())), 4549) AS g,
         ARRAY[300, 1000]::float8[] AS bands
  FROM generate_series(1, $n);
SQL
    fi
    b_sql zjgov zjgov "" "SELECT r.band, ST_Area(r.geom) AS a FROM $t, zjgov.zone_rings($t.g, $t.bands) r"
    b_sql postgis_buffer baseline "" "WITH b AS MATERIALIZED (
        SELECT g, ST_Buffer(g, bands[1], 'quad_segs=32') AS b1, ST_Buffer(g, bands[2], 'quad_segs=32') AS b2 FROM $t)
      SELECT 0 AS band, ST_Area(g) AS a FROM b
      UNION ALL SELECT 1, ST_Area(ST_Difference(b1, g)) FROM b
      UNION ALL SELECT 2, ST_Area(ST_Difference(b2, b1)) FROM b"
    b_check_rows postgis_buffer band a 1e-6
    b_go
  done
}
