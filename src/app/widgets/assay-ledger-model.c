/* assay-ledger-model.c — the sync of the session's replica, shared by the pages of a window
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

#include <glib/gi18n.h>

#include "assay-error.h"
#include "assay-ledger-model.h"
#include "assay-sync.h"

struct _AssayLedgerModel
{
  GObject        parent_instance;

  AssaySession  *session;
  GSignalGroup  *replica_signals;  /* of the session's replica */
  AssaySync     *sync;             /* the running sync, or NULL */
  GCancellable  *cancellable;      /* of the running sync */
};

G_DEFINE_FINAL_TYPE (AssayLedgerModel, assay_ledger_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
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
replica_changed_cb (AssayLedgerModel *self,
                    AssayReplica     *replica)
{
  /* The alert state may have moved. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
}

static void
session_notify_replica_cb (AssayLedgerModel *self,
                           GParamSpec       *pspec,
                           AssaySession     *session)
{
  /* A sync into the file the session has just let go of is pointless. */
  assay_ledger_model_cancel_sync (self);
  g_signal_group_set_target (self->replica_signals, assay_session_get_replica (session));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
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
  /* Flags follow each sync, off the main thread; a failure to evaluate
   * is the session's flags-error, not the sync's. */
  if (error == NULL)
    assay_session_refresh_flags (self->session);
  g_signal_emit (self, signals[SYNC_FINISHED], 0, new_entries, error);
}

static void
assay_ledger_model_constructed (GObject *object)
{
  AssayLedgerModel *self = ASSAY_LEDGER_MODEL (object);

  G_OBJECT_CLASS (assay_ledger_model_parent_class)->constructed (object);

  self->replica_signals = g_signal_group_new (ASSAY_TYPE_REPLICA);
  g_signal_group_connect_object (self->replica_signals, "changed", G_CALLBACK (replica_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::replica",
                           G_CALLBACK (session_notify_replica_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::server-url",
                           G_CALLBACK (session_notify_settings_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::log-key",
                           G_CALLBACK (session_notify_settings_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->replica_signals, assay_session_get_replica (self->session));

  /* The pages show an error the session keeps as replica-error, and a
   * missing file as an empty ledger. */
  assay_session_load_replica (self->session, NULL);
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
  g_clear_object (&self->replica_signals);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (assay_ledger_model_parent_class)->dispose (object);
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
  object_class->get_property = assay_ledger_model_get_property;
  object_class->set_property = assay_ledger_model_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ASSAY_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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

gboolean
assay_ledger_model_get_syncing (AssayLedgerModel *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), FALSE);

  return self->sync != NULL;
}

gboolean
assay_ledger_model_get_can_sync (AssayLedgerModel *self)
{
  AssayReplica *replica;

  g_return_val_if_fail (ASSAY_IS_LEDGER_MODEL (self), FALSE);

  replica = assay_session_get_replica (self->session);
  return self->sync == NULL &&
         assay_session_get_server_url (self->session) != NULL &&
         assay_session_get_log_key (self->session) != NULL &&
         (replica == NULL || assay_replica_get_alert (replica) == ASSAY_ALERT_NONE);
}

gboolean
assay_ledger_model_sync (AssayLedgerModel *self,
                         GError          **error)
{
  const char *server_url;
  const char *log_key;
  AssayReplica *replica;

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

  /* The first sync creates the file; the session tells every page. */
  replica = assay_session_open_replica (self->session, error);
  if (replica == NULL)
    return FALSE;

  self->sync = assay_sync_new (server_url, log_key);
  assay_sync_set_witness_keys (self->sync, assay_session_get_witness_keys (self->session));
  assay_sync_set_witness_quorum (self->sync, assay_session_get_witness_quorum (self->session));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  assay_sync_run_async (self->sync, replica, self->cancellable,
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
  AssayReplica *replica;

  g_return_if_fail (ASSAY_IS_LEDGER_MODEL (self));

  replica = assay_session_get_replica (self->session);
  if (replica != NULL)
    assay_replica_reload (replica);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SYNC]);
}
