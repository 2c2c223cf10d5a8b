/* test-decision-dialog.c — deciding a case in the app: the dialog, the key, the outbox, under Xvfb
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
#include <string.h>

#include "assay-application.h"
#include "assay-day.h"
#include "assay-case-view-private.h"
#include "assay-decision-dialog-private.h"
#include "assay-dsse.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-review-queue-page-private.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

#define WAIT_TIMEOUT_SECONDS 60
#define LOGGED_DAY           "2026-03-01"
#define PASSPHRASE           "dana's passphrase"
#define RATIONALE            "The same receipt forty times in one afternoon."

static AssayApplication *app;
static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral     *central;
  char                 *dir;
  char                 *replica_path;
  char                 *key_path;
  char                 *dana;         /* dana's key id */
  AssayWindow          *window;
  AssayReviewQueuePage *page;
} Fixture;

static AssaySession *
session (void)
{
  return assay_application_get_session (app);
}

/* Roster version 1 (the standard one) and version 2, which adds dana,
 * whose key file the test makes with assayctl, to the committee. */
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
  const char *keyid;

  assay_test_central_append_signed (f->central, "roster", signed_v1, LOGGED_DAY);
  g_assert_true (g_file_set_contents (pw, PASSPHRASE "\n", -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", pw, f->key_path, NULL),
                   ==, 0);
  g_assert_true (assay_key_file_read_public_key (f->key_path, pk, &error));
  v2 = assay_test_roster_new (&signers, 2, v1->sha256);
  keyid = assay_roster_add_key (v2, "dana", pk, 0, 0);
  f->dana = g_strdup (keyid);
  assay_roster_add_to_role (v2, ASSAY_ROLE_COMMITTEE, keyid);
  signed_v2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", signed_v2, LOGGED_DAY);
}

/* The fixture of the county test: SPIKE requests in county 110101 on
 * 1 March 2025, against two a day before. */
#define COUNTY_SPIKE GINT_TO_POINTER (1)
#define SPIKE        1200

static char *
county_spike_lines (void)
{
  GString *out = g_string_new (NULL);
  guint32 jan1;

  g_assert_true (assay_day_parse ("2025-01-01", -1, &jan1));
  for (guint32 d = jan1; d < jan1 + 59; d++)
    assay_test_append_redemptions (out, "110101", 2, d);
  assay_test_append_redemptions (out, "110101", SPIKE, jan1 + 59);
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);

  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->key_path = g_build_filename (f->dir, "dana.key", NULL);
  f->central = assay_test_central_new ("ui.test/decide");
  if (user_data == COUNTY_SPIKE)
    {
      g_autofree char *lines = county_spike_lines ();

      /* With the breakers: the service pauses the county. */
      assay_test_central_import_breakers (f->central, lines);
    }
  else
    {
      g_autofree char *lines = assay_test_cases_lines (FALSE);

      assay_test_central_import (f->central, lines);
    }
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
  f->page = ASSAY_REVIEW_QUEUE_PAGE (_assay_window_get_page (f->window, "review-queue"));
  g_assert_true (assay_window_show_page (f->window, "review-queue"));
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
  g_settings_reset (settings, "review-queue-filters");
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
  g_free (f->key_path);
  g_free (f->dana);
}

/* ---- helpers -------------------------------------------------------------- */

/* The flags are computed and, after them, the log's rosters verified. */
static gboolean
rosters_ready (gpointer data)
{
  AssayReplica *replica = assay_session_get_replica (session ());
  g_autoptr(GPtrArray) rosters = NULL;

  if (replica == NULL || assay_session_get_flag_run (session ()) == NULL ||
      assay_session_get_refreshing_flags (session ()))
    return FALSE;
  rosters = assay_replica_list_rosters (replica, NULL);
  return rosters != NULL && rosters->len == 2;
}

static void
sync_and_wait (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  assay_ui_test_wait_until (rosters_ready, NULL, WAIT_TIMEOUT_SECONDS, "the flags and the rosters are in");
  assay_ui_test_drain_main_loop ();
}

static const AssayCase *
account_case (Fixture    *f,
              const char *account)
{
  GListModel *rows = _assay_review_queue_page_get_rows (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AssayCaseRow) row = g_list_model_get_item (rows, i);
      const AssayCase *c = assay_case_row_get_case (row);

      if (g_strcmp0 (c->subject_id, account) == 0)
        return c;
    }
  g_error ("no case of %s", account);
  return NULL;
}

static gboolean
not_busy (gpointer data)
{
  return !_assay_decision_dialog_get_busy (data);
}

static gboolean
has_error (gpointer data)
{
  return _assay_decision_dialog_get_error (data) != NULL;
}

static gboolean
push_done (gpointer data)
{
  return !assay_push_job_get_running (assay_session_get_push_job (session ()));
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
queued_cb (AssayDecisionDialog  *dialog,
           const char           *hash,
           char                **out)
{
  *out = g_strdup (hash);
}

typedef struct
{
  AssayCaseView *view;
} DecidedWait;

static gboolean
case_decided (gpointer data)
{
  DecidedWait *wait = data;
  g_autoptr(GPtrArray) texts = NULL;

  if (assay_session_get_refreshing_flags (session ()))
    return FALSE;
  texts = _assay_case_view_dup_decision_texts (wait->view);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (texts, i), "Decided\n"))
      return TRUE;
  return FALSE;
}

static guint
outbox_rows (gint64 case_id)
{
  g_autoptr(GPtrArray) rows = assay_replica_outbox_list_for_case (assay_session_get_replica (session ()), case_id,
                                                                  NULL);

  g_assert_nonnull (rows);
  return rows->len;
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

static void
contains (const char *text,
          const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” is not in “%s”", part, text != NULL ? text : "(null)");
}

/* ---- tests ------------------------------------------------------------------ */

/* Open the case, the Freeze dialog: the payload as it will be signed; an
 * empty rationale and a wrong passphrase refused inline, nothing queued;
 * then signed and queued, and the case shows it. */
static void
test_freeze (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *size = NULL;
  g_autofree char *hash = NULL;
  AssayCaseView *view;
  AssayDecisionDialog *dialog;
  const AssayCase *c;
  gint64 case_id;

  sync_and_wait (f);
  c = account_case (f, "acct-conc");
  case_id = c->id;
  _assay_review_queue_page_open_case (f->page, case_id);
  view = _assay_review_queue_page_get_case_view (f->page);
  texts = _assay_case_view_dup_decision_texts (view);
  g_assert_true (texts_have (texts, "No decision yet"));
  g_clear_pointer (&texts, g_ptr_array_unref);

  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_FREEZE));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "queued", G_CALLBACK (queued_cb), &hash);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  g_assert_true (gtk_widget_has_css_class (_assay_decision_dialog_get_sign_button (dialog), "destructive-action"));

  /* What will be signed, field by field. */
  status = assay_replica_get_status (assay_session_get_replica (session ()), NULL);
  size = g_strdup_printf ("size %" G_GUINT64_FORMAT, (guint64) status->size);
  contains (_assay_decision_dialog_get_shown (dialog, "kind"), "(freeze)");
  contains (_assay_decision_dialog_get_shown (dialog, "subject"), "account acct-conc");
  contains (_assay_decision_dialog_get_shown (dialog, "sequence"), "1, the first decision");
  contains (_assay_decision_dialog_get_shown (dialog, "rule_set"), "pilot version");
  contains (_assay_decision_dialog_get_shown (dialog, "inputs"), "flags and");
  contains (_assay_decision_dialog_get_shown (dialog, "checkpoint"), size);
  contains (_assay_decision_dialog_get_shown (dialog, "roster"), "version 2");
  contains (_assay_decision_dialog_get_shown (dialog, "role"), "committee");
  contains (_assay_decision_dialog_get_shown (dialog, "author"), f->dana);
  contains (_assay_decision_dialog_get_shown (dialog, "author"), "dana");
  g_assert_nonnull (_assay_decision_dialog_get_shown (dialog, "created"));
  g_assert_nonnull (_assay_decision_dialog_get_shown (dialog, "not_after"));
  g_assert_cmpuint (assay_decision_job_get_threshold (_assay_decision_dialog_get_job (dialog)), ==, 2);

  /* An empty rationale: refused inline, nothing queued. */
  _assay_decision_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_decision_dialog_sign (dialog);
  assay_ui_test_wait_until (has_error, dialog, WAIT_TIMEOUT_SECONDS, "the refusal");
  contains (_assay_decision_dialog_get_error (dialog), "rationale");
  g_assert_cmpuint (outbox_rows (case_id), ==, 0);

  /* The rationale re-renders the payload: it is in the bytes shown. */
  _assay_decision_dialog_set_rationale (dialog, RATIONALE);
  g_assert_null (_assay_decision_dialog_get_error (dialog));
  g_assert_cmpstr (_assay_decision_dialog_get_shown (dialog, "rationale"), ==, RATIONALE);
  payload = _assay_decision_dialog_dup_payload_text (dialog);
  contains (payload, "\"rationale\":\"" RATIONALE "\"");
  contains (payload, "\"kind\":\"freeze\"");
  g_assert_cmpmem (payload, strlen (payload),
                   g_bytes_get_data (assay_decision_job_get_payload (_assay_decision_dialog_get_job (dialog)), NULL),
                   g_bytes_get_size (assay_decision_job_get_payload (_assay_decision_dialog_get_job (dialog))));

  /* A wrong passphrase: its own message, the entry cleared, nothing queued. */
  _assay_decision_dialog_set_passphrase (dialog, "not dana's");
  _assay_decision_dialog_sign (dialog);
  g_assert_true (_assay_decision_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (_assay_decision_dialog_get_sign_button (dialog)));
  assay_ui_test_wait_until (has_error, dialog, WAIT_TIMEOUT_SECONDS, "the wrong passphrase");
  g_assert_true (not_busy (dialog));
  contains (_assay_decision_dialog_get_error (dialog), "passphrase or damaged file");
  g_assert_true (gtk_widget_get_sensitive (_assay_decision_dialog_get_sign_button (dialog)));
  g_assert_cmpuint (outbox_rows (case_id), ==, 0);

  /* The right one: signed, queued, the dialog closes, and the push to
   * the service starts by itself. */
  _assay_decision_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_decision_dialog_sign (dialog);
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the decision is queued");
  g_assert_true (assay_push_job_get_running (assay_session_get_push_job (session ())));
  assay_ui_test_wait_until (push_done, NULL, WAIT_TIMEOUT_SECONDS, "the push ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);
  g_assert_no_error ((GError *) assay_push_job_get_error (assay_session_get_push_job (session ())));
  g_assert_cmpuint (assay_push_job_get_report (assay_session_get_push_job (session ()))->n_pending, ==, 1);

  /* A freeze needs two signatures: the service holds it for the second. */
  rows = assay_replica_outbox_list_for_case (assay_session_get_replica (session ()), case_id, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->hash, ==, hash);
  g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->kind, ==, "freeze");
  g_assert_cmpint (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->state, ==, ASSAY_OUTBOX_PENDING);
  g_assert_cmpuint (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->attempts, ==, 1);
  g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->subject, ==, "account:acct-conc");

  /* The case shows where it stands, honestly, and its history the event. */
  texts = _assay_case_view_dup_decision_texts (view);
  g_assert_true (texts_have (texts, "Freeze · decision"));
  g_assert_true (texts_have (texts, "Accepted by the central service, waiting for more signatures"));
  history = _assay_case_view_dup_history_texts (view);
  g_assert_true (texts_have (history, "signed and queued"));

  /* Bo's co-signature and the log (as a push and the service will do it
   * one day): after the next sync the case is decided, names who decided,
   * and our row is logged at its index. */
  {
    g_autoptr(AssayDsseEnvelope) envelope = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *cosigned = NULL;
    DecidedWait wait = { view };

    envelope = assay_dsse_envelope_new_from_json (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->envelope, -1,
                                                  NULL);
    g_assert_nonnull (envelope);
    assay_dsse_envelope_sign (envelope, signers.keys[ASSAY_TEST_BO]);
    cosigned = assay_dsse_envelope_to_json (envelope);
    assay_test_central_append_signed (f->central, "decision", cosigned, today);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
    assay_ui_test_wait_until (case_decided, &wait, WAIT_TIMEOUT_SECONDS, "the case is decided");
  }
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = _assay_case_view_dup_decision_texts (view);
  g_assert_true (texts_have (texts, "Decided: freeze, logged at index"));
  g_assert_true (texts_have (texts, "dana"));
  g_assert_true (texts_have (texts, "bo"));
  g_assert_true (texts_have (texts, "Logged at index"));
  g_assert_cmpint (_assay_case_view_get_case (view)->state, ==, ASSAY_CASE_STATE_DECIDED);
  /* The account's standing heads the case: frozen, by the logged decision. */
  g_assert_nonnull (strstr (gtk_label_get_text (_assay_case_view_get_subtitle_label (view)), "Frozen by log entry"));
}

/* Refusals before the passphrase: a second decision on the subject while
 * one waits in the outbox; a key outside the committee; no key at all. */
static void
test_refused_drafts (Fixture       *f,
                     gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);
  g_autofree char *hash = NULL;
  g_autofree char *other = g_build_filename (f->dir, "eve.key", NULL);
  g_autofree char *pw = g_build_filename (f->dir, "pw", NULL);
  AssayCaseView *view;
  AssayDecisionDialog *dialog;
  gint64 case_id;

  sync_and_wait (f);
  view = _assay_review_queue_page_get_case_view (f->page);

  /* A case whose flags rest on too many entries to list in one log
   * entry is no refusal: they are named by their digest. */
  g_settings_set_string (settings, "signing-key", f->key_path);
  _assay_review_queue_page_open_case (f->page, account_case (f, "acct-consec")->id);
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_DISMISS));
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  contains (_assay_decision_dialog_get_shown (dialog, "inputs"), "ledger entries, named together by their digest");
  gtk_window_destroy (GTK_WINDOW (dialog));

  case_id = account_case (f, "acct-conc")->id;
  _assay_review_queue_page_open_case (f->page, case_id);

  /* A key no roster names. */
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", pw, other, NULL), ==, 0);
  g_settings_set_string (settings, "signing-key", other);
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_DISMISS));
  contains (_assay_decision_dialog_get_draft_error (dialog), "committee");
  g_assert_false (gtk_widget_get_sensitive (_assay_decision_dialog_get_sign_button (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No key chosen. */
  g_settings_reset (settings, "signing-key");
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_DISMISS));
  contains (_assay_decision_dialog_get_draft_error (dialog), "Choose your signing key");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A dismiss signed with dana's key while the service is down: the push
   * that follows the signing fails, the row stays queued with the reason,
   * and a second decision on the subject is refused. */
  assay_test_central_stop (f->central);
  g_settings_set_string (settings, "signing-key", f->key_path);
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_DISMISS));
  g_assert_false (gtk_widget_has_css_class (_assay_decision_dialog_get_sign_button (dialog), "destructive-action"));
  g_assert_cmpuint (assay_decision_job_get_threshold (_assay_decision_dialog_get_job (dialog)), ==, 1);
  g_signal_connect (dialog, "queued", G_CALLBACK (queued_cb), &hash);
  _assay_decision_dialog_set_rationale (dialog, "Seasonal work, documented by the county.");
  _assay_decision_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_decision_dialog_sign (dialog);
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the dismissal is queued");
  assay_ui_test_wait_until (push_done, NULL, WAIT_TIMEOUT_SECONDS, "the push ends");
  assay_ui_test_drain_main_loop ();
  g_assert_cmpuint (assay_push_job_get_report (assay_session_get_push_job (session ()))->n_retry, ==, 1);
  {
    g_autoptr(GPtrArray) rows = assay_replica_outbox_list_for_case (assay_session_get_replica (session ()),
                                                                    case_id, NULL);
    const AssayOutboxRow *row = g_ptr_array_index (rows, 0);

    g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
    g_assert_cmpuint (row->attempts, ==, 1);
    g_assert_nonnull (row->answer);
  }

  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_CONFIRM));
  contains (_assay_decision_dialog_get_draft_error (dialog), "still waiting in the outbox");
  g_assert_false (gtk_widget_get_sensitive (_assay_decision_dialog_get_sign_button (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (outbox_rows (case_id), ==, 1);

  /* A down-weight on a case without an Article X down-weight flag needs
   * its dimension: refused until one is chosen, then in the payload. */
  _assay_review_queue_page_open_case (f->page, account_case (f, "acct-gone")->id);
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_DOWN_WEIGHT));
  contains (_assay_decision_dialog_get_draft_error (dialog), "dimension");
  _assay_decision_dialog_set_dimension (dialog, ASSAY_DIMENSION_ECOLOGICAL);
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  contains (_assay_decision_dialog_get_shown (dialog, "params"), "ecological, from the day after it is logged");
  _assay_decision_dialog_set_rationale (dialog, "Planting receipts without the sites.");
  {
    g_autofree char *payload = _assay_decision_dialog_dup_payload_text (dialog);

    contains (payload, "\"params\":{\"dimension\":\"ecological\"}");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
account_active (gpointer data)
{
  AssayAccountState state;
  gint64 index;

  if (assay_session_get_refreshing_flags (session ()) ||
      !assay_replica_get_account_state (assay_session_get_replica (session ()), data, &state, &index, NULL))
    return FALSE;
  return state == ASSAY_ACCOUNT_ACTIVE && index >= 0;
}

/* The county spike's case, restored from the dialog: its 1,200 entries
 * are named by their digest, shown as such, and the restore is logged at
 * once; after the next sync the county's accounts are active again. */
static void
test_county_digest (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *hash = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *count = g_strdup_printf ("%u ledger entries, named together by their digest", SPIKE);
  AssayDecisionDialog *dialog;
  AssayCaseView *view;
  AssayAccountState state;
  gint64 index;

  sync_and_wait (f);
  g_assert_true (assay_replica_get_account_state (assay_session_get_replica (session ()), "r-110101-0", &state,
                                                  &index, NULL));
  g_assert_cmpint (state, ==, ASSAY_ACCOUNT_PAUSED);
  _assay_review_queue_page_open_case (f->page, account_case (f, "110101")->id);
  view = _assay_review_queue_page_get_case_view (f->page);
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide (view, ASSAY_DECISION_KIND_RESTORE));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "queued", G_CALLBACK (queued_cb), &hash);
  assay_ui_test_wait_until (assay_ui_test_is_mapped, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is mapped");
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  contains (_assay_decision_dialog_get_shown (dialog, "subject"), "county 110101");
  contains (_assay_decision_dialog_get_shown (dialog, "inputs"), count);
  _assay_decision_dialog_set_rationale (dialog, "A clinic's open day: the requests are real.");
  payload = _assay_decision_dialog_dup_payload_text (dialog);
  contains (payload, "\"entries_digest\":{\"count\":1200,\"sha256\":\"");
  g_assert_null (strstr (payload, "\"entries\":"));
  /* The digest shown is the one in the bytes to be signed. */
  {
    const char *at = strstr (payload, "\"sha256\":\"") + strlen ("\"sha256\":\"");
    g_autofree char *digest = g_strndup (at, 64);

    contains (_assay_decision_dialog_get_shown (dialog, "inputs"), digest);
  }

  _assay_decision_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_decision_dialog_sign (dialog);
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the decision is queued");
  assay_ui_test_wait_until (push_done, NULL, WAIT_TIMEOUT_SECONDS, "the push ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);
  g_assert_no_error ((GError *) assay_push_job_get_error (assay_session_get_push_job (session ())));
  g_assert_cmpuint (assay_push_job_get_report (assay_session_get_push_job (session ()))->n_logged, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  assay_ui_test_wait_until (account_active, (gpointer) "r-110101-0", WAIT_TIMEOUT_SECONDS,
                            "the county's accounts are active");
  g_assert_true (assay_replica_get_account_state (assay_session_get_replica (session ()), "r-110101-1199", &state,
                                                  &index, NULL));
  g_assert_cmpint (state, ==, ASSAY_ACCOUNT_ACTIVE);
}

int
main (int argc, char **argv)
{
  g_autofree char *pilot = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "data", "rules",
                                                "pilot.json", NULL);
  int status;

  g_setenv ("ASSAY_RULE_SET", pilot, TRUE);
  assay_ui_test_init (&argc, &argv);
  assay_test_signers_init (&signers);

  app = assay_ui_test_new_application ();

  g_test_add ("/assay/ui/decision/freeze", Fixture, NULL, fixture_set_up, test_freeze, fixture_tear_down);
  g_test_add ("/assay/ui/decision/refused-drafts", Fixture, NULL, fixture_set_up, test_refused_drafts,
              fixture_tear_down);
  g_test_add ("/assay/ui/decision/county-digest", Fixture, COUNTY_SPIKE, fixture_set_up, test_county_digest,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  assay_test_signers_clear (&signers);
  return status;
}
