/* assay-stats-binomial.c — binomial tails, the exact binomial test and the sign test
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

#include "assay-stats-binomial.h"

#include <float.h>
#include <math.h>

/* R's binom.test counts an outcome as "no more likely than the observed
 * one" with this relative slack, so that equal probabilities that differ
 * in the last bits (the mirror image at p = ½) count as equal. */
#define BINOM_TEST_REL_ERR (1 + 1e-7)

#define LN_SQRT_2PI 0.918938533204672741780329736406  /* log (√(2π)) */
#define LN_2PI      1.837877066409345483560659472811  /* log (2π) */

/* GSL's binomial pdf and cdf (lgamma and the incomplete beta) lose up to
 * 4e-8 relative at n = 10⁶–10⁷, more than the 1e-9 the audit is checked
 * to, so the pmf is Loader's saddle-point form, as R's dbinom computes it
 * (C. Loader, "Fast and accurate computation of binomial probabilities",
 * 2000), and the tails are sums of it. */

/* log (n!) − log (√(2π n) (n/e)ⁿ), the error of Stirling's formula. */
static double
stirlerr (double n)
{
  const double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
  double nn = n * n;

  if (n <= 15)
    return n == 0 ? 0 : lgamma (n + 1) - (n + 0.5) * log (n) + n - LN_SQRT_2PI;
  if (n > 500)
    return (s0 - s1 / nn) / n;
  if (n > 80)
    return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35)
    return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/* x·log (x/m) + m − x without the cancellation when x ≈ m. */
static double
bd0 (double x,
     double m)
{
  if (fabs (x - m) < 0.1 * (x + m))
    {
      double v = (x - m) / (x + m);
      double s = (x - m) * v;
      double ej = 2 * x * v;

      if (fabs (s) < DBL_MIN)
        return s;
      v = v * v;
      for (int j = 1; j < 1000; j++)
        {
          double s1;

          ej *= v;
          s1 = s + ej / (2 * j + 1);
          if (s1 == s)
            return s1;
          s = s1;
        }
    }
  return x * log (x / m) + m - x;
}

static double
pmf (double x,
     double n,
     double p)
{
  double q = 1 - p;
  double lc, lf;

  if (p == 0)
    return x == 0 ? 1 : 0;
  if (q == 0)
    return x == n ? 1 : 0;
  if (x == 0)
    return exp (p < 0.1 ? -bd0 (n, n * q) - n * p : n * log (q));
  if (x == n)
    return exp (q < 0.1 ? -bd0 (n, n * p) - n * q : n * log (p));
  lc = stirlerr (n) - stirlerr (x) - stirlerr (n - x) - bd0 (x, n * p) - bd0 (n - x, n * q);
  lf = LN_2PI + log (x) + log1p (-x / n);
  return exp (lc - 0.5 * lf);
}

/* Σ P(X = i) from i = k away from the mean (down when @down), by the
 * ratio of neighbouring terms, until the terms no longer change the sum.
 * The caller starts on the far side of the mean, where the terms fall. */
static double
tail_sum (guint    k,
          guint    n,
          double   p,
          gboolean down)
{
  double ratio = p / (1 - p);
  double term = pmf (k, n, p);
  double sum = 0;
  guint i = k;

  while (term > 0)
    {
      sum += term;
      if (term < sum * 1e-17 || (down ? i == 0 : i == n))
        break;
      if (down)
        {
          term *= i / ((n - i + 1) * ratio);
          i--;
        }
      else
        {
          term *= (n - i) * ratio / (i + 1);
          i++;
        }
    }
  return sum;
}

double
assay_stats_binom_pmf (guint  k,
                       guint  n,
                       double p)
{
  g_return_val_if_fail (p >= 0 && p <= 1, NAN);

  if (k > n)
    return 0;
  return pmf (k, n, p);
}

double
assay_stats_binom_cdf (guint  k,
                       guint  n,
                       double p)
{
  g_return_val_if_fail (p >= 0 && p <= 1, NAN);

  if (k >= n || p == 0)
    return 1;
  if (p == 1)
    return 0;
  /* Sum the tail on the far side of k from the mean (the smaller one but
   * for the term at the mean), so that a small probability keeps its
   * digits; its complement is then at least about ½. */
  if (k < n * p)
    return MIN (1, tail_sum (k, n, p, TRUE));
  return MAX (0, 1 - tail_sum (k + 1, n, p, FALSE));
}

double
assay_stats_binom_sf (guint  k,
                      guint  n,
                      double p)
{
  g_return_val_if_fail (p >= 0 && p <= 1, NAN);

  if (k == 0)
    return 1;
  if (k > n)
    return 0;
  if (p == 0)
    return 0;
  if (p == 1)
    return 1;
  if (k > n * p)
    return MIN (1, tail_sum (k, n, p, FALSE));
  return MAX (0, 1 - tail_sum (k - 1, n, p, TRUE));
}

/* R's two-sided rule: add the probabilities of the outcomes on the far
 * side of the mean that are no more likely than the observed one.  R
 * counts them one by one; the pmf falls monotonically away from the mean
 * on either side, so they form a run at the far end, found by bisection
 * (the count is the same, in O(log n) instead of O(n) evaluations). */
static guint
count_no_more_likely (guint    from,
                      guint    to,
                      guint    n,
                      double   p,
                      double   d,
                      gboolean run_at_end)
{
  guint lo = from;
  guint hi = to + 1;

  /* Find the first index of the run (run_at_end) or the first index past
   * it (at the start). */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gboolean in_run = pmf (mid, n, p) <= d;

      if (in_run == run_at_end)
        hi = mid;
      else
        lo = mid + 1;
    }
  return run_at_end ? to + 1 - lo : lo - from;
}

static double
binom_two_sided (guint  k,
                 guint  n,
                 double p)
{
  double d = pmf (k, n, p) * BINOM_TEST_REL_ERR;
  double m = n * p;
  guint y;

  if (k == m)
    return 1;
  if (k < m)
    {
      y = count_no_more_likely ((guint) ceil (m), n, n, p, d, TRUE);
      return MIN (1, assay_stats_binom_cdf (k, n, p) + assay_stats_binom_sf (n - y + 1, n, p));
    }
  y = count_no_more_likely (0, (guint) floor (m), n, p, d, FALSE);
  return MIN (1, (y > 0 ? assay_stats_binom_cdf (y - 1, n, p) : 0)
                 + assay_stats_binom_sf (k, n, p));
}

double
assay_stats_binom_test (guint                 k,
                        guint                 n,
                        double                p,
                        AssayStatsAlternative alternative)
{
  g_return_val_if_fail (k <= n, NAN);
  g_return_val_if_fail (p >= 0 && p <= 1, NAN);

  if (n == 0)
    return 1;

  switch (alternative)
    {
    case ASSAY_STATS_LESS:
      return assay_stats_binom_cdf (k, n, p);
    case ASSAY_STATS_GREATER:
      return assay_stats_binom_sf (k, n, p);
    case ASSAY_STATS_TWO_SIDED:
    default:
      return binom_two_sided (k, n, p);
    }
}

gboolean
assay_stats_sign_test (const double       *x,
                       gsize               n,
                       double              mu,
                       AssayStatsSignTest *out)
{
  guint positive = 0;
  guint nonzero = 0;

  g_return_val_if_fail (x != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n <= G_MAXUINT, FALSE);

  for (gsize i = 0; i < n; i++)
    {
      if (isnan (x[i]))
        return FALSE;
      if (x[i] != mu)
        nonzero++;
      if (x[i] > mu)
        positive++;
    }

  out->n_positive = positive;
  out->n_nonzero = nonzero;
  out->p_below = assay_stats_binom_test (positive, nonzero, 0.5, ASSAY_STATS_LESS);
  out->p_above = assay_stats_binom_test (positive, nonzero, 0.5, ASSAY_STATS_GREATER);
  out->p_two_sided = assay_stats_binom_test (positive, nonzero, 0.5, ASSAY_STATS_TWO_SIDED);
  return TRUE;
}
