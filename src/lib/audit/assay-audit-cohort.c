/* assay-audit-cohort.c — the fairness test on the replica's cohort
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
#include <string.h>

#include "assay-audit-cohort.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assay-scores.h"

static const char *const builtin[] = { "gender", "age_band", "county", "province", NULL };

/* The attribute `by` of one record; the province lives in `scratch`. */
static const char *
attribute_of (const AssayCohortRecord *r,
              const char              *by,
              int                      extra,
              char                     scratch[3])
{
  if (extra >= 0)
    return r->extra[extra];
  if (strcmp (by, "gender") == 0)
    return r->gender;
  if (strcmp (by, "age_band") == 0)
    return r->age_band;
  if (strcmp (by, "county") == 0)
    return r->county;
  memcpy (scratch, r->county, 2);
  scratch[2] = '\0';
  return scratch;
}

/* The index of `by` among the extra columns, -1 for a built-in attribute;
 * FALSE if it is neither. */
static gboolean
resolve_attribute (const AssayCohortStatus *status,
                   const char              *by,
                   int                     *out_extra,
                   GError                 **error)
{
  g_autofree char *known = NULL;

  *out_extra = -1;
  for (guint i = 0; builtin[i] != NULL; i++)
    if (strcmp (by, builtin[i]) == 0)
      return TRUE;
  for (guint i = 0; status->extra_columns[i] != NULL; i++)
    if (strcmp (by, status->extra_columns[i]) == 0)
      {
        *out_extra = i;
        return TRUE;
      }
  known = g_strjoinv (", ", status->extra_columns);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("The cohort has no attribute “%s”. Group by gender, age_band, county, "
                 "province or an extra column of the cohort file (%s)."),
               by, *known != '\0' ? known : _("it has none"));
  return FALSE;
}

char **
assay_audit_fairness_attributes (const AssayCohortStatus *status)
{
  GStrvBuilder *names = g_strv_builder_new ();
  char **out;

  g_return_val_if_fail (status != NULL, NULL);

  g_strv_builder_addv (names, (const char **) builtin);
  g_strv_builder_addv (names, (const char **) status->extra_columns);
  out = g_strv_builder_end (names);
  g_strv_builder_unref (names);
  return out;
}

/* One attribute being read: its values numbered as they come. */
typedef struct
{
  char       *name;
  int         extra;
  GHashTable *number;     /* value → level + 1 */
  GPtrArray  *levels;     /* owned values */
  GArray     *code;       /* guint per account */
} Factor;

static void
factor_free (Factor *f)
{
  g_free (f->name);
  g_hash_table_unref (f->number);
  g_ptr_array_unref (f->levels);
  g_array_unref (f->code);
  g_free (f);
}

static void
factor_add (Factor                  *f,
            const AssayCohortRecord *r)
{
  char scratch[3];
  const char *value = attribute_of (r, f->name, f->extra, scratch);
  guint level = GPOINTER_TO_UINT (g_hash_table_lookup (f->number, value));

  if (level == 0)
    {
      char *copy = g_strdup (value);

      g_ptr_array_add (f->levels, copy);
      level = f->levels->len;
      g_hash_table_insert (f->number, copy, GUINT_TO_POINTER (level));
    }
  level--;
  g_array_append_val (f->code, level);
}

/* The factors of `by` (all attributes when NULL), checked. */
static GPtrArray *
resolve_factors (const AssayCohortStatus *status,
                 const char * const      *by,
                 GError                 **error)
{
  g_auto(GStrv) all = assay_audit_fairness_attributes (status);
  g_autoptr(GPtrArray) factors = g_ptr_array_new_with_free_func ((GDestroyNotify) factor_free);
  const char * const *names = by != NULL ? by : (const char * const *) all;

  for (guint i = 0; names[i] != NULL; i++)
    {
      Factor *f;
      int extra;

      if (!resolve_attribute (status, names[i], &extra, error))
        return NULL;
      if (g_strv_contains (names + i + 1, names[i]))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("The attribute “%s” is named twice."), names[i]);
          return NULL;
        }
      f = g_new0 (Factor, 1);
      f->name = g_strdup (names[i]);
      f->extra = extra;
      f->number = g_hash_table_new (g_str_hash, g_str_equal);
      f->levels = g_ptr_array_new_with_free_func (g_free);
      f->code = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (factors, f);
    }
  if (factors->len == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Name at least one attribute to group by."));
      return NULL;
    }
  return g_steal_pointer (&factors);
}

static AssayFairnessAttribute *
factor_attributes (GPtrArray *factors)
{
  AssayFairnessAttribute *out = g_new0 (AssayFairnessAttribute, factors->len);

  for (guint a = 0; a < factors->len; a++)
    {
      Factor *f = g_ptr_array_index (factors, a);

      out[a] = (AssayFairnessAttribute) {
        f->name, (const guint *) (void *) f->code->data,
        (const char * const *) f->levels->pdata, f->levels->len,
      };
    }
  return out;
}

/* The value of account `id` among `values` (their ids ascending); the
 * scorer values every account of the ledger, so an account of the
 * ledger missing there has no entry at all and is worth 0. */
static double
value_of (const AssayAccountValues *values,
          guint64                   id)
{
  gsize lo = 0, hi = values->n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (values->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < values->n && values->ids[lo] == id ? values->values[lo] : 0;
}

/* The test over the stored cohort, each account's outcome its points in
 * `year` or, with `values`, its value there. */
static AssayFairnessResult *
run_on_cohort (AssayReplica               *replica,
               int                         year,
               const AssayAccountValues   *values,
               const char * const         *by,
               guint                       depth,
               const AssayFairnessOptions *options,
               guint                      *out_not_in_ledger,
               GError                    **error)
{
  g_autoptr(AssayCohortStatus) status = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) factors = NULL;
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ses = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree AssayFairnessAttribute *attributes = NULL;
  guint not_in_ledger = 0;

  if ((status = assay_replica_cohort_get_status (replica, error)) == NULL ||
      (factors = resolve_factors (status, by, error)) == NULL)
    return NULL;
  if (status->n_accounts == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The replica holds no cohort. Import a cohort file first "
                     "(assayctl cohort import FILE)."));
      return NULL;
    }
  if ((outcomes = assay_replica_cohort_outcomes (replica, year, error)) == NULL)
    return NULL;
  for (guint i = 0; i < outcomes->len; i++)
    {
      const AssayCohortOutcome *o = g_ptr_array_index (outcomes, i);
      double outcome = values != NULL ? value_of (values, o->account_id) : o->points;

      if (!o->in_ledger)
        {
          not_in_ledger++;
          continue;
        }
      g_array_append_val (y, outcome);
      g_array_append_val (ses, o->record.ses);
      for (guint a = 0; a < factors->len; a++)
        factor_add (g_ptr_array_index (factors, a), &o->record);
    }
  if (out_not_in_ledger != NULL)
    *out_not_in_ledger = not_in_ledger;
  attributes = factor_attributes (factors);
  return assay_fairness_run_attributes ((double *) (void *) y->data, (double *) (void *) ses->data,
                                        y->len, attributes, factors->len, depth, options, error);
}

typedef struct
{
  GArray *ids;      /* guint64 */
  GArray *values;   /* double */
} Collected;

static gboolean
collect_cb (const AssayScore *scores,
            gsize             n,
            gpointer          user_data,
            GError          **error)
{
  Collected *c = user_data;

  for (gsize i = 0; i < n; i++)
    {
      g_array_append_val (c->ids, scores[i].account_id);
      g_array_append_val (c->values, scores[i].value);
    }
  return TRUE;
}

/* Every account's value on 31 December of `year`, as `assayctl scores
 * --as-of Y-12-31` gives it, in account number order. */
static gboolean
values_at_year_end (AssayReplica  *replica,
                    AssayRuleSet  *rule_set,
                    int            year,
                    Collected     *c,
                    GError       **error)
{
  g_autoptr(AssayScorer) scorer = NULL;
  guint32 last_day;

  if (!assay_day_from_ymd (year, 12, 31, &last_day))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The audit year %d is not a year of the calendar."), year);
      return FALSE;
    }
  return (scorer = assay_scorer_new (replica, rule_set, last_day, error)) != NULL &&
         assay_scorer_refresh (scorer, error) &&
         assay_scorer_foreach (scorer, collect_cb, c, error);
}

AssayFairnessResult *
assay_audit_fairness (AssayReplica               *replica,
                      AssayRuleSet               *rule_set,
                      int                         year,
                      const char * const         *by,
                      guint                       depth,
                      const AssayFairnessOptions *options,
                      guint                      *out_not_in_ledger,
                      GError                    **error)
{
  Collected c;
  AssayAccountValues values;
  AssayFairnessResult *result = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->outcome == ASSAY_FAIRNESS_OUTCOME_POINTS || rule_set != NULL, NULL);

  if (options->outcome == ASSAY_FAIRNESS_OUTCOME_POINTS)
    return run_on_cohort (replica, year, NULL, by, depth, options, out_not_in_ledger, error);
  c.ids = g_array_new (FALSE, FALSE, sizeof (guint64));
  c.values = g_array_new (FALSE, FALSE, sizeof (double));
  if (values_at_year_end (replica, rule_set, year, &c, error))
    {
      values = (AssayAccountValues) { c.ids->len, (const guint64 *) (void *) c.ids->data,
                                      (const double *) (void *) c.values->data };
      result = run_on_cohort (replica, year, &values, by, depth, options, out_not_in_ledger, error);
    }
  g_array_unref (c.ids);
  g_array_unref (c.values);
  return result;
}

AssayFairnessResult *
assay_audit_fairness_of_values (AssayReplica               *replica,
                                const AssayAccountValues   *values,
                                const char * const         *by,
                                guint                       depth,
                                const AssayFairnessOptions *options,
                                guint                      *out_not_in_ledger,
                                GError                    **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (values != NULL && options != NULL, NULL);

  /* The year only picks the points, which the values replace. */
  return run_on_cohort (replica, 1, values, by, depth, options, out_not_in_ledger, error);
}
