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
#include <gsl/gsl_cdf.h>
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
 * monotone, so a bisection over k is enough; it starts from the normal
 * approximation and gallops out to a bracket, because a fairness audit
 * asks this for tens of thousands of groups and each cdf of a large n
 * sums thousands of terms. */
static guint
qbinom_half (double q,
             guint  n)
{
  double guess = n / 2.0 + gsl_cdf_ugaussian_Pinv (q) * sqrt (n) / 2;
  guint lo, hi, step = 1;

  q *= 1 - 64 * DBL_EPSILON;
  hi = (guint) CLAMP (guess, 0, n);
  if (assay_stats_binom_cdf (hi, n, 0.5) >= q)
    {
      /* Walk down until the cdf falls below q: the answer is above that. */
      for (lo = 0; hi > 0; step *= 2)
        {
          guint t = hi > step ? hi - step : 0;

          if (assay_stats_binom_cdf (t, n, 0.5) < q)
            {
              lo = t + 1;
              break;
            }
          hi = t;
        }
    }
  else
    {
      /* Walk up until the cdf reaches q (it is 1 at n). */
      for (lo = hi + 1, hi = n; lo < n; step *= 2)
        {
          guint t = MIN ((guint64) lo + step - 1, n);

          if (assay_stats_binom_cdf (t, n, 0.5) >= q)
            {
              hi = t;
              break;
            }
          lo = t + 1;
        }
    }
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

guint
assay_stats_median_interval_rank (gsize  n,
                                  double alpha)
{
  g_return_val_if_fail (n <= G_MAXUINT, 0);
  g_return_val_if_fail (alpha > 0 && alpha < 1, 0);

  return n == 0 ? 0 : qbinom_half (alpha / 2, n);
}

static inline void
swap (double *x,
      gsize   i,
      gsize   j)
{
  double t = x[i];

  x[i] = x[j];
  x[j] = t;
}

double
assay_stats_select (double *x,
                    gsize   n,
                    gsize   k)
{
  gssize lo = 0, hi = (gssize) n - 1, target = (gssize) k;

  g_return_val_if_fail (x != NULL && k < n, NAN);

  /* Hoare's partition around the middle element; the scans stop on
   * values equal to the pivot, so runs of ties split evenly instead of
   * degrading to quadratic time. */
  while (lo < hi)
    {
      double pivot = x[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (x[i] < pivot)
            i++;
          while (x[j] > pivot)
            j--;
          if (i <= j)
            swap (x, i++, j--);
        }
      /* Now x[lo..j] ≤ pivot ≤ x[i..hi], and what lies between equals it. */
      if (target <= j)
        hi = j;
      else if (target >= i)
        lo = i;
      else
        break;
    }
  return x[k];
}

double
assay_stats_median_select (double *x,
                           gsize   n)
{
  double upper;

  g_return_val_if_fail (x != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  upper = assay_stats_select (x, n, n / 2);
  if (n % 2 == 1)
    return upper;
  /* The lower middle is the largest of the part left of n/2. */
  {
    double lower = x[0];

    for (gsize i = 1; i < n / 2; i++)
      lower = MAX (lower, x[i]);
    return (lower + upper) / 2;
  }
}

void
assay_stats_median_interval_select (double                   *x,
                                    gsize                     n,
                                    double                    alpha,
                                    AssayStatsMedianInterval *out)
{
  guint k;

  g_return_if_fail (x != NULL || n == 0);
  g_return_if_fail (out != NULL);

  k = assay_stats_median_interval_rank (n, alpha);
  out->k = k;
  out->lower = k == 0 ? -INFINITY : assay_stats_select (x, n, k - 1);
  /* After the first selection x[k..n) holds the larger values. */
  out->upper = k == 0 ? INFINITY : assay_stats_select (x + k - 1, n - k + 1, n - 2 * k + 1);
  out->coverage = k == 0 ? 1 : 1 - 2 * assay_stats_binom_cdf (k - 1, n, 0.5);
}
