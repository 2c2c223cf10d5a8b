/* assay-ledger-model.c — the open replica and its sync, shared by the pages of a window
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

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "assay-error.h"
#include "assay-ledger-model.h"
#include "assay-sync.h"

struct _AssayLedgerModel
{
  GObject        parent_instance;

  AssaySession  *session;
  AssayReplica  *replica;
  GError        *open_error;
  AssaySync     *sync;           /* the running sync, or NULL */
  GCancellable  *cancellable;    /* of the running sync */
};

G_DEFINE_FINAL_TYPE (AssayLedgerModel, assay_ledger_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_REPLICA,
  PROP_SYNCING,
  PROP_CAN_SYNC,
  N_PROPS
};

enum {
  SYNC_PROGRESS,
  SYNC_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_replica (AssayLedgerModel *self,
             AssayReplica     *replica,
             GError           *error)
{
  g_clear_error (&self->open_error);
  self->open_error = error;
  if (g_set_object (&self->replica, replica))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
}

static void
replica_changed_cb (AssayLedgerModel *self,
                    AssayReplica     *replica)
{
  /* The alert state may have moved. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
}

static AssayReplica *
open_replica (AssayLedgerModel      *self,
              AssayReplicaOpenFlags  flags,
              GError               **error)
{
  g_autofree char *path = assay_ledger_model_dup_replica_path (self);
  g_autofree char *dir = g_path_get_dirname (path);
  AssayReplica *replica;

  if ((flags & ASSAY_REPLICA_OPEN_CREATE) != 0 && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("Could not create the folder “%s” for the replica: %s. "
                     "Choose another replica location in Preferences."),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  replica = assay_replica_open (path, flags, error);
  if (replica != NULL)
    g_signal_connect_object (replica, "changed", G_CALLBACK (replica_changed_cb),
                             self, G_CONNECT_SWAPPED);
  return replica;
}

/* Opens the replica if its file exists; a missing file is no error, the
 * first sync creates it. */
static void
reopen (AssayLedgerModel *self)
{
  g_autoptr(AssayReplica) replica = NULL;
  GError *error = NULL;

  replica = open_replica (self, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (replica == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    g_clear_error (&error);
  set_replica (self, replica, error);
}

static void
session_notify_replica_path_cb (AssayLedgerModel *self,
                                GParamSpec       *pspec,
                                AssaySession     *session)
{
  assay_ledger_model_cancel_sync (self);
  reopen (self);
}

static void
session_notify_settings_cb (AssayLedgerModel *self,
                            GParamSpec       *pspec,
                            AssaySession     *session)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
}

static void
sync_progress_cb (AssayLedgerModel *self,
                  guint64           verified,
                  guint64           total,
                  double            rate,
                  AssaySync        *sync)
{
  /* A cancelled sync may still report after a new one started. */
  if (sync == self->sync)
    g_signal_emit (self, signals[SYNC_PROGRESS], 0, verified, total, rate);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AssayLedgerModel) self = user_data;
  AssaySync *sync = ASSAY_SYNC (source);
  g_autoptr(GError) error = NULL;
  guint64 new_entries = 0;

  assay_sync_run_finish (sync, result, &new_entries, &error);
  if (sync != self->sync)
    return;

  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
  g_signal_emit (self, signals[SYNC_FINISHED], 0, new_entries, error);
}

static void
assay_ledger_model_constructed (GObject *object)
{
  AssayLedgerModel *self = ASSAY_LEDGER_MODEL (object);

  G_OBJECT_CLASS (assay_ledger_model_parent_class)->constructed (object);

  g_signal_connect_object (self->session, "notify::replica-path",
                           G_CALLBACK (session_notify_replica_path_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::server-url",
                           G_CALLBACK (session_notify_settings_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::log-key",
                           G_CALLBACK (session_notify_settings_cb), self, G_CONNECT_SWAPPED);
  reopen (self);
}

static void
assay_ledger_model_dispose (GObject *object)
{
  AssayLedgerModel *self = ASSAY_LEDGER_MODEL (object);

  /* The pending callback holds a reference, so this only runs once the
   * sync has ended; cancelling here covers a forced dispose. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->replica);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (assay_ledger_model_parent_class)->dispose (object);
}

static void
assay_ledger_model_finalize (GObject *object)
{
  AssayLedgerModel *self = ASSAY_LEDGER_MODEL (object);

  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (assay_ledger_model_parent_class)->finalize (object);
}

static void
assay_ledger_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AssayLedgerModel *self = ASSAY_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_REPLICA:
      g_value_set_object (value, self->replica);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, assay_ledger_model_get_syncing (self));
      break;

    case PROP_CAN_SYNC:
      g_value_set_boolean (value, assay_ledger_model_get_can_sync (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_ledger_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AssayLedgerModel *self = ASSAY_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_ledger_model_class_init (AssayLedgerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = assay_ledger_model_constructed;
  object_class->dispose = assay_ledger_model_dispose;
  object_class->finalize = assay_ledger_model_finalize;
  object_class->get_property = assay_ledger_model_get_property;
  object_class->set_property = assay_ledger_model_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ASSAY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLICA] =
    g_param_spec_object ("replica", NULL, NULL, ASSAY_TYPE_REPLICA,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SYNC] =
    g_param_spec_boolean ("can-sync", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYNC_PROGRESS] =
    g_signal_new ("sync-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_DOUBLE);
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_UINT64, G_TYPE_ERROR);
}

static void
assay_ledger_model_init (AssayLedgerModel *self)
{
}

AssayLedgerModel *
assay_ledger_model_new (AssaySession *session)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (session), NULL);

  return g_object_new (ASSAY_TYPE_LEDGER_MODEL, "session", session, NULL);
}

AssaySession *
assay_ledger_model_get_session (AssayLedgerModel *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), NULL);

  return self->session;
}

AssayReplica *
assay_ledger_model_get_replica (AssayLedgerModel *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), NULL);

  return self->replica;
}

const GError *
assay_ledger_model_get_open_error (AssayLedgerModel *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), NULL);

  return self->open_error;
}

char *
assay_ledger_model_dup_replica_path (AssayLedgerModel *self)
{
  const char *path;

  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), NULL);

  path = assay_session_get_replica_path (self->session);
  if (path != NULL)
    return g_strdup (path);
  return g_build_filename (g_get_user_data_dir (), "assay", "replica.db", NULL);
}

gboolean
assay_ledger_model_get_syncing (AssayLedgerModel *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), FALSE);

  return self->sync != NULL;
}

gboolean
assay_ledger_model_get_can_sync (AssayLedgerModel *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), FALSE);

  return self->sync == NULL &&
         assay_session_get_server_url (self->session) != NULL &&
         assay_session_get_log_key (self->session) != NULL &&
         (self->replica == NULL || assay_replica_get_alert (self->replica) == ASSAY_ALERT_NONE);
}

gboolean
assay_ledger_model_sync (AssayLedgerModel *self,
                         GError          **error)
{
  const char *server_url;
  const char *log_key;

  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), FALSE);

  if (self->sync != NULL)
    return TRUE;

  server_url = assay_session_get_server_url (self->session);
  log_key = assay_session_get_log_key (self->session);
  if (server_url == NULL || log_key == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The central service is not set up. Enter its URL and the "
                             "log's verifier key in Preferences."));
      return FALSE;
    }

  if (self->replica == NULL)
    {
      g_autoptr(AssayReplica) replica = open_replica (self, ASSAY_REPLICA_OPEN_CREATE, error);

      if (replica == NULL)
        return FALSE;
      set_replica (self, replica, NULL);
    }

  self->sync = assay_sync_new (server_url, log_key);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  assay_sync_run_async (self->sync, self->replica, self->cancellable,
                        sync_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
  return TRUE;
}

void
assay_ledger_model_cancel_sync (AssayLedgerModel *self)
{
  g_return_if_fail (ASSAY_IS_LEDGER_MODEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
assay_ledger_model_reload (AssayLedgerModel *self)
{
  g_return_if_fail (ASSAY_IS_LEDGER_MODEL (self));

  if (self->replica != NULL)
    assay_replica_reload (self->replica);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
}
