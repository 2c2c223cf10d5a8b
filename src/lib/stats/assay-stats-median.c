/* assay-stats-median.c — the median and its order-statistic confidence interval
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

#include "assay-stats-median.h"

#include "assay-stats-binomial.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A sorted copy, or NULL if a value is NaN (which has no place in an
 * order). */
static double *
sorted_copy (const double *x,
             gsize         n)
{
  g_autofree double *copy = NULL;

  for (gsize i = 0; i < n; i++)
    if (isnan (x[i]))
      return NULL;

  copy = g_new (double, MAX (n, 1));
  if (n > 0)
    memcpy (copy, x, n * sizeof (double));
  qsort (copy, n, sizeof (double), compare_doubles);
  return g_steal_pointer (&copy);
}

double
assay_stats_median (const double *x,
                    gsize         n)
{
  g_autofree double *sorted = NULL;

  g_return_val_if_fail (x != NULL || n == 0, NAN);

  if (n == 0 || (sorted = sorted_copy (x, n)) == NULL)
    return NAN;
  if (n % 2 == 1)
    return sorted[n / 2];
  /* R adds and halves (mean (sort (x)[half + 0:1])). */
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* qbinom (q, n, ½) as R computes it: the smallest k with
 * P(Bin(n, ½) ≤ k) ≥ q, where R first shrinks q by 64 ulps so that a
 * probability that equals q up to rounding still counts.  The cdf is
 * monotone, so a bisection over k is enough. */
static guint
qbinom_half (double q,
             guint  n)
{
  guint lo = 0;
  guint hi = n;

  q *= 1 - 64 * DBL_EPSILON;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (assay_stats_binom_cdf (mid, n, 0.5) >= q)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

gboolean
assay_stats_median_interval (const double             *x,
                             gsize                     n,
                             double                    alpha,
                             AssayStatsMedianInterval *out)
{
  g_autofree double *sorted = NULL;
  guint k;

  g_return_val_if_fail (x != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n <= G_MAXUINT, FALSE);

  if (!(alpha > 0 && alpha < 1))
    return FALSE;
  if ((sorted = sorted_copy (x, n)) == NULL)
    return FALSE;

  k = n == 0 ? 0 : qbinom_half (alpha / 2, n);
  out->k = k;
  out->lower = k == 0 ? -INFINITY : sorted[k - 1];
  out->upper = k == 0 ? INFINITY : sorted[n - k];
  out->coverage = k == 0 ? 1 : 1 - 2 * assay_stats_binom_cdf (k - 1, n, 0.5);
  return TRUE;
}
