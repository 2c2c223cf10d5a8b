/* assay-entry-details.c — the details of one ledger entry, and its proof
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

#include "assay-hex.h"
#include "assay-county.h"
#include "assay-entry-details.h"
#include "assay-envelope-view.h"
#include "assay-error.h"
#include "assay-format.h"
#include "assay-proof-export.h"

struct _AssayEntryDetails
{
  AdwWindow             parent_instance;

  AssayReplica         *replica;
  guint64               index;
  AssayEntryState       state;
  GHashTable           *fields;      /* field id → value shown (char *) */
  char                 *notice;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *export_button;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *notice_label;
  AdwPreferencesGroup  *fields_group;
  AdwPreferencesGroup  *log_group;
};

G_DEFINE_FINAL_TYPE (AssayEntryDetails, assay_entry_details, ADW_TYPE_WINDOW)

static const char * const account_kind_labels[ASSAY_N_ACCOUNT_KINDS] = {
  N_("Individual"),
  N_("Enterprise"),
  N_("Organization"),
};

/* ---- helpers ------------------------------------------------------------------- */

/* One row: the field's name, and its value selectable so that it can be
 * copied into a report. */
static void
add_field (AssayEntryDetails   *self,
           AdwPreferencesGroup *group,
           const char          *id,
           const char          *title,
           const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->fields, g_strdup (id), g_strdup (value));
}

static void
add_day (AssayEntryDetails *self,
         const char        *id,
         const char        *title,
         guint32            day)
{
  g_autofree char *text = assay_format_day (day);

  add_field (self, self->fields_group, id, title, text);
}

static void
show_event (AssayEntryDetails *self,
            const AssayEntry  *e)
{
  g_autofree char *points = assay_format_count (e->points);

  add_field (self, self->fields_group, "dimension", _("Dimension"), assay_dimension_get_label (e->dimension));
  add_field (self, self->fields_group, "points", _("Points"), points);
  add_day (self, "event_date", _("Event Date"), e->event_day);
  add_field (self, self->fields_group, "activity", _("Activity"), e->activity);
  add_field (self, self->fields_group, "rule_id", _("Rule"), e->rule_id);
  add_field (self, self->fields_group, "rule_inputs", _("Rule Inputs"), e->rule_inputs);
  add_field (self, self->fields_group, "evidence", _("Evidence Commitment"), e->evidence);
  add_field (self, self->fields_group, "confirmer", _("Confirmer"),
             e->confirmer != NULL ? e->confirmer : _("None (no confirmer named)"));
  add_field (self, self->fields_group, "issuer", _("Issuer"), e->issuer);
}

static void
show_redemption (AssayEntryDetails *self,
                 const AssayEntry  *e)
{
  g_autofree char *points = assay_format_count (e->points);

  add_field (self, self->fields_group, "tier", _("Tier"), assay_tier_get_label (e->tier));
  add_field (self, self->fields_group, "points", _("Points Spent"), points);
  add_day (self, "event_date", _("Redemption Date"), e->event_day);
  add_field (self, self->fields_group, "item", _("Item"), e->item);
  add_field (self, self->fields_group, "request", _("Request"), e->activity);
}

static void
show_tombstone (AssayEntryDetails *self,
                const AssayEntry  *e)
{
  g_autofree char *count = assay_format_count (e->n_erased);
  GString *indices = g_string_new (NULL);

  for (gsize i = 0; i < e->n_erased && i < 20; i++)
    g_string_append_printf (indices, "%s%" G_GUINT64_FORMAT, i > 0 ? ", " : "", e->erased[i]);
  if (e->n_erased > 20)
    g_string_append (indices, ", …");
  add_day (self, "issued_date", _("Issued"), e->issued_day);
  add_field (self, self->fields_group, "n_erased", _("Entries Erased"), count);
  add_field (self, self->fields_group, "erased", _("Erased Indices"), indices->str);
  g_string_free (indices, TRUE);
}

/* The decoded payload in a monospace block under its own row: it is
 * many lines long, unlike every other value. */
static void
add_payload (AssayEntryDetails *self,
             const char        *payload)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *label = gtk_label_new (payload);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Payload"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  adw_preferences_group_add (self->fields_group, row);
  g_hash_table_insert (self->fields, g_strdup ("payload"), g_strdup (payload));
}

/* A roster or a decision: what its envelope says, read here without
 * verifying a signature (the ledger checked the envelope's shape). */
static void
show_signed (AssayEntryDetails *self,
             const AssayEntry  *e)
{
  g_autoptr(AssayEnvelopeView) view = NULL;
  g_autoptr(GError) error = NULL;

  add_day (self, "logged_date", _("Logged"), e->logged_day);
  view = assay_envelope_view_new (e->envelope, &error);
  if (view == NULL)
    {
      add_field (self, self->fields_group, "envelope", _("Envelope"), e->envelope);
      return;
    }
  add_field (self, self->fields_group, "payload_type", _("Payload Type"), view->payload_type);
  /* One row each: two 64-digit ids wrapped in one label would run together. */
  for (guint i = 0; view->keyids[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("keyid-%u", i + 1);
      /* Translators: the key id named by the first, second, … signature. */
      g_autofree char *title = g_strdup_printf (_("Signature %u Key ID"), i + 1);

      add_field (self, self->fields_group, id, title, view->keyids[i]);
    }
  add_payload (self, view->payload);
}

/* A pause names the breaker flag behind it; whether that flag holds is
 * the replica's check after sync, shown on the account. */
static void
show_pause (AssayEntryDetails *self,
            const AssayEntry  *e)
{
  g_autofree char *members = g_strjoinv (", ", e->members);
  g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, e->checkpoint_size);

  add_day (self, "logged_date", _("Logged"), e->logged_day);
  add_field (self, self->fields_group, "rule", _("Rule"), e->rule_id);
  add_field (self, self->fields_group, "subject", _("Subject"), e->subject);
  if (e->members[0] != NULL)
    add_field (self, self->fields_group, "members", _("Members"), members);
  add_day (self, "from", _("From"), e->pause_from);
  add_day (self, "to", _("To"), e->pause_to);
  add_field (self, self->fields_group, "flag", _("Flag"), e->flag);
  add_field (self, self->fields_group, "checkpoint_size", _("Evaluated at Size"), size);
}

static void
add_leaf (AssayEntryDetails *self,
          const char        *id,
          const char        *title,
          guint64            leaf)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, leaf);

  add_field (self, self->fields_group, id, title, text);
}

static void
add_flag (AssayEntryDetails *self,
          const char        *id,
          const char        *title,
          gboolean           value)
{
  add_field (self, self->fields_group, id, title, value ? _("Yes") : _("No"));
}

static void
show_dispute (AssayEntryDetails *self,
              const AssayEntry  *e)
{
  g_autofree char *claimant = assay_province_format (e->claimant);
  g_autofree char *respondent = assay_province_format (e->respondent);
  GString *indices = g_string_new (NULL);

  for (gsize i = 0; i < e->n_disputed; i++)
    g_string_append_printf (indices, "%s%" G_GUINT64_FORMAT, i > 0 ? ", " : "", e->disputed[i]);
  add_field (self, self->fields_group, "entries", _("Disputed Entries"), indices->str);
  add_field (self, self->fields_group, "claimant", _("Claimant Province"), claimant);
  add_field (self, self->fields_group, "claimant_statement", _("Claimant’s Statement"), e->text);
  add_field (self, self->fields_group, "respondent", _("Respondent Province"), respondent);
  add_field (self, self->fields_group, "respondent_statement", _("Respondent’s Statement"),
             e->respondent_statement);
  g_string_free (indices, TRUE);
}

static void
show_failure_claim (AssayEntryDetails *self,
                    const AssayEntry  *e)
{
  g_autofree char *experts = g_strjoinv (", ", e->experts);
  g_autofree char *comparable = assay_format_count (e->comparable_value);
  g_autofree char *points = assay_format_count (e->points);

  add_field (self, self->fields_group, "project", _("Project"), e->text);
  add_field (self, self->fields_group, "experts", _("Confirming Experts"), experts);
  add_flag (self, "honest_record", _("Honestly Recorded and Shared"), e->honest_record);
  add_flag (self, "good_faith", _("Good-Faith Exploration"), e->good_faith);
  add_flag (self, "ruled_out", _("Ruled Out a Wrong Hypothesis"), e->ruled_out);
  add_field (self, self->fields_group, "comparable_value", _("Comparable Success Value"), comparable);
  add_field (self, self->fields_group, "points", _("Points Asked"), points);
}

static void
show_filing_members (AssayEntryDetails *self,
                     const AssayEntry  *e)
{
  g_autofree char *points = assay_format_count (e->points);
  g_autofree char *year = g_strdup_printf ("%u", e->year);

  switch (e->kind)
    {
    case ASSAY_ENTRY_APPEAL:
      add_leaf (self, "against", _("Contested Entry"), e->target);
      add_field (self, self->fields_group, "reason", _("Reason"), e->text);
      break;
    case ASSAY_ENTRY_DISPUTE:
      show_dispute (self, e);
      break;
    case ASSAY_ENTRY_SILENCE:
      add_day (self, "from", _("From"), e->pause_from);
      add_day (self, "to", _("To"), e->pause_to);
      break;
    case ASSAY_ENTRY_FORGET_REQUEST:
      add_leaf (self, "silence", _("Silence Entry"), e->target);
      break;
    case ASSAY_ENTRY_FAILURE_CLAIM:
      show_failure_claim (self, e);
      break;
    case ASSAY_ENTRY_INSURANCE_CLAIM:
      add_field (self, self->fields_group, "benefit", _("Benefit"), assay_benefit_get_label (e->benefit));
      add_field (self, self->fields_group, "venture", _("Venture"), e->text);
      break;
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      add_field (self, self->fields_group, "year", _("Accrual Year"), year);
      add_field (self, self->fields_group, "points", _("Points Moved"), points);
      add_field (self, self->fields_group, "child_account", _("Education Account"), e->child_account);
      break;
    case ASSAY_ENTRY_EVENT:
    case ASSAY_ENTRY_REDEMPTION:
    case ASSAY_ENTRY_TOMBSTONE:
    case ASSAY_ENTRY_ROSTER:
    case ASSAY_ENTRY_DECISION:
    case ASSAY_ENTRY_PAUSE:
    case ASSAY_N_ENTRY_KINDS:
    default:
      break;
    }
}

/* A filing carries no contribution: who filed, where and when, and what
 * it asks; nothing of an event's. */
static void
show_filing (AssayEntryDetails *self,
             const AssayEntry  *e)
{
  g_autofree char *county = assay_county_format (e->county);

  add_field (self, self->fields_group, "account", _("Account"), e->account);
  add_field (self, self->fields_group, "account_kind", _("Account Kind"),
             g_dgettext (GETTEXT_PACKAGE, account_kind_labels[e->account_kind]));
  add_field (self, self->fields_group, "county", _("County"), county);
  add_day (self, "filed", _("Filed"), e->event_day);
  add_field (self, self->fields_group, "filing", _("Filing Reference"), e->activity);
  show_filing_members (self, e);
}

static void
show_body (AssayEntryDetails *self,
           const AssayEntry  *e)
{
  g_autofree char *county = assay_county_format (e->county);

  if (e->kind == ASSAY_ENTRY_TOMBSTONE)
    {
      show_tombstone (self, e);
      return;
    }
  if (e->kind == ASSAY_ENTRY_ROSTER || e->kind == ASSAY_ENTRY_DECISION)
    {
      show_signed (self, e);
      return;
    }
  if (e->kind == ASSAY_ENTRY_PAUSE)
    {
      show_pause (self, e);
      return;
    }
  if (ASSAY_ENTRY_KIND_IS_FILING (e->kind))
    {
      show_filing (self, e);
      return;
    }
  add_field (self, self->fields_group, "account", _("Account"), e->account);
  add_field (self, self->fields_group, "account_kind", _("Account Kind"),
             e->account_kind < ASSAY_N_ACCOUNT_KINDS
             ? g_dgettext (GETTEXT_PACKAGE, account_kind_labels[e->account_kind]) : "");
  if (e->kind == ASSAY_ENTRY_EVENT)
    show_event (self, e);
  else
    show_redemption (self, e);
  add_field (self, self->fields_group, "distributor", _("Distributor"), e->distributor);
  add_field (self, self->fields_group, "county", _("County"), county);
  add_day (self, "publication_date", _("Publication Date"), e->publication_day);
}

static const char *
kind_label (AssayEntryState  state,
            const AssayEntry *e)
{
  if (state == ASSAY_ENTRY_STATE_ERASED)
    return _("Erased");
  if (state == ASSAY_ENTRY_STATE_WITHHELD)
    return _("Withheld");
  return assay_entry_kind_get_label (e != NULL ? e->kind : ASSAY_ENTRY_EVENT);
}

/* An erased or withheld entry has no body here: say so, show nothing of it. */
static void
show_notice (AssayEntryDetails *self)
{
  if (self->state == ASSAY_ENTRY_STATE_ERASED)
    self->notice = g_strdup (_("This entry was erased by a verified erasure entry. Its body is no "
                               "longer in the replica, so none of its fields can be shown and no "
                               "inclusion proof can be exported; the log keeps only its commitment."));
  else
    self->notice = g_strdup (_("The central service withholds this entry's body. Until it is "
                               "published, none of its fields can be shown and no inclusion proof "
                               "can be exported; the log holds its commitment. Sync again later."));
  gtk_label_set_text (self->notice_label, self->notice);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), FALSE);
}

static void
show_entry (AssayEntryDetails       *self,
            const AssayReplicaEntry *stored)
{
  g_autofree char *title = g_strdup_printf (_("Entry %" PRIu64), (uint64_t) stored->index);
  g_autofree char *commitment = assay_hex_encode (stored->commitment, ASSAY_HASH_SIZE);
  g_autofree char *index = g_strdup_printf ("%" PRIu64, (uint64_t) stored->index);

  self->index = stored->index;
  self->state = stored->state;
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, kind_label (stored->state, stored->parsed));
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (stored->state == ASSAY_ENTRY_STATE_VERIFIED && stored->parsed != NULL)
    show_body (self, stored->parsed);
  else
    show_notice (self);
  add_field (self, self->log_group, "index", _("Index"), index);
  add_field (self, self->log_group, "commitment", _("Leaf Commitment"), commitment);
  gtk_widget_set_sensitive (self->export_button, _assay_entry_details_can_export (self));
}

/* ---- callbacks ----------------------------------------------------------------- */

static void
chooser_response_cb (AssayEntryDetails    *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    _assay_entry_details_export_proof_to (self, file);
}

static void
export_clicked_cb (AssayEntryDetails *self,
                   GtkButton         *button)
{
  if (self->chooser != NULL || !_assay_entry_details_can_export (self))
    return;
  self->chooser = assay_proof_export_chooser_new (GTK_WINDOW (self), self->index);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_entry_details_dispose (GObject *object)
{
  AssayEntryDetails *self = ASSAY_ENTRY_DETAILS (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_ENTRY_DETAILS);
  g_clear_object (&self->replica);
  G_OBJECT_CLASS (assay_entry_details_parent_class)->dispose (object);
}

static void
assay_entry_details_finalize (GObject *object)
{
  AssayEntryDetails *self = ASSAY_ENTRY_DETAILS (object);

  g_hash_table_unref (self->fields);
  g_free (self->notice);
  G_OBJECT_CLASS (assay_entry_details_parent_class)->finalize (object);
}

static void
assay_entry_details_class_init (AssayEntryDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_entry_details_dispose;
  object_class->finalize = assay_entry_details_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-entry-details.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayEntryDetails, window_title);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryDetails, export_button);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryDetails, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryDetails, notice_label);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryDetails, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryDetails, log_group);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
assay_entry_details_init (AssayEntryDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- public API ---------------------------------------------------------------- */

AssayEntryDetails *
assay_entry_details_new (GtkWindow    *parent,
                         AssayReplica *replica,
                         guint64       index,
                         GError      **error)
{
  g_autoptr(AssayReplicaEntry) stored = NULL;
  AssayEntryDetails *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  stored = assay_replica_get_entry (replica, index, error);
  if (stored == NULL)
    return NULL;
  self = g_object_new (ASSAY_TYPE_ENTRY_DETAILS, "transient-for", parent, NULL);
  self->replica = g_object_ref (replica);
  show_entry (self, stored);
  return self;
}

guint64
assay_entry_details_get_index (AssayEntryDetails *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_DETAILS (self), 0);

  return self->index;
}

AssayEntryDetails *
assay_entry_details_present (GtkWidget    *from,
                             AssayReplica *replica,
                             guint64       index)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GError) error = NULL;
  AssayEntryDetails *self;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  self = assay_entry_details_new (parent, replica, index, &error);
  if (self == NULL)
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Could Not Show the Entry"), error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* ---- private API --------------------------------------------------------------- */

const char *
_assay_entry_details_get_field (AssayEntryDetails *self,
                                const char        *id)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_DETAILS (self), NULL);

  return g_hash_table_lookup (self->fields, id);
}

const char *
_assay_entry_details_get_notice (AssayEntryDetails *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_DETAILS (self), NULL);

  return self->notice;
}

gboolean
_assay_entry_details_can_export (AssayEntryDetails *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_DETAILS (self), FALSE);

  return self->replica != NULL && self->state == ASSAY_ENTRY_STATE_VERIFIED;
}

gboolean
_assay_entry_details_export_proof_to (AssayEntryDetails *self,
                                      GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (ASSAY_IS_ENTRY_DETAILS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!_assay_entry_details_can_export (self))
    return FALSE;
  if (!assay_proof_export_write (self->replica, self->index, file, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }

  /* Translators: a toast after saving a proof, with the entry's index. */
  message = g_strdup_printf (_("Saved the inclusion proof of entry %" PRIu64), (uint64_t) self->index);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  return TRUE;
}
