/* assay-ledger-page.c — the Ledger page: replica status, sync, alert, entries, accounts
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

#include "assay-account-view.h"
#include "assay-entry-details.h"
#include "assay-entry-table.h"
#include "assay-error.h"
#include "assay-format.h"
#include "assay-ledger-page-private.h"
#include "assay-note.h"
#include "assay-replica-charts.h"

/* How often the "verified 5 minutes ago" text is brought up to date. */
#define AGE_REFRESH_SECONDS 30

struct _AssayLedgerPage
{
  AssayPage             parent_instance;

  AssayEntryList       *list;
  GSignalGroup         *replica_signals;  /* of the session's replica */
  char                 *account;        /* the account the search found */
  gboolean              ambiguous;      /* several accounts start with the search */
  GtkFileChooserNative *chooser;
  guint                 age_source;
  guint64               sync_verified;  /* the running sync's progress */
  guint64               sync_total;     /* 0: still at the checkpoint */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *ledger_box;
  GtkInfoBar           *alert_bar;
  GtkLabel             *alert_title;
  GtkLabel             *alert_message;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *empty_sync_button;
  GtkLabel             *size_label;
  GtkLabel             *verified_label;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkLabel             *origin_label;
  GtkLabel             *key_id_label;
  GtkLabel             *root_label;
  GtkLabel             *cosignatures_label;
  GtkLabel             *checkpoint_label;
  GtkLabel             *server_label;
  GtkSearchEntry       *search_entry;
  GtkLabel             *list_label;
  GtkWidget            *open_account_button;
  AssayEntryTable      *entry_table;
  AssayAccountView     *account_view;
};

G_DEFINE_FINAL_TYPE (AssayLedgerPage, assay_ledger_page, ASSAY_TYPE_PAGE)

/* ---- helpers ------------------------------------------------------------------- */

static AssayLedgerModel *
get_ledger (AssayLedgerPage *self)
{
  return assay_page_get_ledger (ASSAY_PAGE (self));
}

static AssaySession *
get_session (AssayLedgerPage *self)
{
  return assay_page_get_session (ASSAY_PAGE (self));
}

/* The rule set in force, or NULL when none loads. */
static AssayRuleSet *
get_rule_set (AssayLedgerPage *self)
{
  return assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (get_session (self)));
}

static AssayReplica *
get_replica (AssayLedgerPage *self)
{
  return assay_session_get_replica (get_session (self));
}

static void
add_toast (AssayLedgerPage *self,
           const char      *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_message (AssayLedgerPage *self,
              const char      *heading,
              const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The key id of a verifier key string, as hex; "" if it does not parse. */
static char *
key_id_of (const char *log_key)
{
  AssayNoteVerifier *verifier;
  char *text;

  if (log_key == NULL || (verifier = assay_note_verifier_new_from_string (log_key, NULL)) == NULL)
    return g_strdup ("");
  text = g_strdup_printf ("%08x", assay_note_verifier_get_key_id (verifier));
  assay_note_verifier_unref (verifier);
  return text;
}

/* The witnesses that cosigned the checkpoint: every signature but the
 * log's own. */
static char *
describe_cosignatures (const char *note_text,
                       const char *log_key)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *log_id = key_id_of (log_key);
  AssayNote *note;
  guint n = 0;

  if (note_text == NULL || (note = assay_note_parse (note_text, strlen (note_text), NULL)) == NULL)
    return g_strdup (_("None"));

  for (guint i = 0; i < assay_note_get_n_signatures (note); i++)
    {
      g_autofree char *id = g_strdup_printf ("%08x", assay_note_get_signature_key_id (note, i));

      if (g_strcmp0 (id, log_id) == 0)
        continue;
      if (n++ > 0)
        g_string_append (names, ", ");
      g_string_append (names, assay_note_get_signature_name (note, i));
    }
  assay_note_free (note);

  if (n == 0)
    return g_strdup (_("None"));
  /* Translators: the number of witness cosignatures, then their names. */
  return g_strdup_printf (_("%u: %s"), n, names->str);
}

/* The cosigners, and under a witness policy how many of its witnesses
 * cosigned against the quorum. */
static void
set_cosignatures (AssayLedgerPage          *self,
                  const AssayReplicaStatus *status,
                  const char               *cosigners)
{
  g_autofree char *text = NULL;

  if (status->n_witnesses == 0)
    {
      gtk_label_set_text (self->cosignatures_label, cosigners);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->cosignatures_label), NULL);
      return;
    }
  /* Translators: "2 of 3 witnesses (quorum 2) · witness.example/w1, …". */
  text = g_strdup_printf (_("%u of %u witnesses (quorum %u) · %s"),
                          status->n_witness_cosignatures, status->n_witnesses,
                          status->witness_quorum, cosigners);
  gtk_label_set_text (self->cosignatures_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cosignatures_label), text);
}

/* While a sync runs the headline says so: it writes in one transaction,
 * so the replica keeps what it had (nothing, the first time) until the
 * sync has verified every entry up to the new checkpoint. */
static void
update_sync_headline (AssayLedgerPage *self)
{
  AssayReplica *replica = get_replica (self);
  gboolean first = replica == NULL || assay_replica_get_size (replica) == 0;
  g_autofree char *done = assay_format_count (self->sync_verified);
  g_autofree char *all = assay_format_count (self->sync_total);
  g_autofree char *text = NULL;

  if (first)
    gtk_label_set_text (self->size_label, _("First sync under way"));
  if (self->sync_total == 0)
    text = g_strdup (_("Fetching and verifying the server’s signed checkpoint…"));
  else if (first)
    /* Translators: during the first sync, "12,345 of 98,765 verified so far…". */
    text = g_strdup_printf (_("Entries verified so far: %s of %s. The ledger is shown once "
                              "all of them are."), done, all);
  else
    text = g_strdup_printf (_("Sync under way, entries verified so far: %s of %s. Until it "
                              "ends the replica keeps its last verified state."), done, all);
  gtk_label_set_text (self->verified_label, text);
}

static void
update_age (AssayLedgerPage *self,
            const AssayReplicaStatus *status)
{
  g_autofree char *verified = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (status->verified_at == 0)
    {
      gtk_label_set_text (self->verified_label, _("Not synced yet: no checkpoint has been verified."));
      return;
    }
  verified = assay_format_age (status->verified_at, now);
  synced = assay_format_age (status->last_sync_at, now);
  if (status->last_sync_at > status->verified_at)
    /* A sync that found nothing new checked the server's signed checkpoint
     * again and found it the same. */
    /* Translators: "Last sync just now re-verified … since it was verified 8 minutes ago". */
    text = g_strdup_printf (_("Last sync %s re-verified the server’s checkpoint: unchanged "
                              "since it was verified %s"), synced, verified);
  else
    /* Translators: "Checkpoint verified 5 minutes ago · last sync just now". */
    text = g_strdup_printf (_("Checkpoint verified %s · last sync %s"), verified, synced);
  gtk_label_set_text (self->verified_label, text);
}

static void
update_alert (AssayLedgerPage          *self,
              const AssayReplicaStatus *status)
{
  g_autofree char *message = NULL;

  gtk_info_bar_set_revealed (self->alert_bar, status->alert != ASSAY_ALERT_NONE);
  if (status->alert == ASSAY_ALERT_NONE)
    return;

  gtk_label_set_text (self->alert_title, assay_alert_kind_get_label (status->alert));
  message = g_strdup_printf (_("%s Sync is stopped and the replica stays at its last verified "
                               "state. Export the evidence and send it to the other provinces' "
                               "auditors before you clear the alert."),
                             status->alert_message != NULL ? status->alert_message : "");
  gtk_label_set_text (self->alert_message, message);
}

static void
update_details (AssayLedgerPage          *self,
                const AssayReplicaStatus *status)
{
  g_autofree char *root = NULL;
  g_autofree char *key_id = key_id_of (status->log_key);
  g_autofree char *cosignatures = describe_cosignatures (status->checkpoint_note, status->log_key);
  g_autofree char *checkpoint = NULL;

  if (status->verified_at != 0)
    {
      g_autofree char *when = assay_format_date_time (status->verified_at);

      root = g_base64_encode (status->root, sizeof status->root);
      /* Translators: stored checkpoints, and when the latest was verified. */
      checkpoint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stored · latest verified %s",
                                                 "%u stored · latest verified %s",
                                                 status->n_checkpoints),
                                    status->n_checkpoints, when);
    }
  gtk_label_set_text (self->origin_label, status->origin != NULL ? status->origin : "—");
  gtk_label_set_text (self->key_id_label, key_id[0] != '\0' ? key_id : "—");
  gtk_label_set_text (self->root_label, root != NULL ? root : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->root_label), root);
  set_cosignatures (self, status, cosignatures);
  gtk_label_set_text (self->checkpoint_label, checkpoint != NULL ? checkpoint : "—");
  gtk_label_set_text (self->server_label, status->server_url != NULL ? status->server_url : "—");
}

static void
update_status (AssayLedgerPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *size = NULL;

  if (replica == NULL)
    return;
  status = assay_replica_get_status (replica, &error);
  if (status == NULL)
    {
      gtk_label_set_text (self->verified_label, error->message);
      return;
    }

  count = assay_format_count (status->size);
  size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s verified entry", "%s verified entries",
                                       status->size), count);
  gtk_label_set_text (self->size_label, size);
  if (assay_ledger_model_get_syncing (get_ledger (self)))
    update_sync_headline (self);
  else
    update_age (self, status);
  update_alert (self, status);
  update_details (self, status);
}

static void
update_list_label (AssayLedgerPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *count = assay_format_count (n);
  g_autofree char *text = NULL;

  if (self->account != NULL)
    /* Translators: the account the search found, and its number of entries. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Account %s: %s entry",
                                         "Account %s: %s entries", n),
                            self->account, count);
  else if (self->ambiguous)
    text = g_strdup_printf (_("Several accounts start with “%s”: type more of the id."), query);
  else if (query[0] != '\0')
    text = g_strdup_printf (_("No account starts with “%s”."), query);
  else
    /* The order is shown by the sorted column's header arrow. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry in the ledger",
                                         "%s entries in the ledger", n), count);
  gtk_label_set_text (self->list_label, text);
  gtk_widget_set_visible (self->open_account_button, self->account != NULL);
}

static void
update_empty_page (AssayLedgerPage *self)
{
  AssaySession *session = get_session (self);
  const GError *error = assay_session_get_replica_error (session);
  gboolean configured = assay_session_get_server_url (session) != NULL &&
                        assay_session_get_log_key (session) != NULL;
  g_autofree char *description = NULL;

  if (error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Cannot Open the Replica"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
  else if (!configured)
    {
      adw_status_page_set_title (self->empty_page, _("Set Up the Central Service"));
      adw_status_page_set_description (self->empty_page,
                                       _("Enter the central service's URL and the log's verifier "
                                         "key in Preferences, then sync to fetch a verified copy "
                                         "of the ledger."));
    }
  else
    {
      description = g_strdup_printf (_("Sync to fetch the ledger from %s. Every entry is checked "
                                       "against the signed checkpoint before it is shown."),
                                     assay_session_get_server_url (session));
      adw_status_page_set_title (self->empty_page, _("No Ledger Replica Yet"));
      adw_status_page_set_description (self->empty_page, description);
    }
  gtk_widget_set_visible (self->empty_sync_button, error == NULL && configured);
}

static void
update_actions (AssayLedgerPage *self)
{
  AssayLedgerModel *ledger = get_ledger (self);
  AssayReplica *replica = get_replica (self);
  gboolean alert = replica != NULL && assay_replica_get_alert (replica) != ASSAY_ALERT_NONE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.sync",
                                 assay_ledger_model_get_can_sync (ledger));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.cancel-sync",
                                 assay_ledger_model_get_syncing (ledger));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export-evidence", alert);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.clear-alert",
                                 alert && !assay_ledger_model_get_syncing (ledger));
}

/* Finds the account the search text names: itself, or the only account
 * that starts with it.  Sets *ambiguous when several start with it. */
static char *
find_account (AssayLedgerPage *self,
              const char      *query,
              gboolean        *ambiguous)
{
  g_autoptr(GError) error = NULL;
  char *account;

  *ambiguous = FALSE;
  if (query[0] == '\0' || get_replica (self) == NULL)
    return NULL;
  account = assay_replica_resolve_account (get_replica (self), query, &error);
  *ambiguous = g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  return account;
}

static void
apply_search (AssayLedgerPage *self)
{
  g_autofree char *query = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);

  g_strstrip (query);
  g_free (self->account);
  self->account = find_account (self, query, &self->ambiguous);
  if (self->list != NULL)
    /* A query that names no single account shows no entries. */
    assay_entry_list_set_account (self->list, self->account != NULL ? self->account
                                              : query[0] != '\0' ? query : NULL);
  update_list_label (self);
}

static void
list_items_changed_cb (AssayLedgerPage *self,
                       guint            position,
                       guint            removed,
                       guint            added,
                       GListModel      *list)
{
  update_list_label (self);
}

static void
rebuild_list (AssayLedgerPage *self)
{
  AssayReplica *replica = get_replica (self);

  g_clear_object (&self->list);
  if (replica != NULL)
    {
      self->list = assay_entry_list_new (replica);
      g_signal_connect_object (self->list, "items-changed", G_CALLBACK (list_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  assay_entry_table_set_list (self->entry_table, self->list);
  apply_search (self);
}

static void
update_view (AssayLedgerPage *self)
{
  gboolean has_replica = get_replica (self) != NULL;

  gtk_stack_set_visible_child_name (self->main_stack, has_replica ? "ledger" : "empty");
  if (has_replica)
    update_status (self);
  else
    update_empty_page (self);
  update_actions (self);
}

static void
set_progress (AssayLedgerPage *self,
              guint64          verified,
              guint64          total,
              double           rate)
{
  g_autofree char *done = assay_format_count (verified);
  g_autofree char *all = assay_format_count (total);
  g_autofree char *speed = assay_format_rate (rate);
  g_autofree char *text = NULL;

  self->sync_verified = verified;
  self->sync_total = total;
  update_sync_headline (self);
  if (total == 0)
    {
      gtk_progress_bar_set_text (self->progress_bar, _("Fetching the signed checkpoint…"));
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }
  /* Translators: sync progress, "12,345 of 98,765 entries verified · 54,321/s". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s entry verified · %s",
                                       "%s of %s entries verified · %s", total),
                          done, all, speed);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) verified / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* ---- callbacks ----------------------------------------------------------------- */

static gboolean
age_timeout_cb (gpointer user_data)
{
  AssayLedgerPage *self = user_data;

  update_status (self);
  return G_SOURCE_CONTINUE;
}

static void
replica_changed_cb (AssayLedgerPage *self,
                    AssayReplica    *replica)
{
  update_view (self);
}

/* Another replica (or none): the account shown was of the old one. */
static void
session_notify_replica_cb (AssayLedgerPage *self,
                           GParamSpec      *pspec,
                           AssaySession    *session)
{
  g_signal_group_set_target (self->replica_signals, get_replica (self));
  adw_leaflet_set_visible_child (self->leaflet, self->ledger_box);
  assay_account_view_clear (self->account_view);
  rebuild_list (self);
  update_view (self);
}

static void
ledger_notify_cb (AssayLedgerPage  *self,
                  GParamSpec       *pspec,
                  AssayLedgerModel *ledger)
{
  gboolean syncing = assay_ledger_model_get_syncing (ledger);

  if (syncing && !gtk_revealer_get_reveal_child (self->progress_revealer))
    set_progress (self, 0, 0, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, syncing);
  update_view (self);
}

static void
session_notify_cb (AssayLedgerPage *self,
                   GParamSpec      *pspec,
                   AssaySession    *session)
{
  update_view (self);
}

static void
sync_progress_cb (AssayLedgerPage  *self,
                  guint64           verified,
                  guint64           total,
                  double            rate,
                  AssayLedgerModel *ledger)
{
  set_progress (self, verified, total, rate);
}

static void
sync_finished_cb (AssayLedgerPage  *self,
                  guint64           new_entries,
                  const GError     *error,
                  AssayLedgerModel *ledger)
{
  g_autofree char *count = assay_format_count (new_entries);
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      if (new_entries == 0)
        text = g_strdup (_("Already up to date"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %s new entry",
                                             "Synced %s new entries", new_entries), count);
      add_toast (self, text);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast (self, _("Sync cancelled; the replica stays at its last verified state"));
  else if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY))
    add_toast (self, _("Sync stopped by a security alert"));
  else
    show_message (self, _("Sync Failed"), error->message);
}

static void
leaflet_notify_visible_child_cb (AssayLedgerPage *self,
                                 GParamSpec      *pspec,
                                 AdwLeaflet      *leaflet)
{
  /* Swiping back leaves the account view: give the table the focus again. */
  if (adw_leaflet_get_visible_child (leaflet) == self->ledger_box)
    assay_entry_table_focus_selected (self->entry_table);
}

/* The search is what people come here for; it also keeps the first
 * selectable status label from taking the focus and showing a selection. */
static void
ledger_box_map_cb (AssayLedgerPage *self,
                   GtkWidget       *box)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_changed_cb (AssayLedgerPage *self,
                   GtkSearchEntry  *entry)
{
  apply_search (self);
}

static void
search_activate_cb (AssayLedgerPage *self,
                    GtkSearchEntry  *entry)
{
  if (self->account != NULL)
    assay_ledger_page_show_account (self, self->account, G_MAXUINT64);
}

static void
open_account_clicked_cb (AssayLedgerPage *self,
                         GtkButton       *button)
{
  search_activate_cb (self, self->search_entry);
}

static void
details_requested_cb (AssayLedgerPage *self,
                      AssayEntryRow   *row,
                      AssayEntryTable *table)
{
  if (get_replica (self) != NULL)
    assay_entry_details_present (GTK_WIDGET (self), get_replica (self), assay_entry_row_get_index (row));
}

/* A record opens its account; anything else its details (a filer may
 * have no record, and a pause's account page would not show the pause). */
static void
entry_activated_cb (AssayLedgerPage *self,
                    AssayEntryRow   *row,
                    AssayEntryTable *table)
{
  const char *account = assay_entry_row_get_account (row);

  if (assay_entry_row_is_record (row) && account != NULL)
    assay_ledger_page_show_account (self, account, assay_entry_row_get_index (row));
  else
    details_requested_cb (self, row, table);
}

static void
account_back_cb (AssayLedgerPage  *self,
                 AssayAccountView *view)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
account_show_toast_cb (AssayLedgerPage  *self,
                       AdwToast         *toast,
                       AssayAccountView *view)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
evidence_response_cb (AssayLedgerPage      *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || get_replica (self) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    show_message (self, _("Could Not Export the Evidence"),
                  _("The chosen location is not a local file. Choose a folder on this computer."));
  else if (!assay_replica_export_evidence (get_replica (self), path, &error))
    show_message (self, _("Could Not Export the Evidence"), error->message);
  else
    add_toast (self, _("Saved the evidence of the security alert"));
}

static void
clear_alert_response_cb (AssayLedgerPage  *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "clear") != 0 || get_replica (self) == NULL)
    return;
  if (!assay_replica_clear_alert (get_replica (self), &error))
    {
      show_message (self, _("Could Not Clear the Alert"), error->message);
      return;
    }
  assay_ledger_model_reload (get_ledger (self));
  update_view (self);
  add_toast (self, _("Alert cleared; sync may run again"));
}

/* ---- actions ------------------------------------------------------------------- */

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AssayLedgerPage *self = ASSAY_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!assay_ledger_model_sync (get_ledger (self), &error))
    show_message (self, _("Cannot Sync"), error->message);
}

static void
cancel_sync_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  assay_ledger_model_cancel_sync (get_ledger (ASSAY_LEDGER_PAGE (widget)));
}

static void
export_evidence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  AssayLedgerPage *self = ASSAY_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Evidence"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "assay-alert-evidence.json");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (evidence_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_alert_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AssayLedgerPage *self = ASSAY_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Clear the Security Alert?"),
                                   _("Sync will run again and may accept what the central service "
                                     "sends next. Clear the alert only after the evidence has been "
                                     "exported and the cause is understood. The evidence stays in "
                                     "the replica."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear Alert"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_alert_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_ledger_page_constructed (GObject *object)
{
  AssayLedgerPage *self = ASSAY_LEDGER_PAGE (object);
  AssayLedgerModel *ledger;
  AssaySession *session;

  G_OBJECT_CLASS (assay_ledger_page_parent_class)->constructed (object);

  ledger = get_ledger (self);
  session = get_session (self);
  self->replica_signals = g_signal_group_new (ASSAY_TYPE_REPLICA);
  g_signal_group_connect_object (self->replica_signals, "changed", G_CALLBACK (replica_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::replica", G_CALLBACK (session_notify_replica_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ledger, "notify::syncing", G_CALLBACK (ledger_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ledger, "notify::can-sync", G_CALLBACK (ledger_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ledger, "sync-progress", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ledger, "sync-finished", G_CALLBACK (sync_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify", G_CALLBACK (session_notify_cb),
                           self, G_CONNECT_SWAPPED);
  session_notify_replica_cb (self, NULL, session);
  self->age_source = g_timeout_add_seconds (AGE_REFRESH_SECONDS, age_timeout_cb, self);
}

static void
assay_ledger_page_dispose (GObject *object)
{
  AssayLedgerPage *self = ASSAY_LEDGER_PAGE (object);

  g_clear_handle_id (&self->age_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* The template's top widget is bound; AdwBin must let go of it before
   * the template drops it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_LEDGER_PAGE);
  g_clear_object (&self->list);
  g_clear_object (&self->replica_signals);
  g_clear_pointer (&self->account, g_free);

  G_OBJECT_CLASS (assay_ledger_page_parent_class)->dispose (object);
}

static void
assay_ledger_page_class_init (AssayLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_ledger_page_constructed;
  object_class->dispose = assay_ledger_page_dispose;

  g_type_ensure (ASSAY_TYPE_ENTRY_TABLE);
  g_type_ensure (ASSAY_TYPE_ACCOUNT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, ledger_box);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, alert_bar);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, alert_title);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, alert_message);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, empty_sync_button);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, size_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, verified_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, origin_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, key_id_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, root_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, cosignatures_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, checkpoint_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, server_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, list_label);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, open_account_button);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, entry_table);
  gtk_widget_class_bind_template_child (widget_class, AssayLedgerPage, account_view);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, ledger_box_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_account_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_show_toast_cb);

  gtk_widget_class_install_action (widget_class, "ledger.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "ledger.cancel-sync", NULL, cancel_sync_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-evidence", NULL, export_evidence_action);
  gtk_widget_class_install_action (widget_class, "ledger.clear-alert", NULL, clear_alert_action);
}

static void
assay_ledger_page_init (AssayLedgerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ---------------------------------------------------------------- */

gboolean
assay_ledger_page_show_account (AssayLedgerPage *self,
                                const char      *account,
                                guint64          index)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  if (get_replica (self) == NULL)
    return FALSE;
  if (!assay_account_view_show (self->account_view, get_replica (self), get_rule_set (self), account, index, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->account_view));
  /* Keep the focus in the view that is shown: Escape bubbles up from
   * the focus to the view's binding. */
  assay_account_view_focus_entries (self->account_view);
  return TRUE;
}

/* ---- private API --------------------------------------------------------------- */

AssayEntryTable *
_assay_ledger_page_get_entry_table (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), NULL);

  return self->entry_table;
}

AssayAccountView *
_assay_ledger_page_get_account_view (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), NULL);

  return self->account_view;
}

GtkLabel *
_assay_ledger_page_get_size_label (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), NULL);

  return self->size_label;
}

GtkLabel *
_assay_ledger_page_get_verified_label (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), NULL);

  return self->verified_label;
}

GtkProgressBar *
_assay_ledger_page_get_progress_bar (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), NULL);

  return self->progress_bar;
}

GtkEditable *
_assay_ledger_page_get_search_entry (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

gboolean
_assay_ledger_page_get_alert_shown (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), FALSE);

  return gtk_info_bar_get_revealed (self->alert_bar);
}

gboolean
_assay_ledger_page_get_account_shown (AssayLedgerPage *self)
{
  g_return_val_if_fail (ASSAY_IS_LEDGER_PAGE (self), FALSE);

  return adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->account_view);
}
