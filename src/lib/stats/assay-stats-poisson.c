/* assay-stats-poisson.c — Poisson tails for the spike breakers
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

#include "assay-stats-poisson.h"

#include <float.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>

/* ln P(X = k); the caller has checked λ > 0. */
static double
log_pmf (guint64 k,
         double  lambda)
{
  return (double) k * log (lambda) - lambda - gsl_sf_lnfact ((unsigned int) k);
}

/* Σ_{k ≥ x} P(X = k) for x > λ: the terms fall by λ/(k + 1) < 1 each
 * step, so the sum stops once a term no longer changes it. */
static double
upper_sum (guint64 x,
           double  lambda)
{
  double term = exp (log_pmf (x, lambda));
  double sum = 0;

  for (guint64 k = x; term > 0 && term >= sum * DBL_EPSILON / 4; k++)
    {
      sum += term;
      term *= lambda / (double) (k + 1);
    }
  return sum;
}

/* Σ_{k ≤ x} P(X = k) for x < λ: walking down, the terms fall by k/λ < 1. */
static double
lower_sum (guint64 x,
           double  lambda)
{
  double term = exp (log_pmf (x, lambda));
  double sum = 0;

  for (guint64 k = x; term > 0; k--)
    {
      sum += term;
      if (k == 0 || term < sum * DBL_EPSILON / 4)
        break;
      term *= (double) k / lambda;
    }
  return sum;
}

double
assay_stats_poisson_sf (guint64 x,
                        double  lambda)
{
  if (!(lambda >= 0) || isinf (lambda))
    return NAN;
  if (x == 0)
    return 1;
  if (lambda == 0)
    return 0;
  /* gsl_sf_lnfact takes an unsigned int; a day has far fewer requests. */
  if (x > G_MAXUINT - 1)
    return (double) x > lambda ? 0 : NAN;
  if ((double) x > lambda)
    return upper_sum (x, lambda);
  return 1 - lower_sum (x - 1, lambda);
}
