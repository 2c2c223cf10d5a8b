/* test-fairness.c — the Fairness page: cohort import, the audit, the table, the chart, the CSV
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
#include "assay-chart.h"
#include "assay-fairness-page-private.h"
#include "assay-fairness-row.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

#define WAIT_TIMEOUT_SECONDS 60

static AssayApplication *app;

static gboolean
job_done (gpointer data)
{
  return !assay_fairness_job_get_running (data);
}

static GtkWidget *
widget (AssayFairnessPage *page,
        const char        *id)
{
  GtkWidget *w = _assay_fairness_page_get_widget (page, id);

  g_assert_nonnull (w);
  return w;
}

static const char *
empty_title (AssayFairnessPage *page)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (widget (page, "empty_page")));
}

static const char *
visible_part (AssayFairnessPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (widget (page, "main_stack")));
}

static char *
group_order (AssayFairnessPage *page)
{
  GListModel *rows = _assay_fairness_page_get_rows (page);
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AssayFairnessRow) row = g_list_model_get_item (rows, i);

      g_string_append_printf (order, "%s%s", i > 0 ? " " : "", assay_fairness_row_get_group (row)->value);
    }
  return g_string_free (order, FALSE);
}

/* Ten accounts of the ledger (2025 event points 4k + 64) and one
 * stranger; the same cohort as the assayctl test, so the figures agree
 * with what that test checks against the hand computation. */
static char *
write_cohort (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("account,gender,age_band,county,ses,district\n");
  char *path = g_build_filename (dir, "cohort.csv", NULL);

  for (guint k = 0; k < 10; k++)
    g_string_append_printf (csv, "acct-%04u,%s,30-44,310118,1,%s\n", k, k < 5 ? "female" : "male",
                            k % 2 ? "north" : "south");
  g_string_append (csv, "stranger,female,30-44,310118,1,north\n");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  return path;
}

static void
test_audit (void)
{
  AssaySession *session = assay_application_get_session (app);
  GSettings *settings = assay_application_get_settings (app);
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("ui.test/fairness");
  g_autofree char *lines = assay_test_lines (0, 40, NULL, NULL);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica_path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *cohort = write_cohort (dir);
  g_autofree char *order = NULL;
  g_autofree char *csv = NULL;
  AssayFairnessPage *page;
  AssayFairnessJob *job;
  AssayWindow *window;
  GtkColumnView *view;
  GtkColumnViewColumn *observed;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_settings_set_string (settings, "server-url", central->url);
  g_settings_set_string (settings, "log-key", central->key);
  g_settings_set_string (settings, "replica-path", replica_path);

  window = assay_window_new (ADW_APPLICATION (app), session);
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  g_assert_true (assay_window_show_page (window, "fairness"));
  page = ASSAY_FAIRNESS_PAGE (_assay_window_get_page (window, "fairness"));
  job = _assay_fairness_page_get_job (page);

  /* No replica yet: the page says so, and nothing can run. */
  g_assert_cmpstr (empty_title (page), ==, "No Replica");
  g_assert_false (gtk_widget_get_sensitive (widget (page, "run_button")));
  g_assert_false (gtk_widget_get_sensitive (widget (page, "import_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  assay_ui_test_wait_until (assay_ui_test_is_synced, assay_application_get_session (app), WAIT_TIMEOUT_SECONDS, "the replica is synced");
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (empty_title (page), ==, "No Cohort");
  g_assert_true (gtk_widget_get_sensitive (widget (page, "import_button")));
  g_assert_false (gtk_widget_get_sensitive (widget (page, "run_button")));

  /* A refused file: the reason, and still no cohort. */
  {
    g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);

    g_assert_true (g_file_set_contents (bad, "account,gender,age_band,county,ses\na,f,1,310118,x\n", -1, NULL));
    assay_fairness_job_import (job, replica_path, bad);
    assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the import ends");
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (page, "status_label"))), "Line 2 of the cohort file"));
    g_assert_cmpstr (empty_title (page), ==, "No Cohort");
  }

  assay_fairness_job_import (job, replica_path, cohort);
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the import ends");
  assay_ui_test_drain_main_loop ();
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (page, "cohort_label"))), "11 accounts, 1 of them"));
  g_assert_cmpstr (empty_title (page), ==, "Ready to Run");
  g_assert_true (gtk_widget_get_sensitive (widget (page, "run_button")));
  g_assert_false (gtk_widget_get_sensitive (widget (page, "export_button")));
  /* All attributes, the four of every cohort, then the extra column. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (widget (page, "by_dropdown")))), ==, 6);

  /* Year 2025, by gender, minimum 2: the hand-checked figures. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (page, "year_spin")), 2025);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (page, "min_n_spin")), 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "by_dropdown")), 1);
  g_signal_emit_by_name (widget (page, "run_button"), "clicked");
  g_assert_true (assay_fairness_job_get_running (job));
  g_assert_false (gtk_widget_get_sensitive (widget (page, "run_button")));
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the audit ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (assay_fairness_job_get_error (job));
  g_assert_cmpstr (visible_part (page), ==, "results");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (page, "status_label"))),
                            "Year 2025: 2 groups, 4 tests, 0 flagged. 1 cohort accounts"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (page, "method_label"))), "SES cell"));
  g_assert_true (gtk_widget_get_sensitive (widget (page, "export_button")));
  g_assert_cmpuint (assay_chart_get_n_categories (ASSAY_CHART (widget (page, "chart"))), ==, 2);

  /* Sorting by the observed median, both ways. */
  view = GTK_COLUMN_VIEW (widget (page, "column_view"));
  observed = g_list_model_get_item (gtk_column_view_get_columns (view), ASSAY_FAIRNESS_COLUMN_OBSERVED);
  gtk_column_view_sort_by_column (view, observed, GTK_SORT_ASCENDING);
  order = group_order (page);
  g_assert_cmpstr (order, ==, "female male");
  g_clear_pointer (&order, g_free);
  gtk_column_view_sort_by_column (view, observed, GTK_SORT_DESCENDING);
  order = group_order (page);
  g_assert_cmpstr (order, ==, "male female");
  g_clear_pointer (&order, g_free);
  g_object_unref (observed);

  /* The table as CSV, at full precision: female 72 observed, 88 predicted,
   * p below 1/32, Holm-adjusted 4/32. */
  csv = assay_fairness_result_to_csv (assay_fairness_job_get_result (job), "gender");
  g_assert_true (g_str_has_prefix (csv, "gender,n,n_tested,observed_median,predicted_median,"));
  g_assert_nonnull (strstr (csv, "\r\nfemale,5,5,72,88,"));
  g_assert_nonnull (strstr (csv, ",0.03125,"));
  g_assert_nonnull (strstr (csv, ",0.125,"));
  g_assert_true (g_str_has_suffix (csv, ",none\r\n"));

  /* The same by the contribution value on 2025-12-31: the method says
   * so, and the women's median is no longer their points'. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "outcome_dropdown")), ASSAY_FAIRNESS_OUTCOME_VALUE);
  g_signal_emit_by_name (widget (page, "run_button"), "clicked");
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the audit of values ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (assay_fairness_job_get_error (job));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget (page, "method_label"))), "31 December"));
  g_clear_pointer (&csv, g_free);
  csv = assay_fairness_result_to_csv (assay_fairness_job_get_result (job), "gender");
  g_assert_nonnull (strstr (csv, "\r\nfemale,5,5,"));
  g_assert_null (strstr (csv, "\r\nfemale,5,5,72,"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "outcome_dropdown")), ASSAY_FAIRNESS_OUTCOME_POINTS);

  /* Again, by the extra column: a new table and chart replace the old. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "by_dropdown")), 5);
  g_signal_emit_by_name (widget (page, "run_button"), "clicked");
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the second audit ends");
  assay_ui_test_drain_main_loop ();
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  order = group_order (page);
  g_assert_cmpstr (order, ==, "north south");
  g_assert_cmpstr (assay_fairness_job_get_by (job), ==, "district");
  g_assert_cmpuint (assay_chart_get_n_categories (ASSAY_CHART (widget (page, "chart"))), ==, 2);

  /* Every attribute to depth 2: the combinations too, named by their
   * values, and the CSV names each group's attributes. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "by_dropdown")), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget (page, "depth_spin")), 2);
  g_signal_emit_by_name (widget (page, "run_button"), "clicked");
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the third audit ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (assay_fairness_job_get_error (job));
  g_assert_null (assay_fairness_job_get_by (job));
  g_clear_pointer (&order, g_free);
  order = group_order (page);
  g_assert_nonnull (strstr (order, "female"));
  g_assert_nonnull (strstr (order, "north"));
  {
    GListModel *rows = _assay_fairness_page_get_rows (page);
    gboolean combined = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(AssayFairnessRow) row = g_list_model_get_item (rows, i);
        g_autofree char *label = assay_fairness_row_format (row, ASSAY_FAIRNESS_COLUMN_GROUP);

        combined |= strstr (label, " / ") != NULL;
      }
    g_assert_true (combined);
  }
  g_clear_pointer (&csv, g_free);
  csv = assay_fairness_result_to_csv (assay_fairness_job_get_result (job), NULL);
  g_assert_true (g_str_has_prefix (csv, "group,n,"));
  g_assert_nonnull (strstr (csv, "gender=female; district=north,"));

  gtk_window_destroy (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  assay_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  assay_ui_test_init (&argc, &argv);
  app = assay_ui_test_new_application ();
  g_test_add_func ("/assay/ui/fairness/audit", test_audit);
  status = g_test_run ();
  g_object_unref (app);
  return status;
}
