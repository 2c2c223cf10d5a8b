/* assay-preferences-window.c — where the ledger comes from and where the replica lives
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

#include "assay-config.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-key-job.h"
#include "assay-preferences-window-private.h"
#include "assay-roster-summary.h"

typedef gboolean (*CheckFunc) (const char *value, GError **error);

/* One validated setting: its entry row, the label under it for a bad
 * value and the one that says which value is in effect and why. */
typedef struct
{
  const char  *key;          /* also the session's property */
  const char  *option;       /* the command-line option that overrides it */
  CheckFunc    check;
  AdwEntryRow *row;
  GtkLabel    *error_label;
  GtkLabel    *source_label;
} Field;

enum {
  FIELD_SERVER_URL,
  FIELD_LOG_KEY,
  FIELD_REPLICA_PATH,
  N_FIELDS
};

struct _AssayPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AssaySession         *session;   /* what is in effect; may be NULL */
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *key_chooser;
  Field                 fields[N_FIELDS];
  GCancellable         *key_cancellable;  /* of the key work under way, or NULL */
  char                 *creating_path;    /* the key file being created, or NULL */
  AdwActionRow         *working_row;      /* the form whose work is under way, or NULL */
  char                 *status_text;      /* the status last shown, for the tests */
  gboolean              status_error;

  /* Template widgets */
  AdwEntryRow          *server_url_row;
  GtkLabel             *server_url_error;
  GtkLabel             *server_url_source;
  AdwEntryRow          *log_key_row;
  GtkLabel             *log_key_error;
  GtkLabel             *log_key_source;
  AdwEntryRow          *replica_path_row;
  GtkLabel             *replica_path_error;
  GtkLabel             *replica_path_source;
  GtkTextView          *witness_keys_view;
  GtkSpinButton        *witness_quorum_spin;
  GtkLabel             *witness_error;
  AdwPreferencesPage   *signing_page;
  AdwActionRow         *key_file_row;
  AdwActionRow         *key_id_row;
  AdwExpanderRow       *create_expander;
  AdwEntryRow          *create_name_row;
  AdwEntryRow          *create_passphrase_row;
  AdwEntryRow          *create_repeat_row;
  GtkWidget            *create_button;
  AdwExpanderRow       *passphrase_expander;
  AdwEntryRow          *old_passphrase_row;
  AdwEntryRow          *new_passphrase_row;
  AdwEntryRow          *new_repeat_row;
  GtkWidget            *change_button;
  AdwActionRow         *create_status_row;
  GtkSpinner           *create_spinner;
  AdwActionRow         *change_status_row;
  GtkSpinner           *change_spinner;
  GtkLabel             *key_status_label;
  AdwActionRow         *roster_version_row;
  AdwActionRow         *roster_you_row;
  GtkWidget            *holders_group;
  GtkListBox           *holders_list;
};

G_DEFINE_FINAL_TYPE (AssayPreferencesWindow, assay_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Field *
find_field (AssayPreferencesWindow *self,
            const char             *key)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (g_strcmp0 (self->fields[i].key, key) == 0)
        return &self->fields[i];
    }

  return NULL;
}

static Field *
find_field_for_row (AssayPreferencesWindow *self,
                    AdwEntryRow            *row)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (self->fields[i].row == row)
        return &self->fields[i];
    }

  g_assert_not_reached ();
}

static void
show_error (Field      *field,
            const char *message)
{
  gtk_label_set_label (field->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (field->error_label), message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (field->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field->row), "error");
}

/* Stores the row's text if it is valid; an empty row clears the setting. */
static void
apply_field (AssayPreferencesWindow *self,
             Field                  *field)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row))));
  g_autoptr(GError) error = NULL;

  if (*value != '\0' && !field->check (value, &error))
    {
      show_error (field, error->message);
      return;
    }

  show_error (field, NULL);
  g_settings_set_string (self->settings, field->key, value);
}

static void
load_field (AssayPreferencesWindow *self,
            Field                  *field)
{
  g_autofree char *value = g_settings_get_string (self->settings, field->key);

  gtk_editable_set_text (GTK_EDITABLE (field->row), value);
  show_error (field, NULL);
}

/* The session holds what this run uses: the saved setting, or a value
 * given on the command line, which the session no longer follows
 * GSettings for.  A value unlike the saved one came from there. */
static char *
describe_source (AssayPreferencesWindow *self,
                 Field                  *field)
{
  g_autofree char *saved = g_settings_get_string (self->settings, field->key);
  g_autofree char *effective = NULL;

  if (self->session != NULL)
    g_object_get (self->session, field->key, &effective, NULL);
  if (effective != NULL && g_strcmp0 (effective, saved) != 0)
    /* Translators: the value in effect and its command-line option, "--server". */
    return g_strdup_printf (_("In effect for this run: %s, given on the command line with "
                              "--%s and not saved. A value saved here applies when Assay starts "
                              "without it."), effective, field->option);
  if (saved[0] != '\0')
    return g_strdup (_("In effect: the value saved here."));
  if (self->session != NULL && g_str_equal (field->key, "replica-path"))
    return g_strdup_printf (_("Not set: the replica is kept at the default location, %s."),
                            assay_session_get_effective_replica_path (self->session));
  return g_strdup (_("Not set."));
}

static void
update_sources (AssayPreferencesWindow *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = describe_source (self, &self->fields[i]);

      gtk_label_set_label (self->fields[i].source_label, text);
    }
}

static void
row_apply_cb (AssayPreferencesWindow *self,
              AdwEntryRow            *row)
{
  apply_field (self, find_field_for_row (self, row));
}

/* The keys in the text view, one a line, blank lines left out. */
static GStrv
read_witness_keys (AssayPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->witness_keys_view);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

static void
show_witness_error (AssayPreferencesWindow *self,
                    const char             *message)
{
  gtk_label_set_label (self->witness_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->witness_error), message != NULL);
}

/* Keys and quorum are stored together, once they make sense together. */
static void
apply_witnesses (AssayPreferencesWindow *self)
{
  g_auto(GStrv) keys = read_witness_keys (self);
  guint quorum = gtk_spin_button_get_value_as_int (self->witness_quorum_spin);
  g_autoptr(GError) error = NULL;

  if (!assay_config_check_witnesses ((const char * const *) keys, quorum, &error))
    {
      show_witness_error (self, error->message);
      return;
    }
  show_witness_error (self, NULL);
  g_settings_set_strv (self->settings, "witness-keys", (const char * const *) keys);
  g_settings_set_uint (self->settings, "witness-quorum", quorum);
}

static void
load_witnesses (AssayPreferencesWindow *self)
{
  g_auto(GStrv) keys = g_settings_get_strv (self->settings, "witness-keys");
  g_autofree char *text = g_strjoinv ("\n", keys);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->witness_keys_view), text, -1);
  gtk_spin_button_set_value (self->witness_quorum_spin,
                             g_settings_get_uint (self->settings, "witness-quorum"));
  show_witness_error (self, NULL);
}

static void
witness_apply_clicked_cb (AssayPreferencesWindow *self,
                          GtkButton              *button)
{
  apply_witnesses (self);
}

static void
chooser_response_cb (AssayPreferencesWindow *self,
                     int                     response,
                     GtkFileChooserNative   *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->replica_path_row), path);
  apply_field (self, &self->fields[FIELD_REPLICA_PATH]);
}

static void
choose_replica_clicked_cb (AssayPreferencesWindow *self,
                           GtkButton              *button)
{
  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (_("Replica Location"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Select"),
                                                   _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "replica.db");
      g_signal_connect_object (self->chooser, "response",
                               G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}


/* ---- the signing key and the roster --------------------------------------------- */

static void
set_error_style (GtkWidget *widget,
                 gboolean   is_error)
{
  if (is_error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
remember_status (AssayPreferencesWindow *self,
                 const char             *message,
                 gboolean                is_error)
{
  g_free (self->status_text);
  self->status_text = g_strdup (message);
  self->status_error = is_error;
}

/* What a form says (a refusal, the work under way) goes next to its
 * button, where the eye is; the forms' rows are cleared. */
static void
show_form_status (AssayPreferencesWindow *self,
                  AdwActionRow           *form_row,
                  const char             *message,
                  gboolean                is_error)
{
  AdwActionRow *rows[] = { self->create_status_row, self->change_status_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[i]), rows[i] == form_row && message != NULL ? message : "");
      set_error_style (GTK_WIDGET (rows[i]), rows[i] == form_row && is_error);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->key_status_label), FALSE);
  remember_status (self, message, is_error);
}

/* A result that outlives its form, which closes: under the key's rows. */
static void
show_key_status (AssayPreferencesWindow *self,
                 const char             *message,
                 gboolean                is_error)
{
  show_form_status (self, NULL, NULL, FALSE);
  gtk_label_set_text (self->key_status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_status_label), message != NULL);
  set_error_style (GTK_WIDGET (self->key_status_label), is_error);
  remember_status (self, message, is_error);
}

static gboolean
key_busy (AssayPreferencesWindow *self)
{
  return self->key_cancellable != NULL;
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The key id of the key file in use, read from its header (no passphrase
 * needed), or NULL with the reason in @error. */
static char *
read_key_id (const char  *path,
             GError     **error)
{
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  if (path == NULL || *path == '\0' || !assay_key_file_read_public_key (path, pk, error))
    return NULL;
  return assay_key_id (pk);
}

static void
update_key_buttons (AssayPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  gboolean busy = key_busy (self);

  gtk_widget_set_sensitive (self->create_button,
                            !busy && *entry_text (self->create_name_row) != '\0' &&
                            *entry_text (self->create_passphrase_row) != '\0' &&
                            *entry_text (self->create_repeat_row) != '\0');
  gtk_widget_set_sensitive (self->change_button,
                            !busy && *path != '\0' && *entry_text (self->old_passphrase_row) != '\0' &&
                            *entry_text (self->new_passphrase_row) != '\0' &&
                            *entry_text (self->new_repeat_row) != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_expander), *path != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->create_spinner), busy && self->working_row == self->create_status_row);
  gtk_spinner_set_spinning (self->create_spinner, busy && self->working_row == self->create_status_row);
  gtk_widget_set_visible (GTK_WIDGET (self->change_spinner), busy && self->working_row == self->change_status_row);
  gtk_spinner_set_spinning (self->change_spinner, busy && self->working_row == self->change_status_row);
}

static GtkWidget *
make_holder_row (const AssayRosterMember *member,
                 const char              *own_keyid)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *roles = assay_roster_member_describe_roles (member);
  g_autofree char *subtitle = NULL;

  /* Translators: a roster key: "key 1a2b3c4d5e6f · committee since version 1". */
  subtitle = g_strdup_printf (_("key %.12s · %s"), member->keyid,
                              *roles != '\0' ? roles : _("no role"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->holder);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, member->keyid);
  if (g_strcmp0 (member->keyid, own_keyid) == 0)
    {
      GtkWidget *you = gtk_label_new (_("You"));

      gtk_widget_add_css_class (you, "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), you);
    }
  return row;
}

static char *
describe_roster (const AssayRosterSummary *summary)
{
  g_autoptr(GDateTime) expires = g_date_time_new_from_unix_local (summary->expires);
  g_autofree char *date = expires != NULL ? g_date_time_format (expires, "%Y-%m-%d") : g_strdup ("?");

  if (summary->expires <= g_get_real_time () / G_USEC_PER_SEC)
    /* Translators: roster version, its expiry date, its log index. */
    return g_strdup_printf (_("Version %" PRIi64 ", expired on %s: no decision can be signed under it until "
                              "the roster’s root holders log a new version. Logged at index %" PRIu64 "."),
                            summary->version, date, summary->index);
  return g_strdup_printf (_("Version %" PRIi64 ", in force until %s. Logged at index %" PRIu64 "."),
                          summary->version, date, summary->index);
}

static char *
describe_own_key (const AssayRosterSummary *summary,
                  const char               *own_keyid)
{
  const AssayRosterMember *member;
  g_autofree char *roles = NULL;

  if (own_keyid == NULL)
    return g_strdup (_("No readable key file chosen."));
  member = assay_roster_summary_find (summary, own_keyid);
  if (member == NULL)
    return g_strdup (_("Not in the roster in force: it cannot sign decisions until the roster’s root holders "
                       "add it. Give them its key ID."));
  roles = assay_roster_member_describe_roles (member);
  if (*roles == '\0')
    return g_strdup_printf (_("In the roster as %s, with no role: it cannot sign decisions."), member->holder);
  /* Translators: the holder's name, then the roles: "dana: committee since version 2". */
  return g_strdup_printf (_("In the roster as %s: %s."), member->holder, roles);
}

static void
remove_holder_rows (AssayPreferencesWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->holders_list))) != NULL)
    gtk_list_box_remove (self->holders_list, child);
}

/* The roster in force from the replica the session has open. */
static void
show_roster (AssayPreferencesWindow *self,
             const char             *own_keyid)
{
  AssayReplica *replica = self->session != NULL ? assay_session_get_replica (self->session) : NULL;
  g_autoptr(AssayRosterSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *you = NULL;

  remove_holder_rows (self);
  if (replica != NULL)
    summary = assay_roster_summary_new (replica, &error);
  gtk_widget_set_visible (self->holders_group, summary != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->roster_you_row), summary != NULL);
  if (summary == NULL)
    {
      adw_action_row_set_subtitle (self->roster_version_row,
                                   error != NULL ? error->message
                                   : replica == NULL ? _("No replica yet: sync the ledger first.")
                                   : _("The replica holds no roster yet: sync the ledger, or the service has "
                                       "logged none."));
      return;
    }
  version = describe_roster (summary);
  you = describe_own_key (summary, own_keyid);
  adw_action_row_set_subtitle (self->roster_version_row, version);
  adw_action_row_set_subtitle (self->roster_you_row, you);
  for (guint i = 0; i < summary->members->len; i++)
    gtk_list_box_append (self->holders_list, make_holder_row (g_ptr_array_index (summary->members, i), own_keyid));
}

/* The key file in use (the one the decision dialog signs with), its key
 * id, and the roster seen from it. */
static void
update_signing (AssayPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  g_autoptr(GError) error = NULL;
  g_autofree char *keyid = read_key_id (path, &error);

  adw_action_row_set_subtitle (self->key_file_row, *path != '\0' ? path : _("None chosen"));
  if (keyid != NULL)
    adw_action_row_set_subtitle (self->key_id_row, keyid);
  else if (error != NULL)
    adw_action_row_set_subtitle (self->key_id_row, error->message);
  else
    adw_action_row_set_subtitle (self->key_id_row, _("Choose a key file or create a new key."));
  update_key_buttons (self);
  show_roster (self, keyid);
}

static void
key_form_changed_cb (AssayPreferencesWindow *self)
{
  update_key_buttons (self);
}

static void
clear_entries (AdwEntryRow *first,
               ...)
{
  va_list args;

  va_start (args, first);
  for (AdwEntryRow *row = first; row != NULL; row = va_arg (args, AdwEntryRow *))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
  va_end (args);
}

static void
key_work_started (AssayPreferencesWindow *self,
                  AdwActionRow           *form_row,
                  const char             *message)
{
  self->key_cancellable = g_cancellable_new ();
  self->working_row = form_row;
  show_form_status (self, form_row, message, FALSE);
  update_key_buttons (self);
}

static void
key_work_ended (AssayPreferencesWindow *self)
{
  g_clear_object (&self->key_cancellable);
  self->working_row = NULL;
  update_key_buttons (self);
}

static void
create_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AssayPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyid = assay_key_job_create_finish (result, &error);
  g_autofree char *message = NULL;
  g_autofree char *path = g_steal_pointer (&self->creating_path);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  key_work_ended (self);
  if (keyid == NULL)
    {
      show_form_status (self, self->create_status_row, error->message, TRUE);
      return;
    }
  clear_entries (self->create_name_row, self->create_passphrase_row, self->create_repeat_row, NULL);
  adw_expander_row_set_expanded (self->create_expander, FALSE);
  g_settings_set_string (self->settings, "signing-key", path);
  message = g_strdup_printf (_("Key created in %s. Give its key ID to the roster’s root holders so that they "
                               "can add it to the roster."), path);
  show_key_status (self, message, FALSE);
}

static void
create_clicked_cb (AssayPreferencesWindow *self)
{
  const char *passphrase = entry_text (self->create_passphrase_row);
  g_autofree char *name = g_strstrip (g_strdup (entry_text (self->create_name_row)));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (key_busy (self) || !gtk_widget_get_sensitive (self->create_button))
    return;
  path = assay_key_job_path_for_name (name, &error);
  if (path == NULL)
    {
      show_form_status (self, self->create_status_row, error->message, TRUE);
      return;
    }
  if (g_strcmp0 (passphrase, entry_text (self->create_repeat_row)) != 0)
    {
      show_form_status (self, self->create_status_row, _("The two passphrases differ: type the same one twice."),
                        TRUE);
      return;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” exists: a key file is never overwritten. Choose "
                                                    "another name, or choose that file."), path);

      show_form_status (self, self->create_status_row, message, TRUE);
      return;
    }
  key_work_started (self, self->create_status_row, _("Creating the key… The passphrase is being stretched, which takes a moment."));
  assay_key_job_create_async (path, passphrase, strlen (passphrase), self->key_cancellable,
                              create_done_cb, g_object_ref (self));
  g_free (self->creating_path);
  self->creating_path = g_steal_pointer (&path);
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AssayPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = assay_key_job_change_passphrase_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  key_work_ended (self);
  if (!ok)
    {
      show_form_status (self, self->change_status_row, error->message, TRUE);
      if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->old_passphrase_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->old_passphrase_row));
        }
      return;
    }
  clear_entries (self->old_passphrase_row, self->new_passphrase_row, self->new_repeat_row, NULL);
  adw_expander_row_set_expanded (self->passphrase_expander, FALSE);
  show_key_status (self, _("The passphrase is changed. Sign with the new one from now on."), FALSE);
}

static void
change_clicked_cb (AssayPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  const char *old = entry_text (self->old_passphrase_row);
  const char *new = entry_text (self->new_passphrase_row);

  if (key_busy (self) || !gtk_widget_get_sensitive (self->change_button))
    return;
  if (g_strcmp0 (new, entry_text (self->new_repeat_row)) != 0)
    {
      show_form_status (self, self->change_status_row, _("The two new passphrases differ: type the same one twice."),
                        TRUE);
      return;
    }
  key_work_started (self, self->change_status_row, _("Changing the passphrase… The key is opened and sealed again, which takes a "
                            "moment."));
  assay_key_job_change_passphrase_async (path, old, strlen (old), new, strlen (new), self->key_cancellable,
                                         change_done_cb, g_object_ref (self));
}

static void
key_chooser_response_cb (AssayPreferencesWindow *self,
                         int                     response,
                         GtkFileChooserNative   *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  show_key_status (self, NULL, FALSE);
  g_settings_set_string (self->settings, "signing-key", path);
}

static void
choose_key_clicked_cb (AssayPreferencesWindow *self)
{
  if (self->key_chooser == NULL)
    {
      self->key_chooser = gtk_file_chooser_native_new (_("Choose Your Signing Key"), GTK_WINDOW (self),
                                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
      g_signal_connect_object (self->key_chooser, "response",
                               G_CALLBACK (key_chooser_response_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->key_chooser));
}

static void
assay_preferences_window_constructed (GObject *object)
{
  AssayPreferencesWindow *self = (AssayPreferencesWindow *)object;

  G_OBJECT_CLASS (assay_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  for (guint i = 0; i < N_FIELDS; i++)
    load_field (self, &self->fields[i]);
  load_witnesses (self);
  update_sources (self);
  update_signing (self);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (update_sources), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::signing-key", G_CALLBACK (update_signing), self,
                           G_CONNECT_SWAPPED);
  if (self->session != NULL)
    {
      g_signal_connect_object (self->session, "notify", G_CALLBACK (update_sources), self,
                               G_CONNECT_SWAPPED);
      /* A sync may bring a new roster version; the flags follow each sync. */
      g_signal_connect_object (self->session, "notify::replica", G_CALLBACK (update_signing), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "flags-updated", G_CALLBACK (update_signing), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
assay_preferences_window_dispose (GObject *object)
{
  AssayPreferencesWindow *self = (AssayPreferencesWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->key_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->key_chooser));
  g_clear_object (&self->key_chooser);
  /* The worker finishes its key file; nobody is told. */
  g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_pointer (&self->creating_path, g_free);
  g_clear_pointer (&self->status_text, g_free);

  G_OBJECT_CLASS (assay_preferences_window_parent_class)->dispose (object);
}

static void
assay_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AssayPreferencesWindow *self = ASSAY_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AssayPreferencesWindow *self = ASSAY_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_preferences_window_class_init (AssayPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_preferences_window_constructed;
  object_class->dispose = assay_preferences_window_dispose;
  object_class->get_property = assay_preferences_window_get_property;
  object_class->set_property = assay_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ASSAY_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/assay/Assay/ui/assay-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, server_url_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, server_url_error);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, server_url_source);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, log_key_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, log_key_error);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, log_key_source);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, replica_path_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, replica_path_error);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, replica_path_source);
  gtk_widget_class_bind_template_callback (widget_class, row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_replica_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, witness_keys_view);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, witness_quorum_spin);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, witness_error);
  gtk_widget_class_bind_template_callback (widget_class, witness_apply_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, signing_page);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, key_file_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_expander);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_name_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, passphrase_expander);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, old_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, new_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, new_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, change_button);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_status_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, change_status_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, change_spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, key_status_label);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, roster_version_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, roster_you_row);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, holders_group);
  gtk_widget_class_bind_template_child (widget_class, AssayPreferencesWindow, holders_list);
  gtk_widget_class_bind_template_callback (widget_class, key_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_key_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
assay_preferences_window_init (AssayPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields[FIELD_SERVER_URL] = (Field) {
    "server-url", "server", assay_config_check_server_url,
    self->server_url_row, self->server_url_error, self->server_url_source
  };
  self->fields[FIELD_LOG_KEY] = (Field) {
    "log-key", "log-key", assay_config_check_log_key,
    self->log_key_row, self->log_key_error, self->log_key_source
  };
  self->fields[FIELD_REPLICA_PATH] = (Field) {
    "replica-path", "replica", assay_config_check_replica_path,
    self->replica_path_row, self->replica_path_error, self->replica_path_source
  };
}

AssayPreferencesWindow *
assay_preferences_window_new (GtkWindow    *transient_for,
                              GSettings    *settings,
                              AssaySession *session)
{
  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (session == NULL || ASSAY_IS_SESSION (session), NULL);

  return g_object_new (ASSAY_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "settings", settings,
                       "session", session,
                       NULL);
}

AdwEntryRow *
_assay_preferences_window_get_row (AssayPreferencesWindow *self,
                                   const char             *key)
{
  Field *field;

  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), NULL);

  field = find_field (self, key);
  return field != NULL ? field->row : NULL;
}

GtkLabel *
_assay_preferences_window_get_source_label (AssayPreferencesWindow *self,
                                            const char             *key)
{
  Field *field;

  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), NULL);

  field = find_field (self, key);
  return field != NULL ? field->source_label : NULL;
}

GtkLabel *
_assay_preferences_window_get_error_label (AssayPreferencesWindow *self,
                                           const char             *key)
{
  Field *field;

  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), NULL);

  field = find_field (self, key);
  return field != NULL ? field->error_label : NULL;
}

void
_assay_preferences_window_set_witnesses (AssayPreferencesWindow *self,
                                         const char             *keys_text,
                                         guint                   quorum)
{
  g_return_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->witness_keys_view), keys_text, -1);
  gtk_spin_button_set_value (self->witness_quorum_spin, quorum);
  apply_witnesses (self);
}

GtkLabel *
_assay_preferences_window_get_witness_error (AssayPreferencesWindow *self)
{
  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), NULL);

  return self->witness_error;
}

void
_assay_preferences_window_create_key (AssayPreferencesWindow *self,
                                      const char             *name,
                                      const char             *passphrase,
                                      const char             *repeat)
{
  g_return_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->create_name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->create_passphrase_row), passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->create_repeat_row), repeat);
  create_clicked_cb (self);
}

void
_assay_preferences_window_change_passphrase (AssayPreferencesWindow *self,
                                             const char             *old_passphrase,
                                             const char             *new_passphrase,
                                             const char             *repeat)
{
  g_return_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->old_passphrase_row), old_passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->new_passphrase_row), new_passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->new_repeat_row), repeat);
  change_clicked_cb (self);
}

gboolean
_assay_preferences_window_get_key_busy (AssayPreferencesWindow *self)
{
  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), FALSE);
  return key_busy (self);
}

GtkWidget *
_assay_preferences_window_get_widget (AssayPreferencesWindow *self,
                                      const char             *id)
{
  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), NULL);
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ASSAY_TYPE_PREFERENCES_WINDOW, id));
}

GPtrArray *
_assay_preferences_window_dup_holder_texts (AssayPreferencesWindow *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), texts);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->holders_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (texts, g_strdup_printf ("%s\n%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                             adw_action_row_get_subtitle (ADW_ACTION_ROW (row))));
  return texts;
}

const char *
_assay_preferences_window_get_key_status (AssayPreferencesWindow *self,
                                          gboolean               *is_error)
{
  g_return_val_if_fail (ASSAY_IS_PREFERENCES_WINDOW (self), NULL);

  if (is_error != NULL)
    *is_error = self->status_error;
  return self->status_text;
}
