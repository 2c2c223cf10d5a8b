# bench-fairness.R — the Article W audit in R, for bench-fairness's ratio
#
# Rscript tests/bench/bench-fairness.R COHORT.csv SAMPLE SEED OUT.csv
#
# COHORT.csv: gender,age_band,county,province,ses,y (written by
# bench-fairness).  The groups are those of assay_fairness_run_attributes:
# every value of the four attributes and of their pairs and triples but
# those holding both county and province.  Enumerating them is timed in
# full; the per-group audit (leave-group-out SES cell medians, residuals,
# binom.test both ways, the medians and the order-statistic interval) is
# timed on SAMPLE groups drawn with SEED and extrapolated to all groups,
# because the straightforward R audit (one tapply over the cohort per
# group) would take hours at depth 3; p.adjust (Holm) is timed on as many
# p values as the full audit has.  The sampled groups' figures go to
# OUT.csv for bench-fairness to compare with its own.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("character", "character", "character", "character",
                                      "numeric", "numeric"))
sample_n <- as.integer(args[2])
set.seed(as.integer(args[3]))
alpha <- 0.01; min_n <- 30

attrs <- c("gender", "age_band", "county", "province")
combos <- c(as.list(attrs), combn(attrs, 2, simplify = FALSE), combn(attrs, 3, simplify = FALSE))
combos <- Filter(function(a) !all(c("county", "province") %in% a), combos)

t0 <- proc.time()[["elapsed"]]
keys <- lapply(combos, function(a) {
  k <- do.call(paste, c(lapply(a, function(x) paste0(x, "=", d[[x]])), sep = "|"))
  split(seq_len(nrow(d)), k)
})
groups <- unlist(keys, recursive = FALSE)
t_enum <- proc.time()[["elapsed"]] - t0

# The SES cells as a factor once, so that each group's split is cheap.
cell <- factor(d$ses); y <- d$y
audit_group <- function(members) {
  inside <- logical(length(y)); inside[members] <- TRUE
  parts <- split(y[!inside], cell[!inside])
  ref <- vapply(parts, median, 0)
  ref[lengths(parts) < min_n] <- NA
  pred <- ref[as.integer(cell[members])]
  ok <- !is.na(pred)
  obs <- y[members][ok]; pred <- pred[ok]; r <- obs - pred
  m <- length(r)
  out <- c(n = length(members), n_tested = m, observed = median(obs), predicted = median(pred),
           p_below = NA, p_above = NA)
  if (m >= min_n) {
    s <- sum(r > 0); nz <- sum(r != 0)
    out["p_below"] <- binom.test(s, nz, 0.5, alternative = "less")$p.value
    out["p_above"] <- binom.test(s, nz, 0.5, alternative = "greater")$p.value
    k <- qbinom(alpha / 2, m, 0.5)
    if (k > 0) { sr <- sort(r); ci <- c(sr[k], sr[m - k + 1]) }
    median(r)
  }
  out
}

pick <- sample(length(groups), min(sample_n, length(groups)))
t0 <- proc.time()[["elapsed"]]
rows <- t(sapply(groups[pick], audit_group))
t_sample <- proc.time()[["elapsed"]] - t0
n_tests <- 2 * length(groups)
t0 <- proc.time()[["elapsed"]]
invisible(p.adjust(runif(n_tests), "holm"))
t_adjust <- proc.time()[["elapsed"]] - t0

write.csv(data.frame(group = names(groups)[pick], rows), args[4], row.names = FALSE)
cat(sprintf("R %s: %d groups; enumerate %.3f s; %d sampled groups %.3f s (%.4f s each); p.adjust %.3f s; estimated total %.1f s\n",
            getRversion(), length(groups), t_enum, length(pick), t_sample, t_sample / length(pick),
            t_adjust, t_enum + t_sample / length(pick) * length(groups) + t_adjust))
