# R baseline of the mann_kendall case, without add-on packages: Kendall's tau from cor.test and
# Sen's slope as the median of every pairwise slope, held in one preallocated vector of
# n(n-1)/2 doubles (40 GB at n = 100 000: R stops with "cannot allocate vector").
# usage: Rscript mann_kendall.R series.csv answer.csv
a <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]; ph <- character()
step <- function(name) { t <- proc.time()[["elapsed"]]; ph <<- c(ph, sprintf("%s %.1f s", name, t - t0)); t0 <<- t }
d <- read.csv(a[1]); d <- d[order(d$t), ]
n <- nrow(d); x <- d$v; tt <- d$t
step("read")
ct <- cor.test(tt, x, method = "kendall", exact = FALSE)
tau <- unname(ct$estimate); S <- tau * n * (n - 1) / 2
step("cor.test kendall")
s <- numeric(n * (n - 1) / 2); k <- 0
for (i in seq_len(n - 1)) { j <- (i + 1):n; s[k + seq_along(j)] <- (x[j] - x[i]) / (tt[j] - tt[i]); k <- k + length(j) }
slope <- median(s)
step("pairwise slopes and median")
writeLines(c("s,tau,slope", sprintf("%.17g,%.17g,%.17g", S, tau, slope)), a[2])
writeLines(paste(ph, collapse = ", "), paste0(a[2], ".phases"))
