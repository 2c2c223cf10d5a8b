/* assay-weights-view.c — the weights: in force, history, notice, calibration and the editor that proposes
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

#include "assay-day.h"
#include "assay-decision.h"
#include "assay-dsse.h"
#include "assay-notice-export.h"
#include "assay-push-job.h"
#include "assay-replica-features.h"
#include "assay-replica-outbox.h"
#include "assay-weights-propose-dialog.h"
#include "assay-weights-what-if-task.h"
#include "assay-weights-what-if-view.h"
#include "assay-weights-view-private.h"

#define N_QUARTERS 4

struct _AssayWeightsView
{
  AdwBin                   parent_instance;

  AssaySession            *session;
  GSignalGroup            *replica_signals;
  GSignalGroup            *source_signals;
  AssayWeightsBoard       *board;
  char                    *message;
  char                    *refusal;
  AssayWeightsCalibration *calibration;
  GCancellable            *calibration_cancellable;
  GPtrArray               *rows;           /* what reload added to the groups */
  GPtrArray               *history_rows;   /* AdwExpanderRow, in version order */
  GPtrArray               *waiting_rows;   /* AdwActionRow */
  GArray                  *quarters;       /* guint32 days the quarter row offers */
  GtkSpinButton           *spins[ASSAY_N_DIMENSIONS];
  GtkLabel                *weight_errors[ASSAY_N_DIMENSIONS];
  gboolean                 can_propose;

  /* Template widgets */
  GtkLabel                *message_label;
  AdwPreferencesGroup     *in_force_group;
  AdwPreferencesGroup     *history_group;
  AdwPreferencesGroup     *waiting_group;
  AdwPreferencesGroup     *calibration_group;
  AdwPreferencesGroup     *editor_group;
  GtkLabel                *sum_label;
  AdwPreferencesGroup     *proposal_group;
  AdwComboRow             *quarter_row;
  GtkTextView             *rationale_view;
  GtkLabel                *refusal_label;
  GtkButton               *propose_button;
  GtkLabel                *what_if_status_label;
  GtkButton               *what_if_button;
  AssayWeightsWhatIfView  *what_if_view;

  GCancellable            *what_if_cancellable;
};

G_DEFINE_FINAL_TYPE (AssayWeightsView, assay_weights_view, ADW_TYPE_BIN)

static void          reload       (AssayWeightsView *self);
static AssayRuleSet *get_rule_set (AssayWeightsView *self);

/* ---- helpers -------------------------------------------------------------------------- */

/* Basis points as a percentage with exactly two decimals: "98.50". */
static char *
format_two_decimals (gint64 basis_points)
{
  return g_strdup_printf ("%" PRIi64 ".%02" PRIi64, basis_points / 100, ABS (basis_points % 100));
}

static char *
format_quarter (guint32 quarter)
{
  /* Translators: a calendar quarter, "2026 Q1". */
  return g_strdup_printf (_("%1$u Q%2$u"), quarter / 10, quarter % 10);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static void
add_row (AssayWeightsView    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (AssayWeightsView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->history_rows, 0);
  g_ptr_array_set_size (self->waiting_rows, 0);
}

static char *
format_weights (const AssayWeightsVersion *v)
{
  AssayWeights w = { { 0 }, 0 };

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    w.basis_points[d] = v->basis_points[d];
  return assay_weights_format (&w);
}

/* ---- in force and history ---------------------------------------------------------------- */

static char *
equal_sentence (const AssayWeightsBoard *board)
{
  g_autofree char *end = assay_day_format (board->options.equal_weight_end - 1);
  g_autofree char *after = assay_day_format (board->options.equal_weight_end);
  g_autofree char *start = assay_day_format (board->options.pilot_start);

  if (assay_weights_board_in_equal_period (board))
    /* Translators: the first day after the equal-weight period, the pilot's first day. */
    return g_strdup_printf (_("The plan's equal weights: every multiplier is exactly 1. The equal-weight period is the "
                              "plan's explicit exception (16.67 %% lies outside the ranges of professional and "
                              "data): the ranges apply from %1$s, the first day after the equal-weight period "
                              "that began with the pilot on %2$s."), after, start);
  /* Translators: the last day of the equal-weight period. */
  return g_strdup_printf (_("The plan's equal weights are still in force, every multiplier exactly 1: the "
                            "equal-weight period ended on %s and no weights version has taken effect since."), end);
}

static void
fill_in_force (AssayWeightsView *self)
{
  const AssayWeightsVersion *v = assay_weights_board_in_force (self->board);
  g_autofree char *description = NULL;

  if (v->equal)
    description = equal_sentence (self->board);
  else
    {
      g_autofree char *since = assay_day_format (v->effective);

      /* Translators: the log index of the weights decision, the day it took effect. */
      description = g_strdup_printf (_("The weights of log index %1$" PRIu64 ", in force since %2$s; each "
                                       "dimension's multiplier is 6 × its weight."), v->index, since);
    }
  adw_preferences_group_set_description (self->in_force_group, description);
  /* Six rows saying the same would only repeat the sentence above. */
  if (v->equal)
    {
      add_row (self, self->in_force_group,
               text_row (_("All six dimensions"), _("Equal weight, multiplier exactly 1")));
      return;
    }
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      g_autofree char *percent = assay_weights_format_percent (v->basis_points[d]);
      g_autofree char *value = NULL;

      /* Translators: a weight and its multiplier, "25 %, multiplier 1.5". */
      value = g_strdup_printf (_("%1$s %%, multiplier %2$.4g"), percent, v->multiplier[d]);
      add_row (self, self->in_force_group, text_row (assay_dimension_get_label (d), value));
    }
}

static char *
history_subtitle (const AssayWeightsBoard   *board,
                  const AssayWeightsVersion *v)
{
  g_autofree char *notice = assay_weights_notice_text (v, board->today);
  g_autofree char *effective = assay_day_format (v->effective);
  const char *status = assay_weights_status_label (v->status);

  if (v->equal)
    /* Translators: the status of the plan's equal weights, "In force". */
    return g_strdup_printf (_("%s · from the beginning of the pilot"), status);
  if (notice != NULL)
    return g_strdup_printf ("%s · %s", status, notice);
  if (v->status == ASSAY_WEIGHTS_VOID || v->status == ASSAY_WEIGHTS_REPLACED)
    return g_strdup (status);
  /* Translators: a status, then the day the weights took effect. */
  return g_strdup_printf (_("%1$s · effective %2$s"), status, effective);
}

static void
add_detail (AdwExpanderRow *expander,
            const char     *title,
            const char     *value)
{
  adw_expander_row_add_row (expander, text_row (title, value));
}

static void
replace_text (char       **text,
                 const char  *never)
{
  g_free (*text);
  *text = g_strdup (never);
}

static void
fill_version_details (AdwExpanderRow            *expander,
                      const AssayWeightsVersion *v,
                      const AssayStoredWeights  *stored)
{
  g_autofree char *logged = assay_day_format (v->logged_day);
  g_autofree char *proposed = assay_day_format (stored->effective_day);
  g_autofree char *notice_end = assay_day_format (v->notice_end - 1);
  g_autofree char *effective = assay_day_format (v->effective);
  g_autofree char *weights = format_weights (v);
  g_autofree char *signers = g_strjoinv (", ", stored->signers);

  /* A void or replaced version never applies: no day to show. */
  if (v->status == ASSAY_WEIGHTS_VOID)
    replace_text (&effective, _("Never: it falls inside the equal-weight period"));
  else if (v->status == ASSAY_WEIGHTS_REPLACED)
    replace_text (&effective, _("Never: a later version takes the same quarter"));

  add_detail (expander, _("Weights"), weights);
  add_detail (expander, _("Logged"), logged);
  add_detail (expander, _("Public notice until"), notice_end);
  add_detail (expander, _("Proposed effective date"), proposed);
  add_detail (expander, _("Takes effect"), effective);
  add_detail (expander, _("Signed by"), signers);
  add_detail (expander, _("Rationale"), stored->rationale);
  add_detail (expander, _("Payload SHA-256"), stored->hash);
}

/* ---- exporting a version's public notice ----------------------------------------------------- */

static void
tell (AssayWeightsView *self,
      const char       *heading,
      const char       *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AssayWeightsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!assay_notice_export_finish (result, &error))
    tell (self, _("The Notice Was Not Written"), error->message);
  else
    tell (self, _("Notice Written"),
          _("The public notice, in Chinese and English, with the what-if the committee saw, is in the file you "
            "chose."));
}

static void
export_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    AssayWeightsView     *self)
{
  guint64 index = *(guint64 *) g_object_get_data (G_OBJECT (chooser), "log-index");
  AssayRuleSet *set = get_rule_set (self);
  const char *replica_path = assay_session_get_effective_replica_path (self->session);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL || set == NULL || replica_path == NULL)
    return;
  assay_notice_export_async (replica_path, set, index, path, NULL, export_done_cb, g_object_ref (self));
}

static void
export_clicked_cb (GtkButton        *button,
                   AssayWeightsView *self)
{
  guint64 index = *(guint64 *) g_object_get_data (G_OBJECT (button), "log-index");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = g_strdup_printf ("notice-%" G_GUINT64_FORMAT ".pdf", index);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export the Public Notice (.pdf or .html)"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "log-index", g_memdup2 (&index, sizeof index), g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
export_button (AssayWeightsView *self,
               guint64           index)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Notice…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Export this version's public notice (公示) as PDF or HTML"));
  g_object_set_data_full (G_OBJECT (button), "log-index", g_memdup2 (&index, sizeof index), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (export_clicked_cb), self);
  return button;
}

static void
fill_history (AssayWeightsView *self)
{
  guint n = assay_weights_board_get_n_versions (self->board);

  for (guint i = 0; i < n; i++)
    {
      const AssayWeightsVersion *v = assay_weights_board_get_version (self->board, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = history_subtitle (self->board, v);

      if (v->equal)
        title = g_strdup (_("The plan's equal weights"));
      else
        /* Translators: a weights version's number and the log index of its decision. */
        title = g_strdup_printf (_("Version %1$u · log index %2$" PRIu64), i, v->index);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      if (v->equal)
        add_detail (ADW_EXPANDER_ROW (row), _("Multipliers"),
                    _("Every dimension exactly 1: the plan's explicit exception, the ranges not applied."));
      else
        {
          fill_version_details (ADW_EXPANDER_ROW (row), v, assay_weights_board_get_stored (self->board, i));
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), export_button (self, v->index));
        }
      add_row (self, self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
    }
}

/* ---- the outbox's weights proposals ----------------------------------------------------- */

static char *
outbox_weights (const AssayOutboxRow *row)
{
  g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (row->envelope, -1, NULL);
  g_autoptr(AssayDecision) d = NULL;
  AssayWeights w;

  if (envelope == NULL || (d = assay_decision_new_from_envelope (envelope, NULL)) == NULL ||
      !assay_weights_from_params (d->params, &w, NULL))
    return g_strdup (_("Weights proposal"));
  return assay_weights_format (&w);
}

static char *
outbox_state (const AssayOutboxRow *row)
{
  if (row->state == ASSAY_OUTBOX_QUEUED)
    return g_strdup (_("Signed and queued: not yet accepted by the service"));
  /* Translators: the service's answer, "Accepted; signed by 1 of 3, waiting for the others." */
  return g_strdup_printf (_("At the service: %s"),
                          row->answer != NULL ? row->answer : "—");
}

static void
fill_waiting (AssayWeightsView *self,
              AssayReplica     *replica)
{
  g_autoptr(GPtrArray) outbox = assay_replica_outbox_list (replica, NULL);

  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      const AssayOutboxRow *row = g_ptr_array_index (outbox, i);
      g_autofree char *title = NULL, *state = NULL;
      GtkWidget *widget;

      if (g_strcmp0 (row->kind, "weights") != 0 ||
          (row->state != ASSAY_OUTBOX_QUEUED && row->state != ASSAY_OUTBOX_PENDING))
        continue;
      title = outbox_weights (row);
      state = outbox_state (row);
      widget = text_row (title, state);
      add_row (self, self->waiting_group, widget);
      g_ptr_array_add (self->waiting_rows, widget);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), self->waiting_rows->len > 0);
}

/* ---- calibration --------------------------------------------------------------------- */

static char *
calibration_subtitle (const AssayDimensionCalibration *c,
                      guint32                          quarter)
{
  g_autofree char *before = format_quarter (assay_quarter_previous (quarter));
  g_autofree char *share = NULL, *growth = NULL, *flags = NULL, *median = NULL;

  share = isnan (c->share) ? g_strdup (_("no share: the quarter has no points"))
                           : g_strdup_printf (_("%.1f %% of the quarter's points"), 100 * c->share);
  if (isnan (c->growth))
    /* Translators: the quarter before, "2025 Q4". */
    growth = g_strdup_printf (_("no points in %s to compare with"), before);
  else
    /* Translators: the growth in percent, then the quarter before. */
    growth = g_strdup_printf (_("%1$+.1f %% against %2$s"), 100 * c->growth, before);
  flags = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Article X flag", "%u Article X flags", c->n_flags),
                           c->n_flags);
  if (c->n_active == 0)
    median = g_strdup (_("no active account"));
  else
    /* Translators: the median points, then the number of accounts with points in the dimension. */
    median = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "median %1$.0f points over %2$" PRIu64 " active account",
                                           "median %1$.0f points over %2$" PRIu64 " active accounts",
                                           c->n_active),
                              c->median_points, c->n_active);
  return g_strdup_printf ("%s · %s · %s · %s", share, growth, flags, median);
}

static void
show_calibration (AssayWeightsView *self)
{
  const AssayWeightsCalibration *c = self->calibration;
  g_autofree char *quarter = NULL, *description = NULL;

  if (c == NULL || c->quarter == 0)
    {
      adw_preferences_group_set_description (self->calibration_group,
                                             c == NULL ? _("Reading the quarter's aggregates…")
                                                       : _("No complete quarter in the replica yet."));
      return;
    }
  quarter = format_quarter (c->quarter);
  /* Translators: the quarter, the accounts with points in it, the checkpoint size. */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%1$s, the last complete quarter: %2$" PRIu64 " account with "
                                              "points, at checkpoint %3$" PRIu64 ". Article X flags are the stored "
                                              "flags of the quarter, by the dimension they name.",
                                              "%1$s, the last complete quarter: %2$" PRIu64 " accounts with "
                                              "points, at checkpoint %3$" PRIu64 ". Article X flags are the stored "
                                              "flags of the quarter, by the dimension they name.",
                                              c->n_accounts),
                                 quarter, c->n_accounts, c->checkpoint_size);
  adw_preferences_group_set_description (self->calibration_group, description);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      g_autofree char *subtitle = calibration_subtitle (&c->dimensions[d], c->quarter);

      add_row (self, self->calibration_group, text_row (assay_dimension_get_label (d), subtitle));
    }
}

static void
calibration_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AssayWeightsView) self = user_data;
  g_autoptr(GError) error = NULL;
  AssayWeightsCalibration *c = assay_weights_calibration_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->calibration, g_free);
  self->calibration = c;
  if (c == NULL)
    {
      adw_preferences_group_set_description (self->calibration_group, error->message);
      return;
    }
  show_calibration (self);
}

static void
start_calibration (AssayWeightsView *self,
                   AssayReplica     *replica)
{
  g_cancellable_cancel (self->calibration_cancellable);
  g_cancellable_cancel (self->what_if_cancellable);
  g_clear_object (&self->what_if_cancellable);
  g_clear_object (&self->calibration_cancellable);
  g_clear_pointer (&self->calibration, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->calibration_group), replica != NULL);
  if (replica == NULL)
    return;
  show_calibration (self);
  self->calibration_cancellable = g_cancellable_new ();
  assay_weights_calibration_async (assay_replica_get_path (replica), assay_day_today (),
                                   self->calibration_cancellable, calibration_done_cb, g_object_ref (self));
}

/* ---- the editor ---------------------------------------------------------------------- */

static void
read_weights (AssayWeightsView *self,
              AssayWeights     *out)
{
  guint selected = adw_combo_row_get_selected (self->quarter_row);

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    out->basis_points[d] = llround (gtk_spin_button_get_value (self->spins[d]) * 100);
  out->effective_day = selected < self->quarters->len ? g_array_index (self->quarters, guint32, selected) : 0;
}

static char *
get_rationale (AssayWeightsView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static gint64
show_field_errors (AssayWeightsView   *self,
                   const AssayWeights *w)
{
  gint64 sum = 0;

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = assay_weights_check_range (w, d, &error);

      gtk_label_set_text (self->weight_errors[d], ok ? "" : error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->weight_errors[d]), !ok);
      sum += w->basis_points[d];
    }
  return sum;
}

static void
show_sum (AssayWeightsView *self,
          gint64            sum)
{
  g_autofree char *total = format_two_decimals (sum);
  g_autofree char *text = NULL;

  if (sum == ASSAY_WEIGHTS_TOTAL)
    /* Translators: the six weights' sum, "Sum 100.00 %". */
    text = g_strdup_printf (_("Sum %s %%"), total);
  else
    /* Translators: the six weights' sum, "Sum 98.50 % — must be exactly 100 %". */
    text = g_strdup_printf (_("Sum %s %% — must be exactly 100 %%"), total);
  gtk_label_set_text (self->sum_label, text);
  if (sum == ASSAY_WEIGHTS_TOTAL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->sum_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->sum_label), "error");
}

/* Why Propose is refused beyond what the fields show, or NULL. */
static char *
general_refusal (AssayWeightsView   *self,
                 const AssayWeights *w,
                 gboolean            fields_ok)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rationale = get_rationale (self);

  if (self->board == NULL)
    return g_strdup (self->message);
  if (w->effective_day == 0)
    return g_strdup (_("Choose the quarter the weights take effect on."));
  if (!assay_weights_check (w, &error))
    return fields_ok ? g_strdup (error->message) : NULL;
  if (*rationale == '\0')
    return g_strdup (_("Write the rationale: why these weights, for the committee and the public notice."));
  return NULL;
}

static void
update_editor (AssayWeightsView *self)
{
  AssayWeights w = { { 0 }, 0 };
  gint64 sum;
  gboolean fields_ok = TRUE;

  read_weights (self, &w);
  sum = show_field_errors (self, &w);
  show_sum (self, sum);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    fields_ok &= !gtk_widget_get_visible (GTK_WIDGET (self->weight_errors[d]));
  fields_ok &= sum == ASSAY_WEIGHTS_TOTAL;
  g_clear_pointer (&self->refusal, g_free);
  self->refusal = general_refusal (self, &w, fields_ok);
  self->can_propose = fields_ok && self->refusal == NULL;
  gtk_label_set_text (self->refusal_label, self->refusal != NULL ? self->refusal : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), self->refusal != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->propose_button), self->can_propose);
  /* The what-if needs weights a proposal could have, not a rationale. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->what_if_button),
                            fields_ok && self->board != NULL && self->what_if_cancellable == NULL);
}

static void
fill_quarters (AssayWeightsView *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *note = NULL;
  guint selected = adw_combo_row_get_selected (self->quarter_row);
  guint32 chosen = selected < self->quarters->len ? g_array_index (self->quarters, guint32, selected) : 0;

  g_clear_pointer (&self->quarters, g_array_unref);
  self->quarters = self->board != NULL ? assay_weights_board_quarters (self->board, N_QUARTERS)
                                       : g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < self->quarters->len; i++)
    {
      g_autofree char *date = assay_day_format (g_array_index (self->quarters, guint32, i));

      gtk_string_list_append (list, date);
    }
  adw_combo_row_set_model (self->quarter_row, G_LIST_MODEL (list));
  /* A sync reloads the tab: the quarter chosen stays chosen while offered. */
  for (guint i = 0; i < self->quarters->len; i++)
    if (g_array_index (self->quarters, guint32, i) == chosen)
      adw_combo_row_set_selected (self->quarter_row, i);
  adw_preferences_group_set_description (self->proposal_group, NULL);
  if (self->board == NULL)
    return;
  if (assay_weights_board_in_equal_period (self->board))
    {
      g_autofree char *end = assay_day_format (self->board->options.equal_weight_end);

      /* Translators: the first day after the equal-weight period; the notice's length in days. */
      note = g_strdup_printf (_("The equal-weight period is on: no other weights may take effect before %1$s, so only "
                                "quarters from then on are offered. A proposal also waits %2$u days of public "
                                "notice after it is logged."), end, self->board->options.notice_days);
    }
  else
    /* Translators: the notice's length in days. */
    note = g_strdup_printf (_("The quarters after the %u days of public notice, counted from today; if the "
                              "signatures come later, the weights take effect on the first quarter after their "
                              "notice."), self->board->options.notice_days);
  /* The group's description, not the row's subtitle: a long subtitle
   * squeezes the quarter shown to an ellipsis in a narrow window. */
  adw_preferences_group_set_description (self->proposal_group, note);
}

static GtkWidget *
weight_row (AssayWeightsView *self,
            AssayDimension    d)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (assay_dimension_get_label (d));
  GtkWidget *range_label, *spin, *error;
  g_autofree char *min = NULL, *max = NULL, *range = NULL;
  gint64 lo, hi;

  assay_weights_get_range (d, &lo, &hi);
  min = assay_weights_format_percent (lo);
  max = assay_weights_format_percent (hi);
  /* Translators: a dimension's range in the plan, "Plan range 20–30 %". */
  range = g_strdup_printf (_("Plan range %1$s–%2$s %%"), min, max);
  range_label = gtk_label_new (range);
  spin = gtk_spin_button_new_with_range (0, 100, 0.25);
  error = gtk_label_new (NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), assay_dimension_get_label (d));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (range_label), 0);
  gtk_widget_add_css_class (range_label, "dim-label");
  gtk_widget_add_css_class (range_label, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  assay_dimension_get_label (d), -1);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), range_label);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (line), spin);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), error);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  self->spins[d] = GTK_SPIN_BUTTON (spin);
  self->weight_errors[d] = GTK_LABEL (error);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (update_editor), self, G_CONNECT_SWAPPED);
  return row;
}

/* The editor starts from the weights in force, or the middle of each
 * range while the equal weights are (they are outside two ranges). */
static void
reset_editor (AssayWeightsView *self)
{
  static const double middle[ASSAY_N_DIMENSIONS] = { 25, 20, 15, 15, 10, 15 };
  const AssayWeightsVersion *v = self->board != NULL ? assay_weights_board_in_force (self->board) : NULL;

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    gtk_spin_button_set_value (self->spins[d], v != NULL && !v->equal ? v->basis_points[d] / 100.0 : middle[d]);
}

/* ---- reloading ------------------------------------------------------------------------- */

static AssayRuleSet *
get_rule_set (AssayWeightsView *self)
{
  AssayRuleSetSource *source = assay_session_get_rule_set_source (self->session);

  return source != NULL ? assay_rule_set_source_get_rule_set (source) : NULL;
}

static void
load_board (AssayWeightsView *self,
            AssayReplica     *replica)
{
  AssayRuleSet *set = get_rule_set (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->board, assay_weights_board_free);
  g_clear_pointer (&self->message, g_free);
  if (replica == NULL)
    self->message = g_strdup (_("No replica yet: sync with the central service to see the weights versions."));
  else if (set == NULL)
    self->message = g_strdup (_("No rule set is loaded: the weights need its pilot start, equal-weight months and "
                                "notice period."));
  else if ((self->board = assay_weights_board_new (replica, set, assay_day_today (), &error)) == NULL)
    self->message = g_strdup (error->message);
}

static void
reload (AssayWeightsView *self)
{
  AssayReplica *replica = self->session != NULL ? assay_session_get_replica (self->session) : NULL;
  gboolean had_board = self->board != NULL;

  clear_rows (self);
  load_board (self, replica);
  gtk_label_set_text (self->message_label, self->message != NULL ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->in_force_group), self->board != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), self->board != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), FALSE);
  if (self->board != NULL)
    {
      fill_in_force (self);
      fill_history (self);
      fill_waiting (self, replica);
    }
  fill_quarters (self);
  if (!had_board && self->board != NULL)
    reset_editor (self);
  update_editor (self);
  start_calibration (self, replica);
}

/* ---- callbacks --------------------------------------------------------------------------- */

static void
queued_cb (AssayWeightsView *self,
           const char       *hash)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rationale_view), "", -1);
  reload (self);
  /* As a decision on a case is: sent at once, so that the tab soon shows
   * the service's count of signatures. */
  assay_session_push_outbox (self->session);
}

static GtkWidget *
propose (AssayWeightsView *self)
{
  AssayReplica *replica = assay_session_get_replica (self->session);
  g_autofree char *rationale = get_rationale (self);
  AssayWeights w = { { 0 }, 0 };
  AssayWeightsProposeDialog *dialog;

  update_editor (self);
  if (!self->can_propose || replica == NULL)
    return NULL;
  read_weights (self, &w);
  dialog = assay_weights_propose_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), replica, &w,
                                             rationale, self->board->options.notice_days);
  g_signal_connect_object (dialog, "queued", G_CALLBACK (queued_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
propose_clicked_cb (AssayWeightsView *self)
{
  propose (self);
}

/* ---- what-if ------------------------------------------------------------------------------ */

static void
what_if_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AssayWeightsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayFairnessWhatIf) fairness = NULL;
  g_autoptr(AssayWeightsWhatIf) w = assay_weights_what_if_finish_full (result, &fairness, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->what_if_cancellable);
  update_editor (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->what_if_status_label), "dim-label");
  if (w == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The what-if could not be computed: %s"), error->message);

      gtk_label_set_text (self->what_if_status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->what_if_status_label), "error");
      assay_weights_what_if_view_set_what_if (self->what_if_view, NULL, NULL);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->what_if_status_label), "error");
  gtk_label_set_text (self->what_if_status_label,
                      _("The what-if of the weights in the editor, as they were when it was computed."));
  assay_weights_what_if_view_set_what_if (self->what_if_view, w, fairness);
}

static void
what_if_clicked_cb (AssayWeightsView *self)
{
  AssayRuleSet *set = get_rule_set (self);
  const char *path = assay_session_get_effective_replica_path (self->session);
  AssayWeights w = { { 0 }, 0 };

  if (set == NULL || path == NULL || self->what_if_cancellable != NULL)
    return;
  read_weights (self, &w);
  self->what_if_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->what_if_status_label, _("Valuing every account twice…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->what_if_button), FALSE);
  assay_weights_what_if_async (path, set, w.basis_points, self->what_if_cancellable, what_if_done_cb,
                               g_object_ref (self));
}

static void
session_notify_replica_cb (AssayWeightsView *self)
{
  g_signal_group_set_target (self->replica_signals, assay_session_get_replica (self->session));
  reload (self);
}

static void
session_notify_source_cb (AssayWeightsView *self)
{
  g_signal_group_set_target (self->source_signals, assay_session_get_rule_set_source (self->session));
  reload (self);
}

void
_assay_weights_view_compute_what_if (AssayWeightsView *self)
{
  what_if_clicked_cb (self);
}

char *
_assay_weights_view_dup_what_if_summary (AssayWeightsView *self)
{
  return assay_weights_what_if_view_dup_summary (self->what_if_view);
}

AssayWeightsWhatIfView *
_assay_weights_view_get_what_if_view (AssayWeightsView *self)
{
  return self->what_if_view;
}

/* ---- overrides --------------------------------------------------------------------------- */

static void
assay_weights_view_dispose (GObject *object)
{
  AssayWeightsView *self = ASSAY_WEIGHTS_VIEW (object);

  g_cancellable_cancel (self->calibration_cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_WEIGHTS_VIEW);
  g_clear_object (&self->calibration_cancellable);
  g_clear_object (&self->replica_signals);
  g_clear_object (&self->source_signals);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->waiting_rows, g_ptr_array_unref);
  g_clear_pointer (&self->board, assay_weights_board_free);
  g_clear_pointer (&self->quarters, g_array_unref);
  g_clear_pointer (&self->calibration, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->refusal, g_free);

  G_OBJECT_CLASS (assay_weights_view_parent_class)->dispose (object);
}

static void
assay_weights_view_class_init (AssayWeightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_weights_view_dispose;

  g_type_ensure (ASSAY_TYPE_WEIGHTS_WHAT_IF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-weights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, message_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, in_force_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, history_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, calibration_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, editor_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, sum_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, proposal_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, quarter_row);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, propose_button);
  gtk_widget_class_bind_template_callback (widget_class, propose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, what_if_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, what_if_status_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, what_if_button);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsView, what_if_view);
  gtk_widget_class_bind_template_callback (widget_class, update_editor);
}

static void
assay_weights_view_init (AssayWeightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  self->waiting_rows = g_ptr_array_new ();
  self->quarters = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    adw_preferences_group_add (self->editor_group, weight_row (self, d));
  reset_editor (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->rationale_view), "changed",
                           G_CALLBACK (update_editor), self, G_CONNECT_SWAPPED);
  self->replica_signals = g_signal_group_new (ASSAY_TYPE_REPLICA);
  g_signal_group_connect_swapped (self->replica_signals, "changed", G_CALLBACK (reload), self);
  self->source_signals = g_signal_group_new (ASSAY_TYPE_RULE_SET_SOURCE);
  g_signal_group_connect_swapped (self->source_signals, "notify::rule-set", G_CALLBACK (reload), self);
}

/* ---- public API -------------------------------------------------------------------------- */

void
assay_weights_view_set_session (AssayWeightsView *self,
                                AssaySession     *session)
{
  g_return_if_fail (ASSAY_IS_WEIGHTS_VIEW (self));
  g_return_if_fail (ASSAY_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::replica", G_CALLBACK (session_notify_replica_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::rule-set-source", G_CALLBACK (session_notify_source_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "flags-updated", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  /* A push changes the outbox rows the tab lists. */
  g_signal_connect_object (assay_session_get_push_job (session), "finished", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->source_signals, assay_session_get_rule_set_source (session));
  session_notify_replica_cb (self);
}

/* ---- private API ------------------------------------------------------------------------- */

const AssayWeightsBoard *
_assay_weights_view_get_board (AssayWeightsView *self)
{
  return self->board;
}

const char *
_assay_weights_view_get_message (AssayWeightsView *self)
{
  return self->message;
}

guint
_assay_weights_view_get_n_history (AssayWeightsView *self)
{
  return self->history_rows->len;
}

const char *
_assay_weights_view_get_history_subtitle (AssayWeightsView *self,
                                          guint             i)
{
  g_return_val_if_fail (i < self->history_rows->len, NULL);

  return adw_expander_row_get_subtitle (self->history_rows->pdata[i]);
}

const char *
_assay_weights_view_get_in_force_text (AssayWeightsView *self)
{
  return adw_preferences_group_get_description (self->in_force_group);
}

void
_assay_weights_view_set_weight (AssayWeightsView *self,
                                int               dimension,
                                double            percent)
{
  gtk_spin_button_set_value (self->spins[dimension], percent);
}

const char *
_assay_weights_view_get_weight_error (AssayWeightsView *self,
                                      int               dimension)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->weight_errors[dimension])))
    return NULL;
  return gtk_label_get_text (self->weight_errors[dimension]);
}

const char *
_assay_weights_view_get_sum_text (AssayWeightsView *self)
{
  return gtk_label_get_text (self->sum_label);
}

const char *
_assay_weights_view_get_refusal (AssayWeightsView *self)
{
  return self->refusal;
}

GArray *
_assay_weights_view_get_quarters (AssayWeightsView *self)
{
  return self->quarters;
}

void
_assay_weights_view_set_quarter (AssayWeightsView *self,
                                 guint             i)
{
  adw_combo_row_set_selected (self->quarter_row, i);
}

guint32
_assay_weights_view_get_quarter (AssayWeightsView *self)
{
  AssayWeights w = { { 0 }, 0 };

  read_weights (self, &w);
  return w.effective_day;
}

const char *
_assay_weights_view_get_quarter_note (AssayWeightsView *self)
{
  return adw_preferences_group_get_description (self->proposal_group);
}

void
_assay_weights_view_set_rationale (AssayWeightsView *self,
                                   const char       *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rationale_view), text, -1);
}

gboolean
_assay_weights_view_can_propose (AssayWeightsView *self)
{
  return self->can_propose && gtk_widget_get_sensitive (GTK_WIDGET (self->propose_button));
}

guint
_assay_weights_view_get_n_waiting (AssayWeightsView *self)
{
  return self->waiting_rows->len;
}

const char *
_assay_weights_view_get_waiting_subtitle (AssayWeightsView *self,
                                          guint             i)
{
  g_return_val_if_fail (i < self->waiting_rows->len, NULL);

  return adw_action_row_get_subtitle (self->waiting_rows->pdata[i]);
}

const AssayWeightsCalibration *
_assay_weights_view_get_calibration (AssayWeightsView *self)
{
  return self->calibration;
}

GtkWidget *
_assay_weights_view_propose (AssayWeightsView *self)
{
  return propose (self);
}

void
_assay_weights_view_reload (AssayWeightsView *self)
{
  reload (self);
}

GtkWidget *
_assay_weights_view_get_content (AssayWeightsView *self)
{
  return gtk_widget_get_parent (GTK_WIDGET (self->in_force_group));
}

void
_assay_weights_view_expand_history (AssayWeightsView *self,
                                    guint             i)
{
  g_return_if_fail (i < self->history_rows->len);

  adw_expander_row_set_expanded (self->history_rows->pdata[i], TRUE);
}

void
_assay_weights_view_scroll_to_editor (AssayWeightsView *self)
{
  GtkWidget *content = _assay_weights_view_get_content (self);
  GtkWidget *scrolled = gtk_widget_get_ancestor (content, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->editor_group), content, &bounds))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              bounds.origin.y);
}
