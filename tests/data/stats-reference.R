#!/usr/bin/env Rscript
# stats-reference.R — the reference values that tests/test-stats.c checks
#
# Computes, with R and quantreg, every value the stats layer must reproduce
# and writes them to tests/data/stats/reference.json.  The product and the
# test suite never run R: this script is run by hand (on Debian 12:
# apt-get install r-base-core r-cran-quantreg) and its output is committed.
#
#   Rscript tests/data/stats-reference.R tests/data/stats/reference.json
#
# SPDX-License-Identifier: GPL-3.0-or-later

suppressPackageStartupMessages(library(quantreg))

args <- commandArgs(trailingOnly = TRUE)
out_path <- if (length(args) >= 1) args[1] else "tests/data/stats/reference.json"

# JSON by hand (no jsonlite on Debian 12's r-base-core): numbers with 17
# significant digits so that the C side reads back the very same doubles;
# infinities, which JSON cannot hold, as null.
num <- function(v) {
  if (length(v) != 1) stop("num: not a scalar")
  if (is.na(v) || is.infinite(v)) return("null")
  if (v == round(v) && abs(v) < 2^53) return(sprintf("%.0f", v))
  sprintf("%.17g", v)
}
str <- function(s) sprintf("\"%s\"", gsub("\"", "\\\\\"", s))
arr <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ", "), "]")
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(fields), unlist(fields)), collapse = ", "), "}")
}
section <- function(items) paste0("[\n    ", paste(items, collapse = ",\n    "), "\n  ]")
alt_name <- c(less = "less", greater = "greater", two.sided = "two-sided")

# --- binomial tails and binom.test ------------------------------------------
binom_cases <- list(
  c(0, 0, 0.5), c(0, 1, 0.5), c(1, 1, 0.5), c(0, 10, 0.5), c(10, 10, 0.5),
  c(5, 10, 0.5), c(3, 10, 0.5), c(7, 10, 0.5), c(2, 25, 0.5), c(12, 25, 0.5),
  c(15, 200, 0.05), c(3, 200, 0.05), c(0, 200, 0.05), c(200, 200, 0.05),
  c(4, 181, 0.05), c(1, 93, 0.05), c(30, 100, 0.3), c(31, 100, 0.3),
  c(29, 100, 0.3), c(1, 1000, 0.5), c(480, 1000, 0.5), c(520, 1000, 0.5),
  c(0, 7, 0.1), c(6, 7, 0.9), c(7, 7, 0.9), c(40, 59, 0.7),
  c(10, 10000, 0.01), c(130, 10000, 0.01), c(5000, 10000, 0.5), c(4800, 10000, 0.5),
  c(499000, 1e6, 0.5), c(500700, 1e6, 0.5), c(4998000, 1e7, 0.5), c(5001500, 1e7, 0.5),
  c(51000, 1e6, 0.05)
)
binom_items <- vapply(binom_cases, function(cs) {
  k <- cs[1]; n <- cs[2]; p <- cs[3]
  # binom.test refuses n = 0; the stats layer defines every p-value there as 1.
  test <- function(alt) if (n == 0) 1 else binom.test(k, n, p, alternative = alt)$p.value
  obj(k = num(k), n = num(n), p = num(p),
      pmf = num(dbinom(k, n, p)),
      cdf = num(pbinom(k, n, p)),
      sf = num(if (k == 0) 1 else pbinom(k - 1, n, p, lower.tail = FALSE)),
      less = num(test("less")), greater = num(test("greater")),
      two_sided = num(test("two.sided")))
}, "")

# --- sign test ---------------------------------------------------------------
set.seed(20261204)
sign_vectors <- list(
  c(-2.5, 1.5, 3, 4, 5.5, 6, 7.25, 8, -0.5, 9),
  c(0, 0, 0),
  numeric(0),
  c(1, 2, 3, 4, 5),
  c(-1, -2, -3, 0, 0, 4),
  round(rnorm(41, 0.3), 2),
  round(rexp(120) - log(2), 3)
)
sign_items <- vapply(sign_vectors, function(x) {
  nz <- x[x != 0]; s <- sum(nz > 0); n <- length(nz)
  p_below <- if (n == 0) 1 else binom.test(s, n, 0.5, alternative = "less")$p.value
  p_above <- if (n == 0) 1 else binom.test(s, n, 0.5, alternative = "greater")$p.value
  p_two <- if (n == 0) 1 else binom.test(s, n, 0.5)$p.value
  obj(x = arr(x), mu = num(0), s = num(s), n = num(n),
      p_below = num(p_below), p_above = num(p_above), p_two = num(p_two))
}, "")

# --- median and its order-statistic interval ---------------------------------
median_vectors <- list(
  c(3), c(5, 1), c(2, 9, 4), c(1, 2, 2, 2, 3, 8), c(4, 4, 4, 4),
  c(7, 1, 3, 5, 9, 11), round(rnorm(20), 3), round(rexp(101), 4),
  round(rnorm(1000, 50, 10), 2), c(10, 20, 30, 40, 50, 60, 70, 80, 90)
)
median_items <- character(0)
for (x in median_vectors) {
  for (alpha in c(0.05, 0.01)) {
    n <- length(x); xs <- sort(x)
    k <- qbinom(alpha / 2, n, 0.5)
    lower <- if (k == 0) -Inf else xs[k]
    upper <- if (k == 0) Inf else xs[n - k + 1]
    coverage <- 1 - 2 * pbinom(k - 1, n, 0.5)
    median_items <- c(median_items,
      obj(x = arr(x), median = num(median(x)), alpha = num(alpha), k = num(k),
          lower = num(lower), upper = num(upper), coverage = num(coverage)))
  }
}
median_items <- c(median_items, obj(x = arr(numeric(0)), median = "null", alpha = num(0.05),
                                     k = num(0), lower = "null", upper = "null",
                                     coverage = num(1)))

# --- p.adjust -----------------------------------------------------------------
padj_vectors <- list(
  c(.0005, .004, .012, .03, .2, .0001),
  c(0.01), c(1, 1, 1), c(0.04, 0.04, 0.04, 0.5),
  c(0.9, 0.001, 0.02, 0.02, 0.8, 0.03, 0.6, 0.0001),
  runif(30)^3
)
padj_items <- vapply(padj_vectors, function(p) {
  obj(p = arr(p), holm = arr(p.adjust(p, "holm")), bh = arr(p.adjust(p, "BH")))
}, "")

# --- Clopper–Pearson (binom.test) and Wilson (prop.test, correct = FALSE) -----
ci_cases <- list(c(3, 200), c(0, 200), c(200, 200), c(15, 200), c(0, 1), c(1, 1),
                 c(5, 10), c(1, 59), c(47, 100), c(2, 100), c(130, 10000), c(0, 59),
                 c(1, 1e7), c(500000, 1e6), c(9999999, 1e7))
ci_items <- character(0)
wilson_items <- character(0)
for (cs in ci_cases) {
  for (alt in c("two.sided", "less", "greater")) {
    for (conf in c(0.95, 0.99, 0.9)) {
      x <- cs[1]; n <- cs[2]
      cp <- binom.test(x, n, conf.level = conf, alternative = alt)$conf.int
      ci_items <- c(ci_items, obj(x = num(x), n = num(n), conf = num(conf),
                                  alternative = str(alt_name[[alt]]),
                                  lower = num(cp[1]), upper = num(cp[2])))
      w <- suppressWarnings(prop.test(x, n, conf.level = conf, alternative = alt,
                                      correct = FALSE))$conf.int
      wilson_items <- c(wilson_items, obj(x = num(x), n = num(n), conf = num(conf),
                                          alternative = str(alt_name[[alt]]),
                                          lower = num(w[1]), upper = num(w[2])))
    }
  }
}

# --- hypergeometric upper bound on the number of errors ------------------------
hyper_upper <- function(N, n, k, conf) {
  # Every D from k to N − n + k, but for the large cases only up to where
  # P(X <= k) has fallen below 1 − conf (it falls with D; checked).
  last <- min(N - n + k, k + ceiling(10 * (k + 10) * N / n))
  if (last < N - n + k && phyper(k, last, N - last, n) > 1 - conf) stop("window too small")
  D <- k:last
  max(D[phyper(k, D, N - D, n) > 1 - conf])
}
hyper_cases <- list(c(1000, 100, 2), c(1000, 100, 0), c(1000, 100, 100), c(1000, 1000, 3),
                    c(50, 10, 1), c(5000, 500, 12), c(20000, 2000, 0), c(20000, 2000, 95),
                    c(10, 1, 0), c(10, 1, 1), c(300, 30, 29),
                    c(1e7, 1e6, 5000), c(1e6, 1e5, 500))
hyper_items <- character(0)
for (cs in hyper_cases) {
  for (conf in c(0.95, 0.99)) {
    hyper_items <- c(hyper_items, obj(population = num(cs[1]), sample = num(cs[2]),
                                      errors = num(cs[3]), conf = num(conf),
                                      upper = num(hyper_upper(cs[1], cs[2], cs[3], conf))))
  }
}

# --- chi-square goodness of fit (chisq.test with given p) ---------------------
benford <- log10(1 + 1 / (1:9))
chisq_cases <- list(
  list(x = c(30, 18, 12, 10, 8, 7, 6, 5, 4), p = benford),
  list(x = c(301, 176, 125, 97, 79, 67, 58, 51, 46), p = benford),
  list(x = c(10, 10, 10, 10), p = rep(0.25, 4)),
  list(x = c(0, 0, 5), p = c(0.2, 0.3, 0.5)),
  list(x = c(12, 3), p = c(0.5, 0.5)),
  list(x = c(5000, 4000, 1000), p = c(0.5, 0.4, 0.1)),
  list(x = c(900, 50, 50), p = c(0.5, 0.25, 0.25)),
  # First two digits (10–99) of Benford, 90 cells, on simulated counts.
  list(x = rpois(90, 10000 * log10(1 + 1 / (10:99))),
       p = log10(1 + 1 / (10:99)) / sum(log10(1 + 1 / (10:99))))
)
chisq_items <- vapply(chisq_cases, function(cs) {
  r <- suppressWarnings(chisq.test(cs$x, p = cs$p))
  obj(x = arr(cs$x), p = arr(cs$p), statistic = num(unname(r$statistic)),
      df = num(unname(r$parameter)), p_value = num(r$p.value))
}, "")

# --- median regression (quantreg::rq, tau = .5, method "br") ------------------
rq_case <- function(name, source, x, y) {
  fit <- withCallingHandlers(rq(y ~ x, tau = 0.5, method = "br"),
                             warning = function(w) stop("rq warned on ", name, ": ",
                                                        conditionMessage(w)))
  co <- unname(coef(fit))
  obj(name = str(name), source = str(source), x = arr(x), y = arr(y),
      intercept = num(co[1]), slope = num(co[2]))
}
data(engel, package = "quantreg")
data(Mammals, package = "quantreg")
set.seed(12)
x1 <- round(runif(60, 0, 10), 3); y1 <- round(2 + 0.7 * x1 + rt(60, 3), 3)
x2 <- round(rlnorm(501, 3, 1), 2); y2 <- round(100 + 3 * x2 + rexp(501, 0.02), 2)
x3 <- runif(2000, 0, 100); y3 <- 50 + 3 * x3 + 40 * rexp(2000) * (1 + x3 / 50)
rq_items <- c(
  rq_case("engel", "quantreg::engel (Koenker and Bassett 1982): foodexp ~ income",
          engel$income, engel$foodexp),
  rq_case("Mammals", "quantreg::Mammals: log(speed) ~ log(weight)",
          log(Mammals$weight), log(Mammals$speed)),
  rq_case("t3-60", "set.seed(12): 2 + 0.7 x + t(3), n = 60", x1, y1),
  rq_case("lognormal-501", "set.seed(12): 100 + 3 x + Exp(0.02), x lognormal, n = 501", x2, y2),
  rq_case("skewed-2000", "set.seed(12): 50 + 3 x + 40 Exp(1) (1 + x/50), n = 2000", x3, y3)
)

# --- AICPA attribute sample size -----------------------------------------------
aicpa <- function(T, pE, risk) {
  for (n in 1:100000) {
    allowed <- ceiling(n * pE - 1e-9)
    if (pbinom(allowed, n, T) <= risk) return(c(n, allowed))
  }
  stop("no sample size")
}
aicpa_cases <- list(c(0.05, 0, 0.05), c(0.05, 0.01, 0.05), c(0.05, 0.02, 0.05),
                    c(0.10, 0, 0.05), c(0.10, 0.01, 0.05), c(0.05, 0.0025, 0.05),
                    c(0.07, 0.02, 0.10), c(0.04, 0.01, 0.05), c(0.10, 0.05, 0.05),
                    c(0.02, 0, 0.10))
aicpa_items <- vapply(aicpa_cases, function(cs) {
  r <- aicpa(cs[1], cs[2], cs[3])
  obj(tolerable = num(cs[1]), expected = num(cs[2]), risk = num(cs[3]),
      n = num(r[1]), allowed = num(r[2]))
}, "")

header <- sprintf("Computed by tests/data/stats-reference.R with %s and quantreg %s on %s.",
                  R.version.string, as.character(packageVersion("quantreg")),
                  "Debian 12")
json <- paste0("{\n",
  "  \"source\": ", str(header), ",\n",
  "  \"binom\": ", section(binom_items), ",\n",
  "  \"sign_test\": ", section(sign_items), ",\n",
  "  \"median\": ", section(median_items), ",\n",
  "  \"p_adjust\": ", section(padj_items), ",\n",
  "  \"clopper_pearson\": ", section(ci_items), ",\n",
  "  \"wilson\": ", section(wilson_items), ",\n",
  "  \"hyper_upper\": ", section(hyper_items), ",\n",
  "  \"chisq\": ", section(chisq_items), ",\n",
  "  \"median_regression\": ", section(rq_items), ",\n",
  "  \"aicpa\": ", section(aicpa_items), "\n}\n")
writeLines(json, out_path, sep = "")
