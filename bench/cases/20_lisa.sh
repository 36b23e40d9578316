# Hotspots: queen weights + local_moran (999 permutations) + getis_ord Gi* on a hexagon
# grid (ST_HexagonGrid, 100 m, EPSG:4549) with a smooth trend, two hot spots and noise; against
# R spdep as a user runs it (export with psql, st_as_sf, poly2nb, localmoran_perm, localG) and a
# PostGIS-only SQL formulation (ST_Touches self-join + GROUP BY; no permutation inference).
# Compared: Ii and Gi* (deterministic); permutation z and p depend on each tool's random numbers.
case_lisa() {
  local n nx ny t
  for n in $(b_sizes 400 "10000" "10000 100000 250000"); do
    case $n in 400) nx=20; ny=20 ;; 10000) nx=100; ny=100 ;; 100000) nx=400; ny=250 ;; 250000) nx=500; ny=500 ;; esac
    b_begin local_moran+getis_ord "$(b_label "$n") hexagons" "$n" local_moran getis_ord || continue
    t=hex_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.62);
CREATE TABLE $t AS
  WITH g AS (SELECT h.i, h.j, h.geom
             FROM ST_HexagonGrid(100, ST_MakeEnvelope(500000, 3100000, 500000 + ($nx + 4) * 150, 3100000 + ($ny + 4) * 173.3, 4549)) h),
       m AS (SELECT min(i) AS i0, min(j) AS j0 FROM g),
       c AS (SELECT g.*, ST_X(ST_Centroid(g.geom)) - 500000 AS x, ST_Y(ST_Centroid(g.geom)) - 3100000 AS y
             FROM g, m WHERE g.i BETWEEN m.i0 + 1 AND m.i0 + $nx AND g.j BETWEEN m.j0 + 1 AND m.j0 + $ny)
  SELECT row_number() OVER (ORDER BY i, j)::int AS id, geom,
         10 + 3 * sin(x / 3000) * cos(y / 2500)
            + 8 * exp(greatest(-700, -((x - 0.3 * $nx * 150) ^ 2 + (y - 0.4 * $ny * 173.2) ^ 2) / (2 * 1500.0 ^ 2)))
            + 6 * exp(greatest(-700, -((x - 0.7 * $nx * 150) ^ 2 + (y - 0.7 * $ny * 173.2) ^ 2) / (2 * 800.0 ^ 2)))
            + 2 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS v
  FROM c ORDER BY i, j;
CREATE INDEX ON $t USING gist (geom);
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT id, (lm).ii, (lm).z AS lm_z, (lm).p AS lm_p, (lm).quadrant, (go).z AS gstar
      FROM (SELECT id, zjgov.local_moran(v, geom, 'queen', 999, 42) OVER () AS lm,
                   zjgov.getis_ord(v, geom, 'queen', true) OVER () AS go FROM $t) s"
    if [ "$B_R" = 1 ]; then
      b_cmd r_spdep baseline "id int, ii float8, lm_z float8, lm_p float8, gstar float8, nnb int" \
        "\"\$B_PSQL\" -X -q -d \"\$B_DB\" -c \"\\\\copy (SELECT id, v, ST_AsText(geom) AS wkt FROM $t ORDER BY id) TO '\$B_OUTDIR/$t.csv' CSV HEADER\" &&
         Rscript bench/r/lisa.R \"\$B_OUTDIR/$t.csv\" \"\$OUT\""
      b_check_rows r_spdep id "ii gstar" 1e-9
      B_CHECK[r_spdep]="SELECT ok, note || format('; p < 0.05 agrees on %s%% of rows', pa) FROM (${B_CHECK[r_spdep]}) c(ok, note),
        (SELECT round(100 * avg(((z.lm_p < 0.05) = (b.lm_p < 0.05))::int), 1) AS pa FROM bench_ans_zjgov z JOIN bench_ans_r_spdep b USING (id)) p"
    fi
    b_sql postgis_touches baseline "" "WITH st AS (SELECT avg(v) AS m, var_pop(v) AS s2, count(*) AS n FROM $t),
           nb AS (SELECT a.id, count(*) AS deg, sum(b.v) AS sv FROM $t a JOIN $t b ON ST_Touches(a.geom, b.geom) GROUP BY a.id)
      SELECT h.id, (h.v - st.m) * (nb.sv / nb.deg - st.m) / st.s2 AS ii,
             (nb.sv + h.v - (nb.deg + 1) * st.m) / sqrt(st.s2 * (st.n * (nb.deg + 1) - (nb.deg + 1) ^ 2) / (st.n - 1)) AS gstar
      FROM $t h JOIN nb USING (id) CROSS JOIN st"
    b_check_rows postgis_touches id "ii gstar" 1e-9
    b_go
  done
}
