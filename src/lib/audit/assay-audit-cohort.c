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
#include "assay-error.h"

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
  static const char *const builtin[] = { "gender", "age_band", "county", "province" };
  g_autofree char *known = NULL;

  *out_extra = -1;
  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
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

AssayFairnessResult *
assay_audit_fairness (AssayReplica               *replica,
                      int                         year,
                      const char                 *by,
                      const AssayFairnessOptions *options,
                      guint                      *out_not_in_ledger,
                      GError                    **error)
{
  g_autoptr(AssayCohortStatus) status = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GArray) y = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ses = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  guint not_in_ledger = 0;
  int extra;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (by != NULL && options != NULL, NULL);

  if ((status = assay_replica_cohort_get_status (replica, error)) == NULL ||
      !resolve_attribute (status, by, &extra, error))
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
      char scratch[3];
      double points = o->points;

      if (!o->in_ledger)
        {
          not_in_ledger++;
          continue;
        }
      g_array_append_val (y, points);
      g_array_append_val (ses, o->record.ses);
      g_ptr_array_add (groups, g_strdup (attribute_of (&o->record, by, extra, scratch)));
    }
  if (out_not_in_ledger != NULL)
    *out_not_in_ledger = not_in_ledger;
  return assay_fairness_run ((double *) y->data, (double *) ses->data,
                             (const char * const *) groups->pdata, y->len, options, error);
}
