# R baseline of the hotspot case, as a user runs it: polygons exported by psql as WKT, read with
# sf, queen neighbours with poly2nb, local Moran with 999 conditional permutations
# (localmoran_perm, row-standardised weights) and Gi* (localG with include.self, binary weights).
# usage: Rscript lisa.R hexagons.csv answer.csv
a <- commandArgs(TRUE)
suppressMessages({ library(sf); library(spdep) })
d <- read.csv(a[1])
g <- st_as_sf(d, wkt = "wkt")
nb <- poly2nb(g, queen = TRUE)
set.seed(42)
lm <- localmoran_perm(g$v, nb2listw(nb, style = "W", zero.policy = TRUE), nsim = 999, zero.policy = TRUE)
gs <- localG(g$v, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE)
out <- sprintf("%d,%.17g,%.17g,%.17g,%.17g,%d", d$id, lm[, "Ii"], lm[, "Z.Ii"], lm[, "Pr(folded) Sim"],
               as.numeric(gs), card(nb))
writeLines(c("id,ii,lm_z,lm_p,gstar,nnb", out), a[2])
