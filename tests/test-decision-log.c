/* test-decision-log.c — rosters and decisions from a real log, verified into the replica
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

#include <string.h>

#include "assay-day.h"
#include "assay-decision-draft.h"
#include "assay-decision-log.h"
#include "assay-key-file.h"
#include "assay-merkle.h"
#include "assay-outbox-push.h"
#include "assay-proposals.h"
#include "assay-replica-cases.h"
#include "assay-replica-outbox.h"
#include "assay-error.h"
#include "assay-replica-decisions.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

/* Logged on 2026-03-01: inside the standard roster's year. */
#define LOGGED_DAY  "2026-03-01"
#define CREATED_AT  (ASSAY_TEST_NOW + 59 * 86400 + 3600)
#define HASH_A      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica_path;
  AssayRoster      *roster;
  char             *today;    /* LIVE fixtures: the day the roster was logged */
} Fixture;

/* Fixture kinds: the flagged ledger of the cases tests; and that ledger
 * with a roster in force by the real clock, for the service's checks. */
enum { CASES = 1, LIVE = 2 };

/* The day the fixture's rosters are logged: today for LIVE, else LOGGED_DAY. */
static const char *
fixture_day (Fixture *f)
{
  return f->today != NULL ? f->today : LOGGED_DAY;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *lines = user_data != NULL ? assay_test_cases_lines (FALSE) : assay_test_lines (0, 20, NULL, NULL);

  f->central = assay_test_central_new ("decisions.test/log");
  assay_test_central_import (f->central, lines);
  if (GPOINTER_TO_INT (user_data) == LIVE)
    {
      /* Pushed to the service, which judges by its clock: a roster in
       * force now, logged today. */
      f->roster = assay_test_roster_new_in_force (&signers, 1, NULL);
      f->today = assay_test_today ();
    }
  else
    f->roster = assay_test_roster_new (&signers, 1, NULL);
  assay_test_central_append_roster (f->central, f->roster, &signers, fixture_day (f));
  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  g_free (f->today);
  assay_test_rmdir_free (f->dir);
  g_free (f->replica_path);
}

/* A decision on an account, signed by the signers listed (ending -1). */
static char *
decision_envelope (Fixture           *f,
                   AssayDecisionKind  kind,
                   const char        *account,
                   gint64             seq,
                   const char        *supersedes,
                   ...)
{
  g_autoptr(AssayDecision) d = NULL;
  va_list args;
  char *json;
  guint32 logged;

  g_assert_true (assay_day_parse (LOGGED_DAY, -1, &logged));
  d = assay_test_account_decision (f->roster, &signers, kind, account, seq, supersedes, "decisions.test/log", 20,
                                   logged);
  if (kind == ASSAY_DECISION_KIND_DOWN_WEIGHT)
    {
      d->params = json_object_new ();
      json_object_set_string_member (d->params, "dimension", "community");
    }
  va_start (args, supersedes);
  json = assay_test_decision_sign_valist (d, &signers, args);
  va_end (args);
  return json;
}

/* Roster version 2 beside the fixture's: a key file's holder, dana, joins
 * the committee.  The key file and its passphrase file go into f->dir. */
static void
add_dana (Fixture    *f,
          const char *key,
          const char *passphrase)
{
  g_autoptr(AssayRoster) v2 = assay_test_roster_new (&signers, 2, f->roster->sha256);

  g_assert_true (g_file_set_contents (passphrase, "dana's passphrase\n", -1, NULL));
  v2->expires = f->roster->expires;
  assay_test_committee_key_file (v2, "dana", key, passphrase);
  assay_test_central_append_roster (f->central, v2, &signers, fixture_day (f));
}

/* `assayctl sync`, which verifies the log's rosters and decisions after
 * the flags; its exit status and what it printed. */
static AssayReplica *
sync_replica (Fixture  *f,
              int       expected_status,
              char    **out_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = assay_test_central_sync (f->central, f->replica_path, expected_status);
  AssayReplica *replica;

  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return replica;
}

static AssayAccountState
account_state (AssayReplica *replica,
               const char   *account)
{
  g_autoptr(GError) error = NULL;
  AssayAccountState state;
  gint64 index;

  g_assert_true (assay_replica_get_account_state (replica, account, &state, &index, &error));
  g_assert_no_error (error);
  return state;
}

/* An automatic pause, then the committee's restore: the account is
 * paused after the sync that brings the pause, active after the one that
 * brings the restore (a decision logged after a pause wins), and stays
 * active. */
static void
test_pause_restore (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GString) growth = g_string_new (NULL);
  g_autoptr(AssayReplica) replica = NULL;
  g_autofree char *restore = NULL;
  g_autofree char *out = NULL;
  guint32 jan1;

  /* acct-grow trips the 6.1 growth breaker in February 2025. */
  g_assert_true (assay_day_parse ("2025-01-01", -1, &jan1));
  assay_test_append_growth (growth, "acct-grow", jan1);
  assay_test_central_import_breakers (f->central, growth->str);
  assay_test_central_start (f->central);
  replica = sync_replica (f, 0, &out);
  g_assert_nonnull (strstr (out, "Verified 1 new pause of the log"));
  g_assert_cmpint (account_state (replica, "acct-grow"), ==, ASSAY_ACCOUNT_PAUSED);
  g_clear_object (&replica);

  restore = decision_envelope (f, ASSAY_DECISION_KIND_RESTORE, "acct-grow", 1, NULL, ASSAY_TEST_ANA, -1);
  assay_test_central_append_signed (f->central, "decision", restore, LOGGED_DAY);
  replica = sync_replica (f, 0, NULL);
  g_assert_cmpint (account_state (replica, "acct-grow"), ==, ASSAY_ACCOUNT_ACTIVE);
  g_clear_object (&replica);
  replica = sync_replica (f, 0, NULL);
  g_assert_cmpint (account_state (replica, "acct-grow"), ==, ASSAY_ACCOUNT_ACTIVE);
}

static void
test_apply (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *dismiss = decision_envelope (f, ASSAY_DECISION_KIND_DISMISS, "acct-0001", 1, NULL,
                                                ASSAY_TEST_ANA, -1);
  g_autofree char *freeze = decision_envelope (f, ASSAY_DECISION_KIND_FREEZE, "acct-0002", 1, NULL,
                                               ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  g_autofree char *down = decision_envelope (f, ASSAY_DECISION_KIND_DOWN_WEIGHT, "acct-0003", 1, NULL,
                                             ASSAY_TEST_ANA, -1);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) rosters = NULL;
  g_autoptr(GArray) weights = NULL;
  g_autofree char *out = NULL;
  AssayDecisionLogReport report;
  AssayLoggedDecision *logged;

  assay_test_central_append_signed (f->central, "decision", dismiss, LOGGED_DAY);
  assay_test_central_append_signed (f->central, "decision", freeze, LOGGED_DAY);
  assay_test_central_append_signed (f->central, "decision", down, LOGGED_DAY);
  assay_test_central_start (f->central);
  replica = sync_replica (f, 0, &out);
  g_assert_nonnull (strstr (out, "Verified 1 new roster version of the log.\nVerified 3 new decisions of the log."));
  g_assert_cmpint (account_state (replica, "acct-0001"), ==, ASSAY_ACCOUNT_ACTIVE);
  g_assert_cmpint (account_state (replica, "acct-0002"), ==, ASSAY_ACCOUNT_FROZEN);

  decisions = assay_replica_list_decisions (replica, "account", "acct-0002", &error);
  g_assert_cmpuint (decisions->len, ==, 1);
  logged = g_ptr_array_index (decisions, 0);
  g_assert_cmpuint (logged->index, ==, 22);
  g_assert_cmpstr (logged->outcome, ==, "freeze");
  g_assert_cmpstr (logged->signers, ==, "[\"ana\",\"bo\"]");
  g_assert_cmpint (logged->subject_seq, ==, 1);

  /* The down-weight: community, for a year from the day after. */
  weights = assay_replica_list_down_weights (replica, "acct-0003", &error);
  g_assert_cmpuint (weights->len, ==, 1);
  g_assert_cmpint (g_array_index (weights, AssayDownWeight, 0).dimension, ==, 2);
  g_assert_cmpuint (g_array_index (weights, AssayDownWeight, 0).to_day - g_array_index (weights, AssayDownWeight, 0).from_day,
                    ==, 364);

  rosters = assay_replica_list_rosters (replica, &error);
  g_assert_cmpuint (rosters->len, ==, 1);
  g_assert_cmpuint (((AssayStoredRoster *) g_ptr_array_index (rosters, 0))->index, ==, 20);
  g_assert_cmpuint (assay_replica_get_decisions_size (replica), ==, 24);

  /* What assayctl shows of it. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *json = NULL;
    JsonObject *account, *first;

    g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f->replica_path, "account", "acct-0002",
                                          "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    account = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (account, "state"), ==, "frozen");
    g_assert_cmpint (json_object_get_int_member (account, "state_index"), ==, 22);
    first = json_array_get_object_element (json_object_get_array_member (account, "decisions"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "outcome"), ==, "freeze");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "signers")), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_object_get_object_member (first, "payload"), "subject"), "id"), ==, "acct-0002");
    g_clear_pointer (&json, g_free);

    g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f->replica_path, "account", "acct-0003",
                                          "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    account = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (account, "state"), ==, "active");
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (account, "state_index")));
    first = json_array_get_object_element (json_object_get_array_member (account, "down_weights"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "dimension"), ==, "community");
    g_assert_cmpstr (json_object_get_string_member (first, "from"), ==, "2026-03-02");
    g_assert_cmpstr (json_object_get_string_member (first, "to"), ==, "2027-03-01");
    g_clear_pointer (&json, g_free);

    g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f->replica_path, "decisions", "--json",
                                          NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 3);
    g_clear_pointer (&json, g_free);

    g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f->replica_path, "decisions", NULL), ==, 0);
    g_assert_nonnull (strstr (json, "account:acct-0002"));
    g_assert_nonnull (strstr (json, "ana, bo"));
    g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "account", NULL), ==, 2);
  }

  /* Nothing new: nothing done. */
  g_assert_true (assay_decision_log_apply (replica, &report, &error));
  g_assert_cmpuint (report.n_rosters + report.n_decisions, ==, 0);
}

/* A freeze logged with one of its two signatures: the log accepted what
 * it must refuse, so the workstation raises a security alert and keeps
 * what verified before it. */
static void
test_alert (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *dismiss = decision_envelope (f, ASSAY_DECISION_KIND_DISMISS, "acct-0001", 1, NULL,
                                                ASSAY_TEST_ANA, -1);
  g_autofree char *half = decision_envelope (f, ASSAY_DECISION_KIND_FREEZE, "acct-0002", 1, NULL,
                                             ASSAY_TEST_ANA, -1);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autofree char *out = NULL;

  assay_test_central_append_signed (f->central, "decision", dismiss, LOGGED_DAY);
  assay_test_central_append_signed (f->central, "decision", half, LOGGED_DAY);
  assay_test_central_start (f->central);
  replica = sync_replica (f, 3, &out);
  g_assert_nonnull (strstr (out, "log index 22"));
  g_assert_nonnull (strstr (out, "1 of the 2 signatures"));
  /* Run again, the same refusal: nothing past the bad entry is taken. */
  g_assert_false (assay_decision_log_apply (replica, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  status = assay_replica_get_status (replica, NULL);
  g_assert_cmpint (status->alert, ==, ASSAY_ALERT_DECISION);
  decisions = assay_replica_list_decisions (replica, NULL, NULL, NULL);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpuint (assay_replica_get_decisions_size (replica), ==, 22);
  g_assert_cmpint (account_state (replica, "acct-0002"), ==, ASSAY_ACCOUNT_ACTIVE);
}

/* A second decision at the same sequence number: refused by the log's
 * history even though every signature verifies. */
static void
test_replayed_sequence (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *first = decision_envelope (f, ASSAY_DECISION_KIND_DISMISS, "acct-0001", 1, NULL,
                                              ASSAY_TEST_ANA, -1);
  g_autofree char *again = decision_envelope (f, ASSAY_DECISION_KIND_CONFIRM, "acct-0001", 1, NULL,
                                              ASSAY_TEST_ANA, -1);
  g_autoptr(AssayReplica) replica = NULL;
  g_autofree char *out = NULL;

  assay_test_central_append_signed (f->central, "decision", first, LOGGED_DAY);
  assay_test_central_append_signed (f->central, "decision", again, LOGGED_DAY);
  assay_test_central_start (f->central);
  replica = sync_replica (f, 3, &out);
  g_assert_nonnull (strstr (out, "log index 22"));
}


/* The committee's path on a case: a freeze drafted from the replica,
 * signed by one member and queued; the second signature added; logged;
 * synced: the case is decided and the account frozen. */
static gint64
first_account_case (AssayReplica *replica)
{
  g_autoptr(GPtrArray) cases = assay_replica_list_cases (replica, NULL);

  g_assert_nonnull (cases);
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);

      if (g_str_equal (c->subject_kind, "account"))
        return c->id;
    }
  g_assert_not_reached ();
}

static void
test_decide (Fixture       *f,
             gconstpointer  user_data)
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayDecision) again = NULL;
  g_autoptr(AssayCase) c = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *cosigned = NULL;
  g_autofree char *out = NULL;
  g_autofree char *key = g_build_filename (f->dir, "dana.key", NULL);
  g_autofree char *pw = g_build_filename (f->dir, "pw", NULL);
  AssayAccountState state;
  gint64 case_id, index;

  /* Dana's key file joins the committee in roster version 2. */
  add_dana (f, key, pw);

  assay_test_central_start (f->central);
  replica = sync_replica (f, 0, NULL);
  case_id = first_account_case (replica);
  c = assay_replica_get_case (replica, case_id, &error);
  g_assert_no_error (error);

  /* Refusals before anything is signed. */
  g_assert_null (assay_decision_draft_for_case (replica, case_id, ASSAY_DECISION_KIND_FREEZE, "  ", NULL,
                                                signers.keyids[ASSAY_TEST_ANA], CREATED_AT, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (assay_decision_draft_for_case (replica, case_id, ASSAY_DECISION_KIND_FREEZE, "why", NULL,
                                                signers.keyids[ASSAY_TEST_ARB_0], CREATED_AT, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "committee"));
  g_clear_error (&error);

  d = assay_decision_draft_for_case (replica, case_id, ASSAY_DECISION_KIND_FREEZE,
                                     "The same receipt forty times in one afternoon.", NULL,
                                     signers.keyids[ASSAY_TEST_ANA], CREATED_AT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->subject_id, ==, c->subject_id);
  g_assert_cmpint (d->subject_seq, ==, 1);
  g_assert_null (d->supersedes);
  g_assert_cmpint (d->role, ==, ASSAY_ROLE_COMMITTEE);
  g_assert_cmpint (d->roster_version, ==, 2);
  g_assert_cmpstr (d->deployment, ==, ASSAY_TEST_DEPLOYMENT);
  g_assert_cmpuint (d->flags->len, ==, c->flag_ids->len);
  g_assert_cmpuint (d->entries->len, >, 0);
  status = assay_replica_get_status (replica, &error);
  g_assert_cmpint (d->checkpoint_size, ==, status->size);
  g_assert_cmpmem (d->checkpoint_root, 32, status->root, 32);
  /* Each entry with its leaf hash, as anyone recomputes it from the log. */
  {
    AssayDecisionEntry *e = &g_array_index (d->entries, AssayDecisionEntry, 0);
    g_autoptr(AssayReplicaEntry) stored = assay_replica_get_entry (replica, e->index, &error);
    guint8 leaf[32];
    g_autoptr(GString) hex = g_string_new (NULL);

    assay_merkle_leaf_hash (stored->commitment, 32, leaf);
    for (guint i = 0; i < 32; i++)
      g_string_append_printf (hex, "%02x", leaf[i]);
    g_assert_cmpstr (e->leaf, ==, hex->str);
  }

  g_assert_true (assay_decision_sign_and_queue (replica, d, signers.keys[ASSAY_TEST_ANA], case_id, "ana",
                                                CREATED_AT, &hash, &error));
  g_assert_no_error (error);
  row = assay_replica_outbox_find (replica, hash, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
  g_assert_cmpstr (row->kind, ==, "freeze");
  history = assay_replica_case_history (replica, case_id, &error);
  g_assert_cmpstr (((AssayCaseEvent *) g_ptr_array_index (history, history->len - 1))->kind, ==, "queued");

  /* One decision on a subject at a time. */
  again = assay_decision_draft_for_case (replica, case_id, ASSAY_DECISION_KIND_DISMISS, "second thoughts", NULL,
                                         signers.keyids[ASSAY_TEST_BO], CREATED_AT, &error);
  g_assert_null (again);
  g_assert_nonnull (strstr (error->message, "still waiting in the outbox"));
  g_clear_error (&error);

  /* The second committee signature, then the log: decided and frozen. */
  envelope = assay_dsse_envelope_new_from_json (row->envelope, -1, &error);
  g_assert_no_error (error);
  assay_dsse_envelope_sign (envelope, signers.keys[ASSAY_TEST_BO]);
  cosigned = assay_dsse_envelope_to_json (envelope);
  assay_test_central_append_signed (f->central, "decision", cosigned, LOGGED_DAY);
  g_clear_object (&replica);
  replica = sync_replica (f, 0, &out);
  g_assert_nonnull (strstr (out, "Verified 1 new decision of the log."));
  g_assert_null (strstr (out, "roster"));
  g_clear_pointer (&c, assay_case_free);
  c = assay_replica_get_case (replica, case_id, &error);
  g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_DECIDED);
  g_assert_true (assay_replica_get_account_state (replica, c->subject_id, &state, &index, &error));
  g_assert_cmpint (state, ==, ASSAY_ACCOUNT_FROZEN);
  /* Our queued row is settled by what the sync saw in the log. */
  g_clear_pointer (&row, assay_outbox_row_free);
  row = assay_replica_outbox_find (replica, hash, &error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpint (row->log_index, ==, index);

  /* The same from the command line, with dana's key file: a restore,
   * sequence 2, superseding the freeze. */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
    g_autofree char *wrong = g_build_filename (f->dir, "wrong", NULL);
    g_autofree char *text = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *rows;

    g_assert_true (g_file_set_contents (wrong, "not dana's", -1, NULL));
    g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "decide", "--key", key,
                                          "--case", id, "--outcome", "restore", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--rationale"));
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&text, g_free);
    g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "decide", "--key", key,
                                          "--case", id, "--outcome", "restore", "--rationale", "Paid back.",
                                          "--passphrase-file", wrong, NULL), ==, 3);
    if (strstr (err, "wrong passphrase or damaged file") == NULL) g_error ("%s", err);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&text, g_free);
    g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "decide", "--key", key,
                                          "--case", id, "--outcome", "restore", "--rationale", "Paid back.",
                                          "--passphrase-file", pw, NULL), ==, 0);
    g_assert_nonnull (strstr (text, "sequence 2"));
    g_clear_pointer (&text, g_free);
    g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "outbox", "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
    rows = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (rows), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "kind"), ==, "restore");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "state"), ==, "queued");
    g_assert_true (json_object_has_member (json_array_get_object_element (rows, 1), "envelope"));
    g_clear_pointer (&text, g_free);

    /* The service down: the row stays queued, tried once, with the
     * cause, and is not due again at once. */
    assay_test_central_stop (f->central);
    g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "push", NULL), ==, 1);
    g_assert_nonnull (strstr (text, "Pushed 1: 0 logged, 0 waiting for co-signatures, 0 refused, 1 to retry."));
    g_clear_pointer (&text, g_free);
    g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
    g_assert_nonnull (strstr (text, "Nothing to push"));
    g_clear_pointer (&text, g_free);
    g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "outbox", "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
    rows = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "state"), ==, "queued");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "attempts"), ==, 1);
    g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (rows, 1), "answer"));
  }
}

/* A case of @n_flags flags on @account, each resting on one of the
 * log's first 20 entries, stored as a flag run would store them; its id. */
static gint64
case_of_many_flags (AssayReplica *replica,
                    const char   *account,
                    guint         n_flags)
{
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  g_autoptr(AssayFlagRun) run = assay_replica_get_flag_run (replica, NULL);
  g_autoptr(AssayCase) c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (run);
  for (guint i = 0; i < n_flags; i++)
    {
      AssayStoredFlag *f = g_new0 (AssayStoredFlag, 1);
      g_autofree char *seed = g_strdup_printf ("flag %u of %u", i, n_flags);

      f->id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
      f->rule = g_strdup ("6.1.account_growth");
      f->article = g_strdup ("6.1");
      f->action = g_strdup ("review");
      f->severity = g_strdup ("high");
      f->severity_rank = 2;
      f->subject_kind = g_strdup ("account");
      f->subject_id = g_strdup (account);
      f->from = f->to = 20000 + i;
      f->json = g_strdup_printf ("{\"id\":\"%s\",\"entries\":[%u]}", f->id, i % 20);
      g_ptr_array_add (flags, f);
    }
  g_assert_true (assay_replica_store_flags (replica, run, flags, &error));
  g_assert_no_error (error);
  c = assay_replica_find_case (replica, "account", account, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->flag_ids->len, ==, n_flags);
  return c->id;
}

/* The limit that remains is the flags' (README "Decisions"): a freeze
 * (two signatures) with a short rationale names 150 flags, their entries
 * by digest, and not 180. */
static void
test_flags_limit (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GError) error = NULL;

  assay_test_central_start (f->central);
  replica = sync_replica (f, 0, NULL);
  d = assay_decision_draft_for_case (replica, case_of_many_flags (replica, "acct-many", 150), ASSAY_DECISION_KIND_FREEZE,
                                     "Too many flags to ignore.", NULL, signers.keyids[ASSAY_TEST_ANA], CREATED_AT,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->flags->len, ==, 150);
  g_assert_cmpuint (d->entries->len, ==, 0);
  g_assert_cmpint (d->entries_count, ==, 20);
  g_clear_pointer (&d, assay_decision_free);

  d = assay_decision_draft_for_case (replica, case_of_many_flags (replica, "acct-more", 180), ASSAY_DECISION_KIND_FREEZE,
                                     "Too many flags to ignore.", NULL, signers.keyids[ASSAY_TEST_ANA], CREATED_AT,
                                     &error);
  g_assert_null (d);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  if (strstr (error->message, "the case’s 180 flags (and its 20 entries by one digest)") == NULL)
    g_error ("%s", error->message);
}

/* 30 s doubled per failure, capped at an hour, times [0.5, 1.5). */
static void
test_backoff (void)
{
  g_assert_cmpint (assay_push_backoff (0, 0.5), ==, 30);
  g_assert_cmpint (assay_push_backoff (1, 0.5), ==, 60);
  g_assert_cmpint (assay_push_backoff (3, 0), ==, 120);
  g_assert_cmpint (assay_push_backoff (20, 0.5), ==, 3600);
  g_assert_cmpint (assay_push_backoff (20, 1), ==, 5400);
}

/* The whole path through the real service: a dismissal signed, queued,
 * pushed and logged with a receipt the workstation verifies; a freeze that
 * waits for its second signature (202); the next sync applies the first. */
static void
test_push (Fixture       *f,
           gconstpointer  user_data)
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayDecision) dismiss = NULL;
  g_autoptr(AssayDecision) freeze = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dismiss_hash = NULL;
  g_autofree char *freeze_hash = NULL;
  g_autofree char *out = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 first = 0, second = 0;

  assay_test_central_start (f->central);
  replica = sync_replica (f, 0, NULL);
  /* Two account cases; every one can be drafted (one too large to list
   * its entries names them by their digest). */
  cases = assay_replica_list_cases (replica, &error);
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);
      g_autoptr(AssayDecision) probe = NULL;

      if (!g_str_equal (c->subject_kind, "account"))
        continue;
      probe = assay_decision_draft_for_case (replica, c->id, ASSAY_DECISION_KIND_FREEZE, "probe", NULL,
                                             signers.keyids[ASSAY_TEST_ANA], now, &error);
      g_assert_no_error (error);
      g_assert_nonnull (probe);
      if (first == 0)
        first = c->id;
      else if (second == 0)
        second = c->id;
    }
  g_assert_cmpint (second, >, 0);

  dismiss = assay_decision_draft_for_case (replica, first, ASSAY_DECISION_KIND_DISMISS, "A local festival.", NULL,
                                           signers.keyids[ASSAY_TEST_ANA], now, &error);
  g_assert_no_error (error);
  g_assert_true (assay_decision_sign_and_queue (replica, dismiss, signers.keys[ASSAY_TEST_ANA], first, "ana", now,
                                                &dismiss_hash, &error));
  freeze = assay_decision_draft_for_case (replica, second, ASSAY_DECISION_KIND_FREEZE, "Forty receipts.", NULL,
                                          signers.keyids[ASSAY_TEST_ANA], now, &error);
  g_assert_true (assay_decision_sign_and_queue (replica, freeze, signers.keys[ASSAY_TEST_ANA], second, "ana", now,
                                                &freeze_hash, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Pushed 2: 1 logged, 1 waiting for co-signatures, 0 refused, 0 to retry."));
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  row = assay_replica_outbox_find (replica, dismiss_hash, &error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpint (row->log_index, >, 0);
  g_assert_true (g_str_has_prefix (row->receipt, "c2sp.org/tlog-proof@v1\n"));
  g_clear_pointer (&row, assay_outbox_row_free);
  row = assay_replica_outbox_find (replica, freeze_hash, &error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_PENDING);
  g_assert_nonnull (strstr (row->answer, "1 of 2"));
  g_clear_object (&replica);

  /* Bo reads the proposal from the service, from its own payload, and
   * co-signs: the row takes the envelope with both signatures and is
   * logged with its receipt. */
  {
    g_autoptr(GPtrArray) proposals = assay_proposals_fetch (f->central->url, &error);
    g_autoptr(AssayDecision) read = NULL;
    g_autoptr(AssayNoteVerifier) log_key = assay_note_verifier_new_from_string (f->central->key, &error);
    AssayProposal *p;
    AssayPushReport report;

    g_assert_no_error (error);
    g_assert_cmpuint (proposals->len, ==, 1);
    p = g_ptr_array_index (proposals, 0);
    g_assert_cmpstr (p->hash, ==, freeze_hash);
    g_assert_cmpuint (p->n_signed, ==, 1);
    g_assert_cmpuint (p->threshold, ==, 2);
    g_assert_cmpstr (p->holders[0], ==, "ana");
    /* What the service says of the signers is replaced by what the
     * signatures show: a service claiming bo signed too is not believed,
     * and an envelope whose signature is broken does not verify. */
    {
      g_autoptr(AssayReplica) here = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
      g_autoptr(AssayRosterChain) chain = assay_decision_log_load_chain (here, &error);
      AssayProposal lying = { p->hash, 2, 2, g_strsplit ("ana,bo", ",", -1), p->envelope, NULL };
      AssayProposal broken = { p->hash, 1, 2, g_strsplit ("ana", ",", -1), g_strdup (p->envelope), NULL };
      char *sig = strstr (broken.envelope, "\"sig\":\"") + strlen ("\"sig\":\"");

      g_assert_no_error (error);
      g_assert_true (assay_proposal_verify (&lying, chain, now));
      g_assert_cmpuint (lying.n_signed, ==, 1);
      g_assert_cmpuint (g_strv_length (lying.holders), ==, 1);
      g_assert_cmpstr (lying.holders[0], ==, "ana");
      g_assert_cmpuint (lying.threshold, ==, 2);
      sig[0] = sig[0] == 'A' ? 'B' : 'A';
      g_assert_false (assay_proposal_verify (&broken, chain, now));
      g_assert_nonnull (broken.problem);
      g_assert_cmpuint (broken.n_signed, ==, 0);
      g_strfreev (lying.holders);
      g_strfreev (broken.holders);
      g_free (broken.envelope);
      g_free (broken.problem);
    }
    read = assay_proposal_get_decision (p, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (read->rationale, ==, "Forty receipts.");
    replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
    g_assert_true (assay_proposal_cosign (replica, p, signers.keys[ASSAY_TEST_BO], "bo", now, &error));
    g_assert_no_error (error);
    g_assert_true (assay_outbox_push (replica, f->central->url, log_key, now, &report, &error));
    g_assert_cmpuint (report.n_logged, ==, 1);
    g_clear_pointer (&row, assay_outbox_row_free);
    row = assay_replica_outbox_find (replica, freeze_hash, &error);
    g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_LOGGED);
    g_clear_object (&replica);
  }

  /* The next sync brings both back from the log and decides their cases. */
  g_clear_pointer (&out, g_free);
  replica = sync_replica (f, 0, &out);
  g_assert_nonnull (strstr (out, "Verified 2 new decisions of the log."));
  {
    g_autoptr(AssayCase) c = assay_replica_get_case (replica, first, &error);
    g_autoptr(AssayCase) frozen = assay_replica_get_case (replica, second, &error);
    AssayAccountState state;
    gint64 index;

    g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_DECIDED);
    g_assert_cmpint (frozen->state, ==, ASSAY_CASE_STATE_DECIDED);
    g_assert_true (assay_replica_get_account_state (replica, frozen->subject_id, &state, &index, &error));
    g_assert_cmpint (state, ==, ASSAY_ACCOUNT_FROZEN);
  }
}

/* `assayctl sync` from @server (the service, or a proxy in front of it):
 * the service that `push` then posts to. */
static AssayReplica *
sync_through (Fixture    *f,
              const char *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  AssayReplica *replica;
  int status;

  status = assay_test_assayctl (&out, &err, "--replica", f->replica_path, "sync", "--server", server,
                                "--log-key", f->central->key, NULL);
  if (status != 0)
    g_error ("sync exited %d: %s%s", status, out, err);
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return replica;
}

/* Ana's freeze on the first account case small enough to decide, pushed
 * to @server (NULL: the service itself): pending at the service for a
 * second signature.  Its hash. */
static char *
push_pending_freeze (Fixture    *f,
                     const char *server)
{
  g_autoptr(AssayReplica) replica = sync_through (f, server != NULL ? server : f->central->url);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char *hash = NULL;

  cases = assay_replica_list_cases (replica, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len && hash == NULL; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);
      g_autoptr(AssayDecision) d = NULL;

      if (g_str_equal (c->subject_kind, "account")
          && (d = assay_decision_draft_for_case (replica, c->id, ASSAY_DECISION_KIND_FREEZE, "Forty receipts.",
                                                 NULL, signers.keyids[ASSAY_TEST_ANA], now, NULL)) != NULL)
        g_assert_true (assay_decision_sign_and_queue (replica, d, signers.keys[ASSAY_TEST_ANA], c->id, "ana", now,
                                                      &hash, &error));
    }
  g_assert_nonnull (hash);
  g_clear_object (&replica);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 waiting for co-signatures"));
  return hash;
}

static JsonObject *
only_proposal (JsonParser *parser,
               const char *json)
{
  JsonArray *list;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  return json_array_get_object_element (list, 0);
}

/* `assayctl oppose` end to end: dana's objection to ana's freeze is
 * refused without a rationale, recorded with one, listed by `proposals`
 * (text and JSON) as verified, and refused the second time; a tampered
 * objection is flagged by assay_proposal_verify (), not counted. */
static void
test_oppose (Fixture       *f,
             gconstpointer  user_data)
{
  g_autofree char *key = g_build_filename (f->dir, "dana.key", NULL);
  g_autofree char *passphrase = g_build_filename (f->dir, "pw", NULL);
  g_autofree char *hash = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *p, *o;

  add_dana (f, key, passphrase);
  assay_test_central_start (f->central);
  hash = push_pending_freeze (f, NULL);

  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica_path, "oppose", "--key", key,
                                        "--passphrase-file", passphrase, hash, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--rationale"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "oppose", "--key", key,
                                        "--passphrase-file", passphrase, "--rationale", "  ", hash, NULL), ==, 2);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica_path, "oppose", "--key", key,
                                        "--passphrase-file", passphrase, "--rationale", "No.", HASH_A, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no proposal"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica_path, "oppose", "--key", key,
                                        "--passphrase-file", passphrase, "--rationale",
                                        "The receipts are a wedding's.", hash, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "recorded at the service"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "proposals", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "signed by 1 of 2: ana"));
  g_assert_nonnull (strstr (out, "Opposed by dana: The receipts are a wedding's."));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "proposals", "--json", NULL), ==, 0);
  p = only_proposal (parser, out);
  g_assert_cmpstr (json_object_get_string_member (p, "hash"), ==, hash);
  g_assert_cmpint (json_object_get_int_member (p, "signed"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "objections")), ==, 1);
  o = json_array_get_object_element (json_object_get_array_member (p, "objections"), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "holder"), ==, "dana");
  g_assert_cmpstr (json_object_get_string_member (o, "rationale"), ==, "The receipts are a wedding's.");
  g_assert_true (json_object_get_boolean_member (o, "verified"));
  g_clear_pointer (&out, g_free);

  /* One objection per holder. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica_path, "oppose", "--key", key,
                                        "--passphrase-file", passphrase, "--rationale", "Again.", hash, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already objected"));

  /* The service's word on who objected and why is not taken: a name it
   * claims is replaced by the signer's, and a broken signature does not
   * verify and is counted for nobody. */
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
    g_autoptr(AssayRosterChain) chain = assay_decision_log_load_chain (replica, &error);
    g_autoptr(GPtrArray) proposals = assay_proposals_fetch (f->central->url, &error);
    g_autoptr(AssayProposal) tampered = NULL;
    g_auto(GStrv) objectors = NULL;
    AssayProposalObjection *objection;
    guint n_unverified;
    char *sig;

    g_assert_no_error (error);
    g_assert_cmpuint (proposals->len, ==, 1);
    tampered = assay_proposal_copy (g_ptr_array_index (proposals, 0));
    objection = g_ptr_array_index (tampered->objections, 0);
    g_free (objection->holder);
    objection->holder = g_strdup ("bo");
    g_assert_true (assay_proposal_verify (tampered, chain, g_get_real_time () / G_USEC_PER_SEC));
    g_assert_null (objection->problem);
    g_assert_cmpstr (objection->holder, ==, "dana");

    sig = strstr (objection->envelope, "\"sig\":\"") + strlen ("\"sig\":\"");
    sig[0] = sig[0] == 'A' ? 'B' : 'A';
    g_assert_true (assay_proposal_verify (tampered, chain, g_get_real_time () / G_USEC_PER_SEC));
    g_assert_nonnull (objection->problem);
    g_assert_nonnull (strstr (objection->problem, "does not verify"));
    objectors = assay_proposal_dup_objectors (tampered, &n_unverified);
    g_assert_cmpuint (g_strv_length (objectors), ==, 0);
    g_assert_cmpuint (n_unverified, ==, 1);
  }
}

/* The objection row of the outbox with payload hash @hash. */
static AssayOutboxRow *
objection_row (AssayReplica *replica,
               const char   *hash)
{
  g_autoptr(GError) error = NULL;
  AssayOutboxRow *row = assay_replica_outbox_find (replica, hash, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (row->kind, ==, "objection");
  return row;
}

/* The service's objections to its only pending proposal, verified. */
static GPtrArray *
objections_at_service (Fixture          *f,
                       AssayRosterChain *chain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = assay_proposals_fetch (f->central->url, &error);
  AssayProposal *p;

  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, ==, 1);
  p = g_ptr_array_index (proposals, 0);
  g_assert_true (assay_proposal_verify (p, chain, g_get_real_time () / G_USEC_PER_SEC));
  return g_ptr_array_ref (p->objections);
}

/* An objection made while the service is down is not lost: it is signed
 * and queued with its envelope, a push that cannot reach the service
 * leaves it queued with a backoff, and once the service is back it is
 * pushed, recorded (final, no log index) and listed by GET /proposals. */
static void
test_oppose_offline (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(AssayTestProxy) proxy = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) objections = NULL;
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *freeze = NULL, *hash = NULL, *subject = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 same_id = 0;
  AssayPushReport report;

  assay_test_central_start (f->central);
  proxy = assay_test_proxy_new (f->central->url);
  freeze = push_pending_freeze (f, assay_test_proxy_get_url (proxy));
  subject = g_strconcat ("proposal:", freeze, NULL);
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  chain = assay_decision_log_load_chain (replica, &error);
  log_key = assay_note_verifier_new_from_string (f->central->key, &error);
  proposals = assay_proposals_fetch (assay_test_proxy_get_url (proxy), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, ==, 1);

  /* The service goes down after the proposal was read. */
  assay_test_central_stop (f->central);
  g_assert_true (assay_proposal_oppose (replica, g_ptr_array_index (proposals, 0), chain,
                                        signers.keys[ASSAY_TEST_CHEN], "A wedding, not a fraud.", "chen", now,
                                        &hash, &error));
  g_assert_no_error (error);
  row = objection_row (replica, hash);
  g_assert_cmpstr (row->subject, ==, subject);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
  g_assert_cmpuint (row->attempts, ==, 0);
  g_assert_nonnull (strstr (row->envelope, "\"payloadType\":\"" ASSAY_OBJECTION_PAYLOAD_TYPE "\""));

  g_assert_true (assay_outbox_push (replica, assay_test_proxy_get_url (proxy), log_key, now, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_tried, ==, 1);
  g_assert_cmpuint (report.n_retry, ==, 1);
  g_assert_cmpuint (report.n_recorded, ==, 0);
  g_clear_pointer (&row, assay_outbox_row_free);
  row = objection_row (replica, hash);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
  g_assert_cmpuint (row->attempts, ==, 1);
  g_assert_nonnull (row->answer);
  g_assert_cmpint (row->next_attempt, >, now);
  /* Not due again at once. */
  g_assert_true (assay_outbox_push (replica, assay_test_proxy_get_url (proxy), log_key, now, &report, &error));
  g_assert_cmpuint (report.n_tried, ==, 0);

  /* The service back, still without it; the push brings it. */
  assay_test_central_start (f->central);
  assay_test_proxy_set_upstream (proxy, f->central->url);
  objections = objections_at_service (f, chain);
  g_assert_cmpuint (objections->len, ==, 0);
  g_clear_pointer (&objections, g_ptr_array_unref);
  g_assert_true (assay_replica_outbox_retry_now (replica, row->id, &error));
  g_assert_true (assay_outbox_push (replica, assay_test_proxy_get_url (proxy), log_key, now, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_tried, ==, 1);
  g_assert_cmpuint (report.n_recorded, ==, 1);
  g_clear_pointer (&row, assay_outbox_row_free);
  row = objection_row (replica, hash);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_RECORDED);
  g_assert_cmpint (row->log_index, ==, -1);
  g_assert_null (row->receipt);
  g_assert_cmpuint (row->attempts, ==, 2);
  objections = objections_at_service (f, chain);
  g_assert_cmpuint (objections->len, ==, 1);
  g_assert_cmpstr (((AssayProposalObjection *) g_ptr_array_index (objections, 0))->holder, ==, "chen");
  g_assert_null (((AssayProposalObjection *) g_ptr_array_index (objections, 0))->problem);

  /* Recorded is final: no retry, no second push; the same bytes queued
   * again are the same row. */
  g_assert_false (assay_replica_outbox_retry_now (replica, row->id, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* (The freeze, still pending, is asked again; the objection is not.) */
  g_assert_true (assay_outbox_push (replica, f->central->url, log_key, now + 2 * ASSAY_PUSH_MAX_RETRY, &report,
                                    &error));
  g_assert_cmpuint (report.n_tried, ==, 1);
  g_assert_cmpuint (report.n_pending, ==, 1);
  g_assert_cmpuint (report.n_recorded, ==, 0);
  g_clear_pointer (&row, assay_outbox_row_free);
  row = objection_row (replica, hash);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_RECORDED);
  g_assert_cmpuint (row->attempts, ==, 2);
  g_assert_true (assay_replica_outbox_queue (replica, hash, "objection", subject, 0, row->envelope, "chen", now,
                                             &same_id, &error));
  g_assert_cmpint (same_id, ==, row->id);
}

/* The proxy loses the service's answer to an objection: the service has
 * it, the workstation does not know. */
static void
lose_objection_answers (const char *path,
                        guint      *status,
                        GByteArray *body,
                        gpointer    user_data)
{
  if (g_str_has_prefix (path, "proposals/") && g_str_has_suffix (path, "/objections"))
    *status = 502;   /* Bad Gateway */
}

static JsonObject *
outbox_json_row (JsonArray  *rows,
                 const char *hash)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (rows, i), "hash"), hash) == 0)
      return json_array_get_object_element (rows, i);
  g_error ("no outbox row %s", hash);
}

/* A refusal is final with the service's reason (ana signed the freeze and
 * cannot also object: 409); `assayctl oppose` whose answer is lost says
 * it is queued and exits 1, the next push sends the same bytes again and
 * the service stores them once; `outbox --json` shows both objections. */
static void
test_oppose_refused (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *key = g_build_filename (f->dir, "dana.key", NULL);
  g_autofree char *passphrase = g_build_filename (f->dir, "pw", NULL);
  g_autoptr(AssayTestProxy) proxy = NULL;
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(GPtrArray) objections = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *freeze = NULL, *ana_hash = NULL, *subject = NULL;
  g_autofree char *out = NULL, *err = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  JsonArray *rows;
  JsonObject *o;
  const char *dana_hash = NULL;

  add_dana (f, key, passphrase);
  assay_test_central_start (f->central);
  proxy = assay_test_proxy_new (f->central->url);
  freeze = push_pending_freeze (f, assay_test_proxy_get_url (proxy));
  subject = g_strconcat ("proposal:", freeze, NULL);
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) proposals = assay_proposals_fetch (f->central->url, &error);
    g_autoptr(AssayNoteVerifier) log_key = assay_note_verifier_new_from_string (f->central->key, &error);
    g_autoptr(AssayOutboxRow) row = NULL;
    AssayPushReport report;

    chain = assay_decision_log_load_chain (replica, &error);
    g_assert_no_error (error);
    g_assert_true (assay_proposal_oppose (replica, g_ptr_array_index (proposals, 0), chain,
                                          signers.keys[ASSAY_TEST_ANA], "On second thought.", "ana", now,
                                          &ana_hash, &error));
    g_assert_no_error (error);
    g_assert_true (assay_outbox_push (replica, f->central->url, log_key, now, &report, &error));
    g_assert_cmpuint (report.n_refused, ==, 1);
    row = objection_row (replica, ana_hash);
    g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_REFUSED);
    g_assert_true (g_str_has_prefix (row->answer, "409 "));
    g_assert_nonnull (strstr (row->answer, "already signed"));
    g_assert_false (assay_replica_outbox_retry_now (replica, row->id, &error));
    g_clear_error (&error);
  }

  assay_test_proxy_set_filter (proxy, lose_objection_answers, NULL);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica_path, "oppose", "--key", key,
                                        "--passphrase-file", passphrase, "--rationale",
                                        "The receipts are a wedding's.", freeze, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "queued; will be sent on the next push"));
  g_assert_nonnull (strstr (out, "1 to retry"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  assay_test_proxy_set_filter (proxy, NULL, NULL);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "outbox", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  o = json_array_get_object_element (rows, 2);
  dana_hash = json_object_get_string_member (o, "hash");
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "objection");
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "queued");
  g_assert_cmpint (json_object_get_int_member (o, "attempts"), ==, 1);
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
    g_autoptr(AssayOutboxRow) row = objection_row (replica, dana_hash);

    g_assert_true (assay_replica_outbox_retry_now (replica, row->id, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Pushed 1: 0 logged, 1 objections recorded"));
  /* Received twice, stored once. */
  objections = objections_at_service (f, chain);
  g_assert_cmpuint (objections->len, ==, 1);
  g_assert_cmpstr (((AssayProposalObjection *) g_ptr_array_index (objections, 0))->holder, ==, "dana");

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "outbox", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  o = outbox_json_row (rows, ana_hash);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "objection");
  g_assert_cmpstr (json_object_get_string_member (o, "subject"), ==, subject);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "refused");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "answer"), "already signed"));
  o = json_array_get_object_element (rows, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "subject"), ==, subject);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "recorded");
  g_assert_cmpint (json_object_get_int_member (o, "attempts"), ==, 2);
  g_assert_true (json_object_get_null_member (o, "log_index"));
  g_assert_true (json_object_get_null_member (o, "case"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "envelope"), "payloadType"), ==,
                   ASSAY_OBJECTION_PAYLOAD_TYPE);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "outbox", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "recorded"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);

  g_test_add ("/assay/decisions/log/apply", Fixture, NULL, fixture_set_up, test_apply, fixture_tear_down);
  g_test_add ("/assay/decisions/log/alert", Fixture, NULL, fixture_set_up, test_alert, fixture_tear_down);
  g_test_add ("/assay/decisions/log/pause-restore", Fixture, NULL, fixture_set_up, test_pause_restore,
              fixture_tear_down);
  g_test_add ("/assay/decisions/log/replayed-sequence", Fixture, NULL, fixture_set_up, test_replayed_sequence,
              fixture_tear_down);

  g_test_add_func ("/assay/decisions/push/backoff", test_backoff);
  g_test_add ("/assay/decisions/push/service", Fixture, GINT_TO_POINTER (LIVE), fixture_set_up, test_push,
              fixture_tear_down);
  g_test_add ("/assay/decisions/push/oppose-offline", Fixture, GINT_TO_POINTER (LIVE), fixture_set_up,
              test_oppose_offline, fixture_tear_down);
  g_test_add ("/assay/decisions/push/oppose-refused", Fixture, GINT_TO_POINTER (LIVE), fixture_set_up,
              test_oppose_refused, fixture_tear_down);
  g_test_add ("/assay/decisions/push/oppose", Fixture, GINT_TO_POINTER (LIVE), fixture_set_up, test_oppose,
              fixture_tear_down);
  g_test_add ("/assay/decisions/log/flags-limit", Fixture, GINT_TO_POINTER (CASES), fixture_set_up,
              test_flags_limit, fixture_tear_down);
  g_test_add ("/assay/decisions/log/decide", Fixture, GINT_TO_POINTER (CASES), fixture_set_up, test_decide,
              fixture_tear_down);

  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}
