#!/usr/bin/env bash
# R spdep agreement of the weights by distance ('knn:K:idw', ':exp:ALPHA', 'distance:D:dpd:ALPHA')
# on sf's nc.shp (100 North Carolina counties) projected to NC State Plane (EPSG:32119, metres).
# R reads the same polygons, takes their centroids (st_centroid: GEOS, as PostGIS), builds
# knearneigh / dnearneigh neighbours and spdep::nb2listwdist weights (style "W" where the statistic
# row-standardises, "raw" for Getis-Ord), and recomputes: localmoran Ii, localC, localmoran_bv,
# lag.listw, localG (Gi, and Gi* with include.self), moran.test and geary.test under randomisation,
# all to 1e-9; the permutation p of local_moran and local_geary within 0.04 of spdep's with 9999
# draws (spdep draws with replacement, zjgov without: the tolerance covers sampling and that).
set -uo pipefail
cd "$(dirname "$0")/../.."

. test/lib/rsuite.sh
r_suite weights_spdep "spdep sf" "r-cran-spdep r-cran-sf"

cat >"$tmp/export.R" <<'R'
suppressMessages({library(sf)})
nc <- st_transform(st_read(system.file("shape/nc.shp", package = "sf"), quiet = TRUE), 32119)
d <- data.frame(id = seq_len(nrow(nc)), wkt = st_as_text(st_geometry(nc), digits = 17),
                a = nc$SID74 / nc$BIR74 * 1000, b = nc$NWBIR74 / nc$BIR74)
write.csv(d, file.path(commandArgs(TRUE)[1], "nc.csv"), row.names = FALSE)
R
Rscript "$tmp/export.R" "$tmp" >"$tmp/export.log" 2>&1 || { cat "$tmp/export.log"; echo "RESULT 0 1"; exit 1; }
chmod 644 "$tmp"/*.csv

# the specs compared (R builds the same weights in check.R, in this order)
specs="knn:6:idw knn:6:idw:2 knn:8:exp:0.00002 distance:60000:idw distance:60000:dpd distance:60000:dpd:2 distance:60000:exp:0.00003"
sel=""
agg=""
for s in $specs; do
  c=$(echo "$s" | tr ':.' '__')
  sel="$sel, (local_moran(a, geom, '$s', 9999) OVER w).ii AS ii_$c, (local_moran(a, geom, '$s', 9999) OVER w).p AS iip_$c,
    (local_geary(a, geom, '$s', 9999) OVER w).c AS c_$c, (local_geary(a, geom, '$s', 9999) OVER w).p AS cp_$c,
    (local_moran_bv(a, b, geom, '$s', 0) OVER w).ii AS bv_$c, spatial_lag(a, geom, '$s') OVER w AS lag_$c"
  case $s in *idw*) gstar="NULL::float8" ;; *) gstar="(getis_ord(a, geom, '$s') OVER w).z" ;; esac
  sel="$sel, (getis_ord(a, geom, '$s', false) OVER w).z AS g_$c, $gstar AS gs_$c"
  agg="$agg UNION ALL SELECT '$s', (m).i, (m).expected, (m).variance, (m).z, (m).p, (g).c, (g).variance, (g).z, (g).p FROM (SELECT moran(a, geom, '$s') AS m, geary(a, geom, '$s') AS g FROM nc) s"
done
sel=$(printf '%s' "$sel" | tr '\n' ' ')

"${psql[@]}" >"$tmp/psql.log" 2>&1 <<SQL || { cat "$tmp/psql.log"; echo "RESULT 0 1"; exit 1; }
CREATE EXTENSION IF NOT EXISTS zjgov CASCADE;
SET search_path = public, zjgov;
SET client_min_messages = warning;
CREATE TABLE raw (id bigint, wkt text, a float8, b float8);
\copy raw FROM '$tmp/nc.csv' CSV HEADER
CREATE TABLE nc AS SELECT id, ST_GeomFromText(wkt, 32119) AS geom, a, b FROM raw;
\copy (SELECT id $sel FROM nc WINDOW w AS () ORDER BY id) TO '$tmp/local.csv' CSV HEADER
\copy (SELECT * FROM (SELECT NULL::text AS spec, NULL::float8 AS i, NULL::float8 AS ei, NULL::float8 AS vi, NULL::float8 AS zi, NULL::float8 AS pi, NULL::float8 AS c, NULL::float8 AS vc, NULL::float8 AS zc, NULL::float8 AS pc WHERE false $agg) s) TO '$tmp/global.csv' CSV HEADER
SQL

cat >"$tmp/check.R" <<'R'
suppressMessages({library(spdep); library(sf)})
dir <- commandArgs(TRUE)[1]
d <- read.csv(file.path(dir, "nc.csv"))
o <- read.csv(file.path(dir, "local.csv")); o <- o[order(o$id), ]
gl <- read.csv(file.path(dir, "global.csv"))
g <- st_as_sfc(d$wkt, crs = 32119)
pts <- st_centroid(g)
xy <- st_coordinates(pts)
passed <- 0; failed <- 0
check <- function(name, ours, ref, tol) {
  ok <- length(ours) == length(ref) && all(is.na(ours) == is.na(ref))
  df <- if (ok) max(c(0, abs(ours - ref)[!is.na(ref)])) else Inf
  if (ok && df <= tol) { passed <<- passed + 1; cat(sprintf("ok %s (max diff %.2e)\n", name, df)) }
  else { failed <<- failed + 1; cat(sprintf("not ok %s (max diff %g, tolerance %g; NA ours %d ref %d)\n", name, df, tol, sum(is.na(ours)), sum(is.na(ref)))) }
}
set.seed(20261203)
specs <- list(
  list("knn:6:idw", knn2nb(knearneigh(xy, 6)), "idw", 1, NULL),
  list("knn:6:idw:2", knn2nb(knearneigh(xy, 6)), "idw", 2, NULL),
  list("knn:8:exp:0.00002", knn2nb(knearneigh(xy, 8)), "exp", 0.00002, NULL),
  list("distance:60000:idw", dnearneigh(xy, 0, 60000), "idw", 1, NULL),
  list("distance:60000:dpd", dnearneigh(xy, 0, 60000), "dpd", 1, 60000),
  list("distance:60000:dpd:2", dnearneigh(xy, 0, 60000), "dpd", 2, 60000),
  list("distance:60000:exp:0.00003", dnearneigh(xy, 0, 60000), "exp", 0.00003, NULL))
for (s in specs) {
  name <- s[[1]]; nb <- s[[2]]; c <- gsub("[:.]", "_", name)
  lw <- function(nb, style) nb2listwdist(nb, pts, type = s[[3]], style = style, alpha = s[[4]], dmax = s[[5]], zero.policy = TRUE)
  W <- lw(nb, "W"); R <- lw(nb, "raw")
  # rows whose neighbours all have weight 0 (dpd at the band's edge) count as rows without neighbours
  none <- sapply(W$weights, function(w) length(w) == 0 || sum(w) == 0)
  na <- function(v) { v[none] <- NA; v }
  lm <- localmoran_perm(d$a, W, nsim = 9999, zero.policy = TRUE)
  check(sprintf("%s localmoran Ii", name), o[[paste0("ii_", c)]], na(lm[, "Ii"]), 1e-9)
  check(sprintf("%s localmoran_perm folded p", name), o[[paste0("iip_", c)]], na(lm[, "Pr(folded) Sim"]), 0.04)
  lc <- localC_perm(d$a, W, nsim = 9999, zero.policy = TRUE)
  check(sprintf("%s localC", name), o[[paste0("c_", c)]], na(as.numeric(lc)), 1e-9)
  check(sprintf("%s localC_perm folded p", name), o[[paste0("cp_", c)]], na(attr(lc, "pseudo-p")[, "Pr(folded) Sim"]), 0.04)
  bv <- localmoran_bv(d$a, d$b, W, nsim = 9)
  check(sprintf("%s localmoran_bv Ibvi", name), o[[paste0("bv_", c)]], na(bv[, "Ibvi"]), 1e-9)
  check(sprintf("%s lag.listw (style W)", name), o[[paste0("lag_", c)]], na(lag.listw(W, d$a, zero.policy = TRUE)), 1e-9)
  check(sprintf("%s localG Gi (raw weights)", name), o[[paste0("g_", c)]], na(as.numeric(localG(d$a, R, zero.policy = TRUE))), 1e-9)
  if (s[[3]] != "idw") {
    Rs <- lw(include.self(nb), "raw")
    check(sprintf("%s localG Gi* (include.self, raw weights)", name), o[[paste0("gs_", c)]], na(as.numeric(localG(d$a, Rs, zero.policy = TRUE))), 1e-9)
  }
  r <- gl[gl$spec == name, ]
  mt <- moran.test(d$a, W, randomisation = TRUE, zero.policy = TRUE, adjust.n = FALSE)
  check(sprintf("%s moran.test I, E, Var, z, p", name), c(r$i, r$ei, r$vi, r$zi, r$pi), c(mt$estimate, mt$statistic, mt$p.value), 1e-9)
  gt <- geary.test(d$a, W, randomisation = TRUE, zero.policy = TRUE, adjust.n = FALSE)
  check(sprintf("%s geary.test C, Var, z, p", name), c(r$c, r$vc, r$zc, r$pc), c(gt$estimate[c(1, 3)], gt$statistic, gt$p.value), 1e-9)
}
cat(sprintf("RESULT %d %d\n", passed, failed))
R

Rscript "$tmp/check.R" "$tmp" 2>&1 | grep -v -E '^(Linking|To access|package with|repos=)'
