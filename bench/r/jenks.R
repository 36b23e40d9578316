# R baseline of the jenks_breaks case: classInt Fisher natural breaks, exact (largeN = Inf turns
# off the sampling classInt does above 3000 values by default). classInt reports class limits as
# midpoints between classes; the threshold zjgov reports is the first value of the upper class.
# usage: Rscript jenks.R values.csv k answer.csv
a <- commandArgs(TRUE)
suppressMessages(library(classInt))
x <- read.csv(a[1])$v
k <- as.integer(a[2])
ci <- classIntervals(x, k, style = "fisher", largeN = Inf)
xs <- sort(unique(x))
th <- xs[findInterval(ci$brks[2:k], xs) + 1]
writeLines(c("i,th", sprintf("%d,%.17g", seq_along(th), th)), a[3])
