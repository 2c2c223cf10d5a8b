/* assay-fairness-row.c — one group of the fairness table, as a list item
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

#include <glib/gi18n.h>
#include <math.h>

#include "assay-fairness-row.h"
#include "assay-format.h"

struct _AssayFairnessRow
{
  GObject            parent_instance;

  AssayFairnessGroup group;   /* value is our own copy */
  char              *label;
};

G_DEFINE_FINAL_TYPE (AssayFairnessRow, assay_fairness_row, G_TYPE_OBJECT)

static void
assay_fairness_row_finalize (GObject *object)
{
  AssayFairnessRow *self = ASSAY_FAIRNESS_ROW (object);

  g_free (self->group.value);
  g_free (self->label);

  G_OBJECT_CLASS (assay_fairness_row_parent_class)->finalize (object);
}

static void
assay_fairness_row_class_init (AssayFairnessRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = assay_fairness_row_finalize;
}

static void
assay_fairness_row_init (AssayFairnessRow *self)
{
}

AssayFairnessRow *
assay_fairness_row_new (const AssayFairnessGroup *group,
                        const char               *label)
{
  AssayFairnessRow *self = g_object_new (ASSAY_TYPE_FAIRNESS_ROW, NULL);

  self->group = *group;
  self->group.value = g_strdup (group->value);
  self->label = g_strdup (label);
  return self;
}

const AssayFairnessGroup *
assay_fairness_row_get_group (AssayFairnessRow *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_ROW (self), NULL);
  return &self->group;
}

/* Medians of points: whole or halves, so one decimal at most. */
static char *
format_points (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f", value);
}

/* p-values as statisticians read them: tiny ones in e-notation. */
static char *
format_p (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (value < 0.0001)
    return g_strdup_printf ("%.1e", value);
  return g_strdup_printf ("%.4f", value);
}

static char *
format_residual (const AssayFairnessGroup *g)
{
  if (isnan (g->residual_median))
    return g_strdup ("—");
  if (isnan (g->residual_ci[0]) || isnan (g->residual_ci[1]))
    return format_points (g->residual_median);
  /* Translators: a median and its confidence interval, "-12.0 [-20.5, -3.0]". */
  return g_strdup_printf (_("%.1f [%.1f, %.1f]"), g->residual_median, g->residual_ci[0], g->residual_ci[1]);
}

char *
assay_fairness_row_format (AssayFairnessRow    *self,
                           AssayFairnessColumn  column)
{
  const AssayFairnessGroup *g = &self->group;

  switch (column)
    {
    case ASSAY_FAIRNESS_COLUMN_GROUP:
      return g_strdup (self->label);
    case ASSAY_FAIRNESS_COLUMN_N:
      /* Translators: accounts in a group, and of them those with a
       * prediction: "1,204 (1,198 tested)". */
      {
        g_autofree char *n = assay_format_count (g->n);
        g_autofree char *tested = assay_format_count (g->n_tested);

        return g_strdup_printf (_("%s (%s tested)"), n, tested);
      }
    case ASSAY_FAIRNESS_COLUMN_OBSERVED:
      return format_points (g->observed_median);
    case ASSAY_FAIRNESS_COLUMN_PREDICTED:
      return format_points (g->predicted_median);
    case ASSAY_FAIRNESS_COLUMN_RATIO:
      return isnan (g->ratio) ? g_strdup ("—") : g_strdup_printf ("%.3f", g->ratio);
    case ASSAY_FAIRNESS_COLUMN_RESIDUAL:
      return format_residual (g);
    case ASSAY_FAIRNESS_COLUMN_P_BELOW:
      return format_p (g->p_below_adjusted);
    case ASSAY_FAIRNESS_COLUMN_P_ABOVE:
      return format_p (g->p_above_adjusted);
    case ASSAY_FAIRNESS_COLUMN_VERDICT:
      return g_strdup (assay_fairness_verdict_get_label (g->verdict));
    case ASSAY_N_FAIRNESS_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_doubles (double a,
                 double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

/* Under and over first, then no gap, then too few to say. */
static int
verdict_rank (AssayFairnessVerdict verdict)
{
  switch (verdict)
    {
    case ASSAY_FAIRNESS_UNDER:
      return 0;
    case ASSAY_FAIRNESS_OVER:
      return 1;
    case ASSAY_FAIRNESS_NONE:
      return 2;
    case ASSAY_FAIRNESS_INSUFFICIENT:
    default:
      return 3;
    }
}

int
assay_fairness_row_compare (AssayFairnessRow    *a,
                            AssayFairnessRow    *b,
                            AssayFairnessColumn  column)
{
  const AssayFairnessGroup *x = &a->group, *y = &b->group;

  switch (column)
    {
    case ASSAY_FAIRNESS_COLUMN_GROUP:
      return g_utf8_collate (a->label, b->label);
    case ASSAY_FAIRNESS_COLUMN_N:
      return (x->n > y->n) - (x->n < y->n);
    case ASSAY_FAIRNESS_COLUMN_OBSERVED:
      return compare_doubles (x->observed_median, y->observed_median);
    case ASSAY_FAIRNESS_COLUMN_PREDICTED:
      return compare_doubles (x->predicted_median, y->predicted_median);
    case ASSAY_FAIRNESS_COLUMN_RATIO:
      return compare_doubles (x->ratio, y->ratio);
    case ASSAY_FAIRNESS_COLUMN_RESIDUAL:
      return compare_doubles (x->residual_median, y->residual_median);
    case ASSAY_FAIRNESS_COLUMN_P_BELOW:
      return compare_doubles (x->p_below_adjusted, y->p_below_adjusted);
    case ASSAY_FAIRNESS_COLUMN_P_ABOVE:
      return compare_doubles (x->p_above_adjusted, y->p_above_adjusted);
    case ASSAY_FAIRNESS_COLUMN_VERDICT:
      return verdict_rank (x->verdict) - verdict_rank (y->verdict);
    case ASSAY_N_FAIRNESS_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}
