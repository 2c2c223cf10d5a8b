/* assay-stats-quantreg.c — median (τ = ½) regression on one covariate
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

#include "assay-stats-quantreg.h"

#include "assay-error.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

/* Descent steps are strict, so there are at most as many as vertices;
 * this only guards against a rounding loop. */
#define MAX_STEPS 100000

typedef struct
{
  double slope;
  double weight;
  gsize  index;
} Slope;

static int
compare_slopes (const void *a,
                const void *b)
{
  const Slope *s = a;
  const Slope *t = b;

  if (s->slope != t->slope)
    return s->slope < t->slope ? -1 : 1;
  return (s->index > t->index) - (s->index < t->index);
}

static double
objective (const double *x,
           const double *y,
           gsize         n,
           double        a,
           double        b)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += fabs (y[i] - a - b * x[i]);
  return sum;
}

/* Among lines through point j, Σ|yᵢ − yⱼ − b(xᵢ − xⱼ)| is
 * Σ |xᵢ − xⱼ|·|sᵢ − b| with sᵢ the slope from j to i: its minimum is the
 * weighted median of the sᵢ, the lowest one at which the weight below
 * reaches half.  Returns the point the best line meets besides j. */
static gsize
best_partner (const double *x,
              const double *y,
              gsize         n,
              gsize         j,
              Slope        *scratch)
{
  gsize m = 0;
  double total = 0;
  double below = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (x[i] == x[j])
        continue;
      scratch[m].slope = (y[i] - y[j]) / (x[i] - x[j]);
      scratch[m].weight = fabs (x[i] - x[j]);
      scratch[m].index = i;
      total += scratch[m].weight;
      m++;
    }
  g_assert (m > 0);
  qsort (scratch, m, sizeof (Slope), compare_slopes);
  for (gsize i = 0; i < m; i++)
    {
      below += scratch[i].weight;
      if (below >= total / 2)
        return scratch[i].index;
    }
  return scratch[m - 1].index;
}

static void
line_through (const double *x,
              const double *y,
              gsize         i,
              gsize         j,
              double       *a,
              double       *b)
{
  *b = (y[j] - y[i]) / (x[j] - x[i]);
  *a = y[i] - *b * x[i];
}

static gboolean
check_input (const double  *x,
             const double  *y,
             gsize          n,
             GError       **error)
{
  gboolean distinct = FALSE;

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Observation %zu is not a finite number; median regression needs "
                         "finite values."),
                       i + 1);
          return FALSE;
        }
      if (x[i] != x[0])
        distinct = TRUE;
    }
  if (!distinct)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Median regression needs at least two different values of the "
                     "covariate; all %zu observations have the same one."),
                   n);
      return FALSE;
    }
  return TRUE;
}

/* The index of a point of median x, where the descent starts. */
static gsize
median_x_point (const double *x,
                gsize         n)
{
  g_autofree Slope *order = g_new (Slope, n);

  for (gsize i = 0; i < n; i++)
    order[i] = (Slope) { x[i], 0, i };
  qsort (order, n, sizeof (Slope), compare_slopes);
  return order[(n - 1) / 2].index;
}

typedef struct
{
  const double *x;
  const double *y;
  gsize         n;
  Slope        *scratch;
  gsize         pivot;    /* the line is the best through this point */
  gsize         partner;  /* and meets this one too */
  double        a;
  double        b;
  double        sum;      /* Σ |yᵢ − a − b·xᵢ| */
} Descent;

/* Moves to the best line through @about if that lowers the sum (by more
 * than rounding, so that the descent cannot cycle). */
static gboolean
rotate_about (Descent *d,
              gsize    about)
{
  gsize other = best_partner (d->x, d->y, d->n, about, d->scratch);
  double a, b, sum;

  line_through (d->x, d->y, about, other, &a, &b);
  sum = objective (d->x, d->y, d->n, a, b);
  if (!(sum < d->sum * (1 - 1e-14)))
    return FALSE;
  d->pivot = about;
  d->partner = other;
  d->a = a;
  d->b = b;
  d->sum = sum;
  return TRUE;
}

/* Rotations about the other points on the line (three or more points
 * collinear), which the alternation between pivot and partner skips. */
static gboolean
rotate_about_others (Descent *d)
{
  double scale = 0;

  for (gsize i = 0; i < d->n; i++)
    scale = MAX (scale, fabs (d->y[i]) + fabs (d->a) + fabs (d->b * d->x[i]));
  for (gsize i = 0; i < d->n; i++)
    {
      double residual = d->y[i] - d->a - d->b * d->x[i];

      if (i == d->pivot || i == d->partner || fabs (residual) > 1e-12 * scale)
        continue;
      if (rotate_about (d, i))
        return TRUE;
    }
  return FALSE;
}

gboolean
assay_stats_median_regression (const double  *x,
                               const double  *y,
                               gsize          n,
                               double        *out_intercept,
                               double        *out_slope,
                               GError       **error)
{
  g_autofree Slope *scratch = NULL;
  Descent d = { x, y, n, NULL, 0, 0, 0, 0, 0 };
  guint step;

  g_return_val_if_fail (x != NULL || n == 0, FALSE);
  g_return_val_if_fail (y != NULL || n == 0, FALSE);
  g_return_val_if_fail (out_intercept != NULL && out_slope != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_input (x, y, n, error))
    return FALSE;

  d.scratch = scratch = g_new (Slope, n);
  d.pivot = median_x_point (x, n);
  d.partner = best_partner (x, y, n, d.pivot, scratch);
  line_through (x, y, d.pivot, d.partner, &d.a, &d.b);
  d.sum = objective (x, y, n, d.a, d.b);

  /* Rotate about a point of the line while that lowers the sum.  When no
   * point on the line improves it, the line is optimal: near a vertex the
   * objective is linear on each cone between the rotations about the
   * points on the line, so a descent, if there is one, runs along one of
   * them; and a local minimum of a convex function is the minimum. */
  for (step = 0; step < MAX_STEPS; step++)
    if (!rotate_about (&d, d.partner) && !rotate_about_others (&d))
      break;
  if (step == MAX_STEPS)
    g_warning ("Median regression stopped after %u steps without converging", MAX_STEPS);

  *out_intercept = d.a;
  *out_slope = d.b;
  return TRUE;
}
