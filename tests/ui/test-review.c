/* test-review.c — the Review Queue page on a replica with cases, under Xvfb
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
#include "assay-case-view-private.h"
#include "assay-review-queue-page-private.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

#define WAIT_TIMEOUT_SECONDS 60

static AssayApplication *app;

typedef struct
{
  AssayTestCentral     *central;
  char                 *dir;
  char                 *replica_path;
  AssayWindow          *window;
  AssayReviewQueuePage *page;
} Fixture;

static AssaySession *
session (void)
{
  return assay_application_get_session (app);
}

static gboolean
flags_ready (gpointer data)
{
  return assay_session_get_flag_run (session ()) != NULL && !assay_session_get_refreshing_flags (session ());
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);
  g_autofree char *lines = assay_test_cases_lines (GPOINTER_TO_INT (user_data));

  f->central = assay_test_central_new ("ui.test/review");
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);

  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  g_settings_set_string (settings, "server-url", f->central->url);
  g_settings_set_string (settings, "log-key", f->central->key);
  g_settings_set_string (settings, "replica-path", f->replica_path);

  f->window = assay_window_new (ADW_APPLICATION (app), session ());
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, f->window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  f->page = ASSAY_REVIEW_QUEUE_PAGE (_assay_window_get_page (f->window, "review-queue"));
  g_assert_true (assay_window_show_page (f->window, "review-queue"));
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
  g_settings_reset (settings, "review-queue-filters");
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
}

/* ---- helpers -------------------------------------------------------------- */

static void
sync_and_wait (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  assay_ui_test_wait_until (flags_ready, NULL, WAIT_TIMEOUT_SECONDS, "the flags are computed");
  assay_ui_test_drain_main_loop ();
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (_assay_review_queue_page_get_rows (f->page));
}

static const AssayCase *
row_case (Fixture *f,
          guint    position)
{
  g_autoptr(AssayCaseRow) row = g_list_model_get_item (_assay_review_queue_page_get_rows (f->page), position);

  g_assert_nonnull (row);
  /* The store holds the row: the case outlives this reference. */
  return assay_case_row_get_case (row);
}

/* The subjects in the order shown, "acct-conc acct-consec acct-gone". */
static char *
subjects (Fixture *f)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_rows (f); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "", row_case (f, i)->subject_id);
  return g_string_free (text, FALSE);
}

static gint64
case_of (Fixture    *f,
         const char *account)
{
  for (guint i = 0; i < n_rows (f); i++)
    if (g_strcmp0 (row_case (f, i)->subject_id, account) == 0)
      return row_case (f, i)->id;
  g_error ("no case of %s", account);
  return 0;
}

static void
sort_by (Fixture         *f,
         AssayCaseColumn  column,
         GtkSortType      order)
{
  gtk_column_view_sort_by_column (_assay_review_queue_page_get_column_view (f->page),
                                  _assay_review_queue_page_get_column (f->page, column), order);
  assay_ui_test_drain_main_loop ();
}

typedef struct
{
  Fixture *f;
  guint    n;
} RowsWait;

static gboolean
has_n_rows (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->f) == wait->n;
}

static gboolean
history_has (AssayCaseView *view,
             const char    *part)
{
  g_autoptr(GPtrArray) texts = _assay_case_view_dup_history_texts (view);

  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), part) != NULL)
      return TRUE;
  return FALSE;
}

/* The tooltip of a column's header (set on an ancestor of its label). */
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

/* ---- tests ------------------------------------------------------------------ */

/* Before the first sync the page says there is no replica; after it, the
 * queue lists the cases with their counts, filters and sorts them. */
static void
test_queue (Fixture       *f,
            gconstpointer  user_data)
{
  AdwStatusPage *empty = _assay_review_queue_page_get_empty_page (f->page);
  GtkEditable *search = _assay_review_queue_page_get_search_entry (f->page);
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  RowsWait wait = { f, 2 };

  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Ledger Replica Yet");

  sync_and_wait (f);
  g_assert_null (_assay_review_queue_page_get_empty_page (f->page));
  g_assert_cmpuint (n_rows (f), ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_review_queue_page_get_counts_label (f->page)),
                            "Article X: 3"));
  g_assert_cmpstr (find_header_tooltip (GTK_WIDGET (_assay_review_queue_page_get_column_view (f->page)),
                                        "Severity"), ==, "The severity of its most severe flag");
  /* Most severe first: the down-weight. */
  g_assert_cmpstr (row_case (f, 0)->subject_id, ==, "acct-consec");

  /* Filters: severity, county, state; each back to any. */
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_SEVERITY, "high"));
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_cmpstr (row_case (f, 0)->subject_id, ==, "acct-consec");
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_SEVERITY, NULL));
  g_assert_cmpuint (n_rows (f), ==, 3);
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_COUNTY, "310118"));
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_COUNTY, NULL));
  g_assert_false (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_STATE, "in_review"));
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_ARTICLE, "X"));
  g_assert_cmpuint (n_rows (f), ==, 3);

  /* The search by account (delayed by the search entry). */
  gtk_editable_set_text (search, "acct-co");
  assay_ui_test_wait_until (has_n_rows, &wait, WAIT_TIMEOUT_SECONDS, "the search finds two cases");
  gtk_editable_set_text (search, "");
  wait.n = 3;
  assay_ui_test_wait_until (has_n_rows, &wait, WAIT_TIMEOUT_SECONDS, "the search is cleared");

  /* Sorting both ways. */
  sort_by (f, ASSAY_CASE_COLUMN_SUBJECT, GTK_SORT_ASCENDING);
  up = subjects (f);
  g_assert_cmpstr (up, ==, "acct-conc acct-consec acct-gone");
  sort_by (f, ASSAY_CASE_COLUMN_SUBJECT, GTK_SORT_DESCENDING);
  down = subjects (f);
  g_assert_cmpstr (down, ==, "acct-gone acct-consec acct-conc");
  sort_by (f, ASSAY_CASE_COLUMN_FLAGS, GTK_SORT_DESCENDING);
  g_assert_cmpstr (row_case (f, 0)->subject_id, ==, "acct-consec");
  sort_by (f, ASSAY_CASE_COLUMN_ID, GTK_SORT_ASCENDING);
  g_assert_cmpint (row_case (f, 0)->id, <, row_case (f, 1)->id);
  sort_by (f, ASSAY_CASE_COLUMN_ID, GTK_SORT_DESCENDING);
  g_assert_cmpint (row_case (f, 0)->id, >, row_case (f, 1)->id);

  /* The choices are remembered: another window opens with them. */
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_SEVERITY, "high"));
  g_assert_cmpuint (n_rows (f), ==, 1);
  {
    GSettings *settings = assay_application_get_settings (app);
    g_autoptr(GVariant) saved = g_settings_get_value (settings, "review-queue-filters");
    AssayWindow *other = assay_window_new (ADW_APPLICATION (app), session ());
    AssayReviewQueuePage *page = ASSAY_REVIEW_QUEUE_PAGE (_assay_window_get_page (other, "review-queue"));
    const char *severity = NULL;

    g_assert_true (g_variant_lookup (saved, "severity", "&s", &severity));
    g_assert_cmpstr (severity, ==, "high");
    g_assert_true (g_variant_lookup (saved, "article", "&s", &severity));
    g_assert_cmpuint (g_list_model_get_n_items (_assay_review_queue_page_get_rows (page)), ==, 1);
    gtk_window_destroy (GTK_WINDOW (other));
    assay_ui_test_drain_main_loop ();
    g_settings_reset (settings, "review-queue-filters");
  }
}

/* A case: its flag, entries and chart; Start Review and a note go
 * through the replica into the history and the queue; the selection
 * survives a refresh. */
static void
test_case (Fixture       *f,
           gconstpointer  user_data)
{
  AssayCaseView *view = _assay_review_queue_page_get_case_view (f->page);
  GtkWindow *details;
  gint64 id;

  sync_and_wait (f);
  id = case_of (f, "acct-conc");
  _assay_review_queue_page_open_case (f->page, id);
  assay_ui_test_drain_main_loop ();
  g_assert_true (_assay_review_queue_page_get_case_shown (f->page));
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_case_view_get_title_label (view)), "acct-conc"));
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_case_view_get_subtitle_label (view)), "Open"));
  g_assert_cmpuint (_assay_case_view_get_n_flag_cards (view), ==, 1);
  g_assert_cmpuint (_assay_case_view_get_n_entry_rows (view), ==, 100);
  g_assert_cmpuint (_assay_case_view_get_n_bands (view), ==, 1);
  g_assert_cmpuint (assay_chart_get_n_categories (_assay_case_view_get_weekly_chart (view)), >, 0);
  /* The flag was raised by the set in force: its evaluation tree shows;
   * an account case has no ring chart. */
  g_assert_cmpuint (_assay_case_view_count_evaluation_trees (view), ==, 1);
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (_assay_case_view_get_ring_box (view))));

  /* An entry opens its details (with the proof export). */
  details = _assay_case_view_open_entry (view, 0);
  g_assert_nonnull (details);
  gtk_window_destroy (details);
  assay_ui_test_drain_main_loop ();

  /* Start Review: the state changes here, in the replica and in the queue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.start-review", NULL));
  assay_ui_test_drain_main_loop ();
  g_assert_cmpint (_assay_case_view_get_case (view)->state, ==, ASSAY_CASE_STATE_IN_REVIEW);
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_case_view_get_subtitle_label (view)), "In Review"));
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_STATE, "in_review"));
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_cmpint (row_case (f, 0)->id, ==, id);
  g_assert_true (_assay_review_queue_page_set_filter (f->page, ASSAY_CASE_COLUMN_STATE, NULL));

  /* A note and an assignment, in the history with their author. */
  g_assert_true (_assay_case_view_add_note (view, "Same team as case 2."));
  g_assert_true (history_has (view, "Same team as case 2."));
  g_assert_true (history_has (view, g_get_user_name ()));
  g_assert_true (_assay_case_view_assign (view, "wang"));
  g_assert_cmpstr (_assay_case_view_get_case (view)->assignee, ==, "wang");
  g_assert_false (_assay_case_view_add_note (view, ""));
  assay_ui_test_drain_main_loop ();
  {
    GList *toplevels = gtk_window_list_toplevels ();

    /* The refused empty note showed a message dialog: close it. */
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        gtk_window_destroy (l->data);
    g_list_free (toplevels);
    assay_ui_test_drain_main_loop ();
  }

  /* Back (Escape's signal), and the selection survives a refresh. */
  g_signal_emit_by_name (view, "back");
  assay_ui_test_drain_main_loop ();
  g_assert_false (_assay_review_queue_page_get_case_shown (f->page));
  assay_session_refresh_flags (session ());
  assay_ui_test_wait_until (flags_ready, NULL, WAIT_TIMEOUT_SECONDS, "the flags are computed again");
  assay_ui_test_drain_main_loop ();
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (_assay_review_queue_page_get_rows (f->page));
    AssayCaseRow *selected = gtk_single_selection_get_selected_item (selection);

    g_assert_nonnull (selected);
    g_assert_cmpint (assay_case_row_get_id (selected), ==, id);
    g_assert_cmpint (assay_case_row_get_case (selected)->state, ==, ASSAY_CASE_STATE_IN_REVIEW);
  }
}

/* A replica whose flags raised nothing says so, with the rule set and the
 * tree size. */
static void
test_no_flags (Fixture       *f,
               gconstpointer  user_data)
{
  AdwStatusPage *empty;

  sync_and_wait (f);
  empty = _assay_review_queue_page_get_empty_page (f->page);
  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Flags");
  g_assert_cmpstr (adw_status_page_get_description (empty), ==,
                   "The rule set pilot version 4 raised nothing at tree size 100.");
  g_assert_cmpuint (n_rows (f), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *pilot = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "data", "rules",
                                                "pilot.json", NULL);
  int status;

  /* The session's refreshes evaluate the source tree's pilot rule set. */
  g_setenv ("ASSAY_RULE_SET", pilot, TRUE);
  assay_ui_test_init (&argc, &argv);

  app = assay_ui_test_new_application ();

  g_test_add ("/assay/ui/review/queue", Fixture, NULL, fixture_set_up, test_queue, fixture_tear_down);
  g_test_add ("/assay/ui/review/case", Fixture, NULL, fixture_set_up, test_case, fixture_tear_down);
  g_test_add ("/assay/ui/review/no-flags", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_no_flags,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
