/* assay-audit-sampling-page.c — the Audit Sampling page: the verifiable 6.2 sample, its re-check, findings, fraud rate and Benford
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
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assay-audit-enums.h"
#include "assay-audit-findings-decision.h"
#include "assay-audit-findings-dialog.h"
#include "assay-audit-fraud-rate.h"
#include "assay-audit-sample-job.h"
#include "assay-audit-sampling-page-private.h"
#include "assay-bar-layer.h"
#include "assay-chart.h"
#include "assay-column-view-util.h"
#include "assay-county.h"
#include "assay-day.h"
#include "assay-line-layer.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-sample-row.h"

static const char * const column_titles[ASSAY_N_SAMPLE_COLUMNS] = {
  N_("Index"), N_("Account"), N_("County"), N_("Issuer"), N_("Points"), N_("Date"),
  N_("Re-check"), N_("Finding"),
};

static const int column_widths[ASSAY_N_SAMPLE_COLUMNS] = {
  70, 110, 130, 100, 64, 96, 170, 80,
};

/* The finding dropdown's choices, in its order. */
static const char * const finding_ids[] = { "correct", "error", "fraud" };

enum { BENFORD_UNIT, BENFORD_N, BENFORD_CHISQ, BENFORD_P, BENFORD_MAD, BENFORD_READING, N_BENFORD_COLUMNS };

static const char * const benford_titles[N_BENFORD_COLUMNS] = {
  N_("Unit"), N_("Events"), N_("χ²"), N_("p"), N_("MAD"), N_("Reading"),
};

struct _AssayAuditSamplingPage
{
  AssayPage            parent_instance;

  AssayAuditSampleJob *job;           /* the draw and re-check */
  AssayAuditSampleJob *benford_job;
  GListStore          *store;         /* AssaySampleRow */
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GListStore          *benford_store; /* GtkStringObject: an index into the result's groups */
  GtkSortListModel    *benford_sorted;
  GtkSingleSelection  *benford_selection;
  AssayAuditFindingsDialog *dialog;   /* the Sign Findings dialog while open */
  GPtrArray           *provinces;     /* the province dropdown's codes */
  GArray              *checkpoints;   /* guint64 sizes: 0 (the latest) first */
  AssayBarLayer       *observed_layer;
  AssayLineLayer      *expected_layer;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *view_stack;
  GtkSpinButton       *year_spin;
  GtkDropDown         *province_dropdown;
  GtkEntry            *rate_entry;
  GtkDropDown         *checkpoint_dropdown;
  GtkButton           *draw_button;
  GtkButton           *recheck_button;
  GtkButton           *export_button;
  GtkProgressBar      *progress_bar;
  GtkLabel            *status_label;
  GtkExpander         *seed_expander;
  GtkLabel            *seed_label;
  GtkLabel            *derivation_label;
  GtkLabel            *seed_hex_label;
  GtkStack            *main_stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkLabel            *record_label;
  GtkDropDown         *finding_dropdown;
  GtkEntry            *note_entry;
  GtkButton           *record_button;
  GtkLabel            *verdict_label;
  GtkLabel            *fraud_label;
  GtkLabel            *method_label;
  GtkButton           *sign_button;
  GtkLabel            *signed_label;
  GtkDropDown         *benford_by_dropdown;
  GtkButton           *benford_button;
  GtkLabel            *benford_status_label;
  GtkLabel            *caveat_label;
  GtkStack            *benford_stack;
  AdwStatusPage       *benford_empty_page;
  GtkColumnView       *benford_view;
  GtkLabel            *benford_chart_label;
  AssayChart          *benford_chart;
};

G_DEFINE_FINAL_TYPE (AssayAuditSamplingPage, assay_audit_sampling_page, ASSAY_TYPE_PAGE)

/* ---- state ---------------------------------------------------------------------- */

static AssayReplica *
get_replica (AssayAuditSamplingPage *self)
{
  return assay_session_get_replica (assay_page_get_session (ASSAY_PAGE (self)));
}

static void
set_label_status (GtkLabel   *label,
                  const char *text,
                  gboolean    is_error)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static AssaySampleRow *
selected_row (AssayAuditSamplingPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_sensitivity (AssayAuditSamplingPage *self)
{
  gboolean running = assay_audit_sample_job_get_running (self->job);
  gboolean has_replica = get_replica (self) != NULL;
  gboolean has_sample = assay_audit_sample_job_get_sample (self->job) != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->draw_button), has_replica && !running && self->provinces->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recheck_button), has_replica && !running && has_sample);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !running && has_sample);
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), has_replica && selected_row (self) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->benford_button),
                            has_replica && !assay_audit_sample_job_get_running (self->benford_job));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->draw_button),
                               !has_replica ? _("Sync the ledger first")
                               : self->provinces->len == 0 ? _("The replica holds no events to sample")
                               : _("Draw the sample: the seed comes from the checkpoint, so anyone with the log draws the same records"));
}

/* ---- choices from the replica --------------------------------------------------- */

/* The provinces with events, the one with the most first. */
static void
fill_provinces (AssayAuditSamplingPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GArray) totals = NULL;
  guint64 counts[100] = { 0 };
  guint best = 0;
  int kept = -1;

  if (gtk_drop_down_get_selected (self->province_dropdown) < self->provinces->len)
    kept = atoi (g_ptr_array_index (self->provinces, gtk_drop_down_get_selected (self->province_dropdown)));
  g_ptr_array_set_size (self->provinces, 0);
  if (replica != NULL)
    totals = assay_replica_county_totals (replica, 0, G_MAXUINT32, NULL);
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      const AssayCountyTotals *t = &g_array_index (totals, AssayCountyTotals, i);

      counts[(t->county[0] - '0') * 10 + (t->county[1] - '0')] += t->events;
    }
  for (guint p = 0; p < 100; p++)
    {
      g_autofree char *label = NULL;

      if (counts[p] == 0)
        continue;
      if (counts[p] > counts[best] || self->provinces->len == 0)
        best = p;
      g_ptr_array_add (self->provinces, g_strdup_printf ("%02u", p));
      label = assay_province_format (g_ptr_array_index (self->provinces, self->provinces->len - 1));
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->province_dropdown, G_LIST_MODEL (labels));
  /* The auditor's choice survives a sync; else the busiest province. */
  if (kept >= 0 && counts[kept] > 0)
    best = kept;
  for (guint i = 0; i < self->provinces->len; i++)
    if (atoi (g_ptr_array_index (self->provinces, i)) == (int) best)
      gtk_drop_down_set_selected (self->province_dropdown, i);
}

/* The latest checkpoint, then the earlier ones this replica stores. */
static void
fill_checkpoints (AssayAuditSamplingPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) stored = NULL;
  guint64 latest = 0;

  g_array_set_size (self->checkpoints, 0);
  if (replica != NULL)
    stored = assay_replica_list_checkpoints (replica, NULL);
  for (guint i = stored != NULL ? stored->len : 0; i-- > 0;)
    {
      const AssayStoredCheckpoint *c = g_ptr_array_index (stored, i);
      g_autofree char *label = NULL;

      if (self->checkpoints->len == 0)
        {
          latest = 0;
          /* Translators: the latest verified checkpoint, with its size in entries. */
          label = g_strdup_printf (_("Latest (%" PRIu64 ")"), c->size);
        }
      else
        {
          latest = c->size;
          label = g_strdup_printf ("%" PRIu64, c->size);
        }
      g_array_append_val (self->checkpoints, latest);
      gtk_string_list_append (labels, label);
    }
  if (self->checkpoints->len == 0)
    {
      g_array_append_val (self->checkpoints, latest);
      gtk_string_list_append (labels, _("Latest"));
    }
  gtk_drop_down_set_model (self->checkpoint_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->checkpoint_dropdown, 0);
}

/* The year of the replica's latest activity, else this year. */
static void
set_default_year (AssayAuditSamplingPage *self)
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

static void
update_empty_page (AssayAuditSamplingPage *self)
{
  if (assay_audit_sample_job_get_sample (self->job) != NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "sample");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  if (get_replica (self) == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Replica"));
      adw_status_page_set_description (self->empty_page,
                                       _("The sample is drawn from the verified replica. Sync the ledger on the Ledger page first."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("Ready to Draw"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose the year, the province and the rate, then draw the sample. Its seed comes from a verified checkpoint, so anyone with the log can draw it again and check that no record was picked by hand."));
    }
}

/* ---- findings and the fraud rate ------------------------------------------------ */

static GPtrArray *
load_findings (AssayAuditSamplingPage *self,
               GError                **error)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  AssayReplica *replica = get_replica (self);
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *mine;

  if (sample == NULL || replica == NULL)
    return NULL;
  if ((all = assay_replica_audit_findings (replica, sample->year, error)) == NULL)
    return NULL;
  mine = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_audit_finding_row_free);
  for (guint i = 0; i < all->len; i++)
    if (assay_audit_sample_owns_finding (sample, g_ptr_array_index (all, i)))
      g_ptr_array_add (mine, g_ptr_array_steal_index (all, i--));
  return mine;
}

/* Where the two readings of Article T land, in one honest sentence: only
 * a shown excess or an assured bound is an answer. */
static void
show_verdict (AssayAuditSamplingPage *self,
              const AssayFraudRate   *r)
{
  GtkWidget *label = GTK_WIDGET (self->verdict_label);

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  if (r->excess == ASSAY_EXCESS_SHOWN)
    {
      gtk_label_set_text (self->verdict_label, _("Above 5 %: the findings show the fraud rate exceeds Article T’s threshold."));
      gtk_widget_add_css_class (label, "error");
    }
  else if (r->assurance == ASSAY_ASSURANCE_BELOW)
    {
      gtk_label_set_text (self->verdict_label, _("Below 5 %: the upper bound of the fraud rate is under Article T’s threshold."));
      gtk_widget_add_css_class (label, "success");
    }
  else
    {
      gtk_label_set_text (self->verdict_label, _("Too few records to tell: the bounds straddle 5 %. Review more of the sample."));
      gtk_widget_add_css_class (label, "warning");
    }
}

static void
show_fraud_rate (AssayAuditSamplingPage *self,
                 GPtrArray              *findings)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  g_autoptr(GError) error = NULL;
  g_autofree char *method = NULL;
  g_autofree char *text = NULL;
  AssayFraudRateOptions options;
  AssayFraudRate r;
  guint n_fraud = 0, n_error = 0;

  assay_fraud_rate_options_init (&options);
  for (guint i = 0; i < findings->len; i++)
    {
      const AssayAuditFindingRow *f = g_ptr_array_index (findings, i);

      n_fraud += g_str_equal (f->finding, "fraud");
      n_error += g_str_equal (f->finding, "error");
    }
  if (findings->len == 0)
    {
      /* A hint, not a verdict: not in the verdict's heading style. */
      gtk_label_set_text (self->verdict_label, _("No findings yet: select a record and record what the re-check and the evidence show."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "title-4");
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
      gtk_label_set_text (self->fraud_label, "");
      gtk_label_set_text (self->method_label, "");
      return;
    }
  if (!assay_fraud_rate_compute (findings->len, n_fraud, sample->population, &options, &r, &error))
    {
      gtk_label_set_text (self->verdict_label, error->message);
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "title-4");
  show_verdict (self, &r);
  /* Translators: the fraud-rate panel: reviewed, fraud, error counts, the
   * rate, the confidence, the two intervals, the finite-population bound
   * (records and share of the population) and the test of excess. */
  text = g_strdup_printf (_("%1$u of %2$u sampled records reviewed: %3$u fraud, %4$u error. "
                            "Fraud rate %5$.2f %%; %6$.0f %% Clopper–Pearson [%7$.2f %%, %8$.2f %%], "
                            "Wilson [%9$.2f %%, %10$.2f %%]. At most %11$" PRIi64 " of the %12$" PRIu64 " records of the population are fraudulent (%13$.2f %%). "
                            "Evidence of excess: p = %14$.3g, %15$s. Assurance: %16$s."),
                          findings->len, sample->indices->len, n_fraud, n_error,
                          100 * r.rate, 100 * options.confidence,
                          100 * r.clopper_pearson[0], 100 * r.clopper_pearson[1],
                          100 * r.wilson[0], 100 * r.wilson[1],
                          r.hyper_upper, r.population, 100 * r.hyper_upper_rate,
                          r.p_excess, assay_excess_verdict_get_label (r.excess),
                          assay_assurance_verdict_get_label (r.assurance));
  gtk_label_set_text (self->fraud_label, text);
  method = assay_fraud_rate_describe_method (&options);
  gtk_label_set_text (self->method_label, method);
}

static void refresh_findings (AssayAuditSamplingPage *self);

/* Whether the findings are signed: the sample's decisions in the log and
 * in the outbox, said plainly; until then they are only stored here. */
static void
show_signed_state (AssayAuditSamplingPage *self,
                   guint                   n_findings)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  AssayReplica *replica = get_replica (self);
  g_autofree char *subject_id = assay_audit_findings_subject (sample);
  g_autofree char *subject = g_strdup_printf ("audit:%s", subject_id);
  g_autoptr(GPtrArray) logged = assay_replica_list_decisions (replica, "audit", subject_id, NULL);
  g_autoptr(GPtrArray) outbox = assay_replica_outbox_list (replica, NULL);
  g_autofree char *text = NULL;
  const AssayOutboxRow *waiting = NULL;

  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      const AssayOutboxRow *row = g_ptr_array_index (outbox, i);

      if (g_str_equal (row->subject, subject) &&
          (row->state == ASSAY_OUTBOX_QUEUED || row->state == ASSAY_OUTBOX_PENDING))
        waiting = row;
    }
  if (waiting != NULL)
    /* Translators: the start of the decision's hash. */
    text = g_strdup_printf (_("Signed as decision %.12s…, waiting in the Outbox to be pushed to the service. "
                              "Findings recorded since are stored here only."), waiting->hash);
  else if (logged != NULL && logged->len > 0)
    text = g_strdup_printf (_("Signed and logged as decision %.12s… (number %" PRIi64 " on this sample). "
                              "Findings recorded since are stored here only: sign them again."),
                            ((AssayLoggedDecision *) g_ptr_array_index (logged, logged->len - 1))->hash,
                            ((AssayLoggedDecision *) g_ptr_array_index (logged, logged->len - 1))->subject_seq);
  else
    text = g_strdup (_("Findings are stored in this replica only and are not signed: Sign Findings drafts them as one “audit_findings” decision."));
  gtk_label_set_text (self->signed_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button), n_findings > 0 && waiting == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sign_button),
                               n_findings == 0 ? _("Record a finding first")
                               : waiting != NULL ? _("A decision on this sample waits in the Outbox: push it first")
                               : _("Sign the sample’s findings as one “audit_findings” decision (role audit) and queue it in the Outbox"));
}

static void
findings_queued_cb (AssayAuditSamplingPage *self,
                    const char             *hash)
{
  g_autofree char *message = g_strdup_printf (_("Queued decision %.12s… in the Outbox."), hash);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  set_label_status (self->status_label, message, FALSE);
  refresh_findings (self);
}

static void
sign_clicked_cb (AssayAuditSamplingPage *self)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  AssayReplica *replica = get_replica (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AssayAuditFindingsDialog *dialog;

  if (sample == NULL || replica == NULL)
    return;
  dialog = assay_audit_findings_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, replica, sample);
  g_signal_connect_object (dialog, "queued", G_CALLBACK (findings_queued_cb), self, G_CONNECT_SWAPPED);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Puts the stored findings on the rows and recomputes the panel. */
static void
refresh_findings (AssayAuditSamplingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = load_findings (self, &error);
  g_autoptr(GHashTable) by_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (findings == NULL)
    {
      if (error != NULL)
        set_label_status (self->status_label, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      AssayAuditFindingRow *f = g_ptr_array_index (findings, i);

      g_hash_table_insert (by_index, &f->leaf_index, f);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AssaySampleRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      guint64 index = assay_sample_row_get_record (row)->index;
      const AssayAuditFindingRow *f = g_hash_table_lookup (by_index, &index);

      assay_sample_row_set_finding (row, f != NULL ? f->finding : NULL, f != NULL ? f->note : NULL);
    }
  /* The rows changed in place: tell the views. */
  g_list_model_items_changed (G_LIST_MODEL (self->store), 0, n, n);
  show_fraud_rate (self, findings);
  show_signed_state (self, findings->len);
}

static void
show_selected_record (AssayAuditSamplingPage *self)
{
  AssaySampleRow *row = selected_row (self);
  const AssaySampleRecord *r;
  g_autofree char *county = NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;
  g_autofree char *recheck = NULL;

  update_sensitivity (self);
  if (row == NULL)
    {
      gtk_label_set_text (self->record_label, _("Select a record in the table to record a finding on it."));
      return;
    }
  r = assay_sample_row_get_record (row);
  county = assay_county_format (r->county);
  day = assay_day_format (r->event_day);
  recheck = assay_sample_row_format (row, ASSAY_SAMPLE_COLUMN_RECHECK);
  /* Translators: the selected record: leaf index, account, points, rule,
   * date, county, issuer, and its re-check (or "not re-checked"). */
  text = g_strdup_printf (_("Leaf %1$" PRIu64 ": %2$s, %3$" PRIi64 " points by rule %4$s on %5$s in %6$s, issued by %7$s. Re-check: %8$s."),
                          r->index, r->account, r->points, r->rule_id, day, county, r->issuer,
                          *recheck != '\0' ? recheck : _("not yet run"));
  gtk_label_set_text (self->record_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (finding_ids); i++)
    if (g_strcmp0 (assay_sample_row_get_finding (row), finding_ids[i]) == 0)
      gtk_drop_down_set_selected (self->finding_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry),
                         assay_sample_row_get_note (row) != NULL ? assay_sample_row_get_note (row) : "");
}

static void
record_clicked_cb (AssayAuditSamplingPage *self)
{
  AssaySampleRow *row = selected_row (self);
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  AssayReplica *replica = get_replica (self);
  guint choice = gtk_drop_down_get_selected (self->finding_dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (row == NULL || sample == NULL || replica == NULL || choice >= G_N_ELEMENTS (finding_ids))
    return;
  if (!assay_audit_sample_record_finding (replica, sample, assay_sample_row_get_record (row)->index,
                                          (AssayAuditFinding) choice,
                                          gtk_editable_get_text (GTK_EDITABLE (self->note_entry)), &error))
    {
      message = g_strdup_printf (_("The finding was not recorded: %s"), error->message);
      set_label_status (self->status_label, message, TRUE);
      return;
    }
  /* Translators: a finding ("Fraud") was stored for a leaf index. */
  message = g_strdup_printf (_("Recorded “%1$s” for leaf %2$" PRIu64 "."),
                             assay_sample_finding_get_label (finding_ids[choice]),
                             assay_sample_row_get_record (row)->index);
  set_label_status (self->status_label, message, FALSE);
  refresh_findings (self);
}

/* ---- the sample ----------------------------------------------------------------- */

static void
show_sample (AssayAuditSamplingPage *self)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  GPtrArray *records = assay_audit_sample_job_get_records (self->job);
  g_autofree char *hex = NULL;
  g_autofree char *derivation = NULL;
  g_autofree char *seed_line = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_set_visible (GTK_WIDGET (self->seed_expander), sample != NULL);
  if (sample == NULL)
    {
      g_list_store_remove_all (self->store);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (rows, assay_sample_row_new (g_ptr_array_index (records, i)));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  hex = assay_audit_sample_seed_hex (sample);
  derivation = assay_audit_sample_describe (sample);
  /* Translators: the expander's title: the sample's seed in hex. */
  seed_line = g_strdup_printf (_("Seed %s"), hex);
  gtk_label_set_text (self->seed_label, seed_line);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->seed_label), hex);
  gtk_label_set_text (self->derivation_label, derivation);
  gtk_label_set_text (self->seed_hex_label, hex);
  /* Translators: year, province, rate, checkpoint size, population, sample size. */
  status = g_strdup_printf (_("Year %1$d, province %2$s, rate %3$s, checkpoint of %4$" PRIu64 " entries: "
                              "%6$u of %5$" PRIu64 " events sampled."),
                            sample->year, sample->province, sample->rate, sample->checkpoint_size,
                            sample->population, sample->indices->len);
  set_label_status (self->status_label, status, FALSE);
  refresh_findings (self);
  show_selected_record (self);
}

static void
show_rechecks (AssayAuditSamplingPage *self)
{
  GPtrArray *items = assay_audit_sample_job_get_rechecks (self->job);
  g_autoptr(GHashTable) by_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint failed = 0, cannot = 0;
  g_autofree char *status = NULL;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      AssayRecheckItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_index, &item->index, item);
      cannot += item->status == ASSAY_RECHECK_CANNOT_RECOMPUTE;
      failed += !assay_recheck_item_passes (item) && item->status != ASSAY_RECHECK_CANNOT_RECOMPUTE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AssaySampleRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      guint64 index = assay_sample_row_get_record (row)->index;

      assay_sample_row_set_recheck (row, g_hash_table_lookup (by_index, &index));
    }
  g_list_model_items_changed (G_LIST_MODEL (self->store), 0, n, n);
  if (items != NULL)
    {
      /* Translators: re-checked events, failed checks, not recomputable. */
      status = g_strdup_printf (_("Re-checked %1$u events: %2$u failed a check, %3$u could not be recomputed."),
                                items->len, failed, cannot);
      set_label_status (self->status_label, status, failed > 0);
    }
  show_selected_record (self);
}

static void
draw_clicked_cb (AssayAuditSamplingPage *self)
{
  AssayReplica *replica = get_replica (self);
  guint province = gtk_drop_down_get_selected (self->province_dropdown);
  guint checkpoint = gtk_drop_down_get_selected (self->checkpoint_dropdown);
  const char *rate = gtk_editable_get_text (GTK_EDITABLE (self->rate_entry));
  g_autoptr(GError) error = NULL;

  if (replica == NULL || province >= self->provinces->len || assay_audit_sample_job_get_running (self->job))
    return;
  if (!assay_audit_sample_parse_rate (rate, NULL, NULL, &error))
    {
      set_label_status (self->status_label, error->message, TRUE);
      return;
    }
  assay_audit_sample_job_draw (self->job, assay_replica_get_path (replica),
                               gtk_spin_button_get_value_as_int (self->year_spin),
                               g_ptr_array_index (self->provinces, province), rate,
                               checkpoint < self->checkpoints->len ? g_array_index (self->checkpoints, guint64, checkpoint) : 0);
}

static void
recheck_clicked_cb (AssayAuditSamplingPage *self)
{
  AssayReplica *replica = get_replica (self);

  if (replica == NULL || assay_audit_sample_job_get_sample (self->job) == NULL ||
      assay_audit_sample_job_get_running (self->job))
    return;
  assay_audit_sample_job_recheck (self->job, assay_replica_get_path (replica));
}

static void
job_progress_cb (AssayAuditSamplingPage *self)
{
  double fraction = assay_audit_sample_job_get_fraction (self->job);
  double elapsed = assay_audit_sample_job_get_elapsed (self->job);
  g_autofree char *text = NULL;
  gboolean recheck = assay_audit_sample_job_get_kind (self->job) == ASSAY_AUDIT_SAMPLE_JOB_RECHECK;

  if (!assay_audit_sample_job_get_running (self->job))
    return;
  if (fraction < 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_strdup_printf (_("Drawing the sample from the population… %.0f s"), elapsed);
    }
  else
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      text = g_strdup_printf (recheck ? _("Re-checking the sampled records… %.0f %%")
                                      : _("Reading the sampled records… %.0f %%"), 100 * fraction);
    }
  set_label_status (self->status_label, text, FALSE);
}

static void
job_notify_running_cb (AssayAuditSamplingPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), assay_audit_sample_job_get_running (self->job));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  job_progress_cb (self);
  update_sensitivity (self);
}

static void
job_finished_cb (AssayAuditSamplingPage *self)
{
  const GError *error = assay_audit_sample_job_get_error (self->job);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (assay_audit_sample_job_get_kind (self->job) == ASSAY_AUDIT_SAMPLE_JOB_RECHECK
                                               ? _("The re-check did not run: %s") : _("The sample was not drawn: %s"),
                                               error->message);
      set_label_status (self->status_label, text, TRUE);
      update_sensitivity (self);
      return;
    }
  if (assay_audit_sample_job_get_kind (self->job) == ASSAY_AUDIT_SAMPLE_JOB_RECHECK)
    show_rechecks (self);
  else
    show_sample (self);
  update_empty_page (self);
  update_sensitivity (self);
}

/* ---- export --------------------------------------------------------------------- */

char *
_assay_audit_sampling_page_dup_csv (AssayAuditSamplingPage *self)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  g_autoptr(GPtrArray) findings = NULL;

  if (sample == NULL)
    return NULL;
  findings = load_findings (self, NULL);
  return assay_audit_sample_to_csv (sample, assay_audit_sample_job_get_records (self->job),
                                    assay_audit_sample_job_get_rechecks (self->job), findings);
}

static void
export_response_cb (AssayAuditSamplingPage *self,
                    int                     response,
                    GtkFileChooserNative   *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (csv = _assay_audit_sampling_page_dup_csv (self)) == NULL)
    return;
  if (g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    message = g_strdup_printf (_("Saved the sample to %s"), g_file_peek_path (file));
  else
    message = g_strdup_printf (_("The sample was not saved: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_clicked_cb (AssayAuditSamplingPage *self)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (self->job);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (sample == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Audit Sample"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  name = g_strdup_printf ("sample-%d-%s-%s.csv", sample->year, sample->province, sample->rate);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Benford -------------------------------------------------------------------- */

static const AssayBenfordGroup *
benford_group (AssayAuditSamplingPage *self,
               gpointer                item)
{
  const AssayBenfordResult *result = assay_audit_sample_job_get_benford (self->benford_job);
  guint i = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  return result != NULL && i < result->groups->len ? g_ptr_array_index (result->groups, i) : NULL;
}

/* Nigrini's nonconformity is the flag: with thousands of events a χ²
 * test rejects any real-world distribution, the MAD does not. */
static gboolean
benford_is_flagged (const AssayBenfordGroup *g)
{
  return g->conformity == ASSAY_BENFORD_NONCONFORMITY;
}

static char *
benford_unit_label (AssayAuditSamplingPage  *self,
                    const AssayBenfordGroup *g)
{
  const AssayBenfordResult *result = assay_audit_sample_job_get_benford (self->benford_job);

  return result->by == ASSAY_BENFORD_BY_COUNTY ? assay_county_format (g->group) : g_strdup (g->group);
}

static char *
benford_format (AssayAuditSamplingPage  *self,
                const AssayBenfordGroup *g,
                guint                    column)
{
  switch (column)
    {
    case BENFORD_UNIT:
      return benford_unit_label (self, g);
    case BENFORD_N:
      return g_strdup_printf ("%" PRIu64, g->n);
    case BENFORD_CHISQ:
      return isnan (g->chisq) ? g_strdup ("—") : g_strdup_printf ("%.1f", g->chisq);
    case BENFORD_P:
      return isnan (g->p_value) ? g_strdup ("—") : g_strdup_printf ("%.3g", g->p_value);
    case BENFORD_MAD:
      return isnan (g->mad) ? g_strdup ("—") : g_strdup_printf ("%.4f", g->mad);
    case BENFORD_READING:
    default:
      return g_strdup (assay_benford_conformity_get_label (g->conformity));
    }
}

static void
benford_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == BENFORD_UNIT || column == BENFORD_READING ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column != BENFORD_UNIT && column != BENFORD_READING)
    gtk_widget_add_css_class (label, "numeric");
  if (column == BENFORD_READING)
    gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
benford_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  AssayAuditSamplingPage *self = g_object_get_data (G_OBJECT (factory), "page");
  const AssayBenfordGroup *g = benford_group (self, gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (g == NULL)
    return;
  text = benford_format (self, g, GPOINTER_TO_UINT (data));
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  if (GPOINTER_TO_UINT (data) == BENFORD_READING && benford_is_flagged (g))
    gtk_widget_add_css_class (label, "error");
  else if (GPOINTER_TO_UINT (data) == BENFORD_READING && g->conformity == ASSAY_BENFORD_INSUFFICIENT)
    gtk_widget_add_css_class (label, "dim-label");
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b))

/* NaN (an insufficient unit) sorts last either way of reading. */
static int
cmp_double (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return CMP (isnan (a), isnan (b));
  return CMP (a, b);
}

static int
benford_sort_func (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  AssayAuditSamplingPage *self = g_object_get_data (G_OBJECT (data), "page");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (data), "column"));
  const AssayBenfordGroup *ga = benford_group (self, (gpointer) a);
  const AssayBenfordGroup *gb = benford_group (self, (gpointer) b);
  int c = 0;

  if (ga == NULL || gb == NULL)
    return 0;
  switch (column)
    {
    case BENFORD_N:
      c = CMP (ga->n, gb->n);
      break;
    case BENFORD_CHISQ:
      c = cmp_double (ga->chisq, gb->chisq);
      break;
    case BENFORD_P:
      c = cmp_double (ga->p_value, gb->p_value);
      break;
    case BENFORD_MAD:
      c = cmp_double (ga->mad, gb->mad);
      break;
    case BENFORD_READING:
      c = CMP (ga->conformity, gb->conformity);
      break;
    default:
      break;
    }
  return c != 0 ? c : g_strcmp0 (ga->group, gb->group);
}

/* Observed shares as bars, Benford's as a line over them. */
/* Nigrini's z of each digit, those past 1.96 (two-sided 5 %) starred;
 * NULL when the unit has too few events for a test. */
static char *
describe_z (const AssayBenfordGroup *g)
{
  GString *digits = g_string_new (NULL);
  g_autofree char *joined = NULL;

  if (isnan (g->z[0]))
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  for (guint d = 0; d < 9; d++)
    g_string_append_printf (digits, "%s%u: %.2f%s", d > 0 ? " · " : "", d + 1, g->z[d],
                            fabs (g->z[d]) > 1.96 ? "*" : "");
  joined = g_string_free (digits, FALSE);
  /* Translators: the digits' z values follow, "1: 0.42 · 2: 28.10* · …". */
  return g_strdup_printf (_("Nigrini’s z by digit (* beyond 1.96): %s"), joined);
}

static void
show_benford_chart (AssayAuditSamplingPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->benford_selection);
  const AssayBenfordGroup *g = item != NULL ? benford_group (self, item) : NULL;
  const char *labels[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
  double observed[9], expected[9];
  g_autofree char *unit = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *z_line = NULL;

  assay_chart_clear (self->benford_chart);
  if (g == NULL || g->n == 0)
    {
      gtk_label_set_text (self->benford_chart_label, _("Select a unit to compare its first digits with Benford’s law."));
      return;
    }
  for (guint d = 0; d < 9; d++)
    {
      observed[d] = (double) g->counts[d] / g->n;
      expected[d] = assay_benford_expected_share (d + 1);
    }
  unit = benford_unit_label (self, g);
  /* Translators: the chart's caption: the unit and its events. */
  caption = g_strdup_printf (_("First digits of %1$s’s %2$" PRIu64 " events (bars) against Benford’s law log₁₀(1 + 1/d) (line)"),
                             unit, g->n);
  z_line = describe_z (g);
  if (z_line != NULL)
    {
      g_autofree char *both = g_strconcat (caption, "\n", z_line, NULL);

      g_free (caption);
      caption = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->benford_chart_label, caption);
  assay_chart_set_categories (self->benford_chart, 9, labels, NULL);
  assay_bar_layer_set_values (self->observed_layer, 9, observed);
  assay_line_layer_set_values (self->expected_layer, 9, expected);
  assay_chart_add_layer (self->benford_chart, ASSAY_CHART_LAYER (self->observed_layer));
  assay_chart_add_layer (self->benford_chart, ASSAY_CHART_LAYER (self->expected_layer));
}

static void
show_benford (AssayAuditSamplingPage *self)
{
  const AssayBenfordResult *result = assay_audit_sample_job_get_benford (self->benford_job);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *status = NULL;
  guint flagged = 0, tested = 0;

  if (result == NULL)
    return;
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayBenfordGroup *g = g_ptr_array_index (result->groups, i);
      g_autofree char *key = g_strdup_printf ("%u", i);

      flagged += benford_is_flagged (g);
      tested += g->conformity != ASSAY_BENFORD_INSUFFICIENT;
      g_ptr_array_add (items, gtk_string_object_new (key));
    }
  g_list_store_splice (self->benford_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->benford_store)),
                       items->pdata, items->len);
  /* Translators: units, of them with enough events, of them flagged, and the minimum. */
  status = g_strdup_printf (_("%1$u units, %2$u with at least %4$u events; %3$u flagged (nonconformity by Nigrini’s MAD)."),
                            result->groups->len, tested, flagged, result->min_n);
  set_label_status (self->benford_status_label, status, FALSE);
  gtk_stack_set_visible_child_name (self->benford_stack, result->groups->len > 0 ? "results" : "empty");
  if (result->groups->len == 0)
    {
      adw_status_page_set_title (self->benford_empty_page, _("No Events"));
      adw_status_page_set_description (self->benford_empty_page, _("The replica holds no event with positive points."));
    }
  gtk_single_selection_set_selected (self->benford_selection, 0);
  show_benford_chart (self);
}

static void
benford_clicked_cb (AssayAuditSamplingPage *self)
{
  AssayReplica *replica = get_replica (self);

  if (replica == NULL)
    return;
  assay_audit_sample_job_benford (self->benford_job, assay_replica_get_path (replica),
                                  gtk_drop_down_get_selected (self->benford_by_dropdown) == 1
                                  ? ASSAY_BENFORD_BY_COUNTY : ASSAY_BENFORD_BY_ISSUER,
                                  ASSAY_BENFORD_DEFAULT_MIN_N);
}

static void
benford_running_cb (AssayAuditSamplingPage *self)
{
  if (assay_audit_sample_job_get_running (self->benford_job))
    set_label_status (self->benford_status_label, _("Counting first digits…"), FALSE);
  update_sensitivity (self);
}

static void
benford_finished_cb (AssayAuditSamplingPage *self)
{
  const GError *error = assay_audit_sample_job_get_error (self->benford_job);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The first digits were not counted: %s"), error->message);

      set_label_status (self->benford_status_label, text, TRUE);
      return;
    }
  show_benford (self);
}

static void
update_benford_empty_page (AssayAuditSamplingPage *self)
{
  if (assay_audit_sample_job_get_benford (self->benford_job) != NULL)
    return;
  gtk_stack_set_visible_child_name (self->benford_stack, "empty");
  adw_status_page_set_title (self->benford_empty_page,
                             get_replica (self) == NULL ? _("No Replica") : _("First Digits"));
  adw_status_page_set_description (self->benford_empty_page,
                                   get_replica (self) == NULL
                                   ? _("Sync the ledger on the Ledger page first.")
                                   : _("Compare the first digits of each issuer’s or county’s event points with Benford’s law: χ², p and Nigrini’s MAD per unit."));
}

/* ---- tables --------------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  AssaySampleColumn column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = column == ASSAY_SAMPLE_COLUMN_INDEX || column == ASSAY_SAMPLE_COLUMN_POINTS;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column == ASSAY_SAMPLE_COLUMN_FINDING)
    gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
style_cell (GtkWidget         *label,
            AssaySampleRow    *row,
            AssaySampleColumn  column)
{
  const char *finding = assay_sample_row_get_finding (row);
  int status = assay_sample_row_get_recheck_status (row);

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (column == ASSAY_SAMPLE_COLUMN_RECHECK && status >= 0 && !assay_sample_row_get_recheck_passes (row))
    gtk_widget_add_css_class (label, status == ASSAY_RECHECK_CANNOT_RECOMPUTE ? "warning" : "error");
  if (column == ASSAY_SAMPLE_COLUMN_FINDING && finding != NULL && !g_str_equal (finding, "correct"))
    gtk_widget_add_css_class (label, g_str_equal (finding, "fraud") ? "error" : "warning");
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  AssaySampleColumn column = GPOINTER_TO_INT (data);
  AssaySampleRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = assay_sample_row_format (row, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, column == ASSAY_SAMPLE_COLUMN_FINDING && assay_sample_row_get_note (row) != NULL
                                      ? assay_sample_row_get_note (row) : text);
  style_cell (label, row, column);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  return assay_sample_row_compare ((AssaySampleRow *) a, (AssaySampleRow *) b, GPOINTER_TO_INT (data));
}

static GtkColumnViewColumn *
new_column (const char           *title,
            GtkListItemFactory   *factory,
            GtkSorter            *sorter,
            int                   width,
            gboolean              expand)
{
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, expand);
  return column;
}

static void
set_up_sample_table (AssayAuditSamplingPage *self)
{
  GtkSorter *sorter;

  for (guint c = 0; c < ASSAY_N_SAMPLE_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) column_sorter = gtk_custom_sorter_new (sort_func, GINT_TO_POINTER (c), NULL);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (c));
      column = new_column (_(column_titles[c]), factory, GTK_SORTER (column_sorter), column_widths[c],
                           c == ASSAY_SAMPLE_COLUMN_RECHECK);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  self->store = g_list_store_new (ASSAY_TYPE_SAMPLE_ROW);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), g_object_ref (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_selected_record), self);
}

static void
set_up_benford_table (AssayAuditSamplingPage *self)
{
  const int widths[N_BENFORD_COLUMNS] = { 150, 70, 70, 90, 70, 130 };
  GtkSorter *sorter;

  for (guint c = 0; c < N_BENFORD_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) column_sorter = NULL;
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (benford_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (benford_bind_cb), GUINT_TO_POINTER (c));
      column_sorter = gtk_custom_sorter_new (benford_sort_func, NULL, NULL);
      g_object_set_data (G_OBJECT (column_sorter), "page", self);
      g_object_set_data (G_OBJECT (column_sorter), "column", GUINT_TO_POINTER (c));
      /* The sort function finds the page and column on the sorter itself. */
      gtk_custom_sorter_set_sort_func (column_sorter, benford_sort_func, column_sorter, NULL);
      column = new_column (_(benford_titles[c]), factory, GTK_SORTER (column_sorter), widths[c],
                           c == BENFORD_UNIT || c == BENFORD_READING);
      gtk_column_view_append_column (self->benford_view, column);
      g_object_unref (column);
    }
  self->benford_store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  sorter = gtk_column_view_get_sorter (self->benford_view);
  self->benford_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->benford_store)), g_object_ref (sorter));
  self->benford_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->benford_sorted)));
  gtk_column_view_set_model (self->benford_view, GTK_SELECTION_MODEL (g_object_ref (self->benford_selection)));
  g_signal_connect_swapped (self->benford_selection, "notify::selected-item", G_CALLBACK (show_benford_chart), self);
}

static void
set_up_choices (AssayAuditSamplingPage *self)
{
  g_autoptr(GtkStringList) findings = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) by = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (finding_ids); i++)
    gtk_string_list_append (findings, assay_sample_finding_get_label (finding_ids[i]));
  gtk_drop_down_set_model (self->finding_dropdown, G_LIST_MODEL (findings));
  /* In AssayBenfordBy's order. */
  gtk_string_list_append (by, _("Issuer"));
  gtk_string_list_append (by, _("County"));
  gtk_drop_down_set_model (self->benford_by_dropdown, G_LIST_MODEL (by));
  gtk_label_set_text (self->caveat_label, assay_benford_get_caveat ());
}

/* ---- session -------------------------------------------------------------------- */

static void
session_notify_replica_cb (AssayAuditSamplingPage *self)
{
  fill_provinces (self);
  fill_checkpoints (self);
  set_default_year (self);
  update_empty_page (self);
  update_benford_empty_page (self);
  update_sensitivity (self);
}

static void
session_flags_updated_cb (AssayAuditSamplingPage *self)
{
  fill_provinces (self);
  fill_checkpoints (self);
  /* The replica opens when the first sync begins, still empty: the year
   * of its data is known only now.  Once a sample is drawn the year is
   * the auditor's. */
  if (assay_audit_sample_job_get_sample (self->job) == NULL)
    set_default_year (self);
  update_sensitivity (self);
}

static void
assay_audit_sampling_page_constructed (GObject *object)
{
  AssayAuditSamplingPage *self = ASSAY_AUDIT_SAMPLING_PAGE (object);

  G_OBJECT_CLASS (assay_audit_sampling_page_parent_class)->constructed (object);

  g_signal_connect_object (assay_page_get_session (ASSAY_PAGE (self)), "notify::replica",
                           G_CALLBACK (session_notify_replica_cb), self, G_CONNECT_SWAPPED);
  /* A sync adds checkpoints and events (the flags are refreshed after
   * each): new choices. */
  g_signal_connect_object (assay_page_get_session (ASSAY_PAGE (self)), "flags-updated",
                           G_CALLBACK (session_flags_updated_cb), self, G_CONNECT_SWAPPED);
  session_notify_replica_cb (self);
}

static void
assay_audit_sampling_page_dispose (GObject *object)
{
  AssayAuditSamplingPage *self = ASSAY_AUDIT_SAMPLING_PAGE (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  if (self->benford_job != NULL)
    g_signal_handlers_disconnect_by_data (self->benford_job, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->benford_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->benford_selection, self);
  g_clear_object (&self->job);
  g_clear_object (&self->benford_job);
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_AUDIT_SAMPLING_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);
  g_clear_object (&self->benford_selection);
  g_clear_object (&self->benford_sorted);
  g_clear_object (&self->benford_store);
  g_clear_object (&self->observed_layer);
  g_clear_object (&self->expected_layer);
  g_clear_pointer (&self->provinces, g_ptr_array_unref);
  g_clear_pointer (&self->checkpoints, g_array_unref);

  G_OBJECT_CLASS (assay_audit_sampling_page_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AssayAuditSamplingPage, name)

static void
assay_audit_sampling_page_class_init (AssayAuditSamplingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_audit_sampling_page_constructed;
  object_class->dispose = assay_audit_sampling_page_dispose;

  g_type_ensure (ASSAY_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-audit-sampling-page.ui");
  BIND (toast_overlay);
  BIND (view_stack);
  BIND (year_spin);
  BIND (province_dropdown);
  BIND (rate_entry);
  BIND (checkpoint_dropdown);
  BIND (draw_button);
  BIND (recheck_button);
  BIND (export_button);
  BIND (progress_bar);
  BIND (status_label);
  BIND (seed_expander);
  BIND (seed_label);
  BIND (derivation_label);
  BIND (seed_hex_label);
  BIND (main_stack);
  BIND (empty_page);
  BIND (column_view);
  BIND (record_label);
  BIND (finding_dropdown);
  BIND (note_entry);
  BIND (record_button);
  BIND (verdict_label);
  BIND (fraud_label);
  BIND (method_label);
  BIND (sign_button);
  BIND (signed_label);
  BIND (benford_by_dropdown);
  BIND (benford_button);
  BIND (benford_status_label);
  BIND (caveat_label);
  BIND (benford_stack);
  BIND (benford_empty_page);
  BIND (benford_view);
  BIND (benford_chart_label);
  BIND (benford_chart);
  gtk_widget_class_bind_template_callback (widget_class, draw_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recheck_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, benford_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
}

static void
assay_audit_sampling_page_init (AssayAuditSamplingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->provinces = g_ptr_array_new_with_free_func (g_free);
  self->checkpoints = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->job = assay_audit_sample_job_new ();
  self->benford_job = assay_audit_sample_job_new ();
  self->observed_layer = assay_bar_layer_new ();
  self->expected_layer = assay_line_layer_new ();
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (self->observed_layer), _("Observed"));
  assay_chart_layer_set_title (ASSAY_CHART_LAYER (self->expected_layer), _("Benford"));
  assay_chart_layer_set_color_index (ASSAY_CHART_LAYER (self->expected_layer), 3);
  g_signal_connect_swapped (self->job, "notify::running", G_CALLBACK (job_notify_running_cb), self);
  g_signal_connect_swapped (self->job, "notify::elapsed", G_CALLBACK (job_progress_cb), self);
  g_signal_connect_swapped (self->job, "finished", G_CALLBACK (job_finished_cb), self);
  g_signal_connect_swapped (self->benford_job, "notify::running", G_CALLBACK (benford_running_cb), self);
  g_signal_connect_swapped (self->benford_job, "finished", G_CALLBACK (benford_finished_cb), self);
  set_up_choices (self);
  set_up_sample_table (self);
  set_up_benford_table (self);
}

/* ---- for the tests -------------------------------------------------------------- */

AssayAuditSampleJob *
_assay_audit_sampling_page_get_job (AssayAuditSamplingPage *self)
{
  return self->job;
}

AssayAuditSampleJob *
_assay_audit_sampling_page_get_benford_job (AssayAuditSamplingPage *self)
{
  return self->benford_job;
}

GListModel *
_assay_audit_sampling_page_get_rows (AssayAuditSamplingPage *self)
{
  return G_LIST_MODEL (self->sorted);
}

GListModel *
_assay_audit_sampling_page_get_benford_rows (AssayAuditSamplingPage *self)
{
  return G_LIST_MODEL (self->benford_sorted);
}

void
_assay_audit_sampling_page_select (AssayAuditSamplingPage *self,
                                   guint                   position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

AssayAuditFindingsDialog *
_assay_audit_sampling_page_get_dialog (AssayAuditSamplingPage *self)
{
  return self->dialog;
}

GtkWidget *
_assay_audit_sampling_page_get_widget (AssayAuditSamplingPage *self,
                                       const char             *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ASSAY_TYPE_AUDIT_SAMPLING_PAGE, id));
}
