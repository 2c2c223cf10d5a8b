/* assay-audit-findings-dialog.c — signing a sample’s findings as one `audit_findings` decision
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

#include "assay-audit-findings-decision.h"
#include "assay-audit-findings-dialog.h"
#include "assay-audit-sample-job.h"
#include "assay-error.h"
#include "assay-key-file.h"

struct _AssayAuditFindingsDialog
{
  AdwWindow         parent_instance;

  AssayReplica     *replica;
  AssayAuditSample *sample;
  GSettings        *settings;
  char             *author;         /* the key file's key id, or NULL */
  char             *decision_id;    /* kept across drafts: the bytes shown are the bytes signed */
  gint64            created_at;
  GBytes           *payload;        /* the current draft's, or NULL */
  GCancellable     *cancellable;
  gboolean          signing;

  /* Template widgets */
  GtkLabel         *summary_label;
  GtkEntry         *rationale_entry;
  GtkLabel         *key_label;
  GtkPasswordEntry *passphrase_entry;
  GtkLabel         *error_label;
  GtkLabel         *payload_label;
  GtkButton        *sign_button;
  GtkButton        *cancel_button;
};

G_DEFINE_FINAL_TYPE (AssayAuditFindingsDialog, assay_audit_findings_dialog, ADW_TYPE_WINDOW)

enum {
  QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (AssayAuditFindingsDialog *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_sensitivity (AssayAuditFindingsDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button), self->payload != NULL && !self->signing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rationale_entry), !self->signing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_entry), !self->signing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !self->signing);
}

/* The key file named by the setting: its key id, read without the
 * passphrase from the public half. */
static void
load_key (AssayAuditFindingsDialog *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  guint8 public_key[ASSAY_KEY_PUBLIC_KEY_SIZE];
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->author, g_free);
  if (*path == '\0')
    text = g_strdup (_("No signing key is chosen: choose your key file, one the roster gives the audit role."));
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
redraft (AssayAuditFindingsDialog *self)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subject = assay_audit_findings_subject (self->sample);
  const char *rationale = gtk_editable_get_text (GTK_EDITABLE (self->rationale_entry));

  g_clear_pointer (&self->payload, g_bytes_unref);
  gtk_label_set_text (self->payload_label, "");
  /* What it is about, even before a draft can be made. */
  summary = g_strdup_printf (_("The findings of sample audit:%s, as one “audit_findings” decision."), subject);
  gtk_label_set_text (self->summary_label, summary);
  g_clear_pointer (&summary, g_free);
  if (self->author == NULL)
    {
      show_error (self, _("Choose your signing key first."));
      update_sensitivity (self);
      return;
    }
  d = assay_audit_findings_draft (self->replica, self->sample, rationale, self->author, self->created_at, &error);
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
  gtk_label_set_text (self->payload_label, g_bytes_get_data (self->payload, NULL));
  /* Translators: the subject, its sequence number, the roster version. */
  summary = g_strdup_printf (_("One “audit_findings” decision on audit:%1$s, number %2$" PRIi64 " on that subject, "
                               "under roster version %3$" PRIi64 ". It names the sample, counts its findings, binds "
                               "every finding by a hash and lists the errors and frauds with their notes and leaves."),
                             subject, d->subject_seq, d->roster_version);
  gtk_label_set_text (self->summary_label, summary);
  update_sensitivity (self);
}

static void
sign_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AssayAuditFindingsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = assay_audit_findings_sign_finish (result, &error);

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
sign_clicked_cb (AssayAuditFindingsDialog *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));

  if (self->payload == NULL || self->signing)
    return;
  self->signing = TRUE;
  show_error (self, NULL);
  update_sensitivity (self);
  assay_audit_findings_sign_async (assay_replica_get_path (self->replica), self->sample,
                                   gtk_editable_get_text (GTK_EDITABLE (self->rationale_entry)),
                                   path, passphrase, strlen (passphrase), self->payload,
                                   self->decision_id, self->created_at, self->cancellable,
                                   sign_done_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (AssayAuditFindingsDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
choose_response_cb (AssayAuditFindingsDialog *self,
                    int                       response,
                    GtkFileChooserNative     *chooser)
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
choose_key_clicked_cb (AssayAuditFindingsDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose Signing Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
assay_audit_findings_dialog_dispose (GObject *object)
{
  AssayAuditFindingsDialog *self = ASSAY_AUDIT_FINDINGS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_AUDIT_FINDINGS_DIALOG);
  g_clear_object (&self->replica);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sample, assay_audit_sample_free);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->decision_id, g_free);

  G_OBJECT_CLASS (assay_audit_findings_dialog_parent_class)->dispose (object);
}

/* Signing and queueing cannot be stopped half-way: the window waits for
 * them, so that what the auditor sees is what happened. */
static gboolean
assay_audit_findings_dialog_close_request (GtkWindow *window)
{
  if (ASSAY_AUDIT_FINDINGS_DIALOG (window)->signing)
    return TRUE;
  return GTK_WINDOW_CLASS (assay_audit_findings_dialog_parent_class)->close_request (window);
}

static void
assay_audit_findings_dialog_class_init (AssayAuditFindingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = assay_audit_findings_dialog_dispose;
  window_class->close_request = assay_audit_findings_dialog_close_request;

  signals[QUEUED] = g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-audit-findings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, rationale_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, payload_label);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AssayAuditFindingsDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, redraft);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_key_clicked_cb);
}

static void
assay_audit_findings_dialog_init (AssayAuditFindingsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
}

AssayAuditFindingsDialog *
assay_audit_findings_dialog_new (GtkWindow              *parent,
                                 AssayReplica           *replica,
                                 const AssayAuditSample *sample)
{
  AssayAuditFindingsDialog *self;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (sample != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_AUDIT_FINDINGS_DIALOG, "transient-for", parent, NULL);
  self->replica = g_object_ref (replica);
  self->sample = assay_audit_sample_copy (sample);
  self->created_at = g_get_real_time () / G_USEC_PER_SEC;
  load_key (self);
  redraft (self);
  return self;
}

GtkWidget *
_assay_audit_findings_dialog_get_widget (AssayAuditFindingsDialog *self,
                                         const char               *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ASSAY_TYPE_AUDIT_FINDINGS_DIALOG, id));
}

gboolean
_assay_audit_findings_dialog_is_signing (AssayAuditFindingsDialog *self)
{
  return self->signing;
}
