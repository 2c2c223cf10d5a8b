/* assay-push-job.c — pushing the outbox off the main thread
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

#include "assay-error.h"
#include "assay-push-job.h"

struct _AssayPushJob
{
  GObject          parent_instance;

  gboolean         running;
  char            *again;     /* the replica to push once more after this run, or NULL */
  AssayPushReport  report;
  GError          *error;
};

G_DEFINE_FINAL_TYPE (AssayPushJob, assay_push_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_running (AssayPushJob *self,
             gboolean      running)
{
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* The service and key the replica syncs with: push goes where sync comes
 * from, and a receipt verifies under the same key. */
static gboolean
push (const char       *path,
      AssayPushReport  *report,
      GError          **error)
{
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, error);
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(AssayNoteVerifier) log_key = NULL;

  if (replica == NULL || (status = assay_replica_get_status (replica, error)) == NULL)
    return FALSE;
  if (status->server_url == NULL || status->log_key == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                           _("The replica has not synced yet, so it knows no service to push to: sync first."));
      return FALSE;
    }
  log_key = assay_note_verifier_new_from_string (status->log_key, error);
  return log_key != NULL &&
         assay_outbox_push (replica, status->server_url, log_key, g_get_real_time () / G_USEC_PER_SEC,
                            report, error);
}

static void
push_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AssayPushReport *report = g_new0 (AssayPushReport, 1);
  GError *error = NULL;

  if (push (task_data, report, &error))
    g_task_return_pointer (task, report, g_free);
  else
    {
      g_free (report);
      g_task_return_error (task, error);
    }
}

static void
push_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AssayPushJob *self = ASSAY_PUSH_JOB (source);
  g_autofree AssayPushReport *report = NULL;

  g_clear_error (&self->error);
  report = g_task_propagate_pointer (G_TASK (result), &self->error);
  self->report = report != NULL ? *report : (AssayPushReport) { 0 };
  set_running (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0);
  if (self->again != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->again);

      assay_push_job_run (self, path);
    }
}

void
assay_push_job_run (AssayPushJob *self,
                    const char   *replica_path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ASSAY_IS_PUSH_JOB (self));
  g_return_if_fail (replica_path != NULL);

  /* Rows queued during this run may have been read too late for it. */
  if (self->running)
    {
      g_free (self->again);
      self->again = g_strdup (replica_path);
      return;
    }
  task = g_task_new (self, NULL, push_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (replica_path), g_free);
  set_running (self, TRUE);
  g_task_run_in_thread (task, push_thread);
}

gboolean
assay_push_job_get_running (AssayPushJob *self)
{
  g_return_val_if_fail (ASSAY_IS_PUSH_JOB (self), FALSE);
  return self->running;
}

const AssayPushReport *
assay_push_job_get_report (AssayPushJob *self)
{
  g_return_val_if_fail (ASSAY_IS_PUSH_JOB (self), NULL);
  return &self->report;
}

const GError *
assay_push_job_get_error (AssayPushJob *self)
{
  g_return_val_if_fail (ASSAY_IS_PUSH_JOB (self), NULL);
  return self->error;
}

static void
assay_push_job_finalize (GObject *object)
{
  AssayPushJob *self = ASSAY_PUSH_JOB (object);

  g_clear_error (&self->error);
  g_clear_pointer (&self->again, g_free);

  G_OBJECT_CLASS (assay_push_job_parent_class)->finalize (object);
}

static void
assay_push_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AssayPushJob *self = ASSAY_PUSH_JOB (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_push_job_class_init (AssayPushJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_push_job_finalize;
  object_class->get_property = assay_push_job_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_push_job_init (AssayPushJob *self)
{
}

AssayPushJob *
assay_push_job_new (void)
{
  return g_object_new (ASSAY_TYPE_PUSH_JOB, NULL);
}
