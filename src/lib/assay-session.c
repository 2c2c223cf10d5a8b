/* assay-session.c — the GTK-free session that owns the replica and identity
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

#include "assay-session.h"

#include "assay-config.h"
#include "assay-error.h"
#include "assay-replica.h"

struct _AssaySession
{
  GObject  parent_instance;

  char    *server_url;
  char    *log_key;
  char    *replica_path;

  AssayReplica *replica;   /* opened on demand from replica_path */
};

G_DEFINE_FINAL_TYPE (AssaySession, assay_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_LOG_KEY,
  PROP_REPLICA_PATH,
  PROP_REPLICA_OPEN,
  PROP_REPLICA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef gboolean (*CheckFunc) (const char *value, GError **error);

/* Stores @value in @field after @check accepts it; "" counts as NULL.
 * Notifies @prop only when the stored value changed. */
static gboolean
set_checked_string (AssaySession  *self,
                    char         **field,
                    const char    *value,
                    CheckFunc      check,
                    guint          prop,
                    GError       **error)
{
  g_assert (ASSAY_IS_SESSION (self));

  if (value != NULL && *value == '\0')
    value = NULL;

  if (value != NULL && !check (value, error))
    return FALSE;

  if (g_strcmp0 (*field, value) == 0)
    return TRUE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);

  /* Another file: the open replica is no longer the configured one. */
  if (prop == PROP_REPLICA_PATH && self->replica != NULL)
    {
      g_clear_object (&self->replica);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA_OPEN]);
    }
  return TRUE;
}

/* Property writes come from bindings (GSettings in the app), which cannot
 * take an error back: a malformed value is logged and ignored. */
static void
set_from_property (AssaySession *self,
                   char        **field,
                   const GValue *value,
                   CheckFunc     check,
                   guint         prop)
{
  g_autoptr(GError) error = NULL;

  if (!set_checked_string (self, field, g_value_get_string (value), check, prop, &error))
    g_warning ("Ignoring the %s setting: %s", properties[prop]->name, error->message);
}

static void
assay_session_finalize (GObject *object)
{
  AssaySession *self = (AssaySession *)object;

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->log_key, g_free);
  g_clear_pointer (&self->replica_path, g_free);
  g_clear_object (&self->replica);

  G_OBJECT_CLASS (assay_session_parent_class)->finalize (object);
}

static void
assay_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AssaySession *self = ASSAY_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_LOG_KEY:
      g_value_set_string (value, self->log_key);
      break;

    case PROP_REPLICA_PATH:
      g_value_set_string (value, self->replica_path);
      break;

    case PROP_REPLICA_OPEN:
      g_value_set_boolean (value, assay_session_get_replica_open (self));
      break;

    case PROP_REPLICA:
      g_value_set_object (value, self->replica);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AssaySession *self = ASSAY_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      set_from_property (self, &self->server_url, value,
                         assay_config_check_server_url, PROP_SERVER_URL);
      break;

    case PROP_LOG_KEY:
      set_from_property (self, &self->log_key, value,
                         assay_config_check_log_key, PROP_LOG_KEY);
      break;

    case PROP_REPLICA_PATH:
      set_from_property (self, &self->replica_path, value,
                         assay_config_check_replica_path, PROP_REPLICA_PATH);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_session_class_init (AssaySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_session_finalize;
  object_class->get_property = assay_session_get_property;
  object_class->set_property = assay_session_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOG_KEY] =
    g_param_spec_string ("log-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPLICA_PATH] =
    g_param_spec_string ("replica-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPLICA_OPEN] =
    g_param_spec_boolean ("replica-open", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* The AssayReplica at replica-path once assay_session_open_replica()
   * opened it, else NULL. */
  properties[PROP_REPLICA] =
    g_param_spec_object ("replica", NULL, NULL,
                         ASSAY_TYPE_REPLICA,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_session_init (AssaySession *self)
{
}

AssaySession *
assay_session_new (void)
{
  return g_object_new (ASSAY_TYPE_SESSION, NULL);
}

const char *
assay_session_get_server_url (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->server_url;
}

gboolean
assay_session_set_server_url (AssaySession  *self,
                              const char    *server_url,
                              GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return set_checked_string (self, &self->server_url, server_url,
                             assay_config_check_server_url, PROP_SERVER_URL, error);
}

const char *
assay_session_get_log_key (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->log_key;
}

gboolean
assay_session_set_log_key (AssaySession  *self,
                           const char    *log_key,
                           GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return set_checked_string (self, &self->log_key, log_key,
                             assay_config_check_log_key, PROP_LOG_KEY, error);
}

const char *
assay_session_get_replica_path (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->replica_path;
}

gboolean
assay_session_set_replica_path (AssaySession  *self,
                                const char    *replica_path,
                                GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return set_checked_string (self, &self->replica_path, replica_path,
                             assay_config_check_replica_path, PROP_REPLICA_PATH, error);
}

gboolean
assay_session_get_replica_open (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return self->replica != NULL;
}

AssayReplica *
assay_session_get_replica (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->replica;
}

AssayReplica *
assay_session_open_replica (AssaySession  *self,
                            GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  if (self->replica != NULL)
    return self->replica;
  if (self->replica_path == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                           _("No replica file is configured. Choose one in the preferences."));
      return NULL;
    }
  self->replica = assay_replica_open (self->replica_path, ASSAY_REPLICA_OPEN_CREATE, error);
  if (self->replica == NULL)
    return NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA_OPEN]);
  return self->replica;
}
