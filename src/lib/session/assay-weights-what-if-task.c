/* assay-weights-what-if-task.c — the what-if of a weights proposal in a worker thread
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

#include <string.h>

#include "assay-weights-what-if-task.h"

typedef struct
{
  char         *path;
  AssayRuleSet *rule_set;
  gint64        basis_points[ASSAY_N_DIMENSIONS];
  AssayFairnessWhatIf *fairness;   /* set by the thread */
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_free (data->path);
  g_clear_object (&data->rule_set);
  g_clear_pointer (&data->fairness, assay_fairness_what_if_free);
  g_free (data);
}

static void
what_if_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayScorer) scorer = NULL;
  AssayWeightsWhatIf *what_if = NULL;
  GError *error = NULL;

  if ((replica = assay_replica_open (data->path, ASSAY_REPLICA_OPEN_DEFAULT, &error)) == NULL ||
      (scorer = assay_scorer_new (replica, data->rule_set, 0, &error)) == NULL ||
      !assay_scorer_refresh (scorer, &error) ||
      (what_if = assay_weights_what_if_run (scorer, data->basis_points, &error)) == NULL ||
      (data->fairness = assay_fairness_what_if_run (replica, what_if, &error)) == NULL)
    {
      g_clear_pointer (&what_if, assay_weights_what_if_free);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, what_if, (GDestroyNotify) assay_weights_what_if_free);
}

void
assay_weights_what_if_async (const char           *replica_path,
                             AssayRuleSet         *rule_set,
                             const gint64          basis_points[ASSAY_N_DIMENSIONS],
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  g_return_if_fail (replica_path != NULL && ASSAY_IS_RULE_SET (rule_set));

  data->path = g_strdup (replica_path);
  data->rule_set = g_object_ref (rule_set);
  memcpy (data->basis_points, basis_points, sizeof data->basis_points);
  g_task_set_source_tag (task, assay_weights_what_if_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, what_if_thread);
}

AssayWeightsWhatIf *
assay_weights_what_if_finish_full (GAsyncResult         *result,
                                   AssayFairnessWhatIf **out_fairness,
                                   GError              **error)
{
  AssayWeightsWhatIf *what_if;
  TaskData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  what_if = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (out_fairness != NULL)
    *out_fairness = what_if != NULL ? g_steal_pointer (&data->fairness) : NULL;
  return what_if;
}

AssayWeightsWhatIf *
assay_weights_what_if_finish (GAsyncResult  *result,
                              GError       **error)
{
  return assay_weights_what_if_finish_full (result, NULL, error);
}
