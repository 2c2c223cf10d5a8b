/* assay-stats-sampling.c — audit sampling: the attribute sample size and the error bound
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

#include "assay-stats-sampling.h"

#include "assay-error.h"
#include "assay-stats-binomial.h"

#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

/* Far beyond any audit; a request that needs more is a wrong input. */
#define MAX_SAMPLE_SIZE 100000u

gboolean
assay_stats_attribute_sample_size (double   tolerable,
                                   double   expected,
                                   double   risk,
                                   guint   *out_n,
                                   guint   *out_allowed,
                                   GError **error)
{
  g_return_val_if_fail (out_n != NULL && out_allowed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(tolerable > 0 && tolerable < 1) || !(risk > 0 && risk < 1))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The tolerable deviation rate and the risk must lie strictly between "
                     "0 %% and 100 %%."));
      return FALSE;
    }
  if (!(expected >= 0 && expected < tolerable))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The expected deviation rate (%g %%) must be at least 0 and below the "
                     "tolerable rate (%g %%); otherwise no sample size gives the assurance "
                     "asked for."),
                   expected * 100, tolerable * 100);
      return FALSE;
    }

  /* P(Bin(n, T) ≤ a(n)) is not monotone in n (it jumps up when a(n) does),
   * so the smallest n is found by walking up, not by bisection. */
  for (guint n = 1; n <= MAX_SAMPLE_SIZE; n++)
    {
      guint allowed = (guint) ceil (n * expected - 1e-9);

      if (assay_stats_binom_cdf (allowed, n, tolerable) <= risk)
        {
          *out_n = n;
          *out_allowed = allowed;
          return TRUE;
        }
    }

  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("No sample of up to %u records reaches this assurance: the expected "
                 "deviation rate is too close to the tolerable rate. Lower the expected rate "
                 "or raise the tolerable rate."),
               MAX_SAMPLE_SIZE);
  return FALSE;
}

/* P(X ≤ k) for D errors among N records, n drawn. */
static double
phyper (guint k,
        guint d,
        guint population,
        guint sample)
{
  if (k >= sample || k >= d)
    return 1;
  return gsl_cdf_hypergeometric_P (k, d, population - d, sample);
}

gboolean
assay_stats_hypergeometric_upper (guint    population,
                                  guint    sample,
                                  guint    errors,
                                  double   confidence,
                                  guint   *out_upper,
                                  GError **error)
{
  double beta = 1 - confidence;
  guint lo, hi;

  g_return_val_if_fail (out_upper != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(errors <= sample && sample <= population))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("A sample of %u with %u errors cannot come from a population of %u: the "
                     "errors must not exceed the sample, nor the sample the population."),
                   sample, errors, population);
      return FALSE;
    }
  if (!(confidence > 0 && confidence < 1))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The confidence must lie strictly between 0 %% and 100 %%."));
      return FALSE;
    }

  /* D runs from k (the errors seen exist, P = 1 > β) to N − n + k (any
   * more and the sample could not hold as few as k).  P(X ≤ k) falls as
   * D grows, so bisect for the last D where it is still above β. */
  lo = errors;
  hi = population - sample + errors;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (phyper (errors, mid, population, sample) > beta)
        lo = mid;
      else
        hi = mid - 1;
    }
  *out_upper = lo;
  return TRUE;
}
