/* test-replica-decisions.c — the outbox and the stored decisions, rosters and their effects
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

#include <sqlite3.h>
#include <string.h>

#include "assay-error.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-replica-cases.h"
#include "assay-replica-weights.h"
#include "assay-test-util.h"

#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HASH_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

typedef struct
{
  char         *dir;
  char         *path;
  AssayReplica *replica;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->dir = assay_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = assay_replica_open (f->path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->replica);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A case on `account`, written as the flags layer would have. */
static gint64
add_case (Fixture    *f,
          const char *account)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (subject_kind, subject_id, state, opened, updated) "
                                          "VALUES ('account', '%s', 'in_review', 1, 1)", account);
  gint64 id;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  id = sqlite3_last_insert_rowid (db);
  sqlite3_close (db);
  return id;
}

static GPtrArray *
case_events (Fixture *f,
             gint64   case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = assay_replica_case_history (f->replica, case_id, &error);

  g_assert_no_error (error);
  return events;
}

/* ---- the outbox ------------------------------------------------------------ */

static void
test_outbox_queue (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  gint64 case_id = add_case (f, "acct-0001");
  gint64 id = 0, again = 0;

  g_assert_true (assay_replica_outbox_queue (f->replica, HASH_A, "freeze", "account:acct-0001", case_id,
                                             "{\"payloadType\":\"x\"}", "Li Wei", 1000, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);

  /* The same bytes again: the same row, and one history event. */
  g_assert_true (assay_replica_outbox_queue (f->replica, HASH_A, "freeze", "account:acct-0001", case_id,
                                             "{\"payloadType\":\"x\"}", "Li Wei", 2000, &again, &error));
  g_assert_cmpint (again, ==, id);
  rows = assay_replica_outbox_list (f->replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  events = case_events (f, case_id);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((AssayCaseEvent *) g_ptr_array_index (events, 0))->kind, ==, "queued");
  g_assert_cmpstr (((AssayCaseEvent *) g_ptr_array_index (events, 0))->detail, ==, HASH_A);

  row = assay_replica_outbox_find (f->replica, HASH_A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
  g_assert_cmpuint (row->attempts, ==, 0);
  g_assert_cmpint (row->log_index, ==, -1);
  g_assert_cmpint (row->case_id, ==, case_id);
  g_assert_cmpstr (row->envelope, ==, "{\"payloadType\":\"x\"}");
  g_assert_cmpint (row->created_at, ==, 1000);

  /* Bad input queues nothing. */
  g_assert_false (assay_replica_outbox_queue (f->replica, "ABC", "freeze", "account:x", 0, "{}", NULL, 1, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_replica_outbox_queue (f->replica, HASH_B, "freeze", "account:x", 0, "", NULL, 1, NULL, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (assay_replica_outbox_find (f->replica, HASH_B, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
}

static guint
n_due (Fixture *f,
       gint64   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = assay_replica_outbox_due (f->replica, now, &error);

  g_assert_no_error (error);
  return due->len;
}

static void
test_outbox_push_states (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  gint64 a = 0, b = 0;

  g_assert_true (assay_replica_outbox_queue (f->replica, HASH_A, "dismiss", "account:a", 0, "{}", NULL, 10, &a, &error));
  g_assert_true (assay_replica_outbox_queue (f->replica, HASH_B, "freeze", "account:b", 0, "{}", NULL, 10, &b, &error));
  g_assert_cmpuint (n_due (f, 10), ==, 2);

  /* A network error: still queued, due again at 70. */
  g_assert_true (assay_replica_outbox_record (f->replica, a, ASSAY_OUTBOX_QUEUED, "connection refused", NULL, -1,
                                              70, 11, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_due (f, 69), ==, 1);
  g_assert_cmpuint (n_due (f, 70), ==, 2);

  /* Waiting for a co-signature, then retry now. */
  g_assert_true (assay_replica_outbox_record (f->replica, b, ASSAY_OUTBOX_PENDING, "signed by 1 of 2", NULL, -1,
                                              500, 12, &error));
  g_assert_cmpuint (n_due (f, 100), ==, 1);
  g_assert_true (assay_replica_outbox_retry_now (f->replica, b, &error));
  g_assert_cmpuint (n_due (f, 100), ==, 2);

  /* Logged with its receipt: final. */
  g_assert_true (assay_replica_outbox_record (f->replica, b, ASSAY_OUTBOX_LOGGED, "logged", "receipt text", 42,
                                              0, 13, &error));
  row = assay_replica_outbox_get (f->replica, b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpint (row->log_index, ==, 42);
  g_assert_cmpstr (row->receipt, ==, "receipt text");
  g_assert_cmpuint (row->attempts, ==, 2);
  g_assert_cmpint (row->updated_at, ==, 13);
  g_assert_cmpuint (n_due (f, 100), ==, 1);
  g_assert_false (assay_replica_outbox_record (f->replica, b, ASSAY_OUTBOX_QUEUED, NULL, NULL, -1, 0, 14, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_replica_outbox_retry_now (f->replica, b, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Refused: final, with the reason. */
  g_assert_true (assay_replica_outbox_record (f->replica, a, ASSAY_OUTBOX_REFUSED, "signer without the role",
                                              NULL, -1, 0, 15, &error));
  g_assert_cmpuint (n_due (f, G_MAXINT64), ==, 0);
  g_clear_pointer (&row, assay_outbox_row_free);
  row = assay_replica_outbox_get (f->replica, a, &error);
  g_assert_cmpstr (row->answer, ==, "signer without the role");
  g_assert_null (assay_replica_outbox_get (f->replica, 99, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
}

/* ---- decisions --------------------------------------------------------------- */

static AssayLoggedDecision *
decision (guint64     index,
          const char *hash,
          const char *id,
          const char *outcome,
          const char *account,
          gint64      seq)
{
  AssayLoggedDecision *d = g_new0 (AssayLoggedDecision, 1);

  d->index = index;
  g_strlcpy (d->hash, hash, sizeof d->hash);
  d->decision_id = g_strdup (id);
  d->kind = g_strdup (outcome);
  d->outcome = g_strdup (outcome);
  d->role = g_strdup ("committee");
  d->subject_kind = g_strdup ("account");
  d->subject_id = g_strdup (account);
  d->subject_seq = seq;
  d->signers = g_strdup ("[\"Li Wei\",\"Wang Fang\"]");
  d->rationale = g_strdup ("because");
  d->created_at = 100;
  d->logged_day = 739600;
  d->payload = g_strdup ("{\"v\":1}");
  return d;
}

static void
test_decisions (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayLoggedDecision) freeze = decision (7, HASH_A, "01", "freeze", "acct-0001", 1);
  g_autoptr(AssayLoggedDecision) down = decision (9, HASH_B, "02", "down_weight", "acct-0002", 1);
  g_autoptr(AssayLoggedDecision) replay = decision (11, HASH_C, "03", "restore", "acct-0001", 1);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) on_one = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) weights = NULL;
  AssayDecisionEffect freeze_effect = { "acct-0001", ASSAY_ACCOUNT_FROZEN, -1, 0, 0, TRUE };
  AssayDecisionEffect down_effect = { "acct-0002", -1, 2, 739601, 739965, TRUE };
  AssayAccountState state;
  gint64 case_id = add_case (f, "acct-0001"), index;

  g_assert_true (assay_replica_get_account_state (f->replica, "acct-0001", &state, &index, &error));
  g_assert_cmpint (state, ==, ASSAY_ACCOUNT_ACTIVE);
  g_assert_cmpint (index, ==, -1);

  g_assert_true (assay_replica_store_decision (f->replica, freeze, &freeze_effect, &error));
  g_assert_no_error (error);
  g_assert_true (assay_replica_get_account_state (f->replica, "acct-0001", &state, &index, &error));
  g_assert_cmpint (state, ==, ASSAY_ACCOUNT_FROZEN);
  g_assert_cmpint (index, ==, 7);
  events = case_events (f, case_id);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((AssayCaseEvent *) g_ptr_array_index (events, 0))->kind, ==, "decided");
  g_assert_nonnull (strstr (((AssayCaseEvent *) g_ptr_array_index (events, 0))->text, "freeze"));
  {
    g_autoptr(AssayCase) c = assay_replica_get_case (f->replica, case_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_DECIDED);
  }

  /* A second decision at the same subject_seq stores nothing and changes nothing. */
  g_assert_false (assay_replica_store_decision (f->replica, replay, &(AssayDecisionEffect) { "acct-0001", ASSAY_ACCOUNT_ACTIVE, -1, 0, 0, FALSE }, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (assay_replica_get_account_state (f->replica, "acct-0001", &state, &index, &error));
  g_assert_cmpint (state, ==, ASSAY_ACCOUNT_FROZEN);
  /* Nor the same entry twice. */
  g_assert_false (assay_replica_store_decision (f->replica, freeze, &freeze_effect, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS);
  g_clear_error (&error);

  /* A down-weight on an account without a case. */
  g_assert_true (assay_replica_store_decision (f->replica, down, &down_effect, &error));
  g_assert_no_error (error);
  weights = assay_replica_list_down_weights (f->replica, "acct-0002", &error);
  g_assert_cmpuint (weights->len, ==, 1);
  g_assert_cmpint (g_array_index (weights, AssayDownWeight, 0).dimension, ==, 2);
  g_assert_cmpuint (g_array_index (weights, AssayDownWeight, 0).from_day, ==, 739601);
  g_assert_cmpuint (g_array_index (weights, AssayDownWeight, 0).to_day, ==, 739965);
  g_assert_cmpuint (g_array_index (weights, AssayDownWeight, 0).index, ==, 9);

  all = assay_replica_list_decisions (f->replica, NULL, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
  on_one = assay_replica_list_decisions (f->replica, "account", "acct-0002", &error);
  g_assert_cmpuint (on_one->len, ==, 1);
  g_assert_cmpstr (((AssayLoggedDecision *) g_ptr_array_index (on_one, 0))->hash, ==, HASH_B);
  g_assert_cmpstr (((AssayLoggedDecision *) g_ptr_array_index (on_one, 0))->payload, ==, "{\"v\":1}");
  g_assert_cmpstr (((AssayLoggedDecision *) g_ptr_array_index (on_one, 0))->signers, ==, "[\"Li Wei\",\"Wang Fang\"]");
}

/* Weights versions are stored with their decision, in log order, and
 * only with it: a decision refused whole leaves no version behind. */
static void
test_weights_versions (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayLoggedDecision) first = decision (12, HASH_A, "01", "weights", "pilot", 1);
  g_autoptr(AssayLoggedDecision) second = decision (30, HASH_B, "02", "weights", "pilot", 2);
  g_autoptr(AssayLoggedDecision) taken = decision (31, HASH_C, "03", "weights", "pilot", 2);
  g_autoptr(GPtrArray) versions = NULL;
  AssayDecisionEffect effect = { NULL, -1, -1, 0, 0, FALSE, TRUE, { 2500, 2000, 1500, 1500, 1000, 1500 }, 739707 };
  AssayStoredWeights *v;

  g_free (second->subject_kind);
  second->subject_kind = g_strdup ("weights");
  g_free (taken->subject_kind);
  taken->subject_kind = g_strdup ("weights");
  g_free (first->subject_kind);
  first->subject_kind = g_strdup ("weights");
  g_free (second->rationale);
  second->rationale = g_strdup ("Professional work first.");

  versions = assay_replica_list_weights_versions (f->replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 0);
  g_clear_pointer (&versions, g_ptr_array_unref);

  /* Stored out of order on purpose: listed by log index. */
  effect.weights_basis_points[ASSAY_DIMENSION_PROFESSIONAL] = 2750;
  effect.weights_basis_points[ASSAY_DIMENSION_KNOWLEDGE] = 1750;
  g_assert_true (assay_replica_store_decision (f->replica, second, &effect, &error));
  g_assert_no_error (error);
  effect.weights_basis_points[ASSAY_DIMENSION_PROFESSIONAL] = 2500;
  effect.weights_basis_points[ASSAY_DIMENSION_KNOWLEDGE] = 2000;
  effect.weights_effective_day = 739616;
  g_assert_true (assay_replica_store_decision (f->replica, first, &effect, &error));
  g_assert_no_error (error);
  g_assert_false (assay_replica_store_decision (f->replica, taken, &effect, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS);
  g_clear_error (&error);

  versions = assay_replica_list_weights_versions (f->replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = g_ptr_array_index (versions, 0);
  g_assert_cmpuint (v->index, ==, 12);
  g_assert_cmpstr (v->hash, ==, HASH_A);
  g_assert_cmpuint (v->logged_day, ==, 739600);
  g_assert_cmpuint (v->effective_day, ==, 739616);
  g_assert_cmpint (v->basis_points[ASSAY_DIMENSION_PROFESSIONAL], ==, 2500);
  g_assert_cmpint (v->basis_points[ASSAY_DIMENSION_MARKET_ORDER], ==, 1500);
  v = g_ptr_array_index (versions, 1);
  g_assert_cmpuint (v->index, ==, 30);
  g_assert_cmpuint (v->effective_day, ==, 739707);
  g_assert_cmpint (v->basis_points[ASSAY_DIMENSION_PROFESSIONAL], ==, 2750);
  g_assert_cmpint (v->basis_points[ASSAY_DIMENSION_KNOWLEDGE], ==, 1750);
  g_assert_cmpstr (v->rationale, ==, "Professional work first.");
  g_assert_cmpuint (g_strv_length (v->signers), ==, 2);
  g_assert_cmpstr (v->signers[0], ==, "Li Wei");
  g_assert_cmpstr (v->signers[1], ==, "Wang Fang");
}

static void
test_rosters (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rosters = NULL;

  AssayStoredRoster v1 = { 1, 0, 739600, (char *) HASH_A, 2000000000, (char *) "{\"payloadType\":\"r1\"}" };
  AssayStoredRoster v2 = { 2, 5, 739601, (char *) HASH_B, 2000000000, (char *) "{\"payloadType\":\"r2\"}" };
  AssayStoredRoster v2_again = { 2, 6, 739602, (char *) HASH_C, 2000000000, (char *) "{\"payloadType\":\"r2\"}" };

  g_assert_cmpuint (assay_replica_get_decisions_size (f->replica), ==, 0);
  g_assert_true (assay_replica_store_roster (f->replica, &v1, &error));
  g_assert_true (assay_replica_store_roster (f->replica, &v2, &error));
  g_assert_false (assay_replica_store_roster (f->replica, &v2_again, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS);
  g_clear_error (&error);
  rosters = assay_replica_list_rosters (f->replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rosters->len, ==, 2);
  g_assert_cmpstr (((AssayStoredRoster *) g_ptr_array_index (rosters, 1))->envelope, ==, "{\"payloadType\":\"r2\"}");
  g_assert_cmpuint (((AssayStoredRoster *) g_ptr_array_index (rosters, 1))->index, ==, 5);
  g_assert_true (assay_replica_set_decisions_size (f->replica, 6, &error));
  g_assert_cmpuint (assay_replica_get_decisions_size (f->replica), ==, 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/assay/replica/outbox/queue", Fixture, NULL, fixture_set_up, test_outbox_queue, fixture_tear_down);
  g_test_add ("/assay/replica/outbox/push-states", Fixture, NULL, fixture_set_up, test_outbox_push_states,
              fixture_tear_down);
  g_test_add ("/assay/replica/decisions/effects", Fixture, NULL, fixture_set_up, test_decisions, fixture_tear_down);
  g_test_add ("/assay/replica/decisions/weights-versions", Fixture, NULL, fixture_set_up, test_weights_versions,
              fixture_tear_down);
  g_test_add ("/assay/replica/decisions/rosters", Fixture, NULL, fixture_set_up, test_rosters, fixture_tear_down);

  return g_test_run ();
}
