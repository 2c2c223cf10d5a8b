/* assay-cosign-dialog.c — a colleague's proposal, read from its payload and co-signed
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
#include <string.h>

#include "assay-cosign-dialog-private.h"
#include "assay-decision-field-row.h"
#include "assay-dsse.h"
#include "assay-error.h"

struct _AssayCosignDialog
{
  AdwWindow            parent_instance;

  AssayReplica        *replica;
  AssayProposal       *proposal;     /* a copy */
  GSettings           *settings;
  GHashTable          *shown;        /* field id → value, as displayed */
  gboolean             signing;      /* a signature or an objection is being made */
  gboolean             opposing;     /* the dialog asks for an objection, not a signature */

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *sign_button;
  GtkWidget           *oppose_button;
  GtkLabel            *intro_label;
  GtkLabel            *read_error_label;
  GtkWidget           *fields_group;
  GtkListBox          *fields_list;
  GtkWidget           *payload_expander;
  GtkTextView         *payload_view;
  GtkWidget           *objection_group;
  GtkTextView         *rationale_view;
  AdwActionRow        *key_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkLabel            *error_label;
  GtkWidget           *status_box;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (AssayCosignDialog, assay_cosign_dialog, ADW_TYPE_WINDOW)

enum {
  COSIGNED,
  OPPOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (GtkLabel   *label,
              const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* A freeze or a zero, like the decision dialog's: the button says so. */
static gboolean
is_destructive (const AssayProposal *proposal)
{
  g_autoptr(AssayDecision) d = assay_proposal_get_decision (proposal, NULL);

  return d != NULL && (d->kind == ASSAY_DECISION_KIND_FREEZE || d->kind == ASSAY_DECISION_KIND_ZERO);
}

static char *
key_path (AssayCosignDialog *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");

  return *path != '\0' ? g_steal_pointer (&path) : NULL;
}

static void
update_sensitivity (AssayCosignDialog *self)
{
  g_autofree char *path = key_path (self);
  gboolean readable = g_hash_table_size (self->shown) > 0;

  gtk_widget_set_sensitive (self->sign_button, !self->signing && readable && path != NULL);
  gtk_widget_set_sensitive (self->oppose_button, !self->signing && readable && path != NULL
                                                 && self->proposal->problem == NULL);
  gtk_widget_set_visible (self->sign_button, !self->opposing);
  gtk_widget_set_visible (self->objection_group, self->opposing);
  gtk_text_view_set_editable (self->rationale_view, !self->signing);
  gtk_widget_set_sensitive (self->cancel_button, !self->signing);
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !self->signing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), readable && path != NULL);
  gtk_widget_set_visible (self->status_box, self->signing);
  gtk_spinner_set_spinning (self->spinner, self->signing);
}

/* The decision, field by field, and the exact payload bytes: nothing
 * from the service's summary. */
static void
show_proposal (AssayCosignDialog *self,
               const char        *proposer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = assay_proposal_dup_fields (self->proposal, proposer, &error);
  g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (self->proposal->envelope, -1, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->payload_view);
  GtkTextIter start, end;

  show_message (self->read_error_label, error != NULL ? error->message : NULL);
  gtk_widget_set_visible (self->fields_group, fields != NULL);
  gtk_widget_set_visible (self->payload_expander, fields != NULL);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const AssayDecisionField *field = g_ptr_array_index (fields, i);

      gtk_list_box_append (self->fields_list, assay_decision_field_row_new (field));
      g_hash_table_insert (self->shown, g_strdup (field->id), g_strdup (field->value));
    }
  if (fields != NULL && envelope != NULL)
    gtk_text_buffer_set_text (buffer, g_bytes_get_data (envelope->payload, NULL),
                              g_bytes_get_size (envelope->payload));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "exact", &start, &end);
}

/* Who objected, as the signatures show; objections that do not verify
 * are counted apart, never under the name the service gives them. */
static char *
describe_dissent (AssayCosignDialog *self)
{
  guint n_unverified = 0;
  g_auto(GStrv) objectors = assay_proposal_dup_objectors (self->proposal, &n_unverified);
  g_autofree char *names = g_strjoinv (_(", "), objectors);
  GString *text = g_string_new (NULL);

  if (objectors[0] != NULL)
    /* Translators: "Opposed by chen, dana." */
    g_string_append_printf (text, _("Opposed by %s."), names);
  if (n_unverified > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u objection does not verify and is not counted.",
                                                 "%u objections do not verify and are not counted.", n_unverified),
                              n_unverified);
    }
  return g_string_free (text, text->len == 0);
}

static char *
describe_intro (AssayCosignDialog *self)
{
  g_autofree char *holders = g_strjoinv (_(", "), self->proposal->holders);
  g_autofree char *dissent = describe_dissent (self);
  g_autofree char *votes = NULL;
  guint missing = self->proposal->threshold > self->proposal->n_signed
                  ? self->proposal->threshold - self->proposal->n_signed : 0;

  /* Translators: "Signed by 1 of 2 (ana). Your signature is added to the
   * same bytes; …" */
  votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Signed by %u of %u (%s); %u more signature is needed. Your signature is "
                                        "added to the same bytes and sent to the central service, which logs the "
                                        "decision once enough holders have signed. Sign only what you have read.",
                                        "Signed by %u of %u (%s); %u more signatures are needed. Your signature is "
                                        "added to the same bytes and sent to the central service, which logs the "
                                        "decision once enough holders have signed. Sign only what you have read.",
                                        missing),
                           self->proposal->n_signed, self->proposal->threshold, holders, missing);
  return dissent != NULL ? g_strconcat (votes, "\n\n", dissent, NULL) : g_steal_pointer (&votes);
}

/* Both jobs start alike: the passphrase typed, the buttons held while
 * the worker signs. */
static gboolean
begin_signing (AssayCosignDialog *self,
               const char        *passphrase)
{
  if (*passphrase == '\0')
    {
      show_message (self->error_label, _("Type the passphrase of your signing key."));
      return FALSE;
    }
  show_message (self->error_label, NULL);
  self->signing = TRUE;
  update_sensitivity (self);
  return TRUE;
}

/* …and end alike: a wrong passphrase is typed again, any other failure
 * shown; on success @signal_id is emitted and the dialog closes. */
static void
end_signing (AssayCosignDialog *self,
             const GError      *error,
             guint              signal_id)
{
  self->signing = FALSE;
  update_sensitivity (self);
  if (error != NULL)
    {
      if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
        }
      show_message (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[signal_id], 0, self->proposal->hash);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AssayCosignDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  assay_proposal_job_cosign_finish (result, &error);
  end_signing (self, error, COSIGNED);
}

static void send_objection (AssayCosignDialog *self);

static void
sign_clicked_cb (AssayCosignDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  g_autofree char *path = key_path (self);

  if (self->opposing)
    {
      send_objection (self);
      return;
    }
  if (self->signing || !gtk_widget_get_sensitive (self->sign_button) || path == NULL
      || !begin_signing (self, passphrase))
    return;
  assay_proposal_job_cosign_async (assay_replica_get_path (self->replica), self->proposal, path,
                                   passphrase, strlen (passphrase), g_get_user_name (), NULL,
                                   sign_done_cb, g_object_ref (self));
}

/* ---- opposing ------------------------------------------------------------------ */

static char *
dup_rationale (AssayCosignDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
oppose_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AssayCosignDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  assay_proposal_job_oppose_finish (result, &error);
  end_signing (self, error, OPPOSED);
}

/* A rationale and the passphrase, then the objection is signed and sent. */
static void
send_objection (AssayCosignDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  g_autofree char *path = key_path (self);
  g_autofree char *rationale = dup_rationale (self);
  g_autofree char *stripped = g_strstrip (g_strdup (rationale));

  if (self->signing || !gtk_widget_get_sensitive (self->oppose_button) || path == NULL)
    return;
  if (*stripped == '\0')
    {
      show_message (self->error_label, _("Write why the decision should not be made: an objection needs a rationale."));
      gtk_widget_grab_focus (GTK_WIDGET (self->rationale_view));
      return;
    }
  if (!begin_signing (self, passphrase))
    return;
  assay_proposal_job_oppose_async (assay_replica_get_path (self->replica), self->proposal, path, passphrase,
                                   strlen (passphrase), rationale, NULL, oppose_done_cb, g_object_ref (self));
}

/* A refusal for want of a rationale goes once one is being written. */
static void
rationale_changed_cb (AssayCosignDialog *self)
{
  if (!self->signing)
    show_message (self->error_label, NULL);
}

/* The first click asks for the rationale; the second sends it. */
static void
oppose_clicked_cb (AssayCosignDialog *self)
{
  if (self->opposing)
    {
      send_objection (self);
      return;
    }
  self->opposing = TRUE;
  adw_window_title_set_title (self->window_title, _("Oppose the Decision"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->fields_group), _("What You Oppose"));
  gtk_button_set_label (GTK_BUTTON (self->oppose_button), _("_Sign and Send Objection"));
  gtk_widget_set_tooltip_text (self->oppose_button,
                               _("Open your key with the passphrase, sign your objection and send it to the central "
                                 "service"));
  show_message (self->error_label, NULL);
  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->rationale_view));
}

static void
cancel_clicked_cb (AssayCosignDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Signing cannot be stopped half-way: the window waits for it. */
static gboolean
assay_cosign_dialog_close_request (GtkWindow *window)
{
  if (ASSAY_COSIGN_DIALOG (window)->signing)
    return TRUE;
  return GTK_WINDOW_CLASS (assay_cosign_dialog_parent_class)->close_request (window);
}

static void
assay_cosign_dialog_dispose (GObject *object)
{
  AssayCosignDialog *self = ASSAY_COSIGN_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_COSIGN_DIALOG);
  g_clear_object (&self->replica);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->proposal, assay_proposal_free);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (assay_cosign_dialog_parent_class)->dispose (object);
}

static void
assay_cosign_dialog_class_init (AssayCosignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = assay_cosign_dialog_dispose;
  window_class->close_request = assay_cosign_dialog_close_request;

  signals[COSIGNED] = g_signal_new ("cosigned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPPOSED] = g_signal_new ("opposed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-cosign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, oppose_button);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, read_error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, fields_list);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, payload_expander);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, payload_view);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, objection_group);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, status_box);
  gtk_widget_class_bind_template_child (widget_class, AssayCosignDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, oppose_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
assay_cosign_dialog_init (AssayCosignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->payload_view), "exact", "insert-hyphens", FALSE, NULL);
  g_signal_connect_object (gtk_text_view_get_buffer (self->rationale_view), "changed",
                           G_CALLBACK (rationale_changed_cb), self, G_CONNECT_SWAPPED);
}

AssayCosignDialog *
assay_cosign_dialog_new (GtkWindow           *parent,
                         AssayReplica        *replica,
                         const AssayProposal *proposal,
                         const char          *proposer)
{
  AssayCosignDialog *self;
  g_autofree char *intro = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (proposal != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_COSIGN_DIALOG, "transient-for", parent, NULL);
  self->replica = g_object_ref (replica);
  self->proposal = assay_proposal_copy (proposal);
  /* Translators: the dialog's subtitle, the proposal's payload hash, shortened: "Proposal 1a2b3c4d5e6f". */
  subtitle = g_strdup_printf (_("Proposal %.12s"), proposal->hash);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  show_proposal (self, proposer);
  intro = describe_intro (self);
  gtk_label_set_text (self->intro_label, intro);
  path = key_path (self);
  adw_action_row_set_subtitle (self->key_row, path != NULL ? path
                               : _("None chosen: choose your key in Preferences, Signing."));
  gtk_widget_add_css_class (self->sign_button, is_destructive (self->proposal) ? "destructive-action" : "suggested-action");
  update_sensitivity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  return self;
}

/* ---- private API --------------------------------------------------------------- */

const char *
_assay_cosign_dialog_get_shown (AssayCosignDialog *self,
                                const char        *id)
{
  g_return_val_if_fail (ASSAY_IS_COSIGN_DIALOG (self), NULL);
  return g_hash_table_lookup (self->shown, id);
}

char *
_assay_cosign_dialog_dup_payload_text (AssayCosignDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ASSAY_IS_COSIGN_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->payload_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_assay_cosign_dialog_set_passphrase (AssayCosignDialog *self,
                                     const char        *text)
{
  g_return_if_fail (ASSAY_IS_COSIGN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), text);
}

void
_assay_cosign_dialog_sign (AssayCosignDialog *self)
{
  g_return_if_fail (ASSAY_IS_COSIGN_DIALOG (self));
  sign_clicked_cb (self);
}

gboolean
_assay_cosign_dialog_get_busy (AssayCosignDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_COSIGN_DIALOG (self), FALSE);
  return self->signing;
}

const char *
_assay_cosign_dialog_get_error (AssayCosignDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_COSIGN_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
_assay_cosign_dialog_get_intro (AssayCosignDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_COSIGN_DIALOG (self), NULL);
  return gtk_label_get_text (self->intro_label);
}

void
_assay_cosign_dialog_set_rationale (AssayCosignDialog *self,
                                    const char        *text)
{
  g_return_if_fail (ASSAY_IS_COSIGN_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rationale_view), text, -1);
}

void
_assay_cosign_dialog_oppose (AssayCosignDialog *self)
{
  g_return_if_fail (ASSAY_IS_COSIGN_DIALOG (self));
  oppose_clicked_cb (self);
}

gboolean
_assay_cosign_dialog_get_opposing (AssayCosignDialog *self)
{
  g_return_val_if_fail (ASSAY_IS_COSIGN_DIALOG (self), FALSE);
  return self->opposing;
}
