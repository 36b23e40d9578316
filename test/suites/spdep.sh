#!/usr/bin/env bash
# R spdep agreement (to 1e-9) of local_moran Ii, getis_ord Gi* and Gi, moran (moran.test under
# randomisation), spatial_lag, eb_rate (EBest) and p_adjust (p.adjust) on generated data:
# a square grid with holes and an island (queen, rook) and scattered points (knn, distance).
# The data and zjgov's results are exported with psql; Rscript recomputes everything with spdep.
set -uo pipefail
cd "$(dirname "$0")/../.."

. test/lib/rsuite.sh
r_suite spdep "spdep sf" "r-cran-spdep r-cran-sf"

"${psql[@]}" >"$tmp/psql.log" 2>&1 <<SQL || { cat "$tmp/psql.log"; echo "RESULT 0 1"; exit 1; }
CREATE EXTENSION IF NOT EXISTS zjgov CASCADE;
SET search_path = public, zjgov;
-- a 15 x 12 grid of unit squares with holes, plus one island far away
CREATE TEMP TABLE cells AS
SELECT row_number() OVER (ORDER BY i, j)::bigint AS id,
       ST_MakeEnvelope(i, j, i + 1, j + 1) AS geom,
       round((sin(i * 0.7) * cos(j * 0.5) * 10 + i * 0.3 + ((i * 13 + j * 7) % 5))::numeric, 3)::float8 AS x,
       ((i * 17 + j * 11) % 23)::float8 AS events,
       (100 + (i * 29 + j * 31) % 200)::float8 AS pop
  FROM generate_series(0, 14) i, generate_series(0, 11) j
 WHERE (i * 7 + j * 3) % 11 <> 0
UNION ALL
SELECT 1000, ST_MakeEnvelope(30, 30, 31, 31), 4.5, 3, 150;
-- a hexagon grid (the shape of grid-cell data in practice)
CREATE TEMP TABLE hex AS
SELECT row_number() OVER (ORDER BY h.i, h.j)::bigint AS id, h.geom
  FROM ST_HexagonGrid(1.3, ST_MakeEnvelope(100.05, 20.05, 118, 35.7)) h;
-- 60 scattered points without distance ties
CREATE TEMP TABLE pts AS
SELECT k::bigint AS id,
       ST_MakePoint(((k * 7919) % 1000) / 10.0 + k * 0.0013, ((k * 104729) % 997) / 10.0 + k * 0.0007) AS geom,
       round((cos(k * 0.37) * 5 + (k % 7))::numeric, 3)::float8 AS x
  FROM generate_series(1, 60) k;

\copy (SELECT id, ST_AsText(geom) AS wkt, x, events, pop, (local_moran(x, geom, 'queen', 0) OVER ()).ii AS ii_q, (local_moran(x, geom, 'rook', 0) OVER ()).ii AS ii_r, (getis_ord(x, geom) OVER ()).z AS gs_q, (getis_ord(x, geom, 'queen', false) OVER ()).z AS g_q, (getis_ord(x, geom, 'rook') OVER ()).p AS gs_r_p, (local_moran(x, geom, 'queen', 19999, 5) OVER ()).z AS zperm_q, spatial_lag(x, geom) OVER () AS lag_q, eb_rate(events, pop) OVER () AS eb, cardinality(neighbours(id, geom) OVER ()) AS card_q FROM cells ORDER BY id) TO '$tmp/cells.csv' CSV HEADER
\copy (SELECT (m).i, (m).expected, (m).variance, (m).z, (m).p, (r).i AS ri, (r).variance AS rvariance, (r).z AS rz FROM (SELECT moran(x, geom) AS m, moran(x, geom, 'rook') AS r FROM cells) s) TO '$tmp/moran.csv' CSV HEADER
\copy (SELECT id, ST_X(geom) AS px, ST_Y(geom) AS py, x, (local_moran(x, geom, 'knn:4', 0) OVER ()).ii AS ii_k, spatial_lag(x, geom, 'knn:4') OVER () AS lag_k, (getis_ord(x, geom, 'knn:4') OVER ()).z AS gs_k, (getis_ord(x, geom, 'distance:20') OVER ()).z AS gs_d, (getis_ord(x, geom, 'distance:20', false) OVER ()).z AS g_d FROM pts ORDER BY id) TO '$tmp/pts.csv' CSV HEADER
\copy (SELECT (m).i, (m).expected, (m).variance, (m).z, (m).p, (d).i AS di, (d).variance AS dvariance, (d).z AS dz FROM (SELECT moran(x, geom, 'knn:4') AS m, moran(x, geom, 'distance:20') AS d FROM pts) s) TO '$tmp/moran_pts.csv' CSV HEADER
\copy (SELECT id, ST_AsText(geom) AS wkt, cardinality(neighbours(id, geom) OVER ()) AS card_q, cardinality(neighbours(id, geom, 'rook') OVER ()) AS card_r FROM hex ORDER BY id) TO '$tmp/hex.csv' CSV HEADER
\i data/counties.sql
\copy (SELECT code, ST_AsText(geom) AS wkt, array_to_string(neighbours(code::bigint, geom) OVER (), ',') AS q, array_to_string(neighbours(code::bigint, geom, 'rook') OVER (), ',') AS r FROM zj_county ORDER BY code) TO '$tmp/county.csv' CSV HEADER
\copy (SELECT id, p, p_adjust(p) OVER () AS bh, p_adjust(p, 'bonferroni') OVER () AS bonf, p_adjust(p, 'holm') OVER () AS holm FROM (SELECT id, (getis_ord(x, geom) OVER ()).p FROM cells) s ORDER BY id) TO '$tmp/padj.csv' CSV HEADER
SQL

cat >"$tmp/check.R" <<'R'
suppressMessages({library(spdep); library(sf)})
args <- commandArgs(TRUE); dir <- args[1]
rd <- function(f) read.csv(file.path(dir, f))
passed <- 0; failed <- 0
check <- function(name, ours, ref, tol = 1e-9) {
  ours <- as.numeric(ours); ref <- as.numeric(ref)
  ok <- length(ours) == length(ref) && all(is.na(ours) == is.na(ref))
  d <- if (ok) max(c(0, abs(ours - ref)[!is.na(ref)] / pmax(1, abs(ref[!is.na(ref)])))) else Inf
  if (ok && d <= tol) { passed <<- passed + 1; cat(sprintf("ok %s (max rel diff %.2e)\n", name, d)) }
  else { failed <<- failed + 1; cat(sprintf("not ok %s (max rel diff %g, n %d vs %d)\n", name, d, length(ours), length(ref))) }
}
invisible(set.ZeroPolicyOption(TRUE))
cells <- rd("cells.csv")
g <- st_as_sfc(cells$wkt)
nbq <- poly2nb(g, queen = TRUE); nbr <- poly2nb(g, queen = FALSE)
cq <- card(nbq); cr <- card(nbr)
check("queen neighbour counts (poly2nb)", cells$card_q, cq)
lwq <- nb2listw(nbq, style = "W"); lwr <- nb2listw(nbr, style = "W")
na_if <- function(v, card) { v[card == 0] <- NA; v }
check("localmoran Ii, queen", cells$ii_q, na_if(localmoran(cells$x, lwq)[, "Ii"], cq))
# the permutation z against spdep's exact conditional-randomisation moments (E.Ii, Var.Ii):
# with 19999 draws the estimate is within a few hundredths
lmq <- localmoran(cells$x, lwq)
zc <- na_if(as.numeric(lmq[, "Z.Ii"]), cq)
ok <- !is.na(zc) & !is.na(cells$zperm_q)
check(sprintf("permutation z vs conditional Z.Ii (statistical: max |dz| %.4f, |Z| up to %.1f)",
              max(abs(cells$zperm_q[ok] - zc[ok])), max(abs(zc[ok]))),
      all(abs(cells$zperm_q[ok] - zc[ok]) <= 0.03 + 0.01 * abs(zc[ok])), TRUE, 0)
check("localmoran Ii, rook", cells$ii_r, na_if(localmoran(cells$x, lwr)[, "Ii"], cr))
check("localG Gi*, queen", cells$gs_q, na_if(as.numeric(localG(cells$x, nb2listw(include.self(nbq), style = "B"))), cq))
check("localG Gi, queen", cells$g_q, na_if(as.numeric(localG(cells$x, nb2listw(nbq, style = "B"))), cq))
gr <- as.numeric(localG(cells$x, nb2listw(include.self(nbr), style = "B")))
check("localG Gi* two-sided p, rook", cells$gs_r_p, na_if(2 * pnorm(abs(gr), lower.tail = FALSE), cr))
check("lag.listw, queen", cells$lag_q, na_if(lag.listw(lwq, cells$x), cq))
check("EBest", cells$eb, EBest(cells$events, cells$pop)$estmm)
m <- rd("moran.csv")
mt <- moran.test(cells$x, lwq, randomisation = TRUE, adjust.n = FALSE)
check("moran.test I, E, Var, z, p (queen)", c(m$i, m$expected, m$variance, m$z, m$p),
      c(mt$estimate, mt$statistic, mt$p.value))
mr <- moran.test(cells$x, lwr, randomisation = TRUE, adjust.n = FALSE)
check("moran.test I, Var, z (rook)", c(m$ri, m$rvariance, m$rz), c(mr$estimate[1], mr$estimate[3], mr$statistic))

pts <- rd("pts.csv")
xy <- cbind(pts$px, pts$py)
nbk <- knn2nb(knearneigh(xy, k = 4)); lwk <- nb2listw(nbk, style = "W")
check("localmoran Ii, knn:4", pts$ii_k, localmoran(pts$x, lwk)[, "Ii"])
check("lag.listw, knn:4", pts$lag_k, lag.listw(lwk, pts$x))
check("localG Gi*, knn:4", pts$gs_k, as.numeric(localG(pts$x, nb2listw(include.self(nbk), style = "B"))))
nbd <- dnearneigh(xy, 0, 20); cd <- card(nbd)
check("localG Gi*, distance:20", pts$gs_d, na_if(as.numeric(localG(pts$x, nb2listw(include.self(nbd), style = "B"))), cd))
check("localG Gi, distance:20", pts$g_d, na_if(as.numeric(localG(pts$x, nb2listw(nbd, style = "B"))), cd))
mp <- rd("moran_pts.csv")
mk <- moran.test(pts$x, lwk, randomisation = TRUE, adjust.n = FALSE)
check("moran.test I, E, Var, z, p (knn:4, asymmetric)", c(mp$i, mp$expected, mp$variance, mp$z, mp$p),
      c(mk$estimate, mk$statistic, mk$p.value))
md <- moran.test(pts$x, nb2listw(nbd, style = "W"), randomisation = TRUE, adjust.n = FALSE)
check("moran.test I, Var, z (distance:20)", c(mp$di, mp$dvariance, mp$dz), c(md$estimate[1], md$estimate[3], md$statistic))

hex <- rd("hex.csv")
nbh <- poly2nb(st_as_sfc(hex$wkt), queen = TRUE)
check("hexagon grid queen neighbours (poly2nb)", hex$card_q, card(nbh))
check("hexagon grid rook neighbours (poly2nb)", hex$card_r, card(poly2nb(st_as_sfc(hex$wkt), queen = FALSE)))
# real digitised boundaries: the county polygons of Taizhou and Zhoushan (data/counties.sql)
cty <- rd("county.csv"); cg <- st_as_sfc(cty$wkt)
nbs <- function(nb) sapply(nb, function(v) paste(sort(cty$code[v[v > 0]]), collapse = ","))
q <- ifelse(is.na(cty$q), "", as.character(cty$q)); r <- ifelse(is.na(cty$r), "", as.character(cty$r))
check("county queen neighbour sets (poly2nb)", q == nbs(poly2nb(cg, queen = TRUE)), rep(TRUE, nrow(cty)), 0)
check("county rook neighbour sets (poly2nb)", r == nbs(poly2nb(cg, queen = FALSE)), rep(TRUE, nrow(cty)), 0)
pa <- rd("padj.csv"); ok <- !is.na(pa$p)
check("p.adjust BH", pa$bh[ok], p.adjust(pa$p[ok], "BH"))
check("p.adjust bonferroni", pa$bonf[ok], p.adjust(pa$p[ok], "bonferroni"))
check("p.adjust holm", pa$holm[ok], p.adjust(pa$p[ok], "holm"))
cat(sprintf("RESULT %d %d\n", passed, failed))
R

Rscript "$tmp/check.R" "$tmp" 2>&1 | grep -v -E '^(Linking|To access|package with|repos=)'
