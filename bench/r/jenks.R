# R baseline of the jenks_breaks case: classInt Fisher natural breaks, exact (largeN = Inf turns
# off the sampling classInt does above 3000 values by default). classInt reports class limits as
# midpoints between classes; the threshold zjgov reports is the first value of the upper class.
# The time of each step goes to answer.csv.phases (reported next to the answer check).
# With a fourth argument "default", classInt's defaults are kept (a 10 % sample above 3000 values).
# usage: Rscript jenks.R values.csv k answer.csv [default]
a <- commandArgs(TRUE)
t0 <- proc.time()[["elapsed"]]; ph <- character()
step <- function(name) { t <- proc.time()[["elapsed"]]; ph <<- c(ph, sprintf("%s %.1f s", name, t - t0)); t0 <<- t }
suppressMessages(library(classInt))
x <- read.csv(a[1])$v
k <- as.integer(a[2])
set.seed(1)  # the sample classInt draws by default
step("load package and read")
ci <- if (isTRUE(a[4] == "default")) suppressWarnings(classIntervals(x, k, style = "fisher")) else
  classIntervals(x, k, style = "fisher", largeN = Inf)
step("classIntervals")
xs <- sort(unique(x))
th <- xs[findInterval(ci$brks[2:k], xs) + 1]
writeLines(c("i,th", sprintf("%d,%.17g", seq_along(th), th)), a[3])
writeLines(paste(ph, collapse = ", "), paste0(a[3], ".phases"))
