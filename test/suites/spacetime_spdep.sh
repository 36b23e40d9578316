#!/usr/bin/env bash
# Space-time Getis-Ord Gi* of emerging_hotspot against R spdep::localG on an explicitly built
# space-time neighbour list: bin (i, p) has the bins (j, q) with j = i or a spatial neighbour of i
# (poly2nb queen/rook, dnearneigh by centroid) and p - time_window <= q <= p, the bin itself
# added by include.self, binary weights.  z to 1e-9 (relative), for several weights and windows;
# the trend of each location's z series against cor.test's Kendall S; the category from the rules
# applied in R.
set -uo pipefail
cd "$(dirname "$0")/../.."

. test/lib/rsuite.sh
r_suite spacetime_spdep "spdep sf" "r-cran-spdep r-cran-sf"

"${psql[@]}" >"$tmp/psql.log" 2>&1 <<SQL || { cat "$tmp/psql.log"; echo "RESULT 0 1"; exit 1; }
CREATE EXTENSION IF NOT EXISTS zjgov CASCADE;
SET search_path = public, zjgov;
-- a 7 x 5 grid of unit squares (one cell missing: a hole), 8 periods; a cluster that grows in the
-- lower left, one that fades in the upper right, and deterministic noise
CREATE TABLE cube AS
SELECT i * 10 + j AS loc, ST_MakeEnvelope(i, j, i + 1, j + 1) AS geom, p,
       round((3 + ((i * 37 + j * 17 + p * 11) % 7) * 0.5
              + CASE WHEN i <= 2 AND j <= 1 THEN p * 1.5 ELSE 0 END
              + CASE WHEN i >= 5 AND j >= 3 THEN (8 - p) * 1.2 ELSE 0 END)::numeric, 2)::float8 AS x
  FROM generate_series(0, 6) i, generate_series(0, 4) j, generate_series(1, 8) p
 WHERE NOT (i = 3 AND j = 2);
\copy (SELECT loc, ST_AsText(geom) AS wkt, p, x, (h1).z AS z_q1, (h0).z AS z_q0, (h2).z AS z_r2, (hd).z AS z_d1, (h1).tau AS tau_q1, (h1).trend_p AS tp_q1, (h1).category AS cat_q1, (h1).p AS p_q1, (hid).z AS z_id1, (hid).category AS cat_id1 FROM (SELECT loc, geom, p, x, emerging_hotspot(x, geom, p) OVER () AS h1, emerging_hotspot(x, geom, p, 'queen', 0) OVER () AS h0, emerging_hotspot(x, geom, p, 'rook', 2) OVER () AS h2, emerging_hotspot(x, geom, p, 'distance:1.5', 1) OVER () AS hd, emerging_hotspot(x, loc::bigint, nb, p) OVER () AS hid FROM (SELECT *, neighbours(loc::bigint, geom) OVER (PARTITION BY p) AS nb FROM cube) c) s ORDER BY loc, p) TO '$tmp/cube.csv' CSV HEADER
SQL

cat >"$tmp/check.R" <<'R'
suppressMessages({library(spdep); library(sf)})
dir <- commandArgs(TRUE)[1]
passed <- 0; failed <- 0
check <- function(name, ours, ref, tol = 1e-9) {
  ours <- as.numeric(ours); ref <- as.numeric(ref)
  ok <- length(ours) == length(ref) && all(is.na(ours) == is.na(ref))
  d <- if (ok) max(c(0, abs(ours - ref)[!is.na(ref)] / pmax(1, abs(ref[!is.na(ref)])))) else Inf
  if (ok && d <= tol) { passed <<- passed + 1; cat(sprintf("ok %s (max rel diff %.2e)\n", name, d)) }
  else { failed <<- failed + 1; cat(sprintf("not ok %s (max rel diff %g)\n", name, d)) }
}
invisible(set.ZeroPolicyOption(TRUE))
d <- read.csv(file.path(dir, "cube.csv"))
locs <- unique(d$loc); L <- length(locs); periods <- sort(unique(d$p)); T <- length(periods)
first <- d[d$p == periods[1], ]; first <- first[match(locs, first$loc), ]
g <- st_as_sfc(first$wkt)
# bins in the order of the file: location-major, period-minor
bin <- function(li, pi) (li - 1) * T + pi
st_nb <- function(snb, tw) {
  nb <- vector("list", L * T)
  for (li in seq_len(L)) for (pi in seq_len(T)) {
    js <- c(li, snb[[li]][snb[[li]] > 0]); qs <- max(1, pi - tw):pi
    v <- as.vector(outer(qs, js, function(q, j) bin(j, q)))
    nb[[bin(li, pi)]] <- sort(setdiff(v, bin(li, pi)))
  }
  nb <- lapply(nb, function(v) if (length(v) == 0) 0L else as.integer(v))
  class(nb) <- "nb"; attr(nb, "region.id") <- as.character(seq_len(L * T)); nb
}
gstar <- function(snb, tw) {
  nb <- include.self(st_nb(snb, tw))
  as.numeric(localG(d$x, nb2listw(nb, style = "B")))
}
q <- poly2nb(g, queen = TRUE); r <- poly2nb(g, queen = FALSE)
dn <- dnearneigh(st_coordinates(st_centroid(g)), 0, 1.5)
check("space-time Gi*, queen, time_window 1 (localG, include.self)", d$z_q1, gstar(q, 1))
check("space-time Gi*, queen, time_window 0", d$z_q0, gstar(q, 0))
check("space-time Gi*, rook, time_window 2", d$z_r2, gstar(r, 2))
check("space-time Gi*, distance:1.5 (dnearneigh), time_window 1", d$z_d1, gstar(dn, 1))
check("space-time Gi*, neighbours given as data (the queen lists as ids), time_window 1", d$z_id1, gstar(q, 1))
# p two-sided normal
check("p = 2(1 - pnorm(|z|))", d$p_q1, 2 * pnorm(-abs(d$z_q1)))
# trend: Mann-Kendall S of each location's z series against 1..T, from cor.test's Kendall statistic
# (exact T = number of concordant pairs when there are no ties: S = 2T - n(n-1)/2)
tau <- sapply(locs, function(l) { z <- d$z_q1[d$loc == l]; s <- cor.test(seq_along(z), z, method = "kendall", exact = TRUE)$statistic; (2 * s - T * (T - 1) / 2) / (T * (T - 1) / 2) })
check("trend tau per location (cor.test Kendall, exact)", d$tau_q1[d$p == periods[1]], tau)
vs <- T * (T - 1) * (2 * T + 5) / 18
tp <- sapply(tau, function(t) { S <- t * T * (T - 1) / 2; z <- if (S > 0) (S - 1) / sqrt(vs) else if (S < 0) (S + 1) / sqrt(vs) else 0; 2 * pnorm(-abs(z)) })
check("trend p per location", d$tp_q1[d$p == periods[1]], tp)
# categories by the rules, in R
cat_of <- function(sig, tau, p, alpha = 0.05) {
  side <- function(s, tau) {
    H <- sum(sig == s); C <- sum(sig == -s); last <- sig[T] == s
    run <- 0; for (i in T:1) { if (sig[i] == s) run <- run + 1 else break }
    mostly <- 10 * H >= 9 * T; tau <- tau * s; sg <- p <= alpha
    if (last && H == 1) return(1)
    if (last && run >= 2 && H == run && C == 0 && !mostly) return(2)
    if (mostly && last && tau > 0 && sg) return(3)
    if (mostly && last && tau < 0 && sg) return(4)
    if (mostly && last && !sg) return(5)
    if (last && !mostly && C > 0) return(6)
    if (last && !mostly && C == 0) return(7)
    if (!last && mostly) return(8)
    0
  }
  h <- side(1, tau); if (h > 0) return(h); c <- side(-1, tau); if (c > 0) return(8 + c); 0
}
names17 <- c("no pattern", paste(c("new", "consecutive", "intensifying", "diminishing", "persistent", "oscillating", "sporadic", "historical"), "hot spot"),
             paste(c("new", "consecutive", "intensifying", "diminishing", "persistent", "oscillating", "sporadic", "historical"), "cold spot"))
refcat <- sapply(seq_along(locs), function(li) {
  z <- d$z_q1[d$loc == locs[li]]; pz <- 2 * pnorm(-abs(z)); sig <- ifelse(pz <= 0.05, sign(z), 0)
  names17[1 + cat_of(sig, tau[li], tp[li])] })
ours <- d$cat_q1[d$p == periods[1]]
ok <- all(ours == refcat)
cat(sprintf("%s categories by the rules (%d locations: %s)\n", if (ok) "ok" else "not ok", L,
            paste(names(table(ours)), table(ours), sep = " x", collapse = ", ")))
if (ok) passed <- passed + 1 else failed <- failed + 1
cat(sprintf("RESULT %d %d\n", passed, failed))
R

Rscript "$tmp/check.R" "$tmp" 2>&1 | grep -v -E '^(Linking|To access|package with|repos=)'
