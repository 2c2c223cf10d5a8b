#!/usr/bin/env Rscript
# rank-reference.R — R's rank agreement statistics for tests/test-stats-rank.c
#
# Writes tests/data/stats/rank.json: for each data set (x, y), Kendall's
# tau-b = cor(x, y, method = "kendall") and Spearman's rho =
# cor(x, y, method = "spearman"), NA (written null) where R gives NA, and
# for some sets how many of the k highest x are among the k highest y,
# ranked by value descending then index ascending (order(-v, seq_along(v))).
# Data are integers or short binary fractions, so the JSON holds them
# exactly; results have 17 significant digits.  Run by hand with Debian
# 12's r-base-core; the tests never run R.
#
#   Rscript tests/data/rank-reference.R tests/data/stats/rank.json
#
# SPDX-License-Identifier: GPL-3.0-or-later

args <- commandArgs(trailingOnly = TRUE)
out_path <- if (length(args) >= 1) args[1] else "tests/data/stats/rank.json"

num <- function(v) {
  if (is.na(v)) return("null")
  if (v == round(v) && abs(v) < 2^53) return(sprintf("%.0f", v))
  sprintf("%.17g", v)
}
nums <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ", "), "]")

top_kept <- function(before, after, k) {
  top <- function(v) order(-v, seq_along(v))[seq_len(k)]
  length(intersect(top(before), top(after)))
}

cases <- list()
add <- function(name, x, y, ks = integer(0)) {
  stopifnot(length(x) == length(y), all(x == round(x * 1024) / 1024),
            all(y == round(y * 1024) / 1024))
  tau <- suppressWarnings(cor(x, y, method = "kendall"))
  rho <- suppressWarnings(cor(x, y, method = "spearman"))
  kept <- vapply(ks, function(k) sprintf("{\"k\": %d, \"kept\": %d}", k, top_kept(x, y, k)), "")
  cases[[length(cases) + 1]] <<- sprintf(
    "{\"name\": \"%s\", \"n\": %d, \"tau_b\": %s, \"rho\": %s, \"top_k\": [%s],\n     \"x\": %s,\n     \"y\": %s}",
    name, length(x), num(tau), num(rho), paste(kept, collapse = ", "), nums(x), nums(y))
}

# Small hand cases.
add("hand-5", c(1, 2, 3, 4, 5), c(3, 1, 2, 5, 4), c(1, 2, 3))
add("hand-ties-6", c(1, 1, 2, 2, 3, 3), c(1, 2, 1, 2, 3, 3), c(1, 2, 3))
add("identical-10", 1:10, 1:10, c(3))
add("reversed-10", 1:10, 10:1, c(3, 5))
add("monotone-cube", -5:5, (-5:5)^3)
add("two-by-two", c(0, 0, 0, 1, 1, 1, 1, 0), c(0, 1, 0, 1, 1, 1, 0, 0))
add("fractions-zeros", c(0.5, -1.25, 3.75, 0.5, 2, -0, 0, 1e6), c(2, -0.125, 0, 0, 2, 7.5, -3, 2))
add("constant-y", c(3, 1, 2, 5), c(4, 4, 4, 4))
add("constant-x", c(7, 7, 7), c(1, 2, 3))

# Heavy ties in x, in y, and joint ties (pairs equal in both).
set.seed(2026)
add("x-ties-40", rep(1:4, each = 10), sample(1:40))
add("y-ties-30", sample(1:30), rep(c(0, 1, 2), 10))
jx <- rep(c(1, 2, 3), times = c(12, 10, 8))
add("joint-ties-30", jx, c(rep(1, 8), rep(2, 4), rep(2, 6), rep(3, 4), rep(1, 2), rep(3, 6)))
add("few-values-200", sample(0:3, 200, TRUE), sample(0:2, 200, TRUE), c(5, 50))

# Reversed order.
add("reversed-1000", 1:1000, 1000:1, c(10, 100))

# Random with ties.
x <- sample(0:30, 1000, TRUE)
add("random-ties-1000", x, x + sample(-5:5, 1000, TRUE), c(10, 100))
x <- sample(0:200, 5000, TRUE)
add("random-ties-5000", x, round(x + 40 * rnorm(5000)), c(1, 50, 100))
add("random-distinct-5000", sample.int(1e9, 5000), sample.int(1e9, 5000), c(50, 100))
a <- sample(0:100, 5000, TRUE)
b <- sample(0:100, 5000, TRUE)
add("weights-5000", 10 * a + 5 * b, 8 * a + 7 * b, c(1, 50, 100))

out <- paste0("{\n  \"source\": \"", R.version.string,
              ", cor(method = \\\"kendall\\\" | \\\"spearman\\\"), order(-v, seq_along(v))\",\n",
              "  \"cases\": [\n    ", paste(unlist(cases), collapse = ",\n    "), "\n  ]\n}\n")
writeLines(out, out_path, sep = "")
