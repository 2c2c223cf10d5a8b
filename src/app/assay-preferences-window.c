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

#include "assay-config.h"
#include "assay-preferences-window-private.h"

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
  Field                 fields[N_FIELDS];

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
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (update_sources), self,
                           G_CONNECT_SWAPPED);
  if (self->session != NULL)
    g_signal_connect_object (self->session, "notify", G_CALLBACK (update_sources), self,
                             G_CONNECT_SWAPPED);
}

static void
assay_preferences_window_dispose (GObject *object)
{
  AssayPreferencesWindow *self = (AssayPreferencesWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

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
