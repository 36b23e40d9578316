# R baseline of the hotspot case, as a user runs it: polygons exported by psql as WKT, read with
# sf, queen neighbours with poly2nb, local Moran with 999 conditional permutations
# (localmoran_perm, row-standardised weights) and Gi* (localG with include.self, binary weights).
# The time of each step goes to answer.csv.phases (reported next to the answer check).
# usage: Rscript lisa.R hexagons.csv answer.csv
a <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]; ph <- character()
step <- function(name) { t <- proc.time()[["elapsed"]]; ph <<- c(ph, sprintf("%s %.1f s", name, t - t0)); t0 <<- t }
suppressMessages({ library(sf); library(spdep) })
step("load packages")
d <- read.csv(a[1])
g <- st_as_sf(d, wkt = "wkt")
step("read and parse WKT")
nb <- poly2nb(g, queen = TRUE)
step("poly2nb")
set.seed(42)
lm <- localmoran_perm(g$v, nb2listw(nb, style = "W", zero.policy = TRUE), nsim = 999, zero.policy = TRUE)
step("localmoran_perm")
gs <- localG(g$v, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE)
step("localG")
out <- sprintf("%d,%.17g,%.17g,%.17g,%.17g,%d", d$id, lm[, "Ii"], lm[, "Z.Ii"], lm[, "Pr(folded) Sim"],
               as.numeric(gs), card(nb))
writeLines(c("id,ii,lm_z,lm_p,gstar,nnb", out), a[2])
step("write")
writeLines(paste(ph, collapse = ", "), paste0(a[2], ".phases"))
