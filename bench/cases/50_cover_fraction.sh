# cover_fraction: 250 m square cells (EPSG:4549) against a hazard layer, the union of
# 200 round zones of random size; against ST_Area(ST_Intersection(cell, layer)) / ST_Area(cell)
# (the formulation in the issue) and the indexed variant a careful DBA writes (layer cut with
# ST_Subdivide into a GiST-indexed table, intersections summed per cell).
case_cover_fraction() {
  local n nx ny c l
  for n in $(b_sizes 400 10000 100000); do
    case $n in 400) nx=20; ny=20 ;; 10000) nx=100; ny=100 ;; 100000) nx=400; ny=250 ;; esac
    b_begin cover_fraction "$(b_label "$n") cells" "$n" cover_fraction || continue
    c=cov_cells_$n; l=cov_layer_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $c, $l, ${l}_parts;
SELECT setseed(0.53);
CREATE TABLE $c AS
  SELECT (i * $ny + j + 1)::int AS id, ST_MakeEnvelope(500000 + 250 * i, 3100000 + 250 * j, 500250 + 250 * i, 3100250 + 250 * j, 4549) AS geom
  FROM generate_series(0, $nx - 1) i, generate_series(0, $ny - 1) j;
CREATE TABLE $l AS
  SELECT ST_Multi(ST_Union(ST_Buffer(ST_SetSRID(ST_MakePoint(500000 + $nx * 250 * random(), 3100000 + $ny * 250 * random()), 4549),
                                     sqrt($nx * $ny) * 250 * (0.01 + 0.05 * random()), 'quad_segs=16'))) AS geom
  FROM generate_series(1, 200);
CREATE TABLE ${l}_parts AS SELECT ST_Subdivide(geom, 256) AS geom FROM $l;
CREATE INDEX ON ${l}_parts USING gist (geom);
ANALYZE $c; ANALYZE ${l}_parts;
SQL
    b_sql zjgov zjgov "" "SELECT c.id, zjgov.cover_fraction(c.geom, (SELECT geom FROM $l)) AS f FROM $c c"
    b_sql postgis_intersection baseline "" "SELECT c.id, ST_Area(ST_Intersection(c.geom, l.geom)) / ST_Area(c.geom) AS f FROM $c c CROSS JOIN $l l"
    b_check_rows postgis_intersection id f 1e-9
    B_CHECK[postgis_intersection]="SELECT ok, note || format('; cells inside / partly covered / outside: %s / %s / %s', i, p, o)
      FROM (${B_CHECK[postgis_intersection]}) c(ok, note),
           (SELECT count(*) FILTER (WHERE f = 1) i, count(*) FILTER (WHERE f > 0 AND f < 1) p, count(*) FILTER (WHERE f = 0) o
            FROM bench_ans_postgis_intersection) n"
    b_sql postgis_subdivided baseline "" "SELECT c.id, coalesce(sum(ST_Area(ST_Intersection(c.geom, s.geom))), 0) / ST_Area(c.geom) AS f
      FROM $c c LEFT JOIN ${l}_parts s ON ST_Intersects(c.geom, s.geom) GROUP BY c.id, c.geom"
    b_check_rows postgis_subdivided id f 1e-9
    b_go
  done
}
