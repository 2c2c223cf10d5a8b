/* assay-stats-multiplicity.c — Holm and Benjamini–Hochberg adjusted p-values
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

#include "assay-stats-multiplicity.h"

#include <math.h>

static int
compare_by_p (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const double *p = user_data;
  gsize i = *(const gsize *) a;
  gsize j = *(const gsize *) b;

  if (p[i] != p[j])
    return p[i] < p[j] ? -1 : 1;
  /* Ties keep their input order, as R's order() does. */
  return (i > j) - (i < j);
}

/* The indices of the non-NaN p-values in ascending order of p. */
static gsize *
order_p (const double *p,
         gsize         n,
         gsize        *out_m)
{
  gsize *order = g_new (gsize, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (p[i]))
      order[m++] = i;
  g_qsort_with_data (order, m, sizeof (gsize), compare_by_p, (gpointer) p);
  *out_m = m;
  return order;
}

void
assay_stats_p_adjust_holm (const double *p,
                           gsize         n,
                           double       *adjusted)
{
  g_autofree gsize *order = NULL;
  g_autofree double *out = NULL;
  double running = 0;
  gsize m;

  g_return_if_fail (p != NULL || n == 0);
  g_return_if_fail (adjusted != NULL || n == 0);

  order = order_p (p, n, &m);
  out = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    out[i] = NAN;
  for (gsize i = 0; i < m; i++)
    {
      running = MAX (running, (double) (m - i) * p[order[i]]);
      out[order[i]] = MIN (1, running);
    }
  for (gsize i = 0; i < n; i++)
    adjusted[i] = out[i];
}

void
assay_stats_p_adjust_bh (const double *p,
                         gsize         n,
                         double       *adjusted)
{
  g_autofree gsize *order = NULL;
  g_autofree double *out = NULL;
  double running = INFINITY;
  gsize m;

  g_return_if_fail (p != NULL || n == 0);
  g_return_if_fail (adjusted != NULL || n == 0);

  order = order_p (p, n, &m);
  out = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    out[i] = NAN;
  /* From the largest p down, as R's cummin over the decreasing order; R
   * computes (m / i) · p, in that order, and so does this. */
  for (gsize i = m; i > 0; i--)
    {
      running = MIN (running, ((double) m / (double) i) * p[order[i - 1]]);
      out[order[i - 1]] = MIN (1, running);
    }
  for (gsize i = 0; i < n; i++)
    adjusted[i] = out[i];
}
