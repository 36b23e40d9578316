# R baseline of the emerging_hotspot case, as a user writes it with spdep: queen neighbours of the
# locations (poly2nb), the space-time neighbour list (a bin's location and its neighbours, in its
# period and the previous one), Gi* by localG with include.self and binary weights over all bins,
# then Kendall's tau of each location's z series against time (cor.test).
# usage: Rscript emerging.R cube.csv answer.csv   (rows ordered by location, then period)
a <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]; ph <- character()
step <- function(name) { t <- proc.time()[["elapsed"]]; ph <<- c(ph, sprintf("%s %.1f s", name, t - t0)); t0 <<- t }
suppressMessages({ library(sf); library(spdep) })
step("load packages")
d <- read.csv(a[1])
locs <- unique(d$loc); L <- length(locs); T <- length(unique(d$p))
g <- st_as_sfc(d$wkt[d$p == 1])
step("read and parse WKT")
nb <- poly2nb(g, queen = TRUE)
step("poly2nb")
tw <- 1
stnb <- vector("list", L * T)
for (li in seq_len(L)) {
  js <- c(li, nb[[li]][nb[[li]] > 0])
  for (p in seq_len(T)) {
    qs <- max(1, p - tw):p
    v <- as.vector(outer(qs, js, function(q, j) (j - 1) * T + q))
    stnb[[(li - 1) * T + p]] <- sort(as.integer(setdiff(v, (li - 1) * T + p)))
  }
}
class(stnb) <- "nb"; attr(stnb, "region.id") <- as.character(seq_len(L * T))
step("space-time neighbours")
z <- as.numeric(localG(d$v, nb2listw(include.self(stnb), style = "B", zero.policy = TRUE), zero.policy = TRUE))
step("localG")
tau <- vapply(seq_len(L), function(li) unname(cor.test(seq_len(T), z[(li - 1) * T + seq_len(T)], method = "kendall")$estimate), 0)
step("cor.test kendall per location")
writeLines(c("k,z,tau", sprintf("%d,%.17g,%.17g", d$loc * 100L + d$p, z, rep(tau, each = T))), a[2])
step("write")
writeLines(paste(ph, collapse = ", "), paste0(a[2], ".phases"))
