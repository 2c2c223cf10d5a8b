/* test-decision-kill.c — `assayctl decide` and `push` killed with SIGKILL, the service down:
 * nothing half-written, nothing lost, exactly one logged decision
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

#include <signal.h>
#include <string.h>

#include "assay-dsse.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

/* How many kills are spread over one run of `decide`. */
#define N_KILLS 16

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  AssayTestProxy   *proxy;   /* the replica syncs and pushes through it */
  char             *dir;
  char             *replica_path;
  char             *key;
  char             *passphrase;
  char             *case_id;
} Fixture;

/* The flagged ledger of the cases tests, a roster in force by the real
 * clock (the service judges by it) that puts a key file's holder on the
 * committee, and a replica synced through the proxy. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *lines = assay_test_cases_lines (FALSE);
  g_autoptr(AssayRoster) v1 = NULL;
  g_autoptr(AssayRoster) v2 = NULL;
  g_autofree char *today = assay_test_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  gint64 expires = g_get_real_time () / G_USEC_PER_SEC + ASSAY_TEST_YEAR;

  f->central = assay_test_central_new ("decisions.test/kill");
  assay_test_central_import (f->central, lines);
  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->key = g_build_filename (f->dir, "dana.key", NULL);
  f->passphrase = g_build_filename (f->dir, "pw", NULL);
  g_assert_true (g_file_set_contents (f->passphrase, "dana's passphrase\n", -1, NULL));

  v1 = assay_test_roster_new (&signers, 1, NULL);
  v1->expires = expires;
  assay_test_central_append_roster (f->central, v1, &signers, today);
  v2 = assay_test_roster_new (&signers, 2, v1->sha256);
  v2->expires = expires;
  assay_test_committee_key_file (v2, "dana", f->key, f->passphrase);
  assay_test_central_append_roster (f->central, v2, &signers, today);

  assay_test_central_start (f->central);
  f->proxy = assay_test_proxy_new (f->central->url);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "sync",
                                        "--server", assay_test_proxy_get_url (f->proxy),
                                        "--log-key", f->central->key, NULL), ==, 0);

  /* An account case whose flags are few enough to name in a decision:
   * a dismissal (one committee signature) is logged at once. */
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  cases = assay_replica_list_cases (replica, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len && f->case_id == NULL; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);

      if (g_str_equal (c->subject_kind, "account") && c->flag_ids->len == 1)
        f->case_id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
    }
  g_assert_nonnull (f->case_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_proxy_free (f->proxy);
  assay_test_central_free (f->central);
  assay_test_rmdir_free (f->dir);
  g_free (f->replica_path);
  g_free (f->key);
  g_free (f->passphrase);
  g_free (f->case_id);
}

static GSubprocess *
spawn_assayctl (const char *first,
                ...) G_GNUC_NULL_TERMINATED;

static GSubprocess *
spawn_assayctl (const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *child;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("ASSAYCTL"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  child = g_subprocess_newv ((const char * const *) argv->pdata,
                             G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  return child;
}

static GSubprocess *
spawn_decide (Fixture *f)
{
  return spawn_assayctl ("--replica", f->replica_path, "decide", "--key", f->key,
                         "--passphrase-file", f->passphrase, "--case", f->case_id, "--outcome", "dismiss",
                         "--rationale", "A village fair: every receipt checked.", NULL);
}

/* Kills @child with SIGKILL (if it still runs); TRUE if the signal ended it. */
static gboolean
kill_and_wait (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  return g_subprocess_get_if_signaled (child);
}

/* The outbox as another process finds it: whole rows only, each with an
 * envelope that parses and names the hash the row is kept under. */
static GPtrArray *
outbox_rows (Fixture *f)
{
  g_autoptr(AssayReplica) replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  g_assert_nonnull (replica);
  rows = assay_replica_outbox_list (replica, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      AssayOutboxRow *row = g_ptr_array_index (rows, i);
      g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (row->envelope, -1, &error);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      gsize len = 0;
      const guint8 *payload;

      g_assert_no_error (error);
      payload = g_bytes_get_data (envelope->payload, &len);
      g_checksum_update (sum, payload, len);
      g_assert_cmpstr (g_checksum_get_string (sum), ==, row->hash);
    }
  return rows;
}

static guint
n_logged_decisions (Fixture *f)
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "sync",
                                        "--server", assay_test_proxy_get_url (f->proxy),
                                        "--log-key", f->central->key, NULL), ==, 0);
  replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  decisions = assay_replica_list_decisions (replica, NULL, NULL, &error);
  g_assert_no_error (error);
  return decisions->len;
}

static AssayOutboxState
only_row_state (Fixture *f)
{
  g_autoptr(GPtrArray) rows = outbox_rows (f);

  g_assert_cmpuint (rows->len, ==, 1);
  return ((AssayOutboxRow *) g_ptr_array_index (rows, 0))->state;
}

/* `decide` killed at N_KILLS moments spread over one run of it (the key's
 * Argon2id, then drafting, signing and queueing in one transaction):
 * each time the outbox holds nothing or the whole signed row, never a
 * part; a later decide or the one that finished queues exactly one. */
static void
test_decide_killed (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GSubprocess) timed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, run_us;
  guint killed = 0;

  /* How long one run takes here, on a copy of the replica. */
  {
    g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (f->replica_path, &data, &len, NULL));
    g_assert_true (g_file_set_contents (copy, data, len, NULL));
    start = g_get_monotonic_time ();
    timed = spawn_assayctl ("--replica", copy, "decide", "--key", f->key, "--passphrase-file", f->passphrase,
                            "--case", f->case_id, "--outcome", "dismiss", "--rationale", "timing", NULL);
    g_assert_true (g_subprocess_wait_check (timed, NULL, &error));
    g_assert_no_error (error);
    run_us = g_get_monotonic_time () - start;
  }

  for (guint i = 0; i < N_KILLS; i++)
    {
      g_autoptr(GSubprocess) child = spawn_decide (f);
      g_autoptr(GPtrArray) rows = NULL;

      g_usleep (run_us * (i + 1) / N_KILLS);
      if (kill_and_wait (child))
        killed++;
      rows = outbox_rows (f);
      g_assert_cmpuint (rows->len, <=, 1);
      if (rows->len == 1)
        break;
    }
  g_test_message ("decide: one run %" G_GINT64_FORMAT " ms; %u runs killed before one finished",
                  run_us / 1000, killed);
  g_assert_cmpuint (killed, >, 0);
  if (outbox_rows (f)->len == 0)
    {
      g_autoptr(GSubprocess) child = spawn_decide (f);

      g_assert_true (g_subprocess_wait_check (child, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (only_row_state (f), ==, ASSAY_OUTBOX_QUEUED);
  /* A second decision on the subject is refused while this one waits. */
  {
    g_autoptr(GSubprocess) again = spawn_decide (f);

    g_assert_true (g_subprocess_wait (again, NULL, &error));
    g_assert_cmpint (g_subprocess_get_exit_status (again), !=, 0);
  }
  g_assert_cmpuint (outbox_rows (f)->len, ==, 1);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_cmpint (only_row_state (f), ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpuint (n_logged_decisions (f), ==, 1);
}

/* `push` killed twice: after the service has logged the decision but
 * before the answer arrives, then while its request waits on the way to
 * the service (and goes on after the client has died).  The row stays
 * queued both times; the next push posts the same bytes, the service
 * answers with the receipt of the entry it logged the first time, and the
 * log holds the decision once.  (The proxy serves one request at a time:
 * a request let go after the kill completes before the next one.) */
static void
test_push_killed (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) decide = spawn_decide (f);

  g_assert_true (g_subprocess_wait_check (decide, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GSubprocess) push = NULL;

    assay_test_proxy_hold_answer_at (f->proxy, "decisions", 1);
    push = spawn_assayctl ("--replica", f->replica_path, "push", NULL);
    assay_test_proxy_wait_held (f->proxy);
    g_assert_true (kill_and_wait (push));
    assay_test_proxy_release (f->proxy);
  }
  g_assert_cmpint (only_row_state (f), ==, ASSAY_OUTBOX_QUEUED);
  {
    g_autoptr(GSubprocess) push = NULL;

    assay_test_proxy_hold_at (f->proxy, "decisions", 1);
    push = spawn_assayctl ("--replica", f->replica_path, "push", NULL);
    assay_test_proxy_wait_held (f->proxy);
    g_assert_true (kill_and_wait (push));
    assay_test_proxy_release (f->proxy);
  }
  g_assert_cmpint (only_row_state (f), ==, ASSAY_OUTBOX_QUEUED);

  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_cmpint (only_row_state (f), ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpuint (n_logged_decisions (f), ==, 1);
  g_assert_cmpuint (assay_test_proxy_count (f->proxy, "decisions"), ==, 3);
}

/* The service down during a push: the row stays queued with the network
 * error as the answer and a later attempt; back up, a retry logs it. */
static void
test_service_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) decide = spawn_decide (f);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *out = NULL;
  AssayOutboxRow *row;

  g_assert_true (g_subprocess_wait_check (decide, NULL, &error));
  assay_test_central_stop (f->central);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "push", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "1 to retry"));
  rows = outbox_rows (f);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_QUEUED);
  g_assert_cmpint (row->attempts, ==, 1);
  g_assert_nonnull (row->answer);
  g_assert_cmpint (row->next_attempt, >, g_get_real_time () / G_USEC_PER_SEC);

  /* Not due yet: nothing is sent. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing to push"));

  assay_test_central_start (f->central);
  assay_test_proxy_set_upstream (f->proxy, f->central->url);
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);

    g_assert_true (assay_replica_outbox_retry_now (replica, row->id, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  g_assert_cmpint (only_row_state (f), ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpuint (n_logged_decisions (f), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add ("/assay/decisions/kill/decide", Fixture, NULL, fixture_set_up, test_decide_killed, fixture_tear_down);
  g_test_add ("/assay/decisions/kill/push", Fixture, NULL, fixture_set_up, test_push_killed, fixture_tear_down);
  g_test_add ("/assay/decisions/kill/service-down", Fixture, NULL, fixture_set_up, test_service_down,
              fixture_tear_down);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}
