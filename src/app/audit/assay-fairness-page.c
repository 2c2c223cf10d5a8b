/* assay-fairness-page.c — the Fairness page: the Article W audit on the auditor's cohort
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
#include <math.h>
#include <string.h>

#include "assay-chart.h"
#include "assay-column-view-util.h"
#include "assay-county.h"
#include "assay-day.h"
#include "assay-dot-whisker-layer.h"
#include "assay-fairness-job.h"
#include "assay-fairness-page-private.h"
#include "assay-fairness-row.h"
#include "assay-replica-cohort.h"

#define CHART_ROW_HEIGHT 26
#define CHART_MIN_HEIGHT 160

/* The grouping attributes every cohort has; its extra columns follow. */
static const struct {
  const char *id;
  const char *label;
} base_attributes[] = {
  { "gender", N_("Gender") },
  { "age_band", N_("Age band") },
  { "county", N_("County") },
  { "province", N_("Province") },
};

static const char * const column_titles[ASSAY_N_FAIRNESS_COLUMNS] = {
  N_("Group"), N_("Accounts"), N_("Observed"), N_("Predicted"), N_("Ratio"),
  N_("Residual [CI]"), N_("p below"), N_("p above"), N_("Verdict"),
};

static const char * const column_tooltips[ASSAY_N_FAIRNESS_COLUMNS] = {
  N_("The value of the grouping attribute"),
  N_("Cohort accounts in the group, and of them those whose SES cell or regression gives a prediction"),
  N_("The median of the group’s outcomes (event points in the year)"),
  N_("The median of the group’s predictions, made from the accounts outside the group"),
  N_("Observed over predicted median; a verdict needs it outside [0.8, 1.25]"),
  N_("The median of outcome minus prediction, with its distribution-free confidence interval"),
  N_("The sign test’s p for outcomes below the prediction, adjusted for every group and direction tested"),
  N_("The sign test’s p for outcomes above the prediction, adjusted for every group and direction tested"),
  N_("Under or over its SES prediction, no significant gap, or too few accounts to test"),
};

static const int column_widths[ASSAY_N_FAIRNESS_COLUMNS] = {
  130, 170, 84, 84, 64, 150, 76, 76, 150,
};

struct _AssayFairnessPage
{
  AssayPage             parent_instance;

  AssayFairnessJob     *job;
  GListStore           *store;        /* AssayFairnessRow */
  GtkSortListModel     *sorted;
  GPtrArray            *by_ids;       /* the group-by dropdown's attribute ids */
  AssayDotWhiskerLayer *layer;
  gboolean              has_cohort;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *cohort_label;
  GtkButton            *import_button;
  GtkSpinButton        *year_spin;
  GtkDropDown          *by_dropdown;
  GtkSpinButton        *depth_spin;
  GtkDropDown          *ses_dropdown;
  GtkDropDown          *correction_dropdown;
  GtkDropDown          *outcome_dropdown;
  GtkSpinButton        *alpha_spin;
  GtkSpinButton        *min_n_spin;
  GtkButton            *run_button;
  GtkButton            *export_button;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  GtkLabel             *method_label;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkColumnView        *column_view;
  AssayChart           *chart;
};

G_DEFINE_FINAL_TYPE (AssayFairnessPage, assay_fairness_page, ASSAY_TYPE_PAGE)

/* ---- state ---------------------------------------------------------------------- */

static AssayReplica *
get_replica (AssayFairnessPage *self)
{
  return assay_session_get_replica (assay_page_get_session (ASSAY_PAGE (self)));
}

static void
set_status (AssayFairnessPage *self,
            const char        *text,
            gboolean           is_error)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The group-by choices: the base attributes and the cohort's extra ones. */
static void
fill_by_choices (AssayFairnessPage  *self,
                 const char * const *extra_columns)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *selected = NULL;
  guint position = 0;

  if (self->by_ids->len > 0)
    selected = g_strdup (g_ptr_array_index (self->by_ids, gtk_drop_down_get_selected (self->by_dropdown)));
  g_ptr_array_set_size (self->by_ids, 0);
  /* NULL: every attribute, with their combinations up to the depth. */
  g_ptr_array_add (self->by_ids, NULL);
  gtk_string_list_append (labels, _("All"));
  for (guint i = 0; i < G_N_ELEMENTS (base_attributes); i++)
    {
      g_ptr_array_add (self->by_ids, g_strdup (base_attributes[i].id));
      gtk_string_list_append (labels, _(base_attributes[i].label));
    }
  for (guint i = 0; extra_columns != NULL && extra_columns[i] != NULL; i++)
    {
      g_ptr_array_add (self->by_ids, g_strdup (extra_columns[i]));
      gtk_string_list_append (labels, extra_columns[i]);
    }
  for (guint i = 0; i < self->by_ids->len; i++)
    if (g_strcmp0 (selected, g_ptr_array_index (self->by_ids, i)) == 0)
      position = i;
  gtk_drop_down_set_model (self->by_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->by_dropdown, position);
}

/* Reads the stored cohort and says what it holds. */
static void
update_cohort (AssayFairnessPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(AssayCohortStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->has_cohort = FALSE;
  if (replica == NULL)
    {
      gtk_label_set_text (self->cohort_label, _("No replica is open: sync the ledger first."));
      fill_by_choices (self, NULL);
      return;
    }
  status = assay_replica_cohort_get_status (replica, &error);
  if (status == NULL)
    {
      text = g_strdup_printf (_("The stored cohort cannot be read: %s"), error->message);
      gtk_label_set_text (self->cohort_label, text);
      fill_by_choices (self, NULL);
      return;
    }
  self->has_cohort = status->n_accounts > 0;
  if (!self->has_cohort)
    text = g_strdup (_("No cohort is stored. Its attributes stay on this workstation: they never enter the ledger and are never uploaded."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cohort: %u account, %u of them not in the ledger.",
                                         "Cohort: %u accounts, %u of them not in the ledger.",
                                         status->n_accounts),
                            status->n_accounts, status->n_not_in_ledger);
  gtk_label_set_text (self->cohort_label, text);
  fill_by_choices (self, (const char * const *) status->extra_columns);
}

static void
update_empty_page (AssayFairnessPage *self)
{
  gboolean has_result = assay_fairness_job_get_result (self->job) != NULL;

  if (has_result)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "results");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  if (get_replica (self) == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Replica"));
      adw_status_page_set_description (self->empty_page,
                                       _("The audit runs on the verified replica. Sync the ledger on the Ledger page first."));
    }
  else if (!self->has_cohort)
    {
      adw_status_page_set_title (self->empty_page, _("No Cohort"));
      adw_status_page_set_description (self->empty_page,
                                       _("Import the auditor’s cohort file: CSV in UTF-8 with a header naming at least account, gender, age_band, county and ses; other columns become extra grouping attributes."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("Ready to Run"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose the year and the grouping, then run the audit. A group under the minimum n is reported as insufficient, never as fair."));
    }
}

static void
update_sensitivity (AssayFairnessPage *self)
{
  gboolean running = assay_fairness_job_get_running (self->job);
  gboolean has_replica = get_replica (self) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), has_replica && !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), has_replica && self->has_cohort && !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            !running && assay_fairness_job_get_result (self->job) != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button),
                               !has_replica ? _("Sync the ledger first")
                               : !self->has_cohort ? _("Import a cohort file first")
                               : _("Test every group in both directions on the cohort"));
}

/* ---- results -------------------------------------------------------------------- */

/* A group by its values, a county by its name and code, joined by " / "
 * for a combination ("female / Qingpu (310118)"). */
static char *
group_label (const AssayFairnessGroup *g)
{
  GString *label = g_string_new (NULL);

  if (g->names == NULL)
    return g_strdup (g->value);
  for (guint i = 0; g->names[i] != NULL; i++)
    {
      g_autofree char *value = g_str_equal (g->names[i], "county") ? assay_county_format (g->values[i])
                               : g_str_equal (g->names[i], "province") ? assay_province_format (g->values[i])
                               : g_strdup (g->values[i]);

      g_string_append_printf (label, "%s%s", i > 0 ? " / " : "", value);
    }
  return g_string_free (label, FALSE);
}

static void
fill_chart (AssayFairnessPage         *self,
            const AssayFairnessResult *result)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lower = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) upper = g_array_new (FALSE, FALSE, sizeof (double));

  /* One category per group with a residual, in the table's first order. */
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);

      if (isnan (g->residual_median))
        continue;
      g_ptr_array_add (labels, group_label (g));
      g_array_append_val (values, g->residual_median);
      g_array_append_val (lower, g->residual_ci[0]);
      g_array_append_val (upper, g->residual_ci[1]);
    }
  assay_chart_clear (self->chart);
  assay_chart_set_empty_text (self->chart, _("No group has a residual to draw: every group is under the minimum n or has no prediction."));
  if (labels->len == 0)
    return;
  g_ptr_array_add (labels, NULL);
  assay_chart_set_categories (self->chart, values->len, (const char * const *) labels->pdata, NULL);
  assay_dot_whisker_layer_set_values (self->layer, values->len, (double *) values->data,
                                      (double *) lower->data, (double *) upper->data);
  assay_chart_add_layer (self->chart, ASSAY_CHART_LAYER (self->layer));
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1,
                               MAX (CHART_MIN_HEIGHT, 60 + CHART_ROW_HEIGHT * (int) values->len));
}

static void
show_result (AssayFairnessPage *self)
{
  const AssayFairnessResult *result = assay_fairness_job_get_result (self->job);
  g_autofree char *status = NULL;
  guint n_flagged = 0;

  g_list_store_remove_all (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->method_label), result != NULL);
  if (result == NULL)
    {
      assay_chart_clear (self->chart);
      return;
    }
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);
      g_autofree char *label = group_label (g);
      g_autoptr(AssayFairnessRow) row = assay_fairness_row_new (g, label);

      n_flagged += g->verdict == ASSAY_FAIRNESS_UNDER || g->verdict == ASSAY_FAIRNESS_OVER;
      g_list_store_append (self->store, row);
    }
  fill_chart (self, result);
  gtk_label_set_text (self->method_label, assay_fairness_job_get_method (self->job));
  /* Translators: the audit's summary: groups, tests, flagged groups,
   * the year and the accounts left out. */
  status = g_strdup_printf (_("Year %d: %u groups, %u tests, %u flagged. %u cohort accounts are not in the ledger and were left out."),
                            assay_fairness_job_get_year (self->job), result->groups->len,
                            result->n_tests, n_flagged, assay_fairness_job_get_not_in_ledger (self->job));
  if (n_flagged > 0 && assay_fairness_job_get_filing_error (self->job) != NULL)
    {
      g_autofree char *unfiled = g_strdup_printf (_("%s The flagged groups could not be filed as Article W cases (%s): run the audit again."),
                                                  status, assay_fairness_job_get_filing_error (self->job));

      g_free (status);
      status = g_steal_pointer (&unfiled);
    }
  else if (n_flagged > 0)
    {
      g_autofree char *with_cases = g_strconcat (status, " ",
                                                 _("Each flagged group has an Article W case in the Review Queue."),
                                                 NULL);

      g_free (status);
      status = g_steal_pointer (&with_cases);
    }
  set_status (self, status, n_flagged > 0 && assay_fairness_job_get_filing_error (self->job) != NULL);
}

/* ---- the job -------------------------------------------------------------------- */

static void
job_notify_elapsed_cb (AssayFairnessPage *self)
{
  g_autofree char *text = NULL;
  double elapsed = assay_fairness_job_get_elapsed (self->job);

  if (!assay_fairness_job_get_running (self->job))
    return;
  gtk_progress_bar_pulse (self->progress_bar);
  text = g_strdup_printf (assay_fairness_job_is_import (self->job) ? _("Importing the cohort file… %.0f s")
                                              : _("Running the audit… %.0f s"), elapsed);
  set_status (self, text, FALSE);
}

static void
job_notify_running_cb (AssayFairnessPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), assay_fairness_job_get_running (self->job));
  job_notify_elapsed_cb (self);
  update_sensitivity (self);
}

static void
job_finished_cb (AssayFairnessPage *self)
{
  const GError *error = assay_fairness_job_get_error (self->job);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (assay_fairness_job_is_import (self->job) ? _("The cohort file was not imported: %s")
                                                                   : _("The audit did not run: %s"),
                                               error->message);
      set_status (self, text, TRUE);
      update_sensitivity (self);
      return;
    }
  if (assay_fairness_job_is_import (self->job))
    {
      g_autofree char *text = g_strdup_printf (_("Imported %u accounts; %u of them are not in the ledger."),
                                               assay_fairness_job_get_imported (self->job),
                                               assay_fairness_job_get_imported_not_in_ledger (self->job));

      set_status (self, text, FALSE);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      update_cohort (self);
    }
  else if (assay_fairness_job_get_flagged (self->job) > 0)
    assay_session_flags_filed (assay_page_get_session (ASSAY_PAGE (self)));
  show_result (self);
  update_empty_page (self);
  update_sensitivity (self);
}

static void
run_clicked_cb (AssayFairnessPage *self)
{
  AssaySession *session = assay_page_get_session (ASSAY_PAGE (self));
  AssayReplica *replica = get_replica (self);
  AssayRuleSet *set = assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (session));
  AssayFairnessOptions options;

  if (replica == NULL || !self->has_cohort)
    return;
  assay_fairness_options_init (&options);
  options.ses = (AssayFairnessSes) gtk_drop_down_get_selected (self->ses_dropdown);
  options.correction = (AssayFairnessCorrection) gtk_drop_down_get_selected (self->correction_dropdown);
  options.outcome = (AssayFairnessOutcome) gtk_drop_down_get_selected (self->outcome_dropdown);
  options.alpha = gtk_spin_button_get_value (self->alpha_spin);
  options.min_n = options.min_cell_n = gtk_spin_button_get_value_as_int (self->min_n_spin);
  /* Values need the rule set's decay, levels and pilot start. */
  if (options.outcome == ASSAY_FAIRNESS_OUTCOME_VALUE && set == NULL)
    {
      set_status (self, _("No rule set is in force, and the contribution value needs one. "
                          "Check the rule set in Preferences, or audit the points."), TRUE);
      return;
    }
  assay_fairness_job_run (self->job, assay_replica_get_path (replica),
                          gtk_spin_button_get_value_as_int (self->year_spin),
                          g_ptr_array_index (self->by_ids, gtk_drop_down_get_selected (self->by_dropdown)),
                          gtk_spin_button_get_value_as_int (self->depth_spin), &options, set);
}

static void
import_response_cb (AssayFairnessPage    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  AssayReplica *replica = get_replica (self);

  if (response == GTK_RESPONSE_ACCEPT && replica != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  assay_fairness_job_import (self->job, assay_replica_get_path (replica), path);
}

static void
import_clicked_cb (AssayFairnessPage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Cohort File"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response_cb (AssayFairnessPage    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  const AssayFairnessResult *result = assay_fairness_job_get_result (self->job);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && result != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;
  csv = assay_fairness_result_to_csv (result, assay_fairness_job_get_by (self->job));
  if (g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    message = g_strdup_printf (_("Saved the table to %s"), g_file_peek_path (file));
  else
    message = g_strdup_printf (_("The table was not saved: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_clicked_cb (AssayFairnessPage *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Fairness Table"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  name = g_strdup_printf ("fairness-%d-%s.csv", assay_fairness_job_get_year (self->job),
                          assay_fairness_job_get_by (self->job) != NULL ? assay_fairness_job_get_by (self->job)
                                                                        : "all");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the table ------------------------------------------------------------------ */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  AssayFairnessColumn column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == ASSAY_FAIRNESS_COLUMN_GROUP ||
                                           column == ASSAY_FAIRNESS_COLUMN_VERDICT ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column != ASSAY_FAIRNESS_COLUMN_GROUP && column != ASSAY_FAIRNESS_COLUMN_VERDICT)
    gtk_widget_add_css_class (label, "numeric");
  /* The last column keeps clear of the overlay scrollbar. */
  if (column == ASSAY_FAIRNESS_COLUMN_VERDICT)
    gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
}

/* Under and over are what the auditor looks for; insufficient is no
 * answer at all, so it is dimmed rather than shown as a pass. */
static void
style_verdict (GtkWidget            *label,
               AssayFairnessVerdict  verdict)
{
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  if (verdict == ASSAY_FAIRNESS_UNDER)
    gtk_widget_add_css_class (label, "error");
  else if (verdict == ASSAY_FAIRNESS_OVER)
    gtk_widget_add_css_class (label, "warning");
  else if (verdict == ASSAY_FAIRNESS_INSUFFICIENT)
    gtk_widget_add_css_class (label, "dim-label");
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  AssayFairnessColumn column = GPOINTER_TO_INT (data);
  AssayFairnessRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = assay_fairness_row_format (row, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  if (column == ASSAY_FAIRNESS_COLUMN_VERDICT)
    style_verdict (label, assay_fairness_row_get_group (row)->verdict);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  return assay_fairness_row_compare ((AssayFairnessRow *) a, (AssayFairnessRow *) b, GPOINTER_TO_INT (data));
}

static void
add_columns (AssayFairnessPage *self)
{
  for (guint c = 0; c < ASSAY_N_FAIRNESS_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (sort_func, GINT_TO_POINTER (c), NULL);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(column_titles[c]), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_widths[c]);
      gtk_column_view_column_set_expand (column, c == ASSAY_FAIRNESS_COLUMN_GROUP || c == ASSAY_FAIRNESS_COLUMN_VERDICT);
      gtk_column_view_append_column (self->column_view, column);
      assay_column_view_set_header_tooltip (self->column_view, column, _(column_tooltips[c]));
      g_object_unref (column);
    }
}

static void
set_up_table (AssayFairnessPage *self)
{
  GtkSorter *sorter;

  self->store = g_list_store_new (ASSAY_TYPE_FAIRNESS_ROW);
  add_columns (self);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), g_object_ref (sorter));
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)))));
}

static void
set_up_choices (AssayFairnessPage *self)
{
  const char * const ses[] = { N_("Automatic"), N_("Discrete"), N_("Continuous") };
  const char * const corrections[] = { N_("Holm"), N_("Benjamini–Hochberg") };
  const char * const outcomes[] = { N_("Points in the year"), N_("Contribution value") };
  g_autoptr(GtkStringList) ses_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) correction_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) outcome_list = gtk_string_list_new (NULL);

  /* In the enums' order: the selected position is the value. */
  for (guint i = 0; i < G_N_ELEMENTS (ses); i++)
    gtk_string_list_append (ses_list, _(ses[i]));
  for (guint i = 0; i < G_N_ELEMENTS (corrections); i++)
    gtk_string_list_append (correction_list, _(corrections[i]));
  gtk_drop_down_set_model (self->ses_dropdown, G_LIST_MODEL (ses_list));
  gtk_drop_down_set_model (self->correction_dropdown, G_LIST_MODEL (correction_list));
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    gtk_string_list_append (outcome_list, _(outcomes[i]));
  gtk_drop_down_set_model (self->outcome_dropdown, G_LIST_MODEL (outcome_list));
}

/* ---- session -------------------------------------------------------------------- */

/* The year of the replica's latest activity, else this year: the one an
 * auditor most likely audits, and never a year without data by default. */
static void
set_default_year (AssayFairnessPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(GArray) days = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  if (replica != NULL)
    days = assay_replica_county_days (replica, NULL, 0, G_MAXUINT32, NULL);
  if (days != NULL && days->len > 0)
    {
      guint y, month, day_of_month;

      assay_day_to_ymd (g_array_index (days, AssayDayTotals, days->len - 1).day, &y, &month, &day_of_month);
      year = y;
    }
  gtk_spin_button_set_value (self->year_spin, year);
}

/* Another replica: its cohort, and no result from the old one. */
static void
session_notify_replica_cb (AssayFairnessPage *self)
{
  update_cohort (self);
  set_default_year (self);
  if (!assay_fairness_job_get_running (self->job))
    set_status (self, NULL, FALSE);
  update_empty_page (self);
  update_sensitivity (self);
}

static void
assay_fairness_page_constructed (GObject *object)
{
  AssayFairnessPage *self = ASSAY_FAIRNESS_PAGE (object);

  G_OBJECT_CLASS (assay_fairness_page_parent_class)->constructed (object);

  g_signal_connect_object (assay_page_get_session (ASSAY_PAGE (self)), "notify::replica",
                           G_CALLBACK (session_notify_replica_cb), self, G_CONNECT_SWAPPED);
  session_notify_replica_cb (self);
}

static void
assay_fairness_page_dispose (GObject *object)
{
  AssayFairnessPage *self = ASSAY_FAIRNESS_PAGE (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  /* The toast overlay is the bin's child: unparent it before the
   * template drops its reference. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_FAIRNESS_PAGE);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);
  g_clear_object (&self->layer);
  g_clear_pointer (&self->by_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (assay_fairness_page_parent_class)->dispose (object);
}

static void
assay_fairness_page_class_init (AssayFairnessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_fairness_page_constructed;
  object_class->dispose = assay_fairness_page_dispose;

  g_type_ensure (ASSAY_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-fairness-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, cohort_label);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, ses_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, correction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, outcome_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, alpha_spin);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, min_n_spin);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, method_label);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AssayFairnessPage, chart);
  gtk_widget_class_bind_template_callback (widget_class, run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
assay_fairness_page_init (AssayFairnessPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->by_ids = g_ptr_array_new_with_free_func (g_free);
  self->job = assay_fairness_job_new ();
  self->layer = assay_dot_whisker_layer_new ();
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (self->layer), _("Residual median"));
  assay_dot_whisker_layer_set_reference (self->layer, 0);
  g_signal_connect_swapped (self->job, "notify::running", G_CALLBACK (job_notify_running_cb), self);
  g_signal_connect_swapped (self->job, "notify::elapsed", G_CALLBACK (job_notify_elapsed_cb), self);
  g_signal_connect_swapped (self->job, "finished", G_CALLBACK (job_finished_cb), self);
  set_up_choices (self);
  set_up_table (self);
}

AssayFairnessJob *
_assay_fairness_page_get_job (AssayFairnessPage *self)
{
  return self->job;
}

GListModel *
_assay_fairness_page_get_rows (AssayFairnessPage *self)
{
  return G_LIST_MODEL (self->sorted);
}

GtkWidget *
_assay_fairness_page_get_widget (AssayFairnessPage *self,
                                 const char        *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ASSAY_TYPE_FAIRNESS_PAGE, id));
}
