/* assay-fairness.c — the Article W fairness test over arrays
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

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "assay-error.h"
#include "assay-fairness.h"
#include "assay-stats-binomial.h"
#include "assay-stats-median.h"
#include "assay-stats-multiplicity.h"
#include "assay-stats-quantreg.h"

/* With at most this many distinct SES values, AUTO treats SES as discrete. */
#define MAX_DISCRETE_SES 20

/* What the test sees: the accounts, their SES cells, the groups. */
typedef struct
{
  const double  *y;
  const double  *ses;
  gsize          n;
  guint         *cell;       /* account → index of its SES value (discrete) */
  guint          n_cells;
  guint         *group;      /* account → group index */
  GPtrArray     *values;     /* group index → value (borrowed strings) */
} Data;

void
assay_fairness_options_init (AssayFairnessOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (AssayFairnessOptions) {
    .alpha = 0.01,
    .min_n = 30,
    .min_cell_n = 30,
    .ratio_low = 0.8,
    .ratio_high = 1.25,
    .ses = ASSAY_FAIRNESS_SES_AUTO,
    .correction = ASSAY_FAIRNESS_HOLM,
  };
}

void
assay_fairness_group_free (AssayFairnessGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->value);
  g_free (group);
}

void
assay_fairness_result_free (AssayFairnessResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->groups, g_ptr_array_unref);
  g_free (result);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Numbers the distinct SES values in increasing order. */
static void
index_cells (Data *d)
{
  g_autofree double *sorted = g_memdup2 (d->ses, d->n * sizeof (double));
  gsize k = 0;

  /* With no accounts there is nothing to sort (and g_memdup2 gave NULL). */
  if (d->n > 0)
    qsort (sorted, d->n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < d->n; i++)
    if (k == 0 || sorted[i] != sorted[k - 1])
      sorted[k++] = sorted[i];
  d->n_cells = k;
  d->cell = g_new (guint, d->n);
  for (gsize i = 0; i < d->n; i++)
    {
      double *hit = bsearch (&d->ses[i], sorted, k, sizeof (double), compare_doubles);

      d->cell[i] = hit - sorted;
    }
}

/* Numbers the groups in the byte order of their values. */
static void
index_groups (Data               *d,
              const char * const *group_of)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  d->values = g_ptr_array_new ();
  for (gsize i = 0; i < d->n; i++)
    if (g_hash_table_add (seen, (gpointer) group_of[i]))
      g_ptr_array_add (d->values, (gpointer) group_of[i]);
  g_ptr_array_sort (d->values, compare_strings);
  {
    g_autoptr(GHashTable) number = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint g = 0; g < d->values->len; g++)
      g_hash_table_insert (number, g_ptr_array_index (d->values, g), GUINT_TO_POINTER (g));
    d->group = g_new (guint, d->n);
    for (gsize i = 0; i < d->n; i++)
      d->group[i] = GPOINTER_TO_UINT (g_hash_table_lookup (number, group_of[i]));
  }
}

/* Each cell's median outcome over the accounts outside group g; NaN for a
 * cell with fewer than min_cell_n of them. */
static double *
leave_out_cell_medians (const Data *d,
                        guint       g,
                        guint       min_cell_n)
{
  g_autofree guint *count = g_new0 (guint, d->n_cells);
  g_autofree gsize *start = g_new0 (gsize, d->n_cells + 1);
  g_autofree gsize *fill = NULL;
  g_autofree double *values = g_new (double, d->n);
  double *medians = g_new (double, d->n_cells);

  for (gsize i = 0; i < d->n; i++)
    if (d->group[i] != g)
      count[d->cell[i]]++;
  for (guint c = 0; c < d->n_cells; c++)
    start[c + 1] = start[c] + count[c];
  fill = g_memdup2 (start, (d->n_cells + 1) * sizeof (gsize));
  for (gsize i = 0; i < d->n; i++)
    if (d->group[i] != g)
      values[fill[d->cell[i]]++] = d->y[i];
  for (guint c = 0; c < d->n_cells; c++)
    medians[c] = count[c] >= min_cell_n && count[c] > 0
                 ? assay_stats_median (values + start[c], count[c]) : NAN;
  return medians;
}

/* Predictions for the members of group g (NaN: none), from the median
 * regression fitted on everybody else. */
static gboolean
regression_predictions (const Data                 *d,
                        guint                       g,
                        const AssayFairnessOptions *options,
                        double                     *predicted,
                        GError                    **error)
{
  g_autofree double *x = g_new (double, d->n);
  g_autofree double *y = g_new (double, d->n);
  double a = 0, b = 0;
  gsize m = 0;

  for (gsize i = 0; i < d->n; i++)
    if (d->group[i] != g)
      {
        x[m] = d->ses[i];
        y[m++] = d->y[i];
      }
  if (m < MAX (options->min_cell_n, 2))
    {
      for (gsize i = 0; i < d->n; i++)
        predicted[i] = NAN;
      return TRUE;
    }
  if (!assay_stats_median_regression (x, y, m, &a, &b, error))
    return FALSE;
  for (gsize i = 0; i < d->n; i++)
    predicted[i] = a + b * d->ses[i];
  return TRUE;
}

static double
effect_ratio (double observed,
              double predicted)
{
  if (predicted > 0)
    return observed / predicted;
  if (predicted == 0 && observed > 0)
    return INFINITY;
  return NAN;
}

/* The group's medians and its raw sign tests, from its predictions. */
static AssayFairnessGroup *
test_group (const Data                 *d,
            guint                       g,
            const double               *predicted,
            const AssayFairnessOptions *options)
{
  AssayFairnessGroup *out = g_new0 (AssayFairnessGroup, 1);
  g_autofree double *obs = g_new (double, d->n);
  g_autofree double *pred = g_new (double, d->n);
  g_autofree double *res = g_new (double, d->n);
  AssayStatsSignTest sign = { 0 };
  AssayStatsMedianInterval ci = { 0 };
  gsize m = 0;

  out->value = g_strdup (g_ptr_array_index (d->values, g));
  for (gsize i = 0; i < d->n; i++)
    if (d->group[i] == g)
      {
        out->n++;
        if (isnan (predicted[i]))
          continue;
        obs[m] = d->y[i];
        pred[m] = predicted[i];
        res[m] = d->y[i] - predicted[i];
        m++;
      }
  out->n_tested = m;
  out->observed_median = m > 0 ? assay_stats_median (obs, m) : NAN;
  out->predicted_median = m > 0 ? assay_stats_median (pred, m) : NAN;
  out->residual_median = m > 0 ? assay_stats_median (res, m) : NAN;
  out->residual_ci[0] = out->residual_ci[1] = NAN;
  if (m > 0 && assay_stats_median_interval (res, m, options->alpha, &ci))
    {
      out->residual_ci[0] = ci.lower;
      out->residual_ci[1] = ci.upper;
    }
  out->ratio = effect_ratio (out->observed_median, out->predicted_median);
  out->p_below = out->p_above = out->p_below_adjusted = out->p_above_adjusted = NAN;
  if (m < options->min_n)
    {
      out->verdict = ASSAY_FAIRNESS_INSUFFICIENT;
      return out;
    }
  assay_stats_sign_test (res, m, 0.0, &sign);
  out->n_nonzero = sign.n_nonzero;
  out->n_positive = sign.n_positive;
  out->p_below = sign.p_below;
  out->p_above = sign.p_above;
  return out;
}

/* Adjusts every tested group's two p values together, then gives the
 * verdicts. */
static void
adjust_and_judge (GPtrArray                  *groups,
                  const AssayFairnessOptions *options,
                  guint                      *out_n_tests)
{
  g_autofree double *p = g_new (double, 2 * groups->len + 1);
  g_autofree double *adjusted = g_new (double, 2 * groups->len + 1);
  gsize k = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      AssayFairnessGroup *grp = g_ptr_array_index (groups, i);

      if (grp->verdict == ASSAY_FAIRNESS_INSUFFICIENT)
        continue;
      p[k++] = grp->p_below;
      p[k++] = grp->p_above;
    }
  if (options->correction == ASSAY_FAIRNESS_BH)
    assay_stats_p_adjust_bh (p, k, adjusted);
  else
    assay_stats_p_adjust_holm (p, k, adjusted);
  *out_n_tests = k;
  k = 0;
  for (guint i = 0; i < groups->len; i++)
    {
      AssayFairnessGroup *grp = g_ptr_array_index (groups, i);

      if (grp->verdict == ASSAY_FAIRNESS_INSUFFICIENT)
        continue;
      grp->p_below_adjusted = adjusted[k++];
      grp->p_above_adjusted = adjusted[k++];
      /* NaN comparisons are false: an undefined ratio never passes the gate. */
      if (grp->p_below_adjusted < options->alpha && grp->ratio < options->ratio_low)
        grp->verdict = ASSAY_FAIRNESS_UNDER;
      else if (grp->p_above_adjusted < options->alpha && grp->ratio > options->ratio_high)
        grp->verdict = ASSAY_FAIRNESS_OVER;
      else
        grp->verdict = ASSAY_FAIRNESS_NONE;
    }
}

static gboolean
check_input (const double               *y,
             const double               *ses,
             gsize                       n,
             const AssayFairnessOptions *options,
             GError                    **error)
{
  if (!(options->alpha > 0 && options->alpha < 1) || options->min_n < 1 ||
      !(options->ratio_low > 0 && options->ratio_low <= 1 && options->ratio_high >= 1))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The fairness options are out of range: alpha must lie in (0, 1), the "
                     "minimum n be at least 1, and the ratio bounds enclose 1."));
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    if (!isfinite (y[i]) || !isfinite (ses[i]))
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("Account %zu has an outcome or SES that is not a finite number."), i + 1);
        return FALSE;
      }
  return TRUE;
}

AssayFairnessResult *
assay_fairness_run (const double               *y,
                    const double               *ses,
                    const char * const         *group_of,
                    gsize                       n,
                    const AssayFairnessOptions *options,
                    GError                    **error)
{
  g_autoptr(AssayFairnessResult) result = g_new0 (AssayFairnessResult, 1);
  g_autofree double *predicted = g_new (double, MAX (n, 1));
  Data d = { y, ses, n };
  gboolean ok = TRUE;

  g_return_val_if_fail (n == 0 || (y != NULL && ses != NULL && group_of != NULL), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_input (y, ses, n, options, error))
    return NULL;
  index_cells (&d);
  index_groups (&d, group_of);
  result->ses = options->ses;
  if (result->ses == ASSAY_FAIRNESS_SES_AUTO)
    result->ses = d.n_cells <= MAX_DISCRETE_SES ? ASSAY_FAIRNESS_SES_DISCRETE
                                                : ASSAY_FAIRNESS_SES_CONTINUOUS;
  result->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_fairness_group_free);
  for (guint g = 0; g < d.values->len; g++)
    {
      if (result->ses == ASSAY_FAIRNESS_SES_DISCRETE)
        {
          g_autofree double *medians = leave_out_cell_medians (&d, g, options->min_cell_n);

          for (gsize i = 0; i < n; i++)
            predicted[i] = medians[d.cell[i]];
        }
      else if (!(ok = regression_predictions (&d, g, options, predicted, error)))
        break;
      g_ptr_array_add (result->groups, test_group (&d, g, predicted, options));
    }
  g_free (d.cell);
  g_free (d.group);
  g_ptr_array_unref (d.values);
  if (!ok)
    return NULL;
  adjust_and_judge (result->groups, options, &result->n_tests);
  return g_steal_pointer (&result);
}

char *
assay_fairness_describe_method (const AssayFairnessOptions *options,
                                AssayFairnessSes            ses_used)
{
  g_autofree char *prediction = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (ses_used == ASSAY_FAIRNESS_SES_CONTINUOUS)
    prediction = g_strdup_printf (_("each account's predicted outcome is the median (τ = 0.5) "
                                    "regression line on SES fitted to the accounts outside the "
                                    "group (at least %u of them)"), options->min_cell_n);
  else
    prediction = g_strdup_printf (_("each account's predicted outcome is the median outcome of "
                                    "its SES cell over the accounts outside the group (a cell with "
                                    "fewer than %u of them predicts nothing and its accounts are "
                                    "left out)"), options->min_cell_n);
  return g_strdup_printf (_("Outcome: event points in the audit year. Prediction: %s. "
                            "Residual = outcome − prediction. Sign test on the non-zero "
                            "residuals, S of them positive out of n: p_below = P(Bin(n, ½) ≤ S), "
                            "p_above = P(Bin(n, ½) ≥ S). Both directions of every group with at "
                            "least %u predicted accounts are adjusted together (%s). Verdict "
                            "“under” if the adjusted p_below < %g and observed/predicted median "
                            "< %g; “over” if the adjusted p_above < %g and the ratio > %g; groups "
                            "under the minimum are “insufficient data”, not fair. The residual "
                            "median's interval is the distribution-free order-statistic interval "
                            "at level 1 − %g."),
                          prediction, options->min_n,
                          options->correction == ASSAY_FAIRNESS_BH ? _("Benjamini–Hochberg")
                                                                   : _("Holm"),
                          options->alpha, options->ratio_low, options->alpha, options->ratio_high,
                          options->alpha);
}

const char *
assay_fairness_verdict_get_label (AssayFairnessVerdict verdict)
{
  switch (verdict)
    {
    case ASSAY_FAIRNESS_UNDER:
      return _("below its SES prediction");
    case ASSAY_FAIRNESS_OVER:
      return _("above its SES prediction");
    case ASSAY_FAIRNESS_INSUFFICIENT:
      return _("insufficient data");
    case ASSAY_FAIRNESS_NONE:
    default:
      return _("no significant gap");
    }
}
