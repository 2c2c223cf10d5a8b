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

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>

/* qbeta (q, a, b) to full double precision.  GSL's inverse is a good
 * start but stops short of the last digits in the far tails, so a few
 * Newton steps on the incomplete beta polish it; the root is kept inside
 * a bracket so that a step can never leave (0, 1). */
static double
qbeta (double q,
       double a,
       double b)
{
  double x = gsl_cdf_beta_Pinv (q, a, b);
  double lo = 0;
  double hi = 1;

  for (guint i = 0; i < 50; i++)
    {
      double f = gsl_cdf_beta_P (x, a, b) - q;
      double d = gsl_ran_beta_pdf (x, a, b);
      double next;

      if (f == 0)
        break;
      if (f < 0)
        lo = x;
      else
        hi = x;
      next = d > 0 ? x - f / d : (lo + hi) / 2;
      if (!(next > lo && next < hi))
        next = (lo + hi) / 2;
      if (fabs (next - x) <= 4 * G_MINDOUBLE + 1e-16 * x)
        {
          x = next;
          break;
        }
      x = next;
    }
  return x;
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
    *lower = qbeta (alpha, x, n - x + 1);
  if (alternative != ASSAY_STATS_GREATER && x < n)
    *upper = qbeta (1 - alpha, x + 1, n - x);
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
