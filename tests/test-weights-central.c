/* test-weights-central.c — weights decisions end to end: proposed, co-signed, logged, synced, refused
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

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-day.h"
#include "assay-decision-draft.h"
#include "assay-error.h"
#include "assay-outbox-push.h"
#include "assay-proposals.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-replica-weights.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

#define ORIGIN "weights.test/log"
#define PLAN   "professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15"
#define NEXT   "professional=27.5,knowledge=17.5,community=15,ecological=15,data=10,market_order=15"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica_path;
  char             *key;      /* dana's, erin's and fei's key files: committee keys of roster version 2 */
  char             *erin_key;
  char             *fei_key;
  char             *pw;
  char             *today;
} Fixture;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A key file made by `assayctl key create`, added to `roster`'s committee
 * as `holder`. */
static char *
committee_key_file (Fixture     *f,
                    AssayRoster *roster,
                    const char  *holder)
{
  g_autofree char *name = g_strconcat (holder, ".key", NULL);
  char *path = g_build_filename (f->dir, name, NULL);

  assay_test_committee_key_file (roster, holder, path, f->pw);
  return path;
}

/* The flagged ledger (so that the replica has a flag run to name) and two
 * roster versions in force by the real clock, logged today: the standard
 * one (committee ana, bo, chen; weights need 3 of them) and version 2,
 * which adds the key files of dana, erin and fei to the committee. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *lines = assay_test_cases_lines (FALSE);
  g_autoptr(AssayRoster) v1 = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(AssayRoster) v2 = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  f->today = g_date_time_format (utc, "%Y-%m-%d");
  f->dir = assay_test_mkdtemp ();
  f->replica_path = g_build_filename (f->dir, "replica.db", NULL);
  f->pw = g_build_filename (f->dir, "pw", NULL);
  g_assert_true (g_file_set_contents (f->pw, "the committee's passphrase\n", -1, NULL));

  v1->expires = now () + ASSAY_TEST_YEAR;
  assay_test_central_append_roster (f->central, v1, &signers, f->today);
  v2 = assay_test_roster_new (&signers, 2, v1->sha256);
  v2->expires = now () + ASSAY_TEST_YEAR;
  f->key = committee_key_file (f, v2, "dana");
  f->erin_key = committee_key_file (f, v2, "erin");
  f->fei_key = committee_key_file (f, v2, "fei");
  assay_test_central_append_roster (f->central, v2, &signers, f->today);
  assay_test_central_start (f->central);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica_path);
  g_free (f->key);
  g_free (f->erin_key);
  g_free (f->fei_key);
  g_free (f->pw);
  g_free (f->today);
}

/* `assayctl sync`; its exit status must be `expected`. */
static void
sync_replica (Fixture  *f,
              int       expected,
              char    **out_text)
{
  g_autofree char *text = assay_test_central_sync (f->central, f->replica_path, expected);

  if (out_text != NULL)
    *out_text = g_steal_pointer (&text);
}

static AssayReplica *
open_replica (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica = assay_replica_open (f->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return replica;
}

static AssayPushReport
push (Fixture      *f,
      AssayReplica *replica)
{
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(GError) error = NULL;
  AssayPushReport report = { 0 };

  log_key = assay_note_verifier_new_from_string (f->central->key, &error);
  g_assert_no_error (error);
  g_assert_true (assay_outbox_push (replica, f->central->url, log_key, now (), &report, &error));
  g_assert_no_error (error);
  return report;
}

/* A committee member reads the one proposal at the service from its own
 * payload, co-signs it and pushes: the service counts one more holder. */
static AssayPushReport
cosign (Fixture      *f,
        AssayReplica *replica,
        guint         signer,
        guint         n_signed_before)
{
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(AssayDecision) read = NULL;
  g_autoptr(GError) error = NULL;
  AssayProposal *p;

  proposals = assay_proposals_fetch (f->central->url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, ==, 1);
  p = g_ptr_array_index (proposals, 0);
  g_assert_cmpuint (p->n_signed, ==, n_signed_before);
  g_assert_cmpuint (p->threshold, ==, 3);
  read = assay_proposal_get_decision (p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->kind, ==, ASSAY_DECISION_KIND_WEIGHTS);
  g_assert_true (assay_proposal_cosign (replica, p, signers.keys[signer], assay_test_holder (signer), now (),
                                        &error));
  g_assert_no_error (error);
  return push (f, replica);
}

static AssayWeights
weights_of (const char *set,
            const char *effective)
{
  AssayWeights weights = { { 0 }, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (assay_weights_parse_set (set, &weights, &error));
  g_assert_no_error (error);
  g_assert_true (assay_day_parse (effective, -1, &weights.effective_day));
  return weights;
}

static void
assert_contains (const char *text,
                 const char *fragment)
{
  if (text == NULL || strstr (text, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", text, fragment);
}

/* ---- the library: draft, sign, push, co-sign, sync ---------------------------------- */

static char *
propose_with_library (Fixture *f)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  AssayWeights weights = weights_of (PLAN, "2027-04-01");
  AssayWeights wide = weights_of ("professional=31,knowledge=19,community=15,ecological=15,data=10,"
                                  "market_order=10", "2027-04-01");
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayDecision) again = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  AssayPushReport report;

  /* Refused before anything is signed: weights outside the plan, an
   * author who is not on the committee. */
  g_assert_null (assay_decision_draft_for_weights (replica, &wide, "Why not.", signers.keyids[ASSAY_TEST_ANA],
                                                   now (), &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, "The weight of professional, 31 %, is outside its range of 20–30 %");
  g_clear_error (&error);
  g_assert_null (assay_decision_draft_for_weights (replica, &weights, "Why not.", signers.keyids[ASSAY_TEST_ARB_0],
                                                   now (), &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, "committee");
  g_clear_error (&error);

  d = assay_decision_draft_for_weights (replica, &weights, "The first quarter's review.",
                                        signers.keyids[ASSAY_TEST_ANA], now (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->kind, ==, ASSAY_DECISION_KIND_WEIGHTS);
  g_assert_cmpint (d->role, ==, ASSAY_ROLE_COMMITTEE);
  g_assert_cmpint (d->subject_kind, ==, ASSAY_SUBJECT_WEIGHTS);
  g_assert_cmpstr (d->subject_id, ==, "pilot");
  g_assert_cmpint (d->subject_seq, ==, 1);
  g_assert_null (d->supersedes);
  g_assert_cmpint (d->roster_version, ==, 2);
  g_assert_true (assay_decision_sign_and_queue (replica, d, signers.keys[ASSAY_TEST_ANA], 0, "ana", now (), &hash,
                                                &error));
  g_assert_no_error (error);
  /* One weights decision at a time. */
  again = assay_decision_draft_for_weights (replica, &weights, "Again.", signers.keyids[ASSAY_TEST_BO], now (),
                                            &error);
  g_assert_null (again);
  assert_contains (error->message, "still waiting in the outbox");
  g_clear_error (&error);

  /* One committee signature of the three: accepted, pending (202). */
  report = push (f, replica);
  g_assert_cmpuint (report.n_pending, ==, 1);
  g_assert_cmpuint (report.n_logged, ==, 0);
  row = assay_replica_outbox_find (replica, hash, &error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_PENDING);
  assert_contains (row->answer, "1 of 3");
  g_clear_pointer (&row, assay_outbox_row_free);

  /* Bo: two of three, still pending; Chen: logged with its receipt. */
  report = cosign (f, replica, ASSAY_TEST_BO, 1);
  g_assert_cmpuint (report.n_pending, ==, 1);
  row = assay_replica_outbox_find (replica, hash, &error);
  assert_contains (row->answer, "2 of 3");
  g_clear_pointer (&row, assay_outbox_row_free);
  report = cosign (f, replica, ASSAY_TEST_CHEN, 2);
  g_assert_cmpuint (report.n_logged, ==, 1);
  row = assay_replica_outbox_find (replica, hash, &error);
  g_assert_cmpint (row->state, ==, ASSAY_OUTBOX_LOGGED);
  g_assert_cmpint (row->log_index, >, 0);
  return g_steal_pointer (&hash);
}

static void
check_first_version (Fixture    *f,
                     const char *hash)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  g_autoptr(GError) error = NULL;
  static const gint64 expected[] = { 2500, 2000, 1500, 1500, 1000, 1500 };
  AssayStoredWeights *v;
  guint32 today;

  versions = assay_replica_list_weights_versions (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  v = g_ptr_array_index (versions, 0);
  row = assay_replica_outbox_find (replica, hash, &error);
  g_assert_cmpuint (v->index, ==, row->log_index);
  g_assert_cmpstr (v->hash, ==, hash);
  g_assert_true (assay_day_parse (f->today, -1, &today));
  g_assert_cmpuint (v->logged_day, ==, today);
  g_assert_cmpuint (v->effective_day, ==, weights_of (PLAN, "2027-04-01").effective_day);
  g_assert_cmpmem (v->basis_points, sizeof v->basis_points, expected, sizeof expected);
  g_assert_cmpstr (v->rationale, ==, "The first quarter's review.");
  g_assert_cmpuint (g_strv_length (v->signers), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) v->signers, "ana"));
  g_assert_true (g_strv_contains ((const char * const *) v->signers, "bo"));
  g_assert_true (g_strv_contains ((const char * const *) v->signers, "chen"));
}

/* A decision names the rule set of the flag run: a replica that has none
 * (a copy whose run is deleted) refuses to draft, in words. */
static void
check_needs_flag_run (Fixture *f)
{
  g_autofree char *copy = g_build_filename (f->dir, "no-flag-run.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (f->replica_path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GError) error = NULL;
  AssayWeights weights = weights_of (PLAN, "2027-04-01");
  sqlite3 *db = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM flag_run", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  replica = assay_replica_open (copy, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  d = assay_decision_draft_for_weights (replica, &weights, "Early.", signers.keyids[ASSAY_TEST_ANA], now (), &error);
  g_assert_null (d);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  assert_contains (error->message, "has not run the rule set yet");
}

/* ---- the command line --------------------------------------------------------------- */

static JsonArray *
weights_json (Fixture    *f,
              JsonParser *parser)
{
  g_autofree char *text = NULL;

  g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "weights", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_get_array (json_parser_get_root (parser));
}

/* The hash in "Signed and queued weights decision HASH (…". */
static char *
queued_hash (const char *text)
{
  const char *start = strstr (text, "weights decision ");

  g_assert_nonnull (start);
  start += strlen ("weights decision ");
  return g_strndup (start, 64);
}

static char *
propose_with_cli (Fixture *f)
{
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *hash = NULL;

  /* Refusals are usage errors that name the weight and its range, or
   * the date; nothing is queued. */
  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "weights", "propose",
                                        "--key", f->key, "--set", "professional=25,knowledge=20,community=15,"
                                        "ecological=14,data=16,market_order=10", "--effective", "2027-07-01",
                                        "--rationale", "Data matters more.", "--passphrase-file", f->pw, NULL), ==, 2);
  assert_contains (err, "The weight of data, 16 %, is outside its range of 5–15 %");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "weights", "propose",
                                        "--key", f->key, "--set", NEXT, "--effective", "2027-07-02",
                                        "--rationale", "Professional work first.", NULL), ==, 2);
  assert_contains (err, "The effective date 2027-07-02 is not the first day of a quarter");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "weights", "propose",
                                        "--key", f->key, "--set", "professional=25.125", "--effective", "2027-07-01",
                                        "--rationale", "Professional work first.", NULL), ==, 2);
  assert_contains (err, "is not a percentage with at most two decimals");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "weights", "propose",
                                        "--key", f->key, "--set", NEXT, "--effective", "2027-07-01", NULL), ==, 2);
  assert_contains (err, "--rationale");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (assay_test_assayctl (&text, &err, "--replica", f->replica_path, "weights", "propose",
                                        "--key", f->key, "--set", NEXT, "--effective", "2027-07-01",
                                        "--rationale", "Professional work first.", "--passphrase-file", f->pw,
                                        NULL), ==, 0);
  assert_contains (text, "sequence 2");
  assert_contains (text, "Professional 27.5 %, Knowledge sharing 17.5 %");
  hash = queued_hash (text);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "push", NULL), ==, 0);
  assert_contains (text, "Pushed 1: 0 logged, 1 waiting for co-signatures, 0 refused, 0 to retry.");
  return g_steal_pointer (&hash);
}

/* Erin and fei co-sign from the command line, as `decide`'s proposals
 * are: the second co-signature logs it. */
static void
cosign_with_cli (Fixture    *f,
                 const char *hash)
{
  g_autofree char *text = NULL;

  g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "proposals", NULL), ==, 0);
  assert_contains (text, "weights on weights:pilot (sequence 2), signed by 1 of 3: dana");
  assert_contains (text, hash);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "cosign", "--key", f->erin_key,
                                        "--passphrase-file", f->pw, hash, NULL), ==, 0);
  assert_contains (text, "Pushed 1: 0 logged, 1 waiting for co-signatures");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "cosign", "--key", f->fei_key,
                                        "--passphrase-file", f->pw, hash, NULL), ==, 0);
  assert_contains (text, "Pushed 1: 1 logged");
}

static void
check_cli_listing (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonArray *versions = weights_json (f, parser);
  JsonObject *second, *points;
  JsonArray *signed_by;

  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  second = json_array_get_object_element (versions, 1);
  g_assert_cmpint (json_object_get_int_member (second, "index"), >,
                   json_object_get_int_member (json_array_get_object_element (versions, 0), "index"));
  g_assert_cmpstr (json_object_get_string_member (second, "effective"), ==, "2027-07-01");
  g_assert_cmpstr (json_object_get_string_member (second, "logged"), ==, f->today);
  g_assert_cmpstr (json_object_get_string_member (second, "rationale"), ==, "Professional work first.");
  points = json_object_get_object_member (second, "basis_points");
  g_assert_cmpint (json_object_get_int_member (points, "professional"), ==, 2750);
  g_assert_cmpint (json_object_get_int_member (points, "knowledge"), ==, 1750);
  g_assert_cmpint (json_object_get_int_member (points, "market_order"), ==, 1500);
  signed_by = json_object_get_array_member (second, "signers");
  g_assert_cmpuint (json_array_get_length (signed_by), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (signed_by, 0), ==, "dana");
  g_assert_cmpstr (json_array_get_string_element (signed_by, 1), ==, "erin");
  g_assert_cmpstr (json_array_get_string_element (signed_by, 2), ==, "fei");

  g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "weights", NULL), ==, 0);
  assert_contains (text, "2027-07-01");
  assert_contains (text, "Professional 27.5 %");
  assert_contains (text, "dana, erin, fei");
  assert_contains (text, "Professional work first.");
}

/* ---- forged weights ----------------------------------------------------------------- */

/* The last logged weights decision's payload, made the next one with
 * weights out of range (the sum still 100 %), canonical and signed by the
 * whole committee: only the weights check can refuse it. */
static char *
forged_envelope (Fixture *f)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(GPtrArray) logged = assay_replica_list_decisions (replica, "weights", "pilot", NULL);
  AssayLoggedDecision *last = g_ptr_array_index (logged, logged->len - 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GError) error = NULL;
  AssayKeyFile *keys[] = { signers.keys[ASSAY_TEST_ANA], signers.keys[ASSAY_TEST_BO], signers.keys[ASSAY_TEST_CHEN] };
  JsonObject *top, *points;

  g_assert_true (json_parser_load_from_data (parser, last->payload, -1, NULL));
  top = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (top, "decision_id", "0123456789abcdef0123456789abcdef");
  json_object_set_int_member (top, "subject_seq", last->subject_seq + 1);
  json_object_set_string_member (top, "supersedes", last->hash);
  json_object_set_string_member (top, "author", signers.keyids[ASSAY_TEST_ANA]);
  json_object_set_int_member (top, "created_at", now ());
  json_object_set_int_member (top, "not_after", now () + 86400);
  points = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (top, "params"),
                                                                        "weights"), "basis_points");
  json_object_set_int_member (points, "professional", 3500);
  json_object_set_int_member (points, "knowledge", 1500);
  json_object_set_int_member (points, "community", 1000);
  json_object_set_int_member (points, "ecological", 1000);
  json_object_set_int_member (points, "data", 1000);
  json_object_set_int_member (points, "market_order", 2000);
  payload = assay_canonical_json_encode (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload, keys, G_N_ELEMENTS (keys));
  return assay_dsse_envelope_to_json (envelope);
}

static void
post_forged (Fixture    *f,
             const char *envelope)
{
  g_autofree char *url = g_strconcat (f->central->url, "decisions", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) body = g_bytes_new (envelope, strlen (envelope));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *reason;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (soup_message_get_status (msg) != 400)
    g_error ("answered %u, not 400: %s", soup_message_get_status (msg), text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  reason = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "error");
  assert_contains (reason, "The weight of professional, 35 %, is outside its range of 20–30 %");
}

/* ---- the test ----------------------------------------------------------------------- */

static void
test_end_to_end (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autofree char *hash = NULL;
  g_autofree char *out = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *cli_hash = NULL;

  sync_replica (f, 0, NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *text = NULL;

    g_assert_cmpuint (json_array_get_length (weights_json (f, parser)), ==, 0);
    g_assert_cmpint (assay_test_assayctl (&text, NULL, "--replica", f->replica_path, "weights", NULL), ==, 0);
    assert_contains (text, "No weights decision in the log yet");
  }

  check_needs_flag_run (f);
  hash = propose_with_library (f);
  sync_replica (f, 0, &out);
  assert_contains (out, "Verified 1 new decision of the log.");
  check_first_version (f, hash);

  cli_hash = propose_with_cli (f);
  cosign_with_cli (f, cli_hash);
  sync_replica (f, 0, NULL);
  check_cli_listing (f);

  /* Out-of-range weights signed by the whole committee: the service
   * refuses them (400, the weight and its range); logged all the same,
   * every replica raises an alert and stores nothing. */
  forged = forged_envelope (f);
  post_forged (f, forged);
  assay_test_central_append_signed (f->central, "decision", forged, f->today);
  g_clear_pointer (&out, g_free);
  sync_replica (f, 3, &out);
  assert_contains (out, "does not verify");
  assert_contains (out, "The weight of professional, 35 %, is outside its range of 20–30 %");
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    g_autoptr(GPtrArray) versions = assay_replica_list_weights_versions (replica, NULL);

    g_assert_cmpuint (versions->len, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add ("/assay/weights/end-to-end", Fixture, NULL, fixture_set_up, test_end_to_end, fixture_tear_down);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}
