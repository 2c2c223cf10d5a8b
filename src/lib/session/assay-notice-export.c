/* assay-notice-export.c — writing a weights version's public notice in a worker thread
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

#include "assay-notice.h"
#include "assay-notice-export.h"

typedef struct
{
  char         *replica_path;
  AssayRuleSet *rule_set;
  guint64       log_index;
  char         *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->replica_path);
  g_clear_object (&data->rule_set);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayNotice) notice = NULL;
  GError *error = NULL;

  if ((replica = assay_replica_open (data->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error)) == NULL ||
      (notice = assay_notice_new (replica, data->rule_set, data->log_index, &error)) == NULL ||
      !assay_notice_compute_what_if (notice, replica, data->rule_set, &error) ||
      !assay_notice_write_file (notice, data->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
assay_notice_export_async (const char           *replica_path,
                           AssayRuleSet         *rule_set,
                           guint64               log_index,
                           const char           *path,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportData *data = g_new0 (ExportData, 1);

  g_return_if_fail (replica_path != NULL && ASSAY_IS_RULE_SET (rule_set) && path != NULL);

  data->replica_path = g_strdup (replica_path);
  data->rule_set = g_object_ref (rule_set);
  data->log_index = log_index;
  data->path = g_strdup (path);
  g_task_set_source_tag (task, assay_notice_export_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
assay_notice_export_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
