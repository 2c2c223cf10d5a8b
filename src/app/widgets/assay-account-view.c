/* assay-account-view.c — one account: weekly points, dimension shares, entries, proofs
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
#include <string.h>

#include "assay-account-view-private.h"
#include "assay-entry-details.h"
#include "assay-error.h"
#include "assay-format.h"
#include "assay-proof-export.h"
#include "assay-replica-charts.h"
#include "assay-account-state.h"
#include "assay-account-value.h"
#include "assay-filing-text.h"
#include "assay-filing-view.h"
#include "assay-replica-cases.h"
#include "assay-replica-filings.h"

struct _AssayAccountView
{
  GtkWidget             parent_instance;

  AssayReplica         *replica;
  GSignalGroup         *replica_signals;
  AssayEntryList       *list;
  char                 *account;
  guint64               reselect;     /* leaf index to select again after a reload */
  GtkFileChooserNative *chooser;
  GSettings            *settings;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *value_label;
  AssayRuleSet         *rule_set;      /* the set the value is by, or NULL */
  GtkWidget            *export_button;
  AssayChart           *weekly_chart;
  AssayChart           *shares_chart;
  GtkLabel             *entries_label;
  AssayEntryTable      *entry_table;
  GtkPaned             *paned;
  GtkWidget            *filings_box;
  GtkListBox           *filings_list;
};

G_DEFINE_FINAL_TYPE (AssayAccountView, assay_account_view, GTK_TYPE_WIDGET)

enum {
  BACK,
  SHOW_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const account_kind_labels[ASSAY_N_ACCOUNT_KINDS] = {
  N_("Individual"),
  N_("Enterprise"),
  N_("Organization"),
};

/* ---- helpers ------------------------------------------------------------------- */

static char *
describe_account (const AssayAccountSummary *summary)
{
  g_autofree char *points = assay_format_count (summary->points);
  g_autofree char *first = assay_format_day (summary->first_day);
  g_autofree char *last = assay_format_day (summary->last_day);
  g_autofree char *n_events = assay_format_count (summary->n_events);
  g_autofree char *n_redemptions = assay_format_count (summary->n_redemptions);
  g_autofree char *events = NULL;
  g_autofree char *redemptions = NULL;
  const char *kind = summary->kind < ASSAY_N_ACCOUNT_KINDS
                     ? g_dgettext (GETTEXT_PACKAGE, account_kind_labels[summary->kind]) : "";

  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event", "%s events", summary->n_events),
                            n_events);
  redemptions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s redemption", "%s redemptions",
                                              summary->n_redemptions),
                                 n_redemptions);
  /* Translators: account kind, events, redemptions, total points, first and
   * last active day: "Individual · 14 events · 2 redemptions · 1,234 points
   * · 2025-10-03 – 2026-09-20". */
  return g_strdup_printf (_("%s · %s · %s · %s points · %s – %s"),
                          kind, events, redemptions, points, first, last);
}

/* The title, the summary line (with the account's standing) and the
 * number of entries. */
static void
show_summary (AssayAccountView          *self,
              const AssayAccountSummary *summary)
{
  g_autofree char *described = describe_account (summary);
  g_autofree char *state = assay_account_state_describe (self->replica, self->account);
  g_autofree char *subtitle = state != NULL ? g_strconcat (state, " · ", described, NULL) : g_strdup (described);
  g_autofree char *entries = NULL;
  guint n_entries = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  gtk_label_set_text (self->title_label, self->account);
  gtk_label_set_text (self->subtitle_label, subtitle);
  entries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Entry", "%u Entries", n_entries),
                             n_entries);
  gtk_label_set_text (self->entries_label, entries);
}

static void
show_value (AssayAccountView *self)
{
  g_autofree char *value = assay_account_value_describe (self->replica, self->rule_set, self->account);

  gtk_label_set_text (self->value_label, value != NULL ? value : "");
}

static void
load_weekly_chart (AssayAccountView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) weeks = assay_replica_account_weekly_points (self->replica, self->account, &error);

  if (weeks == NULL)
    {
      g_warning ("Cannot read the weekly points of %s: %s", self->account, error->message);
      assay_chart_clear (self->weekly_chart);
      return;
    }
  assay_chart_set_weekly_points (self->weekly_chart, weeks);
}

/* Where a filing stands: its last decision, the case that waits for one,
 * or neither (an education transfer within its cap opens no case). */
static char *
describe_filing_state (AssayAccountView *self,
                       guint64           index)
{
  g_autofree char *subject = g_strdup_printf ("%" PRIu64, index);
  g_autoptr(GPtrArray) decisions = assay_replica_filing_decisions (self->replica, index, NULL);
  g_autoptr(AssayCase) open_case = NULL;

  if (decisions != NULL && decisions->len > 0)
    return assay_filing_view_describe_decision (g_ptr_array_index (decisions, decisions->len - 1));
  open_case = assay_replica_find_case (self->replica, "filing", subject, NULL);
  if (open_case != NULL && open_case->for_panel)
    return g_strdup_printf (_("Undecided: case %" PRIi64 " waits for the arbitration panel"), open_case->id);
  if (open_case != NULL)
    return g_strdup_printf (_("Undecided: case %" PRIi64 " waits for the committee"), open_case->id);
  return g_strdup (_("No open case and no decision"));
}

/* The account's requests and disputes, each with where it stands; the
 * section is hidden for an account that filed none. */
static void
load_filings (AssayAccountView *self)
{
  g_autoptr(GArray) filings = assay_replica_account_filings (self->replica, self->account, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filings_list))) != NULL)
    gtk_list_box_remove (self->filings_list, child);
  for (guint i = 0; filings != NULL && i < filings->len; i++)
    {
      guint64 index = g_array_index (filings, guint64, i);
      g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (self->replica, index, NULL);
      g_autofree char *day = NULL, *title = NULL, *summary = NULL, *state = NULL, *subtitle = NULL;
      GtkWidget *row;

      if (entry == NULL || entry->parsed == NULL)
        continue;
      day = assay_format_day (entry->parsed->event_day);
      /* Translators: a filing in the account view: its kind, its day, its log index. */
      title = g_strdup_printf (_("%s, filed %s · entry %" PRIu64), assay_filing_kind_get_label (entry->parsed->kind),
                               day, index);
      summary = assay_filing_summary (entry->parsed);
      state = describe_filing_state (self, index);
      subtitle = g_strconcat (summary, "\n", state, NULL);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_append (self->filings_list, row);
    }
  gtk_widget_set_visible (self->filings_box, gtk_widget_get_first_child (GTK_WIDGET (self->filings_list)) != NULL);
}

static void
load_shares_chart (AssayAccountView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 points[ASSAY_N_DIMENSIONS];
  guint64 count[ASSAY_N_DIMENSIONS];
  double shares[ASSAY_N_DIMENSIONS];
  const char *labels[ASSAY_N_DIMENSIONS];
  const char *series[] = { _("Share") };
  double total = 0;

  if (!assay_replica_dimension_totals (self->replica, self->account, points, count, &error))
    {
      g_warning ("Cannot read the dimension totals of %s: %s", self->account, error->message);
      assay_chart_clear (self->shares_chart);
      return;
    }
  /* Deductions lower a dimension's total; a share is of what is left. */
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    total += MAX (points[d], 0);
  if (total <= 0)
    {
      assay_chart_clear (self->shares_chart);
      return;
    }
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      labels[d] = assay_dimension_get_label (d);
      shares[d] = MAX (points[d], 0) / total;
    }
  assay_chart_set_data (self->shares_chart, ASSAY_N_DIMENSIONS, labels, NULL, 1, series, shares);
}

/* Selects the account's entry at leaf @index.  FALSE when it cannot be
 * found cheaply: its position is known in log order only, the list's
 * order unless a header was clicked. */
static gboolean
select_entry (AssayAccountView *self,
              guint64           index)
{
  guint64 position = 0;

  if (index == G_MAXUINT64 ||
      assay_entry_list_get_sort (self->list) != ASSAY_ENTRY_LIST_SORT_INDEX_ASC ||
      !assay_replica_account_position (self->replica, self->account, index, &position, NULL))
    return FALSE;
  assay_entry_table_select (self->entry_table, (guint) MIN (position, G_MAXUINT - 1));
  return TRUE;
}

static void
update_export_button (AssayAccountView *self)
{
  AssayEntryRow *row = assay_entry_table_get_selected_row (self->entry_table);

  gtk_widget_set_sensitive (self->export_button,
                            row != NULL && assay_entry_row_get_state (row) == ASSAY_ENTRY_STATE_VERIFIED);
}

static void
show_error (AssayAccountView *self,
            const char       *heading,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- callbacks ----------------------------------------------------------------- */

/* Connected before the entry list's own handler, which drops its rows and
 * with them the selection: remember which entry was selected. */
static void
replica_changing_cb (AssayAccountView *self,
                     AssayReplica     *replica)
{
  AssayEntryRow *row = assay_entry_table_get_selected_row (self->entry_table);

  self->reselect = row != NULL ? assay_entry_row_get_index (row) : G_MAXUINT64;
}

/* After a sync the account may be gone: a tombstone erased all its
 * records, and nothing of them may stay on screen. */
static void
leave_unreadable_account (AssayAccountView *self,
                          const GError     *error)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    message = g_strdup_printf (_("The records of account %s were erased; it is no longer in the ledger."),
                               self->account);
  else
    message = g_strdup_printf (_("Could not read account %s: %s"), self->account, error->message);
  assay_account_view_clear (self);
  toast = adw_toast_new (message);
  g_signal_emit (self, signals[SHOW_TOAST], 0, toast);
  g_signal_emit (self, signals[BACK], 0);
}

/* After the entry list has re-read the replica (a sync committed, an
 * alert was cleared): the new figures, and the same entry selected. */
static void
replica_changed_cb (AssayAccountView *self,
                    AssayReplica     *replica)
{
  g_autoptr(AssayAccountSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = assay_replica_get_account (self->replica, self->account, &error);
  if (summary == NULL)
    {
      leave_unreadable_account (self, error);
      return;
    }
  show_summary (self, summary);
  show_value (self);
  load_weekly_chart (self);
  load_shares_chart (self);
  load_filings (self);
  select_entry (self, self->reselect);
  update_export_button (self);
}

static void
back_clicked_cb (AssayAccountView *self,
                 GtkButton        *button)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
table_notify_selected_row_cb (AssayAccountView *self,
                              GParamSpec       *pspec,
                              AssayEntryTable  *table)
{
  update_export_button (self);
}

/* Here the account is already open: activating a row (Enter, a double
 * click) shows the entry's details, as its details button does. */
static void
table_details_cb (AssayAccountView *self,
                  AssayEntryRow    *row,
                  AssayEntryTable  *table)
{
  if (self->replica != NULL)
    assay_entry_details_present (GTK_WIDGET (self), self->replica, assay_entry_row_get_index (row));
}

static void
chooser_response_cb (AssayAccountView     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    _assay_account_view_export_proof_to (self, file);
}

static void
export_clicked_cb (AssayAccountView *self,
                   GtkButton        *button)
{
  AssayEntryRow *row = assay_entry_table_get_selected_row (self->entry_table);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (row == NULL || self->chooser != NULL)
    return;

  self->chooser = assay_proof_export_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  assay_entry_row_get_index (row));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_account_view_dispose (GObject *object)
{
  AssayAccountView *self = ASSAY_ACCOUNT_VIEW (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->replica_signals);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_ACCOUNT_VIEW);
  /* The template's top box is not bound, so the template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->list);
  g_clear_object (&self->replica);
  g_clear_object (&self->rule_set);
  g_clear_pointer (&self->account, g_free);

  G_OBJECT_CLASS (assay_account_view_parent_class)->dispose (object);
}

static void
assay_account_view_class_init (AssayAccountViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_account_view_dispose;

  /* An action signal, or the Escape binding below cannot emit it. */
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_TOAST] =
    g_signal_new ("show-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (ASSAY_TYPE_CHART);
  g_type_ensure (ASSAY_TYPE_ENTRY_TABLE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-account-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, value_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, filings_box);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, filings_list);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, export_button);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, weekly_chart);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, shares_chart);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, entries_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, entry_table);
  gtk_widget_class_bind_template_child (widget_class, AssayAccountView, paned);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_notify_selected_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_details_cb);

  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "back", NULL);
}

static void
assay_account_view_init (AssayAccountView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reselect = G_MAXUINT64;
  self->replica_signals = g_signal_group_new (ASSAY_TYPE_REPLICA);
  g_signal_group_connect_object (self->replica_signals, "changed", G_CALLBACK (replica_changing_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->replica_signals, "changed", G_CALLBACK (replica_changed_cb),
                                 self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_export_button (self);

  /* The divider between the charts and the table stays where the user
   * last dragged it (as the window keeps its size, in its own settings). */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "account-charts-height", self->paned, "position", G_SETTINGS_BIND_DEFAULT);
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
assay_account_view_new (void)
{
  return g_object_new (ASSAY_TYPE_ACCOUNT_VIEW, NULL);
}

gboolean
assay_account_view_show (AssayAccountView *self,
                         AssayReplica     *replica,
                         AssayRuleSet     *rule_set,
                         const char       *account,
                         guint64           index,
                         GError          **error)
{
  g_autoptr(AssayAccountSummary) summary = NULL;

  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), FALSE);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  summary = assay_replica_get_account (replica, account, error);
  if (summary == NULL)
    return FALSE;

  if (g_set_object (&self->replica, replica) || self->list == NULL)
    {
      /* Before the list connects to the replica: see replica_changing_cb. */
      g_signal_group_set_target (self->replica_signals, replica);
      g_clear_object (&self->list);
      self->list = assay_entry_list_new (replica);
    }
  g_free (self->account);
  self->account = g_strdup (account);
  g_set_object (&self->rule_set, rule_set);

  assay_entry_list_set_account (self->list, account);
  assay_entry_table_set_list (self->entry_table, self->list);

  show_summary (self, summary);
  show_value (self);
  load_weekly_chart (self);
  load_shares_chart (self);
  load_filings (self);
  if (!select_entry (self, index))
    assay_entry_table_select (self->entry_table, 0);
  update_export_button (self);
  return TRUE;
}

void
assay_account_view_clear (AssayAccountView *self)
{
  g_return_if_fail (ASSAY_IS_ACCOUNT_VIEW (self));

  g_signal_group_set_target (self->replica_signals, NULL);
  assay_entry_table_set_list (self->entry_table, NULL);
  g_clear_object (&self->list);
  g_clear_object (&self->replica);
  g_clear_pointer (&self->account, g_free);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->subtitle_label, "");
  gtk_label_set_text (self->value_label, "");
  gtk_label_set_text (self->entries_label, "");
  assay_chart_clear (self->weekly_chart);
  assay_chart_clear (self->shares_chart);
  update_export_button (self);
}

const char *
assay_account_view_get_account (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->account;
}

void
assay_account_view_focus_entries (AssayAccountView *self)
{
  g_return_if_fail (ASSAY_IS_ACCOUNT_VIEW (self));

  assay_entry_table_focus_selected (self->entry_table);
}

/* ---- private API --------------------------------------------------------------- */

AssayChart *
_assay_account_view_get_weekly_chart (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->weekly_chart;
}

AssayChart *
_assay_account_view_get_shares_chart (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->shares_chart;
}

AssayEntryTable *
_assay_account_view_get_entry_table (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->entry_table;
}

GtkPaned *
_assay_account_view_get_paned (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->paned;
}

GtkLabel *
_assay_account_view_get_entries_label (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->entries_label;
}

GtkWidget *
_assay_account_view_get_filings_box (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->filings_box;
}

GtkListBox *
_assay_account_view_get_filings_list (AssayAccountView *self)
{
  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), NULL);

  return self->filings_list;
}

gboolean
_assay_account_view_export_proof_to (AssayAccountView *self,
                                     GFile            *file)
{
  AssayEntryRow *row;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(AdwToast) toast = NULL;
  guint64 index;

  g_return_val_if_fail (ASSAY_IS_ACCOUNT_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  row = assay_entry_table_get_selected_row (self->entry_table);
  if (row == NULL || self->replica == NULL)
    return FALSE;
  index = assay_entry_row_get_index (row);

  if (!assay_proof_export_write (self->replica, index, file, &error))
    {
      show_error (self, _("Could Not Export the Proof"), error);
      return FALSE;
    }

  /* Translators: a toast after saving a proof, with the entry's index. */
  message = g_strdup_printf (_("Saved the inclusion proof of entry %" PRIu64), (uint64_t) index);
  toast = adw_toast_new (message);
  g_signal_emit (self, signals[SHOW_TOAST], 0, toast);
  return TRUE;
}
