/* assay-page.c — base class of the pages in the main window
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

#include "assay-format.h"
#include "assay-page.h"

typedef struct
{
  AssaySession     *session;
  AssayLedgerModel *ledger;
  GSignalGroup     *replica_signals;  /* of the session's replica */
  char             *title;
  char             *icon_name;
  char             *replica_summary;
} AssayPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (AssayPage, assay_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LEDGER,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_REPLICA_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The replica's state as it is: open and how big, being synced, broken
 * or missing.  A sync writes in one transaction, so until it commits the
 * replica holds what it held before. */
static char *
describe_replica (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);
  const GError *error = assay_session_get_replica_error (priv->session);
  AssayReplica *replica = assay_session_get_replica (priv->session);
  guint64 size = replica != NULL ? assay_replica_get_size (replica) : 0;
  gboolean syncing = assay_ledger_model_get_syncing (priv->ledger);
  g_autofree char *count = assay_format_count (size);

  if (error != NULL)
    return g_strdup_printf (_("The ledger replica cannot be opened: %s"), error->message);
  if (size == 0 && syncing)
    return g_strdup (_("The first sync is running: no entry of the ledger is verified yet."));
  if (size == 0)
    return g_strdup (_("There is no ledger replica yet: sync one on the Ledger page."));
  /* No plural forms: a count after a colon reads the same for any n. */
  if (syncing)
    /* Translators: the replica's size while a sync runs. */
    return g_strdup_printf (_("A sync is running; until it ends, the replica keeps its last "
                              "verified state. Verified entries: %s."), count);
  /* Translators: the replica's size; the Overview and Ledger pages show it. */
  return g_strdup_printf (_("Verified entries in the replica: %s. Read them on the Overview "
                            "and Ledger pages."), count);
}

static void
update_replica_summary (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);
  g_autofree char *summary = describe_replica (self);

  if (g_strcmp0 (summary, priv->replica_summary) == 0)
    return;
  g_free (priv->replica_summary);
  priv->replica_summary = g_steal_pointer (&summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA_SUMMARY]);
}

static void
session_notify_replica_cb (AssayPage    *self,
                           GParamSpec   *pspec,
                           AssaySession *session)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_signal_group_set_target (priv->replica_signals, assay_session_get_replica (session));
  update_replica_summary (self);
}

static void
follow_replica (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  priv->replica_signals = g_signal_group_new (ASSAY_TYPE_REPLICA);
  g_signal_group_connect_object (priv->replica_signals, "changed",
                                 G_CALLBACK (update_replica_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->session, "notify::replica",
                           G_CALLBACK (session_notify_replica_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->session, "notify::replica-error",
                           G_CALLBACK (update_replica_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->ledger, "notify::syncing",
                           G_CALLBACK (update_replica_summary), self, G_CONNECT_SWAPPED);
  session_notify_replica_cb (self, NULL, priv->session);
}

/* A page made without a ledger (in a test, say) gets one of its own; one
 * made with a ledger only takes the ledger's session. */
static void
assay_page_constructed (GObject *object)
{
  AssayPage *self = (AssayPage *)object;
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  G_OBJECT_CLASS (assay_page_parent_class)->constructed (object);

  if (priv->ledger == NULL && priv->session != NULL)
    priv->ledger = assay_ledger_model_new (priv->session);
  else if (priv->session == NULL && priv->ledger != NULL)
    priv->session = g_object_ref (assay_ledger_model_get_session (priv->ledger));
  if (priv->session != NULL)
    follow_replica (self);
}

static void
assay_page_dispose (GObject *object)
{
  AssayPage *self = (AssayPage *)object;
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_clear_object (&priv->replica_signals);
  g_clear_object (&priv->session);
  g_clear_object (&priv->ledger);

  G_OBJECT_CLASS (assay_page_parent_class)->dispose (object);
}

static void
assay_page_finalize (GObject *object)
{
  AssayPage *self = (AssayPage *)object;
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->icon_name, g_free);
  g_clear_pointer (&priv->replica_summary, g_free);

  G_OBJECT_CLASS (assay_page_parent_class)->finalize (object);
}

static void
assay_page_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AssayPage *self = ASSAY_PAGE (object);
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;

    case PROP_LEDGER:
      g_value_set_object (value, priv->ledger);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, priv->icon_name);
      break;

    case PROP_REPLICA_SUMMARY:
      g_value_set_string (value, priv->replica_summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_page_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AssayPage *self = ASSAY_PAGE (object);
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;

    case PROP_LEDGER:
      priv->ledger = g_value_dup_object (value);
      break;

    case PROP_TITLE:
      assay_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      assay_page_set_icon_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_page_class_init (AssayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = assay_page_constructed;
  object_class->dispose = assay_page_dispose;
  object_class->finalize = assay_page_finalize;
  object_class->get_property = assay_page_get_property;
  object_class->set_property = assay_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ASSAY_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL,
                         ASSAY_TYPE_LEDGER_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPLICA_SUMMARY] =
    g_param_spec_string ("replica-summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_page_init (AssayPage *self)
{
}

AssaySession *
assay_page_get_session (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_PAGE (self), NULL);

  return priv->session;
}

AssayLedgerModel *
assay_page_get_ledger (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_PAGE (self), NULL);

  return priv->ledger;
}

const char *
assay_page_get_title (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_PAGE (self), NULL);

  return priv->title;
}

void
assay_page_set_title (AssayPage  *self,
                      const char *title)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_if_fail (ASSAY_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
assay_page_get_icon_name (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_PAGE (self), NULL);

  return priv->icon_name;
}

void
assay_page_set_icon_name (AssayPage  *self,
                          const char *icon_name)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_if_fail (ASSAY_IS_PAGE (self));

  if (g_strcmp0 (priv->icon_name, icon_name) == 0)
    return;

  g_free (priv->icon_name);
  priv->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

const char *
assay_page_get_replica_summary (AssayPage *self)
{
  AssayPagePrivate *priv = assay_page_get_instance_private (self);

  g_return_val_if_fail (ASSAY_IS_PAGE (self), NULL);

  return priv->replica_summary;
}
