/* assay-application.c — the application: one session, its settings and the app actions
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

#include "assay-application.h"
#include "assay-preferences-window.h"
#include "assay-version.h"
#include "assay-window.h"

struct _AssayApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AssaySession   *session;
  gboolean        sync_at_start;
};

G_DEFINE_FINAL_TYPE (AssayApplication, assay_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit",        { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
};

/* GSettings is the source of truth: the preferences window validates what
 * it stores, and the session follows. */
static void
bind_session_to_settings (AssayApplication *self)
{
  static const char * const keys[] = { "server-url", "log-key", "replica-path",
                                       "witness-keys", "witness-quorum" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self->session, keys[i], G_SETTINGS_BIND_GET);
}

/* Options that override the stored settings for this run only: the
 * session is unbound from that key, and nothing is written to GSettings. */
static const GOptionEntry option_entries[] = {
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use this central service URL for this run, without saving it"), N_("URL") },
  { "log-key", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use this log verifier key for this run, without saving it"), N_("KEY") },
  { "replica", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this replica file for this run, without saving it"), N_("FILE") },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sync the ledger at start and show its progress"), NULL },
  { NULL }
};

typedef gboolean (*SessionSetter) (AssaySession *session, const char *value, GError **error);

static gboolean
override_setting (AssayApplication *self,
                  const char       *option,
                  const char       *key,
                  const char       *value,
                  SessionSetter     setter)
{
  g_autoptr(GError) error = NULL;

  g_settings_unbind (self->session, key);
  if (!setter (self->session, value, &error))
    {
      g_printerr (_("assay: --%s: %s\n"), option, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  AssayApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (not destroying) lets each window save its size. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  AssayApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AssayPreferencesWindow *window = assay_preferences_window_new (parent, self->settings,
                                                                 self->session);

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  AssayApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Assay"),
                        "application-icon", APP_ID,
                        "version", assay_version_string (),
                        /* Only what works today: review and signing come later. */
                        "comments", _("Keep a verified local replica of the contribution-value "
                                      "ledger and read its health, accounts and entries."),
                        "developer-name", _("The Assay authors"),
                        "copyright", _("© 2026 The Assay authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line; shown in About. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
assay_application_startup (GApplication *application)
{
  AssayApplication *self = ASSAY_APPLICATION (application);

  G_APPLICATION_CLASS (assay_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
}

static int
assay_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  AssayApplication *self = ASSAY_APPLICATION (application);
  const char *server = NULL;
  const char *log_key = NULL;
  const char *replica = NULL;
  g_autofree char *replica_path = NULL;
  gboolean overridden;

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "log-key", "&s", &log_key);
  g_variant_dict_lookup (options, "replica", "^&ay", &replica);
  self->sync_at_start = g_variant_dict_contains (options, "sync");

  if (replica != NULL)
    replica_path = g_canonicalize_filename (replica, NULL);
  if ((server != NULL && !override_setting (self, "server", "server-url", server,
                                            assay_session_set_server_url)) ||
      (log_key != NULL && !override_setting (self, "log-key", "log-key", log_key,
                                             assay_session_set_log_key)) ||
      (replica_path != NULL && !override_setting (self, "replica", "replica-path", replica_path,
                                                  assay_session_set_replica_path)))
    return 2;

  /* An instance already running would ignore these settings: run our own. */
  overridden = server != NULL || log_key != NULL || replica != NULL;
  if (overridden)
    g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  /* Carry on with the default handling. */
  return -1;
}

static void
assay_application_activate (GApplication *application)
{
  AssayApplication *self = ASSAY_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (assay_window_new (ADW_APPLICATION (self), self->session));

  /* Before the window shows: it opens on the Ledger page and its
   * progress, with no crossfade from the Overview's empty state. */
  if (self->sync_at_start)
    {
      self->sync_at_start = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
    }

  gtk_window_present (window);
}

static void
assay_application_dispose (GObject *object)
{
  AssayApplication *self = (AssayApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (assay_application_parent_class)->dispose (object);
}

static void
assay_application_class_init (AssayApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = assay_application_dispose;

  app_class->handle_local_options = assay_application_handle_local_options;
  app_class->startup = assay_application_startup;
  app_class->activate = assay_application_activate;
}

static void
assay_application_init (AssayApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->session = assay_session_new ();
  bind_session_to_settings (self);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

AssayApplication *
assay_application_new (GApplicationFlags flags)
{
  return g_object_new (ASSAY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/assay/Assay",
                       "flags", flags,
                       NULL);
}

AssaySession *
assay_application_get_session (AssayApplication *self)
{
  g_return_val_if_fail (ASSAY_IS_APPLICATION (self), NULL);

  return self->session;
}

GSettings *
assay_application_get_settings (AssayApplication *self)
{
  g_return_val_if_fail (ASSAY_IS_APPLICATION (self), NULL);

  return self->settings;
}
