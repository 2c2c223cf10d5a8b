/* test-window.c — UI tests of the main window, its dialogs and its settings
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

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "assay-application.h"
#include "assay-arbitration-page.h"
#include "assay-audit-sampling-page.h"
#include "assay-fairness-page.h"
#include "assay-ledger-page.h"
#include "assay-outbox-page.h"
#include "assay-overview-page.h"
#include "assay-preferences-window-private.h"
#include "assay-review-queue-page.h"
#include "assay-weights-page.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

/* Generous: only reached if the display never answers. */
#define WAIT_TIMEOUT_SECONDS 20

static AssayApplication *app;

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (_assay_window_get_leaflet (data));
}

static GSettings *
reset_settings (void)
{
  GSettings *settings = assay_application_get_settings (app);
  static const char * const keys[] = {
    "server-url", "log-key", "replica-path",
    "window-width", "window-height", "window-maximized",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static AssayWindow *
open_window (void)
{
  AssayWindow *window = assay_window_new (ADW_APPLICATION (app), assay_application_get_session (app));

  /* Our own reference, for g_assert_finalize_object in close_window. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  return window;
}

static void
close_window (AssayWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
}

/* Finds the one toplevel of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_assert_null (found);
          found = window;
        }
    }

  return found;
}

static void
test_pages (void)
{
  AssayWindow *window;
  GtkListBox *sidebar;
  const GType expected[] = {
    ASSAY_TYPE_OVERVIEW_PAGE,
    ASSAY_TYPE_REVIEW_QUEUE_PAGE,
    ASSAY_TYPE_WEIGHTS_PAGE,
    ASSAY_TYPE_ARBITRATION_PAGE,
    ASSAY_TYPE_AUDIT_SAMPLING_PAGE,
    ASSAY_TYPE_FAIRNESS_PAGE,
    ASSAY_TYPE_LEDGER_PAGE,
    ASSAY_TYPE_OUTBOX_PAGE,
  };
  guint n_rows = 0;

  reset_settings ();
  window = open_window ();
  sidebar = _assay_window_get_sidebar (window);

  /* The overview comes first. */
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (_assay_window_get_visible_page (window),
                                             ASSAY_TYPE_OVERVIEW_PAGE));

  /* Activate the rows backwards so that every activation changes the page. */
  while (gtk_list_box_get_row_at_index (sidebar, n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (expected));

  for (int i = n_rows - 1; i >= 0; i--)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, i);
      AssayPage *page;

      g_signal_emit_by_name (row, "activate");
      assay_ui_test_drain_main_loop ();

      page = _assay_window_get_visible_page (window);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, expected[i]));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
      g_assert_true (assay_page_get_session (page) == assay_application_get_session (app));
      g_assert_nonnull (assay_page_get_title (page));
      g_assert_true (gtk_list_box_get_selected_row (sidebar) == row);
    }

  /* Alt+N goes through the same action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "fairness"));
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (_assay_window_get_visible_page (window),
                                             ASSAY_TYPE_FAIRNESS_PAGE));
  g_assert_false (assay_window_show_page (window, "no-such-page"));
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (_assay_window_get_visible_page (window),
                                             ASSAY_TYPE_FAIRNESS_PAGE));

  close_window (window);
}

/* A window of 360 px shows one column: the sidebar or a page, swapped by
 * F9 or by choosing a page. */
static void
test_narrow (void)
{
  GSettings *settings = reset_settings ();
  AssayWindow *window;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_box;
  int width = 0;
  int height = 0;

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 600);

  window = open_window ();
  leaflet = _assay_window_get_leaflet (window);
  sidebar_box = gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (_assay_window_get_sidebar (window))),
                                         GTK_TYPE_BOX);

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (height, ==, 600);

  assay_ui_test_wait_until (is_folded, window, WAIT_TIMEOUT_SECONDS, "the window folds");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar_box);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == sidebar_box);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar_box);

  g_signal_emit_by_name (gtk_list_box_get_row_at_index (_assay_window_get_sidebar (window), 6), "activate");
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == sidebar_box);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (_assay_window_get_visible_page (window),
                                             ASSAY_TYPE_LEDGER_PAGE));

  close_window (window);
}

static void
test_size_saved (void)
{
  GSettings *settings = reset_settings ();
  AssayWindow *window = open_window ();
  GtkWidget *visible_child;
  int width, height;

  /* Wide, F9 does nothing: both columns show. */
  g_assert_false (is_folded (window));
  visible_child = adw_leaflet_get_visible_child (_assay_window_get_leaflet (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
  g_assert_true (adw_leaflet_get_visible_child (_assay_window_get_leaflet (window)) == visible_child);

  gtk_window_set_default_size (GTK_WINDOW (window), 812, 534);
  gtk_window_close (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 534);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 534);
  close_window (window);
}

/* Opens a dialog with @action, checks its type and closes it. */
static void
check_dialog (AssayWindow *window,
              const char  *action,
              GType        type)
{
  GtkWindow *dialog;

  g_assert_null (find_toplevel (type));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  assay_ui_test_drain_main_loop ();

  dialog = find_toplevel (type);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");

  g_object_ref (dialog);
  gtk_window_close (dialog);
  assay_ui_test_drain_main_loop ();
  g_assert_null (find_toplevel (type));

  /* The shortcuts window is the window's, and only hides. */
  if (type == GTK_TYPE_SHORTCUTS_WINDOW)
    g_object_unref (dialog);
  else
    g_assert_finalize_object (dialog);
}

static void
test_dialogs (void)
{
  AssayWindow *window;

  reset_settings ();
  window = open_window ();

  check_dialog (window, "app.preferences", ASSAY_TYPE_PREFERENCES_WINDOW);
  check_dialog (window, "app.about", ADW_TYPE_ABOUT_WINDOW);
  check_dialog (window, "win.show-help-overlay", GTK_TYPE_SHORTCUTS_WINDOW);

  close_window (window);
}

/* Types @text into the row of @key and applies it. */
static void
apply_text (AssayPreferencesWindow *prefs,
            const char             *key,
            const char             *text)
{
  AdwEntryRow *row = _assay_preferences_window_get_row (prefs, key);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
assert_error_shown (AssayPreferencesWindow *prefs,
                    const char             *key,
                    gboolean                shown)
{
  GtkLabel *label = _assay_preferences_window_get_error_label (prefs, key);
  AdwEntryRow *row = _assay_preferences_window_get_row (prefs, key);

  g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (label)), ==, shown);
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (row), "error"), ==, shown);
  if (shown)
    g_assert_cmpuint (strlen (gtk_label_get_label (label)), >, 20);
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_preferences_validate (void)
{
  GSettings *settings = reset_settings ();
  AssaySession *session = assay_application_get_session (app);
  AssayWindow *window = open_window ();
  AssayPreferencesWindow *prefs;
  g_autofree char *dir = g_dir_make_tmp ("assay-ui-XXXXXX", NULL);
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  prefs = g_object_ref (ASSAY_PREFERENCES_WINDOW (find_toplevel (ASSAY_TYPE_PREFERENCES_WINDOW)));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, prefs, WAIT_TIMEOUT_SECONDS, "the preferences are mapped");

  assert_error_shown (prefs, "server-url", FALSE);

  /* Malformed: refused, shown, not stored, the session unchanged. */
  apply_text (prefs, "server-url", "ftp://ledger.example.org/");
  assert_error_shown (prefs, "server-url", TRUE);
  assert_setting (settings, "server-url", "");
  g_assert_null (assay_session_get_server_url (session));

  apply_text (prefs, "server-url", "https://user:pw@ledger.example.org/");
  assert_error_shown (prefs, "server-url", TRUE);
  assert_setting (settings, "server-url", "");

  /* Good: stored, the error gone, and the session follows GSettings. */
  apply_text (prefs, "server-url", "  https://ledger.example.org/  ");
  assert_error_shown (prefs, "server-url", FALSE);
  assert_setting (settings, "server-url", "https://ledger.example.org/");
  g_assert_cmpstr (assay_session_get_server_url (session), ==, "https://ledger.example.org/");

  apply_text (prefs, "log-key", "PeterNeumann+c74f20a3+nonsense");
  assert_error_shown (prefs, "log-key", TRUE);
  assert_setting (settings, "log-key", "");
  apply_text (prefs, "log-key", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  assert_error_shown (prefs, "log-key", FALSE);
  assert_setting (settings, "log-key", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");

  apply_text (prefs, "replica-path", "replica.db");
  assert_error_shown (prefs, "replica-path", TRUE);
  assert_setting (settings, "replica-path", "");
  apply_text (prefs, "replica-path", replica);
  assert_error_shown (prefs, "replica-path", FALSE);
  assert_setting (settings, "replica-path", replica);
  g_assert_cmpstr (assay_session_get_replica_path (session), ==, replica);

  /* Empty clears. */
  apply_text (prefs, "server-url", "");
  assert_setting (settings, "server-url", "");
  g_assert_null (assay_session_get_server_url (session));

  gtk_window_close (GTK_WINDOW (prefs));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (prefs);

  close_window (window);
  reset_settings ();
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_source (AssayPreferencesWindow *prefs,
               const char             *key,
               const char             *part)
{
  const char *text = gtk_label_get_label (_assay_preferences_window_get_source_label (prefs, key));

  if (strstr (text, part) == NULL)
    g_error ("the source of %s reads “%s”, without “%s”", key, text, part);
}

/* A value given on the command line is shown as the one in effect, with
 * its option; a saved one as saved; an unset replica path with the
 * default the session uses. */
static void
test_preferences_sources (void)
{
  GSettings *settings = reset_settings ();
  AssaySession *session = assay_application_get_session (app);
  AssayWindow *window = open_window ();
  AssayPreferencesWindow *prefs;

  /* What handle_local_options does for --server. */
  g_settings_unbind (session, "server-url");
  g_assert_true (assay_session_set_server_url (session, "http://127.0.0.1:4711/", NULL));
  g_settings_set_string (settings, "log-key",
                         "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  prefs = g_object_ref (ASSAY_PREFERENCES_WINDOW (find_toplevel (ASSAY_TYPE_PREFERENCES_WINDOW)));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, prefs, WAIT_TIMEOUT_SECONDS, "the preferences are mapped");

  assert_source (prefs, "server-url", "In effect for this run: http://127.0.0.1:4711/");
  assert_source (prefs, "server-url", "--server");
  assert_source (prefs, "log-key", "the value saved here");
  assert_source (prefs, "replica-path", assay_session_get_effective_replica_path (session));

  /* Saving another address leaves the run's own in effect, and says so. */
  apply_text (prefs, "server-url", "https://ledger.example.org/");
  assert_setting (settings, "server-url", "https://ledger.example.org/");
  g_assert_cmpstr (assay_session_get_server_url (session), ==, "http://127.0.0.1:4711/");
  assert_source (prefs, "server-url", "In effect for this run: http://127.0.0.1:4711/");

  gtk_window_close (GTK_WINDOW (prefs));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (prefs);
  close_window (window);

  g_settings_bind (settings, "server-url", session, "server-url", G_SETTINGS_BIND_GET);
  reset_settings ();
  g_assert_null (assay_session_get_server_url (session));
}

#define W1 "witness.example/w1+1baf904e+BCNAiLIuLRVWkidbqv61nU9m+G5lBdYoLNIbKV6iThsM"
#define W2 "witness.example/w2+9005d2c7+BGwQg2xXKkQtNebF2e+J903+nuwrEsOkk5wWMs/VgViC"

static void
test_preferences_witnesses (void)
{
  GSettings *settings = reset_settings ();
  AssaySession *session = assay_application_get_session (app);
  AssayWindow *window = open_window ();
  AssayPreferencesWindow *prefs;
  GtkLabel *error;
  g_auto(GStrv) stored = NULL;

  g_settings_reset (settings, "witness-keys");
  g_settings_reset (settings, "witness-quorum");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  prefs = g_object_ref (ASSAY_PREFERENCES_WINDOW (find_toplevel (ASSAY_TYPE_PREFERENCES_WINDOW)));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, prefs, WAIT_TIMEOUT_SECONDS, "the preferences are mapped");
  error = _assay_preferences_window_get_witness_error (prefs);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));

  /* A log key is no witness key; a quorum above the witnesses; a key twice. */
  _assay_preferences_window_set_witnesses (prefs, "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  _assay_preferences_window_set_witnesses (prefs, W1, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  _assay_preferences_window_set_witnesses (prefs, W1 "\n" W1, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_cmpuint (strlen (gtk_label_get_label (error)), >, 20);
  stored = g_settings_get_strv (settings, "witness-keys");
  g_assert_cmpuint (g_strv_length (stored), ==, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "witness-quorum"), ==, 0);
  g_assert_null (assay_session_get_witness_keys (session));

  /* Good: stored (blank lines and spaces dropped), the session follows. */
  _assay_preferences_window_set_witnesses (prefs, "  " W1 "\n\n" W2 "  \n", 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (settings, "witness-keys");
  g_assert_cmpuint (g_strv_length (stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, W1);
  g_assert_cmpstr (stored[1], ==, W2);
  g_assert_cmpuint (g_settings_get_uint (settings, "witness-quorum"), ==, 2);
  g_assert_cmpstr (assay_session_get_witness_keys (session)[1], ==, W2);
  g_assert_cmpuint (assay_session_get_witness_quorum (session), ==, 2);

  gtk_window_close (GTK_WINDOW (prefs));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (prefs);
  close_window (window);
  g_settings_reset (settings, "witness-keys");
  g_settings_reset (settings, "witness-quorum");
  reset_settings ();
}

int
main (int argc, char **argv)
{
  int ret;

  assay_ui_test_init (&argc, &argv);

  app = assay_ui_test_new_application ();

  g_test_add_func ("/assay/ui/window/pages", test_pages);
  g_test_add_func ("/assay/ui/window/narrow", test_narrow);
  g_test_add_func ("/assay/ui/window/size-saved", test_size_saved);
  g_test_add_func ("/assay/ui/window/dialogs", test_dialogs);
  g_test_add_func ("/assay/ui/preferences/validate", test_preferences_validate);
  g_test_add_func ("/assay/ui/preferences/witnesses", test_preferences_witnesses);
  g_test_add_func ("/assay/ui/preferences/sources", test_preferences_sources);

  ret = g_test_run ();

  /* Registration leaves references inside GIO and GTK: not asserted. */
  g_clear_object (&app);
  return ret;
}
