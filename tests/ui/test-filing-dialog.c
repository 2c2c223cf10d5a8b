/* test-filing-dialog.c — deciding a filing in the app: a request approved with its award, the docket's rulings
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-account-view-private.h"
#include "assay-application.h"
#include "assay-case-view-private.h"
#include "assay-decision-dialog-private.h"
#include "assay-ledger-page-private.h"
#include "assay-dsse.h"
#include "assay-replica-cases.h"
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
#define PASSPHRASE           "correct horse battery"
#define RATIONALE            "Three experts confirm an honest failure; the cap applies."

/* The leaves of assay_test_filing_lines and assay_test_filing_dispute. */
#define FAILURE_INDEX "2"
#define DISPUTE_INDEX "3"

static AssayApplication *app;
static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral     *central;
  char                 *dir;
  char                 *replica_path;
  char                 *clerk_key;     /* the committee's */
  char                 *panel_key;     /* panel-a's, of the arbitration panel */
  AssayWindow          *window;
  AssayReviewQueuePage *page;
} Fixture;

static AssaySession *
session (void)
{
  return assay_application_get_session (app);
}

/* A roster whose committee has the clerk, whose key file the test holds,
 * and whose panel has panel-a. */
static void
log_roster (Fixture *f)
{
  g_autoptr(AssayRoster) roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (utc, "%Y-%m-%d");
  g_autofree char *pw = g_build_filename (f->dir, "pw", NULL);

  g_assert_true (g_file_set_contents (pw, PASSPHRASE, -1, NULL));
  roster->expires = g_get_real_time () / G_USEC_PER_SEC + ASSAY_TEST_YEAR;
  assay_test_role_key_file (roster, ASSAY_ROLE_COMMITTEE, "clerk", f->clerk_key, pw);
  assay_test_role_key_file (roster, ASSAY_ROLE_ARBITRATION, "panel-a", f->panel_key, pw);
  assay_test_central_append_roster (f->central, roster, &signers, today);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  GSettings *settings = assay_application_get_settings (app);

  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->clerk_key = g_build_filename (f->dir, "clerk.key", NULL);
  f->panel_key = g_build_filename (f->dir, "panel-a.key", NULL);
  f->central = assay_test_central_new ("ui.test/filing-decide");
  assay_test_central_import (f->central, assay_test_filing_lines);
  assay_test_central_import (f->central, assay_test_filing_dispute);
  log_roster (f);
  assay_test_central_start (f->central);

  g_settings_set_string (settings, "server-url", f->central->url);
  g_settings_set_string (settings, "log-key", f->central->key);
  g_settings_set_string (settings, "replica-path", f->replica_path);
  g_settings_set_string (settings, "signing-key", f->clerk_key);

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
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
  g_free (f->clerk_key);
  g_free (f->panel_key);
}

/* ---- helpers -------------------------------------------------------------- */

/* The flags are computed and the roster verified. */
static gboolean
roster_ready (gpointer data)
{
  AssayReplica *replica = assay_session_get_replica (session ());
  g_autoptr(GPtrArray) rosters = NULL;

  if (replica == NULL || assay_session_get_flag_run (session ()) == NULL ||
      assay_session_get_refreshing_flags (session ()))
    return FALSE;
  rosters = assay_replica_list_rosters (replica, NULL);
  return rosters != NULL && rosters->len == 1;
}

static void
sync_and_wait (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  assay_ui_test_wait_until (roster_ready, NULL, WAIT_TIMEOUT_SECONDS, "the flags and the roster are in");
  assay_ui_test_drain_main_loop ();
}

static gint64
filing_case (const char *index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCase) c = assay_replica_find_case (assay_session_get_replica (session ()), "filing", index,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_true (c->is_filing);
  return c->id;
}

static AssayCaseView *
open_case (Fixture *f,
           gint64   case_id)
{
  AssayCaseView *view;

  _assay_review_queue_page_open_case (f->page, case_id);
  view = _assay_review_queue_page_get_case_view (f->page);
  g_assert_cmpint (assay_case_view_get_case_id (view), ==, case_id);
  return view;
}

static char *
offered (AssayCaseView *view)
{
  g_autoptr(GPtrArray) ids = _assay_case_view_dup_offered_outcomes (view);

  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
contains (const char *text,
          const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” is not in “%s”", part, text != NULL ? text : "(null)");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static gboolean
has_error (gpointer data)
{
  return _assay_decision_dialog_get_error (data) != NULL;
}

static void
queued_cb (AssayDecisionDialog  *dialog,
           const char           *hash,
           char                **out)
{
  *out = g_strdup (hash);
}

/* The params of the queued row's payload. */
static JsonObject *
queued_params (const AssayOutboxRow *row)
{
  g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (row->envelope, -1, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *payload;

  g_assert_nonnull (envelope);
  payload = g_bytes_get_data (envelope->payload, &len);
  g_assert_true (json_parser_load_from_data (parser, payload, len, NULL));
  return json_object_ref (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                         "params"));
}

/* ---- tests ------------------------------------------------------------------ */

/* The committee's request: Approve… and Deny… only; the award row at the
 * cap with Article U's reason; an award over it refused inline; signed
 * with the clerk's key file, the queued payload names params.award. */
static void
test_approve_award (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *hash = NULL;
  AssayDecisionDialog *dialog;
  AssayCaseView *view;
  gint64 case_id;
  GtkWidget *popover;

  sync_and_wait (f);
  case_id = filing_case (FAILURE_INDEX);
  view = open_case (f, case_id);
  gtk_menu_button_popup (_assay_case_view_get_decide_button (view));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (_assay_case_view_get_decide_button (view)));
  assay_ui_test_wait_until (assay_ui_test_is_drawn, popover, WAIT_TIMEOUT_SECONDS, "the popover is drawn");
  assay_ui_test_save_png (popover, "filing-request-popover.png");
  gtk_menu_button_popdown (_assay_case_view_get_decide_button (view));
  ids = offered (view);
  g_assert_cmpstr (ids, ==, "approve deny");

  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide_filing (view, "approve"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "queued", G_CALLBACK (queued_cb), &hash);
  assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
  assay_ui_test_save_png (GTK_WIDGET (dialog), "filing-approve.png");
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  contains (_assay_decision_dialog_get_shown (dialog, "kind"), "(approve)");
  contains (_assay_decision_dialog_get_shown (dialog, "subject"), "filing " FAILURE_INDEX);

  /* The cap: ⌊0.3 × 1000⌋ = 300, below the 500 asked. */
  amount = _assay_decision_dialog_dup_amount_text (dialog);
  g_assert_true (g_str_has_prefix (amount, "300\nAward\n"));
  contains (amount, "30 % of the comparable success of 1000 points");
  contains (_assay_decision_dialog_get_shown (dialog, "params"), "300 points");

  /* A smaller award re-drafts what is shown. */
  _assay_decision_dialog_set_amount (dialog, 250);
  contains (_assay_decision_dialog_get_shown (dialog, "params"), "250 points");
  g_assert_null (_assay_decision_dialog_get_error (dialog));
  /* The job refuses one over the cap (the spin button would not take it). */
  assay_decision_job_set_amount (_assay_decision_dialog_get_job (dialog), 301);
  g_assert_nonnull (assay_decision_job_get_amount_error (_assay_decision_dialog_get_job (dialog)));
  g_assert_null (assay_decision_job_get_payload (_assay_decision_dialog_get_job (dialog)));
  contains (assay_decision_job_get_amount_error (_assay_decision_dialog_get_job (dialog))->message, "1 to 300");
  _assay_decision_dialog_set_rationale (dialog, RATIONALE);
  _assay_decision_dialog_set_passphrase (dialog, PASSPHRASE);
  _assay_decision_dialog_sign (dialog);
  assay_ui_test_wait_until (has_error, dialog, WAIT_TIMEOUT_SECONDS, "the award's refusal");
  contains (_assay_decision_dialog_get_error (dialog), "1 to 300");
  g_assert_null (hash);

  /* A new award through the row clears the refusal and is in the bytes. */
  _assay_decision_dialog_set_amount (dialog, 245);
  g_assert_null (_assay_decision_dialog_get_error (dialog));
  payload = _assay_decision_dialog_dup_payload_text (dialog);
  contains (payload, "\"params\":{\"award\":245}");
  /* A number typed and not yet entered is what Sign and Queue signs. */
  _assay_decision_dialog_type_amount (dialog, "240");
  _assay_decision_dialog_sign (dialog);
  assay_ui_test_wait_until (is_set, &hash, WAIT_TIMEOUT_SECONDS, "the decision is queued");
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);

  rows = assay_replica_outbox_list_for_case (assay_session_get_replica (session ()), case_id, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->hash, ==, hash);
  g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->kind, ==, "approve");
  g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows, 0))->subject, ==, "filing:" FAILURE_INDEX);
  params = queued_params (g_ptr_array_index (rows, 0));
  g_assert_cmpint (json_object_get_int_member (params, "award"), ==, 240);
}

/* The panel's docket: Uphold…, Overturn…, Adjust… and no committee
 * outcome; Adjust… asks for its points and says a second member
 * co-signs; Approve… on it opens nothing. */
static void
test_docket_rulings (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *ids = NULL;
  g_autofree char *amount = NULL;
  AssayDecisionDialog *dialog;
  AssayCaseView *view;
  GtkWidget *popover;

  sync_and_wait (f);
  view = open_case (f, filing_case (DISPUTE_INDEX));
  gtk_menu_button_popup (_assay_case_view_get_decide_button (view));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (_assay_case_view_get_decide_button (view)));
  assay_ui_test_wait_until (assay_ui_test_is_drawn, popover, WAIT_TIMEOUT_SECONDS, "the popover is drawn");
  assay_ui_test_save_png (popover, "filing-docket-popover.png");
  gtk_menu_button_popdown (_assay_case_view_get_decide_button (view));
  ids = offered (view);
  g_assert_cmpstr (ids, ==, "uphold overturn adjust");
  g_assert_null (strstr (ids, "approve"));

  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide_filing (view, "adjust"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
  amount = _assay_decision_dialog_dup_amount_text (dialog);
  g_assert_true (g_str_has_prefix (amount, "0\nPoints\n"));
  contains (amount, "negative takes away");
  /* The clerk is no panel member: refused before any passphrase. */
  contains (_assay_decision_dialog_get_draft_error (dialog), "arbitration");
  gtk_window_destroy (GTK_WINDOW (dialog));
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);

  /* A panel member's: no amount row for an uphold, and the dialog says
   * where the second signature comes from. */
  g_settings_set_string (assay_application_get_settings (app), "signing-key", f->panel_key);
  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide_filing (view, "uphold"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
  assay_ui_test_save_png (GTK_WIDGET (dialog), "filing-uphold.png");
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  g_assert_null (_assay_decision_dialog_dup_amount_text (dialog));
  contains (_assay_decision_dialog_get_shown (dialog, "kind"), "(uphold)");
  g_assert_cmpuint (assay_decision_job_get_threshold (_assay_decision_dialog_get_job (dialog)), ==, 2);
  contains (_assay_decision_dialog_get_intro (dialog), "Outbox page");
  gtk_window_destroy (GTK_WINDOW (dialog));
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);

  dialog = ASSAY_DECISION_DIALOG (_assay_case_view_decide_filing (view, "adjust"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
  /* No points yet: nothing to sign, and the row says why once changed. */
  g_assert_nonnull (assay_decision_job_get_amount_error (_assay_decision_dialog_get_job (dialog)));
  _assay_decision_dialog_set_amount (dialog, -40);
  g_assert_null (_assay_decision_dialog_get_draft_error (dialog));
  g_assert_null (assay_decision_job_get_amount_error (_assay_decision_dialog_get_job (dialog)));
  assay_ui_test_drain_main_loop ();
  assay_ui_test_save_png (GTK_WIDGET (dialog), "filing-adjust.png");
  contains (_assay_decision_dialog_get_shown (dialog, "params"), "40 points taken from the account");
  gtk_window_destroy (GTK_WINDOW (dialog));
  assay_ui_test_drain_main_loop ();
  g_assert_null (dialog);
}

/* The account view lists the account's dispute, and says which body's
 * case waits for it; an account that filed nothing shows no section. */
static void
test_account_filings (Fixture       *f,
                      gconstpointer  user_data)
{
  AssayLedgerPage *ledger = ASSAY_LEDGER_PAGE (_assay_window_get_page (f->window, "ledger"));
  AssayAccountView *view = _assay_ledger_page_get_account_view (ledger);
  g_autofree char *waits = NULL;
  GtkWidget *row;

  sync_and_wait (f);
  g_assert_true (assay_window_show_page (f->window, "ledger"));
  g_assert_true (assay_ledger_page_show_account (ledger, "acct-x", G_MAXUINT64));
  g_assert_true (gtk_widget_get_visible (_assay_account_view_get_filings_box (view)));
  row = gtk_widget_get_first_child (GTK_WIDGET (_assay_account_view_get_filings_list (view)));
  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Recognition dispute, filed 2026-04-01 · entry " DISPUTE_INDEX);
  waits = g_strdup_printf ("\nUndecided: case %" G_GINT64_FORMAT " waits for the arbitration panel",
                           filing_case (DISPUTE_INDEX));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), waits));
  assay_ui_test_drain_main_loop ();
  assay_ui_test_save_png (GTK_WIDGET (view), "account-filings.png");
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

  g_test_add ("/assay/ui/filing-dialog/approve-award", Fixture, NULL, fixture_set_up, test_approve_award,
              fixture_tear_down);
  g_test_add ("/assay/ui/filing-dialog/account-filings", Fixture, NULL, fixture_set_up, test_account_filings,
              fixture_tear_down);
  g_test_add ("/assay/ui/filing-dialog/docket-rulings", Fixture, NULL, fixture_set_up, test_docket_rulings,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  assay_test_signers_clear (&signers);
  return status;
}
