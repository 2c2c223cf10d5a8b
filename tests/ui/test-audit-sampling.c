/* test-audit-sampling.c — the Audit Sampling page: the draw, re-check, findings, fraud rate, CSV and Benford
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
#include "assay-audit-sampling-page-private.h"
#include "assay-chart.h"
#include "assay-decision.h"
#include "assay-push-job.h"
#include "assay-replica-audit.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-sample-row.h"
#include "assay-test-central.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

#define WAIT_TIMEOUT_SECONDS 60
#define N_ISSUER_A 120
/* The events of 2025 in province 31: issuer A's and issuer B's three. */
#define POPULATION (N_ISSUER_A + 3)
#define ALL_RATE "0.999999999999999999"
#define LOGGED_DAY "2026-03-01"
#define PASSPHRASE "sam's passphrase"
/* The events and the two rosters logged after them. */
#define LOG_SIZE (POPULATION + 4)

static AssayApplication *app;
static AssayTestSigners signers;

/* Roster version 1 (the standard one) and version 2, which adds sam, whose
 * key file the test makes with assayctl, to the audit role. */
static void
log_rosters (AssayTestCentral *central,
             const char       *dir,
             const char       *key_path)
{
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(AssayRoster) v2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_v1 = assay_test_roster_sign (v1, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  g_autofree char *signed_v2 = NULL;
  g_autofree char *pw = g_build_filename (dir, "pw", NULL);
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  assay_test_central_append_signed (central, "roster", signed_v1, LOGGED_DAY);
  g_assert_true (g_file_set_contents (pw, PASSPHRASE "\n", -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "key", "create", "--passphrase-file", pw, key_path, NULL), ==, 0);
  g_assert_true (assay_key_file_read_public_key (key_path, pk, &error));
  v2 = assay_test_roster_new (&signers, 2, v1->sha256);
  assay_roster_add_to_role (v2, ASSAY_ROLE_AUDIT, assay_roster_add_key (v2, "sam", pk, 0, 0));
  signed_v2 = assay_test_roster_sign (v2, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (central, "roster", signed_v2, LOGGED_DAY);
}

static gboolean
rosters_ready (gpointer data)
{
  AssaySession *session = data;
  AssayReplica *replica = assay_session_get_replica (session);
  g_autoptr(GPtrArray) rosters = NULL;

  if (replica == NULL || !assay_ui_test_is_synced (session))
    return FALSE;
  rosters = assay_replica_list_rosters (replica, NULL);
  return rosters != NULL && rosters->len == 2;
}

static gboolean
dialog_gone (gpointer data)
{
  return _assay_audit_sampling_page_get_dialog (data) == NULL;
}

static gboolean
push_done (gpointer data)
{
  return !assay_push_job_get_running (data);
}

static gboolean
not_signing (gpointer data)
{
  return !_assay_audit_findings_dialog_is_signing (data);
}

static gboolean
job_done (gpointer data)
{
  return !assay_audit_sample_job_get_running (data);
}

static GtkWidget *
widget (AssayAuditSamplingPage *page,
        const char             *id)
{
  GtkWidget *w = _assay_audit_sampling_page_get_widget (page, id);

  g_assert_nonnull (w);
  return w;
}

static const char *
label_text (AssayAuditSamplingPage *page,
            const char             *id)
{
  return gtk_label_get_text (GTK_LABEL (widget (page, id)));
}

static void
assert_label_has (AssayAuditSamplingPage *page,
                  const char             *id,
                  const char             *part)
{
  if (strstr (label_text (page, id), part) == NULL)
    g_error ("%s says “%s”, not “%s”", id, label_text (page, id), part);
}

/* An event whose points the resource formula gives from `base_value`
 * (duration, demand and rating 1), unless `rule` and `inputs` say other. */
static void
append_event (GString    *out,
              const char *tag,
              int         points,
              const char *rule,
              const char *inputs,
              const char *county,
              const char *issuer,
              const char *date)
{
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, tag, -1);
  g_autofree char *resource = g_strdup_printf ("{\"base_value\":%d,\"duration\":1,\"demand_index\":1,\"rating\":1}", points);

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"acct-%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"community\",\"points\":%d,\"event_date\":\"%s-02\","
    "\"publication_date\":\"%s-12\",\"county\":\"%s\",\"issuer\":\"%s\","
    "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"%s\",\"inputs\":%s},"
    "\"activity\":\"act-%s\",\"confirmer\":\"confirmer-1\",\"evidence\":\"%s\"}\n",
    tag, points, date, date, county, issuer, rule != NULL ? rule : "resource",
    inputs != NULL ? inputs : resource, tag, evidence);
}

/* Issuer A: 120 events in Qingpu whose points all start with 5 (far from
 * Benford); issuer B: a correct event, one whose points do not follow its
 * inputs and one of a rule the annex does not know; an event of 2025 in
 * another province and one of 2024, in no population of 2025 in 31. */
static char *
sample_lines (void)
{
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < N_ISSUER_A; i++)
    {
      g_autofree char *tag = g_strdup_printf ("a%03u", i);

      append_event (lines, tag, 50 + i % 10, NULL, NULL, "310118", "issuer-a", "2025-03");
    }
  append_event (lines, "good", 24, NULL, NULL, "310115", "issuer-b", "2025-04");
  append_event (lines, "planted", 240, "resource",
                "{\"base_value\":15,\"duration\":2,\"demand_index\":0.8,\"rating\":1}",
                "310115", "issuer-b", "2025-04");
  append_event (lines, "unknown", 10, "hours", "{\"hours\":1}", "310115", "issuer-b", "2025-04");
  append_event (lines, "elsewhere", 30, NULL, NULL, "320102", "issuer-c", "2025-05");
  append_event (lines, "earlier", 40, NULL, NULL, "310118", "issuer-a", "2024-05");
  return g_string_free (lines, FALSE);
}

static void
draw (AssayAuditSamplingPage *page,
      const char             *rate)
{
  AssayAuditSampleJob *job = _assay_audit_sampling_page_get_job (page);

  gtk_editable_set_text (GTK_EDITABLE (widget (page, "rate_entry")), rate);
  g_signal_emit_by_name (widget (page, "draw_button"), "clicked");
  g_assert_true (assay_audit_sample_job_get_running (job));
  g_assert_false (gtk_widget_get_sensitive (widget (page, "draw_button")));
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the draw ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (assay_audit_sample_job_get_error (job));
}

/* The row of an account among the rows shown, and its position. */
static AssaySampleRow *
find_row (AssayAuditSamplingPage *page,
          const char             *account,
          guint                  *out_position)
{
  GListModel *rows = _assay_audit_sampling_page_get_rows (page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AssaySampleRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (assay_sample_row_get_record (row)->account, account) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return row;
        }
    }
  g_error ("no row of %s", account);
}

static void
record (AssayAuditSamplingPage *page,
        const char             *account,
        guint                   finding,
        const char             *note)
{
  guint position = 0;

  find_row (page, account, &position);
  _assay_audit_sampling_page_select (page, position);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "finding_dropdown")), finding);
  gtk_editable_set_text (GTK_EDITABLE (widget (page, "note_entry")), note);
  g_signal_emit_by_name (widget (page, "record_button"), "clicked");
  assay_ui_test_drain_main_loop ();
}

/* Findings for every sampled record of issuer A from the library, all
 * but the last (which the page records, so that its panel refreshes):
 * `n_fraud` of them fraud. */
static void
record_many (AssayAuditSamplingPage *page,
             AssayReplica           *replica,
             guint                   n_fraud)
{
  const AssayAuditSample *sample = assay_audit_sample_job_get_sample (_assay_audit_sampling_page_get_job (page));
  g_autoptr(GError) error = NULL;
  guint done = 0;

  for (guint i = 0; i < N_ISSUER_A - 1; i++)
    {
      g_autofree char *account = g_strdup_printf ("acct-a%03u", i);
      AssaySampleRow *row = find_row (page, account, NULL);
      AssayAuditFinding finding = done < n_fraud ? ASSAY_AUDIT_FINDING_FRAUD : ASSAY_AUDIT_FINDING_CORRECT;

      g_assert_true (assay_audit_sample_record_finding (replica, sample, assay_sample_row_get_record (row)->index,
                                                        finding, "looked at", &error));
      g_assert_no_error (error);
      done++;
    }
  record (page, "acct-a119", 0, "");
}

static void
test_sampling (void)
{
  AssaySession *session = assay_application_get_session (app);
  GSettings *settings = assay_application_get_settings (app);
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("ui.test/sampling");
  g_autofree char *lines = sample_lines ();
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica_path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *key_path = g_build_filename (dir, "sam.key", NULL);
  g_autoptr(AssayReplica) own = NULL;
  g_autoptr(AssayAuditSample) want = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *csv = NULL;
  AssayAuditSamplingPage *page;
  AssayAuditSampleJob *job;
  AssayWindow *window;
  GListModel *rows;
  GtkColumnView *view;

  assay_test_central_import (central, lines);
  log_rosters (central, dir, key_path);
  assay_test_central_start (central);
  g_settings_set_string (settings, "signing-key", key_path);
  g_settings_set_string (settings, "server-url", central->url);
  g_settings_set_string (settings, "log-key", central->key);
  g_settings_set_string (settings, "replica-path", replica_path);

  window = assay_window_new (ADW_APPLICATION (app), session);
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  g_assert_true (assay_window_show_page (window, "audit-sampling"));
  page = ASSAY_AUDIT_SAMPLING_PAGE (_assay_window_get_page (window, "audit-sampling"));
  job = _assay_audit_sampling_page_get_job (page);
  rows = _assay_audit_sampling_page_get_rows (page);

  /* No replica yet: the page says so, and nothing can be drawn. */
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (widget (page, "empty_page"))), ==, "No Replica");
  g_assert_false (gtk_widget_get_sensitive (widget (page, "draw_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  assay_ui_test_wait_until (rosters_ready, session, WAIT_TIMEOUT_SECONDS, "the replica is synced, rosters and all");
  assay_ui_test_drain_main_loop ();
  /* Syncing shows the Ledger page: back to ours. */
  g_assert_true (assay_window_show_page (window, "audit-sampling"));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (widget (page, "empty_page"))), ==, "Ready to Draw");
  g_assert_true (gtk_widget_get_sensitive (widget (page, "draw_button")));
  g_assert_false (gtk_widget_get_sensitive (widget (page, "recheck_button")));
  /* Provinces 31 and 32, the busiest chosen; the year of the latest event. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (widget (page, "province_dropdown")))), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget (page, "province_dropdown"))), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget (page, "year_spin"))), ==, 2025);

  /* A malformed rate is refused before any work. */
  gtk_editable_set_text (GTK_EDITABLE (widget (page, "rate_entry")), "10 %");
  g_signal_emit_by_name (widget (page, "draw_button"), "clicked");
  g_assert_false (assay_audit_sample_job_get_running (job));
  g_assert_true (gtk_widget_has_css_class (widget (page, "status_label"), "error"));

  /* The tenth: the same records, seed and population as the library's
   * draw on a connection of the test's own. */
  draw (page, "0.1");
  own = assay_replica_open (replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  want = assay_audit_sample_draw (own, 2025, "31", "0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (want->population, ==, POPULATION);
  g_assert_cmpuint (assay_audit_sample_job_get_sample (job)->population, ==, POPULATION);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, want->indices->len);
  g_assert_cmpuint (want->indices->len, >, 0);
  for (guint i = 0; i < want->indices->len; i++)
    {
      g_autoptr(AssaySampleRow) row = g_list_model_get_item (rows, i);

      g_assert_cmpuint (assay_sample_row_get_record (row)->index, ==, g_array_index (want->indices, guint64, i));
    }
  hex = assay_audit_sample_seed_hex (want);
  assert_label_has (page, "seed_label", hex);
  assert_label_has (page, "seed_hex_label", hex);
  assert_label_has (page, "derivation_label", "assay-audit-sample/1\\n2025\\n31\\n");
  {
    g_autofree char *sizes = g_strdup_printf ("of %u events sampled", POPULATION);

    assert_label_has (page, "status_label", sizes);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (widget (page, "main_stack"))), ==, "sample");

  /* Every event of the population, re-checked: the planted one fails. */
  draw (page, ALL_RATE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, POPULATION);
  g_assert_true (gtk_widget_get_sensitive (widget (page, "recheck_button")));
  g_signal_emit_by_name (widget (page, "recheck_button"), "clicked");
  g_assert_true (assay_audit_sample_job_get_running (job));
  assay_ui_test_wait_until (job_done, job, WAIT_TIMEOUT_SECONDS, "the re-check ends");
  assay_ui_test_drain_main_loop ();
  g_assert_null (assay_audit_sample_job_get_error (job));
  assert_label_has (page, "status_label", "Re-checked 123 events: 1 failed a check, 1 could not be recomputed.");
  {
    g_autofree char *planted = assay_sample_row_format (find_row (page, "acct-planted", NULL), ASSAY_SAMPLE_COLUMN_RECHECK);
    g_autofree char *unknown = assay_sample_row_format (find_row (page, "acct-unknown", NULL), ASSAY_SAMPLE_COLUMN_RECHECK);
    g_autofree char *good = assay_sample_row_format (find_row (page, "acct-good", NULL), ASSAY_SAMPLE_COLUMN_RECHECK);

    g_assert_cmpstr (planted, ==, "Mismatch: 24 recomputed");
    g_assert_cmpstr (unknown, ==, "Cannot recompute");
    g_assert_cmpstr (good, ==, "Match");
  }

  /* Sorted by the re-check, the failures come first. */
  view = GTK_COLUMN_VIEW (widget (page, "column_view"));
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view),
                                                                   ASSAY_SAMPLE_COLUMN_RECHECK);
    g_autoptr(AssaySampleRow) first = NULL;
    g_autoptr(AssaySampleRow) second = NULL;

    gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
    first = g_list_model_get_item (rows, 0);
    second = g_list_model_get_item (rows, 1);
    g_assert_cmpstr (assay_sample_row_get_record (first)->account, ==, "acct-planted");
    g_assert_cmpstr (assay_sample_row_get_record (second)->account, ==, "acct-unknown");
  }

  /* A fraud finding needs a note; with one it is stored. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget (page, "verdict_label"))), !=, "");
  record (page, "acct-planted", 2, "");
  g_assert_true (gtk_widget_has_css_class (widget (page, "status_label"), "error"));
  {
    g_autoptr(GPtrArray) stored = assay_replica_audit_findings (own, 2025, &error);

    g_assert_cmpuint (stored->len, ==, 0);
  }
  record (page, "acct-planted", 2, "240 points for 24");
  {
    g_autoptr(GPtrArray) stored = assay_replica_audit_findings (own, 2025, &error);
    const AssayAuditFindingRow *f;

    g_assert_no_error (error);
    g_assert_cmpuint (stored->len, ==, 1);
    f = g_ptr_array_index (stored, 0);
    g_assert_cmpstr (f->finding, ==, "fraud");
    g_assert_cmpstr (f->note, ==, "240 points for 24");
    g_assert_cmpstr (f->rate, ==, ALL_RATE);
  }
  g_assert_cmpstr (assay_sample_row_get_finding (find_row (page, "acct-planted", NULL)), ==, "fraud");
  record (page, "acct-good", 0, "");
  record (page, "acct-unknown", 1, "rule hours is not in annex 4");
  assert_label_has (page, "fraud_label", "3 of 123 sampled records reviewed: 1 fraud, 1 error.");
  assert_label_has (page, "verdict_label", "Too few records to tell");

  /* Every record reviewed, one fraud: the finite population bounds the
   * rate below 5 %. */
  record_many (page, own, 0);
  assert_label_has (page, "fraud_label", "123 of 123 sampled records reviewed: 1 fraud");
  assert_label_has (page, "verdict_label", "Below 5 %");
  /* Twenty more frauds: the excess is shown. */
  record_many (page, own, 20);
  assert_label_has (page, "fraud_label", "123 of 123 sampled records reviewed: 21 fraud");
  assert_label_has (page, "verdict_label", "Above 5 %");

  /* Signing the findings: the payload shown is what is signed and queued. */
  g_assert_true (gtk_widget_get_sensitive (widget (page, "sign_button")));
  assert_label_has (page, "signed_label", "not signed");
  g_signal_emit_by_name (widget (page, "sign_button"), "clicked");
  {
    AssayAuditFindingsDialog *dialog = _assay_audit_sampling_page_get_dialog (page);
    GtkWidget *rationale, *passphrase, *sign, *error_label, *payload;
    g_autoptr(GPtrArray) queued = NULL;
    g_autoptr(AssayDsseEnvelope) envelope = NULL;
    g_autoptr(AssayDecision) d = NULL;
    const AssayOutboxRow *row;
    g_autofree char *subject = g_strdup_printf ("audit:2025/31/%u/" ALL_RATE, LOG_SIZE);
    g_autofree char *shown = NULL;
    JsonArray *listed;

    g_assert_nonnull (dialog);
    rationale = _assay_audit_findings_dialog_get_widget (dialog, "rationale_entry");
    passphrase = _assay_audit_findings_dialog_get_widget (dialog, "passphrase_entry");
    sign = _assay_audit_findings_dialog_get_widget (dialog, "sign_button");
    error_label = _assay_audit_findings_dialog_get_widget (dialog, "error_label");
    payload = _assay_audit_findings_dialog_get_widget (dialog, "payload_label");
    /* No rationale, no decision. */
    g_assert_false (gtk_widget_get_sensitive (sign));
    g_assert_true (gtk_widget_get_visible (error_label));
    gtk_editable_set_text (GTK_EDITABLE (rationale), "Twenty-one of 123 records were invented.");
    g_assert_true (gtk_widget_get_sensitive (sign));
    shown = g_strdup (gtk_label_get_text (GTK_LABEL (payload)));
    assay_ui_test_wait_until (assay_ui_test_is_drawn, dialog, WAIT_TIMEOUT_SECONDS, "the dialog is drawn");
    assay_ui_test_save_png (GTK_WIDGET (dialog), "audit-sign-findings.png");
    g_assert_nonnull (strstr (shown, "\"kind\":\"audit_findings\""));
    g_assert_nonnull (strstr (shown, "\"fraud\":21"));
    g_assert_nonnull (strstr (shown, "\"reviewed\":123"));
    /* A wrong passphrase is said inline; the dialog stays. */
    gtk_editable_set_text (GTK_EDITABLE (passphrase), "not it");
    g_signal_emit_by_name (sign, "clicked");
    assay_ui_test_wait_until (not_signing, dialog, WAIT_TIMEOUT_SECONDS, "the wrong passphrase is refused");
    assay_ui_test_drain_main_loop ();
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_nonnull (_assay_audit_sampling_page_get_dialog (page));
    gtk_editable_set_text (GTK_EDITABLE (passphrase), PASSPHRASE);
    g_signal_emit_by_name (sign, "clicked");
    assay_ui_test_wait_until (dialog_gone, page, WAIT_TIMEOUT_SECONDS, "the findings are signed and queued");
    assay_ui_test_drain_main_loop ();

    queued = assay_replica_outbox_list (own, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (queued->len, ==, 1);
    row = g_ptr_array_index (queued, 0);
    g_assert_cmpstr (row->kind, ==, "audit_findings");
    g_assert_cmpstr (row->subject, ==, subject);
    g_assert_cmpint (row->case_id, ==, 0);
    envelope = assay_dsse_envelope_new_from_json (row->envelope, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (envelope->payload, NULL), g_bytes_get_size (envelope->payload),
                     shown, strlen (shown));
    d = assay_decision_new_from_envelope (envelope, &error);
    g_assert_no_error (error);
    g_assert_cmpint (d->kind, ==, ASSAY_DECISION_KIND_AUDIT_FINDINGS);
    g_assert_cmpint (d->role, ==, ASSAY_ROLE_AUDIT);
    g_assert_cmpint (d->subject_kind, ==, ASSAY_SUBJECT_AUDIT);
    g_assert_cmpint (d->checkpoint_size, ==, LOG_SIZE);
    g_assert_cmpint (json_object_get_int_member (d->params, "correct"), ==, 101);
    g_assert_cmpint (json_object_get_int_member (d->params, "error"), ==, 1);
    /* The errors and frauds, each with its leaf among the entries. */
    listed = json_object_get_array_member (d->params, "findings");
    g_assert_cmpuint (json_array_get_length (listed), ==, 22);
    g_assert_cmpuint (d->entries->len, ==, 22);
    for (guint i = 0; i < 22; i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (listed, i), "index"), ==,
                       g_array_index (d->entries, AssayDecisionEntry, i).index);
    assert_label_has (page, "signed_label", "waiting in the Outbox");
    g_assert_false (gtk_widget_get_sensitive (widget (page, "sign_button")));

    /* The service logs it; after a sync the page says so. */
    {
      g_autoptr(AssayPushJob) push = assay_push_job_new ();
      g_autoptr(GPtrArray) logged = NULL;

      assay_push_job_run (push, replica_path);
      assay_ui_test_wait_until (push_done, push, WAIT_TIMEOUT_SECONDS, "the push ends");
      g_assert_no_error ((GError *) assay_push_job_get_error (push));
      g_assert_cmpuint (assay_push_job_get_report (push)->n_logged, ==, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
      assay_ui_test_wait_until (assay_ui_test_is_synced, session, WAIT_TIMEOUT_SECONDS, "the decision is synced");
      assay_ui_test_drain_main_loop ();
      g_assert_true (assay_window_show_page (window, "audit-sampling"));
      logged = assay_replica_list_decisions (own, "audit", subject + strlen ("audit:"), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (logged->len, ==, 1);
      /* A finding recorded now refreshes the panel, which reads the log. */
      record (page, "acct-good", 0, "");
      assert_label_has (page, "signed_label", "Signed and logged as decision");
      g_assert_true (gtk_widget_get_sensitive (widget (page, "sign_button")));
    }

    /* The command line signs the same sample's findings again, as the
     * next decision on it: usage errors first, then queued. */
    {
      g_autofree char *pw = g_build_filename (dir, "pw", NULL);
      g_autofree char *size = g_strdup_printf ("%u", LOG_SIZE);
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(GPtrArray) rows_now = NULL;

      g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica_path, "findings", "sign", "--year",
                                            "2025", "--province", "31", "--rate", ALL_RATE, "--checkpoint", size,
                                            "--key", key_path, "--passphrase-file", pw, NULL), ==, 2);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      if (assay_test_assayctl (&out, &err, "--replica", replica_path, "findings", "sign", "--year", "2025",
                               "--province", "31", "--rate", ALL_RATE, "--checkpoint", size, "--key", key_path,
                               "--passphrase-file", pw, "--rationale", "Checked again from the shell.", NULL) != 0)
        g_error ("findings sign failed: %s%s", out, err);
      g_assert_nonnull (strstr (out, "Signed and queued the findings of the sample of 2025"));
      rows_now = assay_replica_outbox_list (own, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows_now->len, ==, 2);
      g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows_now, 1))->kind, ==, "audit_findings");
      g_assert_cmpstr (((AssayOutboxRow *) g_ptr_array_index (rows_now, 1))->subject, ==, subject);
      {
        g_autoptr(AssayPushJob) push = assay_push_job_new ();

        assay_push_job_run (push, replica_path);
        assay_ui_test_wait_until (push_done, push, WAIT_TIMEOUT_SECONDS, "the push ends");
        g_assert_no_error ((GError *) assay_push_job_get_error (push));
        g_assert_cmpuint (assay_push_job_get_report (push)->n_logged, ==, 1);
      }
    }

    /* Findings too many and too long for one log entry are refused with
     * the sizes, before any passphrase is asked. */
    {
      g_autofree char *note = g_strnfill (200, 'x');
      AssayAuditFindingsDialog *big;

      for (guint i = 0; i < N_ISSUER_A; i++)
        {
          g_autofree char *account = g_strdup_printf ("acct-a%03u", i);

          g_assert_true (assay_audit_sample_record_finding (own, assay_audit_sample_job_get_sample (job),
                                                            assay_sample_row_get_record (find_row (page, account, NULL))->index,
                                                            ASSAY_AUDIT_FINDING_FRAUD, note, &error));
        }
      g_signal_emit_by_name (widget (page, "sign_button"), "clicked");
      big = _assay_audit_sampling_page_get_dialog (page);
      gtk_editable_set_text (GTK_EDITABLE (_assay_audit_findings_dialog_get_widget (big, "rationale_entry")), "All of them.");
      g_assert_false (gtk_widget_get_sensitive (_assay_audit_findings_dialog_get_widget (big, "sign_button")));
      if (strstr (gtk_label_get_text (GTK_LABEL (_assay_audit_findings_dialog_get_widget (big, "error_label"))),
                  "bytes a log entry holds") == NULL)
        g_error ("not refused for its size: %s",
                 gtk_label_get_text (GTK_LABEL (_assay_audit_findings_dialog_get_widget (big, "error_label"))));
      gtk_window_destroy (GTK_WINDOW (big));
      assay_ui_test_drain_main_loop ();
    }
    /* The command line refuses them too, with the sizes (what is to be
     * signed is refused as its arguments are: exit 2). */
    {
      g_autofree char *pw = g_build_filename (dir, "pw", NULL);
      g_autofree char *size = g_strdup_printf ("%u", LOG_SIZE);
      g_autofree char *err = NULL;

      g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica_path, "findings", "sign", "--year",
                                            "2025", "--province", "31", "--rate", ALL_RATE, "--checkpoint", size,
                                            "--key", key_path, "--passphrase-file", pw, "--rationale", "All.",
                                            NULL), ==, 2);
      g_assert_nonnull (strstr (err, "bytes a log entry holds"));
    }

  }

  /* The CSV: every record with its re-check and finding. */
  csv = _assay_audit_sampling_page_dup_csv (page);
  g_assert_true (g_str_has_prefix (csv, "index,account,county,issuer,rule,points,event_date,"
                                        "recomputed,recheck,confirmer_ok,delay_days,finding,note\r\n"));
  g_assert_nonnull (strstr (csv, ",acct-planted,310115,issuer-b,resource,240,2025-04-02,24,mismatch,true,10,fraud,240 points for 24\r\n"));
  g_assert_nonnull (strstr (csv, ",acct-unknown,310115,issuer-b,hours,10,2025-04-02,,cannot_recompute,true,10,error,"));
  {
    g_auto(GStrv) csv_lines = g_strsplit (csv, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (csv_lines), ==, POPULATION + 2);
  }
  assay_ui_test_wait_until (assay_ui_test_is_drawn, page, WAIT_TIMEOUT_SECONDS, "the page is drawn");
  assay_ui_test_save_png (GTK_WIDGET (window), "audit-sampling.png");

  /* Benford by issuer: issuer A's fives are flagged, the small ones are
   * insufficient. */
  gtk_stack_set_visible_child_name (GTK_STACK (widget (page, "view_stack")), "benford");
  {
    AssayAuditSampleJob *benford = _assay_audit_sampling_page_get_benford_job (page);
    GListModel *units = _assay_audit_sampling_page_get_benford_rows (page);
    AssayChart *chart = ASSAY_CHART (widget (page, "benford_chart"));

    g_signal_emit_by_name (widget (page, "benford_button"), "clicked");
    assay_ui_test_wait_until (job_done, benford, WAIT_TIMEOUT_SECONDS, "the Benford look ends");
    assay_ui_test_drain_main_loop ();
    g_assert_null (assay_audit_sample_job_get_error (benford));
    g_assert_cmpuint (g_list_model_get_n_items (units), ==, 3);
    assert_label_has (page, "benford_status_label", "3 units, 1 with at least 100 events; 1 flagged");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (widget (page, "benford_stack"))), ==, "results");
    /* The first unit is selected: issuer A, its 2024 event of 40 points
     * included (Benford looks at every year), every other first digit a 5. */
    assert_label_has (page, "benford_chart_label", "issuer-a’s 121 events");
    /* Nigrini's z per digit, as (|p̂ − p| − 1/2n) / √(p(1 − p)/n): no 1
     * where 30.1 % are expected, 120 fives of 121 where 7.9 %. */
    assert_label_has (page, "benford_chart_label", "1: 7.12*");
    assert_label_has (page, "benford_chart_label", "5: 37.01*");
    g_assert_cmpuint (assay_chart_get_n_categories (chart), ==, 9);
    g_assert_cmpfloat_with_epsilon (assay_chart_get_value (chart, 0, 4), 120.0 / 121, 1e-12);
    g_assert_cmpfloat_with_epsilon (assay_chart_get_value (chart, 0, 3), 1.0 / 121, 1e-12);
    g_assert_cmpfloat (assay_chart_get_value (chart, 0, 0), ==, 0.0);
    g_assert_cmpfloat_with_epsilon (assay_chart_get_value (chart, 1, 0), 0.30103, 1e-5);
    assay_ui_test_wait_until (assay_ui_test_is_drawn, chart, WAIT_TIMEOUT_SECONDS, "the chart is drawn");
    assay_ui_test_save_png (GTK_WIDGET (window), "audit-benford.png");

    /* By county: Qingpu, Pudong's three and the other province's one. */
    gtk_drop_down_set_selected (GTK_DROP_DOWN (widget (page, "benford_by_dropdown")), 1);
    g_signal_emit_by_name (widget (page, "benford_button"), "clicked");
    assay_ui_test_wait_until (job_done, benford, WAIT_TIMEOUT_SECONDS, "the second Benford look ends");
    assay_ui_test_drain_main_loop ();
    g_assert_cmpint (assay_audit_sample_job_get_benford (benford)->by, ==, ASSAY_BENFORD_BY_COUNTY);
    g_assert_cmpuint (g_list_model_get_n_items (units), ==, 3);
    assert_label_has (page, "benford_chart_label", "(310115)’s 3 events");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  g_settings_reset (settings, "signing-key");
  g_clear_object (&own);
  assay_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  assay_ui_test_init (&argc, &argv);
  assay_test_signers_init (&signers);
  app = assay_ui_test_new_application ();
  g_test_add_func ("/assay/ui/audit-sampling/sample", test_sampling);
  status = g_test_run ();
  g_object_unref (app);
  assay_test_signers_clear (&signers);
  return status;
}
