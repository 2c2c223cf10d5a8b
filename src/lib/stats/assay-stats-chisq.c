/* assay-stats-chisq.c — the chi-square goodness-of-fit test
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

#include "assay-stats-chisq.h"

#include "assay-error.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

static gboolean
check_cells (const double  *observed,
             const double  *expected,
             gsize          n_cells,
             double        *out_total,
             GError       **error)
{
  double total = 0;
  double sum_p = 0;

  if (n_cells < 2)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("A goodness-of-fit test needs at least two cells."));
      return FALSE;
    }
  for (gsize i = 0; i < n_cells; i++)
    {
      if (!(isfinite (observed[i]) && observed[i] >= 0))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Cell %zu has the count %g; counts must be finite and not negative."),
                       i + 1, observed[i]);
          return FALSE;
        }
      if (!(isfinite (expected[i]) && expected[i] > 0))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Cell %zu has the expected probability %g; every cell needs a "
                         "positive probability."),
                       i + 1, expected[i]);
          return FALSE;
        }
      total += observed[i];
      sum_p += expected[i];
    }
  if (fabs (sum_p - 1) > sqrt (DBL_EPSILON))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The expected probabilities sum to %.10g; they must sum to 1."), sum_p);
      return FALSE;
    }
  if (total == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("All counts are zero; there is nothing to test."));
      return FALSE;
    }
  *out_total = total;
  return TRUE;
}

gboolean
assay_stats_chisq_gof (const double     *observed,
                       const double     *expected,
                       gsize             n_cells,
                       AssayStatsChisq  *out,
                       GError          **error)
{
  double total = 0;
  double statistic = 0;

  g_return_val_if_fail (observed != NULL || n_cells == 0, FALSE);
  g_return_val_if_fail (expected != NULL || n_cells == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n_cells <= G_MAXUINT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_cells (observed, expected, n_cells, &total, error))
    return FALSE;

  for (gsize i = 0; i < n_cells; i++)
    {
      double e = total * expected[i];
      double d = observed[i] - e;

      statistic += d * d / e;
    }
  out->statistic = statistic;
  out->df = (guint) (n_cells - 1);
  out->p_value = gsl_cdf_chisq_Q (statistic, out->df);
  return TRUE;
}
