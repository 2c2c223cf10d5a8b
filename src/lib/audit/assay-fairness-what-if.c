/* assay-fairness-what-if.c — how the Article W verdicts would change under proposed weights
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
#include "assay-fairness-what-if.h"

static void
change_free (gpointer data)
{
  AssayFairnessChange *c = data;

  g_free (c->value);
  g_strfreev (c->names);
  g_strfreev (c->values);
  g_free (c);
}

void
assay_fairness_what_if_free (AssayFairnessWhatIf *what_if)
{
  if (what_if == NULL)
    return;
  g_free (what_if->no_cohort);
  g_clear_pointer (&what_if->changes, g_ptr_array_unref);
  g_free (what_if);
}

static AssayFairnessResult *
audit_values (AssayReplica             *replica,
              const AssayWeightsWhatIf *w,
              const double             *values,
              guint                    *out_not_in_ledger,
              GError                  **error)
{
  AssayAccountValues v = { w->n, w->account_ids, values };
  AssayFairnessOptions options;

  assay_fairness_options_init (&options);
  options.outcome = ASSAY_FAIRNESS_OUTCOME_VALUE;
  return assay_audit_fairness_of_values (replica, &v, NULL, ASSAY_FAIRNESS_MAX_DEPTH, &options,
                                         out_not_in_ledger, error);
}

static AssayFairnessChange *
change_new (const AssayFairnessGroup *before,
            const AssayFairnessGroup *after)
{
  AssayFairnessChange *c = g_new0 (AssayFairnessChange, 1);

  c->value = g_strdup (before->value);
  c->names = g_strdupv (before->names);
  c->values = g_strdupv (before->values);
  c->verdict_before = before->verdict;
  c->verdict_after = after->verdict;
  c->residual_median_before = before->residual_median;
  c->residual_median_after = after->residual_median;
  return c;
}

/* Same cohort, same attributes: the groups depend on the attributes
 * only, so both runs list the same groups in the same order. */
static gboolean
compare_groups (AssayFairnessWhatIf       *out,
                const AssayFairnessResult *before,
                const AssayFairnessResult *after,
                GError                   **error)
{
  if (before->groups->len != after->groups->len)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The cohort changed while the what-if ran. Run it again."));
      return FALSE;
    }
  out->n_groups = before->groups->len;
  for (guint i = 0; i < before->groups->len; i++)
    {
      const AssayFairnessGroup *b = g_ptr_array_index (before->groups, i);
      const AssayFairnessGroup *a = g_ptr_array_index (after->groups, i);

      g_assert (strcmp (a->value, b->value) == 0);
      if (a->verdict != b->verdict)
        g_ptr_array_add (out->changes, change_new (b, a));
    }
  return TRUE;
}

AssayFairnessWhatIf *
assay_fairness_what_if_run (AssayReplica             *replica,
                            const AssayWeightsWhatIf *weights,
                            GError                  **error)
{
  g_autoptr(AssayFairnessWhatIf) out = g_new0 (AssayFairnessWhatIf, 1);
  g_autoptr(AssayCohortStatus) status = NULL;
  g_autoptr(AssayFairnessResult) before = NULL;
  g_autoptr(AssayFairnessResult) after = NULL;
  guint not_in_ledger = 0;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (weights != NULL && weights->account_ids != NULL, NULL);

  out->changes = g_ptr_array_new_with_free_func (change_free);
  if ((status = assay_replica_cohort_get_status (replica, error)) == NULL)
    return NULL;
  if (status->n_accounts == 0)
    {
      out->no_cohort = g_strdup (_("No cohort is loaded, so the Article W verdicts were not computed. "
                                   "Import a cohort file (assayctl cohort import FILE, or the Fairness "
                                   "page) to see how they would change."));
      return g_steal_pointer (&out);
    }
  if ((before = audit_values (replica, weights, weights->values_before, &not_in_ledger, error)) == NULL ||
      (after = audit_values (replica, weights, weights->values_after, NULL, error)) == NULL ||
      !compare_groups (out, before, after, error))
    return NULL;
  out->n_accounts = status->n_accounts - not_in_ledger;
  return g_steal_pointer (&out);
}
