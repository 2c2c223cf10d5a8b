/* assay-audit-fraud-rate.c — the fraud rate of a 6.2 audit and the two readings of Article T
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
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "assay-audit-fraud-rate.h"
#include "assay-error.h"
#include "assay-stats-binomial.h"
#include "assay-stats-intervals.h"
#include "assay-stats-sampling.h"

void
assay_fraud_rate_options_init (AssayFraudRateOptions *options)
{
  g_return_if_fail (options != NULL);

  options->confidence = 0.95;
  options->alpha = 0.05;
  options->threshold = 0.05;
}

static gboolean
check_arguments (guint                        n,
                 guint                        fraud,
                 guint64                      population,
                 const AssayFraudRateOptions *o,
                 GError                     **error)
{
  if (fraud > n || (population > 0 && n > population))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("the errors (%u) must not exceed the sample (%u), nor the sample the population."),
                   fraud, n);
      return FALSE;
    }
  if (!(o->confidence > 0 && o->confidence < 1) || !(o->alpha > 0 && o->alpha < 1) ||
      !(o->threshold > 0 && o->threshold < 1))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("the confidence, the significance level and the threshold must lie "
                     "strictly between 0 and 1."));
      return FALSE;
    }
  return TRUE;
}

/* The assurance bound for k of n: the finite-population bound D/N when the
 * population is known (and fits), else the one-sided Clopper–Pearson. */
static double
assurance_bound (guint                        n,
                 guint                        k,
                 guint64                      population,
                 const AssayFraudRateOptions *o,
                 gint64                      *out_d)
{
  double lower, upper;
  guint d = 0;

  *out_d = -1;
  if (population > 0 && population <= G_MAXUINT &&
      assay_stats_hypergeometric_upper (population, n, k, o->confidence, &d, NULL))
    {
      *out_d = d;
      return (double) d / population;
    }
  assay_stats_clopper_pearson (k, n, o->confidence, ASSAY_STATS_LESS, &lower, &upper);
  return upper;
}

static void
verdicts (AssayFraudRate              *r,
          const AssayFraudRateOptions *o)
{
  gint64 d0;

  r->p_excess = assay_stats_binom_test (r->fraud, r->n, o->threshold, ASSAY_STATS_GREATER);
  /* Even a sample of fraud only could not show excess: say so. */
  if (r->n == 0 || assay_stats_binom_test (r->n, r->n, o->threshold, ASSAY_STATS_GREATER) >= o->alpha)
    r->excess = ASSAY_EXCESS_INSUFFICIENT;
  else
    r->excess = r->p_excess < o->alpha ? ASSAY_EXCESS_SHOWN : ASSAY_EXCESS_NOT_SHOWN;
  if (r->assurance_bound < o->threshold)
    r->assurance = ASSAY_ASSURANCE_BELOW;
  else if (r->n == 0 || assurance_bound (r->n, 0, r->population, o, &d0) >= o->threshold)
    r->assurance = ASSAY_ASSURANCE_INSUFFICIENT;
  else
    r->assurance = ASSAY_ASSURANCE_NOT_ASSURED;
}

gboolean
assay_fraud_rate_compute (guint                        n,
                          guint                        fraud,
                          guint64                      population,
                          const AssayFraudRateOptions *options,
                          AssayFraudRate              *out,
                          GError                     **error)
{
  g_return_val_if_fail (options != NULL && out != NULL, FALSE);

  if (!check_arguments (n, fraud, population, options, error))
    return FALSE;
  memset (out, 0, sizeof *out);
  out->n = n;
  out->fraud = fraud;
  out->population = population;
  out->rate = n > 0 ? (double) fraud / n : NAN;
  assay_stats_clopper_pearson (fraud, n, options->confidence, ASSAY_STATS_TWO_SIDED,
                               &out->clopper_pearson[0], &out->clopper_pearson[1]);
  assay_stats_wilson (fraud, n, options->confidence, ASSAY_STATS_TWO_SIDED,
                      &out->wilson[0], &out->wilson[1]);
  {
    double lower;

    assay_stats_clopper_pearson (fraud, n, options->confidence, ASSAY_STATS_LESS, &lower, &out->upper);
  }
  out->assurance_bound = assurance_bound (n, fraud, population, options, &out->hyper_upper);
  out->hyper_upper_rate = out->hyper_upper >= 0 ? (double) out->hyper_upper / population : NAN;
  verdicts (out, options);
  return TRUE;
}

static void
panel_row_free (AssayFraudPanelRow *row)
{
  if (row == NULL)
    return;
  g_free (row->rate);
  g_free (row);
}

void
assay_fraud_panel_free (AssayFraudPanel *panel)
{
  if (panel == NULL)
    return;
  g_clear_pointer (&panel->rows, g_ptr_array_unref);
  panel_row_free (panel->overall);
  g_free (panel);
}

static gboolean
same_sample (const AssayAuditFindingRow *f,
             const AssayFraudPanelRow   *row)
{
  return f->year == row->year && strcmp (f->province, row->province) == 0 &&
         f->checkpoint_size == row->checkpoint_size && strcmp (f->rate, row->rate) == 0;
}

/* Counts the findings into rows, one per sample; population in fraud. */
static void
count_rows (GPtrArray *findings,
            GPtrArray *rows)
{
  AssayFraudPanelRow *row = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      const AssayAuditFindingRow *f = g_ptr_array_index (findings, i);

      if (row == NULL || !same_sample (f, row))
        {
          row = g_new0 (AssayFraudPanelRow, 1);
          row->year = f->year;
          memcpy (row->province, f->province, sizeof row->province);
          row->checkpoint_size = f->checkpoint_size;
          row->rate = g_strdup (f->rate);
          g_ptr_array_add (rows, row);
        }
      /* The latest record of the sample's size and population wins. */
      row->sample_size = f->sample_size;
      row->fraud.population = f->population;
      row->fraud.n++;
      row->fraud.fraud += strcmp (f->finding, "fraud") == 0;
      row->n_error += strcmp (f->finding, "error") == 0;
      row->n_correct += strcmp (f->finding, "correct") == 0;
    }
}

/* The pooled row, unless a province (of a year) has two samples. */
static AssayFraudPanelRow *
pool_rows (GPtrArray *rows)
{
  AssayFraudPanelRow *all;

  for (guint i = 1; i < rows->len; i++)
    {
      const AssayFraudPanelRow *a = g_ptr_array_index (rows, i - 1), *b = g_ptr_array_index (rows, i);

      if (a->year == b->year && strcmp (a->province, b->province) == 0)
        return NULL;
    }
  all = g_new0 (AssayFraudPanelRow, 1);
  all->rate = g_strdup ("");
  for (guint i = 0; i < rows->len; i++)
    {
      const AssayFraudPanelRow *r = g_ptr_array_index (rows, i);

      all->sample_size += r->sample_size;
      all->n_correct += r->n_correct;
      all->n_error += r->n_error;
      all->fraud.n += r->fraud.n;
      all->fraud.fraud += r->fraud.fraud;
      all->fraud.population += r->fraud.population;
    }
  return all;
}

static gboolean
compute_row (AssayFraudPanelRow          *row,
             const AssayFraudRateOptions *options,
             GError                     **error)
{
  return assay_fraud_rate_compute (row->fraud.n, row->fraud.fraud, row->fraud.population, options,
                                   &row->fraud, error);
}

AssayFraudPanel *
assay_fraud_panel_new (GPtrArray                   *findings,
                       const AssayFraudRateOptions *options,
                       GError                     **error)
{
  g_autoptr(AssayFraudPanel) panel = g_new0 (AssayFraudPanel, 1);

  g_return_val_if_fail (findings != NULL && options != NULL, NULL);

  panel->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_row_free);
  count_rows (findings, panel->rows);
  if (panel->rows->len > 0)
    panel->overall = pool_rows (panel->rows);
  for (guint i = 0; i < panel->rows->len; i++)
    if (!compute_row (g_ptr_array_index (panel->rows, i), options, error))
      return NULL;
  if (panel->overall != NULL && !compute_row (panel->overall, options, error))
    return NULL;
  return g_steal_pointer (&panel);
}

const char *
assay_excess_verdict_get_label (AssayExcessVerdict verdict)
{
  switch (verdict)
    {
    case ASSAY_EXCESS_SHOWN:
      return _("evidence that the fraud rate exceeds the threshold");
    case ASSAY_EXCESS_NOT_SHOWN:
      return _("no evidence of excess (which does not show the rate is below it)");
    case ASSAY_EXCESS_INSUFFICIENT:
    default:
      return _("insufficient: too few findings to show excess");
    }
}

const char *
assay_assurance_verdict_get_label (AssayAssuranceVerdict verdict)
{
  switch (verdict)
    {
    case ASSAY_ASSURANCE_BELOW:
      return _("assured: the upper bound is below the threshold");
    case ASSAY_ASSURANCE_NOT_ASSURED:
      return _("not assured: the upper bound reaches the threshold");
    case ASSAY_ASSURANCE_INSUFFICIENT:
    default:
      return _("insufficient: even no fraud in this sample could not assure it");
    }
}

char *
assay_fraud_rate_describe_method (const AssayFraudRateOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);

  return g_strdup_printf (_("Fraud rate = fraud findings / findings recorded (the findings are "
                            "taken as a simple random sample of the population). Intervals: "
                            "two-sided Clopper–Pearson and Wilson at %g %%; the finite-population "
                            "bound is the largest number of fraudulent records D with "
                            "P(X ≤ k) > %g for X hypergeometric, as D / N. Article T's “systemic "
                            "fraud rate > %g %%”, two readings: evidence of excess when the "
                            "one-sided binomial test P(Bin(n, %g) ≥ k) < %g; assurance when the "
                            "upper bound (finite-population, else one-sided Clopper–Pearson, at "
                            "%g %%) is below %g %%."),
                          100 * options->confidence, 1 - options->confidence,
                          100 * options->threshold, options->threshold, options->alpha,
                          100 * options->confidence, 100 * options->threshold);
}
