/* test-signing.c — Preferences: the signing key and the roster in force
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

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "assay-application.h"
#include "assay-cosign-dialog-private.h"
#include "assay-decision-draft.h"
#include "assay-decision-log.h"
#include "assay-dsse.h"
#include "assay-outbox-page-private.h"
#include "assay-replica-cases.h"
#include "assay-replica-outbox.h"
#include "assay-error.h"
#include "assay-key-job.h"
#include "assay-outbox-push.h"
#include "assay-preferences-window-private.h"
#include "assay-replica-decisions.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

#define WAIT_TIMEOUT_SECONDS 60
#define LOGGED_DAY           "2026-03-01"
#define PASSPHRASE           "dana's passphrase"

static AssayApplication *app;
static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica_path;
  char             *key_path;
  char             *dana;         /* dana's key id */
  AssayWindow      *window;
} Fixture;

static AssaySession *
session (void)
{
  return assay_application_get_session (app);
}

/* Roster version 1 (the standard one) and version 2, which adds dana to
 * the committee: her key file is made with assayctl. */
static void
log_rosters (Fixture *f)
{
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(AssayRoster) v2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_v1 = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  g_autofree char *signed_v2 = NULL;
  g_autofree char *pw = g_build_filename (f->dir, "pw", NULL);
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  assay_test_central_append_signed (f->central, "roster", signed_v1, LOGGED_DAY);
  g_assert_true (g_file_set_contents (pw, PASSPHRASE "\n", -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", pw, f->key_path, NULL),
                   ==, 0);
  g_assert_true (assay_key_file_read_public_key (f->key_path, pk, &error));
  v2 = assay_test_roster_new (&signers, 2, v1->sha256);
  f->dana = g_strdup (assay_roster_add_key (v2, "dana", pk, 0, 0));
  assay_roster_add_to_role (v2, ASSAY_ROLE_COMMITTEE, f->dana);
  signed_v2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", signed_v2, LOGGED_DAY);
}

/* The flags are computed and, after them, the log's rosters verified. */
static gboolean
rosters_ready (gpointer data)
{
  AssayReplica *replica = assay_session_get_replica (session ());
  g_autoptr(GPtrArray) rosters = NULL;

  if (replica == NULL || !assay_ui_test_is_synced (session ()))
    return FALSE;
  rosters = assay_replica_list_rosters (replica, NULL);
  return rosters != NULL && rosters->len == 2;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);
  g_autofree char *lines = assay_test_cases_lines (FALSE);

  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->key_path = g_build_filename (f->dir, "dana.key", NULL);
  f->central = assay_test_central_new ("ui.test/signing");
  assay_test_central_import (f->central, lines);
  log_rosters (f);
  assay_test_central_start (f->central);

  g_settings_set_string (settings, "server-url", f->central->url);
  g_settings_set_string (settings, "log-key", f->central->key);
  g_settings_set_string (settings, "replica-path", f->replica_path);
  g_settings_set_string (settings, "signing-key", f->key_path);

  f->window = assay_window_new (ADW_APPLICATION (app), session ());
  g_object_ref (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, f->window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  assay_ui_test_wait_until (rosters_ready, NULL, WAIT_TIMEOUT_SECONDS, "the rosters are in");
  assay_ui_test_drain_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);

  gtk_window_destroy (GTK_WINDOW (f->window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (f->window);

  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  g_settings_reset (settings, "signing-key");
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
  g_free (f->key_path);
  g_free (f->dana);
}

/* ---- helpers -------------------------------------------------------------- */

static void
contains (const char *text,
          const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” is not in “%s”", part, text != NULL ? text : "(null)");
}

static const char *
subtitle (AssayPreferencesWindow *prefs,
          const char             *id)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (_assay_preferences_window_get_widget (prefs, id)));
}

static const char *
status_text (AssayPreferencesWindow *prefs)
{
  return _assay_preferences_window_get_key_status (prefs, NULL);
}

static gboolean
status_is_error (AssayPreferencesWindow *prefs)
{
  gboolean is_error = FALSE;

  _assay_preferences_window_get_key_status (prefs, &is_error);
  return is_error;
}

/* The form's own row says it, next to its button. */
static const char *
form_says (AssayPreferencesWindow *prefs,
           const char             *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (_assay_preferences_window_get_widget (prefs, row)));
}

static gboolean
key_idle (gpointer data)
{
  return !_assay_preferences_window_get_key_busy (data);
}

/* Starts key work and waits for its end; it must have run off the main
 * thread, the window busy meanwhile. */
static void
wait_key_work (AssayPreferencesWindow *prefs,
               const char             *spinner)
{
  g_assert_true (_assay_preferences_window_get_key_busy (prefs));
  g_assert_true (gtk_widget_get_visible (_assay_preferences_window_get_widget (prefs, spinner)));
  assay_ui_test_wait_until (key_idle, prefs, WAIT_TIMEOUT_SECONDS, "the key work ends");
  assay_ui_test_drain_main_loop ();
}

static gboolean
texts_have (GPtrArray  *texts,
            const char *part)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static AssayPreferencesWindow *
open_preferences (Fixture *f)
{
  AssayPreferencesWindow *prefs = assay_preferences_window_new (GTK_WINDOW (f->window),
                                                                assay_application_get_settings (app),
                                                                session ());

  gtk_window_present (GTK_WINDOW (prefs));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, prefs, WAIT_TIMEOUT_SECONDS, "Preferences are mapped");
  return prefs;
}

/* ---- tests ------------------------------------------------------------------ */

/* The key in use, its id, the roster in force with each holder's roles
 * and since which version, and where one's own key stands. */
static void
test_roster (Fixture       *f,
             gconstpointer  user_data)
{
  AssayPreferencesWindow *prefs = open_preferences (f);
  g_autoptr(GPtrArray) holders = NULL;
  g_autofree char *dana_row = NULL;
  g_autofree char *ana_row = NULL;

  g_assert_cmpstr (subtitle (prefs, "key_file_row"), ==, f->key_path);
  g_assert_cmpstr (subtitle (prefs, "key_id_row"), ==, f->dana);
  contains (subtitle (prefs, "roster_version_row"), "Version 2, in force until 2027-01-0");
  g_assert_cmpstr (subtitle (prefs, "roster_you_row"), ==, "In the roster as dana: committee since version 2.");

  /* Eleven holders in version 1, dana added in version 2. */
  holders = _assay_preferences_window_dup_holder_texts (prefs);
  g_assert_cmpuint (holders->len, ==, 11);
  dana_row = g_strdup_printf ("dana\nkey %.12s · committee since version 2", f->dana);
  ana_row = g_strdup_printf ("ana\nkey %.12s · committee since version 1", signers.keyids[ASSAY_TEST_ANA]);
  g_assert_true (texts_have (holders, dana_row));
  g_assert_true (texts_have (holders, ana_row));
  g_assert_true (texts_have (holders, "root-0\nkey "));
  g_assert_true (texts_have (holders, "roster root since version 1"));
  g_assert_true (texts_have (holders, "audit since version 1"));

  /* Another key file: outside the roster, said so. */
  g_settings_set_string (assay_application_get_settings (app), "signing-key",
                         g_getenv ("G_TEST_SRCDIR")); /* a folder: not a key file */
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (subtitle (prefs, "key_id_row"), !=, f->dana);
  contains (subtitle (prefs, "roster_you_row"), "No readable key file chosen");
  g_settings_set_string (assay_application_get_settings (app), "signing-key", f->key_path);
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (subtitle (prefs, "key_id_row"), ==, f->dana);

  assay_ui_test_save_png (GTK_WIDGET (prefs), "preferences-signing.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Changing the passphrase: a wrong current one, two new ones that differ,
 * then the change, after which only the new passphrase opens the file. */
static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  user_data)
{
  AssayPreferencesWindow *prefs = open_preferences (f);
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(GError) error = NULL;

  _assay_preferences_window_change_passphrase (prefs, "not dana's", "new one", "new one");
  wait_key_work (prefs, "change_spinner");
  contains (status_text (prefs), "passphrase or damaged file");
  contains (form_says (prefs, "change_status_row"), "passphrase or damaged file");
  g_assert_true (status_is_error (prefs));

  _assay_preferences_window_change_passphrase (prefs, PASSPHRASE, "new one", "new two");
  g_assert_false (_assay_preferences_window_get_key_busy (prefs));
  contains (status_text (prefs), "differ");

  _assay_preferences_window_change_passphrase (prefs, PASSPHRASE, "new one", "new one");
  wait_key_work (prefs, "change_spinner");
  contains (status_text (prefs), "The passphrase is changed");
  g_assert_false (status_is_error (prefs));
  g_assert_null (assay_key_file_open (f->key_path, PASSPHRASE, strlen (PASSPHRASE), &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
  g_clear_error (&error);
  key = assay_key_file_open (f->key_path, "new one", strlen ("new one"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  /* The same key: the roster still knows it. */
  g_assert_cmpstr (subtitle (prefs, "key_id_row"), ==, f->dana);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Creating a key: a bad name, passphrases that differ, then a new key in
 * the keys folder, now in use and outside the roster; never overwritten. */
static void
test_create_key (Fixture       *f,
                 gconstpointer  user_data)
{
  AssayPreferencesWindow *prefs = open_preferences (f);
  g_autofree char *name = g_strdup_printf ("erin-%d", (int) getpid ());
  g_autofree char *folder = assay_key_job_default_folder ();
  g_autofree char *file = g_strconcat (name, ".key", NULL);
  g_autofree char *path = g_build_filename (folder, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *keyid = NULL;
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  g_assert_false (gtk_widget_get_sensitive (_assay_preferences_window_get_widget (prefs, "create_button")));
  _assay_preferences_window_create_key (prefs, "../erin", "pass", "pass");
  contains (status_text (prefs), "letters, digits");
  _assay_preferences_window_create_key (prefs, name, "pass one", "pass two");
  contains (status_text (prefs), "differ");
  contains (form_says (prefs, "create_status_row"), "differ");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  _assay_preferences_window_create_key (prefs, name, "erin's passphrase", "erin's passphrase");
  wait_key_work (prefs, "create_spinner");
  contains (status_text (prefs), "Key created in");
  g_assert_cmpstr (form_says (prefs, "create_status_row"), ==, "");
  g_assert_true (gtk_widget_get_visible (_assay_preferences_window_get_widget (prefs, "key_status_label")));
  g_assert_false (status_is_error (prefs));
  g_assert_true (assay_key_file_read_public_key (path, pk, &error));
  keyid = assay_key_id (pk);
  {
    g_autofree char *in_use = g_settings_get_string (assay_application_get_settings (app), "signing-key");

    g_assert_cmpstr (in_use, ==, path);
  }
  g_assert_cmpstr (subtitle (prefs, "key_id_row"), ==, keyid);
  contains (subtitle (prefs, "roster_you_row"), "Not in the roster in force");
  {
    g_autoptr(AssayKeyFile) key = assay_key_file_open (path, "erin's passphrase", strlen ("erin's passphrase"),
                                                       &error);
    g_assert_no_error (error);
  }

  /* The same name again: refused before any work. */
  _assay_preferences_window_create_key (prefs, name, "other", "other");
  g_assert_false (_assay_preferences_window_get_key_busy (prefs));
  contains (status_text (prefs), "never overwritten");
  g_assert_true (assay_key_file_read_public_key (path, pk, &error));
  {
    g_autofree char *same = assay_key_id (pk);

    g_assert_cmpstr (same, ==, keyid);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_cmpint (g_unlink (path), ==, 0);
}


/* Ana proposes a freeze (it needs two committee signatures) straight to
 * the service, as her workstation's push would. */
static char *
propose_freeze (Fixture    *f,
                const char *account)
{
  AssayReplica *replica = assay_session_get_replica (session ());
  g_autoptr(GPtrArray) cases = assay_replica_list_cases (replica, NULL);
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *url = g_strconcat (f->central->url, "decisions", NULL);
  g_autofree char *json = NULL;
  gint64 case_id = 0;

  for (guint i = 0; i < cases->len; i++)
    if (g_strcmp0 (((AssayCase *) g_ptr_array_index (cases, i))->subject_id, account) == 0)
      case_id = ((AssayCase *) g_ptr_array_index (cases, i))->id;
  g_assert_cmpint (case_id, >, 0);
  d = assay_decision_draft_for_case (replica, case_id, ASSAY_DECISION_KIND_FREEZE, "Forty receipts in an hour.",
                                     NULL, signers.keyids[ASSAY_TEST_ANA], g_get_real_time () / G_USEC_PER_SEC,
                                     &error);
  g_assert_no_error (error);
  payload = assay_decision_to_payload (d, &error);
  g_assert_no_error (error);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload, &signers.keys[ASSAY_TEST_ANA], 1);
  json = assay_dsse_envelope_to_json (envelope);
  msg = soup_message_new (SOUP_METHOD_POST, url);
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 202);
  return g_strndup (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
}

static gboolean
not_fetching (gpointer data)
{
  return !_assay_outbox_page_get_fetching (data);
}

static gboolean
cosign_has_error (gpointer data)
{
  return _assay_cosign_dialog_get_error (data) != NULL;
}

static gboolean
push_done (gpointer data)
{
  return !assay_push_job_get_running (assay_session_get_push_job (session ()));
}

static void
cosigned_cb (AssayCosignDialog  *dialog,
             const char         *hash,
             char              **out)
{
  *out = g_strdup (hash);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* The Outbox page lists ana's proposal, the co-sign dialog shows it read
 * from its payload and refuses a wrong passphrase; co-signed, the
 * signature is pushed by itself, the service logs the decision (2 of 2)
 * and the proposal is gone from the list. */
static void
test_cosign (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *payload = propose_freeze (f, "acct-conc");
  g_autofree char *ana = g_strdup_printf ("ana, key %s", signers.keyids[ASSAY_TEST_ANA]);
  g_autofree char *shown_payload = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  AssayOutboxPage *page = ASSAY_OUTBOX_PAGE (_assay_window_get_page (f->window, "outbox"));
  AssayCosignDialog *dialog;

  g_assert_true (assay_window_show_page (f->window, "outbox"));
  g_assert_true (_assay_outbox_page_get_fetching (page));
  assay_ui_test_wait_until (not_fetching, page, WAIT_TIMEOUT_SECONDS, "the proposals are fetched");
  texts = _assay_outbox_page_dup_proposal_texts (page);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==,
                   "freeze on account:acct-conc\nSigned by 1 of 2: ana · proposed by ana\n[Co-sign]");
  contains (gtk_label_get_text (GTK_LABEL (_assay_outbox_page_get_widget (page, "proposals_status"))), "1 waiting");
  contains (gtk_label_get_text (GTK_LABEL (_assay_outbox_page_get_widget (page, "proposals_status"))), "Checked at ");

  /* A key outside the committee cannot co-sign: said before any passphrase. */
  {
    g_autofree char *pw = g_build_filename (f->dir, "pw", NULL);
    g_autofree char *eve = g_build_filename (f->dir, "eve.key", NULL);

    g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", pw, eve, NULL), ==, 0);
    g_settings_set_string (assay_application_get_settings (app), "signing-key", eve);
    assay_ui_test_drain_main_loop ();
    g_clear_pointer (&texts, g_ptr_array_unref);
    texts = _assay_outbox_page_dup_proposal_texts (page);
    contains (g_ptr_array_index (texts, 0), "\n[Co-sign, insensitive]");
    g_settings_set_string (assay_application_get_settings (app), "signing-key", f->key_path);
    assay_ui_test_drain_main_loop ();
    g_clear_pointer (&texts, g_ptr_array_unref);
    texts = _assay_outbox_page_dup_proposal_texts (page);
    contains (g_ptr_array_index (texts, 0), "\n[Co-sign]");
  }

  /* What is signed: read from the payload, the exact bytes. */
  dialog = ASSAY_COSIGN_DIALOG (_assay_outbox_page_cosign (page, 0));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "cosigned", G_CALLBACK (cosigned_cb), &hash);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  contains (_assay_cosign_dialog_get_shown (dialog, "kind"), "(freeze)");
  contains (_assay_cosign_dialog_get_shown (dialog, "subject"), "account acct-conc");
  g_assert_cmpstr (_assay_cosign_dialog_get_shown (dialog, "rationale"), ==, "Forty receipts in an hour.");
  g_assert_cmpstr (_assay_cosign_dialog_get_shown (dialog, "author"), ==, ana);
  contains (_assay_cosign_dialog_get_shown (dialog, "roster"), "version 2");
  contains (_assay_cosign_dialog_get_intro (dialog), "Signed by 1 of 2 (ana); 1 more signature is needed.");
  shown_payload = _assay_cosign_dialog_dup_payload_text (dialog);
  g_assert_cmpstr (shown_payload, ==, payload);

  /* A wrong passphrase: refused, nothing queued. */
  _assay_cosign_dialog_set_passphrase (dialog, "not dana's");
  _assay_cosign_dialog_sign (dialog);
  g_assert_true (_assay_cosign_dialog_get_busy (dialog));
  assay_ui_test_wait_until (cosign_has_error, dialog, WAIT_TIMEOUT_SECONDS, "the refusal");
  contains (_assay_cosign_dialog_get_error (dialog), "passphrase or damaged file");
  rows = assay_replica_outbox_list (assay_session_get_replica (session ()), NULL);
  g_assert_cmpuint (rows->len, ==, 0);

  /* The right one: queued, pushed by itself, logged by the service. */
  _assay_cosign_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_cosign_dialog_sign (dialog);
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the co-signature is queued");
  g_assert_true (assay_push_job_get_running (assay_session_get_push_job (session ())));
  assay_ui_test_wait_until (push_done, NULL, WAIT_TIMEOUT_SECONDS, "the push ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);
  g_assert_no_error ((GError *) assay_push_job_get_error (assay_session_get_push_job (session ())));
  g_assert_cmpuint (assay_push_job_get_report (assay_session_get_push_job (session ()))->n_logged, ==, 1);
  row = assay_replica_outbox_find (assay_session_get_replica (session ()), hash, NULL);
  g_assert_nonnull (row);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_LOGGED);
  g_assert_nonnull (row->receipt);
  g_assert_cmpuint (g_list_model_get_n_items (_assay_outbox_page_get_rows (page)), ==, 1);

  /* The push refetched the proposals: none waits any more. */
  assay_ui_test_wait_until (not_fetching, page, WAIT_TIMEOUT_SECONDS, "the proposals are fetched again");
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = _assay_outbox_page_dup_proposal_texts (page);
  g_assert_cmpuint (texts->len, ==, 0);
  contains (gtk_label_get_text (GTK_LABEL (_assay_outbox_page_get_widget (page, "proposals_status"))), "None");
}

static void
opposed_cb (AssayCosignDialog  *dialog,
            const char         *hash,
            char              **out)
{
  *out = g_strdup (hash);
}

/* Chen objects to the only pending proposal: queued in the outbox and
 * pushed at once, recorded by the service. */
static void
chen_objects (Fixture *f)
{
  AssayReplica *replica = assay_session_get_replica (session ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = assay_proposals_fetch (f->central->url, &error);
  g_autoptr(AssayRosterChain) chain = assay_decision_log_load_chain (replica, &error);
  g_autoptr(AssayNoteVerifier) log_key = assay_note_verifier_new_from_string (f->central->key, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  AssayPushReport report;

  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, ==, 1);
  g_assert_true (assay_proposal_oppose (replica, g_ptr_array_index (proposals, 0), chain,
                                        signers.keys[ASSAY_TEST_CHEN], "A wedding, not a fraud.", "chen", now,
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_true (assay_outbox_push (replica, f->central->url, log_key, now, &report, &error));
  g_assert_cmpuint (report.n_recorded, ==, 1);
}

/* The objections in the outbox, as many as @data says, all recorded. */
static gboolean
objections_recorded (gpointer data)
{
  g_autoptr(GPtrArray) rows = assay_replica_outbox_list (assay_session_get_replica (session ()), NULL);
  guint n = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AssayOutboxRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->kind, "objection") && row->state == ASSAY_OUTBOX_RECORDED)
        n++;
    }
  return n == GPOINTER_TO_UINT (data);
}

static gboolean
list_says_opposed_by_you (gpointer data)
{
  g_autoptr(GPtrArray) texts = NULL;

  if (_assay_outbox_page_get_fetching (data))
    return FALSE;
  texts = _assay_outbox_page_dup_proposal_texts (data);
  return texts->len == 1 && g_str_has_suffix (g_ptr_array_index (texts, 0), "\nOpposed by you");
}

/* The list and the dialog name chen's objection; dana opposes through
 * the dialog (a rationale is required): it is signed and queued in the
 * outbox, the page pushes it, the service records it (the row says so),
 * and the list then says she opposed it, with no Co-sign left for her. */
static void
test_oppose (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *payload = propose_freeze (f, "acct-conc");
  g_autofree char *hash = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  AssayOutboxPage *page = ASSAY_OUTBOX_PAGE (_assay_window_get_page (f->window, "outbox"));
  AssayCosignDialog *dialog;

  chen_objects (f);
  g_assert_true (assay_window_show_page (f->window, "outbox"));
  assay_ui_test_wait_until (not_fetching, page, WAIT_TIMEOUT_SECONDS, "the proposals are fetched");
  texts = _assay_outbox_page_dup_proposal_texts (page);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==,
                   "freeze on account:acct-conc\nSigned by 1 of 2: ana · proposed by ana; opposed by chen\n[Co-sign]");

  dialog = ASSAY_COSIGN_DIALOG (_assay_outbox_page_cosign (page, 0));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "opposed", G_CALLBACK (opposed_cb), &hash);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");
  contains (_assay_cosign_dialog_get_intro (dialog), "Opposed by chen.");
  assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
  assay_ui_test_save_png (GTK_WIDGET (dialog), "oppose-ready.png");

  /* The first click asks for the rationale; without one nothing is sent. */
  _assay_cosign_dialog_oppose (dialog);
  g_assert_true (_assay_cosign_dialog_get_opposing (dialog));
  _assay_cosign_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_cosign_dialog_oppose (dialog);
  g_assert_false (_assay_cosign_dialog_get_busy (dialog));
  contains (_assay_cosign_dialog_get_error (dialog), "needs a rationale");

  _assay_cosign_dialog_set_rationale (dialog, "The receipts are a wedding's, as the county said.");
  assay_ui_test_drain_main_loop ();
  assay_ui_test_save_png (GTK_WIDGET (dialog), "oppose-dialog.png");
  _assay_cosign_dialog_oppose (dialog);
  g_assert_true (_assay_cosign_dialog_get_busy (dialog));
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the objection is queued");
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);
  assay_ui_test_wait_until (objections_recorded, GUINT_TO_POINTER (2), WAIT_TIMEOUT_SECONDS,
                            "the page pushed the objection and the service recorded it");

  /* The page asks again and shows both objections, hers as hers. */
  assay_ui_test_wait_until (list_says_opposed_by_you, page, WAIT_TIMEOUT_SECONDS, "the list says Opposed by you");
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = _assay_outbox_page_dup_proposal_texts (page);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==,
                   "freeze on account:acct-conc\nSigned by 1 of 2: ana · proposed by ana; opposed by chen, dana\n"
                   "Opposed by you");
  assay_ui_test_save_png (GTK_WIDGET (f->window), "oppose-list.png");
}

/* The service down after the proposals were read: dana's objection is
 * signed and queued all the same, the page's push cannot reach the
 * service, and the row waits in the outbox, queued with the cause and
 * its envelope, for the next push; the page says so. */
static void
test_oppose_offline (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *payload = propose_freeze (f, "acct-conc");
  g_autofree char *hash = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  AssayOutboxPage *page = ASSAY_OUTBOX_PAGE (_assay_window_get_page (f->window, "outbox"));
  AssayPushJob *push = assay_session_get_push_job (session ());
  AssayCosignDialog *dialog;
  AssayOutboxRow *row;

  g_assert_true (assay_window_show_page (f->window, "outbox"));
  assay_ui_test_wait_until (not_fetching, page, WAIT_TIMEOUT_SECONDS, "the proposals are fetched");
  dialog = ASSAY_COSIGN_DIALOG (_assay_outbox_page_cosign (page, 0));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "opposed", G_CALLBACK (opposed_cb), &hash);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");

  assay_test_central_stop (f->central);
  _assay_cosign_dialog_oppose (dialog);
  _assay_cosign_dialog_set_rationale (dialog, "The receipts are a wedding's, as the county said.");
  _assay_cosign_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_cosign_dialog_oppose (dialog);
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the objection is queued");
  g_assert_true (assay_push_job_get_running (push));
  assay_ui_test_wait_until (push_done, NULL, WAIT_TIMEOUT_SECONDS, "the push ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);
  g_assert_cmpuint (assay_push_job_get_report (push)->n_tried, ==, 1);
  g_assert_cmpuint (assay_push_job_get_report (push)->n_retry, ==, 1);

  rows = assay_replica_outbox_list (assay_session_get_replica (session ()), NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->kind, ==, "objection");
  g_assert_true (g_str_has_prefix (row->subject, "proposal:"));
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
  g_assert_cmpuint (row->attempts, ==, 1);
  g_assert_nonnull (row->answer);
  g_assert_nonnull (strstr (row->envelope, "application/vnd.assay.objection.v1+json"));
  g_assert_cmpuint (g_list_model_get_n_items (_assay_outbox_page_get_rows (page)), ==, 1);
  contains (gtk_label_get_text (GTK_LABEL (_assay_outbox_page_get_widget (page, "summary_label"))), "1 queued");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *pilot = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "data", "rules",
                                            "pilot.json", NULL);
  int status;

  g_setenv ("ASSAY_RULE_SET", pilot, TRUE);
  assay_ui_test_init (&argc, &argv);
  assay_test_signers_init (&signers);
  app = assay_ui_test_new_application ();

  g_test_add ("/assay/ui/signing/roster", Fixture, NULL, fixture_set_up, test_roster, fixture_tear_down);
  g_test_add ("/assay/ui/signing/change-passphrase", Fixture, NULL, fixture_set_up, test_change_passphrase,
              fixture_tear_down);
  g_test_add ("/assay/ui/signing/create-key", Fixture, NULL, fixture_set_up, test_create_key, fixture_tear_down);
  g_test_add ("/assay/ui/signing/cosign", Fixture, NULL, fixture_set_up, test_cosign, fixture_tear_down);
  g_test_add ("/assay/ui/signing/oppose", Fixture, NULL, fixture_set_up, test_oppose, fixture_tear_down);
  g_test_add ("/assay/ui/signing/oppose-offline", Fixture, NULL, fixture_set_up, test_oppose_offline,
              fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  assay_test_signers_clear (&signers);
  return status;
}
