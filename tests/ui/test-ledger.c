/* test-ledger.c — UI tests of the Ledger page, the account view and the Overview page
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

#include "assay-account-view-private.h"
#include "assay-application.h"
#include "assay-entry-details.h"
#include "assay-entry-table.h"
#include "assay-error.h"
#include "assay-ledger-page-private.h"
#include "assay-overview-page-private.h"
#include "assay-test-central.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

/* Generous: only reached if the display or the sync never answers. */
#define WAIT_TIMEOUT_SECONDS 30
#define N_ENTRIES 600

static AssayApplication *app;

/* ---- the sync, watched through the ledger model ------------------------ */

typedef struct
{
  gboolean  finished;
  GError   *error;
  guint     n_progress;
  guint64   last_verified;
  guint64   last_total;
} SyncWatch;

static void
sync_progress_cb (AssayLedgerModel *ledger,
                  guint64           verified,
                  guint64           total,
                  double            rate,
                  SyncWatch        *watch)
{
  watch->n_progress++;
  watch->last_verified = verified;
  watch->last_total = total;
}

static void
sync_finished_cb (AssayLedgerModel *ledger,
                  guint64           new_entries,
                  const GError     *error,
                  SyncWatch        *watch)
{
  watch->finished = TRUE;
  g_clear_error (&watch->error);
  watch->error = error != NULL ? g_error_copy (error) : NULL;
}

static gboolean
sync_finished (gpointer data)
{
  return ((SyncWatch *) data)->finished;
}

/* Starts a sync the way Ctrl+R does and waits for its end. */
static void
sync_window (AssayWindow *window,
             SyncWatch   *watch)
{
  AssayLedgerModel *ledger = _assay_window_get_ledger (window);
  gulong progress_id, finished_id;

  memset (watch, 0, sizeof *watch);
  progress_id = g_signal_connect (ledger, "sync-progress", G_CALLBACK (sync_progress_cb), watch);
  finished_id = g_signal_connect (ledger, "sync-finished", G_CALLBACK (sync_finished_cb), watch);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  g_assert_true (assay_ledger_model_get_syncing (ledger));
  assay_ui_test_wait_until (sync_finished, watch, WAIT_TIMEOUT_SECONDS, "the sync finishes");
  g_signal_handler_disconnect (ledger, progress_id);
  g_signal_handler_disconnect (ledger, finished_id);
  assay_ui_test_drain_main_loop ();
}

/* ---- fixture ------------------------------------------------------------ */

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica_path;
  AssayWindow      *window;
  AssayLedgerPage  *ledger_page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);
  g_autofree char *lines = assay_test_lines (0, N_ENTRIES, NULL, NULL);

  /* GLib resets the fatal handler before each test. */
  f->central = assay_test_central_new ("ui.test/ledger");
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);

  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  g_settings_set_string (settings, "server-url", f->central->url);
  g_settings_set_string (settings, "log-key", f->central->key);
  g_settings_set_string (settings, "replica-path", f->replica_path);

  f->window = assay_window_new (ADW_APPLICATION (app), assay_application_get_session (app));
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, f->window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  f->ledger_page = ASSAY_LEDGER_PAGE (_assay_window_get_page (f->window, "ledger"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);

  gtk_window_destroy (GTK_WINDOW (f->window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (f->window);

  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
}

/* ---- helpers -------------------------------------------------------------- */

static AssayReplica *
session_replica (void)
{
  return assay_session_get_replica (assay_application_get_session (app));
}

static AssayEntryList *
ledger_list (Fixture *f)
{
  return assay_entry_table_get_list (_assay_ledger_page_get_entry_table (f->ledger_page));
}

static guint64
first_index (AssayEntryList *list)
{
  g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (list), 0);

  g_assert_nonnull (row);
  return assay_entry_row_get_index (row);
}

typedef struct
{
  AssayEntryList *list;
  const char     *account;   /* NULL: no filter */
} AccountWait;

static gboolean
list_has_account (gpointer data)
{
  AccountWait *wait = data;

  return g_strcmp0 (assay_entry_list_get_account (wait->list), wait->account) == 0;
}

/* Types into the search entry and waits for its (delayed) search. */
static void
search (Fixture    *f,
        const char *text,
        const char *expected_account)
{
  AccountWait wait = { ledger_list (f), expected_account };

  gtk_editable_set_text (_assay_ledger_page_get_search_entry (f->ledger_page), text);
  assay_ui_test_wait_until (list_has_account, &wait, WAIT_TIMEOUT_SECONDS, "the search filters the list");
  assay_ui_test_drain_main_loop ();
}

static guint64
account_entries (AssayReplica *replica,
                 const char   *account)
{
  g_autoptr(AssayAccountSummary) summary = assay_replica_get_account (replica, account, NULL);

  g_assert_nonnull (summary);
  return summary->n_events + summary->n_redemptions;
}

static double
chart_total (AssayChart *chart)
{
  double total = 0;

  for (guint s = 0; s < assay_chart_get_n_series (chart); s++)
    for (guint c = 0; c < assay_chart_get_n_categories (chart); c++)
      total += assay_chart_get_value (chart, s, c);
  return total;
}

static gboolean
overview_loaded (gpointer data)
{
  return !_assay_overview_page_get_loading (data);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Whether a label under @widget shows exactly @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The pages that show the replica summary (the Fairness, Outbox and
 * Arbitration pages have their own tests). */
static const char * const workflow_pages[] = {
  "weights",
};

/* Each workflow page shows the replica summary; it contains @part. */
static void
assert_workflow_pages_say (Fixture    *f,
                           const char *part)
{
  for (guint i = 0; i < G_N_ELEMENTS (workflow_pages); i++)
    {
      AssayPage *page = _assay_window_get_page (f->window, workflow_pages[i]);
      const char *summary = assay_page_get_replica_summary (page);

      g_assert_nonnull (summary);
      if (strstr (summary, part) == NULL)
        g_error ("%s says “%s”, not “%s”", workflow_pages[i], summary, part);
      g_assert_true (shows_label (GTK_WIDGET (page), summary));
    }
}

/* ---- tests ------------------------------------------------------------------ */

/* The tooltip of a column's header (GTK 4.8 has no API for it: the entry
 * table sets it on the header's title widget, an ancestor of its label). */
static const char *
find_header_tooltip (GtkWidget  *widget,
                     const char *title)
{
  if (GTK_IS_LIST_VIEW (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), title) == 0)
    {
      for (GtkWidget *w = widget; w != NULL && !GTK_IS_COLUMN_VIEW (w); w = gtk_widget_get_parent (w))
        if (gtk_widget_get_tooltip_text (w) != NULL)
          return gtk_widget_get_tooltip_text (w);
      return NULL;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = find_header_tooltip (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
header_tooltip (GtkColumnView       *view,
                GtkColumnViewColumn *column)
{
  return find_header_tooltip (GTK_WIDGET (view), gtk_column_view_column_get_title (column));
}

/* What a key press does without a real keyboard: GTK 4.8 cannot synthesize
 * one, so walk from the focus widget up to the window, as the bubble phase
 * does, and activate the first shortcut bound to the key.  FALSE when no
 * widget on that path handles it (the focus is elsewhere). */
static gboolean
shortcut_matches (GtkShortcutTrigger *trigger,
                  guint               keyval,
                  GdkModifierType     mods)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods;
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return shortcut_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods) ||
           shortcut_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, mods);
  return FALSE;
}

static gboolean
press_key (GtkWindow       *window,
           guint            keyval,
           GdkModifierType  mods)
{
  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (window)); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
              gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) != GTK_PHASE_BUBBLE)
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (shortcut_matches (gtk_shortcut_get_trigger (shortcut), keyval, mods) &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}

typedef struct
{
  AssayLedgerPage *page;
  char            *size_text;      /* the headline at the last progress */
  char            *verified_text;  /* with entries to verify */
} HeadlineWatch;

static void
headline_progress_cb (AssayLedgerModel *ledger,
                      guint64           verified,
                      guint64           total,
                      double            rate,
                      HeadlineWatch    *watch)
{
  if (total == 0)
    return;
  g_free (watch->size_text);
  g_free (watch->verified_text);
  watch->size_text = g_strdup (gtk_label_get_text (_assay_ledger_page_get_size_label (watch->page)));
  watch->verified_text = g_strdup (gtk_label_get_text (_assay_ledger_page_get_verified_label (watch->page)));
}

/* During the first sync the headline says it is running and how far it
 * got, not "0 verified entries"; a sync that finds nothing new says the
 * checkpoint was re-verified and is unchanged. */
static void
test_headline (Fixture       *f,
               gconstpointer  user_data)
{
  AssayLedgerModel *ledger = _assay_window_get_ledger (f->window);
  GtkLabel *verified = _assay_ledger_page_get_verified_label (f->ledger_page);
  HeadlineWatch headline = { f->ledger_page, NULL, NULL };
  gulong id = g_signal_connect (ledger, "sync-progress", G_CALLBACK (headline_progress_cb), &headline);
  SyncWatch watch;

  sync_window (f->window, &watch);
  g_signal_handler_disconnect (ledger, id);
  g_assert_no_error (watch.error);
  g_assert_cmpstr (headline.size_text, ==, "First sync under way");
  g_assert_nonnull (headline.verified_text);
  if (strstr (headline.verified_text, "Entries verified so far: ") == NULL ||
      strstr (headline.verified_text, " of 600.") == NULL)
    g_error ("during the first sync the headline said “%s”", headline.verified_text);
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_ledger_page_get_size_label (f->ledger_page)),
                            "600 verified entries"));
  g_assert_nonnull (strstr (gtk_label_get_text (verified), "Checkpoint verified just now"));

  /* Times are in seconds: the second sync must come a second later. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  if (strstr (gtk_label_get_text (verified), "re-verified the server’s checkpoint: unchanged") == NULL)
    g_error ("after a sync with nothing new the headline said “%s”", gtk_label_get_text (verified));
  g_free (headline.size_text);
  g_free (headline.verified_text);
}

/* The pages whose features are still to come say what the replica holds,
 * as it changes: none, a first sync running, then its verified size. */
static void
test_workflow_pages (Fixture       *f,
                     gconstpointer  user_data)
{
  AssayLedgerModel *ledger = _assay_window_get_ledger (f->window);
  SyncWatch watch;

  assert_workflow_pages_say (f, "no ledger replica yet");
  g_assert_true (assay_window_show_page (f->window, "review-queue"));
  assay_ui_test_drain_main_loop ();

  memset (&watch, 0, sizeof watch);
  g_signal_connect (ledger, "sync-finished", G_CALLBACK (sync_finished_cb), &watch);
  g_assert_true (assay_ledger_model_sync (ledger, NULL));
  assert_workflow_pages_say (f, "first sync is running");
  assay_ui_test_wait_until (sync_finished, &watch, WAIT_TIMEOUT_SECONDS, "the sync finishes");
  g_signal_handlers_disconnect_by_func (ledger, sync_finished_cb, &watch);
  g_assert_no_error (watch.error);
  assay_ui_test_drain_main_loop ();
  assert_workflow_pages_say (f, "Verified entries in the replica: 600.");
}

/* The first sync shows its progress, then the ledger, its table, the
 * sorts the list supports and the search by account. */
static void
test_sync_and_table (Fixture       *f,
                     gconstpointer  user_data)
{
  GtkColumnView *view = assay_entry_table_get_column_view (_assay_ledger_page_get_entry_table (f->ledger_page));
  g_autoptr(GtkColumnViewColumn) index_column = NULL;
  g_autoptr(GtkColumnViewColumn) date_column = NULL;
  g_autoptr(GtkColumnViewColumn) points_column = NULL;
  g_autoptr(GtkColumnViewColumn) account_column = NULL;
  g_autoptr(GtkColumnViewColumn) county_column = NULL;
  AssayEntryList *list;
  SyncWatch watch;

  g_assert_null (session_replica ());
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  g_assert_cmpuint (watch.n_progress, >=, 1);
  g_assert_cmpuint (watch.last_verified, ==, N_ENTRIES);
  g_assert_cmpuint (watch.last_total, ==, N_ENTRIES);
  g_assert_true (_assay_window_get_visible_page (f->window) == ASSAY_PAGE (f->ledger_page));
  g_assert_nonnull (strstr (gtk_progress_bar_get_text (_assay_ledger_page_get_progress_bar (f->ledger_page)),
                            "600 of 600 entries verified"));

  /* The status and the table show the whole replica. */
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_ledger_page_get_size_label (f->ledger_page)),
                            "600 verified entries"));
  list = ledger_list (f);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ENTRIES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, N_ENTRIES);

  /* Header clicks map to the sorts the list can do. */
  index_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  date_column = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  points_column = g_list_model_get_item (gtk_column_view_get_columns (view), 4);
  account_column = g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  county_column = g_list_model_get_item (gtk_column_view_get_columns (view), 5);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_INDEX_ASC);
  gtk_column_view_sort_by_column (view, index_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_INDEX_DESC);
  g_assert_cmpuint (first_index (list), ==, N_ENTRIES - 1);
  /* Every column the replica has an index for sorts both ways. */
  gtk_column_view_sort_by_column (view, date_column, GTK_SORT_ASCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_EVENT_DAY);
  gtk_column_view_sort_by_column (view, date_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC);
  g_assert_nonnull (gtk_column_view_column_get_sorter (points_column));
  gtk_column_view_sort_by_column (view, points_column, GTK_SORT_ASCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_POINTS_ASC);
  gtk_column_view_sort_by_column (view, points_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_POINTS_DESC);
  gtk_column_view_sort_by_column (view, account_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ENTRIES);
  /* No index orders the whole ledger by county: no sorter, and the header
   * says why. */
  g_assert_null (gtk_column_view_column_get_sorter (county_column));
  g_assert_nonnull (header_tooltip (view, county_column));
  g_assert_nonnull (strstr (header_tooltip (view, county_column), "cannot be sorted by county"));
  g_assert_null (header_tooltip (view, points_column));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ENTRIES);
  gtk_column_view_sort_by_column (view, index_column, GTK_SORT_ASCENDING);
  g_assert_cmpuint (first_index (list), ==, 0);

  /* Search by account: exact, unique prefix, ambiguous, unknown. */
  search (f, "acct-0003", "acct-0003");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    account_entries (session_replica (), "acct-0003"));
  g_assert_nonnull (gtk_column_view_column_get_sorter (points_column));
  gtk_column_view_sort_by_column (view, points_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_POINTS_DESC);
  /* One account's entries are few: county sorts too, both ways. */
  g_assert_nonnull (gtk_column_view_column_get_sorter (county_column));
  g_assert_null (header_tooltip (view, county_column));
  gtk_column_view_sort_by_column (view, county_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (assay_entry_list_get_sort (list), ==, ASSAY_ENTRY_LIST_SORT_COUNTY_DESC);
  gtk_column_view_sort_by_column (view, index_column, GTK_SORT_ASCENDING);
  search (f, "ACCT-0007", "acct-0007");
  search (f, "acct-000", "acct-000");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  search (f, "nobody", "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  search (f, "", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ENTRIES);

  /* Nothing new: a second sync says so. */
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_ENTRIES);
}



/* Activating a row opens its account: charts with data, its entries with
 * that entry selected, and a proof anyone can check with the log key. */
static void
test_account_view (Fixture       *f,
                   gconstpointer  user_data)
{
  GtkColumnView *view = assay_entry_table_get_column_view (_assay_ledger_page_get_entry_table (f->ledger_page));
  AssayAccountView *account_view = _assay_ledger_page_get_account_view (f->ledger_page);
  g_autoptr(AssayEntryRow) row = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayEntry) entry = NULL;
  g_autofree char *proof_path = g_build_filename (f->dir, "entry.tlog-proof", NULL);
  g_autofree char *text = NULL;
  g_autofree char *account = NULL;
  AssayEntryTable *table;
  AssayChart *shares;
  guint64 index = 0, size = 0;
  gsize len = 0;
  SyncWatch watch;

  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);

  row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), 25);
  account = g_strdup (assay_entry_row_get_account (row));
  g_assert_nonnull (account);
  g_signal_emit_by_name (view, "activate", 25);
  assay_ui_test_drain_main_loop ();
  g_assert_true (_assay_ledger_page_get_account_shown (f->ledger_page));
  g_assert_cmpstr (assay_account_view_get_account (account_view), ==, account);
  /* It filed nothing: no Requests and Disputes section. */
  g_assert_false (gtk_widget_get_visible (_assay_account_view_get_filings_box (account_view)));

  table = _assay_account_view_get_entry_table (account_view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (assay_entry_table_get_list (table))), ==,
                    account_entries (session_replica (), account));
  g_assert_nonnull (assay_entry_table_get_selected_row (table));
  g_assert_cmpuint (assay_entry_row_get_index (assay_entry_table_get_selected_row (table)), ==, 25);

  g_assert_cmpuint (assay_chart_get_n_series (_assay_account_view_get_weekly_chart (account_view)), ==,
                    ASSAY_N_DIMENSIONS);
  g_assert_cmpuint (assay_chart_get_n_categories (_assay_account_view_get_weekly_chart (account_view)), >, 0);
  shares = _assay_account_view_get_shares_chart (account_view);
  g_assert_cmpuint (assay_chart_get_n_categories (shares), ==, ASSAY_N_DIMENSIONS);
  g_assert_cmpfloat_with_epsilon (chart_total (shares), 1.0, 1e-9);

  /* What the file chooser's Export does. */
  file = g_file_new_for_path (proof_path);
  g_assert_true (_assay_account_view_export_proof_to (account_view, file));
  g_assert_true (g_file_get_contents (proof_path, &text, &len, NULL));
  entry = assay_proof_file_check (text, len, f->central->key, &index, &size, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpuint (index, ==, 25);
  g_assert_cmpuint (size, ==, N_ENTRIES);
  g_assert_cmpstr (entry->account, ==, account);

  /* The table can have the room: the divider under the charts moves, and
   * the choice is kept in the settings. */
  {
    GSettings *settings = assay_application_get_settings (app);
    GtkPaned *paned = _assay_account_view_get_paned (account_view);

    g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (table), gtk_paned_get_end_child (paned)));
    g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (_assay_account_view_get_weekly_chart (account_view)),
                                           gtk_paned_get_start_child (paned)));
    gtk_paned_set_position (paned, 40);
    g_assert_cmpint (g_settings_get_int (settings, "account-charts-height"), ==, 40);
    g_settings_set_int (settings, "account-charts-height", 0);
    g_assert_cmpint (gtk_paned_get_position (paned), ==, 0);
    g_settings_reset (settings, "account-charts-height");
  }

  /* Escape, as the Shortcuts window says, returns to the ledger: the key
   * goes where the focus is and bubbles up from there. */
  g_assert_true (press_key (GTK_WINDOW (f->window), GDK_KEY_Escape, 0));
  assay_ui_test_drain_main_loop ();
  g_assert_false (_assay_ledger_page_get_account_shown (f->ledger_page));

  /* So does the Back button's signal. */
  g_assert_true (assay_ledger_page_show_account (f->ledger_page, account, G_MAXUINT64));
  assay_ui_test_drain_main_loop ();
  g_assert_true (_assay_ledger_page_get_account_shown (f->ledger_page));
  g_signal_emit_by_name (account_view, "back");
  assay_ui_test_drain_main_loop ();
  g_assert_false (_assay_ledger_page_get_account_shown (f->ledger_page));
  g_assert_false (assay_ledger_page_show_account (f->ledger_page, "no-such-account", G_MAXUINT64));
  g_assert_false (_assay_ledger_page_get_account_shown (f->ledger_page));
}

/* The Overview reads its figures in the background and draws them. */
static void
test_overview (Fixture       *f,
               gconstpointer  user_data)
{
  AssayOverviewPage *overview = ASSAY_OVERVIEW_PAGE (_assay_window_get_page (f->window, "overview"));
  g_autofree char *tooltip = NULL;
  AssayChart *chart;
  SyncWatch watch;

  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  g_assert_true (assay_window_show_page (f->window, "overview"));
  assay_ui_test_wait_until (overview_loaded, overview, WAIT_TIMEOUT_SECONDS, "the overview figures are read");

  g_assert_cmpstr (gtk_label_get_text (_assay_overview_page_get_size_label (overview)), ==, "600");

  chart = _assay_overview_page_get_chart (overview, ASSAY_OVERVIEW_CHART_WEEKLY);
  g_assert_cmpuint (assay_chart_get_n_series (chart), ==, ASSAY_N_DIMENSIONS);
  g_assert_cmpuint (assay_chart_get_n_categories (chart), >, 1);
  g_assert_cmpfloat (chart_total (chart), ==,
                     chart_total (_assay_overview_page_get_chart (overview, ASSAY_OVERVIEW_CHART_POINTS)));
  chart = _assay_overview_page_get_chart (overview, ASSAY_OVERVIEW_CHART_POINTS);
  g_assert_cmpuint (assay_chart_get_n_categories (chart), ==, ASSAY_N_DIMENSIONS);
  g_assert_cmpfloat (chart_total (chart), >, 0);
  chart = _assay_overview_page_get_chart (overview, ASSAY_OVERVIEW_CHART_ACCOUNTS_BY_DIMENSION);
  g_assert_cmpuint (assay_chart_get_n_categories (chart), ==, ASSAY_N_DIMENSIONS);
  g_assert_cmpfloat (chart_total (chart), >, 0);
  /* Every event and redemption request is in some county. */
  chart = _assay_overview_page_get_chart (overview, ASSAY_OVERVIEW_CHART_COUNTY_ENTRIES);
  g_assert_cmpuint (assay_chart_get_n_series (chart), ==, 2);
  g_assert_cmpfloat (chart_total (chart), ==, N_ENTRIES);
  chart = _assay_overview_page_get_chart (overview, ASSAY_OVERVIEW_CHART_COUNTY_ACCOUNTS);
  g_assert_cmpuint (assay_chart_get_n_categories (chart), >, 0);
  tooltip = assay_chart_dup_tooltip_text (chart, 0);
  g_assert_nonnull (tooltip);
  g_assert_null (assay_chart_dup_tooltip_text (chart, assay_chart_get_n_categories (chart)));
}

static double
replica_weekly_total (AssayReplica *replica,
                      const char   *account)
{
  g_autoptr(GArray) weeks = assay_replica_account_weekly_points (replica, account, NULL);
  double total = 0;

  g_assert_nonnull (weeks);
  for (guint i = 0; i < weeks->len; i++)
    for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
      total += g_array_index (weeks, AssayWeekPoints, i).points[d];
  return total;
}

/* The replica the sync writes is the session's: the pages show that very
 * object, and a new replica-path reopens it everywhere. */
static void
test_session_owns_replica (Fixture       *f,
                           gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);
  AssayLedgerModel *ledger = _assay_window_get_ledger (f->window);
  AssayOverviewPage *overview = ASSAY_OVERVIEW_PAGE (_assay_window_get_page (f->window, "overview"));
  GtkLabel *overview_size = _assay_overview_page_get_size_label (overview);
  AssayAccountView *account_view = _assay_ledger_page_get_account_view (f->ledger_page);
  g_autofree char *other_path = g_build_filename (f->dir, "other", "replica.db", NULL);
  g_autofree char *more = assay_test_lines (N_ENTRIES, 50, NULL, NULL);
  AssayReplica *first;
  SyncWatch watch;

  /* No file yet: nothing open, nothing wrong. */
  g_assert_null (session_replica ());
  g_assert_null (ledger_list (f));
  g_assert_true (assay_ledger_model_get_can_sync (ledger));

  /* The first sync creates the session's replica and reloads that object:
   * its cached size is the synced one. */
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  first = session_replica ();
  g_assert_nonnull (first);
  g_assert_cmpstr (assay_replica_get_path (first), ==, f->replica_path);
  g_assert_cmpuint (assay_replica_get_size (first), ==, N_ENTRIES);
  g_assert_true (assay_entry_list_get_replica (ledger_list (f)) == first);
  g_assert_true (assay_ledger_page_show_account (f->ledger_page, "acct-0001", G_MAXUINT64));
  g_assert_true (assay_entry_list_get_replica (assay_entry_table_get_list (
                   _assay_account_view_get_entry_table (account_view))) == first);
  g_assert_true (assay_window_show_page (f->window, "overview"));
  assay_ui_test_wait_until (overview_loaded, overview, WAIT_TIMEOUT_SECONDS, "the overview figures are read");
  g_assert_cmpstr (gtk_label_get_text (overview_size), ==, "600");

  /* Another path, where no replica is yet: every page lets go of the old
   * one, and a sync fills the new file. */
  g_settings_set_string (settings, "replica-path", other_path);
  assay_ui_test_drain_main_loop ();
  g_assert_null (session_replica ());
  g_assert_null (ledger_list (f));
  g_assert_false (_assay_ledger_page_get_account_shown (f->ledger_page));
  g_assert_null (assay_account_view_get_account (account_view));
  assay_test_central_import (f->central, more);
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  g_assert_cmpstr (assay_replica_get_path (session_replica ()), ==, other_path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ledger_list (f))), ==, N_ENTRIES + 50);
  g_assert_true (assay_window_show_page (f->window, "overview"));
  assay_ui_test_wait_until (overview_loaded, overview, WAIT_TIMEOUT_SECONDS, "the overview figures are read");
  g_assert_cmpstr (gtk_label_get_text (overview_size), ==, "650");

  /* Back to the first file: reopened, everywhere. */
  g_settings_set_string (settings, "replica-path", f->replica_path);
  assay_ui_test_drain_main_loop ();
  g_assert_nonnull (session_replica ());
  g_assert_cmpstr (assay_replica_get_path (session_replica ()), ==, f->replica_path);
  g_assert_cmpuint (assay_replica_get_size (session_replica ()), ==, N_ENTRIES);
  g_assert_true (assay_entry_list_get_replica (ledger_list (f)) == session_replica ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ledger_list (f))), ==, N_ENTRIES);
  assay_ui_test_wait_until (overview_loaded, overview, WAIT_TIMEOUT_SECONDS, "the overview figures are read");
  g_assert_cmpstr (gtk_label_get_text (overview_size), ==, "600");
}

/* An account view left open while a sync brings new entries of its
 * account: the charts, the count and the list follow, and the selected
 * entry stays selected. */
static void
test_account_view_follows_sync (Fixture       *f,
                                gconstpointer  user_data)
{
  AssayAccountView *account_view = _assay_ledger_page_get_account_view (f->ledger_page);
  AssayEntryTable *table = _assay_account_view_get_entry_table (account_view);
  AssayChart *weekly = _assay_account_view_get_weekly_chart (account_view);
  GtkLabel *entries_label = _assay_account_view_get_entries_label (account_view);
  g_autoptr(AssayEntryRow) row = NULL;
  g_autofree char *account = NULL;
  g_autofree char *more = NULL;
  g_autofree char *label_before = NULL;
  g_autofree char *expected_label = NULL;
  guint64 index, n_before, n_after;
  double weekly_before;
  SyncWatch watch;

  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), 37);
  account = g_strdup (assay_entry_row_get_account (row));
  index = assay_entry_row_get_index (row);
  g_assert_true (assay_ledger_page_show_account (f->ledger_page, account, index));
  g_assert_cmpuint (assay_entry_row_get_index (assay_entry_table_get_selected_row (table)), ==, index);

  n_before = account_entries (session_replica (), account);
  weekly_before = chart_total (weekly);
  g_assert_cmpfloat (weekly_before, ==, replica_weekly_total (session_replica (), account));
  label_before = g_strdup (gtk_label_get_text (entries_label));

  more = assay_test_lines (N_ENTRIES, 40, account, NULL);
  assay_test_central_import (f->central, more);
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  g_assert_true (_assay_ledger_page_get_account_shown (f->ledger_page));

  n_after = account_entries (session_replica (), account);
  g_assert_cmpuint (n_after, ==, n_before + 40);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (assay_entry_table_get_list (table))), ==, n_after);
  expected_label = g_strdup_printf ("%u Entries", (guint) n_after);
  g_assert_cmpstr (gtk_label_get_text (entries_label), ==, expected_label);
  g_assert_cmpstr (gtk_label_get_text (entries_label), !=, label_before);
  g_assert_cmpfloat (chart_total (weekly), ==, replica_weekly_total (session_replica (), account));
  g_assert_cmpfloat (chart_total (weekly), !=, weekly_before);
  g_assert_cmpfloat_with_epsilon (chart_total (_assay_account_view_get_shares_chart (account_view)), 1.0, 1e-9);
  g_assert_nonnull (assay_entry_table_get_selected_row (table));
  g_assert_cmpuint (assay_entry_row_get_index (assay_entry_table_get_selected_row (table)), ==, index);
}

/* The entry details window that is open, if any. */
static AssayEntryDetails *
find_details_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ASSAY_IS_ENTRY_DETAILS (w))
        return ASSAY_ENTRY_DETAILS (w);
    }
  return NULL;
}

static void
close_details_window (AssayEntryDetails *details)
{
  g_object_ref (details);
  gtk_window_destroy (GTK_WINDOW (details));
  g_assert_finalize_object (details);
}

/* The central's input line whose activity or request id is `id`. */
static JsonObject *
find_input_line (JsonParser *parser,
                 const char *id)
{
  g_autofree char *lines = assay_test_lines (0, N_ENTRIES, NULL, NULL);
  g_auto(GStrv) bodies = g_strsplit (lines, "\n", -1);
  g_autofree char *activity = g_strdup_printf ("\"activity\":\"%s\"", id);
  g_autofree char *request = g_strdup_printf ("\"request\":\"%s\"", id);

  for (guint i = 0; bodies[i] != NULL; i++)
    if (strstr (bodies[i], activity) != NULL || strstr (bodies[i], request) != NULL)
      {
        g_assert_true (json_parser_load_from_data (parser, bodies[i], -1, NULL));
        return json_node_get_object (json_parser_get_root (parser));
      }
  g_assert_not_reached ();
}

/* An entry's details (from either table) show its body as the central
 * service published it, and export its proof. */
static void
test_entry_details (Fixture       *f,
                    gconstpointer  user_data)
{
  AssayEntryTable *table = _assay_ledger_page_get_entry_table (f->ledger_page);
  AssayAccountView *account_view = _assay_ledger_page_get_account_view (f->ledger_page);
  g_autofree char *proof_path = g_build_filename (f->dir, "details.tlog-proof", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayEntry) proved = NULL;
  g_autofree char *text = NULL;
  AssayEntryDetails *details;
  JsonObject *body;
  SyncWatch watch;
  gsize len = 0;
  guint64 index = 0;
  guint redemption = G_MAXUINT;

  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);

  /* An event, from the Ledger page's table. */
  {
    g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), 25);

    g_assert_cmpint (assay_entry_row_get_kind (row), ==, ASSAY_ENTRY_EVENT);
    g_assert_null (find_details_window ());
    g_signal_emit_by_name (table, "details-requested", row);
    details = find_details_window ();
    g_assert_nonnull (details);
    g_assert_cmpuint (assay_entry_details_get_index (details), ==, 25);
  }
  body = find_input_line (parser, _assay_entry_details_get_field (details, "activity"));
  g_assert_cmpstr (_assay_entry_details_get_field (details, "rule_id"), ==,
                   json_object_get_string_member (json_object_get_object_member (body, "rule"), "id"));
  g_assert_nonnull (_assay_entry_details_get_field (details, "rule_inputs"));
  g_assert_cmpstr (_assay_entry_details_get_field (details, "evidence"), ==,
                   json_object_get_string_member (body, "evidence"));
  g_assert_cmpstr (_assay_entry_details_get_field (details, "distributor"), ==,
                   json_object_get_string_member (body, "distributor"));
  g_assert_cmpstr (_assay_entry_details_get_field (details, "publication_date"), ==,
                   json_object_get_string_member (body, "publication_date"));
  g_assert_cmpstr (_assay_entry_details_get_field (details, "account"), ==,
                   json_object_get_string_member (body, "account"));
  g_assert_nonnull (_assay_entry_details_get_field (details, "confirmer"));
  g_assert_null (_assay_entry_details_get_notice (details));

  /* Its proof, checked with the log's key alone. */
  g_assert_true (_assay_entry_details_can_export (details));
  file = g_file_new_for_path (proof_path);
  g_assert_true (_assay_entry_details_export_proof_to (details, file));
  g_assert_true (g_file_get_contents (proof_path, &text, &len, NULL));
  proved = assay_proof_file_check (text, len, f->central->key, &index, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 25);
  g_assert_cmpstr (proved->activity, ==, _assay_entry_details_get_field (details, "activity"));
  close_details_window (details);

  /* A redemption, from the account view's table: a row's activation. */
  for (guint i = 0; i < N_ENTRIES && redemption == G_MAXUINT; i++)
    {
      g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), i);

      if (assay_entry_row_get_kind (row) == ASSAY_ENTRY_REDEMPTION)
        {
          redemption = i;
          g_assert_true (assay_ledger_page_show_account (f->ledger_page, assay_entry_row_get_account (row),
                                                         assay_entry_row_get_index (row)));
        }
    }
  g_assert_cmpuint (redemption, !=, G_MAXUINT);
  {
    AssayEntryTable *account_table = _assay_account_view_get_entry_table (account_view);
    AssayEntryRow *row = assay_entry_table_get_selected_row (account_table);

    g_assert_nonnull (row);
    g_assert_cmpuint (assay_entry_row_get_index (row), ==, redemption);
    g_signal_emit_by_name (account_table, "entry-activated", row);
  }
  details = find_details_window ();
  g_assert_nonnull (details);
  body = find_input_line (parser, _assay_entry_details_get_field (details, "request"));
  g_assert_cmpstr (json_object_get_string_member (body, "kind"), ==, "redemption");
  g_assert_cmpstr (_assay_entry_details_get_field (details, "item"), ==,
                   json_object_get_string_member (body, "item"));
  g_assert_nonnull (_assay_entry_details_get_field (details, "tier"));
  g_assert_null (_assay_entry_details_get_field (details, "rule_id"));
  close_details_window (details);
}

/* A roster's and a decision's details show the envelope read from the
 * log: payload type, key ids and the decoded payload, pretty-printed. */
static void
test_signed_details (Fixture       *f,
                     gconstpointer  user_data)
{
  AssayEntryTable *table = _assay_ledger_page_get_entry_table (f->ledger_page);
  const char *kinds[] = { "roster", "decision" };
  const char *labels[] = { "Roster", "Decision" };
  SyncWatch watch;

  assay_test_central_append_envelope (f->central, "roster", "{\"v\":1,\"version\":1}");
  assay_test_central_append_envelope (f->central, "decision",
                                      "{\"outcome\":\"upheld\",\"rationale\":\"The receipts match.\",\"v\":1}");
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), N_ENTRIES + i);
      g_autofree char *type = g_strdup_printf ("application/vnd.assay.%s.v1+json", kinds[i]);
      g_autofree char *shot = g_strdup_printf ("%s-details.png", kinds[i]);
      AssayEntryDetails *details;
      const char *payload;

      g_assert_cmpstr (assay_entry_row_get_kind_label (row), ==, labels[i]);
      g_assert_null (assay_entry_row_get_account (row));
      g_signal_emit_by_name (table, "details-requested", row);
      details = find_details_window ();
      g_assert_nonnull (details);
      g_assert_cmpuint (assay_entry_details_get_index (details), ==, N_ENTRIES + i);
      g_assert_cmpstr (_assay_entry_details_get_field (details, "payload_type"), ==, type);
      g_assert_cmpstr (_assay_entry_details_get_field (details, "keyid-1"), ==,
                       "0000000000000000000000000000000000000000000000000000000000000000");
      g_assert_cmpstr (_assay_entry_details_get_field (details, "keyid-2"), ==,
                       "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
      g_assert_null (_assay_entry_details_get_field (details, "keyid-3"));
      g_assert_cmpstr (_assay_entry_details_get_field (details, "logged_date"), !=, NULL);
      payload = _assay_entry_details_get_field (details, "payload");
      g_assert_nonnull (strstr (payload, "\n"));
      g_assert_nonnull (strstr (payload, i == 0 ? "\"version\" : 1" : "\"rationale\" : \"The receipts match.\""));
      g_assert_null (_assay_entry_details_get_field (details, "account"));
      g_assert_true (_assay_entry_details_can_export (details));
      assay_ui_test_wait_until (assay_ui_test_is_drawn, details, WAIT_TIMEOUT_SECONDS, "the details are drawn");
      assay_ui_test_save_png (GTK_WIDGET (details), shot);
      close_details_window (details);
    }
}

/* A filing's details show who filed it, when, and what it asks, under
 * the filing's own field names; nothing of an event's. */
static void
test_filing_details (Fixture       *f,
                     gconstpointer  user_data)
{
  AssayEntryTable *table = _assay_ledger_page_get_entry_table (f->ledger_page);
  SyncWatch watch;

  assay_test_central_import (f->central,
    "{\"kind\":\"appeal\",\"account\":\"acct-0003\",\"account_kind\":\"individual\",\"county\":\"310118\","
    "\"filed\":\"2029-12-20\",\"filing\":\"F:1\",\"against\":3,\"reason\":\"wrong deduction\\nplease review\"}\n"
    "{\"kind\":\"dispute\",\"account\":\"acct-0004\",\"account_kind\":\"individual\",\"county\":\"310118\","
    "\"filed\":\"2029-12-21\",\"filing\":\"F:2\",\"entries\":[4,14],\"claimant\":\"31\","
    "\"claimant_statement\":\"recognise them\",\"respondent\":\"44\",\"respondent_statement\":\"not ours\"}\n");
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);

  {
    g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), N_ENTRIES);
    AssayEntryDetails *details;

    g_assert_cmpstr (assay_entry_row_get_kind_label (row), ==, "Appeal");
    g_signal_emit_by_name (table, "details-requested", row);
    details = find_details_window ();
    g_assert_nonnull (details);
    g_assert_cmpuint (assay_entry_details_get_index (details), ==, N_ENTRIES);
    g_assert_cmpstr (_assay_entry_details_get_field (details, "account"), ==, "acct-0003");
    g_assert_cmpstr (_assay_entry_details_get_field (details, "filing"), ==, "F:1");
    g_assert_nonnull (_assay_entry_details_get_field (details, "filed"));
    g_assert_cmpstr (_assay_entry_details_get_field (details, "against"), ==, "3");
    g_assert_cmpstr (_assay_entry_details_get_field (details, "reason"), ==, "wrong deduction\nplease review");
    g_assert_null (_assay_entry_details_get_field (details, "points"));
    g_assert_null (_assay_entry_details_get_field (details, "dimension"));
    g_assert_null (_assay_entry_details_get_field (details, "publication_date"));
    g_assert_true (_assay_entry_details_can_export (details));
    close_details_window (details);
  }
  {
    g_autoptr(AssayEntryRow) row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), N_ENTRIES + 1);
    AssayEntryDetails *details;

    g_assert_cmpstr (assay_entry_row_get_kind_label (row), ==, "Recognition dispute");
    g_signal_emit_by_name (table, "details-requested", row);
    details = find_details_window ();
    g_assert_nonnull (details);
    g_assert_cmpstr (_assay_entry_details_get_field (details, "entries"), ==, "4, 14");
    g_assert_cmpstr (_assay_entry_details_get_field (details, "claimant"), ==, "Shanghai (31)");
    g_assert_cmpstr (_assay_entry_details_get_field (details, "respondent_statement"), ==, "not ours");
    assay_ui_test_wait_until (assay_ui_test_is_drawn, details, WAIT_TIMEOUT_SECONDS, "the details are drawn");
    assay_ui_test_save_png (GTK_WIDGET (details), "dispute-details.png");
    close_details_window (details);
  }
}

/* A sync that erases every record of the account on screen leaves the
 * account view, and nothing of the erased records stays shown. */
static void
test_account_view_erased (Fixture       *f,
                          gconstpointer  user_data)
{
  AssayAccountView *account_view = _assay_ledger_page_get_account_view (f->ledger_page);
  g_autoptr(AssayEntryRow) row = NULL;
  g_autoptr(AssayAccountSummary) gone = NULL;
  g_autofree char *account = NULL;
  guint64 erased_index;
  SyncWatch watch;

  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  row = g_list_model_get_item (G_LIST_MODEL (ledger_list (f)), 37);
  account = g_strdup (assay_entry_row_get_account (row));
  erased_index = assay_entry_row_get_index (row);
  g_assert_true (assay_ledger_page_show_account (f->ledger_page, account, assay_entry_row_get_index (row)));
  g_assert_cmpfloat (chart_total (_assay_account_view_get_weekly_chart (account_view)), >, 0);

  assay_test_central_erase (f->central, account, "2000-01-01", "2099-12-31");
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  gone = assay_replica_get_account (session_replica (), account, NULL);
  g_assert_null (gone);

  g_assert_false (_assay_ledger_page_get_account_shown (f->ledger_page));
  g_assert_null (assay_account_view_get_account (account_view));
  g_assert_cmpfloat (chart_total (_assay_account_view_get_weekly_chart (account_view)), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (_assay_account_view_get_entries_label (account_view)), ==, "");

  /* An erased entry's details say so, and show none of its fields. */
  {
    g_autoptr(GError) error = NULL;
    AssayEntryDetails *details = assay_entry_details_new (GTK_WINDOW (f->window), session_replica (),
                                                          erased_index, &error);

    g_assert_no_error (error);
    g_assert_nonnull (_assay_entry_details_get_notice (details));
    g_assert_nonnull (strstr (_assay_entry_details_get_notice (details), "erased"));
    g_assert_null (_assay_entry_details_get_field (details, "account"));
    g_assert_null (_assay_entry_details_get_field (details, "points"));
    g_assert_nonnull (_assay_entry_details_get_field (details, "commitment"));
    g_assert_false (_assay_entry_details_can_export (details));
    close_details_window (details);
  }
}

/* A checkpoint whose signature does not verify raises the alert banner;
 * sync stays refused until the operator clears it. */
static void
corrupt_checkpoint (const char *path,
                    guint      *status,
                    GByteArray *body,
                    gpointer    user_data)
{
  char *blank;

  if (!g_str_equal (path, "checkpoint") || *status != 200)
    return;
  /* The last character of the root line, just before the blank line. */
  blank = g_strstr_len ((char *) body->data, body->len, "\n\n");
  g_assert_nonnull (blank);
  blank[-1] = blank[-1] == 'A' ? 'B' : 'A';
}

static void
test_alert (Fixture       *f,
            gconstpointer  user_data)
{
  AssayLedgerModel *ledger = _assay_window_get_ledger (f->window);
  GSettings *settings = assay_application_get_settings (app);
  g_autoptr(AssayTestProxy) proxy = assay_test_proxy_new (f->central->url);
  AdwMessageDialog *dialog;
  SyncWatch watch;

  g_settings_set_string (settings, "server-url", assay_test_proxy_get_url (proxy));
  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
  g_assert_false (_assay_ledger_page_get_alert_shown (f->ledger_page));

  assay_test_proxy_set_filter (proxy, corrupt_checkpoint, NULL);
  sync_window (f->window, &watch);
  g_assert_error (watch.error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_assert_true (_assay_ledger_page_get_alert_shown (f->ledger_page));
  g_assert_false (assay_ledger_model_get_can_sync (ledger));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ledger_list (f))), ==, N_ENTRIES);
  g_clear_error (&watch.error);

  /* Clearing asks first. */
  assay_test_proxy_set_filter (proxy, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->ledger_page), "ledger.clear-alert", NULL));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "clear");
  assay_ui_test_drain_main_loop ();
  g_assert_false (_assay_ledger_page_get_alert_shown (f->ledger_page));
  g_assert_true (assay_ledger_model_get_can_sync (ledger));

  sync_window (f->window, &watch);
  g_assert_no_error (watch.error);
}

int
main (int argc, char **argv)
{
  int status;

  assay_ui_test_init (&argc, &argv);

  app = assay_ui_test_new_application ();

  g_test_add ("/assay/ui/ledger/sync-and-table", Fixture, NULL, fixture_set_up, test_sync_and_table, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/account-view", Fixture, NULL, fixture_set_up, test_account_view, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/overview", Fixture, NULL, fixture_set_up, test_overview, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/session-owns-replica", Fixture, NULL, fixture_set_up, test_session_owns_replica, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/account-view-follows-sync", Fixture, NULL, fixture_set_up, test_account_view_follows_sync, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/entry-details", Fixture, NULL, fixture_set_up, test_entry_details, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/roster-decision-details", Fixture, NULL, fixture_set_up, test_signed_details,
              fixture_tear_down);
  g_test_add ("/assay/ui/ledger/filing-details", Fixture, NULL, fixture_set_up, test_filing_details,
              fixture_tear_down);
  g_test_add ("/assay/ui/ledger/account-view-erased", Fixture, NULL, fixture_set_up, test_account_view_erased, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/headline", Fixture, NULL, fixture_set_up, test_headline, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/workflow-pages", Fixture, NULL, fixture_set_up, test_workflow_pages, fixture_tear_down);
  g_test_add ("/assay/ui/ledger/alert", Fixture, NULL, fixture_set_up, test_alert, fixture_tear_down);

  status = g_test_run ();

  /* Registration leaves references inside GIO and GTK: not asserted. */
  g_clear_object (&app);
  return status;
}
