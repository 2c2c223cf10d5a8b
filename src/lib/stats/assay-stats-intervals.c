/* assay-stats-intervals.c — Clopper–Pearson and Wilson intervals for a proportion
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

#include "config.h"

#include "assay-stats-intervals.h"

#include "assay-stats-binomial.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

/* qbeta (q, k, n − k + 1) for 1 ≤ k ≤ n: the t with P(Bin(n, t) ≥ k) = q,
 * since for integer shapes I_t(k, n − k + 1) is that binomial tail.  It is
 * solved on the binomial tails of assay-stats-binomial.c rather than with
 * gsl_cdf_beta_Pinv, which aborts the process ("inverse failed to
 * converge") at n = 10⁶.  Newton steps (the derivative is
 * n·P(Bin(n − 1, t) = k − 1)) inside a bracket that each step shrinks; a
 * step that leaves the bracket or does not halve the error is replaced by
 * bisection, so the search always converges. */
static double
binom_rate_for_tail (guint  k,
                     guint  n,
                     double q)
{
  double lo = 0;
  double hi = 1;
  double t = (k - 0.5) / n;
  double last_f = INFINITY;

  g_assert (k >= 1 && k <= n);

  for (guint i = 0; i < 400 && hi - lo > 1e-17 * hi; i++)
    {
      double f = assay_stats_binom_sf (k, n, t) - q;
      double d = n * assay_stats_binom_pmf (k - 1, n - 1, t);
      double next;

      if (f == 0)
        return t;
      if (f < 0)
        lo = t;
      else
        hi = t;
      next = d > 0 ? t - f / d : NAN;
      if (!(next > lo && next < hi) || fabs (f) > 0.5 * last_f)
        next = lo + (hi - lo) / 2;
      last_f = fabs (f);
      if (next == t)
        break;
      t = next;
    }
  return t;
}

static double
alpha_of (double                confidence,
          AssayStatsAlternative alternative)
{
  double alpha = 1 - confidence;

  return alternative == ASSAY_STATS_TWO_SIDED ? alpha / 2 : alpha;
}

void
assay_stats_clopper_pearson (guint                 x,
                             guint                 n,
                             double                confidence,
                             AssayStatsAlternative alternative,
                             double               *lower,
                             double               *upper)
{
  double alpha;

  g_return_if_fail (x <= n);
  g_return_if_fail (confidence > 0 && confidence < 1);
  g_return_if_fail (lower != NULL && upper != NULL);

  alpha = alpha_of (confidence, alternative);
  *lower = 0;
  *upper = 1;
  if (n == 0)
    return;
  if (alternative != ASSAY_STATS_LESS && x > 0)
    *lower = binom_rate_for_tail (x, n, alpha);
  if (alternative != ASSAY_STATS_GREATER && x < n)
    *upper = binom_rate_for_tail (x + 1, n, 1 - alpha);
}

void
assay_stats_wilson (guint                 x,
                    guint                 n,
                    double                confidence,
                    AssayStatsAlternative alternative,
                    double               *lower,
                    double               *upper)
{
  double z, z22n, p, spread;

  g_return_if_fail (x <= n);
  g_return_if_fail (confidence > 0 && confidence < 1);
  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = 0;
  *upper = 1;
  if (n == 0)
    return;

  /* The same arithmetic, in the same order, as R's prop.test. */
  z = gsl_cdf_ugaussian_Pinv (alternative == ASSAY_STATS_TWO_SIDED ? (1 + confidence) / 2
                                                                   : confidence);
  z22n = z * z / (2.0 * n);
  p = (double) x / n;
  spread = z * sqrt (p * (1 - p) / n + z22n / (2.0 * n));
  if (alternative != ASSAY_STATS_LESS && p > 0)
    *lower = MAX (0, (p + z22n - spread) / (1 + 2 * z22n));
  if (alternative != ASSAY_STATS_GREATER && p < 1)
    *upper = MIN (1, (p + z22n + spread) / (1 + 2 * z22n));
}
