/* test-weights.c — the Weights and Rules page: the set in force from the session, what-if
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
#include <string.h>

#include "assay-application.h"
#include "assay-rule-cases.h"
#include "assay-ui-test-util.h"
#include "assay-weights-page-private.h"
#include "assay-window-private.h"
#include "assay-test-central.h"
#include "assay-test-util.h"
#include "assay-what-if-rule-item.h"
#include "assay-what-if-view-private.h"

#define WAIT_TIMEOUT_SECONDS 20

static AssayApplication *app;

/* A rule set whose condition compares a number with a string. */
static const char broken[] =
  "{\"format\":\"assay-rule-set/1\",\"name\":\"broken\",\"version\":1,\"effective\":\"2026-01-01\","
  "\"parameters\":{\"limit\":0.7},\"rules\":[{\"id\":\"X.bad\",\"article\":\"X\","
  "\"subject\":\"account_quarter\",\"action\":\"review\",\"severity\":\"low\","
  "\"when\":{\"op\":\">\",\"args\":[{\"feature\":\"quarter.max_dimension\"},{\"param\":\"limit\"}]},"
  "\"explain\":{\"en\":\"x\",\"zh_CN\":\"x\"}}]}";

typedef struct
{
  AssayWeightsPage *page;
  const char       *sha256;   /* the set shown must differ from it */
} PageWatch;

static gboolean
refused_shown (gpointer data)
{
  return _assay_weights_page_get_refused_visible (data);
}

static gboolean
set_replaced (gpointer data)
{
  PageWatch *watch = data;
  AssayRuleSet *set = _assay_weights_page_get_rule_set (watch->page);

  return set != NULL && strcmp (assay_rule_set_get_sha256 (set), watch->sha256) != 0 &&
         !_assay_weights_page_get_refused_visible (watch->page);
}

static AssayWindow *
open_weights (AssayWeightsPage **out_page)
{
  AssayWindow *window = assay_window_new (ADW_APPLICATION (app), assay_application_get_session (app));

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  g_assert_true (assay_window_show_page (window, "weights"));
  assay_ui_test_drain_main_loop ();
  *out_page = ASSAY_WEIGHTS_PAGE (_assay_window_get_visible_page (window));
  g_assert_true (ASSAY_IS_WEIGHTS_PAGE (*out_page));
  return window;
}

static void
close_window (AssayWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
}

static void
test_page (void)
{
  AssaySession *session = assay_application_get_session (app);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "rules.json", NULL);
  g_autofree char *default_path = assay_rule_default_set_path ();
  g_autofree char *pilot = NULL, *first_sha = NULL;
  g_autoptr(GString) edited = NULL;
  AssayWeightsPage *page;
  AssayWindow *window = open_weights (&page);
  AssayRuleSet *set;
  PageWatch watch;

  /* The default rule set, from the session's source, as `assayctl flags`
   * finds it. */
  set = _assay_weights_page_get_rule_set (page);
  g_assert_nonnull (set);
  g_assert_true (set == assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (session)));
  g_assert_cmpstr (assay_rule_set_get_name (set), ==, "pilot");
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "rules");
  g_assert_null (_assay_weights_page_get_error (page));
  g_assert_false (_assay_weights_page_get_refused_visible (page));
  /* Article X and the 6.1 breakers. */
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 2);
  g_assert_nonnull (assay_page_get_replica_summary (ASSAY_PAGE (page)));

  /* The session pointed at a copy: the page follows the new source. */
  g_assert_true (g_file_get_contents (default_path, &pilot, NULL, NULL));
  g_assert_true (g_file_set_contents (path, pilot, -1, NULL));
  assay_session_set_rule_set_path (session, path);
  assay_ui_test_drain_main_loop ();
  set = _assay_weights_page_get_rule_set (page);
  g_assert_true (set == assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (session)));
  first_sha = g_strdup (assay_rule_set_get_sha256 (set));

  /* The file rewritten with a refused set: the set in force stays on show,
   * under a banner that says why, naming the rule and the JSON path. */
  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  assay_ui_test_wait_until (refused_shown, page, WAIT_TIMEOUT_SECONDS, "the banner shows");
  g_assert_cmpstr (assay_rule_set_get_sha256 (_assay_weights_page_get_rule_set (page)), ==, first_sha);
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "rules");
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 2);
  g_assert_nonnull (strstr (_assay_weights_page_get_error (page), "X.bad"));
  g_assert_nonnull (strstr (_assay_weights_page_get_refused_text (page), "rules[0].when"));
  g_assert_nonnull (strstr (_assay_weights_page_get_refused_text (page), "pilot version"));

  /* A good new version replaces it, and the banner goes. */
  edited = g_string_new (pilot);
  g_assert_cmpuint (g_string_replace (edited, "\"concentration_share\": 0.70", "\"concentration_share\": 0.60", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  watch.page = page;
  watch.sha256 = first_sha;
  assay_ui_test_wait_until (set_replaced, &watch, WAIT_TIMEOUT_SECONDS, "the new set replaces the old");
  g_assert_null (_assay_weights_page_get_error (page));
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 2);

  /* A file that never loaded: the loader's message, never an empty page. */
  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  assay_session_set_rule_set_path (session, "/nonexistent/rules.json");
  assay_ui_test_drain_main_loop ();
  g_assert_null (_assay_weights_page_get_rule_set (page));
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "error");
  g_assert_nonnull (_assay_weights_page_get_error (page));
  g_assert_false (_assay_weights_page_get_refused_visible (page));
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 0);

  /* And back to the default. */
  assay_session_set_rule_set_path (session, NULL);
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "rules");
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 2);

  close_window (window);
  assay_test_rmdir (dir);
}

/* ---- what-if ------------------------------------------------------------- */

static gboolean
sync_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
sync_finished_cb (AssayLedgerModel *ledger,
                  guint64           new_entries,
                  const GError     *error,
                  gboolean         *done)
{
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
comparison_done (gpointer data)
{
  return !_assay_what_if_view_get_running (data) &&
         (_assay_what_if_view_get_result (data) != NULL || _assay_what_if_view_get_message (data) != NULL);
}

/* A small generated pilot (500 accounts, a year), served on loopback. */
static AssayTestCentral *
start_central (const char *dir)
{
  g_autofree char *out = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) generate = NULL;
  AssayTestCentral *central;

  generate = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("ASSAY_CENTRAL"),
                               "generate", "--accounts", "500", "--months", "12", "--seed", "1",
                               "--start", "2025-06-01", "--out", out, "--truth", truth, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (generate, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &lines, NULL, NULL));
  central = assay_test_central_new ("ui.test/what-if");
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  return central;
}

static guint
first_added (GtkColumnView *table)
{
  g_autoptr(AssayWhatIfRuleItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (table)), 0);

  return assay_what_if_rule_item_get_count (item, "added");
}

/* The per-rule table sorts by a column both ways. */
static void
check_sorting (AssayWhatIfView   *view,
               const AssayWhatIf *direct)
{
  GtkColumnView *table = _assay_what_if_view_get_rules_view (view);
  g_autoptr(GtkColumnViewColumn) added = NULL;
  guint most = 0, least = G_MAXUINT;

  g_assert_nonnull (table);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (table))), ==,
                    direct->rules->len);
  for (guint i = 0; i < direct->rules->len; i++)
    {
      most = MAX (most, g_array_index (direct->rules, AssayWhatIfRule, i).added);
      least = MIN (least, g_array_index (direct->rules, AssayWhatIfRule, i).added);
    }
  added = g_list_model_get_item (gtk_column_view_get_columns (table), 3);
  gtk_column_view_sort_by_column (table, added, GTK_SORT_DESCENDING);
  g_assert_cmpuint (first_added (table), ==, most);
  gtk_column_view_sort_by_column (table, added, GTK_SORT_ASCENDING);
  g_assert_cmpuint (first_added (table), ==, least);
}

static void
test_what_if (void)
{
  GSettings *settings = assay_application_get_settings (app);
  AssaySession *session = assay_application_get_session (app);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica_path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *draft_path = g_build_filename (dir, "draft.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *default_path = assay_rule_default_set_path ();
  g_autofree char *pilot = NULL;
  g_autoptr(GString) draft = NULL;
  g_autoptr(AssayTestCentral) central = start_central (dir);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) draft_set = NULL;
  g_autoptr(AssayWhatIf) direct = NULL;
  g_autoptr(GError) error = NULL;
  AssayWeightsPage *page;
  AssayWindow *window;
  AssayWhatIfView *view;
  const AssayWhatIf *shown;
  GtkWidget *dialog;
  gboolean synced = FALSE;
  gulong id;

  g_settings_set_string (settings, "server-url", central->url);
  g_settings_set_string (settings, "log-key", central->key);
  g_settings_set_string (settings, "replica-path", replica_path);
  window = open_weights (&page);
  view = _assay_weights_page_get_what_if_view (page);

  /* No replica yet: the view says so. */
  g_assert_true (g_file_get_contents (default_path, &pilot, NULL, NULL));
  draft = g_string_new (pilot);
  g_assert_cmpuint (g_string_replace (draft, "\"min_spike_requests\": 20", "\"min_spike_requests\": 10", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (draft, "\"concentration_share\": 0.70", "\"concentration_share\": 0.60", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (draft_path, draft->str, -1, NULL));
  if (assay_session_get_replica (session) == NULL)
    {
      _assay_what_if_view_compare_file (view, draft_path);
      g_assert_false (_assay_what_if_view_get_running (view));
      g_assert_null (_assay_what_if_view_get_result (view));
      g_assert_nonnull (strstr (_assay_what_if_view_get_message (view), "no replica"));
    }

  id = g_signal_connect (_assay_window_get_ledger (window), "sync-finished", G_CALLBACK (sync_finished_cb), &synced);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  assay_ui_test_wait_until (sync_done, &synced, WAIT_TIMEOUT_SECONDS, "the sync finishes");
  g_signal_handler_disconnect (_assay_window_get_ledger (window), id);
  g_assert_nonnull (assay_session_get_replica (session));

  /* A refused draft: the loader's message, naming the rule and path. */
  g_assert_true (g_file_set_contents (bad_path, broken, -1, NULL));
  _assay_what_if_view_compare_file (view, bad_path);
  g_assert_null (_assay_what_if_view_get_draft (view));
  g_assert_null (_assay_what_if_view_get_result (view));
  g_assert_nonnull (strstr (_assay_what_if_view_get_message (view), "X.bad"));
  g_assert_nonnull (strstr (_assay_what_if_view_get_message (view), "rules[0].when"));

  /* Two comparisons in a row: the newer one wins. */
  _assay_what_if_view_compare_file (view, draft_path);
  g_assert_true (_assay_what_if_view_get_running (view));
  _assay_what_if_view_compare_file (view, draft_path);
  assay_ui_test_wait_until (comparison_done, view, WAIT_TIMEOUT_SECONDS, "the comparison ends");
  shown = _assay_what_if_view_get_result (view);
  g_assert_nonnull (shown);
  g_assert_null (_assay_what_if_view_get_message (view));

  /* The same counts as assay_rule_what_if () called directly. */
  replica = assay_replica_open (replica_path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  draft_set = assay_rule_set_new_from_file (draft_path, &error);
  g_assert_no_error (error);
  direct = assay_rule_what_if (assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (session)),
                               draft_set, replica, assay_rule_flags_language (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->checkpoint_size, ==, direct->checkpoint_size);
  g_assert_cmpuint (shown->added->len, ==, direct->added->len);
  g_assert_cmpuint (shown->removed->len, ==, direct->removed->len);
  g_assert_cmpuint (shown->changed->len, ==, direct->changed->len);
  g_assert_cmpuint (_assay_what_if_view_get_n_rules (view), ==, direct->rules->len);
  g_assert_cmpuint (direct->added->len, >, 0);
  g_assert_cmpuint (direct->changed->len, >, 0);
  assay_ui_test_drain_main_loop ();
  check_sorting (view, direct);

  /* An added flag's dialog: one evaluation tree, against the draft. */
  dialog = _assay_what_if_view_open_flag (view, ASSAY_WHAT_IF_ADDED, 0);
  g_object_ref (dialog);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");
  g_assert_cmpuint (_assay_what_if_flag_dialog_get_n_trees (dialog), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (dialog);

  /* A changed one: both trees. */
  dialog = _assay_what_if_view_open_flag (view, ASSAY_WHAT_IF_CHANGED, 0);
  g_object_ref (dialog);
  g_assert_cmpuint (_assay_what_if_flag_dialog_get_n_trees (dialog), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (dialog);

  close_window (window);
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int ret;

  assay_ui_test_init (&argc, &argv);
  app = assay_ui_test_new_application ();
  g_test_add_func ("/assay/ui/weights/page", test_page);
  g_test_add_func ("/assay/ui/weights/what-if", test_what_if);
  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}
