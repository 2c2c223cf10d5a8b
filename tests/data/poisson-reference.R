#!/usr/bin/env Rscript
# poisson-reference.R — R's Poisson upper tails for tests/test-stats-poisson.c
#
# Writes tests/data/stats/poisson.json: P(X >= x) = ppois(x - 1, lambda,
# lower.tail = FALSE) for the cases below (the spike breaker's small-county
# tail, STATISTICS.md §5).  Run by hand with Debian 12's r-base-core; the
# tests never run R.
#
#   Rscript tests/data/poisson-reference.R tests/data/stats/poisson.json
#
# SPDX-License-Identifier: GPL-3.0-or-later

args <- commandArgs(trailingOnly = TRUE)
out_path <- if (length(args) >= 1) args[1] else "tests/data/stats/poisson.json"

num <- function(v) {
  if (v == round(v) && abs(v) < 2^53) return(sprintf("%.0f", v))
  sprintf("%.17g", v)
}
cases <- list(
  c(0, 0), c(1, 0.5), c(0, 3), c(1, 3), c(3, 3), c(4, 3), c(10, 3),
  c(61, 20), c(60, 20), c(20, 20), c(21, 20), c(5, 20), c(1, 20),
  c(2, 0.01), c(100, 1), c(9, 2.75), c(12, 4.25), c(30, 10.5),
  c(150, 100), c(90, 100), c(1000, 900), c(1200, 900), c(4000, 1000),
  c(35, 7.142857142857143), c(500, 450.25), c(2, 1e-6)
)
items <- vapply(cases, function(cs) {
  x <- cs[1]; lambda <- cs[2]
  sf <- if (x == 0) 1 else ppois(x - 1, lambda, lower.tail = FALSE)
  sprintf("{\"x\": %s, \"lambda\": %s, \"sf\": %s}", num(x), num(lambda), num(sf))
}, "")
out <- paste0("{\n  \"source\": \"", R.version.string, ", ppois\",\n  \"poisson_sf\": [\n    ",
              paste(items, collapse = ",\n    "), "\n  ]\n}\n")
writeLines(out, out_path, sep = "")
