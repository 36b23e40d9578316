# R baseline of the ears case: surveillance::earsC per series and method (C1, C2, C3; defaults),
# as a user runs it on a table of daily counts.
# usage: Rscript ears.R counts.csv answer.csv
a <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]; ph <- character()
step <- function(name) { t <- proc.time()[["elapsed"]]; ph <<- c(ph, sprintf("%s %.1f s", name, t - t0)); t0 <<- t }
suppressMessages(library(surveillance))
d <- read.csv(a[1])
step("load package and read")
out <- lapply(split(d, d$s), function(g) {
  x <- g$v; n <- length(x)
  ub <- sapply(c("C1", "C2", "C3"), function(m) {
    lag <- switch(m, C1 = 7, C2 = 9, C3 = 11)
    r <- earsC(sts(observed = matrix(x, ncol = 1)), control = list(method = m))
    c(rep(NA, lag), as.numeric(upperbound(r)))
  })
  data.frame(s = g$s, d = g$d, u1 = ub[, 1], u2 = ub[, 2], u3 = ub[, 3])
})
step("earsC C1, C2, C3 per series")
out <- do.call(rbind, out)
write.csv(out, a[2], row.names = FALSE, na = "")
step("write")
writeLines(paste(ph, collapse = ", "), paste0(a[2], ".phases"))
