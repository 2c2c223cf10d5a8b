/* assay-stats-binomial.h — binomial tails, the exact binomial test and the sign test
 *
 * Copyright 2026 The Assay authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "assay-stats-types.h"

G_BEGIN_DECLS

/* P(X = k), P(X ≤ k) and P(X ≥ k) for X ~ Bin(n, p), as R's dbinom,
 * pbinom and pbinom(k − 1, lower.tail = FALSE). */
double   assay_stats_binom_pmf   (guint                  k,
                                  guint                  n,
                                  double                 p);
double   assay_stats_binom_cdf   (guint                  k,
                                  guint                  n,
                                  double                 p);
double   assay_stats_binom_sf    (guint                  k,
                                  guint                  n,
                                  double                 p);

/* The p-value of R's binom.test (k, n, p, alternative): LESS is
 * P(X ≤ k), GREATER P(X ≥ k), TWO_SIDED the sum of the probabilities of
 * every outcome no more likely than k (with R's relative tolerance 1e-7).
 * With n = 0 there is no evidence and every p-value is 1 (R refuses n = 0). */
double   assay_stats_binom_test  (guint                  k,
                                  guint                  n,
                                  double                 p,
                                  AssayStatsAlternative  alternative);

typedef struct
{
  guint  n_positive;   /* S = #{xᵢ > mu} */
  guint  n_nonzero;    /* n = #{xᵢ ≠ mu}; ties with mu are dropped */
  double p_below;      /* P(Bin(n, ½) ≤ S): evidence that the median is below mu */
  double p_above;      /* P(Bin(n, ½) ≥ S): evidence that it is above */
  double p_two_sided;  /* binom.test (S, n, ½) */
} AssayStatsSignTest;

/* The sign test of "the median of x is mu".  FALSE (and @out untouched)
 * if some xᵢ is NaN. */
gboolean assay_stats_sign_test   (const double          *x,
                                  gsize                  n,
                                  double                 mu,
                                  AssayStatsSignTest    *out);

G_END_DECLS
