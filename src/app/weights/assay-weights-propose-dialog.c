/* assay-weights-propose-dialog.c — signing a weights proposal and queueing it in the outbox
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

#include "assay-decision-job.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-roster.h"
#include "assay-weights-propose-dialog.h"

struct _AssayWeightsProposeDialog
{
  AdwWindow         parent_instance;

  AssayReplica     *replica;
  AssayWeights      weights;
  char             *rationale;
  guint             notice_days;
  GSettings        *settings;
  char             *author;         /* the key file's key id, or NULL */
  char             *decision_id;    /* kept across drafts: the bytes shown are the bytes signed */
  gint64            created_at;
  GBytes           *payload;        /* the current draft's, or NULL */
  GPtrArray        *fields;         /* AssayDecisionField, read back from the payload */
  GPtrArray        *field_rows;     /* what fill_fields added */
  GCancellable     *cancellable;
  gboolean          signing;

  /* Template widgets */
  AdwPreferencesGroup *fields_group;
  GtkLabel         *key_label;
  GtkPasswordEntry *passphrase_entry;
  GtkLabel         *error_label;
  GtkLabel         *payload_label;
  GtkButton        *sign_button;
  GtkButton        *cancel_button;
};

G_DEFINE_FINAL_TYPE (AssayWeightsProposeDialog, assay_weights_propose_dialog, ADW_TYPE_WINDOW)

enum {
  QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (AssayWeightsProposeDialog *self,
            const char                *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_sensitivity (AssayWeightsProposeDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button), self->payload != NULL && !self->signing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_entry), !self->signing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->signing);
}

/* The key file named by the setting: its key id, read without the
 * passphrase from the public half. */
static void
load_key (AssayWeightsProposeDialog *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  guint8 public_key[ASSAY_KEY_PUBLIC_KEY_SIZE];
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->author, g_free);
  if (*path == '\0')
    text = g_strdup (_("No signing key is chosen: choose your key file, one the roster gives the committee role."));
  else if (!assay_key_file_read_public_key (path, public_key, &error))
    text = g_strdup_printf (_("The key file %1$s cannot be read: %2$s"), path, error->message);
  else
    {
      self->author = assay_key_id (public_key);
      /* Translators: the key file's path and the start of its key id. */
      text = g_strdup_printf (_("Signing key %1$s (key id %2$.16s…)"), path, self->author);
    }
  gtk_label_set_text (self->key_label, text);
}

static void
clear_fields (AssayWeightsProposeDialog *self)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, self->field_rows->pdata[i]);
  g_ptr_array_set_size (self->field_rows, 0);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
}

static void
fill_fields (AssayWeightsProposeDialog *self)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      const AssayDecisionField *field = g_ptr_array_index (self->fields, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field->value);
      adw_preferences_group_add (self->fields_group, row);
      g_ptr_array_add (self->field_rows, row);
    }
}

static void
redraft (AssayWeightsProposeDialog *self)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->payload, g_bytes_unref);
  clear_fields (self);
  gtk_label_set_text (self->payload_label, "");
  if (self->author == NULL)
    {
      show_error (self, _("Choose your signing key first."));
      update_sensitivity (self);
      return;
    }
  d = assay_decision_draft_for_weights (self->replica, &self->weights, self->rationale, self->author,
                                        self->created_at, &error);
  if (d != NULL)
    {
      d->decision_id = g_strdup (self->decision_id);
      self->payload = assay_decision_to_payload (d, &error);
    }
  if (self->payload == NULL)
    {
      show_error (self, error->message);
      update_sensitivity (self);
      return;
    }
  if (self->decision_id == NULL)
    self->decision_id = g_strdup (d->decision_id);
  show_error (self, NULL);
  self->fields = assay_weights_proposal_render (self->payload, self->notice_days, NULL);
  fill_fields (self);
  gtk_label_set_text (self->payload_label, g_bytes_get_data (self->payload, NULL));
  update_sensitivity (self);
}

static void
sign_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AssayWeightsProposeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = assay_weights_proposal_sign_finish (result, &error);

  self->signing = FALSE;
  if (hash == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A changed replica: show what would be signed now. */
      if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS))
        {
          g_clear_pointer (&self->decision_id, g_free);
          redraft (self);
        }
      show_error (self, error->message);
      update_sensitivity (self);
      return;
    }
  g_signal_emit (self, signals[QUEUED], 0, hash);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sign_clicked_cb (AssayWeightsProposeDialog *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));

  if (self->payload == NULL || self->signing)
    return;
  self->signing = TRUE;
  show_error (self, NULL);
  update_sensitivity (self);
  assay_weights_proposal_sign_async (assay_replica_get_path (self->replica), &self->weights, self->rationale,
                                     path, passphrase, strlen (passphrase), self->payload,
                                     self->decision_id, self->created_at, self->cancellable,
                                     sign_done_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (AssayWeightsProposeDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
choose_response_cb (AssayWeightsProposeDialog *self,
                    int                        response,
                    GtkFileChooserNative      *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  g_settings_set_string (self->settings, "signing-key", path);
  load_key (self);
  redraft (self);
}

static void
choose_key_clicked_cb (AssayWeightsProposeDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose Signing Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
assay_weights_propose_dialog_dispose (GObject *object)
{
  AssayWeightsProposeDialog *self = ASSAY_WEIGHTS_PROPOSE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_WEIGHTS_PROPOSE_DIALOG);
  g_clear_object (&self->replica);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->rationale, g_free);
  g_clear_pointer (&self->decision_id, g_free);

  G_OBJECT_CLASS (assay_weights_propose_dialog_parent_class)->dispose (object);
}

/* Signing and queueing cannot be stopped half-way: the window waits for
 * them, so that what the member sees is what happened. */
static gboolean
assay_weights_propose_dialog_close_request (GtkWindow *window)
{
  if (ASSAY_WEIGHTS_PROPOSE_DIALOG (window)->signing)
    return TRUE;
  return GTK_WINDOW_CLASS (assay_weights_propose_dialog_parent_class)->close_request (window);
}

static void
assay_weights_propose_dialog_class_init (AssayWeightsProposeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = assay_weights_propose_dialog_dispose;
  window_class->close_request = assay_weights_propose_dialog_close_request;

  signals[QUEUED] = g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/assay/Assay/ui/assay-weights-propose-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, payload_label);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AssayWeightsProposeDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_key_clicked_cb);
}

static void
assay_weights_propose_dialog_init (AssayWeightsProposeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->field_rows = g_ptr_array_new ();
}

AssayWeightsProposeDialog *
assay_weights_propose_dialog_new (GtkWindow          *parent,
                                  AssayReplica       *replica,
                                  const AssayWeights *weights,
                                  const char         *rationale,
                                  guint               notice_days)
{
  AssayWeightsProposeDialog *self;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (weights != NULL && rationale != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_WEIGHTS_PROPOSE_DIALOG, "transient-for", parent, NULL);
  self->replica = g_object_ref (replica);
  self->weights = *weights;
  self->rationale = g_strdup (rationale);
  self->notice_days = notice_days;
  self->created_at = g_get_real_time () / G_USEC_PER_SEC;
  load_key (self);
  redraft (self);
  return self;
}

GtkWidget *
_assay_weights_propose_dialog_get_widget (AssayWeightsProposeDialog *self,
                                          const char                *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ASSAY_TYPE_WEIGHTS_PROPOSE_DIALOG, id));
}

const char *
_assay_weights_propose_dialog_get_field (AssayWeightsProposeDialog *self,
                                         const char                *id)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      const AssayDecisionField *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->id, id) == 0)
        return field->value;
    }
  return NULL;
}

gboolean
_assay_weights_propose_dialog_is_signing (AssayWeightsProposeDialog *self)
{
  return self->signing;
}
