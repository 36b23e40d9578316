# kernel_density: quartic kernel, bandwidth 500 m, at grid centroids (250 m spacing,
# EPSG:4549) from clustered incidents (60 % in 50 Gaussian clusters, 40 % uniform), against the
# SQL a user writes: ST_DWithin join on a GiST-indexed point table, kernel summed with GROUP BY.
case_kernel_density() {
  local n m nx ny c p
  for n in $(b_sizes 400 10000 100000); do
    case $n in 400) nx=20; ny=20; m=5000 ;; 10000) nx=100; ny=100; m=100000 ;; 100000) nx=400; ny=250; m=1000000 ;; esac
    b_begin kernel_density "$(b_label "$n") cells × $(b_label "$m") points" "$n" kernel_density || continue
    c=kde_cells_$n; p=kde_pts_$m
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $c, $p;
SELECT setseed(0.44);
CREATE TABLE $c AS
  SELECT (i * $ny + j + 1)::int AS id, ST_SetSRID(ST_MakePoint(500125 + 250 * i, 3100125 + 250 * j), 4549) AS geom
  FROM generate_series(0, $nx - 1) i, generate_series(0, $ny - 1) j;
CREATE TABLE $p AS
  WITH k AS (SELECT k, 500000 + $nx * 250 * random() AS cx, 3100000 + $ny * 250 * random() AS cy FROM generate_series(1, 50) k),
       r AS (SELECT i, random() AS u, 1 + floor(random() * 50)::int AS k,
                    sqrt(-2 * ln(1 - random())) AS rr, 2 * pi() * random() AS th, random() AS ux, random() AS uy
             FROM generate_series(1, $m) i)
  SELECT r.i AS id,
         ST_SetSRID(CASE WHEN r.u < 0.6 THEN ST_MakePoint(k.cx + 800 * r.rr * cos(r.th), k.cy + 800 * r.rr * sin(r.th))
                         ELSE ST_MakePoint(500000 + $nx * 250 * r.ux, 3100000 + $ny * 250 * r.uy) END, 4549) AS geom
  FROM r JOIN k USING (k);
CREATE INDEX ON $p USING gist (geom);
ANALYZE $c; ANALYZE $p;
SQL
    b_sql zjgov zjgov "" "SELECT c.id, zjgov.kernel_density(c.geom, (SELECT ST_Collect(geom) FROM $p), 500) AS d FROM $c c"
    b_sql postgis_dwithin baseline "" "SELECT c.id,
        coalesce(sum(3 / (pi() * 500 ^ 2) * (1 - (ST_Distance(c.geom, p.geom) / 500) ^ 2) ^ 2), 0) AS d
      FROM $c c LEFT JOIN $p p ON ST_DWithin(c.geom, p.geom, 500) GROUP BY c.id"
    b_check_rows postgis_dwithin id d 1e-9 1e-12
    b_go
  done
}
