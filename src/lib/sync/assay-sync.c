/* assay-sync.c — fetch, verify and store new entries from the central service
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

#include "assay-config.h"
#include "assay-error.h"
#include "assay-sync-private.h"

#define DEFAULT_TIMEOUT        30
#define DEFAULT_MAX_IN_FLIGHT  8

G_DEFINE_FINAL_TYPE (AssaySync, assay_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_LOG_KEY,
  PROP_TIMEOUT,
  PROP_MAX_IN_FLIGHT,
  PROP_WITNESS_KEYS,
  PROP_WITNESS_QUORUM,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The log cannot witness itself: its key as a witness would let it
 * cosign its own checkpoints. */
static gboolean
check_witnesses_not_log (AssaySync *self,
                         GError **error)
{
  g_autoptr(AssayNoteVerifier) log = assay_note_verifier_new_from_string (self->log_key, NULL);

  for (guint i = 0; log != NULL && self->witness_keys != NULL && self->witness_keys[i] != NULL; i++)
    {
      g_autoptr(AssayNoteVerifier) w = assay_note_verifier_new_from_string (self->witness_keys[i], NULL);

      if (w != NULL && memcmp (assay_note_verifier_get_public_key (w),
                               assay_note_verifier_get_public_key (log), 32) == 0)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("The witness key “%s” is the log’s own public key; the log cannot "
                         "witness itself. Remove it from the witnesses."),
                       self->witness_keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_config (AssaySync *self,
              AssayReplica *replica,
              GError **error)
{
  if (self->server_url == NULL || self->log_key == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Sync needs the server's URL and the log's verifier key."));
      return FALSE;
    }
  if (!assay_config_check_witnesses ((const char * const *) self->witness_keys,
                                     self->witness_quorum, error) ||
      !check_witnesses_not_log (self, error))
    return FALSE;
  if (assay_replica_is_read_only (replica))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("The replica “%s” is open read-only; sync needs to write to it."),
                   assay_replica_get_path (replica));
      return FALSE;
    }
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
assay_sync_finalize (GObject *object)
{
  AssaySync *self = ASSAY_SYNC (object);

  g_free (self->server_url);
  g_free (self->log_key);
  g_strfreev (self->witness_keys);
  G_OBJECT_CLASS (assay_sync_parent_class)->finalize (object);
}

static void
assay_sync_get_property (GObject *object,
                         guint prop_id,
                         GValue *value,
                         GParamSpec *pspec)
{
  AssaySync *self = ASSAY_SYNC (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_LOG_KEY:
      g_value_set_string (value, self->log_key);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_WITNESS_KEYS:
      g_value_set_boxed (value, self->witness_keys);
      break;
    case PROP_WITNESS_QUORUM:
      g_value_set_uint (value, self->witness_quorum);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_sync_set_property (GObject *object,
                         guint prop_id,
                         const GValue *value,
                         GParamSpec *pspec)
{
  AssaySync *self = ASSAY_SYNC (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_free (self->server_url);
      self->server_url = g_value_dup_string (value);
      break;
    case PROP_LOG_KEY:
      g_free (self->log_key);
      self->log_key = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      assay_sync_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_IN_FLIGHT:
      assay_sync_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_WITNESS_KEYS:
      assay_sync_set_witness_keys (self, g_value_get_boxed (value));
      break;
    case PROP_WITNESS_QUORUM:
      assay_sync_set_witness_quorum (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_sync_class_init (AssaySyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_sync_finalize;
  object_class->get_property = assay_sync_get_property;
  object_class->set_property = assay_sync_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_KEY] =
    g_param_spec_string ("log-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 64, DEFAULT_MAX_IN_FLIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WITNESS_KEYS] =
    g_param_spec_boxed ("witness-keys", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WITNESS_QUORUM] =
    g_param_spec_uint ("witness-quorum", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_DOUBLE);
}

static void
assay_sync_init (AssaySync *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_in_flight = DEFAULT_MAX_IN_FLIGHT;
}

AssaySync *
assay_sync_new (const char *server_url,
                const char *log_key)
{
  return g_object_new (ASSAY_TYPE_SYNC, "server-url", server_url, "log-key", log_key, NULL);
}

void
assay_sync_set_timeout (AssaySync *self,
                        guint seconds)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  seconds = CLAMP (seconds, 1, 3600);
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
assay_sync_set_max_in_flight (AssaySync *self,
                              guint n)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  n = CLAMP (n, 1, 64);
  if (self->max_in_flight == n)
    return;
  self->max_in_flight = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

void
assay_sync_set_witness_keys (AssaySync *self,
                             const char * const *keys)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  if (keys != NULL && keys[0] == NULL)
    keys = NULL;
  if (keys == NULL && self->witness_keys == NULL)
    return;
  if (keys != NULL && self->witness_keys != NULL &&
      g_strv_equal ((const char * const *) self->witness_keys, keys))
    return;
  g_strfreev (self->witness_keys);
  self->witness_keys = g_strdupv ((char **) keys);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITNESS_KEYS]);
}

void
assay_sync_set_witness_quorum (AssaySync *self,
                               guint quorum)
{
  g_return_if_fail (ASSAY_IS_SYNC (self));

  if (self->witness_quorum == quorum)
    return;
  self->witness_quorum = quorum;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITNESS_QUORUM]);
}

/* ---- blocking API ---------------------------------------------------------------------- */

static void
emit_progress_direct (guint64 verified,
                      guint64 total,
                      double rate,
                      gpointer user_data)
{
  g_signal_emit (user_data, signals[PROGRESS], 0, verified, total, rate);
}

gboolean
assay_sync_run (AssaySync *self,
                AssayReplica *replica,
                GCancellable *cancellable,
                guint64 *out_new_entries,
                GError **error)
{
  g_autoptr(AssaySyncRun) run = NULL;
  g_autoptr(GError) resume_error = NULL;
  gboolean suspended = FALSE;
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_SYNC (self), FALSE);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);

  if (!check_config (self, replica, error))
    return FALSE;
  run = _assay_sync_run_new (self, replica);
  run->progress = emit_progress_direct;
  run->progress_data = self;

  /* A first sync may write with a rollback journal only if its connection
   * is the sole one to the file (see _assay_replica_db_use_rollback_journal); the
   * caller waits for us, so the replica's own can close meanwhile. */
  if (assay_replica_get_size (replica) == 0)
    suspended = _assay_replica_suspend_db (replica);
  ok = _assay_sync_run_execute (run, cancellable, error);
  _assay_sync_run_release (run);
  if (suspended && !_assay_replica_resume_db (replica, &resume_error) && ok)
    {
      g_propagate_error (error, g_steal_pointer (&resume_error));
      ok = FALSE;
    }
  if (!ok)
    return FALSE;
  if (out_new_entries != NULL)
    *out_new_entries = run->new_entries;
  return TRUE;
}

/* ---- async API ----------------------------------------------------------------------------- */

typedef struct
{
  AssaySync *sync;
  guint64    verified;
  guint64    total;
  double     rate;
} ProgressEvent;

static gboolean
emit_progress_idle (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_signal_emit (event->sync, signals[PROGRESS], 0, event->verified, event->total, event->rate);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  g_object_unref (event->sync);
  g_free (event);
}

static void
post_progress (guint64 verified,
               guint64 total,
               double rate,
               gpointer user_data)
{
  GTask *task = user_data;
  ProgressEvent *event = g_new0 (ProgressEvent, 1);

  event->sync = g_object_ref (g_task_get_source_object (task));
  event->verified = verified;
  event->total = total;
  event->rate = rate;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              emit_progress_idle, event, progress_event_free);
}

static void
sync_thread (GTask *task,
             gpointer source_object,
             gpointer task_data,
             GCancellable *cancellable)
{
  AssaySyncRun *run = task_data;
  GError *error = NULL;
  gboolean ok;

  run->progress = post_progress;
  run->progress_data = task;
  ok = _assay_sync_run_execute (run, cancellable, &error);
  _assay_sync_run_release (run);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sync_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr(GTask) outer = user_data;
  AssayReplica *replica = g_task_get_task_data (outer);
  GTask *inner = G_TASK (result);
  AssaySyncRun *run = g_task_get_task_data (inner);
  GError *error = NULL;

  /* Even a failed sync may have raised an alert the replica should show. */
  assay_replica_reload (replica);
  if (!g_task_propagate_boolean (inner, &error))
    g_task_return_error (outer, error);
  else
    {
      guint64 *n = g_new (guint64, 1);

      *n = run->new_entries;
      g_task_return_pointer (outer, n, g_free);
    }
}

void
assay_sync_run_async (AssaySync *self,
                      AssayReplica *replica,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  g_return_if_fail (ASSAY_IS_SYNC (self));
  g_return_if_fail (ASSAY_IS_REPLICA (replica));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, assay_sync_run_async);
  g_task_set_task_data (outer, g_object_ref (replica), g_object_unref);
  if (!check_config (self, replica, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  inner = g_task_new (self, cancellable, sync_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, _assay_sync_run_new (self, replica),
                        (GDestroyNotify) _assay_sync_run_free);
  g_task_run_in_thread (inner, sync_thread);
}

gboolean
assay_sync_run_finish (AssaySync *self,
                       GAsyncResult *result,
                       guint64 *out_new_entries,
                       GError **error)
{
  g_autofree guint64 *n = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_pointer (G_TASK (result), error);
  if (n == NULL)
    return FALSE;
  if (out_new_entries != NULL)
    *out_new_entries = *n;
  return TRUE;
}
