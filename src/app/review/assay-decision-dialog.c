/* assay-decision-dialog.c — sign a decision on a case: the payload as it will be signed, the rationale, the key
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

#include "assay-decision-dialog-private.h"
#include "assay-decision-field-row.h"
#include "assay-entry.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-route.h"
#include "assay-ledger-enums.h"

struct _AssayDecisionDialog
{
  AdwWindow          parent_instance;

  AssayDecisionJob  *job;
  GSettings         *settings;
  GHashTable        *shown;        /* field id → value, as displayed */
  gboolean           showing_amount;  /* the row follows the job, not the other way */

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *cancel_button;
  GtkWidget         *sign_button;
  GtkLabel          *intro_label;
  GtkLabel          *draft_error_label;
  AdwActionRow      *key_row;
  GtkWidget         *dimension_group;
  AdwComboRow       *dimension_row;
  GtkStringList     *dimension_list;
  GtkWidget         *amount_group;
  AdwActionRow      *amount_row;
  GtkSpinButton     *amount_spin;
  GtkWidget         *choose_button;
  GtkTextView       *rationale_view;
  GtkWidget         *fields_group;
  GtkListBox        *fields_list;
  GtkWidget         *payload_expander;
  GtkTextView       *payload_view;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel          *error_label;
  GtkWidget         *status_box;
  GtkSpinner        *spinner;
};

G_DEFINE_FINAL_TYPE (AssayDecisionDialog, assay_decision_dialog, ADW_TYPE_WINDOW)

enum {
  QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------------- */

static const char *
title_for (AssayDecisionKind outcome)
{
  switch (outcome)
    {
    case ASSAY_DECISION_KIND_DISMISS:
      return _("Dismiss the Case");
    case ASSAY_DECISION_KIND_CONFIRM:
      return _("Confirm the Flags");
    case ASSAY_DECISION_KIND_DOWN_WEIGHT:
      return _("Down-Weight the Account");
    case ASSAY_DECISION_KIND_FREEZE:
      return _("Freeze the Account");
    case ASSAY_DECISION_KIND_RESTORE:
      return _("Restore the Account");
    case ASSAY_DECISION_KIND_ZERO:
      return _("Zero the Account");
    default:
      return "";
    }
}

static const char *
title_for_verdict (const AssayFilingVerdict *verdict)
{
  if (verdict->kind == ASSAY_DECISION_KIND_APPROVE)
    return _("Approve the Request");
  if (verdict->kind == ASSAY_DECISION_KIND_DENY)
    return _("Deny the Request");
  switch (verdict->ruling)
    {
    case ASSAY_RULING_UPHOLD:
      return _("Rule: Uphold");
    case ASSAY_RULING_OVERTURN:
      return _("Rule: Overturn");
    case ASSAY_RULING_ADJUST:
      return _("Rule: Adjust the Points");
    default:
      return "";
    }
}

static gboolean
is_destructive (AssayDecisionKind outcome)
{
  return outcome == ASSAY_DECISION_KIND_FREEZE || outcome == ASSAY_DECISION_KIND_ZERO;
}

static void
show_message (GtkLabel   *label,
              const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
show_fields (AssayDecisionDialog *self)
{
  GPtrArray *fields = assay_decision_job_get_fields (self->job);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_list))) != NULL)
    gtk_list_box_remove (self->fields_list, child);
  g_hash_table_remove_all (self->shown);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const AssayDecisionField *field = g_ptr_array_index (fields, i);

      gtk_list_box_append (self->fields_list, assay_decision_field_row_new (field));
      g_hash_table_insert (self->shown, g_strdup (field->id), g_strdup (field->value));
    }
  /* Without a draft there is nothing to show of what would be signed. */
  gtk_widget_set_visible (self->fields_group, fields != NULL && fields->len > 0);
  gtk_widget_set_visible (self->payload_expander, fields != NULL && fields->len > 0);
}

static void
show_payload (AssayDecisionDialog *self)
{
  GBytes *payload = assay_decision_job_get_payload (self->job);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->payload_view);
  gsize len = 0;
  const char *data = payload != NULL ? g_bytes_get_data (payload, &len) : NULL;

  GtkTextIter start, end;

  if (data != NULL)
    gtk_text_buffer_set_text (buffer, data, len);
  else
    gtk_text_buffer_set_text (buffer, _("No payload yet: the decision needs a key, a draft and a rationale."), -1);
  /* The exact bytes: a line broken inside a word gets no hyphen. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "exact", &start, &end);
}

/* What signing this decision does, in the roster's terms. */
static char *
describe_intro (AssayDecisionDialog *self)
{
  guint threshold = assay_decision_job_get_threshold (self->job);
  const char *role = assay_decision_job_get_field (self->job, "role");
  const char *outbox = _("Nothing is signed until you press Sign and Queue; the signed decision is then sent to "
                         "the central service at once, and waits in this workstation’s outbox until it is logged.");

  const char *cosign = _("Another member of the panel co-signs it on their Outbox page, where pending proposals "
                         "can be co-signed or opposed.");

  if (assay_decision_job_get_draft_error (self->job) != NULL || role == NULL || threshold == 0)
    return g_strdup (outbox);
  /* A ruling is the panel's: the proposer needs to know where it goes next. */
  if (assay_decision_job_get_outcome (self->job) == ASSAY_DECISION_KIND_RULING && threshold > 1)
    return g_strdup_printf (_("The roster asks for %u signatures of the %s role for this ruling: yours proposes "
                              "it. %s %s"),
                            threshold, role, cosign, outbox);
  if (threshold == 1)
    return g_strdup_printf (_("The roster asks for one signature of the %s role for this decision: yours. %s"),
                            role, outbox);
  return g_strdup_printf (_("The roster asks for %u signatures of the %s role for this decision: yours is "
                            "the first, and it is logged once the others have co-signed. %s"),
                          threshold, role, outbox);
}

static void
show_key (AssayDecisionDialog *self)
{
  const char *path = assay_decision_job_get_key_path (self->job);
  const char *name = assay_decision_job_get_signer_name (self->job);
  g_autofree char *subtitle = NULL;

  if (path == NULL)
    subtitle = g_strdup (_("None chosen"));
  else if (name != NULL)
    /* Translators: the key file and its holder in the roster: "/home/dana/dana.key · dana". */
    subtitle = g_strdup_printf (_("%s · %s"), path, name);
  else
    subtitle = g_strdup (path);
  adw_action_row_set_subtitle (self->key_row, subtitle);
}

static void
update_sensitivity (AssayDecisionDialog *self)
{
  gboolean busy = assay_decision_job_get_signing (self->job);
  gboolean drafted = assay_decision_job_get_draft_error (self->job) == NULL;

  gtk_widget_set_sensitive (self->sign_button, !busy && drafted);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  gtk_widget_set_sensitive (self->choose_button, !busy);
  /* Read-only rather than insensitive while signing: a focused entry made
   * insensitive loses its focus-out event. */
  gtk_text_view_set_editable (self->rationale_view, !busy);
  /* The amount was committed before signing (sign_clicked_cb): a change
   * now would show what is not being signed. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_spin), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), drafted);
  gtk_widget_set_visible (self->status_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* The amount row: an award within Article U's cap, or an adjustment's
 * points either way. */
static void
show_amount (AssayDecisionDialog *self)
{
  gint64 cap = assay_decision_job_get_award_cap (self->job);
  gint64 amount = assay_decision_job_get_amount (self->job);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->amount_group, assay_decision_job_get_needs_amount (self->job));
  if (!assay_decision_job_get_needs_amount (self->job))
    return;
  /* A new range clamps the value: that is no choice of the user's. */
  self->showing_amount = TRUE;
  if (assay_decision_job_get_outcome (self->job) == ASSAY_DECISION_KIND_RULING)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), _("Points"));
      adw_action_row_set_subtitle (self->amount_row, _("Points added to the account; negative takes away"));
      gtk_spin_button_set_range (self->amount_spin, -ASSAY_FILING_MAX_POINTS, ASSAY_FILING_MAX_POINTS);
    }
  else
    {
      subtitle = g_strdup_printf (_("At most %" PRIi64 " points. Article U: at most 30 %% of the comparable success "
                                    "of %" PRIi64 " points, and no more than the %" PRIi64 " the claim asks"),
                                  cap, assay_decision_job_get_comparable_value (self->job),
                                  assay_decision_job_get_points_asked (self->job));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), _("Award"));
      adw_action_row_set_subtitle (self->amount_row, subtitle);
      gtk_spin_button_set_range (self->amount_spin, MIN (1, cap), MAX (1, cap));
    }
  gtk_spin_button_set_value (self->amount_spin, (double) amount);
  self->showing_amount = FALSE;
}

/* ---- callbacks ----------------------------------------------------------------- */

static void
job_changed_cb (AssayDecisionDialog *self,
                AssayDecisionJob    *job)
{
  const GError *error = assay_decision_job_get_draft_error (job);
  g_autofree char *intro = describe_intro (self);

  gtk_label_set_text (self->intro_label, intro);
  show_message (self->draft_error_label, error != NULL ? error->message : NULL);
  show_key (self);
  show_fields (self);
  show_payload (self);
  update_sensitivity (self);
}

/* A down-weight names its dimension: the case's flag's (first), or one
 * chosen here. */
static void
dimension_selected_cb (AssayDecisionDialog *self,
                       GParamSpec          *pspec,
                       AdwComboRow         *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->job == NULL)
    return;
  assay_decision_job_set_dimension (self->job, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                               ? NULL : assay_enum_get_nick (ASSAY_TYPE_DIMENSION, selected - 1));
}

static void
fill_dimensions (AssayDecisionDialog *self)
{
  gtk_string_list_append (self->dimension_list, _("As the case’s Article X flag says"));
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    gtk_string_list_append (self->dimension_list, assay_dimension_get_label (d));
}

static void
amount_changed_cb (AssayDecisionDialog *self,
                   GtkSpinButton       *spin)
{
  const GError *error;

  if (self->job == NULL || self->showing_amount || !assay_decision_job_get_needs_amount (self->job))
    return;
  assay_decision_job_set_amount (self->job, (gint64) gtk_spin_button_get_value (spin));
  /* Said at once, as the rationale's refusal is said when signing. */
  error = assay_decision_job_get_amount_error (self->job);
  show_message (self->error_label, error != NULL ? error->message : NULL);
}

static void
job_notify_signing_cb (AssayDecisionDialog *self,
                       GParamSpec          *pspec,
                       AssayDecisionJob    *job)
{
  update_sensitivity (self);
}

static void
rationale_changed_cb (AssayDecisionDialog *self,
                      GtkTextBuffer       *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  assay_decision_job_set_rationale (self->job, text);
  /* A refusal of the old text is no longer true of the new one. */
  show_message (self->error_label, NULL);
}

static void
sign_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AssayDecisionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = assay_decision_job_sign_finish (ASSAY_DECISION_JOB (source), result, &error);

  if (hash == NULL)
    {
      show_message (self->error_label, error->message);
      if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
        }
      return;
    }
  g_signal_emit (self, signals[QUEUED], 0, hash);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_clicked_cb (AssayDecisionDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (assay_decision_job_get_signing (self->job) || !gtk_widget_get_sensitive (self->sign_button))
    return;
  show_message (self->error_label, NULL);
  /* A number typed but not yet entered is the amount the user sees. */
  if (gtk_widget_get_visible (self->amount_group))
    gtk_spin_button_update (self->amount_spin);
  assay_decision_job_sign_async (self->job, passphrase, strlen (passphrase), g_get_user_name (), NULL,
                                 sign_done_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (AssayDecisionDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
choose_response_cb (AssayDecisionDialog  *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  /* Remembered: the dialog asks for the key file once. */
  g_settings_set_string (self->settings, "signing-key", path);
  assay_decision_job_set_key_path (self->job, path);
}

static void
choose_clicked_cb (AssayDecisionDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose Your Signing Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- GObject ------------------------------------------------------------------- */

/* Signing cannot be stopped half-way: the window waits for it. */
static gboolean
assay_decision_dialog_close_request (GtkWindow *window)
{
  AssayDecisionDialog *self = ASSAY_DECISION_DIALOG (window);

  if (self->job != NULL && assay_decision_job_get_signing (self->job))
    return TRUE;
  return GTK_WINDOW_CLASS (assay_decision_dialog_parent_class)->close_request (window);
}

static void
assay_decision_dialog_dispose (GObject *object)
{
  AssayDecisionDialog *self = ASSAY_DECISION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_DECISION_DIALOG);
  g_clear_object (&self->job);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (assay_decision_dialog_parent_class)->dispose (object);
}

static void
assay_decision_dialog_class_init (AssayDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = assay_decision_dialog_dispose;
  window_class->close_request = assay_decision_dialog_close_request;

  signals[QUEUED] = g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-decision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, draft_error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, dimension_group);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, dimension_row);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, dimension_list);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, amount_group);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, amount_spin);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, fields_list);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, payload_expander);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, payload_view);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, status_box);
  gtk_widget_class_bind_template_child (widget_class, AssayDecisionDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dimension_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
assay_decision_dialog_init (AssayDecisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fill_dimensions (self);
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->payload_view), "exact", "insert-hyphens", FALSE, NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->rationale_view), "changed",
                           G_CALLBACK (rationale_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---- public API ---------------------------------------------------------------- */

/* The dialog around @job, once the job is known. */
static AssayDecisionDialog *
dialog_new (GtkWindow        *parent,
            AssayDecisionJob *job,
            const char       *title,
            gboolean          destructive)
{
  AssayDecisionDialog *self = g_object_new (ASSAY_TYPE_DECISION_DIALOG, "transient-for", parent, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *key_path = NULL;

  self->job = job;
  g_signal_connect_object (self->job, "changed", G_CALLBACK (job_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "notify::signing", G_CALLBACK (job_notify_signing_cb), self,
                           G_CONNECT_SWAPPED);
  key_path = g_settings_get_string (self->settings, "signing-key");
  assay_decision_job_set_key_path (self->job, key_path);
  /* Translators: the dialog's subtitle, "Case 3". */
  subtitle = g_strdup_printf (_("Case %" PRIi64), assay_decision_job_get_case_id (job));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_add_css_class (self->sign_button, destructive ? "destructive-action" : "suggested-action");
  gtk_widget_set_visible (self->dimension_group,
                          assay_decision_job_get_outcome (job) == ASSAY_DECISION_KIND_DOWN_WEIGHT);
  show_amount (self);
  job_changed_cb (self, self->job);
  gtk_widget_grab_focus (GTK_WIDGET (self->rationale_view));
  return self;
}

AssayDecisionDialog *
assay_decision_dialog_new (GtkWindow         *parent,
                           AssayReplica      *replica,
                           gint64             case_id,
                           AssayDecisionKind  outcome)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  return dialog_new (parent, assay_decision_job_new (replica, case_id, outcome), title_for (outcome),
                     is_destructive (outcome));
}

AssayDecisionDialog *
assay_decision_dialog_new_for_filing (GtkWindow                *parent,
                                      AssayReplica             *replica,
                                      gint64                    case_id,
                                      const AssayFilingVerdict *verdict)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (verdict != NULL, NULL);

  /* A denial is a no, not a destruction: nothing is taken away. */
  return dialog_new (parent, assay_decision_job_new_for_filing (replica, case_id, verdict),
                     title_for_verdict (verdict), FALSE);
}

/* ---- private API --------------------------------------------------------------- */

AssayDecisionJob *
_assay_decision_dialog_get_job (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);
  return self->job;
}

void
_assay_decision_dialog_set_rationale (AssayDecisionDialog *self,
                                      const char          *text)
{
  g_return_if_fail (ASSAY_IS_DECISION_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rationale_view), text, -1);
}

void
_assay_decision_dialog_set_dimension (AssayDecisionDialog *self,
                                      int                  dimension)
{
  g_return_if_fail (ASSAY_IS_DECISION_DIALOG (self));
  adw_combo_row_set_selected (self->dimension_row, dimension < 0 ? 0 : (guint) dimension + 1);
}

void
_assay_decision_dialog_set_passphrase (AssayDecisionDialog *self,
                                       const char          *text)
{
  g_return_if_fail (ASSAY_IS_DECISION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), text);
}

void
_assay_decision_dialog_sign (AssayDecisionDialog *self)
{
  g_return_if_fail (ASSAY_IS_DECISION_DIALOG (self));
  sign_clicked_cb (self);
}

const char *
_assay_decision_dialog_get_shown (AssayDecisionDialog *self,
                                  const char          *id)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);
  return g_hash_table_lookup (self->shown, id);
}

const char *
_assay_decision_dialog_get_error (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
_assay_decision_dialog_get_draft_error (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->draft_error_label))
         ? gtk_label_get_text (self->draft_error_label) : NULL;
}

char *
_assay_decision_dialog_dup_payload_text (AssayDecisionDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->payload_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
_assay_decision_dialog_get_busy (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), FALSE);
  return assay_decision_job_get_signing (self->job);
}

GtkWidget *
_assay_decision_dialog_get_sign_button (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);
  return self->sign_button;
}

void
_assay_decision_dialog_set_amount (AssayDecisionDialog *self,
                                   gint64               amount)
{
  g_return_if_fail (ASSAY_IS_DECISION_DIALOG (self));
  gtk_spin_button_set_value (self->amount_spin, (double) amount);
}

/* The amount row as shown: NULL when hidden, else "value\ntitle\nsubtitle". */
char *
_assay_decision_dialog_dup_amount_text (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->amount_group))
    return NULL;
  return g_strdup_printf ("%" PRIi64 "\n%s\n%s", (gint64) gtk_spin_button_get_value (self->amount_spin),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->amount_row)),
                          adw_action_row_get_subtitle (self->amount_row));
}

const char *
_assay_decision_dialog_get_intro (AssayDecisionDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_DIALOG (self), NULL);
  return gtk_label_get_text (self->intro_label);
}

void
_assay_decision_dialog_type_amount (AssayDecisionDialog *self,
                                    const char          *text)
{
  g_return_if_fail (ASSAY_IS_DECISION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_spin), text);
}
