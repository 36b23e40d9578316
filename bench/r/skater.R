# R baseline of the regionalisation case, as a user runs it: polygons exported by psql as WKT, read
# with sf, queen neighbours with poly2nb, edge costs with nbcosts, the minimum spanning tree with
# mstree and k = 20 regions with skater (spdep's default distances).
# The time of each step goes to answer.csv.phases (reported next to the answer check).
# usage: Rscript skater.R hexagons.csv answer.csv k
a <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]; ph <- character()
step <- function(name) { t <- proc.time()[["elapsed"]]; ph <<- c(ph, sprintf("%s %.1f s", name, t - t0)); t0 <<- t }
suppressMessages({ library(sf); library(spdep) })
step("load packages")
d <- read.csv(a[1])
g <- st_as_sf(d, wkt = "wkt")
x <- cbind(d$x1, d$x2, d$x3)
step("read and parse WKT")
nb <- poly2nb(g, queen = TRUE)
step("poly2nb")
mst <- mstree(nb2listw(nb, nbcosts(nb, x), style = "B"), ini = 1)
step("nbcosts + mstree")
s <- skater(mst[, 1:2], x, as.integer(a[3]) - 1L)
step("skater")
writeLines(c("id,region", sprintf("%d,%d", d$id, s$groups)), a[2])
step("write")
writeLines(paste(ph, collapse = ", "), paste0(a[2], ".phases"))
