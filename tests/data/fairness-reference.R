#!/usr/bin/env Rscript
# fairness-reference.R — the reference values that tests/test-audit.c checks
#
# Draws two synthetic cohorts (fixed seed) and runs on them, in plain R and
# quantreg, the Article W fairness test exactly as README "Article W
# fairness audit" states it.  Writes the cohorts as CSV and the tables as
# JSON under tests/data/fairness/; the suite never runs R, the output is
# committed.  Run by hand (Debian 12: apt-get install r-base-core
# r-cran-quantreg):
#
#   Rscript tests/data/fairness-reference.R tests/data/fairness
#
# SPDX-License-Identifier: GPL-3.0-or-later

suppressPackageStartupMessages(library(quantreg))

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "tests/data/fairness"

num <- function(v) {
  if (is.na(v) || is.infinite(v)) return("null")
  if (v == round(v) && abs(v) < 2^53) return(sprintf("%.0f", v))
  sprintf("%.17g", v)
}

# Groups: A and D fair, B planted 40 % below its SES prediction, E planted
# 50 % above, C too small to test.
draw <- function(continuous) {
  sizes <- c(A = 200, B = 150, C = 12, D = 300, E = 120)
  group <- rep(names(sizes), sizes)
  n <- length(group)
  ses <- if (continuous) round(runif(n, 1, 10), 3) else sample(1:4, n, replace = TRUE)
  y <- round((50 + 40 * ses) * exp(rnorm(n, 0, 0.3)))
  y[group == "B"] <- round(y[group == "B"] * 0.6)
  y[group == "E"] <- round(y[group == "E"] * 1.5)
  data.frame(group = group, ses = ses, y = y)
}

fairness <- function(d, continuous, alpha = 0.01, min_n = 30, correction = "holm") {
  groups <- sort(unique(d$group))
  rows <- list()
  for (g in groups) {
    out <- d$group != g
    inside <- d[!out, ]
    if (continuous) {
      fit <- rq(y ~ ses, tau = 0.5, data = d[out, ])
      pred <- coef(fit)[1] + coef(fit)[2] * inside$ses
    } else {
      med <- sapply(inside$ses, function(s) {
        ref <- d$y[out & d$ses == s]
        if (length(ref) >= min_n) median(ref) else NA
      })
      pred <- med
    }
    ok <- !is.na(pred)
    obs <- inside$y[ok]; pred <- pred[ok]; res <- obs - pred
    m <- length(res)
    k <- qbinom(alpha / 2, m, 0.5)
    srt <- sort(res)
    ci <- if (k == 0) c(-Inf, Inf) else c(srt[k], srt[m - k + 1])
    nz <- sum(res != 0); s <- sum(res > 0)
    rows[[g]] <- list(value = g, n = nrow(inside), n_tested = m, n_nonzero = nz, n_positive = s,
                      observed = median(obs), predicted = median(pred), residual = median(res),
                      ci = ci, ratio = median(obs) / median(pred),
                      p_below = if (m >= min_n) binom.test(s, nz, 0.5, "less")$p.value else NA,
                      p_above = if (m >= min_n) binom.test(s, nz, 0.5, "greater")$p.value else NA)
  }
  tested <- Filter(function(r) r$n_tested >= min_n, rows)
  p <- unlist(lapply(tested, function(r) c(r$p_below, r$p_above)))
  adj <- p.adjust(p, if (correction == "bh") "BH" else "holm")
  i <- 0
  for (g in names(tested)) {
    rows[[g]]$p_below_adjusted <- adj[i + 1]; rows[[g]]$p_above_adjusted <- adj[i + 2]; i <- i + 2
  }
  list(rows = rows, tests = length(p))
}

verdict <- function(r, alpha = 0.01) {
  if (r$n_tested < 30) return("insufficient")
  if (r$p_below_adjusted < alpha && r$ratio < 0.8) return("under")
  if (r$p_above_adjusted < alpha && r$ratio > 1.25) return("over")
  "none"
}

write_case <- function(name, continuous, correction) {
  d <- draw(continuous)
  write.csv(d, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  f <- fairness(d, continuous, correction = correction)
  items <- sapply(f$rows, function(r) {
    pa <- if (is.null(r$p_below_adjusted)) NA else r$p_below_adjusted
    pb <- if (is.null(r$p_above_adjusted)) NA else r$p_above_adjusted
    r$p_below_adjusted <- pa; r$p_above_adjusted <- pb
    sprintf(paste0("{\"value\": \"%s\", \"n\": %s, \"n_tested\": %s, \"n_nonzero\": %s, ",
                   "\"n_positive\": %s, \"observed_median\": %s, \"predicted_median\": %s, ",
                   "\"residual_median\": %s, \"residual_ci\": [%s, %s], \"ratio\": %s, ",
                   "\"p_below\": %s, \"p_above\": %s, \"p_below_adjusted\": %s, ",
                   "\"p_above_adjusted\": %s, \"verdict\": \"%s\"}"),
            r$value, num(r$n), num(r$n_tested), num(r$n_nonzero), num(r$n_positive),
            num(r$observed), num(r$predicted), num(r$residual), num(r$ci[1]), num(r$ci[2]),
            num(r$ratio), num(r$p_below), num(r$p_above), num(pa), num(pb), verdict(r))
  })
  json <- sprintf(paste0("{\"generator\": \"%s, quantreg %s\", \"ses\": \"%s\", ",
                         "\"correction\": \"%s\", \"tests\": %d,\n \"groups\": [\n  %s\n ]}\n"),
                  R.version.string, packageVersion("quantreg"),
                  if (continuous) "continuous" else "discrete", correction, f$tests,
                  paste(items, collapse = ",\n  "))
  writeLines(json, file.path(out_dir, paste0(name, ".json")), sep = "")
}

set.seed(20261204)
write_case("discrete", FALSE, "holm")
write_case("discrete-bh", FALSE, "bh")
write_case("continuous", TRUE, "holm")
