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
#include <json-glib/json-glib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "assay-application.h"
#include "assay-day.h"
#include "assay-replica-outbox.h"
#include "assay-decision-draft.h"
#include "assay-dsse.h"
#include "assay-weights-propose-dialog.h"
#include "assay-weights-view-private.h"
#include "assay-rule-cases.h"
#include "assay-ui-test-util.h"
#include "assay-weights-page-private.h"
#include "assay-window-private.h"
#include "assay-test-central.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"
#include "assay-weights-what-if-view-private.h"
#include "assay-what-if-county-item.h"
#include "assay-what-if-rule-item.h"
#include "assay-what-if-view-private.h"

#define WAIT_TIMEOUT_SECONDS 20

#define PASSPHRASE "dana's weights passphrase"

static AssayApplication *app;
static AssayTestSigners signers;

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
  /* Article X, the 6.1 breakers and the filings' V, U, Z and 5.2. */
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 6);
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
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 6);
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
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 6);

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
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 6);

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

/* A small generated pilot (500 accounts, a year from 2025-06-01), as lines. */
static char *
generate_lines (const char *dir)
{
  g_autofree char *out = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth = g_build_filename (dir, "truth.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) generate = NULL;
  char *lines = NULL;

  generate = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("ASSAY_CENTRAL"),
                               "generate", "--accounts", "500", "--months", "12", "--seed", "1",
                               "--start", "2025-06-01", "--out", out, "--truth", truth, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (generate, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &lines, NULL, NULL));
  return lines;
}

/* That pilot, served on loopback. */
static AssayTestCentral *
start_central (const char *dir)
{
  g_autofree char *lines = generate_lines (dir);
  AssayTestCentral *central = assay_test_central_new ("ui.test/what-if");

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


/* ---- the Weights tab ------------------------------------------------------------------ */

/* Roster version 1, logged today: the standard one with dana's key file
 * (made with assayctl) on the committee too. */
static void
log_roster (AssayTestCentral *central,
            const char       *dir,
            const char       *key_path,
            const char       *today)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autofree char *pw = g_build_filename (dir, "pw", NULL);
  g_autofree char *signed_roster = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  g_assert_true (g_file_set_contents (pw, PASSPHRASE "\n", -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", pw, key_path, NULL), ==, 0);
  g_assert_true (assay_key_file_read_public_key (key_path, pk, &error));
  g_assert_no_error (error);
  assay_roster_add_to_role (roster, ASSAY_ROLE_COMMITTEE, assay_roster_add_key (roster, "dana", pk, 0, 0));
  roster->expires = g_get_real_time () / G_USEC_PER_SEC + ASSAY_TEST_YEAR;
  signed_roster = assay_test_roster_sign (roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (central, "roster", signed_roster, today);
}

/* A weights decision signed by ana, bo and chen (the committee's three)
 * posted to the service, which logs it at once. */
static void
post_weights (AssayTestCentral *central,
              guint32           effective)
{
  AssayReplica *replica = assay_session_get_replica (assay_application_get_session (app));
  AssayWeights weights = { { 2500, 2000, 1500, 1500, 1000, 1500 }, effective };
  AssayKeyFile *keys[] = { signers.keys[ASSAY_TEST_ANA], signers.keys[ASSAY_TEST_BO], signers.keys[ASSAY_TEST_CHEN] };
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL, reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (central->url, "decisions", NULL);
  g_autofree char *json = NULL;

  d = assay_decision_draft_for_weights (replica, &weights, "The first quarter after the equal weights.",
                                        signers.keyids[ASSAY_TEST_ANA], g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  payload = assay_decision_to_payload (d, &error);
  g_assert_no_error (error);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload, keys, G_N_ELEMENTS (keys));
  json = assay_dsse_envelope_to_json (envelope);
  msg = soup_message_new (SOUP_METHOD_POST, url);
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static gboolean
version_shown (gpointer data)
{
  return _assay_weights_view_get_n_history (data) == 2;
}

static gboolean
calibration_shown (gpointer data)
{
  return _assay_weights_view_get_calibration (data) != NULL;
}

static gboolean
proposal_waiting (gpointer data)
{
  return _assay_weights_view_get_n_waiting (data) == 1;
}

/* Pushed at once: the service holds it, pending, and the tab says so. */
static gboolean
proposal_at_service (gpointer data)
{
  AssayReplica *replica = assay_session_get_replica (assay_application_get_session (app));
  g_autoptr(GPtrArray) rows = assay_replica_outbox_list (replica, NULL);
  const AssayOutboxRow *row;

  if (rows == NULL || rows->len != 1 || _assay_weights_view_get_n_waiting (data) != 1)
    return FALSE;
  row = g_ptr_array_index (rows, 0);
  return row->state == ASSAY_OUTBOX_PENDING && row->answer != NULL &&
         strstr (_assay_weights_view_get_waiting_subtitle (data, 0), row->answer) != NULL;
}

static gboolean
is_synced (gpointer data)
{
  return assay_ui_test_is_synced (assay_application_get_session (app));
}

static void
sync_window (AssayWindow *window)
{
  gboolean synced = FALSE;
  gulong id = g_signal_connect (_assay_window_get_ledger (window), "sync-finished", G_CALLBACK (sync_finished_cb),
                                &synced);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  assay_ui_test_wait_until (sync_done, &synced, WAIT_TIMEOUT_SECONDS, "the sync finishes");
  g_signal_handler_disconnect (_assay_window_get_ledger (window), id);
  assay_ui_test_wait_until (is_synced, NULL, WAIT_TIMEOUT_SECONDS, "the flags are computed");
  /* Syncing shows the ledger: back to the weights. */
  g_assert_true (assay_window_show_page (window, "weights"));
}

/* The first quarter start on or after `day`, by walking the calendar. */
static guint32
next_quarter_start (guint32 day)
{
  guint y, m, dom;

  for (;; day++)
    {
      assay_day_to_ymd (day, &y, &m, &dom);
      if (dom == 1 && (m == 1 || m == 4 || m == 7 || m == 10))
        return day;
    }
}

/* With ASSAY_TEST_SHOTS=DIR, the X screen as DIR/NAME (ImageMagick's
 * import), once the main loop has drawn what changed. */
static void
shoot (const char *name)
{
  const char *dir = g_getenv ("ASSAY_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  for (guint i = 0; i < 20; i++)
    {
      assay_ui_test_drain_main_loop ();
      g_usleep (25000);
    }
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "/usr/bin/import", (char *) "-window", (char *) "root",
                                                  path, NULL },
                               NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
}

/* The texts are checked in English; LANGUAGE=zh_CN runs the same steps
 * for Chinese screenshots and checks only what does not depend on words. */
static gboolean
in_english (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language == NULL || *language == '\0' || g_str_has_prefix (language, "en");
}

static void
check_history (AssayWeightsView *view,
               guint32           effective)
{
  guint32 today = assay_day_today ();
  g_autofree char *last_notice = assay_day_format (today + 6);
  g_autofree char *effective_text = assay_day_format (effective);
  g_autofree char *countdown = NULL;

  g_assert_nonnull (strstr (_assay_weights_view_get_history_subtitle (view, 1), last_notice));
  g_assert_nonnull (strstr (_assay_weights_view_get_history_subtitle (view, 1), effective_text));
  if (!in_english ())
    return;
  /* Pilot start 2026-01-01 plus six months: the equal weights ended on
   * 2026-06-30 and are still in force until the logged version's quarter. */
  g_assert_nonnull (strstr (_assay_weights_view_get_in_force_text (view), "equal-weight period ended on 2026-06-30"));
  g_assert_cmpstr (_assay_weights_view_get_history_subtitle (view, 0), ==, "In force · from the beginning of the pilot");
  /* Logged today: seven days of notice, today included. */
  countdown = g_strdup_printf ("In public notice · Public notice until %s (7 days left); takes effect %s",
                               last_notice, effective_text);
  g_assert_cmpstr (_assay_weights_view_get_history_subtitle (view, 1), ==, countdown);
}

static gboolean
what_if_shown (gpointer data)
{
  g_autofree char *summary = _assay_weights_view_dup_what_if_summary (data);

  return summary[0] != '\0';
}

static double
first_county_number (GtkColumnView *table,
                     const char    *property)
{
  g_autoptr(AssayWhatIfCountyItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (table)), 0);

  return assay_what_if_county_item_get_number (item, property);
}

/* The table by county: a row per county, named, that sorts by a column
 * both ways. */
static void
check_county_table (AssayWeightsView *view)
{
  GtkColumnView *table = _assay_weights_what_if_view_get_county_view (_assay_weights_view_get_what_if_view (view));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (table));
  g_autoptr(GtkColumnViewColumn) accounts = g_list_model_get_item (gtk_column_view_get_columns (table), 1);
  guint n = g_list_model_get_n_items (rows);
  double most = 0, least = G_MAXDOUBLE;

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AssayWhatIfCountyItem) item = g_list_model_get_item (rows, i);
      double value = assay_what_if_county_item_get_number (item, "accounts");

      /* "Qingpu (310118)", or the bare code. */
      g_assert_nonnull (strstr (assay_what_if_county_item_get_name (item),
                                assay_what_if_county_item_get_county (item)));
      most = MAX (most, value);
      least = MIN (least, value);
    }
  g_assert_cmpfloat (most, >, least);
  gtk_column_view_sort_by_column (table, accounts, GTK_SORT_DESCENDING);
  g_assert_cmpfloat (first_county_number (table, "accounts"), ==, most);
  gtk_column_view_sort_by_column (table, accounts, GTK_SORT_ASCENDING);
  g_assert_cmpfloat (first_county_number (table, "accounts"), ==, least);
}

/* Scrolls the Weights tab so that `widget` is at the top, or to the end
 * (for the shots): the first scrolled window above it that scrolls
 * vertically. */
static void
scroll_to (GtkWidget *widget,
           gboolean   at_end)
{
  GtkWidget *scrolled = widget;
  GtkPolicyType vertical = GTK_POLICY_NEVER;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  while (vertical == GTK_POLICY_NEVER &&
         (scrolled = gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled), GTK_TYPE_SCROLLED_WINDOW)) != NULL)
    gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scrolled), NULL, &vertical);
  g_assert_nonnull (scrolled);
  /* Laid out first: the what-if view was hidden until its result came. */
  for (guint i = 0; i < 20; i++)
    {
      assay_ui_test_drain_main_loop ();
      g_usleep (25000);
    }
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (at_end)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      return;
    }
  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y);
}

/* The what-if of the editor's weights, computed in a worker thread, shows
 * its numbers under the editor. */
static void
check_what_if (AssayWeightsView *view)
{
  g_autofree char *summary = NULL, *fairness = NULL;

  _assay_weights_view_compute_what_if (view);
  assay_ui_test_wait_until (what_if_shown, view, WAIT_TIMEOUT_SECONDS, "the what-if is computed");
  summary = _assay_weights_view_dup_what_if_summary (view);
  if (in_english ())
    {
      g_assert_nonnull (strstr (summary, "Rank agreement, Kendall's τ-b: 0."));
      g_assert_nonnull (strstr (summary, "Total value: "));
      g_assert_nonnull (strstr (summary, "Top 100 accounts: "));
    }
  check_county_table (view);
  scroll_to (gtk_widget_get_parent (GTK_WIDGET (_assay_weights_what_if_view_get_county_view (
                                                _assay_weights_view_get_what_if_view (view)))), FALSE);
  shoot ("weights-what-if-counties.png");
  scroll_to (GTK_WIDGET (_assay_weights_view_get_what_if_view (view)), TRUE);
  shoot ("weights-what-if-end.png");
  /* The ledger of this test has no cohort: the panel says so. */
  fairness = _assay_weights_what_if_view_dup_fairness_text (_assay_weights_view_get_what_if_view (view));
  g_assert_cmpstr (fairness, !=, "");
  if (in_english ())
    g_assert_nonnull (strstr (fairness, "No cohort: No cohort is loaded, so the Article W verdicts"));
  shoot ("weights-what-if.png");
}

typedef struct
{
  AssayWeightsView *view;
  const char       *before;   /* the rows without a cohort */
} FairnessWait;

static gboolean
fairness_tested (gpointer data)
{
  FairnessWait *wait = data;
  g_autofree char *text = _assay_weights_what_if_view_dup_fairness_text (
    _assay_weights_view_get_what_if_view (wait->view));

  return text[0] != '\0' && strcmp (text, wait->before) != 0;
}

/* A cohort of every account (alternately f and m, one SES cell), then
 * the what-if again: the panel lists the verdicts that change, or says
 * that none does, instead of "No cohort". */
static void
check_what_if_with_cohort (AssayWeightsView *view,
                           const char       *dir,
                           const char       *replica_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) csv = g_string_new ("account,gender,age_band,county,ses\n");
  g_autofree char *cohort = g_build_filename (dir, "cohort.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_autofree char *before = _assay_weights_what_if_view_dup_fairness_text (_assay_weights_view_get_what_if_view (view));
  FairnessWait wait = { view, before };
  g_auto(GStrv) lines = NULL;
  JsonArray *accounts;

  if (assay_test_assayctl (&out, &err, "--replica", replica_path, "scores", "--json", NULL) != 0)
    g_error ("assayctl scores: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    g_string_append_printf (csv, "%s,%s,all,310118,1\n",
                            json_object_get_string_member (json_array_get_object_element (accounts, i), "account"),
                            i % 2 == 0 ? "f" : "m");
  g_assert_true (g_file_set_contents (cohort, csv->str, -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica_path, "cohort", "import", cohort, NULL),
                   ==, 0);
  _assay_weights_view_compute_what_if (view);
  assay_ui_test_wait_until (fairness_tested, &wait, WAIT_TIMEOUT_SECONDS, "the verdicts are computed");
  text = _assay_weights_what_if_view_dup_fairness_text (_assay_weights_view_get_what_if_view (view));
  g_test_message ("%s", text);
  lines = g_strsplit (g_strchomp (text), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (in_english ())
      g_assert_true (g_str_equal (lines[i], "None: No group's verdict would change.") ||
                     strstr (lines[i], " → ") != NULL);
  scroll_to (GTK_WIDGET (_assay_weights_view_get_what_if_view (view)), TRUE);
  shoot ("weights-what-if-cohort.png");
}

static void
check_editor (AssayWeightsView *view)
{
  /* Out of range: the refusal beside the weight, the sum, Propose off. */
  _assay_weights_view_set_weight (view, ASSAY_DIMENSION_PROFESSIONAL, 35);
  g_assert_nonnull (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_PROFESSIONAL));
  g_assert_null (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_KNOWLEDGE));
  g_assert_nonnull (strstr (_assay_weights_view_get_sum_text (view), "110.00"));
  g_assert_false (_assay_weights_view_can_propose (view));
  if (in_english ())
    {
      g_assert_cmpstr (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_PROFESSIONAL), ==,
                       "The weight of professional, 35 %, is outside its range of 20–30 % in the plan.");
      g_assert_cmpstr (_assay_weights_view_get_sum_text (view), ==, "Sum 110.00 % — must be exactly 100 %");
    }
  _assay_weights_view_scroll_to_editor (view);
  shoot ("weights-refused.png");
  /* The sum right, two weights out of range: both refused. */
  _assay_weights_view_set_weight (view, ASSAY_DIMENSION_KNOWLEDGE, 10);
  g_assert_nonnull (strstr (_assay_weights_view_get_sum_text (view), "100.00"));
  g_assert_nonnull (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_PROFESSIONAL));
  g_assert_nonnull (strstr (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_KNOWLEDGE), "15–25"));
  g_assert_false (_assay_weights_view_can_propose (view));
  /* Inside the plan, with two decimals, but no rationale yet. */
  _assay_weights_view_set_weight (view, ASSAY_DIMENSION_PROFESSIONAL, 27.25);
  _assay_weights_view_set_weight (view, ASSAY_DIMENSION_KNOWLEDGE, 17.75);
  g_assert_null (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_PROFESSIONAL));
  g_assert_null (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_KNOWLEDGE));
  g_assert_false (_assay_weights_view_can_propose (view));
  g_assert_nonnull (_assay_weights_view_get_refusal (view));
  _assay_weights_view_set_rationale (view, "Professional work first.");
  /* A reload (a sync) keeps what is typed and the quarter chosen. */
  _assay_weights_view_set_quarter (view, 1);
  _assay_weights_view_reload (view);
  g_assert_cmpuint (_assay_weights_view_get_quarter (view), ==,
                    g_array_index (_assay_weights_view_get_quarters (view), guint32, 1));
  g_assert_null (_assay_weights_view_get_weight_error (view, ASSAY_DIMENSION_PROFESSIONAL));
  _assay_weights_view_set_quarter (view, 0);
  g_assert_null (_assay_weights_view_get_refusal (view));
  g_assert_true (_assay_weights_view_can_propose (view));
  check_what_if (view);
}

static void
check_calibration (AssayWeightsView *view)
{
  const AssayWeightsCalibration *c;
  double share = 0;

  assay_ui_test_wait_until (calibration_shown, view, WAIT_TIMEOUT_SECONDS, "the calibration is read");
  c = _assay_weights_view_get_calibration (view);
  /* The pilot's last entries are in May 2026: the first quarter is the last complete one. */
  g_assert_cmpuint (c->quarter, ==, 20261);
  g_assert_cmpuint (c->n_accounts, >, 0);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    share += c->dimensions[d].share;
  g_assert_cmpfloat_with_epsilon (share, 1.0, 1e-9);
}

/* Propose signs with dana's key file and queues: the tab shows it waiting. */
static void
check_propose (AssayWeightsView *view)
{
  AssayWeightsProposeDialog *dialog = ASSAY_WEIGHTS_PROPOSE_DIALOG (_assay_weights_view_propose (view));
  GtkWidget *passphrase;

  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
  g_assert_nonnull (strstr (_assay_weights_propose_dialog_get_field (dialog, "weights"), "27.25"));
  g_assert_cmpstr (_assay_weights_propose_dialog_get_field (dialog, "rationale"), ==, "Professional work first.");
  g_assert_nonnull (strstr (_assay_weights_propose_dialog_get_field (dialog, "notice"), "7"));
  shoot ("weights-propose-dialog.png");
  passphrase = _assay_weights_propose_dialog_get_widget (dialog, "passphrase_entry");
  gtk_editable_set_text (GTK_EDITABLE (passphrase), PASSPHRASE);
  gtk_widget_activate (_assay_weights_propose_dialog_get_widget (dialog, "sign_button"));
  assay_ui_test_wait_until (proposal_waiting, view, 60, "the proposal is queued");
  g_assert_finalize_object (dialog);
  assay_ui_test_wait_until (proposal_at_service, view, WAIT_TIMEOUT_SECONDS, "the service counts its signatures");
  g_assert_true (!in_english () || strstr (_assay_weights_view_get_waiting_subtitle (view, 0), "signed by 1 of 3"));
}

/* The tab from top to bottom, a screen at a time. */
static void
save_shots (AssayWeightsView *view,
            const char       *prefix)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (_assay_weights_view_get_content (view), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  if (g_getenv ("ASSAY_TEST_SHOTS") == NULL)
    return;
  assay_ui_test_wait_until (assay_ui_test_is_drawn, view, WAIT_TIMEOUT_SECONDS, "the tab is drawn");
  _assay_weights_view_expand_history (view, _assay_weights_view_get_n_history (view) - 1);
  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.png", prefix, i);
      double value = i * gtk_adjustment_get_page_size (adjustment) * 0.9;

      gtk_adjustment_set_value (adjustment, value);
      shoot (name);
      if (value + gtk_adjustment_get_page_size (adjustment) >= gtk_adjustment_get_upper (adjustment))
        break;
    }
  gtk_adjustment_set_value (adjustment, 0);
}


typedef struct
{
  AssayWeightsView *view;
  guint32           pilot_start;
} BoardWatch;

static gboolean
board_has_pilot_start (gpointer data)
{
  BoardWatch *watch = data;
  const AssayWeightsBoard *board = _assay_weights_view_get_board (watch->view);

  return board != NULL && board->options.pilot_start == watch->pilot_start;
}

/* A rule set whose pilot began this month: today is inside its
 * equal-weight period, the logged version falls inside it and is void,
 * and only quarters from the period's end are offered. */
static void
check_equal_period (AssayWeightsView *view,
                    const char       *dir)
{
  AssaySession *session = assay_application_get_session (app);
  g_autofree char *default_path = assay_rule_default_set_path ();
  g_autofree char *path = g_build_filename (dir, "early.json", NULL);
  g_autofree char *pilot = NULL, *start_text = NULL, *end_text = NULL, *with = NULL;
  g_autoptr(GString) early = NULL;
  BoardWatch watch = { view, 0 };
  guint y, m, dom;
  guint32 end;

  assay_day_to_ymd (assay_day_today (), &y, &m, &dom);
  g_assert_true (assay_day_from_ymd (y, m, 1, &watch.pilot_start));
  g_assert_true (assay_day_from_ymd (m + 6 > 12 ? y + 1 : y, (m + 5) % 12 + 1, 1, &end));
  start_text = assay_day_format (watch.pilot_start);
  end_text = assay_day_format (end);
  g_assert_true (g_file_get_contents (default_path, &pilot, NULL, NULL));
  early = g_string_new (pilot);
  with = g_strdup_printf ("\"pilot_start\": \"%s\"", start_text);
  g_assert_cmpuint (g_string_replace (early, "\"pilot_start\": \"2026-01-01\"", with, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, early->str, -1, NULL));
  assay_session_set_rule_set_path (session, path);
  assay_ui_test_wait_until (board_has_pilot_start, &watch, WAIT_TIMEOUT_SECONDS, "the early rule set is read");

  g_assert_true (assay_weights_board_in_equal_period (_assay_weights_view_get_board (view)));
  g_assert_cmpint (assay_weights_board_get_version (_assay_weights_view_get_board (view), 1)->status, ==,
                   ASSAY_WEIGHTS_VOID);
  g_assert_cmpuint (g_array_index (_assay_weights_view_get_quarters (view), guint32, 0), ==,
                    next_quarter_start (MAX (assay_day_today () + 7, end)));
  if (in_english ())
    {

      g_assert_cmpstr (_assay_weights_view_get_history_subtitle (view, 1), ==,
                       "Void: it would take effect inside the equal-weight period");
      g_assert_nonnull (strstr (_assay_weights_view_get_in_force_text (view), "explicit exception"));
      g_assert_nonnull (strstr (_assay_weights_view_get_in_force_text (view), end_text));
      g_assert_nonnull (strstr (_assay_weights_view_get_quarter_note (view), end_text));
    }
}

static void
test_weights_tab (void)
{
  GSettings *settings = assay_application_get_settings (app);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica_path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *key_path = g_build_filename (dir, "dana.key", NULL);
  g_autofree char *today = assay_day_format (assay_day_today ());
  g_autoptr(AssayTestCentral) central = NULL;
  g_autofree char *lines = NULL;
  guint32 effective = next_quarter_start (assay_day_today () + 7);
  const char *width = g_getenv ("ASSAY_TEST_WIDTH");
  AssayWeightsPage *page;
  AssayWeightsView *view;
  AssayWindow *window;

  lines = generate_lines (dir);
  central = assay_test_central_new ("ui.test/weights");
  assay_test_central_import (central, lines);
  log_roster (central, dir, key_path, today);
  assay_test_central_start (central);
  g_settings_set_string (settings, "server-url", central->url);
  g_settings_set_string (settings, "log-key", central->key);
  g_settings_set_string (settings, "replica-path", replica_path);
  g_settings_set_string (settings, "signing-key", key_path);
  window = open_weights (&page);
  gtk_window_set_default_size (GTK_WINDOW (window), width != NULL ? atoi (width) : 1400, 900);
  _assay_weights_page_show_tab (page, "weights");
  view = _assay_weights_page_get_weights_view (page);
  sync_window (window);

  /* The proposal's quarters: the first after the notice, none earlier. */
  g_assert_cmpuint (_assay_weights_view_get_quarters (view)->len, >, 0);
  g_assert_cmpuint (g_array_index (_assay_weights_view_get_quarters (view), guint32, 0), ==, effective);
  post_weights (central, effective);
  sync_window (window);
  assay_ui_test_wait_until (version_shown, view, WAIT_TIMEOUT_SECONDS, "the logged version is shown");
  check_history (view, effective);
  check_calibration (view);
  check_editor (view);
  check_what_if_with_cohort (view, dir, replica_path);
  save_shots (view, "weights-tab");
  check_propose (view);
  save_shots (view, "weights-queued");
  check_equal_period (view, dir);
  save_shots (view, "weights-equal");
  assay_session_set_rule_set_path (assay_application_get_session (app), NULL);
  /* The other tab: the rule set in force, as before. */
  _assay_weights_page_show_tab (page, "rules");
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "rules");
  shoot ("weights-rule-set-tab.png");

  close_window (window);
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  g_settings_reset (settings, "signing-key");
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int ret;

  assay_ui_test_init (&argc, &argv);
  assay_test_signers_init (&signers);
  app = assay_ui_test_new_application ();
  g_test_add_func ("/assay/ui/weights/page", test_page);
  g_test_add_func ("/assay/ui/weights/what-if", test_what_if);
  g_test_add_func ("/assay/ui/weights/weights-tab", test_weights_tab);
  ret = g_test_run ();
  g_clear_object (&app);
  assay_test_signers_clear (&signers);
  return ret;
}
