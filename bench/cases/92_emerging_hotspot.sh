# emerging_hotspot (space-time Gi* + Mann-Kendall per location + categories) on a hexagon grid
# (ST_HexagonGrid, 100 m, EPSG:4549) x 24 monthly periods with an emerging and a fading cluster and
# noise, against the R a user writes: spdep poly2nb, the space-time neighbour list (the location's
# queen neighbours and itself, this and the previous period), localG with include.self, then
# cor.test(method = "kendall") of each location's z series.  Answers: z of every bin (1e-9) and
# tau of every location.
case_emerging() {
  local n nx ny T=24 t
  for n in $(b_sizes 100 "10000" "10000 40000"); do
    case $n in 100) nx=10; ny=10; T=8 ;; 10000) nx=100; ny=100 ;; 40000) nx=200; ny=200 ;; esac
    b_begin emerging_hotspot "$(b_label "$n") hexagons x $T periods" "$((n * T))" emerging_hotspot || continue
    t=eh_$n
    b_gen <<SQL || continue
DROP TABLE IF EXISTS $t;
SELECT setseed(0.18);
CREATE TABLE $t AS
  WITH g AS (SELECT h.i, h.j, h.geom
             FROM ST_HexagonGrid(100, ST_MakeEnvelope(500000, 3100000, 500000 + ($nx + 4) * 150, 3100000 + ($ny + 4) * 173.3, 4549)) h),
       m AS (SELECT min(i) AS i0, min(j) AS j0 FROM g),
       c AS (SELECT g.*, ST_X(ST_Centroid(g.geom)) - 500000 AS x, ST_Y(ST_Centroid(g.geom)) - 3100000 AS y
             FROM g, m WHERE g.i BETWEEN m.i0 + 1 AND m.i0 + $nx AND g.j BETWEEN m.j0 + 1 AND m.j0 + $ny),
       l AS (SELECT row_number() OVER (ORDER BY i, j)::int AS loc, geom, x, y FROM c)
  SELECT loc, geom, p,
         5 + 0.4 * p * exp(greatest(-700, -((x - 0.3 * $nx * 150) ^ 2 + (y - 0.4 * $ny * 173.2) ^ 2) / (2 * 1200.0 ^ 2)))
           + 0.4 * ($T - p) * exp(greatest(-700, -((x - 0.7 * $nx * 150) ^ 2 + (y - 0.7 * $ny * 173.2) ^ 2) / (2 * 900.0 ^ 2)))
           + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS v
  FROM l, generate_series(1, $T) p;
ANALYZE $t;
SQL
    b_sql zjgov zjgov "" "SELECT loc * 100 + p AS k, loc, (h).z, (h).tau, (h).category
      FROM (SELECT loc, p, zjgov.emerging_hotspot(v, geom, p, 'queen', 1) OVER () AS h FROM $t) s"
    b_check zjgov "SELECT count(*) = $((n * T)), format('%s bins; %s', count(*),
        (SELECT string_agg(category || ' ' || c, ', ' ORDER BY c DESC) FROM (SELECT category, count(DISTINCT loc) c FROM bench_ans_zjgov GROUP BY 1) k))
      FROM bench_ans_zjgov"
    if [ "$B_R" = 1 ]; then
      b_cmd r_spdep baseline "k int, z float8, tau float8" \
        "\"\$B_PSQL\" -X -q -d \"\$B_DB\" -c \"\\\\copy (SELECT loc, p, v, CASE WHEN p = 1 THEN ST_AsText(geom) END AS wkt FROM $t ORDER BY loc, p) TO '\$B_OUTDIR/$t.csv' CSV HEADER\" &&
         Rscript bench/r/emerging.R \"\$B_OUTDIR/$t.csv\" \"\$OUT\""
      b_check_rows r_spdep k "z tau" 1e-9
    fi
    b_go
  done
}
